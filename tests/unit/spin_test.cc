// Passage verdicts of the spin detector.
#include "spin.h"

#include <gtest/gtest.h>

namespace zhclean::internal {
namespace {

std::vector<ParagraphEvidence> Paragraphs(std::vector<uint32_t> markers, uint64_t chars = 300) {
  std::vector<ParagraphEvidence> ps;
  for (uint32_t m : markers) ps.push_back({chars, {m, 0}});
  return ps;
}

TEST(SpinTest, DenseMarkersMakeASpunPassage) {
  auto ps = Paragraphs({4, 3, 5});
  SpinVerdict v = JudgeParagraph(ps, 1, SpinOptions());
  EXPECT_EQ(v.dialect, 0);
  EXPECT_EQ(v.window_markers, 12u);
  EXPECT_EQ(v.window_chars, 900u);
  EXPECT_TRUE(v.anchored);
  EXPECT_NE(v.Describe({"pingyijin", "x"}, SpinOptions()).find("dialect pingyijin): 12 markers in 900 chars"),
            std::string::npos);
}

TEST(SpinTest, IsolatedMarkersAreNotEnough) {
  // One or two markers in clean text (a quotation, a name) never flip it.
  EXPECT_EQ(JudgeParagraph(Paragraphs({0, 1, 0, 1, 0}), 1, SpinOptions()).dialect, -1);
  // Three markers spread over 10 000 characters are below the density.
  EXPECT_EQ(JudgeParagraph(Paragraphs({1, 1, 1}, 4000), 1, SpinOptions()).dialect, -1);
}

TEST(SpinTest, MarkerFreeParagraphNeedsSpunNeighboursOnBothSides) {
  // A heading between spun paragraphs is spun ...
  EXPECT_EQ(JudgeParagraph(Paragraphs({5, 0, 0, 6}), 1, SpinOptions()).dialect, 0);
  // ... but the first clean paragraph after a spun speech is not.
  EXPECT_EQ(JudgeParagraph(Paragraphs({5, 6, 0, 0, 0}), 2, SpinOptions()).dialect, -1);
}

TEST(SpinTest, PicksTheDialectWithMoreMarkers) {
  std::vector<ParagraphEvidence> ps = {{300, {1, 4}}, {300, {2, 5}}, {300, {0, 3}}};
  EXPECT_EQ(JudgeParagraph(ps, 1, SpinOptions()).dialect, 1);
}

}  // namespace
}  // namespace zhclean::internal
