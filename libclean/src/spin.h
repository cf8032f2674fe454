// Spin detection: which paragraphs were rewritten by a synonym spinner.
//
// Each non-blank paragraph carries its length and its marker counts per
// dialect. A paragraph's window is itself plus `window` non-blank
// paragraphs each side; the window is hot for a dialect when it holds at
// least min_markers of that dialect's markers at a density of at least
// min_density per 1000 characters. A paragraph is spun when its window is
// hot and it holds a marker itself (anchored), or when its window is hot and
// anchored paragraphs lie within `window` paragraphs on both sides (headings
// and short marker-free paragraphs inside spun text).
#ifndef ZHCLEAN_SRC_SPIN_H_
#define ZHCLEAN_SRC_SPIN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "zhclean/fix.h"

namespace zhclean::internal {

struct ParagraphEvidence {
  uint64_t chars = 0;                    // Code points.
  std::vector<uint32_t> markers;         // Per dialect.
};

struct SpinVerdict {
  int dialect = -1;          // -1: not spun.
  uint32_t window_markers = 0;
  uint64_t window_chars = 0;
  double density = 0;        // Markers per 1000 characters in the window.
  bool anchored = false;     // Holds a marker itself.

  // "spun passage (dialect baidu): 14 markers in 2301 chars of 5
  // paragraphs = 6.08 per 1000, threshold 1.00"
  std::string Describe(const std::vector<std::string>& dialects,
                       const SpinOptions& options) const;
};

// Verdict for paragraph `i` of `paragraphs` (all non-blank). Looks at most
// 2 * window paragraphs each side; missing ones count as absent.
SpinVerdict JudgeParagraph(const std::vector<ParagraphEvidence>& paragraphs, size_t i,
                           const SpinOptions& options);
// The same over borrowed paragraphs (the stage judges its window in place).
SpinVerdict JudgeParagraph(const std::vector<const ParagraphEvidence*>& paragraphs, size_t i,
                           const SpinOptions& options);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_SPIN_H_
