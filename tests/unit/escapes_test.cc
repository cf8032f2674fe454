// The escape passes: HTML character references and JSON-escaped bodies.
#include "escapes.h"

#include <gtest/gtest.h>

#include "unit/pass_test_util.h"

#include <string>

namespace zhclean::internal {
namespace {

using Case = PassCase;

TEST(EntityTest, Table) {
  const Case cases[] = {
      {"A&amp;B", "A&B"},
      {"&lt;p&gt;", "<p>"},
      {"&quot;引&quot;", "\"引\""},
      {"&ldquo;中文&rdquo;", "“中文”"},
      {"&copy; 2024", "© 2024"},
      {"&nbsp;", "\xC2\xA0"},
      {"&#20013;&#x6587;&#X5B57;", "中文字"},
      {"&#128512;", "😀"},
      {"&amp;lt;b&amp;gt;", "<b>"},  // Double-escaped.
      {"&amp;amp;amp;", "&"},
      {"&amp;#20013;", "中"},
      // U+0080-009F as HTML reads them: windows-1252's characters.
      {"&#128;&#150;&#x93;ok&#x94;", "€–“ok”"},
      {"&amp;", "&"},
      {"&amp;lt", "&lt"},  // No ';' after lt.
      // Not references, or not text: stay.
      {"AT&T", "AT&T"},
      {"a & b", "a & b"},
      {"&nbsp", "&nbsp"},
      {"&NBSP;", "&NBSP;"},  // Names are case-sensitive.
      {"&bogus;", "&bogus;"},
      {"&#;", "&#;"},
      {"&#x;", "&#x;"},
      {"&#0;", "&#0;"},
      {"&#1;", "&#1;"},
      {"&#10;", "&#10;"},        // Would split the line.
      {"&#129;", "&#129;"},      // C1 that windows-1252 leaves undefined.
      {"&#xD800;", "&#xD800;"},  // Surrogate.
      {"&#xFFFE;", "&#xFFFE;"},
      {"&#x110000;", "&#x110000;"},
      {"&#123456789;", "&#123456789;"},
      {"&", "&"},
      {"&#", "&#"},
      {"q=1&r=2;", "q=1&r=2;"},
  };
  for (const Case& c : cases)
    EXPECT_EQ(RunPass(FindEntityEdits, c.in), c.want) << c.in;
}

// The generated table holds libxml2's 253 HTML 4 names, sorted; each
// decodes to its value except the two the control pass removes.
TEST(EntityTest, GeneratedTableIsLibxml2sHtml4Set) {
  ASSERT_EQ(kHtmlEntityCount, 253u);
  std::string undecoded;
  for (size_t i = 0; i < kHtmlEntityCount; ++i) {
    const HtmlEntity& e = kHtmlEntities[i];
    if (i > 0) {
      EXPECT_LT(std::string_view(kHtmlEntities[i - 1].name), std::string_view(e.name));
    }
    std::string ref = std::string(e.name) + ";";
    size_t end = 0;
    char32_t got = DecodeCharRef(ref, 0, &end);
    if (got == 0) {
      undecoded += std::string(e.name) + " ";
      continue;
    }
    EXPECT_EQ(got, e.value) << e.name;
    EXPECT_EQ(end, ref.size()) << e.name;
  }
  EXPECT_EQ(undecoded, "zwj zwnj ");  // Zero-width joiners.
  size_t end = 0;
  EXPECT_EQ(DecodeCharRef("thetasym;", 0, &end), U'\u03D1');
  EXPECT_EQ(DecodeCharRef("AElig;", 0, &end), U'\u00C6');
}

TEST(EntityTest, DecodeCharRefEnds) {
  size_t end = 0;
  EXPECT_EQ(DecodeCharRef("amp;x", 0, &end), U'&');
  EXPECT_EQ(end, 4u);
  EXPECT_EQ(DecodeCharRef("#x4E2D;", 0, &end), U'中');
  EXPECT_EQ(end, 7u);
  EXPECT_EQ(DecodeCharRef("", 0, &end), 0u);
  EXPECT_EQ(DecodeCharRef("amp", 0, &end), 0u);
}

TEST(JsonEscapeTest, Table) {
  const Case cases[] = {
      {"\\u300a\\u4e2d\\u6587\\u300b", "《中文》"},
      {"{\"t\":\"\\u4e2d\\u6587\\u5b57 \\\"x\\\" a\\/b \\\\ \\n\"}",
       "{\"t\":\"中文字 \"x\" a/b \\ \\n\"}"},
      {"\\ud83d\\ude00\\u4e2d\\u6587\\u5b57", "😀中文字"},
      {"\\u4E2D\\u6587\\u5B57", "中文字"},  // Upper-case hex.
      {"１。\\u4e2d\\u6587\\u5b57",
       "１。中文字"},  // Non-Han non-ASCII is fine.
      {"\\u4e2d\\u6587\\u5b57\\u0001", "中文字\\u0001"},    // Controls stay.
      {"\\u4e2d\\u6587\\u5b57\\ud800x", "中文字\\ud800x"},  // Lone surrogate.
      // Not enough evidence: stay.
      {"\\u4e2d", "\\u4e2d"},
      {"console.log(\"\\u4e2d\\u6587\")", "console.log(\"\\u4e2d\\u6587\")"},
      {"\\u4e2d \\u6587 \\u5b57", "\\u4e2d \\u6587 \\u5b57"},  // None adjacent.
      {"\\u0041\\u0042\\u0043\\u0044",
       "\\u0041\\u0042\\u0043\\u0044"},  // Not CJK.
      {"在\\u4e2d\\u6587\\u5b57里",
       "在\\u4e2d\\u6587\\u5b57里"},  // Raw Han: a quote.
      {"\\u4e2g\\u6587\\u5b57", "\\u4e2g\\u6587\\u5b57"},
      {"\\\\u4e2d\\\\u6587\\\\u5b57",
       "\\\\u4e2d\\\\u6587\\\\u5b57"},  // Escaped '\'.
      {"C:\\users\\u", "C:\\users\\u"},
      {"\\", "\\"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RunPass(FindJsonEscapeEdits, c.in), c.want) << c.in;
  }
}

TEST(JsonEscapeTest, AdjacentEscapesAreOneEdit) {
  std::string line = "x\\u4e2d\\u6587\\u5b57y";
  PassEdits edits;
  FindJsonEscapeEdits(line, &edits);
  ASSERT_EQ(edits.size(), 1u);
  EXPECT_EQ(edits[0].offset, 1u);
  EXPECT_EQ(edits[0].length, 18u);
  EXPECT_EQ(edits[0].after, "中文字");
}

}  // namespace
}  // namespace zhclean::internal
