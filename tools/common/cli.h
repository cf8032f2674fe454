// Shared command-line driver: every zhclean tool is a ToolSpec run by
// RunTool(), which owns the common flags, input and output handling, error
// printing and exit codes.
#ifndef ZHCLEAN_TOOLS_COMMON_CLI_H_
#define ZHCLEAN_TOOLS_COMMON_CLI_H_

#include <boost/program_options.hpp>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "zhclean/edit.h"
#include "zhclean/pipeline.h"
#include "zhclean/status.h"

namespace zhclean::cli {

namespace po = boost::program_options;

// Exit codes, shared by every tool and listed in --help.
enum ExitCode : int {
  kExitOk = 0,           // Success.
  kExitFailure = 1,      // Some input failed (data or I/O error).
  kExitUsage = 2,        // Bad flags or configuration.
  kExitWouldChange = 3,  // --check: some document would change.
};

using RunFn = int (*)(const std::vector<std::string>& args, std::istream& in,
                      std::ostream& out, std::ostream& err);

struct ToolSpec {
  std::string name;      // Binary name, e.g. "zh-convert".
  std::string usage;     // Usage line after the name, e.g. "-c CONFIG [FILE]...".
  std::string summary;   // One sentence on what the tool does.
  std::string examples;  // Example lines for --help.
  // Adds the tool's own flags.
  std::function<void(po::options_description*)> add_options;
  // Runs after parsing, before any input is read. Returns an exit code to
  // stop (for --list) or -1 to go on.
  std::function<int(const po::variables_map&, std::ostream& out, std::ostream& err)> early;
  // Builds the tool's pipeline; kInvalidArgument and kNotFound are usage
  // errors (exit 2), others exit 1.
  std::function<StatusOr<std::unique_ptr<Pipeline>>(const po::variables_map&,
                                                    const EditSink*)> build;
  // Adds --config FILE: further options read from FILE in
  // Boost.Program_options' config-file syntax (the command line wins).
  bool config_file = false;
  // Default of -j/--jobs; 0 means one per core.
  size_t default_jobs = 1;
  // What -j also does for a text document, a sentence for --help (empty:
  // nothing).
  std::string jobs_text;
};

// Parses `args` (without argv[0]) and runs the tool. Never throws.
int RunTool(const ToolSpec& spec, const std::vector<std::string>& args,
            std::istream& in, std::ostream& out, std::ostream& err);

// True when each input file is one document (--format text without -z):
// -j cannot spread such documents over workers, so a step may split one
// document's work between threads itself.
bool WholeFileDocuments(const po::variables_map& vm);

// For subcommands ("zh-fix suggest", "zh-strip learn"): prints
// "<command>: <message>" and the --help hint to `err`; returns kExitUsage.
int SubcommandUsageError(const std::string& command, const std::string& message,
                         std::ostream& err);

// Parses a subcommand's `args` against `visible`, collecting positional
// arguments as the option `positional`. On a bad flag reports it with
// SubcommandUsageError and returns false.
bool ParseSubcommandArgs(const std::string& command, const std::vector<std::string>& args,
                         const po::options_description& visible, const char* positional,
                         po::variables_map* vm, std::ostream& err);

// The body of every main(): sets up the process (unsynced iostreams, SIGXFSZ
// ignored so a file-size limit is a write error) and runs `run` on argv.
int Main(int argc, char** argv, RunFn run);

}  // namespace zhclean::cli

#endif  // ZHCLEAN_TOOLS_COMMON_CLI_H_
