// Code tables generated from ICU's converters at build time by
// libclean/gen/gen_codec_tables.cc (codec_tables_data.cc in the build tree):
// building them at every start-up was most of zh-repair's start-up time.
#ifndef ZHCLEAN_SRC_CODEC_TABLES_H_
#define ZHCLEAN_SRC_CODEC_TABLES_H_

#include <cstddef>
#include <cstdint>

namespace zhclean::internal {

// The one- or two-byte code of every BMP code point >= U+0080 (lead byte in
// the high 8 bits), 0 where the codec has none.
extern const uint16_t kGbkCodes[0x10000];     // ICU "GBK" (windows-936).
extern const uint16_t kGb18030Codes[0x10000];  // ICU "gb18030", two-byte codes.
extern const uint16_t kBig5Codes[0x10000];     // ICU "windows-950".

// What the strict readers of GBK and Big5 (ICU, STOP callback) show: the
// two-byte code lead (0x81..0xFE), trail (0x40..0xFE) at
// (lead - 0x81) * kReaderTrails + trail - 0x40, then the bytes 0x80..0xFF
// alone from kReaderPairs on; 0 where the reader stops.
constexpr size_t kReaderTrails = 0xFE - 0x40 + 1;
constexpr size_t kReaderPairs = (0xFE - 0x81 + 1) * kReaderTrails;
extern const uint16_t kGbkChars[kReaderPairs + 0x80];
extern const uint16_t kBig5Chars[kReaderPairs + 0x80];
// The same, but 0 where the character's code in k*Codes is not the code it
// was read from (a duplicate code): what a round-trip reader accepts.
extern const uint16_t kGbkRoundTripChars[kReaderPairs + 0x80];
extern const uint16_t kBig5RoundTripChars[kReaderPairs + 0x80];

// What a single-byte codepage shows for bytes 0x80..0xFF: 0 where it has
// nothing; bytes it leaves undefined in 0x80..0x9F read as the C1 control
// of that value (what careless decoders do).
struct SingleByteTable {
  char icu_name[16];
  char32_t high[128];
};
extern const SingleByteTable kSingleByteTables[];
extern const size_t kSingleByteTableCount;

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_CODEC_TABLES_H_
