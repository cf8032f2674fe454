#include "zhclean/rule_set.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "utf8.h"

#ifndef ZHCLEAN_RULES_DIR
#define ZHCLEAN_RULES_DIR "/usr/local/share/zhclean/rules"
#endif
#ifndef ZHCLEAN_SOURCE_RULES_DIR
#define ZHCLEAN_SOURCE_RULES_DIR ""
#endif

namespace zhclean {

namespace {

// Tracks errors for one file and caps their number.
class RuleParser {
 public:
  RuleParser(std::string_view path, const RuleFileSpec& spec, RuleFile* out,
             std::vector<Diagnostic>* errors, size_t max_errors)
      : spec_(spec), out_(out), errors_(errors), max_errors_(max_errors) {
    out_->path = std::string(path);
  }

  void Parse(std::string_view text);
  bool failed() const { return failed_; }

 private:
  void Error(uint32_t line, uint32_t column, std::string message) {
    failed_ = true;
    if (errors_->size() < max_errors_) {
      AddRuleError(*out_, line, column, std::move(message), errors_);
    }
  }
  bool ParseHeader(uint32_t line, std::string_view text);
  void ParseLine(uint32_t line, std::string_view text);
  bool ExpandEscapes(uint32_t line, uint32_t column, std::string_view field,
                     std::string* out);

  const RuleFileSpec& spec_;
  RuleFile* out_;
  std::vector<Diagnostic>* errors_;
  size_t max_errors_;
  bool failed_ = false;
  bool header_seen_ = false;
};

bool RuleParser::ParseHeader(uint32_t line, std::string_view text) {
  static constexpr std::string_view kPrefix = "#! zhclean-rules v1 kind=";
  if (text.rfind("#! zhclean-rules ", 0) != 0) {
    Error(line, 1, "expected header '#! zhclean-rules v1 kind=" + spec_.kind + "'");
    return false;
  }
  if (text.rfind(kPrefix, 0) != 0) {
    Error(line, 18, "unsupported rule format version (expected v1)");
    return false;
  }
  out_->kind = std::string(text.substr(kPrefix.size()));
  while (!out_->kind.empty() && (out_->kind.back() == ' ' || out_->kind.back() == '\r')) {
    out_->kind.pop_back();
  }
  if (out_->kind != spec_.kind) {
    Error(line, static_cast<uint32_t>(kPrefix.size() + 1),
          "expected kind=" + spec_.kind + ", found kind=" + out_->kind);
  }
  return true;
}

bool RuleParser::ExpandEscapes(uint32_t line, uint32_t column,
                               std::string_view field, std::string* out) {
  // Only a field made entirely of U+XXXX tokens is an escape.
  std::istringstream tokens{std::string(field)};
  std::string token, expanded;
  while (tokens >> token) {
    if (token.size() < 6 || token.size() > 8 || token.compare(0, 2, "U+") != 0 ||
        token.find_first_not_of("0123456789ABCDEFabcdef", 2) != std::string::npos) {
      return false;
    }
    char32_t cp = static_cast<char32_t>(std::strtoul(token.c_str() + 2, nullptr, 16));
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      Error(line, column, "invalid code point " + token);
      return true;
    }
    internal::AppendUtf8(cp, &expanded);
  }
  if (expanded.empty()) return false;
  *out = expanded;
  return true;
}

void RuleParser::ParseLine(uint32_t line, std::string_view text) {
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  size_t valid = internal::ValidUtf8Prefix(text);
  if (valid < text.size()) {
    Error(line, static_cast<uint32_t>(internal::CountCodePoints(text.substr(0, valid)) + 1),
          "invalid UTF-8 " + HexBytes(text.data() + valid, 1));
    return;
  }
  if (text.find_first_not_of(" \t") == std::string_view::npos) return;
  if (!header_seen_) {
    header_seen_ = true;
    if (ParseHeader(line, text)) return;
  }
  if (text[0] == '#') return;
  RuleLine rule;
  rule.line = line;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t tab = text.find('\t', pos);
    std::string_view field = text.substr(pos, tab == std::string_view::npos ? std::string_view::npos : tab - pos);
    auto column = static_cast<uint32_t>(internal::CountCodePoints(text.substr(0, pos)) + 1);
    if (!rule.fields.empty() && !field.empty() && field[0] == '#') break;  // Trailing comment.
    if (field.empty()) {
      Error(line, column, "empty field " + std::to_string(rule.fields.size() + 1));
      return;
    }
    RuleField f;
    f.column = column;
    if (!ExpandEscapes(line, column, field, &f.text)) f.text = std::string(field);
    rule.fields.push_back(std::move(f));
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  auto end_column = static_cast<uint32_t>(internal::CountCodePoints(text) + 1);
  if (rule.fields.size() < spec_.min_fields) {
    Error(line, end_column,
          "expected TAB after field " + std::to_string(rule.fields.size()) + " (" +
              std::to_string(spec_.min_fields) + " fields needed)");
    return;
  }
  if (rule.fields.size() > spec_.max_fields) {
    Error(line, rule.fields[spec_.max_fields].column,
          "unexpected field " + std::to_string(spec_.max_fields + 1) + " (at most " +
              std::to_string(spec_.max_fields) + ")");
    return;
  }
  out_->lines.push_back(std::move(rule));
}

void RuleParser::Parse(std::string_view text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);
  uint32_t line = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    ParseLine(++line, text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  if (!header_seen_) Error(1, 1, "empty rule file (expected a '#! zhclean-rules' header)");
}

}  // namespace

void AddRuleError(const RuleFile& file, uint32_t line, uint32_t column,
                  std::string message, std::vector<Diagnostic>* errors) {
  Diagnostic d;
  d.path = file.path;
  d.line = line;
  d.column = column;
  d.code = StatusCode::kInvalidArgument;
  d.message = std::move(message);
  errors->push_back(std::move(d));
}

std::string JoinDiagnostics(const std::vector<Diagnostic>& errors) {
  std::string s;
  for (const Diagnostic& d : errors) s += (s.empty() ? "" : "\n") + d.ToString();
  return s;
}

Status ParseRuleText(std::string_view path, std::string_view text,
                     const RuleFileSpec& spec, RuleFile* out,
                     std::vector<Diagnostic>* errors, size_t max_errors) {
  RuleParser parser(path, spec, out, errors, max_errors);
  parser.Parse(text);
  if (parser.failed()) return InvalidArgumentError(JoinDiagnostics(*errors));
  return OkStatus();
}

Status LoadRuleFile(const std::string& path, const RuleFileSpec& spec,
                    RuleFile* out, std::vector<Diagnostic>* errors,
                    size_t max_errors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot read rule file");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseRuleText(path, text.str(), spec, out, errors, max_errors);
}

std::string ResolveRulesDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("ZHCLEAN_RULES_DIR"); env && *env) return env;
  std::error_code ec;
  if (std::filesystem::is_directory(ZHCLEAN_RULES_DIR, ec)) return ZHCLEAN_RULES_DIR;
  return ZHCLEAN_SOURCE_RULES_DIR;
}

}  // namespace zhclean
