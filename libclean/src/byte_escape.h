// --invalid keep: invalid UTF-8 bytes carried through the stages as
// private-use code points and restored on output.
#ifndef ZHCLEAN_SRC_BYTE_ESCAPE_H_
#define ZHCLEAN_SRC_BYTE_ESCAPE_H_

#include <string>
#include <string_view>

namespace zhclean::internal {

// True when `s` must be escaped; `valid` is ValidUtf8Prefix(s).
bool NeedsEscaping(std::string_view s, size_t valid);
// Appends `in` to *out with each byte of a malformed sequence (and of a
// genuine U+10FF00..U+10FFFF character) as U+10FF00 + byte.
void EscapeInvalidBytes(std::string_view in, std::string* out);
// Turns the escapes of EscapeInvalidBytes back into bytes, in place.
void UnescapeInvalidBytes(std::string* s);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_BYTE_ESCAPE_H_
