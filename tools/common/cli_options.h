// The flags every tool shares: their definitions, --help, and their
// checked values (CommonOptions) for the job that runs the tool.
#ifndef ZHCLEAN_TOOLS_COMMON_CLI_OPTIONS_H_
#define ZHCLEAN_TOOLS_COMMON_CLI_OPTIONS_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "cli.h"
#include "zhclean/stream.h"

namespace zhclean::cli {

struct CommonOptions {
  std::vector<std::string> inputs;
  std::string output;
  bool in_place = false;
  std::string backup;
  bool recursive = false;
  StreamOptions stream;
  std::string explain;
  std::string rejects;     // --rejects FILE; empty: none.
  bool stats = false;
  std::string stats_file;  // Empty: stderr.
  bool quiet = false;
  size_t jobs = 1;
  bool mirror = false;         // -o names a directory: one output per input.
  bool skip_existing = false;  // With a mirrored -o: keep finished outputs.
  bool progress = false;
};

// Adds the common flags (-j, -o, -i, --format, --explain, ...) to *d.
void AddCommonOptions(const ToolSpec& spec, po::options_description* d);
// Flags not shown in --help: the positional inputs, --chunk-size.
po::options_description HiddenOptions();
void PrintHelp(const ToolSpec& spec, const po::options_description& visible, std::ostream& out);
// Fills *o from the parsed flags; an error is a usage error.
Status Validate(const po::variables_map& vm, CommonOptions* o);
// Prints "<tool>: message" and the --help hint; returns kExitUsage.
int UsageError(const ToolSpec& spec, const std::string& message, std::ostream& err);

}  // namespace zhclean::cli

#endif  // ZHCLEAN_TOOLS_COMMON_CLI_OPTIONS_H_
