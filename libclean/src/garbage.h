// Unrecoverable mojibake: long runs of rare Han characters whose GBK bytes
// all look like UTF-8 bytes (text decoded wrongly several times over and
// damaged on the way, e.g. "闂傚倸鍊搁崐鎼佸磹閹间礁").
#ifndef ZHCLEAN_SRC_GARBAGE_H_
#define ZHCLEAN_SRC_GARBAGE_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace zhclean::internal {

struct GarbageRun {
  size_t begin = 0;  // Byte range in the line.
  size_t end = 0;
};

// Shortest run reported, in characters.
constexpr size_t kMinGarbageChars = 6;

// Appends the garbage runs of one line of valid UTF-8.
void FindGarbage(std::string_view line, std::vector<GarbageRun>* runs);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_GARBAGE_H_
