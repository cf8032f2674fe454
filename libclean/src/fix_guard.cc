// Context guards of zh-fix rules.
#include <algorithm>

#include "fix_rules.h"
#include "utf8.h"

namespace zhclean::internal {

namespace {

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x3134F) || (c >= 0xF900 && c <= 0xFAFF);
}

bool IsPunct(char32_t c) {
  if (c < 0x80) return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
                       (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFF20) || (c >= 0x2010 && c <= 0x2027) ||
         c == 0xFF5B || c == 0xFF5D || c == 0xFF5E || c == 0xFF3B || c == 0xFF3D;
}

bool IsDigit(char32_t c) {
  static constexpr std::u32string_view kHanDigits = U"〇零一二三四五六七八九十百千万亿两";
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) ||
         kHanDigits.find(c) != std::u32string_view::npos;
}

bool InClass(CharClass cls, char32_t c) {
  switch (cls) {
    case CharClass::kHan: return IsHan(c);
    case CharClass::kPunct: return IsPunct(c);
    case CharClass::kDigit: return IsDigit(c);
    case CharClass::kLatin: return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    case CharClass::kEdge: return false;
  }
  return false;
}

// Code point just before byte `pos` (valid UTF-8, pos > 0).
char32_t PreviousCodePoint(std::string_view text, size_t pos) {
  size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return NextCodePoint(text, &start);
}

bool AltHolds(const ContextAlt& alt, bool after, std::string_view text, size_t begin,
              size_t end) {
  bool at_edge = after ? end >= text.size() : begin == 0;
  if (alt.kind == ContextAlt::Kind::kText) {
    if (after) return text.substr(end).rfind(alt.text, 0) == 0;
    return begin >= alt.text.size() &&
           text.substr(begin - alt.text.size(), alt.text.size()) == alt.text;
  }
  if (alt.kind == ContextAlt::Kind::kClass && alt.cls == CharClass::kEdge) return at_edge;
  if (at_edge) return false;
  size_t i = end;
  // A line break ends the paragraph for guard purposes.
  char32_t c = after ? NextCodePoint(text, &i) : PreviousCodePoint(text, begin);
  if (c == '\n' || c == '\r') return false;
  if (alt.kind == ContextAlt::Kind::kSet) return alt.set.find(c) != std::u32string::npos;
  return InClass(alt.cls, c);
}

}  // namespace

bool GuardsHold(const FixRule& rule, std::string_view text, size_t begin, size_t end) {
  for (const Guard& guard : rule.guards) {
    bool any = std::any_of(guard.alts.begin(), guard.alts.end(), [&](const ContextAlt& alt) {
      return AltHolds(alt, guard.after, text, begin, end);
    });
    if (any == guard.negate) return false;
  }
  return true;
}

}  // namespace zhclean::internal
