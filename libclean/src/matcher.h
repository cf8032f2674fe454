// Multi-pattern matcher: an Aho–Corasick automaton over code points,
// compiled into a DFA whose columns are character classes (one per
// character used by a pattern, class 0 for every other character). The
// root's row is dense and other states store only the transitions that
// differ from it (their own edges and their failure chain's), so the table
// is small and text outside any pattern costs one root-row load per
// character.
//
//   internal::PatternMatcher m;
//   m.Build({"巾帽", "平易近"});
//   m.FindAll(text, [](const internal::PatternMatch& hit) { ... });
//
// Patterns and text are valid UTF-8 (a malformed byte in the text counts
// as a character in no pattern); hits start and end on code points.
#ifndef ZHCLEAN_SRC_MATCHER_H_
#define ZHCLEAN_SRC_MATCHER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zhclean::internal {

struct PatternMatch {
  size_t begin = 0;      // Byte offset of the first byte in the text.
  size_t end = 0;        // One past the last byte.
  uint32_t pattern = 0;  // Index into the pattern list given to Build().
};

// Not copyable (large tables); movable.
class PatternMatcher {
 public:
  PatternMatcher() = default;
  PatternMatcher(const PatternMatcher&) = delete;
  PatternMatcher& operator=(const PatternMatcher&) = delete;
  PatternMatcher(PatternMatcher&&) = default;
  PatternMatcher& operator=(PatternMatcher&&) = default;

  // Compiles `patterns` (non-empty strings; duplicates allowed, each gets
  // its own index). Replaces any previous content.
  void Build(const std::vector<std::string>& patterns);

  // Calls `on_hit(const PatternMatch&)` for every occurrence of every
  // pattern, overlapping ones included, in order of their end offset.
  // Returns the number of characters scanned (a malformed byte counts as one).
  template <typename Fn>
  size_t FindAll(std::string_view text, Fn&& on_hit) const;

  // Every occurrence, then resolved left to right: at each position the
  // longest hit wins (ties: the lowest pattern index); hits overlapping a
  // chosen one are dropped. `keep(hit)` filters hits before resolution.
  template <typename Keep>
  std::vector<PatternMatch> FindLeftmostLongest(std::string_view text,
                                                Keep&& keep) const;

  size_t state_count() const { return out_.size(); }
  size_t max_pattern_bytes() const { return max_len_; }
  size_t class_count() const { return classes_; }

 private:
  void Pack(const std::vector<uint32_t>& order, const std::vector<uint32_t>& root,
            const std::vector<std::vector<std::pair<uint32_t, uint32_t>>>& rows);
  uint32_t AstralClass(char32_t cp) const;
  std::vector<std::vector<uint32_t>> Classify(const std::vector<std::string>& patterns);

  static constexpr uint32_t kNone = UINT32_MAX;
  // Set in a transition whose target state has outputs.
  static constexpr uint32_t kOutputBit = 0x80000000u;

  // Transitions, each target | kOutputBit when that state has outputs:
  // the root's row is dense (class -> target); state s > 0 lists only the
  // classes where it differs from the root's row, in
  // edge_class_/edge_target_[edge_begin_[s], edge_begin_[s + 1]).
  std::vector<uint32_t> root_row_;
  std::vector<uint32_t> edge_begin_;
  std::vector<uint32_t> edge_class_;
  std::vector<uint32_t> edge_target_;
  std::vector<uint32_t> out_;        // First output entry of a state or kNone.
  std::vector<uint32_t> out_next_;   // Output list links (entry -> entry).
  std::vector<uint32_t> out_pattern_;  // Output entry -> pattern index.
  std::vector<uint32_t> lengths_;    // Pattern index -> byte length.
  std::vector<uint16_t> bmp_class_;  // Code point < 0x10000 -> class.
  std::vector<uint64_t> bmp_used_;   // Bit cp set when bmp_class_[cp] != 0.
  std::vector<std::pair<char32_t, uint16_t>> astral_class_;  // Sorted.
  uint32_t classes_ = 1;
  size_t max_len_ = 0;
};

// Resolves overlapping hits (any order) to leftmost-longest, as above.
std::vector<PatternMatch> ResolveLeftmostLongest(std::vector<PatternMatch> hits);
// The same, in place (reuses the vector's storage).
void ResolveLeftmostLongestInPlace(std::vector<PatternMatch>* hits);
// The two steps of it: sorting (by begin, longest first, then pattern),
// and resolving hits already in that order (a filtered subsequence of
// sorted hits is still sorted, so it needs no second sort).
void SortHits(std::vector<PatternMatch>* hits);
void ResolveSortedInPlace(std::vector<PatternMatch>* hits);

template <typename Fn>
size_t PatternMatcher::FindAll(std::string_view text, Fn&& on_hit) const {
  if (out_.empty()) return 0;
  // Table pointers in locals: `on_hit` may write memory, and the compiler
  // would otherwise reload every member on every character.
  const uint32_t* root = root_row_.data();
  const uint16_t* bmp = bmp_class_.data();
  const uint64_t* used = bmp_used_.data();
  const uint32_t* edge_begin = edge_begin_.data();
  const uint32_t* edge_class = edge_class_.data();
  const uint32_t* edge_target = edge_target_.data();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  uint32_t state = 0;
  size_t i = 0;
  size_t chars = 0;
  while (i < n) {
    ++chars;
    unsigned b = p[i];
    char32_t cp = 0;  // Stays 0 (in no pattern) for a malformed byte.
    if (b < 0x80) {
      cp = b;
      i += 1;
    } else if (b >= 0xE0 && b < 0xF0 && i + 2 < n) {
      cp = ((b & 0x0F) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
      i += 3;
    } else if (b >= 0xC0 && b < 0xE0 && i + 1 < n) {
      cp = ((b & 0x1F) << 6) | (p[i + 1] & 0x3Fu);
      i += 2;
    } else if (b >= 0xF0 && i + 3 < n) {
      cp = ((b & 0x07u) << 18) | ((p[i + 1] & 0x3Fu) << 12) | ((p[i + 2] & 0x3Fu) << 6) |
           (p[i + 3] & 0x3Fu);
      i += 4;
    } else {
      i += 1;  // Malformed or truncated: a character in no pattern.
    }
    uint32_t cls = 0;
    if (cp < 0x10000) {
      // Most characters are in no pattern: an 8 KiB bitmap (in L1) says so
      // and the class lookup then reads entry 0 (class 0), so the large
      // table is only touched for pattern characters, without a branch.
      uint32_t in_pattern = (used[cp >> 6] >> (cp & 63)) & 1;
      cls = bmp[cp & (0u - in_pattern)];
    } else {
      cls = AstralClass(cp);
    }
    uint32_t t = root[cls];
    if (state != 0) {
      for (uint32_t k = edge_begin[state], end = edge_begin[state + 1]; k < end; ++k) {
        if (edge_class[k] == cls) {
          t = edge_target[k];
          break;
        }
      }
    }
    state = t & ~kOutputBit;
    if ((t & kOutputBit) == 0) continue;
    for (uint32_t e = out_[state]; e != kNone; e = out_next_[e]) {
      uint32_t pattern = out_pattern_[e];
      on_hit(PatternMatch{i - lengths_[pattern], i, pattern});
    }
  }
  return chars;
}

template <typename Keep>
std::vector<PatternMatch> PatternMatcher::FindLeftmostLongest(
    std::string_view text, Keep&& keep) const {
  std::vector<PatternMatch> hits;
  FindAll(text, [&](const PatternMatch& hit) {
    if (keep(hit)) hits.push_back(hit);
  });
  if (hits.size() <= 1) return hits;
  return ResolveLeftmostLongest(std::move(hits));
}

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_MATCHER_H_
