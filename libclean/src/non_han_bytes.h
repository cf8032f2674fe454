// Finds, sixteen bytes at a time, the bytes of UTF-8 text that are not
// part of a character in U+4000-9FFF: the fast paths that leave Han text
// alone look only at those.
#ifndef ZHCLEAN_SRC_NON_HAN_BYTES_H_
#define ZHCLEAN_SRC_NON_HAN_BYTES_H_

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace zhclean::internal {

constexpr int kNonHanBlock = 16;

// True for a continuation byte (0x80-0xBF) or a lead byte of U+4000-9FFF
// (0xE4-0xE9): the bytes NonHanLeadBits() leaves clear.
inline bool IsHanOrContinuationByte(unsigned b) {
  return (b >= 0x80 && b < 0xC0) || (b >= 0xE4 && b <= 0xE9);
}

// Bit i is set when p[i] is ASCII or the lead byte of a code point outside
// U+4000-9FFF; clear for continuation bytes (0x80-0xBF) and the lead bytes
// 0xE4-0xE9 of U+4000-9FFF. Reads p[0..15].
inline uint32_t NonHanLeadBits(const unsigned char* p) {
#if defined(__SSE2__)
  __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // As signed bytes, continuation bytes are -128..-65; shifted by -0x64,
  // the Han leads 0xE4-0xE9 become -128..-123.
  __m128i cont = _mm_cmplt_epi8(v, _mm_set1_epi8(-64));
  __m128i han = _mm_cmplt_epi8(_mm_sub_epi8(v, _mm_set1_epi8(0x64)), _mm_set1_epi8(-122));
  return ~static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(cont, han))) & 0xFFFF;
#else
  uint32_t bits = 0;
  for (int i = 0; i < kNonHanBlock; ++i) {
    if (!IsHanOrContinuationByte(p[i])) bits |= 1u << i;
  }
  return bits;
#endif
}

// Bit i is set when p[i] is the lead byte of U+3000-3029 (。、《》「」【】
// and the like) or of U+FF0C (，), the punctuation of most Chinese text.
// `p` must be valid UTF-8 in p[0..17], which it reads.
inline uint32_t CommonPunctLeadBits(const unsigned char* p) {
#if defined(__SSE2__)
  auto load = [](const unsigned char* q) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
  };
  __m128i v0 = load(p), v1 = load(p + 1), v2 = load(p + 2);
  auto eq = [](__m128i v, int b) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(b))); };
  // After E3 80 comes a continuation byte: 0x80..0xA9 is 0..41 once 0x80 is
  // flipped.
  __m128i third = _mm_cmplt_epi8(_mm_xor_si128(v2, _mm_set1_epi8(-128)), _mm_set1_epi8(0x2A));
  __m128i ideographic = _mm_and_si128(_mm_and_si128(eq(v0, 0xE3), eq(v1, 0x80)), third);
  __m128i comma = _mm_and_si128(_mm_and_si128(eq(v0, 0xEF), eq(v1, 0xBC)), eq(v2, 0x8C));
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(ideographic, comma)));
#else
  uint32_t bits = 0;
  for (int i = 0; i < kNonHanBlock; ++i) {
    bool ideographic = p[i] == 0xE3 && p[i + 1] == 0x80 && p[i + 2] < 0xAA;
    bool comma = p[i] == 0xEF && p[i + 1] == 0xBC && p[i + 2] == 0x8C;
    if (ideographic || comma) bits |= 1u << i;
  }
  return bits;
#endif
}

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_NON_HAN_BYTES_H_
