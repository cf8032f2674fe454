#include "zh_repair.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <istream>
#include <ostream>

#include "common/cli.h"
#include "zhclean/encoding.h"
#include "zhclean/file_io.h"
#include "zhclean/normalize.h"
#include "zhclean/repair.h"

namespace zhclean {

namespace {

namespace po = cli::po;

// One --no-<name> flag per normalize option.
struct NormalizeFlag {
  const char* name;
  bool NormalizeOptions::*field;
  const char* help;
};

const NormalizeFlag kNormalizeFlags[] = {
    {"no-ruby", &NormalizeOptions::ruby, "Keep leaked ruby/pinyin annotations."},
    {"no-entities", &NormalizeOptions::entities, "Keep HTML character references."},
    {"no-json-escapes", &NormalizeOptions::json_escapes, "Keep \\uXXXX-escaped bodies."},
    {"no-nfc", &NormalizeOptions::nfc, "Skip Unicode NFC."},
    {"no-radicals", &NormalizeOptions::radicals,
     "Keep Kangxi radicals and CJK compatibility ideographs."},
    {"no-punct-width", &NormalizeOptions::punct_width,
     "Keep half-width punctuation between Han characters."},
    {"no-ascii-width", &NormalizeOptions::ascii_width, "Keep full-width ASCII letters and digits."},
    {"no-spaces", &NormalizeOptions::spaces, "Keep no-break and typographic spaces."},
    {"no-controls", &NormalizeOptions::controls,
     "Keep control, zero-width and bidi-override characters."},
    {"no-crlf", &NormalizeOptions::crlf, "Keep CR LF line ends."},
};

void AddOptions(po::options_description* d) {
  d->add_options()
    ("from", po::value<std::string>()->value_name("ENC"),
     "Input encoding (UTF-8, GB18030, GBK, GB2312, Big5, Big5-HKSCS, UTF-16LE, "
     "UTF-16BE) instead of detecting it.")
    ("detect", po::bool_switch(),
     "Only print each input's detected encoding and confidence "
     "(path<TAB>encoding<TAB>confidence) and exit.")
    ("garbage", po::value<std::string>()->default_value("keep")->value_name("MODE"),
     "Unrecoverable mojibake: keep (count it in --stats), mark (replace each "
     "run with U+3013) or drop (remove the line).")
    ("no-mojibake", po::bool_switch(), "Do not repair mis-decoded spans.");
  for (const NormalizeFlag& f : kNormalizeFlags) d->add_options()(f.name, po::bool_switch(), f.help);
}

std::string Prefix(std::istream& in) {
  std::string prefix(kDetectPrefixBytes, '\0');
  in.read(prefix.data(), static_cast<std::streamsize>(prefix.size()));
  prefix.resize(static_cast<size_t>(in.gcount()));
  return prefix;
}

void PrintGuess(const std::string& path, const std::string& prefix, bool complete,
                std::ostream& out) {
  EncodingGuess g = DetectEncoding(prefix, complete);
  char conf[16];
  std::snprintf(conf, sizeof conf, "%.3f", g.confidence);
  out << path << "\t" << EncodingName(g.encoding) << "\t" << conf << "\n";
}

int Detect(const po::variables_map& vm, std::istream& in, std::ostream& out,
           std::ostream& err) {
  std::vector<std::string> args{"-"};
  if (vm.count("input")) args = vm["input"].as<std::vector<std::string>>();
  auto paths = ExpandInputs(args, vm["recursive"].as<bool>());
  if (!paths.ok()) {
    err << "zh-repair: " << paths.status().message() << "\n";
    return cli::kExitFailure;
  }
  int rc = cli::kExitOk;
  for (const std::string& path : *paths) {
    std::ifstream file;
    std::istream* src = &in;
    if (path != "-") {
      file.open(path, std::ios::binary);
      if (!file) {
        err << "zh-repair: " << path << ": cannot open\n";
        rc = cli::kExitFailure;
        continue;
      }
      src = &file;
    }
    std::string prefix = Prefix(*src);
    bool complete = src->peek() == std::char_traits<char>::eof();
    PrintGuess(path == "-" ? "stdin" : path, prefix, complete, out);
  }
  return out.flush() ? rc : cli::kExitFailure;
}

StatusOr<std::unique_ptr<Pipeline>> Build(const po::variables_map& vm, const EditSink* sink) {
  RepairOptions options;
  if (vm.count("from")) {
    ZHCLEAN_ASSIGN_OR_RETURN(options.from, ParseEncodingName(vm["from"].as<std::string>()));
  }
  ZHCLEAN_ASSIGN_OR_RETURN(options.garbage, ParseGarbageMode(vm["garbage"].as<std::string>()));
  options.mojibake = !vm["no-mojibake"].as<bool>();
  // Line and JSONL documents are spread over -j workers by the driver; a
  // text document (one file) shares its line repairs between -j threads.
  if (cli::WholeFileDocuments(vm)) options.threads = vm["jobs"].as<size_t>();
  auto pipeline = std::make_unique<Pipeline>(sink);
  ZHCLEAN_ASSIGN_OR_RETURN(auto repair, NewRepairStage(options));
  pipeline->Add(std::move(repair));
  NormalizeOptions normalize;
  for (const NormalizeFlag& f : kNormalizeFlags) normalize.*f.field = !vm[f.name].as<bool>();
  normalize.mojibake = options.mojibake;
  ZHCLEAN_ASSIGN_OR_RETURN(auto stage, NewNormalizeStage(normalize));
  pipeline->Add(std::move(stage));
  return pipeline;
}

cli::ToolSpec ZhRepairSpec(std::istream& in) {
  cli::ToolSpec spec;
  spec.name = "zh-repair";
  spec.usage = "[OPTION]... [FILE]...";
  spec.summary =
      "Turn Chinese text in any common encoding into correct UTF-8: detect and decode\n"
      "GB18030/GBK/Big5/UTF-16, undo mojibake (UTF-8 or GBK/Big5 read as Latin-1 or\n"
      "cp1252, UTF-8 read as GBK/Big5) where it is provable, then normalise.";
  spec.examples =
      "  zh-repair page.txt -o page.utf8.txt\n"
      "  zh-repair --detect *.txt\n"
      "  zh-repair --from gbk --garbage mark --explain changes.jsonl old.txt\n"
      "  zh-repair --format jsonl --field body --stats corpus.jsonl -o fixed.jsonl\n";
  spec.add_options = AddOptions;
  spec.early = [&in](const po::variables_map& vm, std::ostream& out, std::ostream& err) -> int {
    if (vm.count("from") && !ParseEncodingName(vm["from"].as<std::string>()).ok()) {
      err << "zh-repair: " << ParseEncodingName(vm["from"].as<std::string>()).status().message()
          << "\nTry 'zh-repair --help' for more information.\n";
      return cli::kExitUsage;
    }
    if (vm.count("detect") && vm["detect"].as<bool>()) return Detect(vm, in, out, err);
    return -1;
  };
  spec.build = Build;
  spec.jobs_text = "A text document's lines are repaired on N threads.";
  return spec;
}

}  // namespace

cli::ToolSpec ZhRepairToolSpec() { return ZhRepairSpec(std::cin); }

int RunZhRepair(const std::vector<std::string>& args, std::istream& in,
                std::ostream& out, std::ostream& err) {
  return cli::RunTool(ZhRepairSpec(in), args, in, out, err);
}

}  // namespace zhclean
