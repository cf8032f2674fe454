// A character n-gram model of Chinese, used to choose between readings of
// a possibly mis-decoded span. Tables are generated at build time from
// jieba's dict.txt (scripts/gen_ngram_data.py).
#ifndef ZHCLEAN_SRC_NGRAM_H_
#define ZHCLEAN_SRC_NGRAM_H_

#include <cstdint>
#include <string_view>

namespace zhclean::internal {

// Costs are -ln(p) in quarter-nats (so 4 = one nat).
constexpr int kCostScale = 4;

// True for CJK unified ideographs (and extensions A, B..).
inline bool IsHan(char32_t c) {
  return (c >= 0x3400 && c < 0xA000) || (c >= 0x20000 && c < 0x30000) ||
         (c >= 0xF900 && c < 0xFB00);
}

// Unigram cost of a Han character; 255 when the model never saw it.
int HanUnigramCost(char32_t c);
// True when the model knows `c`.
inline bool IsKnownHan(char32_t c) { return HanUnigramCost(c) < 255; }

// Cost of `c` after `prev` in running text: the bigram cost when both are
// Han and the pair was seen, otherwise a backoff to unigram or character
// class costs. Deterministic and context-free beyond `prev`.
int CharCost(char32_t prev, char32_t c);

// Sum of CharCost over valid UTF-8 `text`, starting after `prev`.
int TextCost(char32_t prev, std::string_view text);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_NGRAM_H_
