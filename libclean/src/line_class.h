// Line features and the heuristics that score a line as chrome in context.
#ifndef ZHCLEAN_SRC_LINE_CLASS_H_
#define ZHCLEAN_SRC_LINE_CLASS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace zhclean::internal {

// Shape of one line, computed once.
struct LineFeatures {
  uint32_t length = 0;        // Code points of the trimmed line.
  uint32_t han = 0;           // CJK ideographs.
  uint32_t digits = 0;        // ASCII and full-width digits.
  uint32_t latin = 0;         // ASCII and full-width letters.
  uint32_t sentence_punct = 0;  // ，。！？；、,;!? and the like.
  bool ends_sentence = false;   // Ends in 。！？!?…” or similar.
  bool bullet = false;          // Starts with •·●▪■◆►>-* and the like.
  bool heading = false;         // 一、… (一)… 第…章 …篇N, (完): article structure.
};

// Removes leading and trailing ASCII space, TAB, CR, U+3000 and U+00A0.
std::string_view TrimLine(std::string_view line);

// Computes the features of a trimmed line (valid UTF-8).
LineFeatures AnalyzeLine(std::string_view trimmed);

// A line that is certainly article text: long and sentence-like. Such a
// line fixes the head and tail zones and is never removed by a prefix or
// regex rule nor by a heuristic.
bool IsBodyLine(const LineFeatures& f);

// A short line without sentence punctuation: a link, a menu entry, a label.
bool IsLinkLike(const LineFeatures& f);

// A line made mostly of digits and Latin letters with no Han, such as a
// counter, a timestamp or a stray attribute ("size=20", "2020-07-30 21").
bool IsDigitLatinNoise(const LineFeatures& f);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_LINE_CLASS_H_
