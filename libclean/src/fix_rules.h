// The compiled form of the zh-fix rule files.
#ifndef ZHCLEAN_SRC_FIX_RULES_H_
#define ZHCLEAN_SRC_FIX_RULES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "matcher.h"

namespace zhclean::internal {

enum class FixScope {
  kAlways,  // Applies wherever its guards allow.
  kSpun,    // Only inside passages spun by the rule's dialect.
};

enum class CharClass {
  kHan,    // {han}: a CJK ideograph.
  kPunct,  // {punct}: ASCII or CJK punctuation.
  kDigit,  // {digit}: 0-9 or fullwidth digits or 〇一二…十百千万.
  kLatin,  // {latin}: A-Z a-z.
  kEdge,   // {edge}: start or end of the paragraph.
};

// One alternative of a guard: a literal, one character of a set, or a class.
struct ContextAlt {
  enum class Kind { kText, kSet, kClass } kind = Kind::kText;
  std::string text;        // kText.
  std::u32string set;      // kSet.
  CharClass cls = CharClass::kHan;
};

// before=/after= (required) or not_before=/not_after= (forbidden).
struct Guard {
  bool after = true;   // Looks at the text after the match, else before.
  bool negate = false;
  std::vector<ContextAlt> alts;
};

struct FixRule {
  std::string wrong;
  std::string right;
  std::string id;        // "typos/ocr.tsv:12".
  std::string options;   // Field 3 as written (for duplicate checks).
  std::string path;      // As loaded, for diagnostics.
  uint32_t line = 0;
  FixScope scope = FixScope::kAlways;
  bool marker = false;
  int dialect = -1;      // Index into dialects; -1 for typo files.
  std::vector<Guard> guards;
};

struct CompiledFixRules {
  std::vector<FixRule> rules;           // Pattern i of matcher is rules[i].
  std::vector<std::string> dialects;    // Spin file stems.
  PatternMatcher matcher;
  size_t marker_count = 0;
};

// True when every guard of `rule` holds for a match [begin, end) of `text`
// (`text` is one paragraph, valid UTF-8).
bool GuardsHold(const FixRule& rule, std::string_view text, size_t begin, size_t end);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_FIX_RULES_H_
