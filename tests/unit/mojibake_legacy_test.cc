// UTF-8 read through single-byte codepages other than windows-1252
// (mojibake_legacy.cc): generated damage with ICU's tables, ftfy's
// in-the-wild cases (exact matches counted and held), ftfy's negative
// cases and the clean corpora (never touched).
#include "mojibake_legacy.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <cstdio>
#include <string>
#include <vector>

#include "mojibake.h"
#include "repair_corpus.h"
#include "simdjson.h"
#include "utf8.h"
#include "zhclean/repair.h"

namespace zhclean::internal {
namespace {

// UTF-8 `text` shown through the codepage whose high bytes are `high`.
std::string ShowAs(const HighChars& high, std::string_view text) {
  std::string out;
  for (unsigned char b : text) AppendUtf8(b < 0x80 ? b : high[b - 0x80], &out);
  return out;
}

// The single-byte hypothesis alone on one line, applied.
std::string RepairSingleByte(std::string_view line) {
  std::vector<Char> chars = SplitChars(line);
  std::vector<MojibakeFix> fixes;
  FindSingleByteMojibake(chars, &fixes);
  std::string out;
  AppendFixed(line, fixes, &out);
  return out;
}

struct Sample {
  const char* icu_name;
  const char* text;
};

TEST(SingleByteMojibakeTest, GeneratedDamageComesBack) {
  const Sample samples[] = {
      {"macintosh", "Le Schtroumpf conseille gâteaux et baies pour un régime équilibré."},
      {"windows-1250", "Napíšte nám, prosím, kde je třetí náměstí."},
      {"ISO-8859-2", "Mám dost třetího tisíciletí a žluťoučkého koně."},
      {"windows-1251", "Привет, как дела? Всё хорошо, спасибо."},
      {"windows-1253", "Καλημέρα σας, τι κάνετε σήμερα;"},
      {"windows-1257", "Saeimā ievēlētās partijas līdzvadītāja atbild žurnālistu jautājumiem."},
      {"ibm-437", "#правильноепитание и здоровье"},
      {"windows-1251", "中文编码问题，发生了一件事情。"},
      {"macintosh", "中文编码问题，发生了一件事情。"},
  };
  for (const Sample& s : samples) {
    HighChars high;
    ASSERT_TRUE(SingleByteHighChars(s.icu_name, &high)) << s.icu_name;
    std::string bad = ShowAs(high, s.text);
    ASSERT_NE(bad, s.text);
    EXPECT_EQ(RepairSingleByte(bad), s.text) << s.icu_name << ": " << bad;
    EXPECT_TRUE((ScreenFlags(bad) & kScreenSingleByte) != 0) << s.icu_name;
  }
}

// UTF-8 shown as windows-1252, that shown as windows-1251: the second
// layer is windows-1252's, which windows-1251 cannot encode.
TEST(SingleByteMojibakeTest, LayerThroughWindows1252) {
  HighChars cp1251;
  ASSERT_TRUE(SingleByteHighChars("windows-1251", &cp1251));
  std::string text = "It costs \xC2\xA3""5, or \xE2\x82\xAC""6 in Paris.", once;
  for (unsigned char b : text) AppendUtf8(SloppyCp1252Char(b), &once);
  std::string twice = ShowAs(cp1251, once);
  EXPECT_EQ(RepairSingleByte(twice), text) << twice;
}

// A lead before U+FFFD is a character that lost a byte the codepage
// leaves undefined: "Á" is C3 81, and windows-1250 has no 0x81. It becomes
// one U+FFFD, beside other pieces only; a lead windows-1252 also has is
// left to that reader, which may know the lost byte.
TEST(SingleByteMojibakeTest, LeadBeforeReplacementCharacterLostBytes) {
  EXPECT_EQ(RepairSingleByte("Asia, \u0102\uFFFDfrica, Am\u0102\u00A9rica y Ocean\u0102\u00ADa"),
            "Asia, \uFFFDfrica, Am\u00E9rica y Ocean\u00EDa");
  EXPECT_EQ(RepairSingleByte("Asia, \u0102\uFFFDfrica"), "Asia, \u0102\uFFFDfrica");
  EXPECT_EQ(RepairSingleByte("\u0102\uFFFD \uFFFD Am\u0102\u00A9rica"),
            "\u0102\uFFFD \uFFFD Am\u0102\u00A9rica");  // A U+FFFD of no sequence.
}

// One small letter after two capitals is no reading: Romanian
// "NICIODATĂ" and a no-break space would read as "NICIODATà" through
// windows-1250 (ftfy's synthetic negative); a capital still reads.
TEST(SingleByteMojibakeTest, SmallLetterAfterCapitalsStays) {
  EXPECT_EQ(RepairSingleByte("NICIODAT\u0102\u00A0"), "NICIODAT\u0102\u00A0");
  EXPECT_EQ(RepairSingleByte("Nicioda\u0102\u00A0"), "Nicioda\u00E0");
}

TEST(SingleByteMojibakeTest, CleanTextAndWeakEvidenceStay) {
  const char* const clean[] = {
      "(-1/2)! = √π",          // MacRoman "√π" would read as "ù".
      "├┤a┼┐a┼┐a┼┐a┼┐a",       // cp437 would give "ôaſaſa…".
      "2012—∞",                 // MacRoman: a rare Cyrillic letter.
      "Привет, как дела?",      // Real Cyrillic.
      "Žluťoučký kůň úpěl ďábelské ódy.",
      "“引号”和……省略号——破折号·间隔号",
      "Connect with Āø on Facebook",
  };
  for (const char* text : clean) EXPECT_EQ(RepairSingleByte(text), text);
}

TEST(SingleByteHighCharsTest, UnknownConverterFails) {
  HighChars high;
  EXPECT_FALSE(SingleByteHighChars("no-such-codepage", &high));
  EXPECT_FALSE(SingleByteHighChars("UTF-8", &high));  // Not single-byte.
}

TEST(SingleByteHighCharsTest, UndefinedBytesReadAsC1Controls) {
  HighChars high;
  ASSERT_TRUE(SingleByteHighChars("windows-1250", &high));
  EXPECT_EQ(high[0x81 - 0x80], 0x81u);   // Undefined in windows-1250.
  EXPECT_EQ(high[0x8A - 0x80], 0x160u);  // Š.
}

// The tables generated at build time equal what ICU's converters show now,
// byte by byte, for every codepage the hypotheses try.
TEST(SingleByteHighCharsTest, GeneratedTablesEqualIcu) {
  const char* const names[] = {"macintosh",    "windows-1250", "ISO-8859-2", "windows-1251",
                               "windows-1253", "windows-1254", "windows-1257", "ibm-437"};
  for (const char* name : names) {
    HighChars high;
    ASSERT_TRUE(SingleByteHighChars(name, &high)) << name;
    UErrorCode status = U_ZERO_ERROR;
    UConverter* c = ucnv_open(name, &status);
    ASSERT_TRUE(U_SUCCESS(status)) << name;
    ucnv_setToUCallBack(c, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    for (int b = 0x80; b < 0x100; ++b) {
      char byte = static_cast<char>(b);
      UChar u[4];
      UErrorCode s = U_ZERO_ERROR;
      ucnv_resetToUnicode(c);
      int32_t n = ucnv_toUChars(c, u, 4, &byte, 1, &s);
      char32_t want = b < 0xA0 ? static_cast<char32_t>(b) : 0;  // Undefined.
      if (U_SUCCESS(s) && n == 1 && u[0] != 0x1A && u[0] != 0xFFFD) want = u[0];
      EXPECT_EQ(high[b - 0x80], want) << name << " byte " << b;
    }
    ucnv_close(c);
  }
}

TEST(SingleByteMojibakeTest, FtfyNegativeCasesGiveNoReading) {
  auto cases = zhclean::testing::FtfyCases("negative.json");
  if (cases.empty()) GTEST_SKIP() << "../shared ftfy cases not found";
  for (const auto& [original, fixed] : cases) {
    EXPECT_EQ(RepairSingleByte(original), original);
    EXPECT_EQ(RepairMojibake(original), fixed);  // One case fixes a C1 ellipsis.
  }
}

TEST(SingleByteMojibakeTest, CleanCorporaGiveNoReading) {
  size_t screened = 0;
  for (const char* name : {"zuozhuan.txt", "us_constitution_zhs.txt"}) {
    std::string text;
    if (!zhclean::testing::ReadFile(zhclean::testing::SharedDir() + "/corpora/" + name, &text)) {
      GTEST_SKIP() << "../shared corpora not found";
    }
    std::string_view rest(text);
    while (!rest.empty()) {
      size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      if ((ScreenFlags(line) & kScreenSingleByte) != 0) {
        ++screened;
        EXPECT_EQ(RepairSingleByte(line), line);
      }
      if (nl == std::string_view::npos) break;
      rest.remove_prefix(nl + 1);
    }
  }
  std::printf("[rate] single-byte screen flags %zu clean lines\n", screened);
}

}  // namespace
}  // namespace zhclean::internal
