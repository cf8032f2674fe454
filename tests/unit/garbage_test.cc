// Garbage runs: found in many-layer mojibake, never in clean text.
#include "garbage.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

#include "mojibake_internal.h"
#include "ngram.h"
#include "repair_corpus.h"

namespace zhclean::internal {
namespace {

size_t CountRuns(std::string_view text) {
  std::vector<GarbageRun> runs;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) FindGarbage(line, &runs);
  return runs.size();
}

TEST(GarbageTest, FindsManyLayerMojibake) {
  const char* cases[] = {
      "闂傚倸鍊搁崐鎼佸磹閹间礁纾归柟闂寸绾惧綊",
      "前文正常。闂傚倸鍊搁崐鎼佸磹閹间礁纾归柟闂寸绾惧綊鏌熼梻瀵割槮缁",
  };
  for (const char* c : cases) {
    std::vector<GarbageRun> runs;
    FindGarbage(c, &runs);
    if (std::getenv("ZHCLEAN_DEBUG_GARBAGE")) {
      std::vector<Char> chars = SplitChars(c);
      for (size_t i = 0; i < chars.size(); ++i) {
        std::printf("%d/%d ", HanUnigramCost(chars[i].cp),
                    CharCost(i ? chars[i - 1].cp : '\n', chars[i].cp));
      }
      std::printf("\n");
    }
    EXPECT_EQ(runs.size(), 1u) << c;
  }
}

TEST(GarbageTest, CleanTextHasNone) {
  EXPECT_EQ(CountRuns("中华人民共和国宪法。\n天地玄黄，宇宙洪荒。"), 0u);
  std::string zuozhuan, constitution;
  if (!zhclean::testing::ReadFile(zhclean::testing::SharedDir() + "/corpora/zuozhuan.txt",
                                  &zuozhuan)) {
    GTEST_SKIP() << "../shared corpora not found";
  }
  EXPECT_EQ(CountRuns(zuozhuan), 0u);
  for (const std::string& line : zhclean::testing::CleanLines(2000)) {
    EXPECT_EQ(CountRuns(line), 0u) << line;
  }
}

}  // namespace
}  // namespace zhclean::internal
