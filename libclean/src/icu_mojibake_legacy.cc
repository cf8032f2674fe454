// ICU side of the single-byte codepage hypotheses (mojibake_legacy.cc): the
// codepages' tables, read from ICU at build time (codec_tables.h).
#include <cstring>

#include "codec_tables.h"
#include "mojibake_legacy.h"

namespace zhclean::internal {

bool SingleByteHighChars(const char* icu_name, HighChars* high) {
  for (size_t k = 0; k < kSingleByteTableCount; ++k) {
    const SingleByteTable& t = kSingleByteTables[k];
    if (std::strcmp(t.icu_name, icu_name) != 0) continue;
    for (int i = 0; i < 128; ++i) (*high)[i] = t.high[i];
    return true;
  }
  return false;
}

}  // namespace zhclean::internal
