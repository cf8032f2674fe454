// The dictionary-free passes (crlf, control, ascii-width, punct-width,
// space) and the ICU-backed nfc and radical passes, table-driven, with the
// must-stay cases.
#include "width.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/uniset.h>

#include "unit/pass_test_util.h"

#include <string>

namespace zhclean::internal {
namespace {

using Case = PassCase;

void RunTable(const PassFn& pass, const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    std::string once = RunPass(pass, c.in);
    EXPECT_EQ(once, c.want) << c.in;
    EXPECT_EQ(RunPass(pass, once), once) << "not idempotent: " << c.in;
  }
}

TEST(WidthTest, PunctWidth) {
  RunTable(FindPunctWidthEdits,
           {
               {"中,文", "中，文"},
               {"中:文;好", "中：文；好"},
               {"同志们:\n", "同志们：\n"},
               {"好!\n", "好！\n"},
               {"好!!坏", "好！！坏"},
               {"真的吗?是的", "真的吗？是的"},
               {"为什么不去?我\n", "为什么不去？我\n"},
               {"你是谁?”", "你是谁？”"},
               {"“五项行动”,“十一件”", "“五项行动”，“十一件”"},
               {"站(点),使", "站(点)，使"},
               {"用户,3亿", "用户，3亿"},
               {"增长9%;财政", "增长9%；财政"},
               {"标题:《书名》", "标题：《书名》"},
               // Must stay.
               {"1,000", "1,000"},
               {"共1,000人", "共1,000人"},
               {"第3,4章", "第3,4章"},
               {"3.5", "3.5"},
               {"http://a.b", "http://a.b"},
               {"网址http://a.b", "网址http://a.b"},
               {"Hello, world! How are you?", "Hello, world! How are you?"},
               {"中文,English", "中文,English"},
               {"English,中文", "English,中文"},
               {"时间:10:30", "时间:10:30"},
               {"中?文", "中?文"},  // Maybe a lost character.
               {"中??文", "中??文"},
               {"要?jiǎng)", "要?jiǎng)"},
               {"f(x),中", "f(x),中"},
               {"需要先登陆!)", "需要先登陆!)"},
               {"刚才,X个", "刚才,X个"},
               // Parentheses: only where the line already uses full-width ones.
               {"常委(扩大)会议", "常委(扩大)会议"},
               {"县(市)区（注）", "县（市）区（注）"},
               {"（注）f(x)与(a)", "（注）f(x)与(a)"},
               {"（注）中(文", "（注）中(文"},
               {"“引号”", "“引号”"},
           });
}

TEST(WidthTest, AsciiWidth) {
  RunTable(FindAsciiWidthEdits,
           {
               {"ＡＢＣ１２３ｘｙｚ", "ABC123xyz"},
               {"２０２４年", "2024年"},
               {"（）：，！",
                "（）：，！"},  // Punctuation is punct-width's business.
               {"abc 中文", "abc 中文"},
               {"Ａ股", "A股"},
               {"第１章", "第1章"},
               {"将归Ｖ请少待", "将归Ｖ请少待"},  // Lone letter in Han: stays.
               {"买入ＡＢ股", "买入AB股"},
           });
}

TEST(WidthTest, Control) {
  RunTable(FindControlEdits,
           {
               {"a\x01"
                "b\x7F"
                "c",
                "abc"},
               {"a\tb\n", "a\tb\n"},
               {"a\rb", "a\rb"},  // A lone CR stays.
               {"零\xE2\x80\x8B宽", "零宽"},
               {"\xEF\xBB\xBF"
                "开头",
                "开头"},
               {"a\xE2\x81\xA0"
                "b",
                "ab"},
               {"\xE2\x80\xAE"
                "反向\xE2\x80\xAC",
                "反向"},
               {"\xE2\x81\xA6"
                "x\xE2\x81\xA9",
                "x"},
               {"中\xE2\x80\x8D文", "中文"},  // ZWJ between Han: noise.
               // Meaningful joiners stay: emoji and Persian ZWNJ.
               {"\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9",
                "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9"},
               {"\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE\xD9\x88\xD8\xA7\xD9\x87"
                "\xD9\x85",
                "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE\xD9\x88\xD8\xA7\xD9\x87"
                "\xD9\x85"},
               // C1 controls stay (mojibake evidence for the repair stage).
               {"parl\xC3\xA9\xC2\x85 Tu", "parl\xC3\xA9\xC2\x85 Tu"},
               {"\xE2\x80\x8E"
                "x",
                "\xE2\x80\x8E"
                "x"},  // LRM is not an override.
           });
}

TEST(WidthTest, ControlReasons) {
  const std::pair<const char*, const char*> cases[] = {
      {"a\x01", "control character removed"},
      {"a\xE2\x80\x8B", "zero-width character removed"},
      {"a\xEF\xBB\xBF", "zero-width character removed"},
      {"a\xE2\x81\xA0", "zero-width character removed"},
      {"a\xE2\x80\xAE", "bidi embedding/override/isolate removed"},
      {"a\xE2\x81\xA9", "bidi embedding/override/isolate removed"}};
  for (const auto& [line, reason] : cases) {
    PassEdits edits;
    FindControlEdits(line, &edits);
    ASSERT_EQ(edits.size(), 1u) << line;
    EXPECT_STREQ(edits[0].reason, reason) << line;
  }
}

TEST(WidthTest, Space) {
  RunTable(FindSpaceEdits,
           {
               {"信念\xC2\xA0\xC2\xA0切实", "信念  切实"},
               {"\xC2\xA0\xC2\xA0正文", "  正文"},
               {"中文\xE2\x80\x83 abc", "中文  abc"},
               {"。\xE2\x80\xAF下", "。 下"},
               // Stays: ideographic space, NBSP in Latin text.
               {"\xE3\x80\x80\xE3\x80\x80段落", "\xE3\x80\x80\xE3\x80\x80段落"},
               {"ammaccato,\xC2\xA0\xC3\xA8 come",
                "ammaccato,\xC2\xA0\xC3\xA8 come"},
               {"[x]\xC2\xA0\xC2\xA9", "[x]\xC2\xA0\xC2\xA9"},
               {"SELK\xC3\x84\xC2\xA0"
                "EDELL",
                "SELK\xC3\x84\xC2\xA0"
                "EDELL"},
               {"a  b", "a  b"},
           });
}

TEST(WidthTest, Crlf) {
  RunTable(FindCrlfEdits,
           {
               {"a\r\n", "a\n"},
               {"\r\n", "\n"},
               {"a\r", "a\r"},
               {"a\n", "a\n"},
               {"a\r\r\n", "a\n"},  // CR CR LF from a doubled conversion.
               {"a\rb\n", "a\rb\n"},
           });
}

TEST(WidthTest, NfcAndRadicals) {
  auto folder = UnicodeFolder::Create();
  ASSERT_TRUE(folder.ok()) << folder.status().ToString();
  const UnicodeFolder& f = **folder;
  PassFn nfc = [&f](std::string_view s, PassEdits* e) { f.FindNfcEdits(s, e); };
  PassFn radical = [&f](std::string_view s, PassEdits* e) {
    f.FindRadicalEdits(s, e);
  };
  RunTable(
      nfc,
      {
          {"e\xCC\x81t\xC3\xA9", "\xC3\xA9t\xC3\xA9"},
          {"wa\xCC\x8Cng", "w\xC7\x8Eng"},   // Decomposed pinyin tone.
          {"\xE2\x84\xAB", "\xC3\x85"},      // ANGSTROM SIGN.
          {"\xEF\xA4\x80", "\xEF\xA4\x80"},  // Compat ideograph: not NFC's.
          {"\xE2\xBC\x80", "\xE2\xBC\x80"},  // Kangxi radical: not NFC's.
          {"中文。ＡＢ", "中文。ＡＢ"},
      });
  RunTable(radical,
           {
               {"\xE2\xBC\x80\xE4\xB8\xAA", "一个"},            // ⼀个
               {"\xE2\xBC\xAF\xE4\xBD\x9C", "工作"},            // ⼯作
               {"\xEF\xA4\x80\xE4\xBA\xBA", "\xE8\xB1\x88人"},  // 豈人
               {"\xF0\xAF\xA0\x80\xE4\xBA\xBA",
                "\xE4\xB8\xBD人"},  // U+2F800 -> U+4E3D
               // Stays: no unified ideograph in the run.
               {"\xE2\xBC\x80", "\xE2\xBC\x80"},
               {"部首\xEF\xBC\x9A\xE2\xBC\x80", "部首\xEF\xBC\x9A\xE2\xBC\x80"},
               {"\xE2\xBC\x80 \xE4\xB8\xAA", "\xE2\xBC\x80 \xE4\xB8\xAA"},
           });
  EXPECT_TRUE(f.NfcSafe(U'中'));
  EXPECT_TRUE(f.NfcSafe(U'a'));
  EXPECT_TRUE(f.NfcSafe(0xE9));     // é
  EXPECT_FALSE(f.NfcSafe(0x301));   // Combining acute.
  EXPECT_FALSE(f.NfcSafe(0x212B));  // ANGSTROM SIGN -> Å.
  EXPECT_FALSE(f.NfcSafe(0x1161));  // Hangul jamo: composes.
  EXPECT_TRUE(f.NfcSafe(0xF900));   // Filtered out of NFC.
  // The BMP table answers as ICU's FilteredNormalizer2 over NFC without the
  // CJK compatibility ideographs does, for every code point.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* plain = icu::Normalizer2::getNFCInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  icu::UnicodeSet all_but_compat(0, 0x10FFFF);
  all_but_compat.remove(0xF900, 0xFAFF).remove(0x2F800, 0x2FA1F).freeze();
  icu::FilteredNormalizer2 filtered(*plain, all_but_compat);
  for (UChar32 c = 0; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    UErrorCode s = U_ZERO_ERROR;
    bool want = filtered.hasBoundaryBefore(c) &&
                filtered.quickCheck(icu::UnicodeString(c), s) == UNORM_YES;
    ASSERT_EQ(f.NfcSafe(static_cast<char32_t>(c)), want) << std::hex << c;
  }
  // The stage's fast scan skips U+4000-9FFF without looking: no pass may
  // act on any of them.
  for (char32_t c = 0x4000; c <= 0x9FFF; ++c) {
    ASSERT_TRUE(f.NfcSafe(c) && !IsRadicalOrCompat(c) && !MaybeAsciiWidth(c) &&
                !MaybeSpace(c) && !MaybeControl(c))
        << std::hex << static_cast<uint32_t>(c);
  }
}

TEST(WidthTest, CodePointHelpers) {
  std::string s = "a中😀";
  size_t len, start;
  EXPECT_EQ(CodePointAt(s, 1, &len), U'中');
  EXPECT_EQ(len, 3u);
  EXPECT_EQ(CodePointBefore(s, s.size(), &start), U'😀');
  EXPECT_EQ(start, 4u);
  EXPECT_TRUE(IsHan(U'中'));
  EXPECT_TRUE(IsHan(0x20000));
  EXPECT_FALSE(IsHan(U'，'));
  EXPECT_TRUE(IsCjkPunct(U'，'));
  EXPECT_TRUE(IsRadicalOrCompat(0x2F00));
}

}  // namespace
}  // namespace zhclean::internal
