#include "cli_options.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <thread>

namespace zhclean::cli {

namespace {

// True when `a` and `b` name one file: the same path, or two paths of one
// existing file (`./a.txt` and `a.txt`, a hard link).
bool SameFile(const std::string& a, const std::string& b) {
  if (a == b) return true;
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec) && !ec;
}

}  // namespace

bool WholeFileDocuments(const po::variables_map& vm) {
  return vm["format"].as<std::string>() == "text" && !vm["null-data"].as<bool>();
}

void AddCommonOptions(const ToolSpec& spec, po::options_description* d) {
  size_t cores = std::max(1u, std::thread::hardware_concurrency());
  d->add_options()
    ("jobs,j", po::value<size_t>()->default_value(spec.default_jobs ? spec.default_jobs : cores)
                   ->value_name("N"),
     ("Clean lines, NUL-separated or JSONL documents on N threads; output keeps "
      "the input order." + (spec.jobs_text.empty() ? "" : " " + spec.jobs_text)).c_str())
    ("help,h", "Print this help and exit.")
    ("version", "Print the version and exit.")
    ("output,o", po::value<std::string>()->value_name("FILE"),
     "Write to FILE (created atomically) instead of standard output; when FILE is "
     "a directory or ends in '/', write one file per input there, mirroring "
     "directory inputs.")
    ("in-place,i", po::bool_switch(), "Rewrite each input file in place (atomically).")
    ("backup", po::value<std::string>()->value_name("SUFFIX"),
     "With --in-place, keep the original as FILE+SUFFIX.")
    ("recursive,r", po::bool_switch(), "Read every file under directory inputs.")
    ("format", po::value<std::string>()->default_value("text")->value_name("FMT"),
     "Document format: text (a file is one document), lines (each line is "
     "one), or jsonl (one JSON object per line).")
    ("field", po::value<std::string>()->default_value("text")->value_name("NAME"),
     "JSONL field to clean; every other field passes through unchanged.")
    ("null-data,z", po::bool_switch(), "Documents or lines end in NUL, not newline.")
    ("on-error", po::value<std::string>()->default_value("fail")->value_name("MODE"),
     "A JSONL record that is not JSON or lacks the field: fail (report it "
     "and drop it) or keep (report it and pass it through).")
    ("invalid", po::value<std::string>()->default_value("fail")->value_name("MODE"),
     "Invalid UTF-8: fail (report the byte offset) or keep (pass the bytes "
     "through untouched).")
    ("max-record", po::value<size_t>()->default_value(64 << 20)->value_name("BYTES"),
     "Largest JSONL record accepted.")
    ("rejects", po::value<std::string>()->value_name("FILE"),
     "Write rejected documents (invalid UTF-8, bad JSONL records, records over "
     "--max-record, documents a step rejects) to FILE instead of the output, one "
     "JSON line each (input, document, line, offset, reason, record); they are "
     "then not errors.")
    ("explain", po::value<std::string>()->value_name("FILE"),
     "Write every change as a JSON line (input, document, step, offset, "
     "before, after, rule, reason) to FILE.")
    ("stats", po::bool_switch(),
     "Print a JSON summary (documents, bytes, changes by rule, seconds) to "
     "standard error at the end.")
    ("stats-file", po::value<std::string>()->value_name("FILE"),
     "Write the --stats JSON summary to FILE instead.")
    ("check", po::bool_switch(), "Change nothing; exit 3 if any document would change.")
    ("skip-existing", po::bool_switch(),
     "With -o DIR/: leave inputs whose output already exists (to resume an "
     "interrupted run; outputs appear only when complete).")
    ("progress", po::bool_switch(),
     "Show progress on standard error even when it is not a terminal.")
    ("quiet,q", po::bool_switch(), "Do not print warnings.");
}

po::options_description HiddenOptions() {
  po::options_description d;
  d.add_options()
    ("input", po::value<std::vector<std::string>>(), "Input files.")
    ("chunk-size", po::value<size_t>()->default_value(1 << 20), "Read block size.");
  return d;
}

void PrintHelp(const ToolSpec& spec, const po::options_description& visible,
               std::ostream& out) {
  out << "Usage: " << spec.name << " " << spec.usage << "\n"
      << spec.summary << "\n"
      << "With no FILE, or when FILE is -, read standard input. A FILE ending in .gz\n"
      << "or .zst is decompressed; an output file ending in .gz or .zst is compressed.\n\n"
      << visible << "\n"
      << "Exit status:\n"
      << "  0  success\n"
      << "  1  some input failed (reported on standard error; other inputs "
         "were still processed)\n"
      << "  2  usage error (bad option, unknown config, malformed rules)\n"
      << "  3  with --check: some document would change\n\n"
      << "Examples:\n" << spec.examples;
}

Status Validate(const po::variables_map& vm, CommonOptions* o) {
  if (vm.count("input")) o->inputs = vm["input"].as<std::vector<std::string>>();
  if (o->inputs.empty()) o->inputs.push_back("-");
  if (vm.count("output")) o->output = vm["output"].as<std::string>();
  o->in_place = vm["in-place"].as<bool>();
  if (vm.count("backup")) o->backup = vm["backup"].as<std::string>();
  o->recursive = vm["recursive"].as<bool>();
  o->quiet = vm["quiet"].as<bool>();
  o->skip_existing = vm["skip-existing"].as<bool>();
  o->progress = vm["progress"].as<bool>() || (!o->quiet && ::isatty(2));
  if (vm.count("explain")) o->explain = vm["explain"].as<std::string>();
  if (vm.count("rejects")) o->rejects = vm["rejects"].as<std::string>();
  if (vm.count("stats-file")) o->stats_file = vm["stats-file"].as<std::string>();
  o->stats = vm["stats"].as<bool>() || !o->stats_file.empty();
  auto format = ParseDocumentFormat(vm["format"].as<std::string>());
  if (!format.ok()) return format.status();
  StreamOptions& s = o->stream;
  s.format = *format;
  s.field = vm["field"].as<std::string>();
  s.nul_separated = vm["null-data"].as<bool>();
  s.check = vm["check"].as<bool>();
  s.max_record = vm["max-record"].as<size_t>();
  s.chunk_size = vm["chunk-size"].as<size_t>();
  o->jobs = vm["jobs"].as<size_t>();
  if (o->jobs == 0) return InvalidArgumentError("--jobs must be at least 1");
  std::string on_error = vm["on-error"].as<std::string>();
  std::string invalid = vm["invalid"].as<std::string>();
  if (on_error != "fail" && on_error != "keep") {
    return InvalidArgumentError("--on-error must be fail or keep, not '" + on_error + "'");
  }
  if (invalid != "fail" && invalid != "keep") {
    return InvalidArgumentError("--invalid must be fail or keep, not '" + invalid + "'");
  }
  s.keep_bad_records = on_error == "keep";
  s.keep_invalid_utf8 = invalid == "keep";
  if (s.chunk_size < 16) return InvalidArgumentError("--chunk-size must be at least 16");
  if (s.max_record == 0) return InvalidArgumentError("--max-record must be positive");
  std::error_code ec;
  o->mirror = !o->output.empty() &&
              (o->output.back() == '/' || std::filesystem::is_directory(o->output, ec));
  if (o->skip_existing && !o->mirror) {
    return InvalidArgumentError("--skip-existing needs -o DIR/");
  }
  if (!o->rejects.empty() && o->rejects == o->output) {
    return InvalidArgumentError("--rejects and --output name the same file");
  }
  if (o->in_place && !o->output.empty()) {
    return InvalidArgumentError("--in-place and --output cannot be combined");
  }
  if (!o->backup.empty() && !o->in_place) {
    return InvalidArgumentError("--backup needs --in-place");
  }
  for (const std::string& input : o->inputs) {
    if (input == "-") {
      if (o->in_place) {
        return InvalidArgumentError("--in-place needs file inputs, not standard input");
      }
      continue;
    }
    if (!o->output.empty() && SameFile(input, o->output)) {
      return InvalidArgumentError("output '" + input + "' is also an input (use --in-place)");
    }
    if (!o->rejects.empty() && SameFile(input, o->rejects)) {
      return InvalidArgumentError("--rejects file '" + input + "' is also an input");
    }
    // Written while or after the inputs are read: the input would be lost.
    if (!o->explain.empty() && SameFile(input, o->explain)) {
      return InvalidArgumentError("--explain file '" + input + "' is also an input");
    }
    if (!o->stats_file.empty() && SameFile(input, o->stats_file)) {
      return InvalidArgumentError("--stats-file '" + input + "' is also an input");
    }
  }
  return OkStatus();
}

int UsageError(const ToolSpec& spec, const std::string& message, std::ostream& err) {
  err << spec.name << ": " << message << "\n"
      << "Try '" << spec.name << " --help' for more information.\n";
  return kExitUsage;
}

}  // namespace zhclean::cli
