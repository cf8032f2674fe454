#include "line_class.h"

#include <gtest/gtest.h>

namespace zhclean::internal {
namespace {

TEST(LineClassTest, TrimsAsciiIdeographicAndNoBreakSpace) {
  EXPECT_EQ(TrimLine("  \t分享\r"), "分享");
  EXPECT_EQ(TrimLine("\u3000\u3000正文\u00A0"), "正文");
  EXPECT_EQ(TrimLine("   "), "");
  EXPECT_EQ(TrimLine(""), "");
}

struct ShapeCase {
  const char* line;
  bool body, link_like, noise, heading, bullet;
};

TEST(LineClassTest, ClassifiesShapes) {
  const ShapeCase cases[] = {
      {"分享", false, true, false, false, false},
      {"• 本周热门", false, true, false, false, true},
      {"2020-07-30 21", false, true, true, false, false},
      {"size=\"20\"", false, true, true, false, false},
      {"一、提高政治站位,坚定妇女工作正确方向", false, false, false, true, false},
      {"(一)始终坚持党的领导。要增强四个意识", false, false, false, true, false},
      {"妇联领导工作会议讲话 篇2", false, true, false, true, false},
      {"第一,妇女工作要在融入大局中主动作为", false, false, false, true, false},
      {"下面,我就做好2020年的妇女工作,讲三点意见,请大家认真领会并抓好落实。", true, false, false,
       false, false},
      {"English", false, true, false, false, false},
  };
  for (const ShapeCase& c : cases) {
    LineFeatures f = AnalyzeLine(c.line);
    EXPECT_EQ(IsBodyLine(f), c.body) << c.line;
    EXPECT_EQ(IsLinkLike(f), c.link_like) << c.line;
    EXPECT_EQ(IsDigitLatinNoise(f), c.noise) << c.line;
    EXPECT_EQ(f.heading, c.heading) << c.line;
    EXPECT_EQ(f.bullet, c.bullet) << c.line;
  }
}

TEST(LineClassTest, CountsCodePointsAndClasses) {
  LineFeatures f = AnalyzeLine("妇联2021年Ab,。");
  EXPECT_EQ(f.length, 11u);
  EXPECT_EQ(f.han, 3u);
  EXPECT_EQ(f.digits, 4u);
  EXPECT_EQ(f.latin, 2u);
  EXPECT_EQ(f.sentence_punct, 2u);
  EXPECT_TRUE(f.ends_sentence);
}

}  // namespace
}  // namespace zhclean::internal
