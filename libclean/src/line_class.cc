#include "line_class.h"

#include "utf8.h"

namespace zhclean::internal {

namespace {

bool IsSpaceAt(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\r') {
    *len = 1;
    return true;
  }
  if (s.compare(i, 3, "\u3000") == 0) {
    *len = 3;
    return true;
  }
  if (s.compare(i, 2, "\u00A0") == 0) {
    *len = 2;
    return true;
  }
  return false;
}

bool IsSpaceBefore(std::string_view s, size_t end, size_t* len) {
  if (end >= 1 && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r')) {
    *len = 1;
    return true;
  }
  if (end >= 3 && s.compare(end - 3, 3, "\u3000") == 0) {
    *len = 3;
    return true;
  }
  if (end >= 2 && s.compare(end - 2, 2, "\u00A0") == 0) {
    *len = 2;
    return true;
  }
  return false;
}

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2FFFF) || (c >= 0xF900 && c <= 0xFAFF);
}

bool IsSentencePunct(char32_t c) {
  switch (c) {
    case U'，': case U'。': case U'！': case U'？': case U'；': case U'、':
    case U',': case U';': case U'!': case U'?': case U'：': case U'…':
      return true;
    default:
      return false;
  }
}

bool IsSentenceEnd(char32_t c) {
  switch (c) {
    case U'。': case U'！': case U'？': case U'!': case U'?': case U'…':
    case U'”': case U'」': case U'.': case U'；': case U';':
      return true;
    default:
      return false;
  }
}

bool IsBulletMark(char32_t c) {
  switch (c) {
    case U'•': case U'·': case U'●': case U'▪': case U'■': case U'◆': case U'►':
    case U'▶': case U'>': case U'»': case U'*': case U'◇': case U'□': case U'○':
      return true;
    default:
      return false;
  }
}

constexpr std::u32string_view kChineseNumerals = U"一二三四五六七八九十百零〇";

// 一、… (一)… （一）… 第一… 1.… and "… 篇2".
bool LooksLikeHeading(std::string_view s) {
  size_t i = 0;
  char32_t first = NextCodePoint(s, &i);
  if (kChineseNumerals.find(first) != std::u32string_view::npos) {
    while (i < s.size()) {
      size_t j = i;
      char32_t c = NextCodePoint(s, &j);
      if (kChineseNumerals.find(c) == std::u32string_view::npos) {
        return c == U'、' || c == U'是' || c == U'要' || c == U'，';
      }
      i = j;
    }
    return false;
  }
  if (first == U'(' || first == U'（') {
    size_t j = i;
    char32_t c = NextCodePoint(s, &j);
    return kChineseNumerals.find(c) != std::u32string_view::npos;
  }
  if (first == U'第') return true;
  size_t space = s.rfind(' ');
  if (space != std::string_view::npos && s.compare(space + 1, 3, "篇") == 0) return true;
  return false;
}

// "(完)", "（全文完）", "-完-": the end mark of an article is content.
bool IsEndMark(std::string_view s) {
  for (std::string_view mark : {"完", "全文完", "本文完", "终", "待续", "未完待续"}) {
    size_t at = s.find(mark);
    if (at == std::string_view::npos) continue;
    std::string_view before = s.substr(0, at), after = s.substr(at + mark.size());
    if (before.size() <= 3 && after.size() <= 3) return true;
  }
  return false;
}

}  // namespace

std::string_view TrimLine(std::string_view line) {
  size_t begin = 0, end = line.size(), len = 0;
  while (begin < end && IsSpaceAt(line, begin, &len)) begin += len;
  while (end > begin && IsSpaceBefore(line, end, &len)) end -= len;
  return line.substr(begin, end - begin);
}

// NextCodePoint with the two common cases (ASCII, and the three-byte
// sequences of Han and CJK punctuation) decoded in line: every line of a
// document goes through AnalyzeLine.
inline char32_t DecodeAt(std::string_view s, size_t* i) {
  auto b = static_cast<unsigned char>(s[*i]);
  if (b < 0x80) {
    ++*i;
    return b;
  }
  if ((b & 0xF0) == 0xE0 && *i + 2 < s.size()) {
    char32_t c = (char32_t{b} & 0x0F) << 12 |
                 (char32_t{static_cast<unsigned char>(s[*i + 1])} & 0x3F) << 6 |
                 (char32_t{static_cast<unsigned char>(s[*i + 2])} & 0x3F);
    *i += 3;
    return c;
  }
  return NextCodePoint(s, i);
}

LineFeatures AnalyzeLine(std::string_view s) {
  LineFeatures f;
  char32_t last = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t c = DecodeAt(s, &i);
    if (f.length == 0) f.bullet = IsBulletMark(c);
    ++f.length;
    last = c;
    if (IsHan(c)) {
      ++f.han;
    } else if ((c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９')) {
      ++f.digits;
    } else if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') ||
               (c >= U'ａ' && c <= U'ｚ') || (c >= U'Ａ' && c <= U'Ｚ')) {
      ++f.latin;
    } else if (IsSentencePunct(c)) {
      ++f.sentence_punct;
    }
  }
  f.ends_sentence = last != 0 && IsSentenceEnd(last);
  f.heading = f.length > 0 && f.length <= 60 && (LooksLikeHeading(s) ||
                                                 (f.length <= 8 && IsEndMark(s)));
  return f;
}

bool IsBodyLine(const LineFeatures& f) {
  if (f.length >= 80 && f.han * 2 >= f.length) return true;
  return f.length >= 30 && f.sentence_punct >= 2 && f.han * 2 >= f.length;
}

bool IsLinkLike(const LineFeatures& f) {
  return f.length > 0 && f.length <= 16 && f.sentence_punct == 0 && !f.ends_sentence;
}

bool IsDigitLatinNoise(const LineFeatures& f) {
  return f.length > 0 && f.length <= 40 && f.han == 0 &&
         (f.digits + f.latin) * 2 >= f.length && f.digits > 0;
}

}  // namespace zhclean::internal
