// Double-byte legacy codecs for mojibake repair, on ICU converters.
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include <memory>

#include "repair_codec.h"
#include "utf8.h"

namespace zhclean::internal {

namespace {

const char* IcuName(Legacy enc) {
  switch (enc) {
    case Legacy::kGbk: return "GBK";
    case Legacy::kGb18030: return "gb18030";
    case Legacy::kBig5: return "windows-950";
  }
  return "GBK";
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr Open(Legacy enc, bool strict) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr c(ucnv_open(IcuName(enc), &status));
  if (U_FAILURE(status)) return nullptr;
  if (strict) {
    ucnv_setToUCallBack(c.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    ucnv_setFromUCallBack(c.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                          &status);
  } else {
    ucnv_setToUCallBack(c.get(), UCNV_TO_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr,
                        &status);
  }
  if (U_FAILURE(status)) return nullptr;
  return c;
}

// One converter per encoding and mode per thread: opening one per call
// dominated the cost of repairing damaged text.
UConverter* Cached(Legacy enc, bool strict) {
  thread_local ConverterPtr cache[3][2];
  ConverterPtr& c = cache[static_cast<int>(enc)][strict ? 1 : 0];
  if (!c) c = Open(enc, strict);
  if (c) ucnv_resetToUnicode(c.get());
  return c.get();
}

bool ToUtf16(Legacy enc, std::string_view bytes, bool strict, std::u16string* u) {
  UConverter* c = Cached(enc, strict);
  if (c == nullptr) return false;
  u->resize(bytes.size() * 2 + 4);
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = ucnv_toUChars(c, reinterpret_cast<UChar*>(u->data()),
                            static_cast<int32_t>(u->size()), bytes.data(),
                            static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return false;
  u->resize(static_cast<size_t>(n));
  return true;
}

void AppendUtf16AsUtf8(const std::u16string& u, std::string* out) {
  for (size_t i = 0; i < u.size(); ++i) {
    char32_t c = u[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < u.size() && u[i + 1] >= 0xDC00 &&
        u[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (u[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    AppendUtf8(c, out);
  }
}

}  // namespace

bool DecodeLegacyIcu(Legacy enc, std::string_view bytes, std::string* out) {
  std::u16string u;
  if (!ToUtf16(enc, bytes, /*strict=*/true, &u)) return false;
  for (char16_t c : u) {
    if (c == 0x1A || c == 0xFFFD) return false;  // ICU's substitutes.
  }
  AppendUtf16AsUtf8(u, out);
  return true;
}

void DecodeLegacyLossy(Legacy enc, std::string_view bytes, std::string* out) {
  std::u16string u;
  if (ToUtf16(enc, bytes, /*strict=*/false, &u)) AppendUtf16AsUtf8(u, out);
}

std::string EncodeLegacyLossy(Legacy enc, std::string_view text) {
  std::string out;
  ConverterPtr c = Open(enc, /*strict=*/false);
  if (!c) return out;
  std::u16string u;
  for (size_t i = 0; i < text.size();) {
    char32_t cp = NextCodePoint(text, &i);
    if (cp >= 0x10000) {
      u.push_back(static_cast<char16_t>(0xD7C0 + (cp >> 10)));
      u.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      u.push_back(static_cast<char16_t>(cp));
    }
  }
  out.resize(u.size() * 4 + 8);
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = ucnv_fromUChars(c.get(), out.data(), static_cast<int32_t>(out.size()),
                              reinterpret_cast<const UChar*>(u.data()),
                              static_cast<int32_t>(u.size()), &status);
  out.resize(U_SUCCESS(status) ? static_cast<size_t>(n) : 0);
  return out;
}

}  // namespace zhclean::internal
