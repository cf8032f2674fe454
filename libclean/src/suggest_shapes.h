// Character shapes for `zh-fix suggest`: is one character a plausible OCR
// misreading of another?
#ifndef ZHCLEAN_SRC_SUGGEST_SHAPES_H_
#define ZHCLEAN_SRC_SUGGEST_SHAPES_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace zhclean::internal {

struct CharShape {
  uint32_t code_point;
  uint16_t radical;      // Kangxi radical number (kRSUnicode), 0 if unknown.
  uint16_t residual;     // Strokes outside the radical.
  uint16_t four_corner;  // kFourCornerCode's four digits, 65535 if unknown.
  char cangjie[6];       // kCangjie, "" if unknown.
  uint32_t simplified;   // kSimplifiedVariant, or the code point itself.
};

// Generated at build time (libclean/fix.cmake), sorted by code point.
extern const CharShape kCharShapes[];
extern const size_t kCharShapeCount;

// The shape of `cp`, or nullptr when the table has none.
const CharShape* FindCharShape(char32_t cp);

// True when `a` and `b` (different characters) are a plausible OCR
// confusion and not script variants of each other (權/权);
// *why then says how ("same radical 50", "four-corner
// 4690~4620", "Cangjie L~LB", "known confusable").
bool OcrConfusable(char32_t a, char32_t b, std::string* why);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_SUGGEST_SHAPES_H_
