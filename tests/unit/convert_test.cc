#include "zhclean/convert.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>

#include "script_dict.h"

namespace zhclean {
namespace {

std::string Convert(const ScriptConverter& c, std::string_view in) {
  std::string out;
  EXPECT_TRUE(c.ConvertScript(in, &out).ok());
  return out;
}

TEST(PrefixDictTest, LongestPrefixAndFirstDictWins) {
  internal::PrefixDict dict;
  dict.Add("头", "頭");
  dict.Add("头发", "頭髮");
  dict.Add("头发长", "X");
  dict.Add("头", "ignored duplicate");
  std::string_view value;
  EXPECT_EQ(dict.MatchPrefix("头发短", &value), 6u);
  EXPECT_EQ(value, "頭髮");
  EXPECT_EQ(dict.MatchPrefix("头发长了", &value), 9u);
  EXPECT_EQ(dict.MatchPrefix("头顶", &value), 3u);
  EXPECT_EQ(value, "頭");
  EXPECT_EQ(dict.MatchPrefix("发", &value), 0u);
  EXPECT_EQ(dict.MatchPrefix("", &value), 0u);
  EXPECT_EQ(dict.size(), 3u);
  dict.Add("\U00020000x", "astral");
  EXPECT_EQ(dict.MatchPrefix("\U00020000xy", &value), 5u);
  EXPECT_EQ(value, "astral");

  internal::PrefixDictGroup group;
  auto a = std::make_unique<internal::PrefixDict>();
  a->Add("头", "A");
  auto b = std::make_unique<internal::PrefixDict>();
  b->Add("头发", "B");
  group.Add(std::move(a));
  group.Add(std::move(b));
  EXPECT_EQ(group.MatchPrefix("头发", &value), 3u);  // OpenCC: first dict with a match.
  EXPECT_EQ(value, "A");
}

TEST(ConvertTest, UnknownConfigIsNotFound) {
  auto c = ScriptConverter::Create("no-such-config");
  EXPECT_EQ(c.status().code(), StatusCode::kNotFound);
  auto p = ScriptConverter::Create("/nonexistent/dir/x.json");
  EXPECT_EQ(p.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(ListScriptConfigs().empty());
}

TEST(ConvertTest, MalformedConfigFileIsInvalidArgument) {
  std::string path = ::testing::TempDir() + "/broken_config.json";
  std::ofstream(path) << "{ this is not json";
  auto c = ScriptConverter::Create(path);
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument) << c.status().ToString();
}

TEST(ConvertTest, NulBytesAreKept) {
  auto c = ScriptConverter::Create("s2t");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(Convert(**c, std::string("汉\0字", 7)), std::string("漢\0字", 7));
}

// OpenCC's own test cases (from ../shared): the fast engine must agree with
// OpenCC's converter on every input and config. The cases' expected values
// come from a newer OpenCC than Debian's, so they are counted, not asserted.
TEST(ConvertTest, FastEngineMatchesOpenccOnItsTestCases) {
  std::ifstream in(std::string(ZHCLEAN_SHARED_DIR) + "/corpora/opencc-tests/testcases.json");
  if (!in) GTEST_SKIP() << "../shared/corpora/opencc-tests is absent";
  std::stringstream text;
  text << in.rdbuf();
  std::string json = text.str();
  std::regex pair("\"(input|[a-z0-9]+2[a-z0-9]+)\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  std::string input;
  int compared = 0, agree_with_expected = 0;
  std::map<std::string, std::pair<std::unique_ptr<ScriptConverter>,
                                  std::unique_ptr<ScriptConverter>>> engines;
  for (std::sregex_iterator it(json.begin(), json.end(), pair), end; it != end; ++it) {
    std::string key = (*it)[1], value = (*it)[2];
    if (key == "input") {
      input = value;
      continue;
    }
    auto& [fast, reference] = engines[key];
    if (!fast) {
      auto f = ScriptConverter::Create(key, ScriptEngine::kFast);
      auto r = ScriptConverter::Create(key, ScriptEngine::kOpencc);
      if (!f.ok()) continue;  // A config this OpenCC does not ship.
      ASSERT_TRUE(r.ok());
      fast = std::move(*f);
      reference = std::move(*r);
    }
    std::string got = Convert(*fast, input);
    EXPECT_EQ(got, Convert(*reference, input)) << key << ": " << input;
    agree_with_expected += got == value;
    ++compared;
  }
  EXPECT_GT(compared, 100);
  std::cout << compared << " case/config pairs; " << agree_with_expected
            << " equal the cases' expected output (from a newer OpenCC)\n";
}

}  // namespace
}  // namespace zhclean
