// Double-byte legacy codecs for mojibake repair, on ICU converters.
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/uniset.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

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

// cp -> double-byte code for the BMP, built once with ICU.
struct Table {
  std::vector<uint16_t> code;
};

// Converts the BMP in one ICU call (a call per code point was most of the
// start-up time): unmappable characters are skipped, and the offsets ICU
// reports for each output byte say which code point it belongs to. Only
// the code points the converter can map (with fallbacks: a superset of
// what it converts) are passed: ICU's skip callback on the other 40,000 of
// GBK's BMP cost three quarters of the build.
Table BuildTable(Legacy enc) {
  Table t;
  t.code.assign(0x10000, 0);
  ConverterPtr c = Open(enc, /*strict=*/true);
  if (!c) return t;
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setFromUCallBack(c.get(), UCNV_FROM_U_CALLBACK_SKIP, nullptr, nullptr, nullptr,
                        &status);
  icu::UnicodeSet mappable;
  ucnv_getUnicodeSet(c.get(), mappable.toUSet(), UCNV_ROUNDTRIP_AND_FALLBACK_SET, &status);
  if (U_FAILURE(status)) return t;
  std::vector<UChar> source;
  source.reserve(0x10000);
  for (int32_t r = 0; r < mappable.getRangeCount(); ++r) {
    UChar32 end = std::min<UChar32>(mappable.getRangeEnd(r), 0xFFFF);
    for (UChar32 cp = std::max<UChar32>(mappable.getRangeStart(r), 0x80); cp <= end; ++cp) {
      if (cp < 0xD800 || cp > 0xDFFF) source.push_back(static_cast<UChar>(cp));
    }
  }
  // Not zero-filled: ICU writes the first n bytes and offsets, and only
  // those are read (zero-filling 1.25 MB touched pages ICU never uses).
  size_t capacity = source.size() * 4;
  std::unique_ptr<char[]> bytes(new char[capacity]);
  std::unique_ptr<int32_t[]> offsets(new int32_t[capacity]);
  char* target = bytes.get();
  const UChar* src = source.data();
  ucnv_fromUnicode(c.get(), &target, target + capacity, &src, src + source.size(),
                   offsets.get(), /*flush=*/true, &status);
  if (U_FAILURE(status)) return t;
  size_t n = static_cast<size_t>(target - bytes.get());
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && offsets[j] == offsets[i]) ++j;
    unsigned b0 = static_cast<unsigned char>(bytes[i]);
    if (j - i <= 2 && offsets[i] >= 0) {
      t.code[source[static_cast<size_t>(offsets[i])]] = static_cast<uint16_t>(
          j - i == 1 ? b0 : (b0 << 8) | static_cast<unsigned char>(bytes[i + 1]));
    }
    i = j;
  }
  return t;
}

const Table& GetTable(Legacy enc) {
  static std::once_flag once[3];
  static Table tables[3];
  // Set once a table is built: later lookups skip call_once (DoubleByteCode
  // runs for every character the repair hypotheses look at).
  static std::atomic<const Table*> ready[3];
  int i = static_cast<int>(enc);
  const Table* t = ready[i].load(std::memory_order_acquire);
  if (t != nullptr) return *t;
  std::call_once(once[i], [i, enc] {
    tables[i] = BuildTable(enc);
    ready[i].store(&tables[i], std::memory_order_release);
  });
  return tables[i];
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

uint16_t DoubleByteCode(Legacy enc, char32_t cp) {
  if (cp >= 0x10000) return 0;
  return GetTable(enc).code[cp];
}

bool EncodeLegacy(Legacy enc, std::string_view text, std::string* out) {
  const Table& t = GetTable(enc);
  for (size_t i = 0; i < text.size();) {
    char32_t c = NextCodePoint(text, &i);
    if (c < 0x80) {
      out->push_back(static_cast<char>(c));
      continue;
    }
    uint16_t code = c < 0x10000 ? t.code[c] : 0;
    if (code == 0) return false;
    if (code >= 0x100) out->push_back(static_cast<char>(code >> 8));
    out->push_back(static_cast<char>(code & 0xFF));
  }
  return true;
}

bool DecodeLegacy(Legacy enc, std::string_view bytes, std::string* out) {
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
