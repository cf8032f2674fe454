#ifndef ZHCLEAN_TOOLS_ZH_CLEAN_ZH_CLEAN_H_
#define ZHCLEAN_TOOLS_ZH_CLEAN_ZH_CLEAN_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace zhclean {

// zh-clean: the chosen steps of zh-repair, zh-strip, zh-fix and zh-convert
// in one process over one parse. Returns the exit code.
int RunZhClean(const std::vector<std::string>& args, std::istream& in,
               std::ostream& out, std::ostream& err);

}  // namespace zhclean

#endif  // ZHCLEAN_TOOLS_ZH_CLEAN_ZH_CLEAN_H_
