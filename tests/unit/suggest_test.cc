// zh-fix suggest: the miner finds the seed typos; the shape table works.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "suggest_shapes.h"
#include "zhclean/fix.h"

namespace zhclean {
namespace {

TEST(SuggestTest, ConfusableCharacters) {
  std::string why;
  EXPECT_TRUE(internal::OcrConfusable(U'帽', U'帼', &why));
  EXPECT_EQ(why, "same radical 50");
  EXPECT_TRUE(internal::OcrConfusable(U'相', U'帼', &why));
  EXPECT_NE(why.find("four-corner"), std::string::npos);
  EXPECT_TRUE(internal::OcrConfusable(U'中', U'巾', &why));
  EXPECT_FALSE(internal::OcrConfusable(U'權', U'权', &why));  // Script variants.
  EXPECT_FALSE(internal::OcrConfusable(U'巾', U'巾', &why));
  ASSERT_NE(internal::FindCharShape(U'帼'), nullptr);
  EXPECT_EQ(internal::FindCharShape(U'a'), nullptr);
}

TEST(SuggestTest, FindsTheJinguoVariantsInTheSeeds) {
  // The seed document alone (the samples tree grows as tools add goldens).
  SuggestOptions o;
  o.corpus_paths = {std::string(ZHCLEAN_SOURCE_DIR) + "/samples/003_a97e58f28c234661/input.txt"};
  o.min_right_count = 3;
  o.max_candidates = 10;
  std::vector<TypoCandidate> out;
  ASSERT_TRUE(SuggestTypoRules(o, &out).ok());
  std::set<std::string> top;
  for (const TypoCandidate& c : out) {
    if (c.right == "巾帼") top.insert(c.wrong);
  }
  EXPECT_EQ(top, (std::set<std::string>{"巾相", "巾烟", "巾帽", "巾幅", "中帼"}));
  ASSERT_FALSE(out.empty());
  EXPECT_NE(FormatTypoCandidate(out[0]).find("\t# wrong "), std::string::npos);
}

TEST(SuggestTest, WholeSamplesTreeWithDictionary) {
  const char* dict = "/usr/lib/python3/dist-packages/jieba/dict.txt";
  if (!std::filesystem::exists(dict)) GTEST_SKIP() << "python3-jieba not installed";
  SuggestOptions o;
  o.corpus_paths = {std::string(ZHCLEAN_SOURCE_DIR) + "/samples"};
  o.dictionary_path = dict;
  o.max_candidates = 15;
  std::vector<TypoCandidate> out;
  ASSERT_TRUE(SuggestTypoRules(o, &out).ok());
  size_t found = 0;
  for (const TypoCandidate& c : out) found += c.right == "巾帼";
  EXPECT_EQ(found, 5u);
}

TEST(SuggestTest, UnreadableCorpusIsAnError) {
  SuggestOptions o;
  o.corpus_paths = {"/nonexistent/corpus.txt"};
  std::vector<TypoCandidate> out;
  EXPECT_EQ(SuggestTypoRules(o, &out).code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace zhclean
