#include "zh_strip.h"

#include <fstream>
#include <memory>
#include <mutex>
#include <ostream>

#include "common/cli.h"
#include "zhclean/file_io.h"
#include "zhclean/rule_set.h"
#include "zhclean/strip.h"

namespace zhclean {

namespace {

namespace po = cli::po;

void AddTemplateOptions(po::options_description* d) {
  d->add_options()
    ("templates", po::value<std::string>()->value_name("FILE"),
     "Also remove lines that FILE (made by 'zh-strip learn') marks as repeating "
     "across the site's documents.")
    ("batch-templates", po::bool_switch(),
     "Learn the repeating lines from all FILE inputs first (a first pass over the "
     "files), then strip them.")
    ("site-field", po::value<std::string>()->value_name("NAME"),
     "With --format jsonl: learn the repeating lines per site, the site being the "
     "string field NAME of each record (a URL counts as its host), in a first pass "
     "over the FILE inputs (not stdin: it cannot be read twice), then strip each "
     "record with its site's lines.")
    ("min-docs", po::value<uint64_t>()->default_value(3)->value_name("N"),
     "A template line must repeat in at least N documents.")
    ("min-share", po::value<double>()->default_value(0.3, "0.3")->value_name("F"),
     "A template line must repeat in at least this share of all documents.");
}

cli::ToolSpec ZhStripSpec() {
  cli::ToolSpec spec;
  spec.name = "zh-strip";
  spec.usage = "[OPTION]... [FILE]...\n       zh-strip learn [-r] -o TABLE FILE...";
  spec.summary =
      "Remove site chrome (menus, share and login prompts, related lists, footers,\n"
      "metadata lines) from scraped Chinese text or HTML, keeping every article line.";
  spec.examples =
      "  zh-strip samples/000_e8d26845c6ac1826/input.txt\n"
      "  zh-strip --explain removed.jsonl --meta keep page.txt -o clean.txt\n"
      "  zh-strip --format html page.html\n"
      "  zh-strip learn -r site/ -o site.tmpl && zh-strip --templates site.tmpl site/a.txt\n"
      "  zh-strip -r --batch-templates site/ -o clean.txt\n"
      "  zh-strip --format jsonl --site-field url --meta extract crawl.jsonl -o clean.jsonl\n";
  spec.add_options = [](po::options_description* d) {
    d->add_options()
      ("rules-dir", po::value<std::string>()->value_name("DIR"),
       "Rules directory (chrome rules are DIR/chrome/*.tsv); default "
       "$ZHCLEAN_RULES_DIR or the installed rules.")
      ("meta", po::value<std::string>()->default_value("drop")->value_name("MODE"),
       "Metadata lines (date, author, source, editor): drop, keep, or extract "
       "(--format jsonl only: remove them and the title line and set the record's "
       "fields title, date, author and source to their values).")
      ("html", po::bool_switch(),
       "Input documents are HTML (also --format html): keep the main block's text. "
       "Documents starting with <!DOCTYPE html or <html are taken as HTML anyway.");
    AddTemplateOptions(d);
  };
  spec.early = [](const po::variables_map& vm, std::ostream&, std::ostream& err) -> int {
    auto meta = ParseMetaMode(vm["meta"].as<std::string>());
    // zh-clean runs this step's `early` before its common flags are known.
    bool not_jsonl = vm.count("format") && vm["format"].as<std::string>() != "jsonl";
    bool by_site = vm.count("site-field") > 0;
    const char* problem = nullptr;
    if (!meta.ok()) {
      problem = "--meta must be keep, drop or extract";
    } else if (*meta == MetaMode::kExtract && not_jsonl) {
      problem = "--meta extract needs --format jsonl (it moves metadata into record fields)";
    } else if (by_site && not_jsonl) {
      problem = "--site-field needs --format jsonl";
    } else if (by_site && (vm.count("templates") || vm["batch-templates"].as<bool>())) {
      problem = "--site-field cannot be combined with --templates or --batch-templates";
    }
    if (problem == nullptr) return -1;
    err << "zh-strip: " << problem << "\n"
        << "Try 'zh-strip --help' for more information.\n";
    return cli::kExitUsage;
  };
  return spec;
}

// The first pass of --batch-templates (each file one document) or
// --site-field (each JSONL record a document of its site).
StatusOr<std::shared_ptr<const SiteTemplates>> LearnFromInputs(const po::variables_map& vm) {
  std::vector<std::string> inputs;
  if (vm.count("input")) inputs = vm["input"].as<std::vector<std::string>>();
  if (inputs.empty()) inputs.push_back("-");
  ZHCLEAN_ASSIGN_OR_RETURN(auto paths, ExpandInputs(inputs, vm["recursive"].as<bool>()));
  bool by_site = vm.count("site-field") > 0;
  auto templates = std::make_shared<SiteTemplates>();
  for (const std::string& path : paths) {
    if (path == "-") {
      return InvalidArgumentError(std::string(by_site ? "--site-field" : "--batch-templates") +
                                  " needs file inputs, not stdin (read twice)");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return NotFoundError(path + ": cannot open");
    if (by_site) {
      std::string field = vm.count("field") ? vm["field"].as<std::string>() : "text";
      ZHCLEAN_RETURN_IF_ERROR(
          templates->AddJsonlStream(in, field, vm["site-field"].as<std::string>()));
    } else {
      ZHCLEAN_RETURN_IF_ERROR(templates->AddStream(in));
    }
  }
  return std::shared_ptr<const SiteTemplates>(templates);
}

StatusOr<std::shared_ptr<const SiteTemplates>> Templates(const po::variables_map& vm) {
  std::shared_ptr<SiteTemplates> t;
  if (vm.count("templates")) {
    ZHCLEAN_ASSIGN_OR_RETURN(SiteTemplates loaded,
                             SiteTemplates::Load(vm["templates"].as<std::string>()));
    t = std::make_shared<SiteTemplates>(std::move(loaded));
  } else if (vm["batch-templates"].as<bool>() || vm.count("site-field")) {
    ZHCLEAN_ASSIGN_OR_RETURN(auto learned, LearnFromInputs(vm));
    t = std::const_pointer_cast<SiteTemplates>(learned);
  } else {
    return std::shared_ptr<const SiteTemplates>();
  }
  t->set_thresholds(vm["min-docs"].as<uint64_t>(), vm["min-share"].as<double>());
  return std::shared_ptr<const SiteTemplates>(t);
}

// What the pipelines of one run share. Each worker of -j builds its own
// pipeline from the same options; the templates (a first pass over every
// input, or a table file) are made by the first build and shared read-only.
struct StripState {
  std::mutex mu;
  bool templates_made = false;
  std::shared_ptr<const SiteTemplates> templates;
};

StatusOr<std::shared_ptr<const SiteTemplates>> SharedTemplates(const po::variables_map& vm,
                                                               StripState* state) {
  std::lock_guard<std::mutex> lock(state->mu);
  if (!state->templates_made) {
    ZHCLEAN_ASSIGN_OR_RETURN(state->templates, Templates(vm));
    state->templates_made = true;
  }
  return state->templates;
}

StatusOr<std::unique_ptr<Pipeline>> BuildPipeline(const po::variables_map& vm,
                                                  const EditSink* sink, StripState* state) {
  std::string flag = vm.count("rules-dir") ? vm["rules-dir"].as<std::string>() : "";
  auto rules = std::make_shared<ChromeRuleSet>();
  std::vector<Diagnostic> errors;
  ZHCLEAN_RETURN_IF_ERROR(LoadChromeRules(ResolveRulesDir(flag), rules.get(), &errors));
  StripOptions options;
  ZHCLEAN_ASSIGN_OR_RETURN(options.meta, ParseMetaMode(vm["meta"].as<std::string>()));
  options.html = vm["html"].as<bool>();
  ZHCLEAN_ASSIGN_OR_RETURN(options.templates, SharedTemplates(vm, state));
  if (vm.count("site-field")) options.site_field = vm["site-field"].as<std::string>();
  auto pipeline = std::make_unique<Pipeline>(sink);
  ZHCLEAN_ASSIGN_OR_RETURN(auto stage, NewStripStage(std::move(rules), options));
  pipeline->Add(std::move(stage));
  return pipeline;
}

// `--format html` is this tool's: it becomes --html over text documents.
std::vector<std::string> RewriteHtmlFormat(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--format=html" ||
        (args[i] == "--format" && i + 1 < args.size() && args[i + 1] == "html")) {
      out.push_back("--format=text");
      out.push_back("--html");
      if (args[i] == "--format") ++i;
    } else {
      out.push_back(args[i]);
    }
  }
  return out;
}

}  // namespace

cli::ToolSpec ZhStripToolSpec() {
  cli::ToolSpec spec = ZhStripSpec();
  auto state = std::make_shared<StripState>();
  spec.build = [state](const po::variables_map& vm, const EditSink* sink) {
    return BuildPipeline(vm, sink, state.get());
  };
  return spec;
}

int RunZhStrip(const std::vector<std::string>& args, std::istream& in,
               std::ostream& out, std::ostream& err) {
  if (!args.empty() && args[0] == "learn") {
    return RunZhStripLearn(std::vector<std::string>(args.begin() + 1, args.end()), out, err);
  }
  return cli::RunTool(ZhStripToolSpec(), RewriteHtmlFormat(args), in, out, err);
}

}  // namespace zhclean
