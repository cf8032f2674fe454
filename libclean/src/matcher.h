// Multi-pattern matcher: an Aho–Corasick automaton over UTF-8 bytes,
// compiled into a dense DFA whose columns are byte equivalence classes.
//
//   internal::PatternMatcher m;
//   m.Build({"巾帽", "平易近"});
//   m.FindAll(text, [](const internal::PatternMatch& hit) { ... });
//
// Patterns and text are valid UTF-8, so every hit starts and ends on a
// code-point boundary (UTF-8 is self-synchronising).
#ifndef ZHCLEAN_SRC_MATCHER_H_
#define ZHCLEAN_SRC_MATCHER_H_

#include <cstdint>
#include <string>
#include <string_view>
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
  template <typename Fn>
  void FindAll(std::string_view text, Fn&& on_hit) const;

  // Every occurrence, then resolved left to right: at each position the
  // longest hit wins (ties: the lowest pattern index); hits overlapping a
  // chosen one are dropped. `keep(hit)` filters hits before resolution.
  template <typename Keep>
  std::vector<PatternMatch> FindLeftmostLongest(std::string_view text,
                                                Keep&& keep) const;

  size_t state_count() const { return out_.size(); }
  size_t max_pattern_bytes() const { return max_len_; }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;

  std::vector<uint32_t> delta_;      // state * classes_ + class -> state.
  std::vector<uint32_t> out_;        // First output entry of a state or kNone.
  std::vector<uint32_t> out_next_;   // Output list links (entry -> entry).
  std::vector<uint32_t> out_pattern_;  // Output entry -> pattern index.
  std::vector<uint32_t> lengths_;    // Pattern index -> byte length.
  uint16_t byte_class_[256] = {};
  uint32_t classes_ = 1;
  size_t max_len_ = 0;
};

// Resolves overlapping hits (any order) to leftmost-longest, as above.
std::vector<PatternMatch> ResolveLeftmostLongest(std::vector<PatternMatch> hits);

template <typename Fn>
void PatternMatcher::FindAll(std::string_view text, Fn&& on_hit) const {
  if (out_.empty()) return;
  const uint32_t* delta = delta_.data();
  const uint32_t* out = out_.data();
  uint32_t state = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0; i < text.size(); ++i) {
    state = delta[state * classes_ + byte_class_[p[i]]];
    for (uint32_t e = out[state]; e != kNone; e = out_next_[e]) {
      uint32_t pattern = out_pattern_[e];
      on_hit(PatternMatch{i + 1 - lengths_[pattern], i + 1, pattern});
    }
  }
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
