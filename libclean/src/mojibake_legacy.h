// UTF-8 read through a single-byte codepage other than windows-1252 / Latin-1
// (MacRoman, windows-1250/1251/1253/1254/1257, ISO-8859-2, cp437):
// "g√¢teaux" → "gâteaux", "РґРѕСЂРѕРіРµ" → "дороге". A line is read back
// through one codepage only when every suspicious character of the line
// takes part, each damaged run re-encodes byte-exactly to valid multi-byte
// UTF-8 that yields common characters, and the reading is clearly cheaper
// under the character model.
#ifndef ZHCLEAN_SRC_MOJIBAKE_LEGACY_H_
#define ZHCLEAN_SRC_MOJIBAKE_LEGACY_H_

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "mojibake.h"
#include "mojibake_internal.h"

namespace zhclean::internal {

// The characters a codepage shows for bytes 0x80..0xFF; 0 where it has
// none. Bytes the codepage leaves undefined in 0x80..0x9F read as the C1
// control of that value (what careless decoders do).
using HighChars = std::array<char32_t, 128>;

// Fills *high from the table read from ICU's converter `icu_name` at build
// time; false for a name libclean/gen/gen_codec_tables.cc does not list.
bool SingleByteHighChars(const char* icu_name, HighChars* high);

// For the screen: per BMP code point, a bit per codepage where the code
// point shows a UTF-8 lead byte (0xC2..0xF4) or a continuation byte
// (0x80..0xBF). A line needs a look when a character with a lead bit is
// followed by one with the same continuation bit.
// Two levels, since the eight codepages show fewer than a thousand code
// points: page[c >> 8] picks a block of 256 code points, block 0 all zero.
struct SingleByteMasks {
  struct Bits {
    uint16_t lead = 0, cont = 0;
  };
  std::array<uint16_t, 256> page{};
  std::vector<std::array<Bits, 256>> blocks;
  // `c` < 0x10000.
  const Bits& At(char32_t c) const { return blocks[page[c >> 8]][c & 0xFF]; }
};
const SingleByteMasks& GetSingleByteMasks();

// Appends the repairs of the best codepage for the line, if any.
void FindSingleByteMojibake(const std::vector<Char>& chars, std::vector<MojibakeFix>* fixes);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_MOJIBAKE_LEGACY_H_
