// A character n-gram model of Chinese, used to choose between readings of
// a possibly mis-decoded span. Tables are generated at build time from
// jieba's dict.txt (scripts/gen_ngram_data.py).
#ifndef ZHCLEAN_SRC_NGRAM_H_
#define ZHCLEAN_SRC_NGRAM_H_

#include <array>
#include <cstdint>
#include <string_view>

namespace zhclean::internal {

// Costs are -ln(p) in quarter-nats (so 4 = one nat).
constexpr int kCostScale = 4;

// The generated tables (ngram_data.cc in the build tree). Characters in
// [kDenseLo, kDenseHi) have a unigram cost each; their pairs sit in a
// hash table of 2^kBigramHashBits slots, linear probing, one 32-bit word
// per slot: 1 << 31 | displacement from the home slot << 18 | the key's
// remainder << 8 | cost, 0 when empty (scripts/gen_ngram_data.py, which
// writes a static_assert on the size).
constexpr char32_t kDenseLo = 0x3400, kDenseHi = 0xA000;
constexpr unsigned kBigramHashBits = 20;
constexpr unsigned kBigramRemBits = 30 - kBigramHashBits;
constexpr uint32_t kBigramHashMultiplier = 0x9E3779B1u;  // Odd: a bijection mod 2^30.
extern const uint8_t kHanUnigramCost[kDenseHi - kDenseLo];
extern const uint32_t kBigramHash[1u << kBigramHashBits];
// A blocked Bloom filter of the same pairs (256 kB, two bits a pair; 12%
// of unseen pairs pass): mis-decoded text is mostly pairs never seen, and
// the filter answers for them from a core's cache where the 4 MB table
// would cost a miss each.
constexpr unsigned kBigramFilterBits = 15;
extern const uint64_t kBigramFilter[1u << kBigramFilterBits];

constexpr int kUnknownHan = 90;  // ~22 nats: never seen in the corpus.
constexpr int kBackoff = 5;      // -ln(0.3): unseen pair, unigram used.
constexpr int kCjkPunctuationCost = 10;  // U+3000-303F, U+FF01-FF5E.
constexpr int kReplacementCost = 40;     // U+FFFD after anything.

// True for CJK unified ideographs (and extensions A, B..).
constexpr bool IsHan(char32_t c) {
  return (c >= 0x3400 && c < 0xA000) || (c >= 0x20000 && c < 0x30000) ||
         (c >= 0xF900 && c < 0xFB00);
}

inline bool IsDense(char32_t c) { return c - kDenseLo < kDenseHi - kDenseLo; }

constexpr bool IsAsciiAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool IsLatin1Letter(char32_t c) {
  return c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7;
}
constexpr bool IsLatinLetter(char32_t c) {
  return IsAsciiAlnum(c) || IsLatin1Letter(c) || (c >= 0x100 && c < 0x250);
}

// The cost of a character below kSmallEnd (Latin, symbols, and the
// characters windows-1252 shows for 0x80..0x9F, up to U+2122) depends on
// the one before it only through its class: Han, U+00C2/U+00C3, another
// Latin letter, other. Both are table reads: mojibake mixes the classes
// from one character to the next, and branches on them mispredict.
constexpr char32_t kSmallEnd = 0x2123;
// PrevClass of each character below kSmallEnd, computed at compile time.
extern const std::array<uint8_t, kSmallEnd> kSmallClass;
inline int PrevClass(char32_t prev) {
  if (prev < kSmallEnd) return kSmallClass[prev];
  return IsHan(prev) ? 0 : 3;
}
// CharCost of each character below kSmallEnd after each PrevClass,
// computed at compile time in ngram.cc.
extern const std::array<std::array<uint8_t, kSmallEnd>, 4> kSmallCharCost;

// Unigram cost of a Han character outside [kDenseLo, kDenseHi).
int RareHanUnigramCost(char32_t c);
// Unigram cost of a Han character; 255 when the model never saw it.
inline int HanUnigramCost(char32_t c) {
  return IsDense(c) ? kHanUnigramCost[c - kDenseLo] : RareHanUnigramCost(c);
}
// True when the model knows `c`.
inline bool IsKnownHan(char32_t c) { return HanUnigramCost(c) < 255; }

// Hash of a pair of dense characters: 30 bits, the top kBigramHashBits
// the home slot, the rest the remainder stored in the slot.
inline uint32_t BigramHash(char32_t a, char32_t b) {
  uint32_t key = (static_cast<uint32_t>(a - kDenseLo) << 15) | (b - kDenseLo);
  return (key * kBigramHashMultiplier) & ((1u << 30) - 1);
}

// False when the pair with hash `h` is certainly not in the table.
inline bool BigramMaybeSeen(uint32_t h) {
  uint64_t word = kBigramFilter[h >> (30 - kBigramFilterBits)];
  return (word >> (h & 63)) & (word >> ((h >> 6) & 63)) & 1;
}

// Bigram cost of two dense characters, -1 when the pair was not seen.
inline int DenseBigramCost(char32_t a, char32_t b) {
  uint32_t h = BigramHash(a, b);
  if (!BigramMaybeSeen(h)) return -1;
  uint32_t want = (h & ((1u << kBigramRemBits) - 1)) << 8;
  constexpr uint32_t kMask = (1u << kBigramHashBits) - 1;
  for (uint32_t i = h >> kBigramRemBits, d = 0;; i = (i + 1) & kMask, ++d) {
    uint32_t e = kBigramHash[i];
    if (e == 0) return -1;
    if ((e & 0x7FFFFF00u) == ((d << 18) | want)) return static_cast<int>(e & 0xFF);
  }
}

// Starts loading the table entry CharCost(prev, c) will read: a table
// lookup is a cache miss (4 MB of table), and pricing a run of text
// issues them ahead so that several are in flight at once.
inline void PrefetchCharCost(char32_t prev, char32_t c) {
  if (IsDense(prev) && IsDense(c)) {
    uint32_t h = BigramHash(prev, c);
    if (BigramMaybeSeen(h)) __builtin_prefetch(&kBigramHash[h >> kBigramRemBits]);
  }
}

// CharCost by the rules, without the fast paths; the inline CharCost
// must agree with it everywhere (tested).
int CharCostSlow(char32_t prev, char32_t c);

// Cost of `c` after `prev` in running text: the bigram cost when both are
// Han and the pair was seen, otherwise a backoff to unigram or character
// class costs. Deterministic and context-free beyond `prev`. Inline for
// the common cases: Latin mojibake and two characters of the dense range.
inline int CharCost(char32_t prev, char32_t c) {
  if (c < kSmallEnd) return kSmallCharCost[PrevClass(prev)][c];
  if (!IsDense(prev) || !IsDense(c)) {
    // Inline too: CJK and full-width punctuation, U+FFFD, and Han after a
    // character that is not Han (no bigram), as CharCostSlow prices them.
    if (c - 0x3000 <= 0x3F || c - 0xFF01 <= 0x5D) return kCjkPunctuationCost;
    if (c == 0xFFFD) return kReplacementCost;
    if (IsDense(c) && !IsHan(prev)) {
      int uni = kHanUnigramCost[c - kDenseLo];
      return uni == 255 ? kUnknownHan : uni + kBackoff;
    }
    return CharCostSlow(prev, c);
  }
  int uni = kHanUnigramCost[c - kDenseLo];
  if (uni == 255) return kUnknownHan;
  int bi = DenseBigramCost(prev, c);
  return bi >= 0 ? bi : uni + kBackoff;
}

// Sum of CharCost over valid UTF-8 `text`, starting after `prev`.
int TextCost(char32_t prev, std::string_view text);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_NGRAM_H_
