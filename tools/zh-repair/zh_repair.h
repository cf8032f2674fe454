#ifndef ZHCLEAN_TOOLS_ZH_REPAIR_ZH_REPAIR_H_
#define ZHCLEAN_TOOLS_ZH_REPAIR_ZH_REPAIR_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "common/cli.h"

namespace zhclean {

// The tool's flags and pipeline, also zh-clean's repair step (which leaves
// out --detect, the one flag that reads standard input itself).
cli::ToolSpec ZhRepairToolSpec();

// zh-repair: any bytes in, correct UTF-8 out. Returns the exit code.
int RunZhRepair(const std::vector<std::string>& args, std::istream& in,
                std::ostream& out, std::ostream& err);

}  // namespace zhclean

#endif  // ZHCLEAN_TOOLS_ZH_REPAIR_ZH_REPAIR_H_
