// The zh-fix stage on real documents: the seeds, the clean corpora, chunk
// boundaries, edit records and passage verdicts.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "unit/test_util.h"
#include "zhclean/fix.h"
#include "zhclean/pipeline.h"

namespace zhclean {
namespace {

using testutil::ReadFile;

std::string Sample(const std::string& name) {
  return ReadFile(std::string(ZHCLEAN_SOURCE_DIR) + "/samples/" + name + "/input.txt");
}

std::shared_ptr<const FixRuleSet> ShippedRules() {
  static std::shared_ptr<const FixRuleSet> rules = [] {
    FixRuleSet r;
    std::vector<Diagnostic> errors;
    Status s = LoadFixRules(std::string(ZHCLEAN_SOURCE_DIR) + "/rules", &r, &errors);
    EXPECT_TRUE(s.ok()) << s.message();
    return std::make_shared<const FixRuleSet>(std::move(r));
  }();
  return rules;
}

struct Result {
  std::string text;
  std::vector<std::string> edits;  // "offset before after rule".
  std::vector<std::string> reasons;
};

// Runs the stage over `in` cut into pieces of `chunk` bytes (0: whole).
Result Fix(const std::string& in, size_t chunk = 0,
           std::shared_ptr<const FixRuleSet> rules = ShippedRules()) {
  Result r;
  EditSink sink = [&](const Edit& e) {
    r.edits.push_back(std::to_string(e.offset) + " " + std::string(e.before) + " " +
                      std::string(e.after) + " " + std::string(e.rule));
    r.reasons.emplace_back(e.reason);
  };
  Pipeline p(&sink);
  p.Add(NewFixStage(rules));
  p.BeginDocument(0);
  if (chunk == 0) chunk = in.size() + 1;
  for (size_t pos = 0; pos < in.size(); pos += chunk) {
    EXPECT_TRUE(p.Process(std::string_view(in).substr(pos, chunk), &r.text).ok());
  }
  EXPECT_TRUE(p.Finish(&r.text).ok());
  return r;
}

TEST(FixStageTest, Sample003FixesTheSevenTyposAndNothingElse) {
  std::string in = Sample("003_a97e58f28c234661");
  Result r = Fix(in);
  std::vector<std::string> befores;
  for (const std::string& e : r.edits) {
    std::istringstream fields(e);
    uint64_t offset;
    std::string before, after;
    fields >> offset >> before >> after;
    EXPECT_EQ(in.substr(offset, before.size()), before);  // Offsets point at the input.
    befores.push_back(before + ">" + after);
  }
  EXPECT_EQ(befores, (std::vector<std::string>{"巾相>巾帼", "中帼>巾帼", "巾烟>巾帼", "成水歌>咸水歌",
                                               "巾帽>巾帼", "巾幅>巾帼", "殷股>殷殷"}));
  EXPECT_EQ(r.text, ReadFile(std::string(ZHCLEAN_SOURCE_DIR) +
                             "/samples/003_a97e58f28c234661/fix/expected.txt"));
  EXPECT_EQ(r.edits[0].substr(r.edits[0].rfind(' ') + 1), "typos/ocr.tsv:8");
}

TEST(FixStageTest, Sample002RepairsSpeechOneOnly) {
  std::string in = Sample("002_cadf0b8236b09334");
  Result r = Fix(in);
  size_t cut_in = in.find("妇联领导工作会议讲话 篇2");
  size_t cut_out = r.text.find("妇联领导工作会议讲话 篇2");
  ASSERT_NE(cut_in, std::string::npos);
  ASSERT_NE(cut_out, std::string::npos);
  EXPECT_EQ(r.text.substr(cut_out), in.substr(cut_in));  // Speeches 2-5 byte-identical.
  std::string speech1 = r.text.substr(0, cut_out);
  for (const char* marker :
       {"平易近", "年夜", "不美观", "经由过程", "查询拜访", "场所排场", "若干好多", "感应感染", "阐扬",
        "浸染", "敦促", "轨制", "成长", "培植", "下层", "收集", "供给", "正视", "定见", "良多",
        "情形", "周全", "泛博"}) {
    EXPECT_EQ(speech1.find(marker), std::string::npos) << marker;
  }
  EXPECT_NE(speech1.find("通过互联网传播"), std::string::npos);
  EXPECT_NE(speech1.find("维权干部队伍建设"), std::string::npos);
  ASSERT_FALSE(r.reasons.empty());
  EXPECT_NE(r.reasons[0].find("spun passage (dialect pingyijin)"), std::string::npos);
  EXPECT_EQ(r.text, ReadFile(std::string(ZHCLEAN_SOURCE_DIR) +
                             "/samples/002_cadf0b8236b09334/fix/expected.txt"));
  EXPECT_TRUE(Fix(r.text).edits.empty());  // Idempotent.
}

TEST(FixStageTest, OutputIsIndependentOfChunkBoundaries) {
  std::string in = Sample("002_cadf0b8236b09334").substr(0, 12000) +
                   Sample("003_a97e58f28c234661");
  Result whole = Fix(in);
  for (size_t chunk : {1, 2, 3, 7, 64, 4096}) {
    SCOPED_TRACE(chunk);
    Result r = Fix(in, chunk);
    EXPECT_EQ(r.text, whole.text);
    EXPECT_EQ(r.edits, whole.edits);
  }
}

TEST(FixStageTest, CleanSamplesAreUntouched) {
  for (const char* name :
       {"000_e8d26845c6ac1826", "001_685f646d0e7a449a", "004_f735b9dd96c8fd75"}) {
    SCOPED_TRACE(name);
    std::string in = Sample(name);
    Result r = Fix(in);
    EXPECT_EQ(r.text, in);
    EXPECT_TRUE(r.edits.empty());
  }
}

TEST(FixStageTest, CleanCorporaAreUntouched) {
  std::string dir = std::string(ZHCLEAN_SHARED_DIR) + "/corpora/";
  std::ifstream probe(dir + "zuozhuan.txt");
  if (!probe) GTEST_SKIP() << "no " << dir << " (../shared absent)";
  for (const char* name : {"zuozhuan.txt", "us_constitution_zhs.txt"}) {
    SCOPED_TRACE(name);
    std::string in = ReadFile(dir + name);
    Result r = Fix(in);
    EXPECT_TRUE(r.edits.empty()) << r.edits.front();
    EXPECT_EQ(r.text, in);
  }
}

TEST(FixStageTest, SpunScopeNeedsASpunPassage) {
  // 培植 and 成长 are ordinary words in clean text.
  std::string clean = "他们在山上培植果树，孩子们健康成长。\n";
  EXPECT_EQ(Fix(clean).text, clean);
  std::string spun =
      "经由过程查询拜访，人平易近群众感应感染到了新场所排场。\n"
      "各地要年夜力阐扬下层组织的浸染，敦促培植事业成长。\n";
  EXPECT_EQ(Fix(spun).text,
            "通过调查，人民群众感受到了新局面。\n"
            "各地要大力发挥基层组织的作用，推动建设事业发展。\n");
}

TEST(FixStageTest, SecondDialectUsesItsOwnTable) {
  // 情形 is 情况 for the 平易近 spinner but 环境 for the 小我私家 one.
  std::string spun =
      "我们每小我私家都要关心老黎民的日常平凡生活，一样平常来说，事情职员要处置惩罚好问题。\n"
      "要解放头脑，把事情做好，让老黎民满意，改善生态情形，推进刷新立异。\n";
  Result r = Fix(spun);
  EXPECT_EQ(r.text,
            "我们每个人都要关心老百姓的平时生活，一般来说，工作人员要处理好问题。\n"
            "要解放思想，把工作做好，让老百姓满意，改善生态环境，推进改革创新。\n");
  ASSERT_FALSE(r.reasons.empty());
  EXPECT_NE(r.reasons.back().find("dialect xiaowosijia"), std::string::npos);
}

TEST(FixStageTest, KeepsLineEndsAndMissingFinalNewline) {
  std::string in = "实施巾相思想领航工程\r\n\r\n巾帽脱贫";
  EXPECT_EQ(Fix(in).text, "实施巾帼思想领航工程\r\n\r\n巾帼脱贫");
}

}  // namespace
}  // namespace zhclean
