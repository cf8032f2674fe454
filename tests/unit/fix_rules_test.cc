// Rule-file checks of zh-fix: every malformed file is rejected with every
// error at its file:line:col; the shipped rules load cleanly.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "fix_rules.h"
#include "zhclean/fix.h"

namespace zhclean {
namespace {

constexpr const char* kTypoHeader = "#! zhclean-rules v1 kind=typo\n";
constexpr const char* kSpinHeader = "#! zhclean-rules v1 kind=spin\n";

struct BadCase {
  const char* name;
  const char* path;
  std::string body;
  std::vector<std::string> expected;  // Each must appear in one diagnostic.
};

std::vector<Diagnostic> Errors(const std::vector<FixRuleSource>& sources) {
  FixRuleSet rules;
  std::vector<Diagnostic> errors;
  Status s = ParseFixRules(sources, &rules, &errors);
  EXPECT_EQ(s.ok(), errors.empty());
  if (!s.ok()) {
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  }
  return errors;
}

TEST(FixRulesTest, MalformedFilesListEveryError) {
  const std::vector<BadCase> cases = {
      {"missing tab", "r/typos/a.tsv", std::string(kTypoHeader) + "巾帽巾帼\n",
       {"r/typos/a.tsv:2:5: error: expected TAB after field 1"}},
      {"empty wrong side", "r/typos/a.tsv", std::string(kTypoHeader) + "\t巾帼\n",
       {"r/typos/a.tsv:2:1: error: empty field 1"}},
      {"wrong equals right", "r/typos/a.tsv", std::string(kTypoHeader) + "巾帼\t巾帼\n",
       {"r/typos/a.tsv:2:4: error: right side equals wrong side"}},
      {"cycle", "r/typos/a.tsv", std::string(kTypoHeader) + "甲乙\t丙丁\n丙丁\t甲乙\n",
       {"r/typos/a.tsv:2:1: error: rule cycle: 甲乙 → 丙丁 → 甲乙",
        "r/typos/a.tsv:3:1: error: rule cycle: 丙丁 → 甲乙 → 丙丁"}},
      {"long cycle", "r/typos/a.tsv",
       std::string(kTypoHeader) + "甲\t乙\n乙\t丙\n丙\t甲\n",
       {"a.tsv:2:1: error: rule cycle: 甲 → 乙 → 丙 → 甲", "a.tsv:3:1: error: rule cycle: 乙 → 丙 → 甲 → 乙",
        "a.tsv:4:1: error: rule cycle: 丙 → 甲 → 乙 → 丙"}},
      {"invalid UTF-8", "r/typos/a.tsv", std::string(kTypoHeader) + "巾\xFF\t巾帼\n",
       {"r/typos/a.tsv:2:2: error: invalid UTF-8 0xFF"}},
      {"duplicate", "r/typos/a.tsv", std::string(kTypoHeader) + "巾帽\t巾帼\n巾帽\t巾幅\n",
       {"r/typos/a.tsv:3:1: error: duplicate rule for '巾帽' (first at r/typos/a.tsv:2)"}},
      {"unknown option", "r/typos/a.tsv",
       std::string(kTypoHeader) + "巾帽\t巾帼\tafter=建功 colour=red\n",
       {"r/typos/a.tsv:2:16: error: unknown option 'colour'"}},
      {"unknown class", "r/typos/a.tsv", std::string(kTypoHeader) + "巾帽\t巾帼\tafter={hanzi}\n",
       {"r/typos/a.tsv:2:7: error: unknown class {hanzi}"}},
      {"spun scope in typo file", "r/typos/a.tsv",
       std::string(kTypoHeader) + "巾帽\t巾帼\tscope=spun\n",
       {"r/typos/a.tsv:2:7: error: scope must be always in typo files"}},
      {"marker in typo file", "r/typos/a.tsv", std::string(kTypoHeader) + "巾帽\t巾帼\tmarker\n",
       {"'marker' is only allowed in spin files"}},
      {"wrong kind", "r/spin/a.tsv", std::string(kTypoHeader) + "平易近\t民\n",
       {"r/spin/a.tsv:1:26: error: expected kind=spin, found kind=typo"}},
      {"all errors of one file", "r/spin/a.tsv",
       std::string(kSpinHeader) + "平易近\n\t民\n年夜\t年夜\n不美观\t观\tmarker after=\n",
       {"a.tsv:2:4: error: expected TAB", "a.tsv:3:1: error: empty field 1",
        "a.tsv:4:4: error: right side equals", "a.tsv:5:14: error: empty guard value"}},
  };
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<Diagnostic> errors = Errors({{c.path, c.body}});
    ASSERT_EQ(errors.size(), c.expected.size());
    for (size_t i = 0; i < c.expected.size(); ++i) {
      EXPECT_NE(errors[i].ToString().find(c.expected[i]), std::string::npos)
          << errors[i].ToString();
    }
  }
}

TEST(FixRulesTest, SameWrongSideMayDifferByGuardOrDialect) {
  std::string typo = std::string(kTypoHeader) + "情形\t环境\tbefore=生态\n情形\t情况\n";
  std::string a = std::string(kSpinHeader) + "情形\t情况\n";
  std::string b = std::string(kSpinHeader) + "情形\t环境\n";
  EXPECT_TRUE(Errors({{"r/typos/t.tsv", typo}, {"r/spin/a.tsv", a}, {"r/spin/b.tsv", b}}).empty());
}

TEST(FixRulesTest, RuleIdsAndOptionsAreKept) {
  FixRuleSet rules;
  std::vector<Diagnostic> errors;
  ASSERT_TRUE(ParseFixRules({{"x/spin/d.tsv", std::string(kSpinHeader) +
                                                  "# c\n平易近\t民\tmarker not_after=人\n"
                                                  "成长\t发展\tscope=always\n"}},
                            &rules, &errors)
                  .ok());
  const auto& c = rules.compiled();
  ASSERT_EQ(c.rules.size(), 2u);
  EXPECT_EQ(c.rules[0].id, "spin/d.tsv:3");
  EXPECT_TRUE(c.rules[0].marker);
  EXPECT_EQ(c.rules[0].scope, internal::FixScope::kSpun);
  EXPECT_EQ(c.rules[1].scope, internal::FixScope::kAlways);
  EXPECT_EQ(rules.dialects(), std::vector<std::string>{"d"});
  EXPECT_EQ(rules.marker_count(), 1u);
  EXPECT_EQ(rules.MaxKeyLength(), std::string("平易近").size());
}

TEST(FixRulesTest, GuardsCheckContext) {
  FixRuleSet rules;
  std::vector<Diagnostic> errors;
  ASSERT_TRUE(ParseFixRules({{"x/typos/t.tsv",
                              std::string(kTypoHeader) +
                                  "巾帽\t巾帼\tafter=建功|[志英] not_before={digit}|{edge}\n"}},
                            &rules, &errors)
                  .ok());
  const internal::FixRule& r = rules.compiled().rules[0];
  auto holds = [&](std::string text) {
    size_t at = text.find("巾帽");
    return internal::GuardsHold(r, text, at, at + std::string("巾帽").size());
  };
  EXPECT_TRUE(holds("动员巾帽建功"));
  EXPECT_TRUE(holds("动员巾帽志愿"));
  EXPECT_FALSE(holds("动员巾帽子"));
  EXPECT_FALSE(holds("3巾帽建功"));
  EXPECT_FALSE(holds("巾帽建功"));  // Paragraph start is {edge}.
  EXPECT_FALSE(holds("动员巾帽"));  // Nothing after.
}

TEST(FixRulesTest, ShippedRulesLoadFastAndCleanly) {
  std::string dir = std::string(ZHCLEAN_SOURCE_DIR) + "/rules";
  FixRuleSet rules;
  std::vector<Diagnostic> errors;
  auto start = std::chrono::steady_clock::now();
  Status s = LoadFixRules(dir, &rules, &errors);
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  for (const Diagnostic& d : errors) ADD_FAILURE() << d.ToString();
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_GT(rules.rule_count(), 300u);
  EXPECT_GT(rules.marker_count(), 50u);
  EXPECT_EQ(rules.dialects(), (std::vector<std::string>{"pingyijin", "xiaowosijia"}));
  RecordProperty("load_seconds", std::to_string(took.count()));
}

TEST(FixRulesTest, MissingDirectoryIsNotFound) {
  FixRuleSet rules;
  std::vector<Diagnostic> errors;
  EXPECT_EQ(LoadFixRules("/nonexistent/rules", &rules, &errors).code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace zhclean
