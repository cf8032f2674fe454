// Pieces shared by the mojibake hypotheses (mojibake*.cc).
#ifndef ZHCLEAN_SRC_MOJIBAKE_INTERNAL_H_
#define ZHCLEAN_SRC_MOJIBAKE_INTERNAL_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mojibake.h"
#include "ngram.h"

namespace zhclean::internal {

// Required improvement, in quarter-nats, before a reading replaces a span.
constexpr int kMinGain = 12;

// 12 bytes: lines longer than kMaxCharsLine are not examined.
struct Char {
  // Left uninitialised: SplitChars sizes its storage for a whole line,
  // then writes each field once.
  Char() {}  // NOLINT: not `= default`, which would zero on resize().
  char32_t cp;
  uint32_t pos;  // Byte offset in the line.
  uint32_t len;  // UTF-8 length.
};
constexpr size_t kMaxCharsLine = UINT32_MAX;

// Appends a Char field by field: a braced Char is built on the stack from
// three 4-byte stores and copied with an 8-byte load, a failed store
// forward (a stall) per character on the hot paths.
inline void AppendChar(char32_t cp, uint32_t pos, uint32_t len, std::vector<Char>* chars) {
  Char& c = chars->emplace_back();
  c.cp = cp;
  c.pos = pos;
  c.len = len;
}

// Index of the character of `chars` that starts at byte `pos` of the line
// (a fix's begin or end; chars.size() for the line's end).
inline size_t CharIndexAt(const std::vector<Char>& chars, size_t pos) {
  return static_cast<size_t>(
      std::lower_bound(chars.begin(), chars.end(), pos,
                       [](const Char& c, size_t p) { return c.pos < p; }) -
      chars.begin());
}

// Splits valid UTF-8 (at most kMaxCharsLine bytes) into code points.
std::vector<Char> SplitChars(std::string_view line);
// The same into *chars, reusing its storage.
void SplitChars(std::string_view line, std::vector<Char>* chars);

// True for a character a correct decoding plausibly yields.
inline bool PlausibleChar(char32_t c) {
  if (c < 0x80) return c >= 0x20 || c == '\t';
  if (c < 0xA0) return false;                   // C1 controls.
  if (c < 0x250) return true;                   // Latin.
  if (c - 0x3000 < 0x7000) return true;         // CJK, first: the common case.
  if (c >= 0x2C6 && c < 0x2DE) return true;     // Accents alone (ˆ ˇ ˘ ˙ ˛ ˜).
  if (c >= 0x300 && c < 0x530) return true;     // Combining marks, Greek, Cyrillic.
  if (c >= 0x5D0 && c < 0x5EB) return true;     // Hebrew letters.
  if (c >= 0x600 && c < 0x700) return true;     // Arabic.
  if (c >= 0xE01 && c < 0xE5C) return true;     // Thai.
  if (c >= 0x1E00 && c < 0x1F00) return true;   // Latin extended additional.
  if (c >= 0x2000 && c < 0x2C00) return true;   // Punctuation and symbols.
  if (c >= 0xAC00 && c < 0xD7A4) return true;   // Hangul.
  if (c >= 0xF900 && c < 0xFB00) return true;   // CJK compatibility.
  if (c >= 0xFE30 && c < 0xFE50) return true;   // CJK compatibility forms.
  if (c >= 0xFF01 && c < 0xFFEF) return true;   // Full- and half-width forms.
  if (c >= 0x1F000 && c < 0x1FB00) return true;  // Emoji.
  return c >= 0x20000 && c < 0x30000;            // Han extensions.
}

// Chinese text (Han, CJK punctuation, full-width forms): characters
// other than ASCII that may stand beside a damaged run.
inline bool ChineseChar(char32_t c) {
  return IsHan(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFFEF);
}

inline bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAsciiCapital(char32_t c) { return c >= 'A' && c <= 'Z'; }

// A small letter of Latin-1 or Latin Extended-A (its pairs alternate case;
// the order flips between U+0139 and U+0148, and from U+0179), but "ß",
// which capital words keep ("STRAßE"). A single one right after two
// capitals is no reading of a weak piece ("AHÅ™" is no "AHř").
inline bool SmallLatinLetter(char32_t c) {
  return (c > 0xDF && c < 0x100 && c != 0xF7) || (c >= 0x100 && c < 0x138 && c % 2 == 1) ||
         (c >= 0x139 && c < 0x149 && c % 2 == 0) || (c >= 0x14A && c < 0x178 && c % 2 == 1) ||
         (c >= 0x179 && c < 0x17F && c % 2 == 0);
}

// Highest mean unigram cost (12.5 nats) of the Han characters of a reading
// that counts as common Chinese: nonsense Han from a wrong decoding is
// mostly rare characters.
constexpr int kCommonHanCost = 50;

// The Han characters of a reading: how many, and their summed unigram cost.
struct HanCount {
  int chars = 0;
  int64_t cost = 0;
  // Counts `c` when it is Han.
  void Add(char32_t c) {
    if (IsHan(c)) {
      ++chars;
      cost += HanUnigramCost(c);
    }
  }
  // Mean unigram cost (255 when there is none).
  int MeanCost() const { return chars ? static_cast<int>(cost / chars) : 255; }
};

// Cost of chars[begin, end) between its neighbours in the line.
int SpanCost(const std::vector<Char>& chars, size_t begin, size_t end);
// Cost of `text` put in place of chars[begin, end).
int ReplacementCost(const std::vector<Char>& chars, size_t begin, size_t end,
                    std::string_view text);
// ReplacementCost, or kImplausible when `text` holds a character no correct
// decoding gives (PlausibleChar; U+FFFD, a mark already lost, counts).
// Counts the Han characters into *han unless it is null.
constexpr int kImplausible = INT32_MAX;
int PlausibleReplacementCost(const std::vector<Char>& chars, size_t begin, size_t end,
                             std::string_view text, HanCount* han = nullptr);

// A UTF-8 lead byte shown right before a space, whose second byte 0xA0 (a
// no-break space) some program turned into that space: "Ã " for "à",
// "Å " for "Š", "Â " for the no-break space. chars[lead_at] shows the lead
// `lead`, chars[lead_at + 1] is the space. Gives the character and the end
// of the characters it replaces: the space goes with it when it was the
// byte (a word goes on after a letter, Portuguese "às", "àquele", a second
// space follows); after "à", a word of its own, the space stays as the
// word break. False when lead + 0xA0 is neither a letter nor the no-break
// space.
bool ReadLostNbsp(unsigned lead, const std::vector<Char>& chars, size_t lead_at,
                  std::string* after, size_t* end);

// A UTF-8 sequence that lost bytes a reader showed as U+FFFD: chars[lead_at]
// shows a lead byte, and each character after it, up to the sequence's
// length, shows a continuation byte or is U+FFFD, at least one of them
// U+FFFD ("Ă�" through windows-1250, where "Á" lost its byte 0x81, undefined
// there). `byte_of(c)` is the byte a reader shows as `c`, or -1. Gives the
// end of the sequence's characters, or 0. What the character was is not
// known: it becomes one U+FFFD (as ftfy makes it).
template <typename ByteOf>
size_t LossySequenceEnd(const std::vector<Char>& chars, size_t lead_at, ByteOf byte_of) {
  int lead = byte_of(chars[lead_at].cp);
  size_t need = lead >= 0xC2 && lead <= 0xDF   ? 2
                : lead >= 0xE0 && lead <= 0xEF ? 3
                : lead >= 0xF0 && lead <= 0xF4 ? 4
                                               : 0;
  if (need == 0 || lead_at + need > chars.size()) return 0;
  bool hole = false;
  for (size_t k = lead_at + 1; k < lead_at + need; ++k) {
    if (chars[k].cp == 0xFFFD) {
      hole = true;
      continue;
    }
    int b = byte_of(chars[k].cp);
    if (b < 0x80 || b > 0xBF) return 0;
  }
  return hole ? lead_at + need : 0;
}

// What a reading without Chinese characters is made of, for telling a
// chance reading: its characters above ASCII (U+FFFD aside), and whether
// its letters other than Latin (Greek, Cyrillic, Arabic, Hangul, IPA …)
// come from two scripts ("ǿҵ۷ӳȫʹ": Cyrillic and Arabic; real text keeps
// to one). Stops at the first Chinese character (then only `chinese` is
// set) unless told not to; only lead bytes that can start such a letter
// are decoded.
struct NonChinese {
  bool chinese = false;  // A character U+3000-9FFF or beyond the BMP.
  size_t non_ascii = 0;  // Chinese ones counted too when not stopping.
  size_t letters = 0;    // Of scripts other than Latin.
  size_t latin = 0;      // Latin letters above ASCII (below U+0240), not in a word.
  bool mixed = false;
};
NonChinese ReadNonChinese(std::string_view text, bool stop_at_chinese = true);

// 3 when `reading`, the reading of a span that starts at character
// `begin` of its line, starts with a UTF-8 byte order mark (a file saved
// with one, then mis-decoded: "ï»¿", "锘"), else 0. The mark is no text:
// readings drop it.
inline size_t LeadingByteOrderMark(std::string_view reading, size_t begin) {
  return begin == 0 && reading.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

// Sloppy-cp1252 bytes of UTF-8 `text` (windows-1252's undefined bytes as
// the C1 controls), or false when a character has none.
bool EncodeSloppy(std::string_view text, std::string* bytes);

// A GBK/Big5 reading must be plausible text; counts its Han characters
// and sums their unigram costs on the way.
bool ChineseReading(std::string_view text, HanCount* han);
// True when Han characters `prev` and `c` form a pair the model has seen:
// real Chinese almost always has one within a few characters; chance
// readings of Latin text and nonsense Han almost never do.
inline bool KnownPair(char32_t prev, char32_t c) {
  return IsHan(prev) && IsHan(c) && HanUnigramCost(c) < 255 &&
         CharCost(prev, c) < HanUnigramCost(c) + 5;
}
// True when two neighbouring Han characters of `text` form a known pair.
bool HasKnownPair(std::string_view text);
// How many neighbouring pairs of `text` are known pairs.
size_t KnownPairs(std::string_view text);

// Hypotheses. Each appends candidate fixes for the line.
void FindLatinMojibake(std::string_view line, const std::vector<Char>& chars,
                       std::vector<MojibakeFix>* fixes);
void FindCjkMojibake(std::string_view line, const std::vector<Char>& chars,
                     std::vector<MojibakeFix>* fixes);
// C1 controls in a line with no other damage that read as windows-1252
// punctuation (quotes, an apostrophe between letters).
void FindC1Punctuation(const std::vector<Char>& chars, std::vector<MojibakeFix>* fixes);
// GBK text decoded one byte out of step after a lost byte ('?' or U+FFFD).
void FindShiftedMojibake(const std::vector<Char>& chars, std::vector<MojibakeFix>* fixes);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_MOJIBAKE_INTERNAL_H_
