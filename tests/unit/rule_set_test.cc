#include "zhclean/rule_set.h"

#include <gtest/gtest.h>

namespace zhclean {
namespace {

const RuleFileSpec kMap{"map", 2, 3};

TEST(RuleSetTest, ParsesFieldsCommentsAndEscapes) {
  RuleFile file;
  std::vector<Diagnostic> errors;
  std::string text =
      "\xEF\xBB\xBF#! zhclean-rules v1 kind=map\n"
      "# a comment\n"
      "巾相\t巾帼\n"
      "U+200B\tU+0020\t# zero width space => space\n"
      "a\tb\tflags\r\n";
  ASSERT_TRUE(ParseRuleText("t.tsv", text, kMap, &file, &errors).ok())
      << JoinDiagnostics(errors);
  ASSERT_EQ(file.lines.size(), 3u);
  EXPECT_EQ(file.kind, "map");
  EXPECT_EQ(file.lines[0].line, 3u);
  EXPECT_EQ(file.lines[0].fields[0].text, "巾相");
  EXPECT_EQ(file.lines[0].fields[1].column, 4u);
  EXPECT_EQ(file.lines[1].fields[0].text, "\u200B");
  EXPECT_EQ(file.lines[1].fields[1].text, " ");
  ASSERT_EQ(file.lines[2].fields.size(), 3u);
  EXPECT_EQ(file.lines[2].fields[2].text, "flags");
}

struct ErrorCase {
  const char* body;  // After a valid header line.
  uint64_t line;
  uint64_t column;
  const char* fragment;
};

TEST(RuleSetTest, ReportsEveryErrorWithLineAndColumn) {
  const ErrorCase cases[] = {
      {"巾相\n", 2, 3, "expected TAB after field 1"},
      {"\t巾帼\n", 2, 1, "empty field 1"},
      {"a\t\n", 2, 3, "empty field 2"},
      {"a\tb\tc\td\n", 2, 7, "unexpected field 4"},
      {"ab\xC3\x28\tb\n", 2, 3, "invalid UTF-8 0xC3"},
      {"U+D800\tb\n", 2, 1, "invalid code point U+D800"},
  };
  for (const ErrorCase& c : cases) {
    RuleFile file;
    std::vector<Diagnostic> errors;
    std::string text = std::string("#! zhclean-rules v1 kind=map\n") + c.body;
    EXPECT_FALSE(ParseRuleText("r.tsv", text, kMap, &file, &errors).ok()) << c.body;
    ASSERT_EQ(errors.size(), 1u) << c.body;
    EXPECT_EQ(errors[0].line, c.line) << c.body;
    EXPECT_EQ(errors[0].column, c.column) << c.body;
    EXPECT_NE(errors[0].message.find(c.fragment), std::string::npos) << errors[0].message;
  }
}

TEST(RuleSetTest, CollectsSeveralErrorsAndChecksHeader) {
  RuleFile file;
  std::vector<Diagnostic> errors;
  EXPECT_FALSE(ParseRuleText("x.tsv", "a\tb\n", kMap, &file, &errors).ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].ToString(),
            "x.tsv:1:1: error: expected header '#! zhclean-rules v1 kind=map'");

  errors.clear();
  RuleFile other;
  std::string text = "#! zhclean-rules v1 kind=chrome\nx\ny\n";
  EXPECT_FALSE(ParseRuleText("y.tsv", text, kMap, &other, &errors).ok());
  ASSERT_EQ(errors.size(), 3u);  // Wrong kind plus two short lines.
  EXPECT_NE(errors[0].message.find("expected kind=map"), std::string::npos);
  EXPECT_EQ(errors[2].line, 3u);

  errors.clear();
  EXPECT_FALSE(ParseRuleText("z.tsv", "", kMap, &other, &errors).ok());
  EXPECT_NE(errors[0].message.find("empty rule file"), std::string::npos);
}

}  // namespace
}  // namespace zhclean
