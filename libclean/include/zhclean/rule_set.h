// Rule files: the one parser for every rules/*.tsv file.
//
//   zhclean::RuleFile file;
//   std::vector<zhclean::Diagnostic> errors;
//   zhclean::Status s = zhclean::LoadRuleFile("rules/typos/ocr.tsv",
//                                             {"map", 2, 3}, &file, &errors);
//   for (const auto& line : file.lines) Use(line.fields[0].text);
//
// Format (rules/README.md): UTF-8, BOM tolerated; the first non-blank line
// is the header "#! zhclean-rules v1 kind=KIND"; '#' starts a comment line;
// blank lines are ignored; fields are separated by TABs and a field starting
// with '#' starts a trailing comment; a field made only of "U+XXXX" tokens
// separated by spaces stands for those code points.
#ifndef ZHCLEAN_RULE_SET_H_
#define ZHCLEAN_RULE_SET_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "zhclean/diagnostic.h"
#include "zhclean/status.h"

namespace zhclean {

struct RuleField {
  std::string text;     // After U+XXXX expansion.
  uint32_t column = 0;  // 1-based code-point column where the field starts.
};

struct RuleLine {
  uint32_t line = 0;  // 1-based line number.
  std::vector<RuleField> fields;
};

struct RuleFile {
  std::string path;
  std::string kind;  // From the header.
  std::vector<RuleLine> lines;
};

// What a consumer expects of a file.
struct RuleFileSpec {
  std::string kind;       // Required header kind, e.g. "map".
  size_t min_fields = 1;  // Fewer is "expected TAB after field N".
  size_t max_fields = 1;  // More is "unexpected field".
};

// Parses `text` as the contents of `path`. Every problem is appended to
// *errors as "path:line:col" diagnostics (at most `max_errors`; parsing goes
// on after each). Returns kInvalidArgument when there was any error.
Status ParseRuleText(std::string_view path, std::string_view text,
                     const RuleFileSpec& spec, RuleFile* out,
                     std::vector<Diagnostic>* errors, size_t max_errors = 50);

// Reads `path` and parses it; kNotFound when it cannot be read.
Status LoadRuleFile(const std::string& path, const RuleFileSpec& spec,
                    RuleFile* out, std::vector<Diagnostic>* errors,
                    size_t max_errors = 50);

// Appends a diagnostic for `file` at `line`:`column` to *errors.
void AddRuleError(const RuleFile& file, uint32_t line, uint32_t column,
                  std::string message, std::vector<Diagnostic>* errors);

// Joins diagnostics into one message, one per line (for a Status).
std::string JoinDiagnostics(const std::vector<Diagnostic>& errors);

// The rules directory: `flag` when not empty, else $ZHCLEAN_RULES_DIR, else
// the installed share/zhclean/rules, else the source tree's rules/.
std::string ResolveRulesDir(const std::string& flag);

}  // namespace zhclean

#endif  // ZHCLEAN_RULE_SET_H_
