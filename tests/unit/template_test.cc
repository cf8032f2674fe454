#include "template.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "unit/test_util.h"
#include "zhclean/strip.h"

namespace zhclean {
namespace {

using testutil::ReadFile;

// An invented site frame: no chrome rule knows any of these lines.
const char kHeader[] =
    "晨星资讯网 · 让阅读更简单\n"
    "本站导航 要闻 财经 科技 文化 体育 专题\n"
    "\n";
const char kFooter[] =
    "\n"
    "晨星资讯网主办 晨星文化传媒有限公司承办\n"
    "客服热线 400-800-1234 邮箱 service@chenxing.example\n";

// Articles: the stripped seeds, plus slices of zuozhuan when ../shared is there.
std::vector<std::string> Articles() {
  std::vector<std::string> out;
  std::string dir = std::string(ZHCLEAN_SOURCE_DIR) + "/samples";
  std::vector<std::string> cases;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (std::filesystem::exists(e.path() / "strip/expected.txt")) cases.push_back(e.path());
  }
  std::sort(cases.begin(), cases.end());
  for (const std::string& c : cases) {
    std::string text = ReadFile(c + "/strip/expected.txt");
    if (!text.empty() && text.back() != '\n') text += '\n';
    out.push_back(text);
  }
  // Zuozhuan chapters ("隐公元年" up to the next such heading), without
  // their trailing blank lines (the frame's blank line separates them).
  std::string zuo = ReadFile(std::string(ZHCLEAN_SHARED_DIR) + "/corpora/zuozhuan.txt");
  std::istringstream lines(zuo);
  std::string line, chapter;
  auto is_heading = [](std::string t) {
    if (!t.empty() && t.back() == '\r') t.pop_back();
    // "隐公元年" starts a chapter; "桓公" starts a part (its own line).
    bool part = t.size() <= 9 && t.size() >= 3 && t.compare(t.size() - 3, 3, "公") == 0;
    return part || (t.size() <= 21 && t.find("公") != std::string::npos && t.size() >= 3 &&
                    t.compare(t.size() - 3, 3, "年") == 0);
  };
  auto flush = [&] {
    while (chapter.size() >= 2 && chapter.compare(chapter.size() - 2, 2, "\n\n") == 0) chapter.pop_back();
    while (chapter.size() >= 3 && chapter.compare(chapter.size() - 3, 3, "\n\r\n") == 0) {
      chapter.resize(chapter.size() - 2);
    }
    if (!chapter.empty()) out.push_back(chapter);
    chapter.clear();
  };
  while (std::getline(lines, line) && out.size() < 25) {
    if (is_heading(line)) flush();
    if (is_heading(line) && line.find("年") == std::string::npos) continue;
    if (!chapter.empty() || is_heading(line)) chapter += line + "\n";
  }
  return out;
}

std::string StripWith(std::shared_ptr<const SiteTemplates> t, std::string_view text) {
  static auto rules = [] {
    auto r = std::make_shared<ChromeRuleSet>();
    std::vector<Diagnostic> errors;
    EXPECT_TRUE(LoadChromeRules(std::string(ZHCLEAN_SOURCE_DIR) + "/rules", r.get(), &errors)
                    .ok());
    return std::shared_ptr<const ChromeRuleSet>(r);
  }();
  StripOptions options;
  options.templates = std::move(t);
  auto stage = NewStripStage(rules, options);
  std::string out;
  EditLog log("strip", nullptr);
  (*stage)->BeginDocument();
  EXPECT_TRUE((*stage)->Process(text, &out, &log).ok());
  EXPECT_TRUE((*stage)->Finish(&out, &log).ok());
  return out;
}

TEST(TemplateTest, SiteFrameIsRemovedAndArticlesStayIntact) {
  std::vector<std::string> articles = Articles();
  ASSERT_GE(articles.size(), 5u);
  auto templates = std::make_shared<SiteTemplates>();
  for (const std::string& a : articles) templates->AddDocument(kHeader + a + kFooter);
  EXPECT_EQ(templates->documents(), articles.size());
  for (const std::string& a : articles) {
    std::string framed = kHeader + a + kFooter;
    // Without templates the frame survives: no rule knows it.
    EXPECT_NE(StripWith(nullptr, framed).find("晨星文化传媒"), std::string::npos);
    EXPECT_EQ(StripWith(templates, framed), a);
  }
}

TEST(TemplateTest, SitesAreCountedApart) {
  SiteTemplates t;
  for (int i = 0; i < 4; ++i) {
    std::string n = std::to_string(i);
    t.AddSiteDocument("甲站导航 首页 新闻\n甲站第" + n + "篇\n", "https://a.example.cn/p/" + n);
    t.AddSiteDocument("乙站导航 首页 评论\n乙站第" + n + "篇\n", "b-site");
  }
  EXPECT_EQ(t.documents(), 8u);
  EXPECT_TRUE(t.IsTemplateLine("甲站导航 首页 新闻", "http://a.example.cn/other"));
  EXPECT_TRUE(t.IsTemplateLine("乙站导航 首页 评论", "b-site"));
  EXPECT_FALSE(t.IsTemplateLine("甲站导航 首页 新闻", "b-site"));
  EXPECT_FALSE(t.IsTemplateLine("甲站导航 首页 新闻", "unknown-site"));
  EXPECT_FALSE(t.IsTemplateLine("甲站导航 首页 新闻"));  // Not in the site-less table.
  EXPECT_FALSE(t.IsTemplateLine("甲站第1篇", "https://a.example.cn/"));
}

TEST(TemplateTest, JsonlRecordsAreLearnedPerSite) {
  std::string jsonl;
  for (int i = 0; i < 4; ++i) {
    jsonl += "{\"url\":\"https://a.example.cn/" + std::to_string(i) +
             "\",\"text\":\"甲站导航 首页 新闻\\n正文" + std::to_string(i) + "\"}\n";
  }
  jsonl += "not json\n{\"url\":\"https://a.example.cn/x\"}\n\n";  // Skipped.
  std::istringstream in(jsonl);
  SiteTemplates t;
  ASSERT_TRUE(t.AddJsonlStream(in, "text", "url").ok());
  EXPECT_EQ(t.documents(), 4u);
  EXPECT_TRUE(t.IsTemplateLine("甲站导航 首页 新闻", "https://a.example.cn/9"));
}

TEST(TemplateTest, SaveAndLoadRoundTrip) {
  SiteTemplates t;
  for (int i = 0; i < 10; ++i) t.AddDocument("共同的页眉\n第" + std::to_string(i) + "篇独有的行\n");
  std::string path = ::testing::TempDir() + "/site.tmpl";
  {
    std::ofstream out(path, std::ios::binary);
    ASSERT_TRUE(t.Save(out).ok());
  }
  auto loaded = SiteTemplates::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->documents(), 10u);
  EXPECT_TRUE(loaded->IsTemplateLine("共同的页眉"));
  EXPECT_TRUE(loaded->IsTemplateLine("  共同的页眉  "));
  EXPECT_FALSE(loaded->IsTemplateLine("第3篇独有的行"));
}

TEST(TemplateTest, MalformedTableIsReportedWithLine) {
  std::string path = ::testing::TempDir() + "/bad.tmpl";
  std::ofstream(path) << "#! zhclean-templates v1 documents=3\n00000000000000ab\t3\nzz\t1\n";
  auto loaded = SiteTemplates::Load(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find(":3: expected HASH"), std::string::npos);
  std::ofstream(path) << "not a table\n";
  EXPECT_EQ(SiteTemplates::Load(path).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SiteTemplates::Load("/nonexistent.tmpl").status().code(), StatusCode::kNotFound);
}

TEST(TemplateTest, MemoryStaysBoundedAndFrequentLinesSurvive) {
  internal::TemplateTable table(4096);
  uint64_t frequent = internal::HashLine("每页都有的导航");
  for (uint64_t doc = 0; doc < 20000; ++doc) {
    table.Add(frequent);
    for (uint64_t k = 0; k < 10; ++k) table.Add(internal::HashLine(std::to_string(doc * 10 + k)));
  }
  EXPECT_LE(table.size(), 4096u);
  EXPECT_GE(table.Count(frequent) + table.dropped_below(), 20000u);
  EXPECT_GT(table.Count(frequent), 10000u);
}

}  // namespace
}  // namespace zhclean
