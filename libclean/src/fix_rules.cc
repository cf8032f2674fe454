// Loading and checking of rules/typos/*.tsv and rules/spin/*.tsv.
#include "fix_rules.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "utf8.h"
#include "zhclean/fix.h"
#include "zhclean/rule_set.h"

namespace zhclean {

namespace internal {
namespace {

namespace fs = std::filesystem;

// Column (1-based, code points) of byte `pos` of a field starting at `col`.
uint32_t ColumnAt(const RuleField& field, size_t pos) {
  return field.column + static_cast<uint32_t>(
                            CountCodePoints(std::string_view(field.text).substr(0, pos)));
}

bool ParseClass(std::string_view name, CharClass* cls) {
  static const std::map<std::string_view, CharClass> kClasses = {
      {"han", CharClass::kHan},     {"punct", CharClass::kPunct},
      {"digit", CharClass::kDigit}, {"latin", CharClass::kLatin},
      {"edge", CharClass::kEdge}};
  auto it = kClasses.find(name);
  if (it == kClasses.end()) return false;
  *cls = it->second;
  return true;
}

// Parses "A|[xyz]|{han}" into alternatives; returns an error message or "".
std::string ParseAlternatives(std::string_view value, std::vector<ContextAlt>* alts) {
  if (value.empty()) return "empty guard value";
  size_t pos = 0;
  while (pos <= value.size()) {
    size_t bar = value.find('|', pos);
    std::string_view alt = value.substr(pos, bar == std::string_view::npos ? bar : bar - pos);
    ContextAlt a;
    if (alt.empty()) return "empty alternative in guard";
    if (alt.size() > 2 && alt.front() == '[' && alt.back() == ']') {
      a.kind = ContextAlt::Kind::kSet;
      std::string_view body = alt.substr(1, alt.size() - 2);
      for (size_t i = 0; i < body.size();) a.set.push_back(NextCodePoint(body, &i));
    } else if (alt.size() > 2 && alt.front() == '{' && alt.back() == '}') {
      a.kind = ContextAlt::Kind::kClass;
      if (!ParseClass(alt.substr(1, alt.size() - 2), &a.cls)) {
        return "unknown class " + std::string(alt) +
               " (expected {han}, {punct}, {digit}, {latin} or {edge})";
      }
    } else {
      a.text = std::string(alt);
    }
    alts->push_back(std::move(a));
    if (bar == std::string_view::npos) break;
    pos = bar + 1;
  }
  return "";
}

// Applies one option token to *rule; returns an error message or "".
std::string ParseOption(std::string_view token, bool spin_file, FixRule* rule) {
  if (token == "marker") {
    if (!spin_file) return "'marker' is only allowed in spin files";
    rule->marker = true;
    return "";
  }
  size_t eq = token.find('=');
  std::string_view key = token.substr(0, eq);
  std::string_view value = eq == std::string_view::npos ? "" : token.substr(eq + 1);
  if (key == "scope") {
    if (value == "always") {
      rule->scope = FixScope::kAlways;
    } else if (value == "spun" && spin_file) {
      rule->scope = FixScope::kSpun;
    } else {
      return spin_file ? "scope must be always or spun" : "scope must be always in typo files";
    }
    return "";
  }
  Guard guard;
  if (key == "after" || key == "before" || key == "not_after" || key == "not_before") {
    guard.after = key == "after" || key == "not_after";
    guard.negate = key.rfind("not_", 0) == 0;
    std::string error = ParseAlternatives(value, &guard.alts);
    if (!error.empty()) return error;
    rule->guards.push_back(std::move(guard));
    return "";
  }
  return "unknown option '" + std::string(key) +
         "' (expected scope=, marker, before=, after=, not_before=, not_after=)";
}

// Reads one parsed line into *rule; errors go to *errors.
bool ReadRule(const RuleFile& file, const RuleLine& line, bool spin_file,
              std::vector<Diagnostic>* errors, FixRule* rule) {
  rule->wrong = line.fields[0].text;
  rule->right = line.fields[1].text;
  rule->path = file.path;
  rule->line = line.line;
  rule->scope = spin_file ? FixScope::kSpun : FixScope::kAlways;
  bool ok = true;
  if (rule->wrong == rule->right) {
    AddRuleError(file, line.line, line.fields[1].column, "right side equals wrong side", errors);
    ok = false;
  }
  if (line.fields.size() < 3) return ok;
  const RuleField& opts = line.fields[2];
  rule->options = opts.text;
  size_t pos = 0;
  while (pos < opts.text.size()) {
    size_t space = opts.text.find(' ', pos);
    if (space == std::string::npos) space = opts.text.size();
    std::string_view token = std::string_view(opts.text).substr(pos, space - pos);
    if (!token.empty()) {
      std::string error = ParseOption(token, spin_file, rule);
      if (!error.empty()) {
        AddRuleError(file, line.line, ColumnAt(opts, pos), error, errors);
        ok = false;
      }
    }
    pos = space + 1;
  }
  return ok;
}

// Duplicates: same wrong side and options in the same group (all typo
// files, or one dialect).
void CheckDuplicates(const std::vector<FixRule>& rules, std::vector<Diagnostic>* errors) {
  std::map<std::tuple<int, std::string, std::string>, const FixRule*> seen;
  for (const FixRule& r : rules) {
    auto [it, fresh] = seen.emplace(std::make_tuple(r.dialect, r.wrong, r.options), &r);
    if (fresh) continue;
    RuleFile f;
    f.path = r.path;
    AddRuleError(f, r.line, 1,
                 "duplicate rule for '" + r.wrong + "' (first at " + it->second->path + ":" +
                     std::to_string(it->second->line) + ")",
                 errors);
  }
}

// A cycle: following wrong→right edges from a rule's right side leads back
// to its wrong side (a→b, b→a; a→b, b→c, c→a). Reported at every member.
void CheckCycles(const std::vector<FixRule>& rules, std::vector<Diagnostic>* errors) {
  std::multimap<std::string, const FixRule*> by_wrong;
  for (const FixRule& r : rules) by_wrong.emplace(r.wrong, &r);
  for (const FixRule& r : rules) {
    std::set<std::string> visited;
    std::vector<std::pair<std::string, std::string>> stack = {{r.right, r.wrong + " → " + r.right}};
    while (!stack.empty()) {
      auto [node, chain] = stack.back();
      stack.pop_back();
      if (node == r.wrong) {
        RuleFile f;
        f.path = r.path;
        AddRuleError(f, r.line, 1, "rule cycle: " + chain, errors);
        break;
      }
      if (!visited.insert(node).second) continue;
      auto [lo, hi] = by_wrong.equal_range(node);
      for (auto it = lo; it != hi; ++it) {
        stack.push_back({it->second->right, chain + " → " + it->second->right});
      }
    }
  }
}

// "typos/ocr.tsv" from ".../rules/typos/ocr.tsv".
std::string RuleIdPrefix(const std::string& path) {
  fs::path p(path);
  return p.parent_path().filename().string() + "/" + p.filename().string();
}

void Compile(CompiledFixRules* c) {
  std::vector<std::string> patterns;
  c->marker_count = 0;
  for (const FixRule& r : c->rules) {
    patterns.push_back(r.wrong);
    if (r.marker) ++c->marker_count;
  }
  c->matcher.Build(patterns);
}

}  // namespace
}  // namespace internal

FixRuleSet::FixRuleSet() : impl_(std::make_unique<internal::CompiledFixRules>()) {}
FixRuleSet::~FixRuleSet() = default;
FixRuleSet::FixRuleSet(FixRuleSet&&) noexcept = default;
FixRuleSet& FixRuleSet::operator=(FixRuleSet&&) noexcept = default;
size_t FixRuleSet::rule_count() const { return impl_->rules.size(); }
size_t FixRuleSet::marker_count() const { return impl_->marker_count; }
std::vector<std::string> FixRuleSet::dialects() const { return impl_->dialects; }
size_t FixRuleSet::MaxKeyLength() const { return impl_->matcher.max_pattern_bytes(); }

Status ParseFixRules(const std::vector<FixRuleSource>& sources, FixRuleSet* out,
                     std::vector<Diagnostic>* errors) {
  using internal::FixRule;
  internal::CompiledFixRules* c = out->mutable_compiled();
  *c = internal::CompiledFixRules();
  size_t first_error = errors->size();
  for (const FixRuleSource& source : sources) {
    std::filesystem::path p(source.path);
    bool spin = p.parent_path().filename() == "spin";
    RuleFile file;
    (void)ParseRuleText(source.path, source.text, {spin ? "spin" : "typo", 2, 3}, &file,
                        errors);
    int dialect = -1;
    if (spin) {
      c->dialects.push_back(p.stem().string());
      dialect = static_cast<int>(c->dialects.size() - 1);
    }
    std::string prefix = internal::RuleIdPrefix(source.path);
    for (const RuleLine& line : file.lines) {
      FixRule rule;
      rule.dialect = dialect;
      rule.id = prefix + ":" + std::to_string(line.line);
      if (internal::ReadRule(file, line, spin, errors, &rule)) c->rules.push_back(std::move(rule));
    }
  }
  internal::CheckDuplicates(c->rules, errors);
  internal::CheckCycles(c->rules, errors);
  if (errors->size() > first_error) {
    std::vector<Diagnostic> mine(errors->begin() + static_cast<std::ptrdiff_t>(first_error),
                                 errors->end());
    return InvalidArgumentError(JoinDiagnostics(mine));
  }
  internal::Compile(c);
  return OkStatus();
}

Status LoadFixRules(const std::string& rules_dir, FixRuleSet* out,
                    std::vector<Diagnostic>* errors) {
  namespace fs = std::filesystem;
  std::vector<FixRuleSource> sources;
  bool any_dir = false;
  for (const char* sub : {"typos", "spin"}) {
    fs::path dir = fs::path(rules_dir) / sub;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    any_dir = true;
    std::vector<std::string> paths;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.path().extension() == ".tsv") paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    for (const std::string& path : paths) {
      std::ifstream in(path, std::ios::binary);
      if (!in) return NotFoundError(path + ": cannot read rule file");
      std::ostringstream text;
      text << in.rdbuf();
      sources.push_back({path, text.str()});
    }
  }
  if (!any_dir) {
    return NotFoundError(rules_dir + ": no typos/ or spin/ rule directory");
  }
  return ParseFixRules(sources, out, errors);
}

}  // namespace zhclean
