#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace zhclean
