#ifndef ZHCLEAN_TOOLS_ZH_STRIP_ZH_STRIP_H_
#define ZHCLEAN_TOOLS_ZH_STRIP_ZH_STRIP_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "common/cli.h"

namespace zhclean {

// The tool's flags and pipeline, also zh-clean's strip step.
cli::ToolSpec ZhStripToolSpec();

// zh-strip: removes site chrome from scraped text and HTML; `zh-strip learn`
// builds a site template table. Returns the exit code.
int RunZhStrip(const std::vector<std::string>& args, std::istream& in,
               std::ostream& out, std::ostream& err);

// `zh-strip learn [-r] -o TABLE FILE...`: counts the lines of every file
// (one document each) and writes the site template table.
int RunZhStripLearn(const std::vector<std::string>& args, std::ostream& out,
                    std::ostream& err);

}  // namespace zhclean

#endif  // ZHCLEAN_TOOLS_ZH_STRIP_ZH_STRIP_H_
