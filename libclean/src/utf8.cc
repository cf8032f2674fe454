#include "utf8.h"

#include <simdjson.h>

#include <cstring>

namespace zhclean::internal {

namespace {

inline bool IsCont(unsigned char c) { return (c & 0xC0) == 0x80; }

// Shorter strings are checked without simdjson.
constexpr size_t kScalarMax = 64;

// Returns the length of the valid sequence at s[i], or 0 if invalid or
// truncated.
inline size_t ValidSequenceAt(const unsigned char* p, size_t avail) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) return avail >= 2 && IsCont(p[1]) ? 2 : 0;
  if (c < 0xF0) {
    if (avail < 3 || !IsCont(p[1]) || !IsCont(p[2])) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;   // Overlong.
    if (c == 0xED && p[1] >= 0xA0) return 0;  // Surrogate.
    return 3;
  }
  if (c < 0xF5) {
    if (avail < 4 || !IsCont(p[1]) || !IsCont(p[2]) || !IsCont(p[3])) return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;   // Overlong.
    if (c == 0xF4 && p[1] >= 0x90) return 0;  // Above U+10FFFF.
    return 4;
  }
  return 0;
}

// Scans valid sequences from p[i]; returns the offset of the first
// invalid one, or n. ASCII runs go eight bytes at a time.
size_t ScanValid(const unsigned char* p, size_t n, size_t i) {
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    size_t len = ValidSequenceAt(p + i, n - i);
    if (len == 0) return i;
    i += len;
  }
  return n;
}

}  // namespace

size_t ValidUtf8Prefix(std::string_view s) {
  // simdjson's SIMD validator answers the common case (all valid) at
  // several GB/s; the scalar scan then only runs to find the position.
  // Short strings (mojibake candidates of a few bytes) skip simdjson,
  // whose dispatch and set-up cost more than the scalar scan.
  if (s.size() >= kScalarMax && simdjson::validate_utf8(s.data(), s.size())) return s.size();
  return ValidUtf8PrefixScalar(s);
}

size_t ValidUtf8PrefixScalar(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  return ScanValid(p, s.size(), 0);
}

size_t InvalidSequenceLength(std::string_view s) {
  // Maximal subpart of an ill-formed sequence (Unicode 3.9, U+FFFD policy).
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  unsigned char c = p[0];
  size_t need = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 && c < 0xF0 ? 3
                : c >= 0xC2 && c < 0xE0 ? 2 : 1;
  size_t i = 1;
  while (i < need && i < n && IsCont(p[i])) {
    if (i == 1) {
      if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0) ||
          (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90)) {
        break;
      }
    }
    ++i;
  }
  return i;
}

size_t IncompleteTail(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  for (size_t back = 1; back <= 3 && back <= n; ++back) {
    unsigned char c = p[n - back];
    if (IsCont(c)) continue;
    size_t need = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 1;
    if (c >= 0xF5 || c < 0xC2) return 0;
    return need > back ? back : 0;
  }
  return 0;
}

size_t SafeCut(std::string_view s, size_t max_len) {
  if (s.size() <= max_len) return s.size();
  size_t cut = max_len;
  while (cut > 0 && IsCont(static_cast<unsigned char>(s[cut]))) --cut;
  size_t floor = cut > 4096 ? cut - 4096 : 0;
  static const char* const kBreaks[] = {"。", "！", "？", "；", "，", "、"};
  for (size_t i = cut; i > floor; --i) {
    unsigned char c = static_cast<unsigned char>(s[i - 1]);
    if (c == ' ' || c == '\t' || c == '.' || c == ',' || c == ';') return i;
    if (i >= 3) {
      for (const char* b : kBreaks) {
        if (std::memcmp(s.data() + i - 3, b, 3) == 0) return i;
      }
    }
  }
  return cut == 0 ? max_len : cut;
}

size_t CountNewlines(std::string_view s) {
  size_t n = 0;
  const char* p = s.data();
  const char* end = p + s.size();
  while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p))))) {
    ++n;
    ++p;
  }
  return n;
}

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += !IsCont(static_cast<unsigned char>(c));
  return n;
}

}  // namespace zhclean::internal
