// Build-time generator of codec_tables_data.cc (declared in
// libclean/src/codec_tables.h): for GBK (windows-936), GB18030 and Big5
// (windows-950), the one- or two-byte code of every BMP code point >=
// U+0080, and for GBK and Big5 what a strict reader shows for each
// two-byte code and each high byte; for the single-byte codepages of the mojibake hypotheses, what
// each shows for bytes 0x80..0xFF. All read from ICU's converters. Building
// them at every start-up cost zh-repair most of its start-up time;
// generated, they are read-only data paged in where a text touches them.
//   gen_codec_tables OUT.cc
#include <unicode/ucnv.h>
#include <unicode/uniset.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include "generated_file.h"

namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Converts the BMP in one ICU call: unmappable characters are skipped, and
// the offsets ICU reports for each output byte say which code point it
// belongs to. Only the code points the converter can map (with fallbacks:
// a superset of what it converts) are passed.
bool BuildTable(const char* name, std::vector<uint16_t>* code) {
  code->assign(0x10000, 0);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> c(ucnv_open(name, &status));
  ucnv_setFromUCallBack(c.get(), UCNV_FROM_U_CALLBACK_SKIP, nullptr, nullptr, nullptr,
                        &status);
  icu::UnicodeSet mappable;
  ucnv_getUnicodeSet(c.get(), mappable.toUSet(), UCNV_ROUNDTRIP_AND_FALLBACK_SET, &status);
  if (U_FAILURE(status)) return false;
  std::vector<UChar> source;
  for (int32_t r = 0; r < mappable.getRangeCount(); ++r) {
    UChar32 end = std::min<UChar32>(mappable.getRangeEnd(r), 0xFFFF);
    for (UChar32 cp = std::max<UChar32>(mappable.getRangeStart(r), 0x80); cp <= end; ++cp) {
      if (cp < 0xD800 || cp > 0xDFFF) source.push_back(static_cast<UChar>(cp));
    }
  }
  std::vector<char> bytes(source.size() * 4);
  std::vector<int32_t> offsets(bytes.size());
  char* target = bytes.data();
  const UChar* src = source.data();
  ucnv_fromUnicode(c.get(), &target, target + bytes.size(), &src, src + source.size(),
                   offsets.data(), /*flush=*/true, &status);
  if (U_FAILURE(status)) return false;
  size_t n = static_cast<size_t>(target - bytes.data());
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && offsets[j] == offsets[i]) ++j;
    unsigned b0 = static_cast<unsigned char>(bytes[i]);
    if (j - i <= 2 && offsets[i] >= 0) {
      (*code)[source[static_cast<size_t>(offsets[i])]] = static_cast<uint16_t>(
          j - i == 1 ? b0 : (b0 << 8) | static_cast<unsigned char>(bytes[i + 1]));
    }
    i = j;
  }
  return true;
}

// What `name`'s strict reader (ICU's STOP callback) shows for each pair
// of bytes lead 0x81..0xFE, trail 0x40..0xFE, then for each byte
// 0x80..0xFF alone, in the order of codec_tables.h; 0 where it stops or
// shows its substitute. *read_from gets the code of each entry.
bool BuildReaderTable(const char* name, std::vector<uint16_t>* chars,
                      std::vector<uint16_t>* read_from) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> c(ucnv_open(name, &status));
  ucnv_setToUCallBack(c.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return false;
  auto read = [&c](const char* bytes, int32_t n) -> uint16_t {
    UChar u[4];
    UErrorCode s = U_ZERO_ERROR;
    ucnv_resetToUnicode(c.get());
    int32_t got = ucnv_toUChars(c.get(), u, 4, bytes, n, &s);
    bool one = U_SUCCESS(s) && got == 1 && u[0] != 0x1A && u[0] != 0xFFFD &&
               (u[0] < 0xD800 || u[0] > 0xDFFF);
    return one ? u[0] : 0;
  };
  chars->clear();
  read_from->clear();
  for (int lead = 0x81; lead <= 0xFE; ++lead) {
    for (int trail = 0x40; trail <= 0xFE; ++trail) {
      char pair[2] = {static_cast<char>(lead), static_cast<char>(trail)};
      chars->push_back(read(pair, 2));
      read_from->push_back(static_cast<uint16_t>(lead << 8 | trail));
    }
  }
  for (int b = 0x80; b <= 0xFF; ++b) {
    char byte = static_cast<char>(b);
    chars->push_back(read(&byte, 1));
    read_from->push_back(static_cast<uint16_t>(b));
  }
  return true;
}

// The reader table with 0 wherever the character's own code (`codes`) is
// not the code it was read from: reading through it checks the round
// trip with no second lookup.
std::vector<uint16_t> RoundTripOnly(const std::vector<uint16_t>& chars,
                                    const std::vector<uint16_t>& read_from,
                                    const std::vector<uint16_t>& codes) {
  std::vector<uint16_t> kept(chars.size(), 0);
  for (size_t at = 0; at < chars.size(); ++at) {
    if (chars[at] >= 0x80 && codes[chars[at]] == read_from[at]) kept[at] = chars[at];
  }
  return kept;
}

void WriteTable(GeneratedFile* out, const char* array, const std::vector<uint16_t>& code) {
  out->Printf("const uint16_t %s[%zu] = {", array, code.size());
  for (size_t i = 0; i < code.size(); ++i) {
    out->Printf(i % 16 == 0 ? "\n%u," : "%u,", static_cast<unsigned>(code[i]));
  }
  out->Printf("\n};\n\n");
}

// What `name` shows for bytes 0x80..0xFF, one byte at a time with ICU's
// STOP callback: unmapped bytes are 0, except that 0x80..0x9F read as the
// C1 control of that value. False unless it is a single-byte converter.
bool SingleByteHigh(const char* name, std::vector<uint32_t>* high) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> c(ucnv_open(name, &status));
  if (U_FAILURE(status)) return false;
  ucnv_setToUCallBack(c.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status) || ucnv_getMaxCharSize(c.get()) != 1) return false;
  high->assign(128, 0);
  for (int i = 0; i < 128; ++i) {
    char byte = static_cast<char>(0x80 + i);
    UChar u[4];
    status = U_ZERO_ERROR;
    ucnv_resetToUnicode(c.get());
    int32_t n = ucnv_toUChars(c.get(), u, 4, &byte, 1, &status);
    bool mapped = U_SUCCESS(status) && n == 1 && u[0] != 0x1A && u[0] != 0xFFFD &&
                  (u[0] < 0xD800 || u[0] > 0xDFFF);
    (*high)[i] = mapped ? u[0] : (i < 0x20 ? 0x80 + i : 0);
  }
  return true;
}

// The codepages of the single-byte mojibake hypotheses (mojibake_legacy.cc).
const char* const kSingleByteNames[] = {"macintosh",    "windows-1250", "ISO-8859-2",
                                        "windows-1251", "windows-1253", "windows-1254",
                                        "windows-1257", "ibm-437"};

bool WriteSingleByteTables(GeneratedFile* out) {
  out->Printf("const SingleByteTable kSingleByteTables[] = {\n");
  for (const char* name : kSingleByteNames) {
    std::vector<uint32_t> high;
    if (!SingleByteHigh(name, &high)) {
      std::fprintf(stderr, "gen_codec_tables: ICU has no single-byte converter %s\n", name);
      return false;
    }
    out->Printf("  {\"%s\", {", name);
    for (uint32_t c : high) out->Printf("0x%X,", c);
    out->Printf("}},\n");
  }
  out->Printf("};\nconst size_t kSingleByteTableCount = %zu;\n\n",
              sizeof(kSingleByteNames) / sizeof(kSingleByteNames[0]));
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: gen_codec_tables OUT.cc\n");
    return 2;
  }
  const char* names[][2] = {
      {"GBK", "kGbkCodes"}, {"gb18030", "kGb18030Codes"}, {"windows-950", "kBig5Codes"}};
  std::vector<std::vector<uint16_t>> tables(3);
  for (int i = 0; i < 3; ++i) {
    if (!BuildTable(names[i][0], &tables[i])) {
      std::fprintf(stderr, "gen_codec_tables: ICU has no usable converter %s\n", names[i][0]);
      return 1;
    }
  }
  GeneratedFile out;
  out.Printf(
      "// Generated by libclean/gen/gen_codec_tables.cc from ICU %s. Do not edit.\n"
      "#include \"codec_tables.h\"\n\nnamespace zhclean::internal {\n\n",
      U_ICU_VERSION);
  for (int i = 0; i < 3; ++i) WriteTable(&out, names[i][1], tables[i]);
  struct Reader {
    const char* name;
    const char* array;
    const char* round_trip_array;
    const std::vector<uint16_t>& codes;
  };
  const Reader readers[] = {{"GBK", "kGbkChars", "kGbkRoundTripChars", tables[0]},
                            {"windows-950", "kBig5Chars", "kBig5RoundTripChars", tables[2]}};
  for (const Reader& r : readers) {
    std::vector<uint16_t> chars, read_from;
    if (!BuildReaderTable(r.name, &chars, &read_from)) {
      std::fprintf(stderr, "gen_codec_tables: ICU has no usable converter %s\n", r.name);
      return 1;
    }
    WriteTable(&out, r.array, chars);
    WriteTable(&out, r.round_trip_array, RoundTripOnly(chars, read_from, r.codes));
  }
  if (!WriteSingleByteTables(&out)) return 1;
  out.Printf("}  // namespace zhclean::internal\n");
  if (!out.Write(argv[1])) return 1;
  return 0;
}
