// The ruby pass: leaked pinyin annotations go, real parentheses stay.
#include "ruby.h"

#include <gtest/gtest.h>

#include "unit/pass_test_util.h"

#include <string>

namespace zhclean::internal {
namespace {

std::string RemoveRuby(const std::string& line) { return RunPass(FindRubyEdits, line); }

TEST(RubyTest, ReadingsTable) {
  EXPECT_GT(kReadingTableSize, 30000u);
  ASSERT_NE(LookupReadings(U'網'), nullptr);
  EXPECT_STREQ(LookupReadings(U'網'), "wǎng");
  EXPECT_TRUE(IsReadingOf(U'會', "huì"));
  EXPECT_TRUE(IsReadingOf(U'會', "kuài"));  // Heteronym: every reading counts.
  EXPECT_TRUE(IsReadingOf(U'的', "de"));    // Neutral tone.
  EXPECT_FALSE(IsReadingOf(U'會', "hui"));  // Tone marks must match.
  EXPECT_FALSE(IsReadingOf(U'會', "huì kuài"));
  EXPECT_FALSE(IsReadingOf(U'會', ""));
  EXPECT_EQ(LookupReadings(U'a'), nullptr);
  EXPECT_FALSE(IsReadingOf(U'a', "a"));
}

struct Case {
  const char* in;
  const char* want;
};

TEST(RubyTest, Table) {
  const Case cases[] = {
      {"中新網(wǎng)福建", "中新網福建"},
      {"中新网(wǎng)福建", "中新网福建"},  // Simplified too.
      {"網（wǎng）絡", "網絡"},            // Full-width parentheses.
      {"常委(擴(kuò)大)會(huì)議", "常委(擴大)會議"},
      {"網絡(wǎng luò)時代", "網絡時代"},  // One annotation for a word.
      {"重(zhòng)要 重(chóng)複", "重要 重複"},
      {"好的(de)", "好的"},
      // Real parentheses and non-readings stay.
      {"各縣(市)區", "各縣(市)區"},
      {"網(wang)", "網(wang)"},    // No tone mark: not a reading.
      {"網(wǎng", "網(wǎng"},      // Unclosed.
      {"網(wǎng）", "網(wǎng）"},  // Mixed widths.
      {"網(Wǎng)", "網(Wǎng)"},    // Capitalised: not ruby.
      {"網(huì)", "網(huì)"},      // Wrong reading.
      {"網( wǎng)", "網( wǎng)"},
      {"網(wǎng  luò)", "網(wǎng  luò)"},
      {"絡(wǎng luò)", "絡(wǎng luò)"},  // Two syllables, one character.
      {"Google(gǔ)", "Google(gǔ)"},
      {"(wǎng)開頭", "(wǎng)開頭"},
      {"要?jiǎng)?chuàng)新",
       "要?jiǎng)?chuàng)新"},  // Annotated character lost.
      {"函數(x)", "函數(x)"},
      {"函數(shù)(x)", "函數(x)"},
      {"一(yī)二(èr)三(sān)四(sì)五(wǔ)", "一二三四五"},
      {"一二三四五(yī èr sān sì wǔ)", "一二三四五(yī èr sān sì wǔ)"},  // > 4.
  };
  for (const Case& c : cases) EXPECT_EQ(RemoveRuby(c.in), c.want) << c.in;
}

TEST(RubyTest, EditsCoverTheAnnotation) {
  std::string line = "中新網(wǎng)福建";
  PassEdits edits;
  FindRubyEdits(line, &edits);
  ASSERT_EQ(edits.size(), 1u);
  EXPECT_EQ(edits[0].offset, line.find('('));
  EXPECT_EQ(line.substr(edits[0].offset, edits[0].length), "(wǎng)");
  EXPECT_EQ(edits[0].after, "");
}

}  // namespace
}  // namespace zhclean::internal
