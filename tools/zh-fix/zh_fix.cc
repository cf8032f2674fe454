#include "zh_fix.h"

#include <ostream>

#include "common/cli.h"
#include "zhclean/fix.h"
#include "zhclean/rule_set.h"

namespace zhclean {

namespace {

// Rules are loaded once in `early` (so every error can be listed with the
// tool's prefix and exit 2) and handed to `build`.
struct FixState {
  std::shared_ptr<const FixRuleSet> rules;
};

int LoadRules(const cli::po::variables_map& vm, FixState* state, std::ostream& err) {
  std::string dir = ResolveRulesDir(vm["rules-dir"].as<std::string>());
  FixRuleSet rules;
  std::vector<Diagnostic> errors;
  Status s = LoadFixRules(dir, &rules, &errors);
  if (!s.ok()) {
    if (errors.empty()) err << "zh-fix: " << s.message() << "\n";
    for (const Diagnostic& d : errors) err << "zh-fix: " << d.ToString() << "\n";
    return cli::kExitUsage;
  }
  state->rules = std::make_shared<const FixRuleSet>(std::move(rules));
  return -1;
}

cli::ToolSpec ZhFixSpec(std::shared_ptr<FixState> state) {
  cli::ToolSpec spec;
  spec.name = "zh-fix";
  spec.usage = "[OPTION]... [FILE]...\n       zh-fix suggest [OPTION]... CORPUS...";
  spec.summary =
      "Repair OCR typos and synonym-spun passages (伪原创) with guarded rules from\n"
      "rules/typos/ and rules/spin/. Spin rules apply only inside passages whose\n"
      "marker density shows a spinner; `zh-fix suggest` mines candidate typo rules\n"
      "(see zh-fix suggest --help).";
  spec.examples =
      "  zh-fix samples/003_a97e58f28c234661/input.txt\n"
      "  zh-fix --explain edits.jsonl --stats -o fixed.txt scraped.txt\n"
      "  zh-fix --check -r corpus/\n"
      "  zh-fix suggest samples/\n";
  spec.add_options = [](cli::po::options_description* d) {
    d->add_options()
      ("rules-dir", cli::po::value<std::string>()->default_value("")->value_name("DIR"),
       "Rules directory holding typos/ and spin/ (default: $ZHCLEAN_RULES_DIR, "
       "then the installed rules).");
  };
  spec.early = [state](const cli::po::variables_map& vm, std::ostream&,
                       std::ostream& err) -> int { return LoadRules(vm, state.get(), err); };
  spec.build = [state](const cli::po::variables_map&, const EditSink* sink)
      -> StatusOr<std::unique_ptr<Pipeline>> {
    auto pipeline = std::make_unique<Pipeline>(sink);
    pipeline->Add(NewFixStage(state->rules));
    return pipeline;
  };
  return spec;
}

}  // namespace

cli::ToolSpec ZhFixToolSpec() { return ZhFixSpec(std::make_shared<FixState>()); }

int RunZhFix(const std::vector<std::string>& args, std::istream& in,
             std::ostream& out, std::ostream& err) {
  if (!args.empty() && args[0] == "suggest") {
    return RunZhFixSuggest(std::vector<std::string>(args.begin() + 1, args.end()), out, err);
  }
  return cli::RunTool(ZhFixToolSpec(), args, in, out, err);
}

}  // namespace zhclean
