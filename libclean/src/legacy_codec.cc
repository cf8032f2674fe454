// GBK and Big5 through the code tables generated from ICU at build time
// (codec_tables.h): the mojibake search reads many short pieces of text
// in these codecs, and a table lookup per character costs far less than
// a call into ICU's converter per piece.
#include <string>

#include "repair_codec.h"
#include "utf8.h"

namespace zhclean::internal {

namespace {

// With `round_trip`, the table that reads only characters whose own code
// is the one read.
const uint16_t* ReaderTable(Legacy enc, bool round_trip) {
  switch (enc) {
    case Legacy::kGbk: return round_trip ? kGbkRoundTripChars : kGbkChars;
    case Legacy::kBig5: return round_trip ? kBig5RoundTripChars : kBig5Chars;
    case Legacy::kGb18030: return nullptr;  // Four-byte codes: ICU.
  }
  return nullptr;
}

// The character that `table` gives for the code at p[*i] (one or two of
// the n bytes), advancing *i; 0 where the reader stops.
char16_t ReadCode(const uint16_t* table, const unsigned char* p, size_t n, size_t* i) {
  unsigned b = p[*i];
  if (b < 0x81 || b == 0xFF) {  // Not a lead: a character alone.
    ++*i;
    return table[kReaderPairs + b - 0x80];
  }
  if (*i + 1 == n || p[*i + 1] < 0x40 || p[*i + 1] == 0xFF) return 0;
  char16_t c = table[(b - 0x81) * kReaderTrails + p[*i + 1] - 0x40];
  *i += 2;
  return c;
}

// Decodes through `table` (a round-trip table checks that each
// character's code is the one it was read from). Writes in place (at most
// 3 bytes of UTF-8 per byte read): an append per character was most of
// the cost. Leaves *out as it was on failure.
bool DecodeWithTable(const uint16_t* table, std::string_view bytes, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size(), start = out->size();
  out->resize(start + 3 * n);
  char* w = out->data() + start;
  bool ok = true;
  for (size_t i = 0; i < n && ok;) {
    if (p[i] < 0x80) {
      ok = p[i] != 0x1A;  // ICU's substitute.
      *w++ = static_cast<char>(p[i++]);
      continue;
    }
    char16_t c = ReadCode(table, p, n, &i);
    ok = c >= 0x80;
    if (c < 0x800) {  // A byte alone may read as U+0080..U+07FF.
      *w++ = static_cast<char>(0xC0 | c >> 6);
    } else {
      *w++ = static_cast<char>(0xE0 | c >> 12);
      *w++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    }
    *w++ = static_cast<char>(0x80 | (c & 0x3F));
  }
  out->resize(ok ? static_cast<size_t>(w - out->data()) : start);
  return ok;
}

}  // namespace

bool EncodeLegacy(Legacy enc, std::string_view text, std::string* out) {
  for (size_t i = 0; i < text.size();) {
    char32_t c = NextCodePoint(text, &i);
    if (c < 0x80) {
      out->push_back(static_cast<char>(c));
      continue;
    }
    uint16_t code = DoubleByteCode(enc, c);
    if (code == 0) return false;
    if (code >= 0x100) out->push_back(static_cast<char>(code >> 8));
    out->push_back(static_cast<char>(code & 0xFF));
  }
  return true;
}

bool DecodeLegacy(Legacy enc, std::string_view bytes, std::string* out) {
  const uint16_t* table = ReaderTable(enc, /*round_trip=*/false);
  if (table == nullptr) return DecodeLegacyIcu(enc, bytes, out);
  return DecodeWithTable(table, bytes, out);
}

bool DecodeLegacyReversible(Legacy enc, std::string_view bytes, std::string* out) {
  const uint16_t* table = ReaderTable(enc, /*round_trip=*/true);
  if (table != nullptr) return DecodeWithTable(table, bytes, out);
  size_t start = out->size();
  std::string check;
  return DecodeLegacyIcu(enc, bytes, out) &&
         EncodeLegacy(enc, std::string_view(*out).substr(start), &check) && check == bytes;
}

}  // namespace zhclean::internal
