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

// The generated bigram hash table (ngram_data.cc in the build tree):
// 2^kBigramHashBits slots, linear probing; scripts/gen_ngram_data.py
// (HASH_BITS, HASH_MULTIPLIER) writes a static_assert on the size.
constexpr unsigned kBigramHashBits = 20;
constexpr uint32_t kBigramHashMultiplier = 0x9E3779B1u;
extern const uint32_t kBigramHashKey[1u << kBigramHashBits];  // 1 + pair key; 0: empty.
extern const uint8_t kBigramHashCost[1u << kBigramHashBits];

// True for CJK unified ideographs (and extensions A, B..).
inline bool IsHan(char32_t c) {
  return (c >= 0x3400 && c < 0xA000) || (c >= 0x20000 && c < 0x30000) ||
         (c >= 0xF900 && c < 0xFB00);
}

// Unigram cost of a Han character; 255 when the model never saw it.
int HanUnigramCost(char32_t c);
// True when the model knows `c`.
inline bool IsKnownHan(char32_t c) { return HanUnigramCost(c) < 255; }

// Home slot of a pair of characters in [U+3400, U+A000) (BigramKey).
inline uint32_t BigramKey(char32_t a, char32_t b) {
  return (static_cast<uint32_t>(a - 0x3400) << 15) | (b - 0x3400);
}
inline uint32_t BigramSlot(uint32_t key) {
  return (key * kBigramHashMultiplier) >> (32 - kBigramHashBits);
}

// Starts loading the table entry CharCost(prev, c) will read: a table
// lookup is a cache miss (5 MB of table), and pricing a run of text
// issues them ahead so that several are in flight at once.
inline void PrefetchCharCost(char32_t prev, char32_t c) {
  if (prev - 0x3400 < 0xA000 - 0x3400 && c - 0x3400 < 0xA000 - 0x3400) {
    uint32_t slot = BigramSlot(BigramKey(prev, c));
    __builtin_prefetch(&kBigramHashKey[slot]);
    __builtin_prefetch(&kBigramHashCost[slot]);
  }
}

// Cost of `c` after `prev` in running text: the bigram cost when both are
// Han and the pair was seen, otherwise a backoff to unigram or character
// class costs. Deterministic and context-free beyond `prev`.
int CharCost(char32_t prev, char32_t c);

// Sum of CharCost over valid UTF-8 `text`, starting after `prev`.
int TextCost(char32_t prev, std::string_view text);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_NGRAM_H_
