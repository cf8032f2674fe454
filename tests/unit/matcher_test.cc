// The Aho–Corasick matcher against a naive reference.
#include "matcher.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace zhclean::internal {
namespace {

std::vector<PatternMatch> Naive(const std::vector<std::string>& patterns,
                                const std::string& text) {
  std::vector<PatternMatch> hits;
  for (uint32_t p = 0; p < patterns.size(); ++p) {
    for (size_t at = text.find(patterns[p]); at != std::string::npos;
         at = text.find(patterns[p], at + 1)) {
      hits.push_back({at, at + patterns[p].size(), p});
    }
  }
  return hits;
}

std::vector<std::string> Key(const std::vector<PatternMatch>& hits) {
  std::vector<std::string> out;
  for (const PatternMatch& h : hits) {
    out.push_back(std::to_string(h.begin) + ":" + std::to_string(h.end) + ":" +
                  std::to_string(h.pattern));
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(MatcherTest, FindsOverlappingHits) {
  std::vector<std::string> patterns = {"he", "she", "his", "hers"};
  PatternMatcher m;
  m.Build(patterns);
  std::vector<PatternMatch> hits;
  m.FindAll("ushers", [&](const PatternMatch& h) { hits.push_back(h); });
  EXPECT_EQ(Key(hits), Key(Naive(patterns, "ushers")));
  EXPECT_EQ(hits.size(), 3u);
}

TEST(MatcherTest, LeftmostLongestIsDeterministic) {
  std::vector<std::string> patterns = {"年夜", "不美观", "宏不美观", "美观", "年夜"};
  PatternMatcher m;
  m.Build(patterns);
  std::string text = "宏不美观年夜局";
  auto chosen = m.FindLeftmostLongest(text, [](const PatternMatch&) { return true; });
  ASSERT_EQ(chosen.size(), 2u);
  EXPECT_EQ(chosen[0].pattern, 2u);  // 宏不美观 beats 不美观 and 美观.
  EXPECT_EQ(chosen[1].pattern, 0u);  // Equal duplicates: the lower index.
  // A filtered-out long hit leaves room for the shorter one.
  auto shorter = m.FindLeftmostLongest(text, [](const PatternMatch& h) { return h.pattern != 2; });
  ASSERT_EQ(shorter.size(), 2u);
  EXPECT_EQ(shorter[0].pattern, 1u);
}

TEST(MatcherTest, AgreesWithNaiveSearchOnRandomInput) {
  std::mt19937 rng(7);
  const std::u32string alphabet = U"平易近年夜不美观经由过程ab";
  auto random_string = [&](size_t max_len) {
    std::string s;
    size_t n = 1 + rng() % max_len;
    for (size_t i = 0; i < n; ++i) {
      char32_t c = alphabet[rng() % alphabet.size()];
      if (c < 0x80) {
        s.push_back(static_cast<char>(c));
      } else {
        s.push_back(static_cast<char>(0xE0 | (c >> 12)));
        s.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      }
    }
    return s;
  };
  for (int round = 0; round < 50; ++round) {
    std::vector<std::string> patterns;
    for (int i = 0; i < 20; ++i) patterns.push_back(random_string(4));
    std::string text = random_string(200);
    PatternMatcher m;
    m.Build(patterns);
    std::vector<PatternMatch> hits;
    m.FindAll(text, [&](const PatternMatch& h) { hits.push_back(h); });
    ASSERT_EQ(Key(hits), Key(Naive(patterns, text))) << "round " << round;
  }
}

TEST(MatcherTest, EmptyMatcherFindsNothing) {
  PatternMatcher m;
  int n = 0;
  m.FindAll("任何文字", [&](const PatternMatch&) { ++n; });
  EXPECT_EQ(n, 0);
  m.Build({});
  m.FindAll("任何文字", [&](const PatternMatch&) { ++n; });
  EXPECT_EQ(n, 0);
}

TEST(MatcherTest, CharactersInNoPatternResetTheMatch) {
  // 巾 then a character in no pattern (x, 中, an astral character) then
  // 帼: never a hit for 巾帼; the astral pattern is still found.
  std::vector<std::string> patterns = {"巾帼", "\xF0\xA0\x80\x80字", "帼"};
  PatternMatcher m;
  m.Build(patterns);
  std::string text = "巾x帼巾中帼巾\xF0\xA0\x80\x81帼巾帼\xF0\xA0\x80\x80字";
  std::vector<PatternMatch> hits;
  size_t chars = m.FindAll(text, [&](const PatternMatch& h) { hits.push_back(h); });
  EXPECT_EQ(Key(hits), Key(Naive(patterns, text)));
  EXPECT_EQ(chars, 13u);
}

}  // namespace
}  // namespace zhclean::internal
