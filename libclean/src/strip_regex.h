// A compiled ICU regular expression for chrome rules, behind a header free
// of ICU (the implementation is icu_strip_regex.cc).
#ifndef ZHCLEAN_SRC_STRIP_REGEX_H_
#define ZHCLEAN_SRC_STRIP_REGEX_H_

#include <memory>
#include <string>
#include <string_view>

#include "zhclean/status.h"

namespace zhclean::internal {

// Not copyable: owns an ICU pattern and its idle matchers. Matching is
// thread-safe (each call takes a matcher from a pool).
class StripRegex {
 public:
  // Compiles `pattern` (ICU syntax). On failure returns kInvalidArgument
  // with ICU's reason and sets *error_column (1-based, in code points of
  // the pattern; 0 when unknown).
  static StatusOr<std::unique_ptr<StripRegex>> Compile(std::string_view pattern,
                                                       uint32_t* error_column);
  ~StripRegex();
  StripRegex(const StripRegex&) = delete;
  StripRegex& operator=(const StripRegex&) = delete;

  // True when the pattern matches the whole of `text` (valid UTF-8).
  bool FullMatch(std::string_view text) const;

 private:
  struct Impl;
  explicit StripRegex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_STRIP_REGEX_H_
