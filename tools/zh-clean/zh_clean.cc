#include "zh_clean.h"

#include <boost/algorithm/string.hpp>
#include <boost/make_shared.hpp>
#include <fstream>
#include <iterator>
#include <ostream>
#include <sstream>

#include "common/cli.h"
#include "zhclean/stream.h"
#include "zh_convert.h"
#include "zh_fix.h"
#include "zh_repair.h"
#include "zh_strip.h"

namespace zhclean {

namespace {

namespace po = cli::po;

// A step is another tool's ToolSpec; its flags appear here as
// --<step>.<flag> (and as [<step>] sections in a --config file), its
// `early` hook runs (loading rules, checking values) and its pipeline is
// appended, in the fixed order of kSteps.
struct Step {
  const char* name;
  cli::ToolSpec (*spec)();
  const char* left_out;  // A flag of the tool that makes no sense here.
};

const Step kSteps[] = {
    {"repair", ZhRepairToolSpec, "detect"},
    {"strip", ZhStripToolSpec, nullptr},
    {"fix", ZhFixToolSpec, nullptr},
    {"convert", ZhConvertSpec, "list"},
};

constexpr const char* kDefaultSteps = "repair,strip,fix";

// One spec per step, made once: `early` and `build` of a step share state.
struct StepSpecs {
  std::vector<cli::ToolSpec> specs;  // Parallel to kSteps.
  const cli::ToolSpec& of(const Step* step) const { return specs[static_cast<size_t>(step - kSteps)]; }
};

// Lets a step's option appear under a second name: forwards every call to
// the step's own value semantic, which stays owned by its description.
class SharedSemantic : public po::value_semantic {
 public:
  explicit SharedSemantic(boost::shared_ptr<const po::value_semantic> target)
      : target_(std::move(target)) {}
  std::string name() const override { return target_->name(); }
  unsigned min_tokens() const override { return target_->min_tokens(); }
  unsigned max_tokens() const override { return target_->max_tokens(); }
  bool is_composing() const override { return target_->is_composing(); }
  bool is_required() const override { return target_->is_required(); }
  void parse(boost::any& store, const std::vector<std::string>& tokens,
             bool utf8) const override {
    target_->parse(store, tokens, utf8);
  }
  bool apply_default(boost::any& store) const override { return target_->apply_default(store); }
  void notify(const boost::any& store) const override { target_->notify(store); }

 private:
  boost::shared_ptr<const po::value_semantic> target_;
};

// Copies `spec`'s long options under "<step>." into *d, in their own group.
void AddStepOptions(const Step& step, const cli::ToolSpec& spec, po::options_description* d) {
  po::options_description own;
  spec.add_options(&own);
  po::options_description group(std::string(step.name) + " step (see " + spec.name + " --help)");
  for (const auto& option : own.options()) {
    if (step.left_out && option->long_name() == step.left_out) continue;
    std::string name = std::string(step.name) + "." + option->long_name();
    group.add(boost::make_shared<po::option_description>(
        name.c_str(), new SharedSemantic(option->semantic()), option->description().c_str()));
  }
  d->add(group);
}

// The variables of one step, without their "<step>." prefix, plus the
// common flags (--format, --field, -r, ...) that steps may read as the
// tool itself would; zh-clean's own --steps and --config are left out.
po::variables_map StepVariables(const po::variables_map& vm, const std::string& step) {
  po::variables_map own;
  std::string prefix = step + ".";
  for (const auto& [key, value] : vm) {
    if (key.rfind(prefix, 0) == 0) own.insert({key.substr(prefix.size()), value});
  }
  for (const auto& [key, value] : vm) {  // insert() keeps the step's own.
    if (key.find('.') == std::string::npos && key != "steps" && key != "config") {
      own.insert({key, value});
    }
  }
  return own;
}

struct StepRequest {
  const Step* step;
  std::string argument;  // "s2t" in "convert:s2t".
};

StatusOr<std::vector<StepRequest>> ParseSteps(const std::string& list) {
  std::vector<std::string> names;
  boost::split(names, list, boost::is_any_of(","));
  std::vector<StepRequest> requests;
  for (const Step& step : kSteps) {  // The fixed order.
    for (const std::string& item : names) {
      std::string name = item.substr(0, item.find(':'));
      if (name != step.name) continue;
      std::string arg = item.find(':') == std::string::npos ? "" : item.substr(item.find(':') + 1);
      requests.push_back({&step, arg});
    }
  }
  for (const std::string& item : names) {
    std::string name = item.substr(0, item.find(':'));
    bool known = false;
    for (const Step& step : kSteps) known |= name == step.name;
    if (!known) return InvalidArgumentError("unknown step '" + name + "' in --steps");
  }
  if (requests.empty()) return InvalidArgumentError("--steps names no step");
  return requests;
}

po::variables_map RequestVariables(const po::variables_map& vm, const StepRequest& request) {
  po::variables_map own = StepVariables(vm, request.step->name);
  if (!request.argument.empty()) {  // convert:s2t is --convert.config s2t.
    own.erase("config");
    own.insert({"config", po::variable_value(boost::any(request.argument), false)});
  }
  return own;
}

// A step's messages as zh-clean's: "zh-repair: unknown encoding ..."
// becomes "zh-clean: repair step: unknown encoding ...", and the hint to
// run the step tool's --help points at zh-clean's.
std::string AsZhCleanMessages(const std::string& text, const std::string& tool,
                              const std::string& step) {
  std::string out, line, prefix = tool + ": ";
  std::string hint = "Try '" + tool + " --help' for more information.";
  std::istringstream lines(text);
  while (std::getline(lines, line)) {
    if (line.compare(0, prefix.size(), prefix) == 0) {
      line = "zh-clean: " + step + " step: " + line.substr(prefix.size());
    } else if (line == hint) {
      line = "Try 'zh-clean --help' for more information.";
    }
    out += line + "\n";
  }
  return out;
}

// Runs each requested step's `early` hook; a step that stops (bad value,
// malformed rules) stops zh-clean with its exit code.
int Early(const StepSpecs& steps, const po::variables_map& vm, std::ostream& out,
          std::ostream& err) {
  auto requests = ParseSteps(vm["steps"].as<std::string>());
  if (!requests.ok()) {
    err << "zh-clean: " << requests.status().message()
        << "\nTry 'zh-clean --help' for more information.\n";
    return cli::kExitUsage;
  }
  for (const StepRequest& request : *requests) {
    const cli::ToolSpec& spec = steps.of(request.step);
    if (!spec.early) continue;
    std::ostringstream step_err;
    int rc = spec.early(RequestVariables(vm, request), out, step_err);
    err << AsZhCleanMessages(step_err.str(), spec.name, request.step->name);
    if (rc >= 0) return rc;
  }
  return -1;
}

StatusOr<std::unique_ptr<Pipeline>> Build(const StepSpecs& steps, const po::variables_map& vm,
                                          const EditSink* sink) {
  ZHCLEAN_ASSIGN_OR_RETURN(auto requests, ParseSteps(vm["steps"].as<std::string>()));
  auto pipeline = std::make_unique<Pipeline>(sink);
  for (const StepRequest& request : requests) {
    auto step_pipeline = steps.of(request.step).build(RequestVariables(vm, request), sink);
    if (!step_pipeline.ok()) {
      return Status(step_pipeline.status().code(),
                    std::string(request.step->name) + " step: " + step_pipeline.status().message());
    }
    pipeline->Append(std::move(**step_pipeline));
  }
  return pipeline;
}

cli::ToolSpec ZhCleanSpec(std::shared_ptr<StepSpecs> steps) {
  for (const Step& step : kSteps) steps->specs.push_back(step.spec());
  cli::ToolSpec spec;
  spec.name = "zh-clean";
  spec.usage = "[--steps LIST] [--config FILE] [OPTION]... [FILE]...\n"
               "       zh-clean stats-merge STATS.json...";
  spec.summary =
      "Run the cleaning steps in one pass over one parse of each document, always in\n"
      "the order repair, strip, fix, convert; the output is byte-identical to piping\n"
      "the tools with the same options.";
  spec.examples =
      "  zh-clean --steps convert:s2t samples/000_e8d26845c6ac1826/input.txt\n"
      "  zh-clean --config zhclean.conf --format jsonl corpus.jsonl -o clean.jsonl\n";
  spec.add_options = [steps](po::options_description* d) {
    d->add_options()("steps", po::value<std::string>()->default_value(kDefaultSteps)->value_name("LIST"),
                     "Comma-separated steps to run, from: repair, strip, fix, convert:CONFIG.");
    for (const Step& step : kSteps) AddStepOptions(step, steps->of(&step), d);
  };
  spec.early = [steps](const po::variables_map& vm, std::ostream& out, std::ostream& err) {
    return Early(*steps, vm, out, err);
  };
  spec.build = [steps](const po::variables_map& vm, const EditSink* sink) {
    return Build(*steps, vm, sink);
  };
  spec.config_file = true;
  spec.default_jobs = 0;  // One per core.
  spec.jobs_text = "In a text document, the repair step repairs lines on N threads.";
  return spec;
}

// `zh-clean stats-merge FILE...`: prints the sum of --stats-file outputs.
int RunStatsMerge(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
  if (files.empty() || files[0] == "--help" || files[0] == "-h") {
    (files.empty() ? err : out) << "Usage: zh-clean stats-merge STATS.json...\n"
                                   "Sum the --stats-file outputs of several runs (shards).\n";
    return files.empty() ? cli::kExitUsage : cli::kExitOk;
  }
  std::vector<std::string> jsons;
  for (const std::string& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      err << "zh-clean: " << path << ": cannot open\n";
      return cli::kExitFailure;
    }
    jsons.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  auto merged = MergeStatsJson(jsons);
  if (!merged.ok()) {
    err << "zh-clean: " << merged.status().message() << "\n";
    return cli::kExitFailure;
  }
  out << *merged << "\n";
  return out.flush() ? cli::kExitOk : cli::kExitFailure;
}

}  // namespace

int RunZhClean(const std::vector<std::string>& args, std::istream& in,
               std::ostream& out, std::ostream& err) {
  if (!args.empty() && args[0] == "stats-merge") {
    return RunStatsMerge(std::vector<std::string>(args.begin() + 1, args.end()), out, err);
  }
  return cli::RunTool(ZhCleanSpec(std::make_shared<StepSpecs>()), args, in, out, err);
}

}  // namespace zhclean
