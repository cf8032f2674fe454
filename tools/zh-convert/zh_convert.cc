#include "zh_convert.h"

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
      ("engine", cli::po::value<std::string>()->default_value("fast")->value_name("E"),
       "fast (OpenCC's dictionaries and algorithm on zhclean's matcher) or opencc "
       "(OpenCC's own converter); the output is the same.")
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
    if (engine != "fast" && engine != "opencc") {
      err << "zh-convert: --engine must be fast or opencc, not '" << engine << "'\n"
          << "Try 'zh-convert --help' for more information.\n";
      return cli::kExitUsage;
    }
    return -1;
  };
  spec.build = [](const cli::po::variables_map& vm, const EditSink* sink)
      -> StatusOr<std::unique_ptr<Pipeline>> {
    auto pipeline = std::make_unique<Pipeline>(sink);
    ScriptEngine engine = vm["engine"].as<std::string>() == "opencc" ? ScriptEngine::kOpencc
                                                                      : ScriptEngine::kFast;
    ZHCLEAN_ASSIGN_OR_RETURN(auto stage,
                             NewConvertStage(vm["config"].as<std::string>(), engine));
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
