#ifndef ZHCLEAN_TOOLS_ZH_FIX_ZH_FIX_H_
#define ZHCLEAN_TOOLS_ZH_FIX_ZH_FIX_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "common/cli.h"

namespace zhclean {

// The tool's flags and pipeline (rules load in `early`), also zh-clean's fix
// step.
cli::ToolSpec ZhFixToolSpec();

// zh-fix: guarded typo and spun-text repair; `zh-fix suggest CORPUS...`
// mines candidate typo rules. Returns the exit code.
int RunZhFix(const std::vector<std::string>& args, std::istream& in,
             std::ostream& out, std::ostream& err);

// The `suggest` subcommand (args after the word "suggest").
int RunZhFixSuggest(const std::vector<std::string>& args, std::ostream& out,
                    std::ostream& err);

}  // namespace zhclean

#endif  // ZHCLEAN_TOOLS_ZH_FIX_ZH_FIX_H_
