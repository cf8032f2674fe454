#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>

#include "common/cli.h"
#include "zh_strip.h"
#include "zhclean/file_io.h"
#include "zhclean/strip.h"

namespace zhclean {

namespace {

namespace po = cli::po;

int LearnUsage(const std::string& message, std::ostream& err) {
  return cli::SubcommandUsageError("zh-strip learn", message, err);
}

po::options_description LearnOptions() {
  po::options_description d("Options");
  d.add_options()
    ("help,h", "Print this help and exit.")
    ("output,o", po::value<std::string>()->value_name("TABLE"),
     "Write the template table to TABLE (created atomically).")
    ("recursive,r", po::bool_switch(), "Read every file under directory inputs.")
    ("max-entries", po::value<size_t>()->default_value(size_t{1} << 22)->value_name("N"),
     "Line hashes kept in memory (16 bytes each); rarer ones are dropped first.")
    ("quiet,q", po::bool_switch(), "Do not print the summary.");
  return d;
}

// Adds every input to *t; returns false after reporting a failed input.
bool LearnInputs(const std::vector<std::string>& paths, SiteTemplates* t, std::ostream& err) {
  bool ok = true;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      err << "zh-strip learn: " << path << ": cannot open: " << std::strerror(errno) << "\n";
      ok = false;
      continue;
    }
    Status s = t->AddStream(in);
    if (!s.ok()) {
      err << "zh-strip learn: " << path << ": " << s.message() << "\n";
      ok = false;
    }
  }
  return ok;
}

bool WriteTable(const SiteTemplates& templates, const std::string& path, std::ostream& err) {
  auto file = AtomicOutputFile::Create(path);
  if (!file.ok()) {
    err << "zh-strip learn: " << file.status().message() << "\n";
    return false;
  }
  Status s = templates.Save((*file)->stream());
  if (s.ok()) s = (*file)->Commit();
  if (!s.ok()) err << "zh-strip learn: " << path << ": " << s.message() << "\n";
  return s.ok();
}

}  // namespace

int RunZhStripLearn(const std::vector<std::string>& args, std::ostream& out,
                    std::ostream& err) {
  po::options_description visible = LearnOptions();
  po::variables_map vm;
  if (!cli::ParseSubcommandArgs("zh-strip learn", args, visible, "input", &vm, err)) {
    return cli::kExitUsage;
  }
  if (vm.count("help")) {
    out << "Usage: zh-strip learn [-r] -o TABLE FILE...\n"
        << "Count the lines that repeat across a site's documents (one per FILE) and\n"
        << "write them as a template table for 'zh-strip --templates TABLE'.\n\n"
        << visible << "\nExit status: 0 success, 1 an input failed, 2 usage error.\n";
    return out.flush() ? cli::kExitOk : cli::kExitFailure;
  }
  if (!vm.count("output")) return LearnUsage("missing -o TABLE", err);
  if (!vm.count("input")) return LearnUsage("no input files", err);
  auto paths = ExpandInputs(vm["input"].as<std::vector<std::string>>(),
                            vm["recursive"].as<bool>());
  if (!paths.ok()) return LearnUsage(paths.status().message(), err);
  for (const std::string& p : *paths) {
    if (p == "-") return LearnUsage("learn needs file inputs, not standard input", err);
  }
  SiteTemplates templates(vm["max-entries"].as<size_t>());
  bool ok = LearnInputs(*paths, &templates, err);
  if (!WriteTable(templates, vm["output"].as<std::string>(), err)) return cli::kExitFailure;
  if (!vm["quiet"].as<bool>()) {
    err << "zh-strip learn: " << templates.documents() << " documents\n";
  }
  return ok ? cli::kExitOk : cli::kExitFailure;
}

}  // namespace zhclean
