// UTF-8 scanning helpers shared by the driver and the stages.
#ifndef ZHCLEAN_SRC_UTF8_H_
#define ZHCLEAN_SRC_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace zhclean::internal {

// Length of the longest prefix of `s` that is valid UTF-8 (RFC 3629: no
// overlongs, no surrogates, nothing above U+10FFFF). Equals s.size() when
// the whole string is valid. ASCII runs are scanned eight bytes at a time.
size_t ValidUtf8Prefix(std::string_view s);
// The same, by a scalar scan that stops at the first invalid sequence: for
// callers that walk bytes expecting an early error (each call then costs
// the length of the valid prefix, not of the whole string).
size_t ValidUtf8PrefixScalar(std::string_view s);

// Length of the malformed sequence starting at s[0] (at least 1): the bytes
// that a decoder would replace with one U+FFFD.
size_t InvalidSequenceLength(std::string_view s);

// Number of trailing bytes of `s` that form an incomplete (but so far valid)
// multi-byte sequence, 0..3. Used to carry bytes between chunks.
size_t IncompleteTail(std::string_view s);

// Largest cut <= max_len that does not split a code point, preferring to cut
// right after a space or CJK/ASCII sentence punctuation found in the last
// 4 KiB before max_len. Returns s.size() when s.size() <= max_len.
size_t SafeCut(std::string_view s, size_t max_len);

// Length of the valid multi-byte UTF-8 sequence at p[0] (a byte >= 0x80)
// of the n bytes there, or 0. Inline: the mojibake readings test every
// sequence they meet.
inline size_t MultiByteSequenceLength(const unsigned char* p, size_t n) {
  unsigned b = p[0];
  size_t len = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3
             : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
  if (len == 0 || len > n) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((p[k] & 0xC0) != 0x80) return 0;
  }
  if ((b == 0xE0 && p[1] < 0xA0) || (b == 0xED && p[1] >= 0xA0) ||
      (b == 0xF0 && p[1] < 0x90) || (b == 0xF4 && p[1] >= 0x90)) {
    return 0;
  }
  return len;
}

// Length of the sequence that `lead` (>= 0x80) starts, by its high bits
// alone (valid UTF-8 assumed): 2, 3 or 4.
inline size_t LeadLength(unsigned char lead) { return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2; }

// The code point of the whole `len`-byte sequence at p (len is
// LeadLength(p[0]); every byte there). Unrolled: Chinese text and the
// Latin mojibake of it are sequences of two and three bytes.
inline char32_t DecodeSequence(const unsigned char* p, size_t len) {
  if (len == 2) return ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
  if (len == 3) return ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  return ((p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

// Decodes the code point at s[i] (valid UTF-8 assumed) and advances i.
// Inline: the mojibake search calls it for every character it prices.
inline char32_t NextCodePoint(std::string_view s, size_t* i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + *i;
  unsigned char c = p[0];
  if (c < 0x80) {
    ++*i;
    return c;
  }
  // Two- and three-byte sequences first (Chinese text and the Latin
  // mojibake of it), each its own branch so that DecodeSequence is one
  // formula; four bytes and a cut-off sequence after.
  size_t left = s.size() - *i;
  if (c < 0xE0 && left >= 2) {
    *i += 2;
    return DecodeSequence(p, 2);
  }
  if (c < 0xF0 && left >= 3) {
    *i += 3;
    return DecodeSequence(p, 3);
  }
  size_t len = LeadLength(c);
  *i += len;
  if (len <= left) return DecodeSequence(p, 4);  // Whole: only four bytes get here.
  // Cut off at the end of `s`: the bytes that are there.
  char32_t cp = c & (0x3F >> (len - 1));
  for (size_t k = 1; k < left; ++k) cp = (cp << 6) | (p[k] & 0x3F);
  return cp;
}

// Calls f(prev, c) for each code point c of valid UTF-8 `text`, prev
// being the one before it (`prev` first).
template <typename F>
void ForEachPair(char32_t prev, std::string_view text, F f) {
  for (size_t i = 0; i < text.size();) {
    char32_t c = NextCodePoint(text, &i);
    f(prev, c);
    prev = c;
  }
}

// Appends the UTF-8 encoding of `cp` to *out. Inline, one append: the
// legacy decoders call it for every character.
inline void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
    return;
  }
  char b[4];
  size_t n;
  if (cp < 0x800) {
    b[0] = static_cast<char>(0xC0 | (cp >> 6));
    n = 2;
  } else if (cp < 0x10000) {
    b[0] = static_cast<char>(0xE0 | (cp >> 12));
    b[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    n = 3;
  } else {
    b[0] = static_cast<char>(0xF0 | (cp >> 18));
    b[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    b[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    n = 4;
  }
  b[n - 1] = static_cast<char>(0x80 | (cp & 0x3F));
  out->append(b, n);
}

// Number of '\n' bytes in `s` (memchr-based).
size_t CountNewlines(std::string_view s);

// Number of code points in valid UTF-8 `s`.
size_t CountCodePoints(std::string_view s);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_UTF8_H_
