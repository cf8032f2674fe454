#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <mutex>
#include <vector>

#include "strip_regex.h"

namespace zhclean::internal {

// Matchers are reused: making one per call (ICU allocates and clears its
// backtracking stack) cost more than most matches. A small pool serves
// concurrent callers (-j); each matcher is used by one caller at a time.
struct StripRegex::Impl {
  std::unique_ptr<icu::RegexPattern> pattern;
  std::mutex mutex;
  std::vector<std::unique_ptr<icu::RegexMatcher>> idle;

  std::unique_ptr<icu::RegexMatcher> Take() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!idle.empty()) {
        std::unique_ptr<icu::RegexMatcher> m = std::move(idle.back());
        idle.pop_back();
        return m;
      }
    }
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(pattern->matcher(status));
    if (U_FAILURE(status)) m.reset();
    return m;
  }
  void Return(std::unique_ptr<icu::RegexMatcher> m) {
    std::lock_guard<std::mutex> lock(mutex);
    idle.push_back(std::move(m));
  }
};

StripRegex::StripRegex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StripRegex::~StripRegex() = default;

StatusOr<std::unique_ptr<StripRegex>> StripRegex::Compile(std::string_view pattern,
                                                          uint32_t* error_column) {
  *error_column = 0;
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error{};
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size())));
  auto impl = std::make_unique<Impl>();
  impl->pattern.reset(icu::RegexPattern::compile(source, 0, parse_error, status));
  if (U_FAILURE(status) || impl->pattern == nullptr) {
    if (parse_error.offset >= 0) *error_column = static_cast<uint32_t>(parse_error.offset) + 1;
    return InvalidArgumentError(std::string("invalid regular expression: ") +
                                u_errorName(status));
  }
  return std::unique_ptr<StripRegex>(new StripRegex(std::move(impl)));
}

bool StripRegex::FullMatch(std::string_view text) const {
  UErrorCode status = U_ZERO_ERROR;
  UText storage = UTEXT_INITIALIZER;
  UText* utext = utext_openUTF8(&storage, text.data(),
                                static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return false;
  std::unique_ptr<icu::RegexMatcher> matcher = impl_->Take();
  bool matched = false;
  if (matcher != nullptr) {
    matcher->reset(utext);
    matched = matcher->matches(status);
    if (U_FAILURE(status)) matched = false;
    // The matcher keeps a shallow clone of `utext` (pointing into `text`);
    // it is never read again before the next reset() replaces it.
    impl_->Return(std::move(matcher));
  }
  utext_close(utext);
  return matched;
}

}  // namespace zhclean::internal
