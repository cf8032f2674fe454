// Legacy double-byte codecs used by mojibake repair and its tests: tables
// generated from ICU at build time (legacy_codec.cc) and ICU converters
// (icu_encoding_codec.cc); nothing here exposes ICU types.
#ifndef ZHCLEAN_SRC_REPAIR_CODEC_H_
#define ZHCLEAN_SRC_REPAIR_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "codec_tables.h"

namespace zhclean::internal {

enum class Legacy {
  kGbk,      // windows-936, what most software means by GBK/GB2312.
  kGb18030,  // GB18030 (four-byte sequences included).
  kBig5,     // windows-950 Big5.
};

// The code of `cp` (a BMP code point >= U+0080) in `enc`: a double-byte
// code with the lead byte in the high 8 bits, a single byte >= 0x80 (the
// euro sign in windows-936), or 0 when `cp` has no code there. Lookup in a
// table generated from ICU at build time. Inline: the mojibake search and
// the screen's start-up call it for every character they look at.
inline uint16_t DoubleByteCode(Legacy enc, char32_t cp) {
  if (cp >= 0x10000) return 0;
  switch (enc) {
    case Legacy::kGbk: return kGbkCodes[cp];
    case Legacy::kGb18030: return kGb18030Codes[cp];
    case Legacy::kBig5: return kBig5Codes[cp];
  }
  return 0;
}

// Encodes valid UTF-8 `text` strictly (ASCII as itself, everything else
// as double-byte codes) and appends the bytes to *out. Returns false when
// some character has no code.
bool EncodeLegacy(Legacy enc, std::string_view text, std::string* out);

// Decodes `bytes` strictly and appends UTF-8 to *out. Returns false on any
// invalid, incomplete or unmapped sequence (and on 0x1A, ICU's
// substitute). GBK and Big5 read through tables generated from ICU's
// readers (legacy_codec.cc); GB18030 through ICU.
bool DecodeLegacy(Legacy enc, std::string_view bytes, std::string* out);

// The same, and false unless every character encodes back to the bytes
// it came from (EncodeLegacy gives `bytes` again).
bool DecodeLegacyReversible(Legacy enc, std::string_view bytes, std::string* out);

// DecodeLegacy through ICU's converter itself: GB18030's four-byte codes,
// and the reference the tables are tested against.
bool DecodeLegacyIcu(Legacy enc, std::string_view bytes, std::string* out);

// Decodes `bytes` as a careless program would: invalid sequences become
// U+FFFD (ICU's substitution). Appends UTF-8 to *out. For tests.
void DecodeLegacyLossy(Legacy enc, std::string_view bytes, std::string* out);

// Encodes UTF-8 `text` with ICU's converter for `enc`, unmappable
// characters substituted. For tests.
std::string EncodeLegacyLossy(Legacy enc, std::string_view text);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_REPAIR_CODEC_H_
