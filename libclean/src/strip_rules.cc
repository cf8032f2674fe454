// Loading and matching of rules/chrome/*.tsv (grammar: rules/chrome/README.md).
#include <algorithm>
#include <filesystem>
#include <map>

#include "strip_rules.h"
#include "utf8.h"
#include "zhclean/rule_set.h"
#include "zhclean/strip.h"

namespace zhclean {

ChromeRuleSet::ChromeRuleSet() : impl_(std::make_unique<internal::ChromeRulesImpl>()) {}
ChromeRuleSet::~ChromeRuleSet() = default;
ChromeRuleSet::ChromeRuleSet(ChromeRuleSet&&) noexcept = default;
ChromeRuleSet& ChromeRuleSet::operator=(ChromeRuleSet&&) noexcept = default;
size_t ChromeRuleSet::size() const { return impl_->rules.size(); }

namespace {

using internal::ChromeClass;
using internal::ChromeRule;
using internal::PatternKind;
using internal::Zone;

const RuleFileSpec kChromeSpec{"chrome", 5, 7};

// Looks `text` up in a {name, value} table; false when absent.
template <typename T, size_t N>
bool Lookup(const std::pair<const char*, T> (&table)[N], std::string_view text, T* out) {
  for (const auto& [name, value] : table) {
    if (text == name) {
      *out = value;
      return true;
    }
  }
  return false;
}

constexpr std::pair<const char*, PatternKind> kKinds[] = {
    {"literal", PatternKind::kLiteral}, {"prefix", PatternKind::kPrefix},
    {"regex", PatternKind::kRegex}};
constexpr std::pair<const char*, Zone> kZones[] = {
    {"head", Zone::kHead}, {"tail", Zone::kTail}, {"any", Zone::kAny}};
constexpr std::pair<const char*, bool> kScopes[] = {{"line", false}, {"block", true}};
constexpr std::pair<const char*, ChromeClass> kClasses[] = {
    {"chrome", ChromeClass::kChrome}, {"date", ChromeClass::kDate},
    {"author", ChromeClass::kAuthor}, {"source", ChromeClass::kSource}};

bool IsTrimSpace(std::string_view s) {
  return s.rfind(" ", 0) == 0 || s.rfind("\t", 0) == 0 || s.rfind("\u3000", 0) == 0;
}

bool HasOuterSpace(std::string_view s) {
  if (s.empty()) return false;
  if (IsTrimSpace(s)) return true;
  char last = s.back();
  return last == ' ' || last == '\t' ||
         (s.size() >= 3 && s.substr(s.size() - 3) == "\u3000");
}

// Rule ids name the file relative to the rules dir: "chrome/share.tsv:12".
std::string RuleId(const std::string& path, uint32_t line) {
  std::filesystem::path p(path);
  return p.parent_path().filename().string() + "/" + p.filename().string() + ":" +
         std::to_string(line);
}

class Compiler {
 public:
  Compiler(const RuleFile& file, internal::ChromeRulesImpl* impl,
           std::vector<Diagnostic>* errors)
      : file_(file), impl_(impl), errors_(errors) {}
  bool Compile();

 private:
  void Error(uint32_t line, uint32_t column, std::string message) {
    AddRuleError(file_, line, column, std::move(message), errors_);
    ok_ = false;
  }
  bool ParseColumns(const RuleLine& line, ChromeRule* rule);
  bool CheckPattern(const RuleLine& line, ChromeRule* rule);
  bool ParseKeys(const RuleLine& line, ChromeRule* rule);
  void Add(const RuleLine& line, ChromeRule rule);

  const RuleFile& file_;
  internal::ChromeRulesImpl* impl_;
  std::vector<Diagnostic>* errors_;
  bool ok_ = true;
};

bool Compiler::ParseColumns(const RuleLine& line, ChromeRule* rule) {
  const auto& f = line.fields;
  bool ok = true;
  if (!Lookup(kKinds, f[0].text, &rule->kind)) {
    Error(line.line, f[0].column, "expected pattern kind literal, prefix or regex");
    ok = false;
  }
  if (!Lookup(kZones, f[2].text, &rule->zone)) {
    Error(line.line, f[2].column, "expected zone head, tail or any");
    ok = false;
  }
  const std::string& len = f[3].text;
  if (len.empty() || len.size() > 5 ||
      !std::all_of(len.begin(), len.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      std::stoul(len) == 0) {
    Error(line.line, f[3].column, "expected max line length, a number from 1 to 99999");
    ok = false;
  } else {
    rule->max_length = static_cast<uint32_t>(std::stoul(len));
  }
  if (!Lookup(kScopes, f[4].text, &rule->block)) {
    Error(line.line, f[4].column, "expected scope line or block");
    ok = false;
  }
  if (f.size() > 5 && !Lookup(kClasses, f[5].text, &rule->cls)) {
    Error(line.line, f[5].column, "expected class chrome, date, author or source");
    ok = false;
  }
  if (f.size() > 6 && !ParseKeys(line, rule)) ok = false;
  return ok;
}

bool Compiler::ParseKeys(const RuleLine& line, ChromeRule* rule) {
  const RuleField& field = line.fields[6];
  if (rule->kind != PatternKind::kRegex) {
    Error(line.line, field.column, "keys are a prefilter for regex rules only");
    return false;
  }
  std::string_view keys = field.text;
  while (!keys.empty()) {
    size_t space = keys.find(' ');
    std::string_view key = keys.substr(0, space);
    keys.remove_prefix(space == std::string_view::npos ? keys.size() : space + 1);
    if (key.empty()) continue;
    if (key.size() > 1 && key[0] == '=') {
      for (size_t i = 1; i < key.size();) rule->only.push_back(internal::NextCodePoint(key, &i));
      std::sort(rule->only.begin(), rule->only.end());
      continue;
    }
    rule->keys.emplace_back(key);
    std::array<uint64_t, 4> mask{0, 0, 0, 0};
    for (unsigned char c : key) mask[c >> 6] |= uint64_t{1} << (c & 63);
    rule->key_bytes.push_back(mask);
    auto last = static_cast<unsigned char>(key.back());
    rule->key_last_bytes[last >> 6] |= uint64_t{1} << (last & 63);
  }
  return true;
}

bool Compiler::CheckPattern(const RuleLine& line, ChromeRule* rule) {
  const RuleField& field = line.fields[1];
  rule->pattern = field.text;
  if (rule->kind != PatternKind::kRegex && HasOuterSpace(field.text)) {
    Error(line.line, field.column,
          "pattern has leading or trailing space; lines are trimmed before matching");
    return false;
  }
  size_t length = internal::CountCodePoints(field.text);
  if (rule->kind != PatternKind::kRegex && length > rule->max_length) {
    Error(line.line, line.fields[3].column,
          "max length " + std::to_string(rule->max_length) + " is shorter than the pattern (" +
              std::to_string(length) + " code points)");
    return false;
  }
  if (rule->kind == PatternKind::kRegex) {
    uint32_t column = 0;
    auto regex = internal::StripRegex::Compile(field.text, &column);
    if (!regex.ok()) {
      Error(line.line, field.column + (column > 0 ? column - 1 : 0), regex.status().message());
      return false;
    }
    rule->regex = std::move(*regex);
  }
  return true;
}

void Compiler::Add(const RuleLine& line, ChromeRule rule) {
  for (const ChromeRule& other : impl_->rules) {
    if (other.kind == rule.kind && other.pattern == rule.pattern) {
      Error(line.line, line.fields[1].column, "duplicate pattern (first defined at " +
                                                   other.id + ")");
      return;
    }
  }
  impl_->rules.push_back(std::move(rule));
}

bool Compiler::Compile() {
  for (const RuleLine& line : file_.lines) {
    ChromeRule rule;
    rule.id = RuleId(file_.path, line.line);
    if (!ParseColumns(line, &rule) || !CheckPattern(line, &rule)) continue;
    Add(line, std::move(rule));
  }
  return ok_;
}

}  // namespace

Status LoadChromeRuleFile(const std::string& path, ChromeRuleSet* rules,
                          std::vector<Diagnostic>* errors) {
  RuleFile file;
  Status s = LoadRuleFile(path, kChromeSpec, &file, errors);
  if (s.code() == StatusCode::kNotFound) return s;
  Compiler compiler(file, rules->mutable_impl(), errors);
  bool compiled = compiler.Compile();
  internal::Reindex(rules->mutable_impl());
  if (!s.ok()) return s;
  if (!compiled) return InvalidArgumentError(JoinDiagnostics(*errors));
  return OkStatus();
}

Status LoadChromeRules(const std::string& rules_dir, ChromeRuleSet* rules,
                       std::vector<Diagnostic>* errors) {
  std::filesystem::path dir = std::filesystem::path(rules_dir) / "chrome";
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".tsv") paths.push_back(entry.path().string());
  }
  if (paths.empty()) {
    return NotFoundError(dir.string() + ": no chrome rule files (*.tsv)");
  }
  std::sort(paths.begin(), paths.end());
  bool failed = false;
  for (const std::string& path : paths) {
    Status s = LoadChromeRuleFile(path, rules, errors);
    if (s.code() == StatusCode::kNotFound) return s;
    failed |= !s.ok();
  }
  if (failed) return InvalidArgumentError(JoinDiagnostics(*errors));
  return OkStatus();
}

namespace internal {

namespace {

// White space as ICU's \s matches it (the line is already trimmed).
bool IsRegexSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

// The "=CHARS" prefilter: every character of `trimmed` is allowed.
bool OnlyAllowed(const ChromeRule& r, std::string_view trimmed) {
  if (r.only.empty()) return true;
  for (size_t i = 0; i < trimmed.size();) {
    char32_t c = NextCodePoint(trimmed, &i);
    if (!IsRegexSpace(c) && !std::binary_search(r.only.begin(), r.only.end(), c)) return false;
  }
  return true;
}

bool ZoneAllows(Zone rule, Zone line) { return rule == Zone::kAny || rule == line; }

// Which byte values occur in a line: a cheap first test for the keys.
struct ByteSet {
  explicit ByteSet(std::string_view s) {
    for (unsigned char c : s) bits[c >> 6] |= uint64_t{1} << (c & 63);
  }
  bool Has(unsigned char c) const { return (bits[c >> 6] >> (c & 63)) & 1; }
  uint64_t bits[4] = {0, 0, 0, 0};
};

bool HasKey(const ChromeRule& r, std::string_view trimmed, const ByteSet& bytes) {
  if (r.keys.empty()) return true;
  const auto& last = r.key_last_bytes;
  if (((last[0] & bytes.bits[0]) | (last[1] & bytes.bits[1]) | (last[2] & bytes.bits[2]) |
       (last[3] & bytes.bits[3])) == 0) {
    return false;
  }
  for (size_t k = 0; k < r.keys.size(); ++k) {
    const auto& need = r.key_bytes[k];
    if ((need[0] & ~bytes.bits[0]) | (need[1] & ~bytes.bits[1]) | (need[2] & ~bytes.bits[2]) |
        (need[3] & ~bytes.bits[3])) {
      continue;
    }
    if (r.keys[k].size() == 1 || trimmed.find(r.keys[k]) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

void Reindex(ChromeRulesImpl* impl) {
  impl->literals.clear();
  impl->prefixes.clear();
  impl->regexes.clear();
  impl->tail_blocks.clear();
  impl->max_literal_bytes = 0;
  impl->max_pattern_length = 0;
  for (uint32_t i = 0; i < impl->rules.size(); ++i) {
    const ChromeRule& rule = impl->rules[i];
    if (rule.kind == PatternKind::kLiteral) {
      impl->literals.emplace(rule.pattern, i);
      impl->max_literal_bytes =
          std::max(impl->max_literal_bytes, static_cast<uint32_t>(rule.pattern.size()));
    } else if (rule.kind == PatternKind::kPrefix) {
      impl->prefixes.push_back(i);
      impl->max_pattern_length = std::max(impl->max_pattern_length, rule.max_length);
    } else {
      impl->regexes.push_back(i);
      impl->max_pattern_length = std::max(impl->max_pattern_length, rule.max_length);
    }
    if (rule.block && rule.zone == Zone::kTail) impl->tail_blocks.push_back(i);
  }
}

const ChromeRule* MatchTailBlock(const ChromeRulesImpl& rules, std::string_view trimmed,
                                 size_t length) {
  for (uint32_t i : rules.tail_blocks) {
    const ChromeRule& r = rules.rules[i];
    if (length > r.max_length) continue;
    bool hit = r.kind == PatternKind::kLiteral  ? trimmed == r.pattern
               : r.kind == PatternKind::kPrefix ? trimmed.substr(0, r.pattern.size()) == r.pattern
                                                : r.regex->FullMatch(trimmed);
    if (hit) return &r;
  }
  return nullptr;
}

const ChromeRule* MatchChrome(const ChromeRulesImpl& rules, std::string_view trimmed,
                              size_t length, Zone zone, bool literal_only) {
  if (trimmed.size() <= rules.max_literal_bytes) {
    auto it = rules.literals.find(trimmed);
    if (it != rules.literals.end()) {
      const ChromeRule& r = rules.rules[it->second];
      if (ZoneAllows(r.zone, zone)) return &r;
    }
  }
  if (literal_only || length > rules.max_pattern_length) return nullptr;
  for (uint32_t i : rules.prefixes) {
    const ChromeRule& r = rules.rules[i];
    if (length <= r.max_length && ZoneAllows(r.zone, zone) &&
        trimmed.substr(0, r.pattern.size()) == r.pattern) {
      return &r;
    }
  }
  ByteSet bytes(trimmed);
  for (uint32_t i : rules.regexes) {
    const ChromeRule& r = rules.rules[i];
    if (length <= r.max_length && ZoneAllows(r.zone, zone) && HasKey(r, trimmed, bytes) &&
        OnlyAllowed(r, trimmed) && r.regex->FullMatch(trimmed)) {
      return &r;
    }
  }
  return nullptr;
}

}  // namespace internal
}  // namespace zhclean
