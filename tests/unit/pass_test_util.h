// Runs one normalize pass on a line, for the pass tests (escapes, ruby,
// width): the pass's edits must be sorted and disjoint, then are applied.
#ifndef ZHCLEAN_TESTS_UNIT_PASS_TEST_UTIL_H_
#define ZHCLEAN_TESTS_UNIT_PASS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "width.h"

namespace zhclean::internal {

using PassFn = std::function<void(std::string_view, PassEdits*)>;

inline std::string RunPass(const PassFn& pass, const std::string& line) {
  PassEdits edits;
  pass(line, &edits);
  for (size_t k = 1; k < edits.size(); ++k) {
    EXPECT_LE(edits[k - 1].offset + edits[k - 1].length, edits[k].offset) << line;
  }
  std::string out;
  ApplyPassEdits(line, edits, &out);
  return out;
}

// A table row: input line and the pass's expected output.
struct PassCase {
  const char* in;
  const char* want;
};

}  // namespace zhclean::internal

#endif  // ZHCLEAN_TESTS_UNIT_PASS_TEST_UTIL_H_
