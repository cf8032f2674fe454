// Compiled chrome rules (rules/chrome/*.tsv) and their matcher.
#ifndef ZHCLEAN_SRC_STRIP_RULES_H_
#define ZHCLEAN_SRC_STRIP_RULES_H_

#include <array>
#include <climits>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "strip_regex.h"

namespace zhclean::internal {

enum class PatternKind {
  kLiteral,  // The whole trimmed line equals the pattern.
  kPrefix,   // The trimmed line starts with the pattern.
  kRegex,    // An ICU regular expression matches the whole trimmed line.
};

enum class Zone {
  kHead,  // Before the first body line of the document.
  kTail,  // After the last body line.
  kAny,   // Anywhere.
};

enum class ChromeClass {
  kChrome,  // Site chrome: always removed.
  kDate,    // Metadata: publication date (removed with --meta drop).
  kAuthor,  // Metadata: author or byline.
  kSource,  // Metadata: source or editor.
};

struct ChromeRule {
  PatternKind kind = PatternKind::kLiteral;
  std::string pattern;
  Zone zone = Zone::kAny;
  uint32_t max_length = 0;  // In code points of the trimmed line.
  bool block = false;       // Also removes the block that follows.
  ChromeClass cls = ChromeClass::kChrome;
  std::string id;           // "chrome/share.tsv:12".
  // Regex prefilter: the rule is tried only on lines containing one of
  // these strings (empty: always tried).
  std::vector<std::string> keys;
  // Per key, the byte values it contains (bit c of word c / 64), so most
  // keys are ruled out without a search.
  std::vector<std::array<uint64_t, 4>> key_bytes;
  // The last byte of every key: a line holding none of them holds no key,
  // which one test rules out (most lines, most rules).
  std::array<uint64_t, 4> key_last_bytes{0, 0, 0, 0};
  // Regex prefilter from a key "=CHARS": every character of a line the
  // regex can match is one of these (sorted) or white space (empty: no
  // such promise). Pager and date shapes are made of a few characters.
  std::u32string only;
  std::unique_ptr<StripRegex> regex;
};

struct ChromeRulesImpl {
  std::vector<ChromeRule> rules;
  // Views into rules[i].pattern; rebuilt by Reindex() after loading.
  std::unordered_map<std::string_view, uint32_t> literals;
  std::vector<uint32_t> prefixes;                        // Indexes.
  std::vector<uint32_t> regexes;                         // Indexes.
  std::vector<uint32_t> tail_blocks;  // Block rules of the tail zone.
  uint32_t max_literal_bytes = 0;
  uint32_t max_pattern_length = 0;  // Largest max length of prefix and regex rules.
};

// Rebuilds the lookup tables from `rules`.
void Reindex(ChromeRulesImpl* rules);

// The tail-zone block rule matching `trimmed`, or nullptr.
const ChromeRule* MatchTailBlock(const ChromeRulesImpl& rules, std::string_view trimmed,
                                 size_t length);

// Returns the first rule matching `trimmed` (which has `length` code
// points) in `zone`, or nullptr. Head and tail lines also match kAny rules.
// With `literal_only`, prefix and regex rules are skipped.
const ChromeRule* MatchChrome(const ChromeRulesImpl& rules, std::string_view trimmed,
                              size_t length, Zone zone, bool literal_only = false);

// True for a metadata class.
inline bool IsMeta(ChromeClass c) { return c != ChromeClass::kChrome; }

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_STRIP_RULES_H_
