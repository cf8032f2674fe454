// zh-fix suggest: the miner finds the seed typos; the shape table works.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "suggest_context.h"
#include "suggest_lm.h"
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

TEST(SuggestTest, ConfusionStrength) {
  EXPECT_EQ(internal::OcrConfusionStrength(U'中', U'巾'), 3);  // Known pair.
  EXPECT_EQ(internal::OcrConfusionStrength(U'權', U'权'), 0);  // Script variants.
  EXPECT_EQ(internal::OcrConfusionStrength(U'巾', U'巾'), 0);
  EXPECT_GE(internal::OcrConfusionStrength(U'帽', U'帼'), 1);  // Same radical 50.
  EXPECT_EQ(internal::OcrConfusionStrength(U'帼', U'a'), 0);
}

TEST(SuggestLmTest, GainOfAReplacementUnderTheWordModel) {
  internal::WordModel m;
  m.Add(U"耳朵", 1000);
  m.Add(U"头发", 500);
  m.Add(U"耳", 10);
  m.Add(U"杂", 100);
  m.Add(U"很长很长很长的词", 5);  // Longer than kMaxWord: ignored.
  EXPECT_EQ(m.Count(U"耳朵"), 1000u);
  EXPECT_EQ(m.Count(U"很长很长很长的词"), 0u);
  // 头发|耳|杂 -> 头发|耳朵: P(耳朵) / (P(耳) P(杂)) = 1000 * 1610 / (10 * 100).
  double gain = internal::ReplacementGain(m, U"头发耳杂", 2, 2, U"耳朵");
  EXPECT_NEAR(gain, std::log10(1000.0 * 1610 / (10 * 100)), 1e-9);
  // The other way round loses as much.
  EXPECT_NEAR(internal::ReplacementGain(m, U"头发耳朵", 2, 2, U"耳杂"), -gain, 1e-9);
  // An unknown character costs as much as a word of count 0.1.
  EXPECT_NEAR(m.BestLog10(U"鑫"), std::log10(0.1 / 1610), 1e-9);
  EXPECT_EQ(internal::WordModel().BestLog10(U"耳朵"), 0);
}

TEST(SuggestTest, DictionaryRightWordsRankedByConfidence) {
  std::string dir = ::testing::TempDir();
  std::string corpus = dir + "/suggest_corpus.txt", dict = dir + "/suggest_dict.txt";
  std::ofstream(corpus) << "鼻子下巴眼睛头发耳杂\n喜歡能讓我心跳\n";
  std::ofstream(dict) << "耳朵 2000 n\n头发 800 n\n鼻子 900 n\n下巴 300 n\n眼睛 900 n\n"
                      << "耳 20 n\n杂 200 a\n耳机 50 n\n能否 3000 v\n";
  SuggestOptions o;
  o.corpus_paths = {corpus};
  o.dictionary_path = dict;
  o.max_wrong_count = 2;
  std::vector<TypoCandidate> out;
  ASSERT_TRUE(SuggestTypoRules(o, &out).ok());
  EXPECT_TRUE(out.empty());  // 耳朵 is not in the corpus: no right word.
  o.min_dictionary_right = 100;
  ASSERT_TRUE(SuggestTypoRules(o, &out).ok());
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].wrong, "耳杂");
  EXPECT_EQ(out[0].right, "耳朵");
  EXPECT_EQ(out[0].right_count, 0u);
  EXPECT_EQ(out[0].dictionary_count, 2000u);
  EXPECT_GT(out[0].confidence, 4.0);
  EXPECT_NE(FormatTypoCandidate(out[0]).find("; confidence "), std::string::npos);
  for (size_t i = 1; i < out.size(); ++i) EXPECT_GE(out[i - 1].confidence, out[i].confidence);
  // Traditional text (讓) is not judged by a simplified dictionary.
  for (const TypoCandidate& c : out) EXPECT_EQ(c.wrong.find("讓"), std::string::npos) << c.wrong;
}

// --alone: a candidate sharing its line with another suspect is dropped (a
// rule fixing one of two errors leaves the sentence wrong); alone, it stays.
TEST(SuggestTest, AloneDropsCandidatesBesideAnotherSuspect) {
  std::string dir = ::testing::TempDir();
  std::string dict = dir + "/suggest_alone_dict.txt";
  std::ofstream(dict) << "耳朵 2000 n\n头发 800 n\n鼻子 900 n\n下巴 3000 n\n眼睛 900 n\n"
                      << "耳 20 n\n杂 600 a\n眼 30 n\n晴 600 a\n";  // No rare character.
  auto wrongs = [&](const std::string& text, double alone) {
    std::string corpus = dir + "/suggest_alone_corpus.txt";
    std::ofstream(corpus) << text;
    SuggestOptions o;
    o.corpus_paths = {corpus};
    o.dictionary_path = dict;
    o.max_wrong_count = 2;
    o.min_dictionary_right = 100;
    o.alone_above = alone;
    std::vector<TypoCandidate> out;
    EXPECT_TRUE(SuggestTypoRules(o, &out).ok());
    std::set<std::string> w;
    for (const TypoCandidate& c : out) w.insert(c.wrong + ">" + c.right);
    return w;
  };
  const double kOff = std::numeric_limits<double>::infinity();
  // Two errors in one line: both are candidates, and --alone drops both.
  std::set<std::string> both = wrongs("鼻子下巴眼晴头发耳杂\n", kOff);
  EXPECT_TRUE(both.count("眼晴>眼睛")) << both.size();
  EXPECT_TRUE(both.count("耳杂>耳朵"));
  EXPECT_TRUE(wrongs("鼻子下巴眼晴头发耳杂\n", 0).empty());
  // On separate lines each error is alone and stays.
  std::set<std::string> apart = wrongs("鼻子下巴眼晴\n头发耳杂\n", 0);
  EXPECT_TRUE(apart.count("眼晴>眼睛"));
  EXPECT_TRUE(apart.count("耳杂>耳朵"));
  // Below the bar the other suspect does not count.
  EXPECT_EQ(wrongs("鼻子下巴眼晴头发耳杂\n", 1e9), both);
  // A character the dictionary's words hardly hold (鑫: none) is a suspect.
  EXPECT_TRUE(wrongs("头发耳杂\n", 1e9).count("耳杂>耳朵"));
  EXPECT_TRUE(wrongs("头发耳杂鑫\n", 1e9).empty());
}

TEST(SuggestContextTest, ConflictingEditsInALine) {
  using internal::GramEdit;
  const double kNone = -std::numeric_limits<double>::infinity();
  std::vector<GramEdit> edits = {
      {U"思薯", 1, U'考', 5.0},    // 0: 思薯想 -> 思考想 ...
      {U"薯想", 0, U'梦', 4.0},    // 1: ... or 思梦想: the same 薯, another character.
      {U"香侈品", 0, U'奢', 10.0},  // 2 and 3: the same change, no conflict.
      {U"香侈", 0, U'奢', 9.0},
      {U"耳杂", 1, U'朵', 5.0},    // 4 and 5: one gram, two changes.
      {U"耳杂", 0, U'复', 6.0},
      {U"呐鸣", 1, U'喊', 2.0},    // 6 and 7: each changes a character of the other.
      {U"鸣呐", 1, U'叫', 3.0},
  };
  std::vector<double> rival = internal::ConflictingConfidence(
      {"朝思薯想的人\n在香侈品店\n头发耳杂\n", "说呐呐鸣呐\n"}, edits);
  EXPECT_EQ(rival, (std::vector<double>{4.0, 5.0, kNone, kNone, 6.0, 5.0, 3.0, 2.0}));
  // Grams on different lines never conflict.
  rival = internal::ConflictingConfidence({"朝思薯\n薯想\n"}, edits);
  EXPECT_EQ(rival[0], kNone);
  EXPECT_EQ(rival[1], kNone);
}

TEST(SuggestContextTest, CrowdedLines) {
  std::vector<internal::GramEdit> edits = {
      {U"很乐部", 0, U'俱', 6.0}, {U"冠孕", 1, U'军', 2.0}, {U"拧檬", 0, U'柠', 6.0}};
  std::vector<std::string> texts = {"全国射箭很乐部赛冠孕\n恐龙和拧檬交配\n"};
  // 冠孕 (2.0) makes its line crowded at bar 2, not at bar 3; 拧檬 is alone.
  auto none = [](char32_t) { return false; };
  EXPECT_EQ(internal::CrowdedLines(texts, edits, 2.0, none),
            (std::vector<bool>{true, true, false}));
  EXPECT_EQ(internal::CrowdedLines(texts, edits, 3.0, none),
            (std::vector<bool>{false, true, false}));
  // A rare character outside the span is a suspect too (交 here).
  EXPECT_EQ(internal::CrowdedLines(texts, edits, 3.0, [](char32_t c) { return c == U'交'; }),
            (std::vector<bool>{false, true, true}));
  // Inside the span it is the edit's own business.
  EXPECT_EQ(internal::CrowdedLines(texts, edits, 3.0, [](char32_t c) { return c == U'拧'; }),
            (std::vector<bool>{false, true, false}));
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
