#include "ngram.h"

#include <algorithm>
#include <cstddef>

#include "utf8.h"

namespace zhclean::internal {

// Generated tables (ngram_data.cc in the build tree).
extern const uint32_t kRareHanKeys[];
extern const uint8_t kRareHanCost[];
extern const size_t kRareHanCount;
extern const uint64_t kBigramOtherKeys[];  // (first << 21) | second, sorted.
extern const uint8_t kBigramOtherCost[];
extern const size_t kBigramOtherCount;

namespace {

// windows-1252 characters in 0x80..0x9F that are not Latin-1.
constexpr bool SloppyCp1252Lead(char32_t c) {
  return (c >= 0x2013 && c <= 0x203A) || c == 0x20AC || c == 0x2122 || c == 0x152 ||
         c == 0x153 || c == 0x160 || c == 0x161 || c == 0x178 || c == 0x17D || c == 0x17E ||
         c == 0x192 || c == 0x2C6 || c == 0x2DC;
}

// -1 when the pair was not seen. The generated tables are flat and
// ready to use (nothing is built at start-up): pairs of dense characters
// sit in an open-addressing hash table, one probe (one cache line) for
// most lookups, seen or not; the few others in a sorted array.
int BigramCost(char32_t a, char32_t b) {
  if (IsDense(a) && IsDense(b)) return DenseBigramCost(a, b);
  const uint64_t* end = kBigramOtherKeys + kBigramOtherCount;
  uint64_t key = (static_cast<uint64_t>(a) << 21) | b;
  const uint64_t* it = std::lower_bound(kBigramOtherKeys, end, key);
  if (it == end || *it != key) return -1;
  return kBigramOtherCost[it - kBigramOtherKeys];
}

// Cost of a character that is not Han, by class.
constexpr int NonHanCost(char32_t prev, char32_t c) {
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
  if (c >= 0x3000 && c <= 0x303F) return kCjkPunctuationCost;
  if (c >= 0xFF01 && c <= 0xFF5E) return kCjkPunctuationCost;  // Full-width forms.
  if (c == 0xFFFD) return kReplacementCost;
  if (c >= 0xE000 && c <= 0xF8FF) return 60;  // Private use.
  if (c >= 0x370 && c < 0x530) return 20;     // Greek, Cyrillic.
  if (c >= 0x2C0 && c < 0x370) return 40;     // Modifiers, combining marks.
  return 25;
}

constexpr std::array<std::array<uint8_t, kSmallEnd>, 4> MakeSmallCharCost() {
  constexpr char32_t kClassSample[4] = {0x4E00, 0xC3, 'a', ' '};  // See PrevClass.
  std::array<std::array<uint8_t, kSmallEnd>, 4> t{};
  for (int k = 0; k < 4; ++k) {
    for (char32_t c = 0; c < kSmallEnd; ++c) {
      t[k][c] = static_cast<uint8_t>(NonHanCost(kClassSample[k], c));
    }
  }
  return t;
}

constexpr std::array<uint8_t, kSmallEnd> MakeSmallClass() {
  std::array<uint8_t, kSmallEnd> t{};
  for (char32_t c = 0; c < kSmallEnd; ++c) {
    t[c] = IsHan(c) ? 0 : c == 0xC2 || c == 0xC3 ? 1 : IsLatinLetter(c) ? 2 : 3;
  }
  return t;
}

}  // namespace

constexpr std::array<uint8_t, kSmallEnd> kSmallClass = MakeSmallClass();
constexpr std::array<std::array<uint8_t, kSmallEnd>, 4> kSmallCharCost = MakeSmallCharCost();

int RareHanUnigramCost(char32_t c) {
  const uint32_t* end = kRareHanKeys + kRareHanCount;
  const uint32_t* it = std::lower_bound(kRareHanKeys, end, static_cast<uint32_t>(c));
  if (it == end || *it != c) return 255;
  return kRareHanCost[it - kRareHanKeys];
}

int CharCostSlow(char32_t prev, char32_t c) {
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
  ForEachPair(prev, text, [&total](char32_t a, char32_t c) { total += CharCost(a, c); });
  return total;
}

}  // namespace zhclean::internal
