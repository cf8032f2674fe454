// `zh-fix suggest CORPUS...`: prints candidate typo rules, never applies them.
#include <filesystem>
#include <ostream>

#include "common/cli.h"
#include "zh_fix.h"
#include "zhclean/fix.h"

namespace zhclean {

namespace {

namespace po = boost::program_options;

constexpr const char* kJiebaDict = "/usr/lib/python3/dist-packages/jieba/dict.txt";

po::options_description SuggestOptionsDescription() {
  po::options_description d("Options");
  d.add_options()
    ("help,h", "Print this help and exit.")
    ("dict", po::value<std::string>()->default_value(kJiebaDict)->value_name("FILE"),
     "Word-frequency dictionary (jieba dict.txt format: word count tag); 'none' "
     "for the corpus alone. A wrong string found in it is never proposed.")
    ("top", po::value<size_t>()->default_value(40)->value_name("N"),
     "Print the N best candidates.")
    ("min-right", po::value<uint64_t>()->default_value(3)->value_name("N"),
     "The right word must occur at least N times in the corpus.")
    ("max-wrong", po::value<uint64_t>()->default_value(5)->value_name("N"),
     "The wrong string must occur at most N times in the corpus.")
    ("dict-right", po::value<uint64_t>()->default_value(0)->value_name("N"),
     "Also take as right word any dictionary word counted at least N times, even "
     "absent from the corpus (for small corpora), and rank by confidence; 0: off.")
    ("alone", po::value<double>()->value_name("C"),
     "Drop a candidate when a line holding it also holds, outside it, another "
     "candidate of confidence at least C (an error the rule would leave: for "
     "sentence-level precision); off by default.");
  return d;
}

void PrintSuggestHelp(const po::options_description& d, std::ostream& out) {
  out << "Usage: zh-fix suggest [OPTION]... CORPUS...\n"
      << "Propose typo rules: rare strings one character away from frequent words,\n"
      << "where the two characters are a plausible OCR confusion (same radical,\n"
      << "similar four-corner or Cangjie code in Unihan, or a known pair). Prints a\n"
      << "kind=typo rule file, best first, with counts, a confidence, the confusion\n"
      << "and an example in a trailing comment. The confidence (with a dictionary)\n"
      << "is the log10 gain of the text under a unigram word model, capped by the\n"
      << "margin over other right words, plus shape evidence. CORPUS is a file or a\n"
      << "directory (read recursively).\n\n"
      << d << "\n"
      << "Exit status:\n  0  success\n  1  a corpus file or the dictionary cannot be read\n"
      << "  2  usage error\n\n"
      << "Examples:\n  zh-fix suggest samples/\n"
      << "  zh-fix suggest --dict none --top 100 corpus/ > rules/typos/new.tsv.draft\n"
      << "  zh-fix suggest --dict-right 100 --max-wrong 2 --top 500 sentences.txt\n"
      << "  zh-fix suggest --dict-right 100 --max-wrong 2 --alone 3 sentences.txt\n";
}

}  // namespace

int RunZhFixSuggest(const std::vector<std::string>& args, std::ostream& out,
                    std::ostream& err) {
  po::options_description visible = SuggestOptionsDescription();
  po::variables_map vm;
  if (!cli::ParseSubcommandArgs("zh-fix suggest", args, visible, "corpus", &vm, err)) {
    return cli::kExitUsage;
  }
  if (vm.count("help")) {
    PrintSuggestHelp(visible, out);
    return out.flush() ? cli::kExitOk : cli::kExitFailure;
  }
  if (!vm.count("corpus")) {
    return cli::SubcommandUsageError("zh-fix suggest", "no CORPUS given", err);
  }
  SuggestOptions o;
  o.corpus_paths = vm["corpus"].as<std::vector<std::string>>();
  std::string dict = vm["dict"].as<std::string>();
  std::error_code ec;
  bool default_missing = dict == kJiebaDict && !std::filesystem::exists(dict, ec);
  o.dictionary_path = dict == "none" || default_missing ? "" : dict;
  o.max_candidates = vm["top"].as<size_t>();
  o.min_right_count = vm["min-right"].as<uint64_t>();
  o.max_wrong_count = vm["max-wrong"].as<uint64_t>();
  o.min_dictionary_right = vm["dict-right"].as<uint64_t>();
  if (vm.count("alone")) o.alone_above = vm["alone"].as<double>();
  std::vector<TypoCandidate> candidates;
  Status s = SuggestTypoRules(o, &candidates);
  if (!s.ok()) {
    err << "zh-fix: suggest: " << s.message() << "\n";
    return cli::kExitFailure;
  }
  out << "#! zhclean-rules v1 kind=typo\n"
      << "# Candidates from zh-fix suggest: review each, add a guard, then move it\n"
      << "# into rules/typos/.\n";
  for (const TypoCandidate& c : candidates) out << FormatTypoCandidate(c) << "\n";
  return out.flush() ? cli::kExitOk : cli::kExitFailure;
}

}  // namespace zhclean
