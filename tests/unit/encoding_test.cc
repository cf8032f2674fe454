// Encoding detection and decoding: names, the streaming Decoder with its
// error reports, and detection accuracy on generated inputs.
#include "zhclean/encoding.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <cstdio>
#include <random>

#include "repair_codec.h"
#include "repair_corpus.h"
#include "utf8.h"
#include "zhclean/convert.h"

namespace zhclean {
namespace {

using internal::Legacy;

TEST(EncodingNameTest, ParsesAliases) {
  struct Case { const char* name; Encoding want; } cases[] = {
      {"utf-8", Encoding::kUtf8},       {"UTF8", Encoding::kUtf8},
      {"gbk", Encoding::kGb18030},      {"GB2312", Encoding::kGb18030},
      {"cp936", Encoding::kGb18030},    {"big5", Encoding::kBig5},
      {"Big5-HKSCS", Encoding::kBig5},  {"utf-16le", Encoding::kUtf16Le},
      {"UTF_16BE", Encoding::kUtf16Be},
  };
  for (const Case& c : cases) {
    auto e = ParseEncodingName(c.name);
    ASSERT_TRUE(e.ok()) << c.name;
    EXPECT_EQ(*e, c.want) << c.name;
  }
  for (const char* bad : {"", "latin1", "shift_jis", "utf-32"}) {
    auto e = ParseEncodingName(bad);
    EXPECT_FALSE(e.ok()) << bad;
    EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
  }
}

std::string Decode(Encoding enc, std::string_view bytes, size_t chunk, DecodeReport* report) {
  auto d = Decoder::Create(enc);
  EXPECT_TRUE(d.ok());
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += chunk) {
    EXPECT_TRUE((*d)->DecodeToUtf8(bytes.substr(i, chunk), false, &out, report).ok());
  }
  EXPECT_TRUE((*d)->DecodeToUtf8("", true, &out, report).ok());
  return out;
}

TEST(DecoderTest, StreamsAcrossArbitraryCuts) {
  std::string text = "中文編碼測試，Big5 與 GBK。\n第二行";
  struct Case { Encoding enc; std::string bytes; } cases[] = {
      {Encoding::kGb18030, internal::EncodeLegacyLossy(Legacy::kGb18030, text)},
      {Encoding::kBig5, internal::EncodeLegacyLossy(Legacy::kBig5, text)},
  };
  for (const Case& c : cases) {
    for (size_t chunk : {1, 2, 3, 7, 64}) {
      DecodeReport report;
      EXPECT_EQ(Decode(c.enc, c.bytes, chunk, &report), text) << EncodingName(c.enc) << chunk;
      EXPECT_EQ(report.invalid_sequences, 0u);
    }
  }
  std::string utf16le("\x2D\x4E\x87\x65\x3D\xD8\x00\xDE", 8);  // 中文😀
  for (size_t chunk : {1, 3}) {
    DecodeReport report;
    EXPECT_EQ(Decode(Encoding::kUtf16Le, utf16le, chunk, &report), "中文\xF0\x9F\x98\x80");
  }
}

TEST(DecoderTest, ReportsInvalidSequencesWithOffsets) {
  struct Case {
    Encoding enc;
    std::string bytes;
    std::string want;
    uint64_t invalid, first;
  } cases[] = {
      {Encoding::kGb18030, "ab\xD6\xD0\xFF" "c", "ab中\xEF\xBF\xBD" "c", 1, 4},
      {Encoding::kGb18030, "\xD6", "\xEF\xBF\xBD", 1, 1},  // Cut at the end: end offset.
      {Encoding::kBig5, "\xA4\xA4\x80", "中\xEF\xBF\xBD", 1, 2},
      {Encoding::kUtf16Le, std::string("\x00\xD8" "a\x00", 4), "\xEF\xBF\xBD" "a", 1, 0},
      {Encoding::kUtf16Be, std::string("\x4E\x2D\x00", 3), "中\xEF\xBF\xBD", 1, 3},
  };
  for (const Case& c : cases) {
    DecodeReport report;
    EXPECT_EQ(Decode(c.enc, c.bytes, 1 << 20, &report), c.want) << EncodingName(c.enc);
    EXPECT_EQ(report.invalid_sequences, c.invalid) << EncodingName(c.enc);
    EXPECT_EQ(report.first_invalid_offset, c.first) << EncodingName(c.enc);
  }
}

// The BMP code tables hold, for every code point, what ICU's converter
// gives for that code point alone.
TEST(DoubleByteCodeTest, EqualsIcuPerCodePoint) {
  const std::pair<Legacy, const char*> codecs[] = {
      {Legacy::kGbk, "GBK"}, {Legacy::kGb18030, "gb18030"}, {Legacy::kBig5, "windows-950"}};
  for (const auto& [enc, name] : codecs) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* c = ucnv_open(name, &status);
    ASSERT_TRUE(U_SUCCESS(status)) << name;
    ucnv_setFromUCallBack(c, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    size_t mapped = 0;
    for (UChar32 cp = 0x80; cp < 0x10000; ++cp) {
      if (cp >= 0xD800 && cp <= 0xDFFF) continue;
      UChar u = static_cast<UChar>(cp);
      char bytes[8];
      UErrorCode s = U_ZERO_ERROR;
      int32_t n = ucnv_fromUChars(c, bytes, sizeof bytes, &u, 1, &s);
      uint16_t want = 0;
      if (U_SUCCESS(s) && n == 1) want = static_cast<unsigned char>(bytes[0]);
      if (U_SUCCESS(s) && n == 2) {
        want = static_cast<uint16_t>(static_cast<unsigned char>(bytes[0]) << 8 |
                                     static_cast<unsigned char>(bytes[1]));
      }
      mapped += want != 0;
      ASSERT_EQ(DoubleByteCode(enc, static_cast<char32_t>(cp)), want)
          << name << " U+" << std::hex << cp;
    }
    EXPECT_GT(mapped, 13000u) << name;
    ucnv_close(c);
  }
}

// The GBK and Big5 readers on generated tables accept and show exactly
// what ICU's strict converters do: every input of one and two bytes, and
// random longer ones built from the bytes where the codecs differ.
TEST(DecodeLegacyTest, TablesReadAsIcu) {
  auto same = [](Legacy enc, const std::string& bytes) {
    std::string table, icu;
    bool a = internal::DecodeLegacy(enc, bytes, &table);
    bool b = internal::DecodeLegacyIcu(enc, bytes, &icu);
    return a == b && (!a || table == icu);
  };
  std::mt19937 rng(7);
  const unsigned char kBytes[] = {0x00, 0x1A, 0x3F, 0x40, 0x41, 0x7E, 0x7F, 0x80, 0x81,
                                  0xA0, 0xA1, 0xA4, 0xB0, 0xC6, 0xD7, 0xF9, 0xFE, 0xFF};
  for (Legacy enc : {Legacy::kGbk, Legacy::kBig5}) {
    size_t read = 0;
    for (int x = 0; x < 256; ++x) {
      std::string one(1, static_cast<char>(x));
      ASSERT_TRUE(same(enc, one)) << static_cast<int>(enc) << " " << x;
      for (int y = 0; y < 256; ++y) {
        std::string two = one + static_cast<char>(y);
        ASSERT_TRUE(same(enc, two)) << static_cast<int>(enc) << " " << x << " " << y;
        std::string out;
        read += internal::DecodeLegacy(enc, two, &out) && x >= 0x80;
      }
    }
    EXPECT_GT(read, 13000u);
    for (int k = 0; k < 20000; ++k) {
      std::string bytes;
      for (size_t n = 3 + rng() % 8; n > 0; --n) {
        bytes.push_back(static_cast<char>(rng() % 2 ? rng() % 256 : kBytes[rng() % sizeof kBytes]));
      }
      ASSERT_TRUE(same(enc, bytes)) << static_cast<int>(enc) << " " << k;
    }
  }
}

// The round-trip readers (tables with only the characters that encode
// back to the code read) accept exactly what ICU's reader and writer
// together do: the bytes decode, and the text encodes to the same bytes.
TEST(DecodeLegacyTest, RoundTripTablesAgreeWithIcu) {
  auto same = [](Legacy enc, const std::string& bytes) {
    std::string table, icu, back;
    bool a = internal::DecodeLegacyReversible(enc, bytes, &table);
    bool b = internal::DecodeLegacyIcu(enc, bytes, &icu) &&
             internal::EncodeLegacy(enc, icu, &back) && back == bytes;
    return a == b && (!a || table == icu);
  };
  std::mt19937 rng(11);
  for (Legacy enc : {Legacy::kGbk, Legacy::kBig5}) {
    size_t rejected = 0;  // Read, but another code writes the character.
    for (int x = 0x80; x < 256; ++x) {
      ASSERT_TRUE(same(enc, std::string(1, static_cast<char>(x)))) << x;
      for (int y = 0x40; y < 256; ++y) {
        std::string two{static_cast<char>(x), static_cast<char>(y)};
        ASSERT_TRUE(same(enc, two)) << static_cast<int>(enc) << " " << x << " " << y;
        std::string a, b;
        rejected += internal::DecodeLegacy(enc, two, &a) &&
                    !internal::DecodeLegacyReversible(enc, two, &b);
      }
    }
    // windows-950 reads some characters from two codes (兀 A461 and C94A)
    // and writes the other; ICU's GBK reader has no such pair.
    if (enc == Legacy::kBig5) {
      EXPECT_GT(rejected, 0u);
    }
    for (int k = 0; k < 5000; ++k) {
      std::string bytes;
      for (size_t n = 2 + rng() % 6; n > 0; --n) bytes.push_back(static_cast<char>(0x40 + rng() % 0xC0));
      ASSERT_TRUE(same(enc, bytes)) << static_cast<int>(enc) << " " << k;
    }
  }
}

TEST(DetectTest, ByteOrderMarksAndPlainCases) {
  EXPECT_EQ(DetectEncoding("\xEF\xBB\xBF" "abc", true).bom_length, 3u);
  EncodingGuess le = DetectEncoding(std::string("\xFF\xFE" "a\x00", 4), true);
  EXPECT_EQ(le.encoding, Encoding::kUtf16Le);
  EXPECT_EQ(le.bom_length, 2u);
  EXPECT_EQ(DetectEncoding("\xFE\xFF\x00" "a", true).encoding, Encoding::kUtf16Be);
  EXPECT_EQ(DetectEncoding("plain ascii", true).encoding, Encoding::kUtf8);
  EXPECT_EQ(DetectEncoding("", true).encoding, Encoding::kUtf8);
  EncodingGuess cut = DetectEncoding("\xB8\xAD文字", true);  // Cut inside 中.
  EXPECT_EQ(cut.encoding, Encoding::kUtf8);
  EXPECT_EQ(cut.skip, 2u);
}

// Detection accuracy on windows of 300..1000 bytes cut at random byte
// offsets from the corpus encoded in every encoding.
class DetectCorpusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lines_ = zhclean::testing::CleanLines(1500);
    if (lines_.size() < 1000) GTEST_SKIP() << "../shared corpora not found";
    for (const std::string& l : lines_) simplified_ += l + "\n";
    auto s2t = ScriptConverter::Create("s2t");
    ASSERT_TRUE(s2t.ok());
    ASSERT_TRUE((*s2t)->ConvertScript(simplified_, &traditional_).ok());
  }
  static std::string Utf16(const std::string& text, bool be) {
    std::string out;
    for (size_t i = 0; i < text.size();) {
      char32_t c = internal::NextCodePoint(text, &i);
      auto put = [&out, be](char16_t u) {
        out.push_back(static_cast<char>(be ? u >> 8 : u & 0xFF));
        out.push_back(static_cast<char>(be ? u & 0xFF : u >> 8));
      };
      if (c >= 0x10000) {
        put(static_cast<char16_t>(0xD7C0 + (c >> 10)));
        put(static_cast<char16_t>(0xDC00 + (c & 0x3FF)));
      } else {
        put(static_cast<char16_t>(c));
      }
    }
    return out;
  }
  double Accuracy(const std::string& bytes, Encoding want, bool html, const char* name) {
    std::mt19937 rng(42);
    int right = 0, total = 400;
    for (int i = 0; i < total; ++i) {
      size_t len = 300 + rng() % 700;
      size_t at = rng() % (bytes.size() - len);
      std::string sample = bytes.substr(at, len);
      if (html) {
        sample = "<html><head><meta charset=\"x\"><title>t</title></head><body><div class=\"a\">" +
                 bytes.substr(at, 40 + rng() % 60) + "</div><a href=\"/x/y.html\">" +
                 std::string(200, ' ') + "</a></body></html>";
      }
      EncodingGuess g = DetectEncoding(sample, false);
      if (g.encoding == want) ++right;
    }
    double rate = 1.0 * right / total;
    std::printf("[rate] detect %-16s %.4f\n", name, rate);
    return rate;
  }
  std::vector<std::string> lines_;
  std::string simplified_, traditional_;
};

TEST_F(DetectCorpusTest, EveryEncodingAtRandomCuts) {
  std::string gbk = internal::EncodeLegacyLossy(Legacy::kGb18030, simplified_);
  std::string big5 = internal::EncodeLegacyLossy(Legacy::kBig5, traditional_);
  EXPECT_GE(Accuracy(simplified_, Encoding::kUtf8, false, "utf-8"), 0.99);
  EXPECT_GE(Accuracy(gbk, Encoding::kGb18030, false, "gb18030"), 0.99);
  EXPECT_GE(Accuracy(big5, Encoding::kBig5, false, "big5"), 0.99);
  EXPECT_GE(Accuracy(Utf16(simplified_, false), Encoding::kUtf16Le, false, "utf-16le"), 0.99);
  EXPECT_GE(Accuracy(Utf16(simplified_, true), Encoding::kUtf16Be, false, "utf-16be"), 0.99);
  EXPECT_GE(Accuracy(gbk, Encoding::kGb18030, true, "gbk-in-html"), 0.99);
  EXPECT_GE(Accuracy(big5, Encoding::kBig5, true, "big5-in-html"), 0.99);
}

}  // namespace
}  // namespace zhclean
