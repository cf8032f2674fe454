#include "ngram.h"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "utf8.h"

namespace zhclean::internal {

// Generated tables (ngram_data.cc in the build tree).
extern const uint8_t kHanUnigramCost[0xA000 - 0x3400];
extern const uint32_t kRareHanKeys[];
extern const uint8_t kRareHanCost[];
extern const size_t kRareHanCount;
extern const uint64_t kBigramKeys[];
extern const uint8_t kBigramCost[];
extern const size_t kBigramCount;

namespace {

constexpr int kUnknownHan = 90;     // ~22 nats: never seen in the corpus.
constexpr int kBackoff = 5;         // -ln(0.3): unseen pair, unigram used.
constexpr int kReplacement = 40;    // U+FFFD.

bool IsAsciiAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsLatin1Letter(char32_t c) { return c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7; }
bool IsLatinLetter(char32_t c) {
  return IsAsciiAlnum(c) || IsLatin1Letter(c) || (c >= 0x100 && c < 0x250);
}

// windows-1252 characters in 0x80..0x9F that are not Latin-1.
bool SloppyCp1252Lead(char32_t c) {
  return (c >= 0x2013 && c <= 0x203A) || c == 0x20AC || c == 0x2122 || c == 0x152 ||
         c == 0x153 || c == 0x160 || c == 0x161 || c == 0x178 || c == 0x17D || c == 0x17E ||
         c == 0x192 || c == 0x2C6 || c == 0x2DC;
}

// The generated bigrams in an open-addressing hash table, built once: a
// binary search over them was most of the cost on damaged text.
class BigramTable {
 public:
  BigramTable() {
    size_t size = 1;
    while (size < kBigramCount * 2) size <<= 1;
    keys_.assign(size, 0);
    costs_.assign(size, 0);
    mask_ = size - 1;
    first_.assign(0x10000 / 64, 0);
    second_.assign(0x10000 / 64, 0);
    for (size_t i = 0; i < kBigramCount; ++i) {
      Mark(&first_, kBigramKeys[i] >> 21);
      Mark(&second_, kBigramKeys[i] & 0x1FFFFF);
      size_t h = Hash(kBigramKeys[i]);
      while (keys_[h] != 0) h = (h + 1) & mask_;
      keys_[h] = kBigramKeys[i];
      costs_[h] = kBigramCost[i];
    }
  }
  // -1 when the pair was not seen. Two small bitsets answer most misses
  // without touching the large table.
  int Find(char32_t a, char32_t b) const {
    if (!Marked(first_, a) || !Marked(second_, b)) return -1;
    uint64_t key = (static_cast<uint64_t>(a) << 21) | b;
    for (size_t h = Hash(key);; h = (h + 1) & mask_) {
      if (keys_[h] == key) return costs_[h];
      if (keys_[h] == 0) return -1;
    }
  }

 private:
  static void Mark(std::vector<uint64_t>* bits, uint64_t cp) {
    if (cp < 0x10000) (*bits)[cp >> 6] |= uint64_t{1} << (cp & 63);
  }
  static bool Marked(const std::vector<uint64_t>& bits, char32_t cp) {
    return cp >= 0x10000 || ((bits[cp >> 6] >> (cp & 63)) & 1);
  }
  size_t Hash(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & mask_;
  }
  std::vector<uint64_t> keys_;  // 0 = empty (no key is 0: both are Han).
  std::vector<uint8_t> costs_;
  std::vector<uint64_t> first_, second_;  // BMP characters seen first/second.
  size_t mask_ = 0;
};

int BigramCost(char32_t a, char32_t b) {
  static const BigramTable* table = new BigramTable();  // Never freed.
  return table->Find(a, b);
}

// Cost of a character that is not Han, by class.
int NonHanCost(char32_t prev, char32_t c) {
  if (c < 0x80) {
    if (IsAsciiAlnum(c)) return IsHan(prev) ? 12 : 8;
    if (c == '\n' || c == '\t') return 4;
    if (c < 0x20 || c == 0x7F) return 40;
    return 8;
  }
  if (c < 0xA0) return 60;  // C1 controls.
  // Symbols after Ã or Â: the classic UTF-8-as-Latin-1 pairs.
  if ((prev == 0xC2 || prev == 0xC3) && (c < 0xC0 || SloppyCp1252Lead(c))) return 40;
  if (c == 0xA0) return 10;  // No-break space.
  if (IsLatin1Letter(c)) return IsLatinLetter(prev) ? 16 : 24;
  if (c < 0x100) return c == 0xB7 ? 14 : 30;  // Latin-1 symbols; middle dot.
  if (c < 0x250) return IsLatinLetter(prev) ? 22 : 30;  // Latin Extended.
  if (c >= 0x2010 && c <= 0x2027) return 12;  // Dashes, quotes, ellipsis.
  if (c >= 0x3000 && c <= 0x303F) return 10;  // CJK punctuation.
  if (c >= 0xFF01 && c <= 0xFF5E) return 10;  // Full-width forms.
  if (c == 0xFFFD) return kReplacement;
  if (c >= 0xE000 && c <= 0xF8FF) return 60;  // Private use.
  if (c >= 0x370 && c < 0x530) return 20;     // Greek, Cyrillic.
  if (c >= 0x2C0 && c < 0x370) return 40;     // Modifiers, combining marks.
  return 25;
}

}  // namespace

int HanUnigramCost(char32_t c) {
  if (c >= 0x3400 && c < 0xA000) return kHanUnigramCost[c - 0x3400];
  const uint32_t* end = kRareHanKeys + kRareHanCount;
  const uint32_t* it = std::lower_bound(kRareHanKeys, end, static_cast<uint32_t>(c));
  if (it == end || *it != c) return 255;
  return kRareHanCost[it - kRareHanKeys];
}

int CharCost(char32_t prev, char32_t c) {
  if (!IsHan(c)) return NonHanCost(prev, c);
  int uni = HanUnigramCost(c);
  if (uni == 255) return kUnknownHan;
  if (IsHan(prev)) {
    int bi = BigramCost(prev, c);
    if (bi >= 0) return bi;
  }
  return uni + kBackoff;
}

int TextCost(char32_t prev, std::string_view text) {
  int total = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t c = NextCodePoint(text, &i);
    total += CharCost(prev, c);
    prev = c;
  }
  return total;
}

}  // namespace zhclean::internal
