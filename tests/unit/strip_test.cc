#include "unit/test_util.h"
#include "zhclean/strip.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "line_class.h"
#include "strip_rules.h"
#include "zhclean/file_io.h"

namespace zhclean {
namespace {

using testutil::ReadFile;

std::shared_ptr<const ChromeRuleSet> SourceRules() {
  static auto rules = [] {
    auto r = std::make_shared<ChromeRuleSet>();
    std::vector<Diagnostic> errors;
    Status s = LoadChromeRules(std::string(ZHCLEAN_SOURCE_DIR) + "/rules", r.get(), &errors);
    EXPECT_TRUE(s.ok()) << s.message();
    return std::shared_ptr<const ChromeRuleSet>(r);
  }();
  return rules;
}

struct Result {
  std::string text;
  std::vector<std::string> removed, rules, reasons;
  std::string reject;  // Pipeline::RejectReason().
  std::vector<std::pair<std::string, std::string>> fields;  // TakeOutputFields().
};

// Runs the stage over `in` cut into pieces of `piece` bytes (0: whole).
Result Strip(std::string_view in, StripOptions options = {}, size_t piece = 0) {
  Result r;
  EditSink sink = [&r](const Edit& e) {
    r.removed.emplace_back(e.before);
    r.rules.emplace_back(e.rule);
    r.reasons.emplace_back(e.reason);
    EXPECT_TRUE(e.after.empty());
  };
  Pipeline p(&sink);
  auto stage = NewStripStage(SourceRules(), options);
  EXPECT_TRUE(stage.ok());
  p.Add(std::move(*stage));
  p.BeginDocument(0);
  if (piece == 0) piece = in.size() + 1;
  for (size_t i = 0; i < in.size(); i += piece) {
    EXPECT_TRUE(p.Process(in.substr(i, piece), &r.text).ok());
  }
  EXPECT_TRUE(p.Finish(&r.text).ok());
  r.reject = p.RejectReason();
  p.TakeOutputFields(&r.fields);
  return r;
}

std::string FieldOf(const Result& r, const std::string& name) {
  for (const auto& [k, v] : r.fields) {
    if (k == name) return v;
  }
  return "<absent>";
}

std::string Sample(const char* prefix) {
  std::string dir = std::string(ZHCLEAN_SOURCE_DIR) + "/samples";
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().filename().string().rfind(prefix, 0) == 0) return e.path().string();
  }
  return "";
}

TEST(StripRulesTest, EveryShippedFileLoadsCleanly) {
  ChromeRuleSet rules;
  std::vector<Diagnostic> errors;
  Status s = LoadChromeRules(std::string(ZHCLEAN_SOURCE_DIR) + "/rules", &rules, &errors);
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_TRUE(errors.empty());
  EXPECT_GT(rules.size(), 50u);
}

struct BadRule {
  const char* line;  // One rule line after a valid header.
  uint64_t column;
  const char* fragment;
};

TEST(StripRulesTest, ReportsSemanticErrorsWithLineAndColumn) {
  const BadRule cases[] = {
      {"word\t分享\tany\t4\tline", 1, "expected pattern kind"},
      {"literal\t分享\tmiddle\t4\tline", 12, "expected zone"},
      {"literal\t分享\tany\tx\tline", 16, "expected max line length"},
      {"literal\t分享\tany\t0\tline", 16, "expected max line length"},
      {"literal\t分享\tany\t4\tpage", 18, "expected scope"},
      {"literal\t分享\tany\t4\tline\tspam", 23, "expected class"},
      {"literal\t分享到微信\tany\t2\tline", 19, "shorter than the pattern"},
      {"literal\t 分享\tany\t4\tline", 9, "leading or trailing space"},
      {"regex\t(分享\tany\t4\tline", 10, "invalid regular expression"},
      {"literal\t分享\tany", 15, "expected TAB"},
      {"literal\t分享\tany\t4\tline\tchrome\t分", 30, "regex rules only"},
  };
  std::string path = ::testing::TempDir() + "/bad_chrome.tsv";
  for (const BadRule& c : cases) {
    std::ofstream(path) << "#! zhclean-rules v1 kind=chrome\n" << c.line << "\n";
    ChromeRuleSet rules;
    std::vector<Diagnostic> errors;
    Status s = LoadChromeRuleFile(path, &rules, &errors);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.line;
    ASSERT_FALSE(errors.empty()) << c.line;
    EXPECT_EQ(errors[0].line, 2u) << c.line;
    EXPECT_EQ(errors[0].column, c.column) << c.line << ": " << errors[0].ToString();
    EXPECT_NE(errors[0].message.find(c.fragment), std::string::npos) << errors[0].ToString();
  }
}

TEST(StripRulesTest, DuplicatePatternNamesTheFirstDefinition) {
  std::string path = ::testing::TempDir() + "/dup_chrome.tsv";
  std::ofstream(path) << "#! zhclean-rules v1 kind=chrome\nliteral\t分享\tany\t4\tline\n"
                      << "literal\t分享\ttail\t4\tline\n";
  ChromeRuleSet rules;
  std::vector<Diagnostic> errors;
  EXPECT_FALSE(LoadChromeRuleFile(path, &rules, &errors).ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 3u);
  EXPECT_NE(errors[0].message.find("first defined at"), std::string::npos);
}

// A "=CHARS" key is a promise like the other keys: the regex is tried only
// on lines made of those characters and white space.
TEST(StripRulesTest, CharacterSetKeyLimitsTheRegex) {
  std::string path = ::testing::TempDir() + "/only_chrome.tsv";
  std::ofstream(path) << "#! zhclean-rules v1 kind=chrome\n"
                      << "regex\t.{1,6}页\tany\t8\tline\tchrome\t页 =页一二三\n";
  ChromeRuleSet rules;
  std::vector<Diagnostic> errors;
  ASSERT_TRUE(LoadChromeRuleFile(path, &rules, &errors).ok());
  auto match = [&](std::string_view line) {
    return internal::MatchChrome(rules.impl(), line, internal::AnalyzeLine(line).length,
                                 internal::Zone::kAny, false) != nullptr;
  };
  EXPECT_TRUE(match("一二页"));
  EXPECT_TRUE(match("一\xE3\x80\x80二 页"));  // White space always passes.
  EXPECT_FALSE(match("四五页"));                  // The regex would match: the promise rules.
  // The shipped pager and date rules keep their matches under their sets.
  auto shipped = SourceRules();
  for (std::string_view line : {"共 12 页 首页 上一页 1 2 3 下一页 尾页", "[1] [2] [3]",
                                "第 2 页 / 共 5 页", "2022-09-16", "２０２２年９月１６日"}) {
    EXPECT_NE(internal::MatchChrome(shipped->impl(), line, internal::AnalyzeLine(line).length,
                                    internal::Zone::kAny, false),
              nullptr)
        << line;
  }
}

TEST(StripRulesTest, MissingDirectoryIsNotFound) {
  ChromeRuleSet rules;
  std::vector<Diagnostic> errors;
  EXPECT_EQ(LoadChromeRules("/nonexistent", &rules, &errors).code(), StatusCode::kNotFound);
}

TEST(StripStageTest, SamplesMatchGoldenWhateverTheChunking) {
  for (const char* id : {"000", "001", "002", "003", "004"}) {
    std::string dir = Sample(id);
    std::string in = ReadFile(dir + "/input.txt");
    std::string want = ReadFile(dir + "/strip/expected.txt");
    for (size_t piece : {0, 1, 2, 3, 7, 64, 4096}) {
      EXPECT_EQ(Strip(in, {}, piece).text, want) << id << " piece " << piece;
    }
  }
}

TEST(StripStageTest, SamplesAreIdempotent) {
  for (const char* id : {"000", "001", "002", "003", "004"}) {
    std::string once = Strip(ReadFile(Sample(id) + "/input.txt")).text;
    EXPECT_EQ(Strip(once).text, once) << id;
  }
}

TEST(StripStageTest, ExplainNamesRuleAndScoreForEveryRemovedLine) {
  std::string in = ReadFile(Sample("003") + "/input.txt");
  Result r = Strip(in);
  ASSERT_EQ(r.removed.size(), 5u);
  EXPECT_EQ(r.removed[0], "微信扫一扫在手机阅读、分享本文\n");
  EXPECT_EQ(r.rules[0].rfind("chrome/share.tsv:", 0), 0u);
  EXPECT_EQ(r.removed[1], "版权声明\n");
  EXPECT_NE(r.rules[2].find(":block"), std::string::npos);
  for (const std::string& reason : r.reasons) {
    EXPECT_NE(reason.find("score"), std::string::npos);
  }
  // Kept + removed = input: nothing is lost silently.
  size_t removed_bytes = 0;
  for (const std::string& line : r.removed) removed_bytes += line.size();
  EXPECT_EQ(r.text.size() + removed_bytes, in.size());
}

TEST(StripStageTest, MetaKeepKeepsTheDateLine) {
  std::string in = ReadFile(Sample("002") + "/input.txt");
  StripOptions keep;
  keep.meta = MetaMode::kKeep;
  EXPECT_EQ(Strip(in, keep).text, in);
  EXPECT_NE(Strip(in).text.find("篇5"), std::string::npos);
  EXPECT_EQ(Strip(in).text.find("2022-09-16"), std::string::npos);
}

TEST(StripStageTest, HeadingsAndTitlesAreContent) {
  std::string in =
      "分享\n妇联领导工作会议讲话 篇2\n一、提高政治站位\n(一)始终坚持党的领导\n"
      "第一,妇女工作要在融入大局中主动作为\n"
      "同志们,这是一段足够长的正文,它有标点,也有很多汉字,用来确定正文区域的开始和结束。\n"
      "二、聚焦发展大局\n联系客服\n";
  std::string want =
      "妇联领导工作会议讲话 篇2\n一、提高政治站位\n(一)始终坚持党的领导\n"
      "第一,妇女工作要在融入大局中主动作为\n"
      "同志们,这是一段足够长的正文,它有标点,也有很多汉字,用来确定正文区域的开始和结束。\n"
      "二、聚焦发展大局\n";
  EXPECT_EQ(Strip(in).text, want);
}

TEST(StripStageTest, MiddleListsGoOnlyWithEvidence) {
  std::string body =
      "同志们,这是一段足够长的正文,它有标点,也有很多汉字,用来确定正文区域的开始和结束。\n";
  std::string plain = "春\n夏\n秋\n冬\n东\n西\n";          // Six short lines: content.
  std::string links = "•\n明天出远门了\n•\n珍惜生命\n•\n上班真忙\n";  // A bulleted link list.
  EXPECT_EQ(Strip(body + plain + body).text, body + plain + body);
  EXPECT_EQ(Strip(body + links + body).text, body + body);
}

TEST(StripStageTest, EndMarkNextToChromeStays) {
  std::string body =
      "同志们,这是一段足够长的正文,它有标点,也有很多汉字,用来确定正文区域的开始和结束。\n";
  EXPECT_EQ(Strip(body + "（完）\n分享\n联系客服\n").text, body + "（完）\n");
  EXPECT_EQ(Strip(body + "-全文完-\n二维码\n").text, body + "-全文完-\n");
}

TEST(StripStageTest, LongSentenceSurvivesAWeakRule) {
  // Matches the 来源: prefix regex shape but is a long sentence.
  std::string line =
      "来源:本文作者在调研中发现,基层妇联组织普遍存在经费不足、人员短缺、阵地缺乏等问题,"
      "需要各级党委政府高度重视并切实加以解决。\n";
  EXPECT_EQ(Strip(line).text, line);
}

TEST(StripStageTest, EmptyAndOnlyChromeGiveEmptyOutput) {
  EXPECT_EQ(Strip("").text, "");
  Result r = Strip("分享\n\n阅读全文\n微信订阅号\n联系客服\n\n");
  EXPECT_EQ(r.text, "");
  EXPECT_EQ(r.removed.size(), 6u);
}

TEST(StripStageTest, OverlongLinePassesThroughInPieces) {
  std::string line(3 << 20, 'a');
  for (size_t i = 0; i < line.size(); i += 97) line[i] = ',';
  std::string in = "分享\n" + line + "\n联系客服\n";
  EXPECT_EQ(Strip(in, {}, 1 << 16).text, line + "\n");
}

TEST(StripStageTest, WindowCapBoundsHeldLines) {
  StripOptions small;
  small.max_window_lines = 8;
  std::string in;
  for (int i = 0; i < 100; ++i) in += "短行" + std::to_string(i) + "\n";
  // Link-like head lines: whatever the window, none is lost without a rule
  // or a run; the stage must emit in bounded batches and end cleanly.
  Result r = Strip(in, small);
  EXPECT_EQ(r.text.size() + [&] {
    size_t n = 0;
    for (auto& s : r.removed) n += s.size();
    return n;
  }(), in.size());
}

TEST(StripStageTest, CleanCorporaComeOutUnchanged) {
  std::string shared = ZHCLEAN_SHARED_DIR;
  if (!std::filesystem::exists(shared + "/corpora/zuozhuan.txt")) {
    GTEST_SKIP() << "../shared/corpora absent: clean-corpus check skipped";
  }
  for (const char* name : {"zuozhuan.txt", "us_constitution_zhs.txt"}) {
    std::string in = ReadFile(shared + "/corpora/" + name);
    Result r = Strip(in, {}, 1 << 20);
    EXPECT_EQ(r.text.size(), in.size()) << name;
    EXPECT_TRUE(r.text == in) << name << ": first removed: "
                              << (r.removed.empty() ? "" : r.removed[0] + " by " + r.rules[0]);
  }
}

TEST(StripStageTest, HtmlPagesAreDetected) {
  std::string page =
      "\xEF\xBB\xBF\n  <!DOCTYPE HTML><html><body><nav><a href=/>首页</a></nav>"
      "<div><p>四川省妇联认真落实党中央决策部署，紧扣庆祝中国共产党成立100周年这条主线。</p>"
      "<p>分享</p></div></body></html>\n";
  std::string want = "四川省妇联认真落实党中央决策部署，紧扣庆祝中国共产党成立100周年这条主线。\n";
  EXPECT_EQ(Strip(page).text, want);
  EXPECT_EQ(Strip("<p>不是整页的片段，按文本处理。</p>\n").text, "<p>不是整页的片段，按文本处理。</p>\n");
}

TEST(StripStageTest, NullRulesIsAnError) {
  EXPECT_EQ(NewStripStage(nullptr, {}).status().code(), StatusCode::kInvalidArgument);
}

TEST(StripStageTest, ParseMetaMode) {
  EXPECT_EQ(*ParseMetaMode("keep"), MetaMode::kKeep);
  EXPECT_EQ(*ParseMetaMode("drop"), MetaMode::kDrop);
  EXPECT_EQ(*ParseMetaMode("extract"), MetaMode::kExtract);
  EXPECT_FALSE(ParseMetaMode("sideways").ok());
}

TEST(StripStageTest, EmptyAfterStrippingIsRejected) {
  EXPECT_EQ(Strip("分享\n\n阅读全文\n微信订阅号\n").reject, "strip: empty after stripping");
  EXPECT_EQ(Strip("<!DOCTYPE html><html><body><nav>首页</nav></body></html>").reject,
            "strip: empty after stripping");
  EXPECT_EQ(Strip("").reject, "");
  EXPECT_EQ(Strip("\n \n").reject, "");  // Nothing but space in: nothing lost.
  std::string in = ReadFile(Sample("004") + "/input.txt");
  EXPECT_EQ(Strip(in, {}, 7).reject, "");
}

TEST(StripStageTest, MetaExtractMovesTitleAndMetadataIntoFields) {
  StripOptions extract;
  extract.meta = MetaMode::kExtract;
  std::string body =
      "会议指出，今年以来，全省各级妇联组织认真履行职能，在思想政治引领、巾帼建功行动、"
      "家庭家教家风建设等方面取得了新成效，为全省经济社会发展作出了积极贡献。\n";
  std::string in = "四川省妇联召开上半年工作会议\n发布时间：2021-05-24 10:22\n来源：四川日报\n\n" + body;
  Result r = Strip(in, extract);
  EXPECT_EQ(r.text, body);
  EXPECT_EQ(FieldOf(r, "title"), "四川省妇联召开上半年工作会议");
  EXPECT_EQ(FieldOf(r, "date"), "2021-05-24 10:22");
  EXPECT_EQ(FieldOf(r, "source"), "四川日报");
  EXPECT_EQ(FieldOf(r, "author"), "<absent>");
  EXPECT_EQ(r.rules[0], "meta:title");
  // The same whatever the chunking; drop mode gives no fields.
  EXPECT_EQ(Strip(in, extract, 3).fields, r.fields);
  EXPECT_TRUE(Strip(in).fields.empty());
  // A body line first: no title.
  EXPECT_EQ(FieldOf(Strip(body + body, extract), "title"), "<absent>");
}

TEST(StripStageTest, MetaExtractOnTheSeeds) {
  StripOptions extract;
  extract.meta = MetaMode::kExtract;
  std::string in = ReadFile(Sample("002") + "/input.txt");
  Result r = Strip(in, extract);
  EXPECT_EQ(FieldOf(r, "date"), "2022-09-16");
  std::string dropped = Strip(in).text;
  // Extract removes what drop removes plus the title, drop's first line.
  std::string title = FieldOf(r, "title");
  ASSERT_NE(title, "<absent>");
  EXPECT_EQ(dropped.substr(0, title.size() + 1), title + "\n");
  EXPECT_NE(r.text.substr(0, title.size() + 1), title + "\n");
  EXPECT_NE(dropped.find(r.text.substr(0, 200)), std::string::npos);
  std::string in3 = ReadFile(Sample("003") + "/input.txt");
  EXPECT_EQ(FieldOf(Strip(in3, extract), "title"), "<absent>");  // "(2021年8月10日)" is no title.
}

}  // namespace
}  // namespace zhclean

namespace zhclean {
namespace {

const char kArticleParagraph[] =
    "会议指出，今年以来，全省各级妇联组织认真履行职能，在思想政治引领、巾帼建功行动、"
    "家庭家教家风建设等方面取得了新成效。";

// An HTML page: <title>, then the extracted lines `lines` (one <p> each).
std::string HtmlPage(const std::string& title, const std::vector<std::string>& lines) {
  std::string page = "<!DOCTYPE html><html><head><title>" + title +
                     "</title></head><body><div class=\"article\">";
  for (const std::string& l : lines) page += "<p>" + l + "</p>";
  return page + "</div></body></html>\n";
}

TEST(StripStageTest, HtmlTitleAndDatelineAreMetadata) {
  std::string body = std::string(kArticleParagraph) + "\n";
  std::string page = HtmlPage("四川省妇联召开工作会议 - 要闻 - 某某网",
                              {"四川省妇联召开工作会议", "2021-05-24 10:22 来源：四川日报",
                               kArticleParagraph});
  Result drop = Strip(page);
  EXPECT_EQ(drop.text, body);
  ASSERT_EQ(drop.rules.size(), 2u);
  EXPECT_EQ(drop.rules[0], "meta:title");
  StripOptions keep;
  keep.meta = MetaMode::kKeep;
  EXPECT_EQ(Strip(page, keep).text,
            "四川省妇联召开工作会议\n2021-05-24 10:22 来源：四川日报\n" + body);
  StripOptions extract;
  extract.meta = MetaMode::kExtract;
  Result r = Strip(page, extract);
  EXPECT_EQ(r.text, body);
  EXPECT_EQ(FieldOf(r, "title"), "四川省妇联召开工作会议");
  EXPECT_EQ(FieldOf(r, "date"), "2021-05-24 10:22 来源：四川日报");  // No label cut at 10:
}

TEST(StripStageTest, HtmlTitleNeedsTheMarkup) {
  std::string body = std::string(kArticleParagraph) + "\n";
  // A subtitle the <title> holds too goes with the title; a repeat as well.
  EXPECT_EQ(Strip(HtmlPage("凝聚强大智慧和力量——热烈祝贺会议开幕_某某网",
                           {"凝聚强大智慧和力量", "——热烈祝贺会议开幕", "凝聚强大智慧和力量",
                            kArticleParagraph, kArticleParagraph}))
                .text,
            body + body);
  // Not a whole segment of the <title> (it goes on with 会议议程): content.
  std::string heading = "第四届中国经济学年会\n";
  EXPECT_EQ(Strip(HtmlPage("第四届中国经济学年会会议议程_秘书处",
                           {"第四届中国经济学年会", kArticleParagraph, kArticleParagraph}))
                .text,
            heading + body + body);
  // The title repeated inside the article is content; so is a title line of
  // a text document (no markup).
  EXPECT_EQ(Strip(HtmlPage("四川省妇联召开工作会议",
                           {kArticleParagraph, "四川省妇联召开工作会议", kArticleParagraph}))
                .text,
            body + "四川省妇联召开工作会议\n" + body);
  EXPECT_EQ(Strip("四川省妇联召开工作会议\n" + body).text, "四川省妇联召开工作会议\n" + body);
}

}  // namespace
}  // namespace zhclean
