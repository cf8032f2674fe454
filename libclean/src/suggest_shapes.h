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

// How strong the shape evidence of an OCR confusion is: 0 none (or script
// variants), 1 weak (same radical, or two of four four-corner digits),
// 2 strong (three four-corner digits, or Cangjie codes one part apart),
// 3 very strong (the same Cangjie code, or a known confusable pair).
int OcrConfusionStrength(char32_t a, char32_t b);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_SUGGEST_SHAPES_H_
