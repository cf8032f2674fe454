// RecordConvertEdits must make exactly the edits RecordDiffEdits makes.
#include "convert_edits.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "diff_edits.h"
#include "script_dict.h"
#include "test_util.h"
#include "utf8.h"
#include "zhclean/convert.h"

namespace zhclean {
namespace {

using Row = std::tuple<uint64_t, std::string, std::string, std::string>;

struct Logged {
  std::vector<Row> rows;
  std::map<std::string, uint64_t, std::less<>> by_rule;
  uint64_t document_edits = 0;
};

// Runs `record` on (in, out) with a sink (details) or without (counts only).
template <class F>
Logged Run(F record, std::string_view in, std::string_view out, bool detailed) {
  Logged logged;
  EditSink sink = [&](const Edit& e) {
    logged.rows.emplace_back(e.offset, e.before, e.after, e.rule);
  };
  EditLog log("convert", detailed ? &sink : nullptr);
  log.StartDocument(0);
  log.AdvanceChunk(7);  // Offsets are relative to the chunk base.
  record(in, out, "opencc:x", "script conversion", &log);
  logged.by_rule = log.by_rule();
  logged.document_edits = log.document_edits();
  return logged;
}

void ExpectSameEdits(std::string_view in, std::string_view out) {
  for (bool detailed : {true, false}) {
    Logged want = Run(internal::RecordDiffEdits, in, out, detailed);
    Logged got = Run(internal::RecordConvertEdits, in, out, detailed);
    EXPECT_EQ(got.rows, want.rows) << in << " -> " << out;
    EXPECT_EQ(got.by_rule, want.by_rule) << in << " -> " << out;
    EXPECT_EQ(got.document_edits, want.document_edits);
  }
}

TEST(ConvertEditsTest, SameAsDiffEditsOnSmallCases) {
  ExpectSameEdits("", "");
  ExpectSameEdits("汉字", "汉字");
  ExpectSameEdits("汉字", "漢字");
  ExpectSameEdits("", "x");
  ExpectSameEdits("x", "");
  ExpectSameEdits("头发\n软件\n", "頭髮\n軟體\n");   // Aligned runs per line.
  ExpectSameEdits("鼠标\nab\n", "滑鼠\nab\n");
  ExpectSameEdits("a内存b\n", "a記憶體b\n");         // Code-point count changes.
  ExpectSameEdits("a\nb", "a\n\nb");                 // Newline count changes.
  ExpectSameEdits("é汉é\n", "é漢é\n");               // Two-byte characters kept.
  ExpectSameEdits("\U00020000汉", "\U00020000漢");
}

// Random pairs: lines of random characters, some replaced by characters of
// other lengths, some lines growing or shrinking, some newlines added.
TEST(ConvertEditsTest, SameAsDiffEditsOnRandomPairs) {
  const std::vector<std::string> alphabet = {"a", "b", "é", "ß", "汉", "漢", "字", "头",
                                             "頭", "\U00020000", "\U0002A6A5", "\n"};
  std::mt19937 rng(6);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  for (int round = 0; round < 3000; ++round) {
    std::string in, out;
    for (size_t n = pick(40); n > 0; --n) {
      const std::string& c = alphabet[pick(alphabet.size())];
      in += c;
      size_t change = pick(10);
      if (c == "\n" && change > 0) {
        out += c;  // Mostly keep the line structure.
      } else if (change < 6) {
        out += c;
      } else if (change < 9) {
        out += alphabet[pick(alphabet.size() - 1)];
      } else if (pick(2)) {
        out += c + alphabet[pick(alphabet.size())];
      }
    }
    ExpectSameEdits(in, out);
  }
}

// ConvertTally counts changed runs of notes made on views of one text.
TEST(ConvertEditsTest, TallyCountsChangedRunsAcrossReplacements) {
  const std::string in = "头发干净a干什么é\xF0\xA0\x80\x80内存";
  std::string_view v(in);
  internal::ConvertTally tally;
  tally.Note(v.substr(0, 6), "頭髮");    // One run...
  tally.Note(v.substr(6, 3), "乾");      // ...continued by the next replacement.
  tally.Note(v.substr(9, 3), "净");      // Unchanged: the run ends.
  EXPECT_EQ(tally.runs, 1u);
  tally.Note(v.substr(13, 9), "幹什麼");  // After the unchanged "a": two runs.
  EXPECT_EQ(tally.runs, 3u);
  // Other byte lengths, as many characters: the run after 麼 goes on.
  tally.Note(v.substr(22, 6), "e\xF0\xA0\x80\x81");
  EXPECT_EQ(tally.runs, 3u);
  EXPECT_TRUE(tally.exact);
  tally.Note(v.substr(28, 6), "記憶體");  // Three characters for two.
  EXPECT_FALSE(tally.exact);
}

TEST(ConvertEditsTest, SameAsDiffEditsOnConvertedSamples) {
  for (const char* config : {"s2t", "t2s", "s2twp", "tw2sp"}) {
    auto converter = ScriptConverter::Create(config);
    ASSERT_TRUE(converter.ok());
    for (const char* seed : {"000_e8d26845c6ac1826", "001_685f646d0e7a449a",
                             "003_a97e58f28c234661"}) {
      std::string in = testutil::ReadFile(std::string(ZHCLEAN_SOURCE_DIR) + "/samples/" +
                                          seed + "/input.txt");
      ASSERT_FALSE(in.empty());
      in.resize(internal::ValidUtf8Prefix(in));
      in.resize(in.rfind('\n') + 1);
      ASSERT_GT(in.size(), 1000u);
      std::string out;
      ASSERT_TRUE((*converter)->ConvertScript(in, &out).ok());
      ExpectSameEdits(in, out);
    }
  }
}

}  // namespace
}  // namespace zhclean
