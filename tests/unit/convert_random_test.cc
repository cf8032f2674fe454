// Randomized differential test of the fast engine against OpenCC's own
// converter, and the process-wide dictionary cache.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "diff_edits.h"
#include "script_dict.h"
#include "test_util.h"
#include "utf8.h"
#include "zhclean/convert.h"

namespace zhclean {
namespace {

// Distinct non-NUL characters of valid UTF-8 text from the samples (in the
// repository) and, when present, the shared corpora.
std::vector<std::string> CorpusCharacters() {
  std::vector<std::string> paths;
  for (const char* seed : {"000_e8d26845c6ac1826", "001_685f646d0e7a449a",
                           "002_cadf0b8236b09334", "003_a97e58f28c234661",
                           "004_f735b9dd96c8fd75"}) {
    paths.push_back(std::string(ZHCLEAN_SOURCE_DIR) + "/samples/" + seed + "/input.txt");
  }
  paths.push_back(std::string(ZHCLEAN_SHARED_DIR) + "/corpora/zuozhuan.txt");
  paths.push_back(std::string(ZHCLEAN_SHARED_DIR) + "/corpora/us_constitution_zhs.txt");
  std::set<std::string> chars;
  for (const std::string& path : paths) {
    std::string text = testutil::ReadFile(path);
    text.resize(internal::ValidUtf8Prefix(text));
    for (size_t i = 0; i < text.size();) {
      size_t start = i;
      if (internal::NextCodePoint(text, &i) != 0) chars.insert(text.substr(start, i - start));
    }
  }
  return {chars.begin(), chars.end()};
}

// The first `n` code points of `key`.
std::string CodePointPrefix(const std::string& key, size_t n) {
  size_t i = 0;
  for (size_t k = 0; k < n && i < key.size(); ++k) internal::NextCodePoint(key, &i);
  return key.substr(0, i);
}

// A document of 1-30 random pieces: dictionary keys, proper prefixes of
// keys, corpus characters and ASCII.
std::string RandomDocument(const std::vector<std::string>& keys,
                           const std::vector<std::string>& chars, std::mt19937* rng) {
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(*rng); };
  std::string doc;
  for (size_t pieces = 1 + pick(30); pieces > 0; --pieces) {
    size_t kind = pick(100);
    const std::string& key = keys[pick(keys.size())];
    size_t length = internal::CountCodePoints(key);
    if (kind < 45) {
      doc += key;
    } else if (kind < 65 && length > 1) {
      doc += CodePointPrefix(key, 1 + pick(length - 1));
    } else if (kind < 92) {
      doc += chars[pick(chars.size())];
    } else {
      doc += " \nab,.!09"[pick(9)];
    }
  }
  return doc;
}

TEST(ConvertRandomTest, FastEngineMatchesOpenccOnRandomMixesOfKeys) {
  std::vector<std::string> chars = CorpusCharacters();
  ASSERT_GT(chars.size(), 1000u);  // The samples alone have thousands.
  std::mt19937 rng(20261123);
  size_t compared = 0;
  for (const std::string& config : ListScriptConfigs()) {
    auto path = ResolveScriptConfig(config);
    ASSERT_TRUE(path.ok());
    auto keys = internal::ScriptConfigKeys(*path);
    ASSERT_TRUE(keys.ok()) << keys.status().ToString();
    ASSERT_FALSE(keys->empty()) << config;
    auto fast = ScriptConverter::Create(config, ScriptEngine::kFast);
    auto reference = ScriptConverter::Create(config, ScriptEngine::kOpencc);
    ASSERT_TRUE(fast.ok() && reference.ok()) << config;
    int failures = 0;
    for (int i = 0; i < 1500 && failures < 5; ++i) {
      std::string doc = RandomDocument(*keys, chars, &rng);
      std::string got, want;
      ASSERT_TRUE((*fast)->ConvertScript(doc, &got).ok());
      ASSERT_TRUE((*reference)->ConvertScript(doc, &want).ok());
      if (got != want) ++failures;
      EXPECT_EQ(got, want) << config << " on: " << doc;
      ++compared;
    }
  }
  EXPECT_GE(compared, 1500u * 10);  // Debian's OpenCC ships 14 configs.
}

// Edits counted without an --explain sink by `record`, as (rule, count).
template <class F>
std::map<std::string, uint64_t, std::less<>> CountEdits(F record) {
  EditLog log("convert", nullptr);
  log.StartDocument(0);
  record(&log);
  return log.by_rule();
}

// Without a sink the stage tallies edits while converting (or diffs when
// the tally cannot be exact): the counts must be RecordDiffEdits' on the
// same output, for every config, on random mixes of keys with NULs.
TEST(ConvertRandomTest, StageCountsEditsAsTheDiffDoes) {
  std::vector<std::string> chars = CorpusCharacters();
  std::mt19937 rng(6);
  size_t exact = 0, inexact = 0;
  for (const std::string& config : ListScriptConfigs()) {
    auto keys = internal::ScriptConfigKeys(*ResolveScriptConfig(config));
    auto stage = NewConvertStage(config);
    auto chain = internal::LoadScriptChain(*ResolveScriptConfig(config));
    ASSERT_TRUE(keys.ok() && stage.ok() && chain.ok()) << config;
    for (int i = 0; i < 400; ++i) {
      std::string doc = RandomDocument(*keys, chars, &rng);
      if (i % 5 == 0) doc += std::string(1, '\0') + RandomDocument(*keys, chars, &rng);
      std::string out;
      auto got = CountEdits([&](EditLog* log) {
        ASSERT_TRUE((*stage)->Process(doc, &out, log).ok());
      });
      auto want = CountEdits([&](EditLog* log) {
        internal::RecordDiffEdits(doc, out, "opencc:" + config, "script conversion", log);
      });
      ASSERT_EQ(got, want) << config << " on: " << doc;
      // The chain's own tally, when exact, is the same count.
      internal::ConvertTally tally;
      std::string piece_out;
      std::string_view piece = std::string_view(doc).substr(0, doc.find('\0'));
      (*chain)->Convert(piece, &piece_out, &tally);
      auto diffed = CountEdits([&](EditLog* log) {
        internal::RecordDiffEdits(piece, piece_out, "x", "y", log);
      });
      if (tally.exact) {
        EXPECT_EQ(tally.runs, diffed.empty() ? 0 : diffed.begin()->second);
      }
      ++(tally.exact ? exact : inexact);
    }
  }
  EXPECT_GT(exact, 400u * 5);  // Most configs are one conversion.
  EXPECT_GT(inexact, 0u);
}

TEST(ConvertRandomTest, DictionariesAreBuiltOncePerProcess) {
  auto path = ResolveScriptConfig("s2t");
  ASSERT_TRUE(path.ok());
  std::vector<std::shared_ptr<const internal::ScriptChain>> chains(4);
  std::vector<std::thread> threads;
  for (auto& chain : chains) {
    threads.emplace_back([&chain, &path] { chain = *internal::LoadScriptChain(*path); });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& chain : chains) {
    ASSERT_NE(chain, nullptr);
    EXPECT_EQ(chain, chains[0]);
  }
  // Another spelling of the same file shares it too; another config does not.
  std::string dir = std::filesystem::path(*path).parent_path().string();
  auto dotted = internal::LoadScriptChain(dir + "/./s2t.json");
  ASSERT_TRUE(dotted.ok());
  EXPECT_EQ(*dotted, chains[0]);
  auto t2s = internal::LoadScriptChain(*ResolveScriptConfig("t2s"));
  ASSERT_TRUE(t2s.ok());
  EXPECT_NE(*t2s, chains[0]);
  // Converters built from the cache convert independently.
  auto a = ScriptConverter::Create("s2t");
  auto b = ScriptConverter::Create(*path);
  ASSERT_TRUE(a.ok() && b.ok());
  std::string out_a, out_b;
  ASSERT_TRUE((*a)->ConvertScript("头发", &out_a).ok());
  a->reset();
  ASSERT_TRUE((*b)->ConvertScript("头发", &out_b).ok());
  EXPECT_EQ(out_a, "頭髮");
  EXPECT_EQ(out_b, "頭髮");
}

TEST(ConvertRandomTest, BrokenConfigIsNotCached) {
  std::string dir = std::filesystem::path(*ResolveScriptConfig("s2t")).parent_path().string();
  std::string path = ::testing::TempDir() + "/convert_random_broken.json";
  std::ofstream(path) << "{ not json";
  EXPECT_EQ(internal::LoadScriptChain(path).status().code(), StatusCode::kInvalidArgument);
  std::ofstream(path) << R"({"name": "x", "segmentation": {"type": "mmseg", "dict":)"
                      << R"( {"type": "ocd2", "file": ")" << dir << R"(/STPhrases.ocd2"}},)"
                      << R"( "conversion_chain": [{"dict": {"type": "ocd2",)"
                      << R"( "file": ")" << dir << R"(/STCharacters.ocd2"}}]})";
  auto fixed = internal::LoadScriptChain(path);
  ASSERT_TRUE(fixed.ok()) << fixed.status().ToString();
  std::string out;
  (*fixed)->Convert("汉字", &out);
  EXPECT_EQ(out, "漢字");
}

}  // namespace
}  // namespace zhclean
