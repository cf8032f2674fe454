#include "cli.h"

#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli_options.h"
#include "progress.h"
#include "zhclean/file_io.h"
#include "zhclean/parallel.h"
#include "zhclean/stream.h"

#ifndef ZHCLEAN_VERSION
#define ZHCLEAN_VERSION "0.0.0"
#endif

namespace zhclean::cli {

namespace {

// Runs the whole job once options are valid.
class Job {
 public:
  Job(const ToolSpec& spec, const CommonOptions& options, std::istream& in,
      std::ostream& out, std::ostream& err)
      : spec_(spec), o_(options), in_(in), out_(out), err_(err) {}

  int Run(const po::variables_map& vm);

 private:
  void Error(const std::string& message) {
    err_ << spec_.name << ": " << message << "\n";
    failed_ = true;
  }
  // Cleans `path` into `target` (atomically) or, when target is empty, into
  // *shared_out.
  void ProcessInput(const std::string& path, std::ostream* shared_out, const std::string& target);
  struct Input {
    std::string path;
    std::string target;  // Atomic output file; empty: the shared stream.
  };
  // Expands every argument once into the inputs to clean and their outputs
  // (reporting bad arguments; leaving finished ones with --skip-existing).
  std::vector<Input> PlanInputs();
  // Prefixes the current input's name unless the message starts with it.
  std::string Describe(const Status& s) const {
    if (s.message().rfind(current_input_, 0) == 0) return s.message();
    return current_input_ + ": " + s.message();
  }
  Status CleanOne(const std::string& path, std::istream& in, std::ostream& out);
  // CleanOne on the decompressed input; a decompression error wins.
  Status CleanInput(const std::string& path, DecompressedInput* input, std::ostream& out);
  // Builds the pipeline, or one per worker with -j; returns -1, or the
  // exit code when a step cannot be built (a usage error for bad values).
  int BuildPipelines(const po::variables_map& vm, const EditSink* sink);
  // --rejects: opens the file and points the driver's reject sink at it.
  Status OpenRejects();
  // Commits (or, after a failure with -o FILE, drops) the outputs.
  void CloseOutputs(AtomicOutputFile* output);
  void PrintStats(double seconds);

  const ToolSpec& spec_;
  CommonOptions o_;  // A copy: the job adds its progress hook.
  std::istream& in_;
  std::ostream& out_;
  std::ostream& err_;
  std::unique_ptr<Pipeline> pipeline_;
  std::unique_ptr<ParallelCleaner> parallel_;  // Set when -j > 1 applies.
  StreamReport report_;
  std::string current_input_;
  std::ofstream explain_;
  std::unique_ptr<AtomicOutputFile> rejects_;
  std::unique_ptr<CompressedOutput> compressed_;  // -o FILE.gz / FILE.zst.
  std::unique_ptr<Progress> progress_;
  bool failed_ = false;
};

Status Job::CleanOne(const std::string& path, std::istream& in, std::ostream& out) {
  current_input_ = path == "-" ? "stdin" : path;
  StreamReport report;
  DiagnosticSink diag = [this](const Diagnostic& d) {
    if (d.warning && o_.quiet) return;
    err_ << spec_.name << ": " << d.ToString() << "\n";
  };
  Status status = parallel_ ? parallel_->Clean(current_input_, in, out, o_.stream, &report, diag)
                            : CleanStream(current_input_, in, out, pipeline_.get(), o_.stream,
                                          &report, diag);
  report_.Merge(report);
  if (status.ok() && report.bad_records > 0) {
    return DataError(std::to_string(report.bad_records) + " document(s) failed");
  }
  return status;
}

Status Job::CleanInput(const std::string& path, DecompressedInput* input, std::ostream& out) {
  Status s = CleanOne(path, input->stream(), out);
  if (!input->status().ok()) return input->status();  // Why reading stopped.
  return s;
}

void Job::ProcessInput(const std::string& path, std::ostream* shared_out,
                       const std::string& target_path) {
  std::ifstream file;
  std::istream* raw = &in_;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) {
      Error(path + ": cannot open: " + std::strerror(errno));
      return;
    }
    raw = &file;
  }
  DecompressedInput input(*raw, path == "-" ? Compression::kNone : CompressionOf(path));
  if (target_path.empty() || o_.stream.check) {
    Status s = CleanInput(path, &input, *shared_out);
    if (!s.ok()) Error(Describe(s));
    return;
  }
  std::error_code ec;
  auto parent = std::filesystem::path(target_path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  auto target = AtomicOutputFile::Create(target_path);
  if (!target.ok()) {
    Error(target.status().message());
    return;
  }
  CompressedOutput output((*target)->stream(), CompressionOf(target_path));
  Status s = CleanInput(path, &input, output.stream());
  if (s.ok()) s = output.Finish();
  if (!s.ok()) {
    Error(Describe(s) + " (left unchanged)");
    return;  // The destructor removes the temp file.
  }
  s = (*target)->Commit(o_.in_place ? o_.backup : "");
  if (!s.ok()) Error(s.message() + " (left unchanged)");
}

// Removes temp files that a killed run left for `target`
// (".<name>.zhclean-XXXXXX", see AtomicOutputFile).
void RemoveStaleTemps(const std::string& target) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p(target);
  std::string prefix = "." + p.filename().string() + ".zhclean-";
  fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) fs::remove(entry.path(), ec);
  }
}

std::vector<Job::Input> Job::PlanInputs() {
  namespace fs = std::filesystem;
  std::vector<Input> plan;
  for (const std::string& arg : o_.inputs) {
    auto expanded = ExpandInputs({arg}, o_.recursive);
    if (!expanded.ok()) {
      Error(expanded.status().message());
      continue;
    }
    std::error_code ec;
    bool from_directory = fs::is_directory(arg, ec);
    for (const std::string& path : *expanded) {
      std::string target;
      if (o_.in_place) {
        target = path;
      } else if (o_.mirror) {
        if (path == "-") {
          Error("standard input cannot go to the output directory " + o_.output);
          continue;
        }
        fs::path rel = from_directory ? fs::relative(path, arg, ec) : fs::path(path).filename();
        target = (fs::path(o_.output) / rel).string();
        if (o_.skip_existing && fs::exists(target, ec)) continue;
        if (o_.skip_existing) RemoveStaleTemps(target);
      }
      plan.push_back({path, target});
    }
  }
  return plan;
}

Status Job::OpenRejects() {
  if (o_.rejects.empty() || o_.stream.check) return OkStatus();
  ZHCLEAN_ASSIGN_OR_RETURN(rejects_, AtomicOutputFile::Create(o_.rejects));
  o_.stream.rejects = [this](const RejectedDocument& doc) {
    rejects_->stream() << RejectJson(current_input_, doc);
  };
  return OkStatus();
}

void Job::CloseOutputs(AtomicOutputFile* output) {
  if (output && compressed_ && !failed_) {
    if (Status s = compressed_->Finish(); !s.ok()) Error(o_.output + ": " + s.message());
  }
  if (output) {
    if (failed_) {
      output->Discard();
      err_ << spec_.name << ": " << o_.output << ": not written because of errors\n";
      if (rejects_) rejects_->Discard();
    } else if (Status s = output->Commit(); !s.ok()) {
      Error(s.message());
    }
  } else if (!o_.stream.check && !out_.flush()) {
    Error(std::string("standard output: write failed: ") + std::strerror(errno));
  }
  if (rejects_ && !(output && failed_)) {
    if (Status s = rejects_->Commit(); !s.ok()) Error(s.message());
  }
}

void Job::PrintStats(double seconds) {
  std::vector<const Pipeline*> pipelines{pipeline_.get()};
  if (parallel_) pipelines = parallel_->pipelines();
  std::string json = StatsJson(spec_.name, report_, pipelines, seconds) + "\n";
  if (o_.stats_file.empty()) {
    err_ << json;
    return;
  }
  std::ofstream f(o_.stats_file, std::ios::binary);
  f << json;
  if (!f.flush()) Error(o_.stats_file + ": cannot write statistics");
}

int Job::BuildPipelines(const po::variables_map& vm, const EditSink* sink) {
  bool records = !WholeFileDocuments(vm);
  Status status;
  if (o_.jobs > 1 && records) {  // Only the workers' pipelines are built.
    auto parallel = ParallelCleaner::Create(
        [this, &vm](const EditSink* s) { return spec_.build(vm, s); }, o_.jobs, sink);
    status = parallel.status();
    if (parallel.ok()) parallel_ = std::move(*parallel);
  } else {
    auto pipeline = spec_.build(vm, sink);
    status = pipeline.status();
    if (pipeline.ok()) pipeline_ = std::move(*pipeline);
  }
  if (status.ok()) return -1;
  if (status.code() == StatusCode::kInvalidArgument || status.code() == StatusCode::kNotFound) {
    return UsageError(spec_, status.message(), err_);
  }
  Error(status.message());
  return kExitFailure;
}

int Job::Run(const po::variables_map& vm) {
  auto start = std::chrono::steady_clock::now();
  EditSink sink;
  if (!o_.explain.empty()) {
    explain_.open(o_.explain, std::ios::binary);
    if (!explain_) return UsageError(spec_, o_.explain + ": cannot open: " + std::strerror(errno), err_);
    sink = [this](const Edit& e) { explain_ << EditJson(current_input_, e); };
  }
  if (int rc = BuildPipelines(vm, sink ? &sink : nullptr); rc >= 0) return rc;
  if (Status s = OpenRejects(); !s.ok()) {
    Error(s.message());
    return kExitFailure;
  }
  std::unique_ptr<AtomicOutputFile> output;
  if (!o_.output.empty() && !o_.mirror && !o_.stream.check) {
    auto created = AtomicOutputFile::Create(o_.output);
    if (!created.ok()) {
      Error(created.status().message());
      return kExitFailure;
    }
    output = std::move(*created);
  }
  if (output) {
    compressed_ = std::make_unique<CompressedOutput>(output->stream(), CompressionOf(o_.output));
  }
  std::ostream* shared_out = output ? &compressed_->stream() : &out_;
  if (o_.mirror) shared_out = nullptr;
  std::vector<Input> plan = PlanInputs();
  if (o_.progress) {
    // An ETA needs the total of the bytes the driver will count: unknown
    // for standard input and for compressed files (it counts them
    // decompressed), so any such input leaves the ETA out.
    uint64_t total = 0;
    for (const Input& input : plan) {
      std::error_code ec;
      if (input.path == "-" || CompressionOf(input.path) != Compression::kNone) {
        total = 0;
        break;
      }
      total += std::filesystem::file_size(input.path, ec);
    }
    progress_ = std::make_unique<Progress>(spec_.name, err_, total);
    o_.stream.progress = [this](uint64_t bytes, uint64_t docs) { progress_->Add(bytes, docs); };
  }
  for (const Input& input : plan) ProcessInput(input.path, shared_out, input.target);
  if (progress_) progress_->Finish();
  CloseOutputs(output.get());
  if (explain_.is_open() && !explain_.flush()) Error(o_.explain + ": write failed");
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  if (o_.stats) PrintStats(elapsed.count());
  if (failed_) return kExitFailure;
  if (o_.stream.check && report_.changed_documents > 0) return kExitWouldChange;
  return kExitOk;
}

}  // namespace

int RunTool(const ToolSpec& spec, const std::vector<std::string>& args,
            std::istream& in, std::ostream& out, std::ostream& err) {
  po::options_description visible("Options");
  if (spec.add_options) spec.add_options(&visible);
  AddCommonOptions(spec, &visible);
  if (spec.config_file) {
    visible.add_options()("config", po::value<std::string>()->value_name("FILE"),
                          "Read options from FILE: one 'name = value' per line, "
                          "'[step]' sections for step options; the command line wins.");
  }
  po::options_description all;
  all.add(visible).add(HiddenOptions());
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (spec.config_file && vm.count("config")) {
      std::string path = vm["config"].as<std::string>();
      std::ifstream file(path);
      if (!file) return UsageError(spec, path + ": cannot read config file", err);
      try {
        po::store(po::parse_config_file(file, all), vm);
      } catch (const po::error& e) {
        return UsageError(spec, path + ": " + e.what(), err);
      }
    }
    po::notify(vm);
  } catch (const po::error& e) {
    return UsageError(spec, e.what(), err);
  }
  if (vm.count("help")) {
    PrintHelp(spec, visible, out);
    return out.flush() ? kExitOk : kExitFailure;
  }
  if (vm.count("version")) {
    out << spec.name << " (zhclean) " << ZHCLEAN_VERSION << "\n";
    return out.flush() ? kExitOk : kExitFailure;
  }
  CommonOptions options;
  if (Status s = Validate(vm, &options); !s.ok()) return UsageError(spec, s.message(), err);
  if (spec.early) {
    int rc = spec.early(vm, out, err);
    if (rc >= 0) return rc;
  }
  try {
    Job job(spec, options, in, out, err);
    return job.Run(vm);
  } catch (const std::exception& e) {
    err << spec.name << ": internal error: " << e.what() << "\n";
    return kExitFailure;
  }
}

int SubcommandUsageError(const std::string& command, const std::string& message,
                         std::ostream& err) {
  err << command << ": " << message << "\n"
      << "Try '" << command << " --help' for more information.\n";
  return kExitUsage;
}

bool ParseSubcommandArgs(const std::string& command, const std::vector<std::string>& args,
                         const po::options_description& visible, const char* positional,
                         po::variables_map* vm, std::ostream& err) {
  po::options_description all;
  all.add(visible).add_options()(positional, po::value<std::vector<std::string>>(), "");
  po::positional_options_description positional_description;
  positional_description.add(positional, -1);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional_description).run(),
              *vm);
    po::notify(*vm);
  } catch (const po::error& e) {
    SubcommandUsageError(command, e.what(), err);
    return false;
  }
  return true;
}

int Main(int argc, char** argv, RunFn run) {
  std::signal(SIGXFSZ, SIG_IGN);
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  return run(args, std::cin, std::cout, std::cerr);
}

}  // namespace zhclean::cli
