#include <gtest/gtest.h>

#include <string>

#include "html_extract.h"
#include "html_names.h"
#include "zhclean/strip.h"

namespace zhclean {
namespace {

std::string Extract(std::string_view html) {
  std::string out;
  EXPECT_TRUE(ExtractHtmlText(html, &out).ok());
  return out;
}

const char kPage[] = R"(<!DOCTYPE html><html><head><title>标题页</title>
<style>.x{color:red}</style><script>var s = "脚本里的字";</script></head>
<body>
<header><a href="/">网站首页</a></header>
<nav><a href="/a">新闻</a> <a href="/b">财经</a> <a href="/c">体育</a></nav>
<div id="wrap">
  <div class="side"><a href="/1">热门文章一</a><br><a href="/2">热门文章二</a><br>
  <a href="/3">热门文章三</a></div>
  <div class="content">
    <h1>四川省妇联召开工作会议</h1>
    <p>会议指出，今年以来，全省各级妇联组织认真履行职能，在思想政治引领、巾帼建功行动等方面取得了新成效。</p>
    <p>会议强调，要紧盯落实各项重点任务，扎实做好下半年工作，推动妇女事业高质量发展。<br>
    要坚持以人民为中心，切实为妇女儿童办实事、解难题。</p>
  </div>
</div>
<form action="/s"><input name="q"><button>搜索</button>关键字查询</form>
<aside>广告位招租</aside>
<footer>版权所有 &copy; 2021 某某网</footer>
</body></html>)";

TEST(HtmlTest, KeepsTheMainBlockAsParagraphLines) {
  std::string text = Extract(kPage);
  EXPECT_EQ(text,
            "四川省妇联召开工作会议\n"
            "会议指出，今年以来，全省各级妇联组织认真履行职能，在思想政治引领、巾帼建功行动等方面取得了新成效。\n"
            "会议强调，要紧盯落实各项重点任务，扎实做好下半年工作，推动妇女事业高质量发展。\n"
            "要坚持以人民为中心，切实为妇女儿童办实事、解难题。\n");
}

TEST(HtmlTest, DropsScriptStyleNavHeaderFooterAsideForm) {
  std::string text = Extract(kPage);
  for (const char* gone : {"脚本里的字", "color", "网站首页", "财经", "热门文章", "关键字查询",
                           "广告位", "版权所有", "标题页"}) {
    EXPECT_EQ(text.find(gone), std::string::npos) << gone;
  }
}

TEST(HtmlTest, FormWrappingThePageIsKept) {
  std::string page = "<html><body><form id=aspnetForm>";
  for (int i = 0; i < 10; ++i) {
    page += "<p>这是正文的第" + std::to_string(i) + "段，它足够长，有标点，也有很多汉字，所以是正文。</p>";
  }
  page += "</form></body></html>";
  EXPECT_NE(Extract(page).find("第9段"), std::string::npos);
}

TEST(HtmlTest, MalformedMarkupDoesNotCrash) {
  const char* inputs[] = {
      "",
      "<",
      "<<<>>>&&&;;",
      "<html><body><p>未闭合的段落，有标点，也有汉字。<div><span>嵌套<b>错乱</i></p></div>",
      "<table><tr><td>单元格一，内容。<td>单元格二，内容。</table></table></table>",
      "\xEF\xBB\xBF<p>带字节序标记的页面，内容正常。</p>",
      "<p>实体 &amp; &lt;b&gt; &#x4E2D;&#25991; &nbsp;结束。</p>",
      "<script>未闭合的脚本",
  };
  for (const char* html : inputs) {
    std::string out;
    EXPECT_TRUE(ExtractHtmlText(html, &out).ok()) << html;
  }
  EXPECT_NE(Extract(inputs[3]).find("未闭合的段落"), std::string::npos);
  EXPECT_NE(Extract(inputs[6]).find("实体 & <b> 中文"), std::string::npos);
  EXPECT_EQ(Extract(inputs[7]), "");
}

TEST(HtmlTest, DeepNestingIsHandled) {
  std::string page;
  for (int i = 0; i < 2000; ++i) page += "<div>";
  page += "深处的正文，有标点，也有汉字，足够长。";
  EXPECT_NE(Extract(page).find("深处的正文"), std::string::npos);
}

// A paragraph of prose (sentence punctuation, over 20 code points).
std::string Para(const std::string& what) {
  return "<p>" + what + "，这一段是完整的句子，有标点，也有足够多的汉字，读者会读它。</p>";
}

TEST(HtmlTest, CommentSectionInsideTheArticleIsLeftOut) {
  std::string page = "<html><body><div class=\"main\"><div class=\"article\">";
  for (int i = 0; i < 4; ++i) page += Para("正文第" + std::to_string(i) + "段");
  page += "</div><div id=\"comments\"><h3>网友评论</h3>";
  for (int i = 0; i < 6; ++i) page += Para("评论第" + std::to_string(i) + "条");
  page += "</div></div></body></html>";
  std::string text = Extract(page);
  EXPECT_NE(text.find("正文第0段"), std::string::npos);
  EXPECT_NE(text.find("正文第3段"), std::string::npos);
  EXPECT_EQ(text.find("评论第"), std::string::npos) << text;
  EXPECT_EQ(text.find("网友评论"), std::string::npos) << text;
}

TEST(HtmlTest, ListingOfPostsKeepsTheFirstPost) {
  // A blog page listing posts: title and date, body, a footer link each.
  std::string page = "<html><body><div id=\"posts\">";
  for (int i = 0; i < 4; ++i) {
    std::string n = std::to_string(i);
    page += "<div class=\"post-title\">第" + n + "篇的标题</div><div>2005-03-2" + n +
            " 01:20:44</div><div class=\"post-body\">" + Para("第" + n + "篇甲") +
            Para("第" + n + "篇乙") + "</div><div><a href=\"/c" + n + "\">发表评论</a></div>";
  }
  page += "</div></body></html>";
  std::string text = Extract(page);
  EXPECT_NE(text.find("第0篇甲"), std::string::npos) << text;
  EXPECT_NE(text.find("第0篇乙"), std::string::npos) << text;
  EXPECT_EQ(text.find("第1篇"), std::string::npos) << text;
  EXPECT_EQ(text.find("第3篇"), std::string::npos) << text;
}

TEST(HtmlTest, ParagraphsWithOneClassAreNotAListing) {
  // Word-exported pages give every paragraph the same class; nothing
  // separates them but headings, so all of them stay.
  std::string page = "<html><body><div class=\"TRS_Editor\">";
  for (int i = 0; i < 6; ++i) {
    std::string n = std::to_string(i);
    page += "<h3>第" + n + "部分</h3><div class=\"MsoNormal\">" + Para("段落" + n + "甲") + "<br>" +
            Para("段落" + n + "乙") + "</div>";
  }
  page += "</div></body></html>";
  std::string text = Extract(page);
  for (int i = 0; i < 6; ++i) {
    EXPECT_NE(text.find("段落" + std::to_string(i) + "乙"), std::string::npos) << text;
  }
}

TEST(HtmlTest, NegativeNamesAreIgnoredWhenTheyCoverAllTheProse) {
  // A site that calls its only content column "main-side" keeps it.
  std::string page = "<html><body><div class=\"main-side\">";
  for (int i = 0; i < 5; ++i) page += Para("唯一的栏目第" + std::to_string(i) + "段");
  page += "</div></body></html>";
  EXPECT_NE(Extract(page).find("唯一的栏目第4段"), std::string::npos);
}

TEST(HtmlTest, NegativeNameAroundAnArticleNameIsIgnored) {
  std::string page = "<html><body><div class=\"layout-with-sidebar\"><div class=\"zhengwen\">";
  for (int i = 0; i < 5; ++i) page += Para("正文第" + std::to_string(i) + "段");
  page += "</div><div><a href=\"/x\">相关阅读</a></div></div></body></html>";
  EXPECT_NE(Extract(page).find("正文第4段"), std::string::npos);
}

TEST(HtmlTest, HeadlineLinksInsideTheArticleAreLeftOut) {
  std::string page = "<html><body><div class=\"detail\">" + Para("正文甲") + Para("正文丙") +
                     "<p>3.背诵经文，有益处：<a href=\"/a\">(19)明白神的旨意（罗12:2）</a>；"
                     "<a href=\"/b\">(20)明白神的旨意（腓2:13）</a>。</p>" +
                     "<p>· <a href=\"/1\">股指跌出五年半新低</a> · <a href=\"/2\">十大扎眼经理人</a></p>" +
                     Para("正文乙") + Para("正文丁") + "</div></body></html>";
  std::string text = Extract(page);
  EXPECT_NE(text.find("正文甲"), std::string::npos) << text;
  EXPECT_NE(text.find("明白神的旨意（腓2:13）"), std::string::npos) << text;  // A sentence with links.
  EXPECT_NE(text.find("正文乙"), std::string::npos) << text;
  EXPECT_EQ(text.find("股指跌出"), std::string::npos) << text;
}

TEST(HtmlTest, SecondCopyOfTheArticleIsLeftOut) {
  std::string article = Para("第一段") + Para("第二段") + Para("第三段");
  std::string page = "<html><body><div class=\"detail\">" + article +
                     "</div><div class=\"print-version\">" + article + "</div></body></html>";
  std::string text = Extract(page);
  size_t first = text.find("第二段");
  ASSERT_NE(first, std::string::npos) << text;
  EXPECT_EQ(text.find("第二段", first + 1), std::string::npos) << text;
  // One repeated paragraph is the article's own (a refrain): it stays.
  std::string refrain = "<html><body><div class=\"detail\">" + Para("副歌") + Para("第一段") +
                        Para("副歌") + Para("第二段") + "</div></body></html>";
  std::string kept = Extract(refrain);
  EXPECT_NE(kept.find("副歌", kept.find("副歌") + 1), std::string::npos) << kept;
}

TEST(HtmlTest, ElementNamesGiveHints) {
  using internal::ClassifyElementNames;
  using internal::NameHint;
  EXPECT_EQ(ClassifyElementNames(""), NameHint::kNone);
  EXPECT_EQ(ClassifyElementNames("wrap clearfix"), NameHint::kNone);
  EXPECT_EQ(ClassifyElementNames("head shadow"), NameHint::kNone);  // No "ad" token.
  EXPECT_EQ(ClassifyElementNames("ad banner-top"), NameHint::kNegative);
  EXPECT_EQ(ClassifyElementNames("post-footer"), NameHint::kNegative);
  EXPECT_EQ(ClassifyElementNames("comment-content"), NameHint::kNegative);
  EXPECT_EQ(ClassifyElementNames("xiangguan_list"), NameHint::kNegative);
  EXPECT_EQ(ClassifyElementNames("Zhengwen"), NameHint::kPositive);
  EXPECT_EQ(ClassifyElementNames("article-body"), NameHint::kPositive);
  EXPECT_EQ(ClassifyElementNames("fontzoom"), NameHint::kPositive);
  EXPECT_EQ(ClassifyElementNames("main"), NameHint::kPositive);
}

}  // namespace
}  // namespace zhclean

namespace zhclean {
namespace {

const char kParagraph[] = "会议指出，今年以来，全省各级妇联组织认真履行职能，取得了新成效。";

std::string LinkRow(int n) {
  std::string row = "<table><tr><td>";
  for (int i = 0; i < n; ++i) row += "·<a href=\"/x\">相关新闻标题第" + std::to_string(i) + "条链接文字</a><br>";
  return row + "</td></tr></table>";
}

TEST(HtmlTest, SideBySideParagraphsBesideLinkListsAreOneArticle) {
  // Unclosed <p>s in a cell that also holds long link lists (the cell's
  // total is negative), and a copyright notice elsewhere on the page.
  std::string page = "<html><body><table><tr><td><p>" + std::string(kParagraph) + "<p>" +
                     kParagraph + "二<p>" + kParagraph + "三" + LinkRow(12) +
                     "</td></tr></table><table><tr><td>版权声明：本网所有内容均由合作方提供，"
                     "未经书面授权不得转载、摘编，违者依法追究法律责任。我们有权转载已在报刊上刊登的"
                     "作品，并按照有关规定支付稿酬。</td></tr></table></body></html>";
  EXPECT_EQ(Extract(page), std::string(kParagraph) + "\n" + kParagraph + "二\n" + kParagraph +
                               "三\n");
}

TEST(HtmlTest, LegalNoticeClosingTheArticleIsLeftOut) {
  std::string page = "<html><body><div class=\"content\"><p>" + std::string(kParagraph) +
                     "</p><p>" + kParagraph + "</p><p>原创版权禁止商业转载 授权&gt;&gt;</p>"
                     "</div></body></html>";
  EXPECT_EQ(Extract(page), std::string(kParagraph) + "\n" + kParagraph + "\n");
  // One term alone is the article's (a report that mentions 版权).
  std::string mention = "本届论坛围绕版权保护展开讨论，与会专家提出了多项建议。";
  page = "<html><body><div class=\"content\"><p>" + std::string(kParagraph) + "</p><p>" +
         mention + "</p></div></body></html>";
  EXPECT_EQ(Extract(page), std::string(kParagraph) + "\n" + mention + "\n");
}

TEST(HtmlTest, TitlesComeFromTitleAndH1) {
  internal::HtmlTitles titles;
  std::string out;
  ASSERT_TRUE(internal::ExtractHtmlTextWithTitles(kPage, &out, &titles).ok());
  EXPECT_EQ(titles.title, "标题页");
  ASSERT_EQ(titles.headings.size(), 1u);
  EXPECT_EQ(titles.headings[0], "四川省妇联召开工作会议");
  std::string plain;
  ASSERT_TRUE(ExtractHtmlText(kPage, &plain).ok());
  EXPECT_EQ(out, plain);  // Same text with or without titles.
}

}  // namespace
}  // namespace zhclean
