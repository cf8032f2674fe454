#ifndef ZHCLEAN_TOOLS_ZH_CONVERT_ZH_CONVERT_H_
#define ZHCLEAN_TOOLS_ZH_CONVERT_ZH_CONVERT_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "common/cli.h"

namespace zhclean {

// The tool's flags and pipeline, also used as zh-clean's convert step.
cli::ToolSpec ZhConvertSpec();

// zh-convert: script conversion through OpenCC. Returns the exit code.
int RunZhConvert(const std::vector<std::string>& args, std::istream& in,
                 std::ostream& out, std::ostream& err);

}  // namespace zhclean

#endif  // ZHCLEAN_TOOLS_ZH_CONVERT_ZH_CONVERT_H_
