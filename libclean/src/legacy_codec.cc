// GBK and Big5 through the code tables generated from ICU at build time
// (codec_tables.h): the mojibake search reads many short pieces of text
// in these codecs, and a table lookup per character costs far less than
// a call into ICU's converter per piece.
#include <string>

#include "repair_codec.h"
#include "utf8.h"

namespace zhclean::internal {

namespace {

const uint16_t* ReaderTable(Legacy enc) {
  switch (enc) {
    case Legacy::kGbk: return kGbkChars;
    case Legacy::kBig5: return kBig5Chars;
    case Legacy::kGb18030: return nullptr;  // Four-byte codes: ICU.
  }
  return nullptr;
}

// Decodes through `table`; with `reversible`, also checks that each
// character's code is the one it was read from.
bool DecodeWithTable(Legacy enc, const uint16_t* table, std::string_view bytes,
                     bool reversible, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size();
  for (size_t i = 0; i < n;) {
    unsigned b = p[i];
    if (b < 0x80) {
      if (b == 0x1A) return false;
      out->push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    uint16_t code = static_cast<uint16_t>(b);
    char16_t c;
    if (b >= 0x81 && b <= 0xFE) {  // A lead byte: never a character alone.
      if (i + 1 == n || p[i + 1] < 0x40 || p[i + 1] == 0xFF) return false;
      code = static_cast<uint16_t>(b << 8 | p[i + 1]);
      c = table[(b - 0x81) * kReaderTrails + p[i + 1] - 0x40];
      i += 2;
    } else {
      c = table[kReaderPairs + b - 0x80];
      ++i;
    }
    if (c == 0 || (reversible && DoubleByteCode(enc, c) != code)) return false;
    AppendUtf8(c, out);
  }
  return true;
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
  const uint16_t* table = ReaderTable(enc);
  if (table == nullptr) return DecodeLegacyIcu(enc, bytes, out);
  return DecodeWithTable(enc, table, bytes, /*reversible=*/false, out);
}

bool DecodeLegacyReversible(Legacy enc, std::string_view bytes, std::string* out) {
  const uint16_t* table = ReaderTable(enc);
  if (table != nullptr) return DecodeWithTable(enc, table, bytes, /*reversible=*/true, out);
  size_t start = out->size();
  std::string check;
  return DecodeLegacyIcu(enc, bytes, out) &&
         EncodeLegacy(enc, std::string_view(*out).substr(start), &check) && check == bytes;
}

}  // namespace zhclean::internal
