// ICU side of the single-byte codepage hypotheses (mojibake_legacy.cc).
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include "mojibake_legacy.h"

namespace zhclean::internal {

bool SingleByteHighChars(const char* icu_name, HighChars* high) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* c = ucnv_open(icu_name, &status);
  if (U_FAILURE(status)) return false;
  ucnv_setToUCallBack(c, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  bool ok = U_SUCCESS(status) && ucnv_getMaxCharSize(c) == 1;
  for (int i = 0; ok && i < 128; ++i) {
    char byte = static_cast<char>(0x80 + i);
    UChar u[4];
    status = U_ZERO_ERROR;
    ucnv_resetToUnicode(c);
    int32_t n = ucnv_toUChars(c, u, 4, &byte, 1, &status);
    bool mapped = U_SUCCESS(status) && n == 1 && u[0] != 0x1A && u[0] != 0xFFFD &&
                  (u[0] < 0xD800 || u[0] > 0xDFFF);
    (*high)[i] = mapped ? static_cast<char32_t>(u[0]) : (i < 0x20 ? 0x80 + i : 0);
  }
  ucnv_close(c);
  return ok;
}

}  // namespace zhclean::internal
