#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include "strip_regex.h"

namespace zhclean::internal {

struct StripRegex::Impl {
  std::unique_ptr<icu::RegexPattern> pattern;
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
  std::unique_ptr<icu::RegexMatcher> matcher(impl_->pattern->matcher(status));
  bool matched = false;
  if (U_SUCCESS(status)) {
    matcher->reset(utext);
    matched = matcher->matches(status);
    if (U_FAILURE(status)) matched = false;
  }
  utext_close(utext);
  return matched;
}

}  // namespace zhclean::internal
