// Turns a before/after pair into Edit records, for stages whose backend
// (OpenCC, an ICU transform) reports no positions of its own.
#ifndef ZHCLEAN_SRC_DIFF_EDITS_H_
#define ZHCLEAN_SRC_DIFF_EDITS_H_

#include <string_view>

#include "zhclean/edit.h"

namespace zhclean::internal {

// Records the differences between `in` and `out` (both valid UTF-8) in
// *log. Lines are aligned by '\n'; within a line of unchanged code-point
// count each run of changed characters is one edit; otherwise the line's
// changed middle is one edit. Offsets are log->chunk_base() + position in
// `in`. Does nothing when in == out.
void RecordDiffEdits(std::string_view in, std::string_view out,
                     std::string_view rule, std::string_view reason,
                     EditLog* log);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_DIFF_EDITS_H_
