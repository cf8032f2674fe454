// Data lint: every shipped rule file loads with no diagnostic, and every
// file under rules/ is read by some tool.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "zhclean/fix.h"
#include "zhclean/rule_set.h"
#include "zhclean/strip.h"

namespace zhclean {
namespace {

namespace fs = std::filesystem;

const std::string kRules = std::string(ZHCLEAN_SOURCE_DIR) + "/rules";

TEST(RulesLintTest, ChromeRulesLoadCleanly) {
  ChromeRuleSet rules;
  std::vector<Diagnostic> errors;
  Status s = LoadChromeRules(kRules, &rules, &errors);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(errors.empty()) << JoinDiagnostics(errors);
}

TEST(RulesLintTest, FixRulesLoadCleanly) {
  FixRuleSet rules;
  std::vector<Diagnostic> errors;
  Status s = LoadFixRules(kRules, &rules, &errors);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(errors.empty()) << JoinDiagnostics(errors);
}

TEST(RulesLintTest, EveryRuleFileBelongsToAReader) {
  const std::set<std::string> areas = {"chrome", "typos", "spin"};
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kRules)) {
    if (!entry.is_regular_file()) continue;
    std::string name = entry.path().filename().string();
    if (name == "README.md") continue;
    ++files;
    EXPECT_EQ(entry.path().extension(), ".tsv") << entry.path();
    EXPECT_TRUE(areas.count(entry.path().parent_path().filename().string())) << entry.path();
  }
  EXPECT_GT(files, 0);
}

}  // namespace
}  // namespace zhclean
