#include "suggest_shapes.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "utf8.h"

namespace zhclean::internal {

namespace {

// Pairs that OCR confuses although their Unihan data differ (no shared
// radical, corner or Cangjie code): each string is a group.
constexpr std::u32string_view kConfusableGroups[] = {
    U"己已巳", U"未末", U"人入八", U"土士", U"日曰", U"戊戌戍", U"干千于",
    U"天夭", U"中巾", U"成咸", U"股殷", U"太大犬", U"刀力", U"王玉主",
    U"田由甲申", U"贝见", U"儿几", U"免兔", U"鸟乌", U"竞党", U"杜社",
};

bool InSameGroup(char32_t a, char32_t b) {
  for (std::u32string_view g : kConfusableGroups) {
    if (g.find(a) != g.npos && g.find(b) != g.npos) return true;
  }
  return false;
}

int CornerMatches(uint16_t a, uint16_t b) {
  if (a == 65535 || b == 65535) return 0;
  int n = 0;
  for (int i = 0; i < 4; ++i, a /= 10, b /= 10) n += a % 10 == b % 10;
  return n;
}

// Cangjie codes at edit distance <= 1 (one part added, dropped or changed).
bool CangjieNear(const char* a, const char* b) {
  std::string_view x(a), y(b);
  if (x.empty() || y.empty()) return false;
  if (x.size() > y.size()) std::swap(x, y);
  if (y.size() - x.size() > 1) return false;
  size_t i = 0;
  while (i < x.size() && x[i] == y[i]) ++i;
  if (i == y.size()) return true;  // Same code.
  if (x.size() == y.size()) return x.substr(i + 1) == y.substr(i + 1);
  return x.substr(i) == y.substr(i + 1);
}

}  // namespace

const CharShape* FindCharShape(char32_t cp) {
  const CharShape* end = kCharShapes + kCharShapeCount;
  const CharShape* it = std::lower_bound(
      kCharShapes, end, cp,
      [](const CharShape& s, char32_t c) { return s.code_point < c; });
  return it != end && it->code_point == cp ? it : nullptr;
}

bool OcrConfusable(char32_t a, char32_t b, std::string* why) {
  if (a == b) return false;
  if (InSameGroup(a, b)) {
    *why = "known confusable";
    return true;
  }
  const CharShape* x = FindCharShape(a);
  const CharShape* y = FindCharShape(b);
  if (x == nullptr || y == nullptr) return false;
  if (x->simplified == b || y->simplified == a || x->simplified == y->simplified) return false;
  if (x->radical != 0 && x->radical == y->radical &&
      std::abs(int{x->residual} - int{y->residual}) <= 3) {
    *why = "same radical " + std::to_string(x->radical);
    return true;
  }
  if (CornerMatches(x->four_corner, y->four_corner) >= 2) {
    *why = "four-corner " + std::to_string(x->four_corner) + "~" +
           std::to_string(y->four_corner);
    return true;
  }
  if (CangjieNear(x->cangjie, y->cangjie)) {
    *why = std::string("Cangjie ") + x->cangjie + "~" + y->cangjie;
    return true;
  }
  return false;
}

int OcrConfusionStrength(char32_t a, char32_t b) {
  if (a == b) return 0;
  if (InSameGroup(a, b)) return 3;
  const CharShape* x = FindCharShape(a);
  const CharShape* y = FindCharShape(b);
  if (x == nullptr || y == nullptr) return 0;
  if (x->simplified == b || y->simplified == a || x->simplified == y->simplified) return 0;
  int strength = 0;
  if (x->radical != 0 && x->radical == y->radical &&
      std::abs(int{x->residual} - int{y->residual}) <= 3) {
    strength = 1;
  }
  int corners = CornerMatches(x->four_corner, y->four_corner);
  if (corners >= 2) strength = std::max(strength, corners >= 3 ? 2 : 1);
  if (CangjieNear(x->cangjie, y->cangjie)) {
    strength = std::max(strength, std::string_view(x->cangjie) == y->cangjie ? 3 : 2);
  }
  return strength;
}

}  // namespace zhclean::internal
