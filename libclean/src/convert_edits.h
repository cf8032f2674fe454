// The edit records of the convert stage: exactly those RecordDiffEdits
// (diff_edits.h) makes for the same before/after pair, found in fewer passes
// and, when no sink wants the details, counted in one EditLog::Count call
// instead of one Record call (a map lookup) per changed run.
#ifndef ZHCLEAN_SRC_CONVERT_EDITS_H_
#define ZHCLEAN_SRC_CONVERT_EDITS_H_

#include <string_view>

#include "zhclean/edit.h"

namespace zhclean::internal {

// As RecordDiffEdits(in, out, rule, reason, log): the same edits, offsets,
// order and counts.
void RecordConvertEdits(std::string_view in, std::string_view out, std::string_view rule,
                        std::string_view reason, EditLog* log);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_CONVERT_EDITS_H_
