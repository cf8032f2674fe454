#include "zh_convert.h"

#include <filesystem>
#include <ostream>

#include "common/cli.h"
#include "zhclean/convert.h"

namespace zhclean {

namespace {

std::string ConfigList() {
  std::string list;
  for (const std::string& name : ListScriptConfigs()) list += (list.empty() ? "" : " ") + name;
  return list;
}

// Inputs of regular files totalling at most this many bytes are converted
// by OpenCC's own engine: copying OpenCC's dictionaries into the fast
// engine's tries costs about 25 ms, which OpenCC's converter takes about
// 150 kB to lose (zh-convert -c s2t, CPU: 32 kB 65 vs 86 ms, 128 kB 83 vs
// 88 ms, 512 kB 156 vs 95 ms; docs/convert.md).
constexpr uintmax_t kAutoOpenccBytes = 128 << 10;

// The engine --engine auto picks for `inputs`: standard input, a directory
// or anything unreadable counts as large.
ScriptEngine AutoEngine(const std::vector<std::string>& inputs) {
  uintmax_t total = 0;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input == "-" || !std::filesystem::is_regular_file(input, ec)) return ScriptEngine::kFast;
    uintmax_t size = std::filesystem::file_size(input, ec);
    if (ec) return ScriptEngine::kFast;
    total += size;
  }
  return !inputs.empty() && total <= kAutoOpenccBytes ? ScriptEngine::kOpencc
                                                      : ScriptEngine::kFast;
}

ScriptEngine ChosenEngine(const cli::po::variables_map& vm) {
  std::string engine = vm["engine"].as<std::string>();
  if (engine == "opencc") return ScriptEngine::kOpencc;
  if (engine == "fast" || !vm.count("input")) return ScriptEngine::kFast;
  return AutoEngine(vm["input"].as<std::vector<std::string>>());
}

}  // namespace

cli::ToolSpec ZhConvertSpec() {
  cli::ToolSpec spec;
  spec.name = "zh-convert";
  spec.usage = "-c CONFIG [OPTION]... [FILE]...";
  spec.summary =
      "Convert between simplified, traditional and regional Chinese with an OpenCC\n"
      "config; the output is byte-identical to the opencc tool's.";
  spec.examples =
      "  zh-convert -c s2t samples/000_e8d26845c6ac1826/input.txt\n"
      "  zh-convert -c t2s --format jsonl --field body corpus.jsonl -o out.jsonl\n"
      "  zh-convert -c s2twp -i --backup .orig notes/*.txt\n";
  spec.add_options = [](cli::po::options_description* d) {
    d->add_options()
      ("config,c", cli::po::value<std::string>()->value_name("CONFIG"),
       "OpenCC config name (s2t, t2s, s2tw, s2twp, tw2s, s2hk, t2jp, ...) or path "
       "to a config file.")
      ("engine", cli::po::value<std::string>()->default_value("auto")->value_name("E"),
       "fast (OpenCC's dictionaries and algorithm on zhclean's matcher), opencc "
       "(OpenCC's own converter, quicker to start) or auto (opencc for files "
       "totalling 128 kB or less, else fast); the output is the same.")
      ("list", "List the installed OpenCC configs and exit.");
  };
  spec.early = [](const cli::po::variables_map& vm, std::ostream& out,
                  std::ostream& err) -> int {
    if (vm.count("list")) {
      for (const std::string& name : ListScriptConfigs()) out << name << "\n";
      return out.flush() ? cli::kExitOk : cli::kExitFailure;
    }
    if (!vm.count("config")) {
      err << "zh-convert: missing --config (one of: " << ConfigList() << ")\n"
          << "Try 'zh-convert --help' for more information.\n";
      return cli::kExitUsage;
    }
    std::string config = vm["config"].as<std::string>();
    if (!ResolveScriptConfig(config).ok()) {
      err << "zh-convert: unknown config '" << config << "'; available: " << ConfigList()
          << "\n";
      return cli::kExitUsage;
    }
    std::string engine = vm["engine"].as<std::string>();
    if (engine != "fast" && engine != "opencc" && engine != "auto") {
      err << "zh-convert: --engine must be auto, fast or opencc, not '" << engine << "'\n"
          << "Try 'zh-convert --help' for more information.\n";
      return cli::kExitUsage;
    }
    return -1;
  };
  spec.build = [](const cli::po::variables_map& vm, const EditSink* sink)
      -> StatusOr<std::unique_ptr<Pipeline>> {
    auto pipeline = std::make_unique<Pipeline>(sink);
    ZHCLEAN_ASSIGN_OR_RETURN(auto stage,
                             NewConvertStage(vm["config"].as<std::string>(), ChosenEngine(vm)));
    pipeline->Add(std::move(stage));
    return pipeline;
  };
  return spec;
}

int RunZhConvert(const std::vector<std::string>& args, std::istream& in,
                 std::ostream& out, std::ostream& err) {
  return cli::RunTool(ZhConvertSpec(), args, in, out, err);
}

}  // namespace zhclean
