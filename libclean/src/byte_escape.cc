#include "byte_escape.h"

#include "utf8.h"

namespace zhclean::internal {

namespace {

// With --invalid keep, each byte of a malformed sequence travels through
// the stages as the private-use code point U+10FF00 + byte (plane 16, which
// no stage rewrites) and is turned back into that byte on output. Genuine
// U+10FF00..U+10FFFF characters are escaped byte by byte the same way, so
// the round trip is exact.
constexpr char32_t kByteEscapeBase = 0x10FF00;

bool IsEscapeRange(std::string_view s, size_t i) {  // F4 8F BC..BF xx
  return i + 4 <= s.size() && s[i] == '\xF4' && s[i + 1] == '\x8F' &&
         static_cast<unsigned char>(s[i + 2]) >= 0xBC;
}

void AppendEscapedBytes(std::string_view bytes, std::string* out) {
  for (char c : bytes) {
    AppendUtf8(kByteEscapeBase + static_cast<unsigned char>(c), out);
  }
}

}  // namespace

bool NeedsEscaping(std::string_view s, size_t valid) {
  if (valid != s.size()) return true;
  for (size_t i = s.find('\xF4'); i != std::string_view::npos; i = s.find('\xF4', i + 1)) {
    if (IsEscapeRange(s, i)) return true;
  }
  return false;
}

void EscapeInvalidBytes(std::string_view in, std::string* out) {
  size_t i = 0;
  while (i < in.size()) {
    size_t valid = ValidUtf8Prefix(in.substr(i));
    size_t end = i + valid;
    for (size_t j = i; j < end;) {  // Escape genuine plane-16 escapes.
      if (IsEscapeRange(in, j)) {
        AppendEscapedBytes(in.substr(j, 4), out);
        j += 4;
      } else {
        out->push_back(in[j++]);
      }
    }
    i = end;
    if (i == in.size()) break;
    size_t bad = InvalidSequenceLength(in.substr(i));
    AppendEscapedBytes(in.substr(i, bad), out);
    i += bad;
  }
}

void UnescapeInvalidBytes(std::string* s) {
  // U+10FF00..U+10FFFF is F4 8F BC 80 .. F4 8F BF BF.
  size_t w = 0;
  for (size_t r = 0; r < s->size();) {
    if (IsEscapeRange(*s, r)) {
      size_t i = r;
      char32_t cp = NextCodePoint(*s, &i);
      (*s)[w++] = static_cast<char>(cp - kByteEscapeBase);
      r += 4;
    } else {
      (*s)[w++] = (*s)[r++];
    }
  }
  s->resize(w);
}

}  // namespace zhclean::internal
