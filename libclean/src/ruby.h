// The "ruby" pass of the normalize stage: pinyin annotations leaked from
// <ruby> markup, `網(wǎng)` -> `網`, removed only when every syllable is a
// reading of the Han character it annotates.
#ifndef ZHCLEAN_SRC_RUBY_H_
#define ZHCLEAN_SRC_RUBY_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "width.h"

namespace zhclean::internal {

// One row of the readings table generated at build time from Unihan
// (kMandarin, kHanyuPinyin, kXHC1983, kHanyuPinlu, kTGHZ2013) by
// scripts/gen_readings.py into ruby_readings_data.cc.
struct ReadingEntry {
  char32_t code_point;
  uint32_t readings;  // Offset in kReadingText of its NUL-terminated readings.
};
extern const ReadingEntry kReadingTable[];  // Sorted by code_point.
extern const size_t kReadingTableSize;
// Tone-marked, NFC, lower case, space-separated readings, one after another.
extern const char kReadingText[];

// The readings of `c` ("huì kuài kuò"), or nullptr when Unihan has none.
const char* LookupReadings(char32_t c);

// True when `syllable` (tone-marked pinyin, NFC) is a reading of `c`.
bool IsReadingOf(char32_t c, std::string_view syllable);

// Lists the annotations to drop: `(` or `（`, one to four syllables
// separated by single spaces, then `)` or `）` of the same width, right
// after as many Han characters whose readings they are, in order.
void FindRubyEdits(std::string_view line, PassEdits* edits);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_RUBY_H_
