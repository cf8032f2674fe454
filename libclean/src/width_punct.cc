// "punct-width": half-width punctuation between Han characters -> the
// full-width form. Precision first: both sides must be Han (looking through
// closing marks on the left and opening marks on the right), so `1,000`,
// `3.5`, `http://a.b` and Latin sentences never qualify.
#include <algorithm>

#include "width.h"

namespace zhclean::internal {

namespace {

bool IsClosingMark(char32_t c) {
  switch (c) {
    case 0x201D:
    case 0x2019:
    case 0x300D:
    case 0x300F:
    case 0x300B:
    case 0x3009:
    case 0x3011:
    case 0x3015:
    case 0x3017:
    case 0xFF09:
    case 0xFF3D:
    case 0xFF5D:
    case ')':
      return true;
    default:
      return false;
  }
}

bool IsOpeningMark(char32_t c) {
  switch (c) {
    case 0x201C:
    case 0x2018:
    case 0x300C:
    case 0x300E:
    case 0x300A:
    case 0x3008:
    case 0x3010:
    case 0x3014:
    case 0x3016:
    case 0xFF08:
    case 0xFF3B:
    case 0xFF5B:
    case '(':
      return true;
    default:
      return false;
  }
}

// The code point before `pos`, looking through closing marks; 0 at the
// line start. Sets *at to where it starts.
char32_t LeftContext(std::string_view line, size_t pos, size_t* at = nullptr) {
  while (pos > 0) {
    size_t start;
    char32_t c = CodePointBefore(line, pos, &start);
    if (at != nullptr) *at = start;
    if (!IsClosingMark(c)) return c;
    pos = start;
  }
  return 0;
}

// The code point at `pos`, looking through opening marks; 0 at the end.
// Sets *at to where it starts.
char32_t RightContext(std::string_view line, size_t pos, size_t* at = nullptr) {
  while (pos < line.size()) {
    size_t len;
    char32_t c = CodePointAt(line, pos, &len);
    if (at != nullptr) *at = pos;
    if (c == '\n' || c == '\r') return 0;
    if (!IsOpeningMark(c)) return c;
    pos += len;
  }
  return 0;
}

bool IsHanLike(char32_t c) { return IsHan(c) || IsRadicalOrCompat(c); }

bool IsNumberChar(char c) {
  return (c >= '0' && c <= '9') || c == '.' || c == '%';
}

enum class Side { kHan, kNumber, kEnd, kOther };

// What precedes `pos`: Han, a number written right after Han (`增长9%`),
// or something else.
Side LeftSide(std::string_view line, size_t pos) {
  size_t at = 0;
  char32_t c = LeftContext(line, pos, &at);
  if (IsHanLike(c)) return Side::kHan;
  if (c == 0 || c >= 0x80 || !IsNumberChar(static_cast<char>(c)))
    return Side::kOther;
  while (at > 0 && IsNumberChar(line[at - 1])) --at;
  return at > 0 && IsHanLike(CodePointBefore(line, at, &at)) ? Side::kNumber
                                                             : Side::kOther;
}

// What follows `pos`: Han, a number followed by Han (`3亿`), the line end,
// or something else.
Side RightSide(std::string_view line, size_t pos) {
  size_t at = pos;
  char32_t c = RightContext(line, pos, &at);
  if (c == 0) return Side::kEnd;
  if (IsHanLike(c)) return Side::kHan;
  if (c >= 0x80 || !IsNumberChar(static_cast<char>(c))) return Side::kOther;
  while (at < line.size() && IsNumberChar(line[at])) ++at;
  size_t len;
  return at < line.size() && IsHanLike(CodePointAt(line, at, &len))
             ? Side::kNumber
             : Side::kOther;
}

// `,` `:` `;` in Han text: Han on one side, and Han, a number next to Han
// or the line end on the other; never a number on both sides (`共1,000人`).
bool InHanText(std::string_view line, size_t pos) {
  Side left = LeftSide(line, pos);
  Side right = RightSide(line, pos + 1);
  if (left == Side::kHan) return right != Side::kOther;
  return left == Side::kNumber && right == Side::kHan;
}

// Right after a `!`/`?` run: the end of the line or a closing quote also
// ends a Chinese sentence.
bool EndsSentence(std::string_view line, size_t pos) {
  if (pos >= line.size() || line[pos] == '\n' || line[pos] == '\r') return true;
  size_t len;
  char32_t c = CodePointAt(line, pos, &len);
  return c == 0x201D || c == 0x2019 || c == 0x300D || c == 0x300F;
}

// A `?` before more Han text may be a lost character (`中?文`); it is a
// question mark only after a question particle or in a sentence with a
// question word.
bool LooksLikeQuestion(std::string_view line, size_t pos) {
  static const char* const kParticles[] = {"吗", "嗎", "呢", "吧", "么",
                                           "麼", "啊", "呀", "乎"};
  for (const char* p : kParticles) {
    if (pos >= 3 && line.compare(pos - 3, 3, p) == 0) return true;
  }
  size_t begin = pos;
  while (begin > 0 && line[begin - 1] != '.' && line[begin - 1] != '!' &&
         line[begin - 1] != '?' && line[begin - 1] != '\n') {
    --begin;
  }
  std::string_view sentence = line.substr(begin, pos - begin);
  for (const char* stop : {"。", "！", "？"}) {
    size_t end = sentence.rfind(stop);
    if (end != std::string_view::npos) sentence.remove_prefix(end + 3);
  }
  static const char* const kWords[] = {
      "什么", "什麼", "怎",   "哪",   "谁", "誰", "为何", "為何", "几",  "幾",
      "多少", "是否", "难道", "難道", "岂", "豈", "如何", "何时", "何時"};
  for (const char* w : kWords) {
    if (sentence.find(w) != std::string_view::npos) return true;
  }
  return false;
}

const char* FullWidth(char c) {
  switch (c) {
    case ',':
      return "，";
    case ':':
      return "：";
    case ';':
      return "；";
    case '!':
      return "！";
    case '?':
      return "？";
    case '(':
      return "（";
    default:
      return "）";
  }
}

void AddWidthEdit(size_t pos, char c, PassEdits* edits) {
  edits->push_back({pos, 1, FullWidth(c),
                    "half-width punctuation in Han text -> full-width"});
}

// `!`/`?` runs at `i`; returns the end of the run.
size_t HandleMarks(std::string_view line, size_t i, PassEdits* edits) {
  size_t end = i;
  while (end < line.size() && (line[end] == '!' || line[end] == '?')) ++end;
  if (!IsHanLike(LeftContext(line, i))) return end;
  bool han_right = IsHanLike(RightContext(line, end));
  if (!han_right && !EndsSentence(line, end)) return end;
  bool has_question =
      line.substr(i, end - i).find('?') != std::string_view::npos;
  if (has_question && han_right && !LooksLikeQuestion(line, i)) return end;
  for (size_t k = i; k < end; ++k) AddWidthEdit(k, line[k], edits);
  return end;
}

// Context that lets a parenthesis pair be converted: the line edge, Han,
// CJK punctuation, or the half-width punctuation this pass may convert (so
// the verdict is the same before and after the conversion).
bool ParenContext(char32_t c) {
  return c == 0 || IsHanLike(c) || IsCjkPunct(c) || c == ',' || c == ':' ||
         c == ';' || c == '!' || c == '?';
}

// The next parenthesis of either width (or '\n') at or after `pos`.
size_t NextParen(std::string_view line, size_t pos) {
  for (size_t i = line.find_first_of("()\n\xEF", pos);
       i != std::string_view::npos; i = line.find_first_of("()\n\xEF", i + 1)) {
    if (line[i] != '\xEF' || line.compare(i, 3, "（") == 0 ||
        line.compare(i, 3, "）") == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

// A `(...)` pair with Han inside and Han text around it, on a line that
// already uses full-width parentheses.
void HandleParens(std::string_view line, PassEdits* edits) {
  if (line.find("（") == std::string_view::npos &&
      line.find("）") == std::string_view::npos) {
    return;
  }
  for (size_t open = line.find('('); open != std::string_view::npos;
       open = line.find('(', open + 1)) {
    size_t close = NextParen(line, open + 1);
    if (close == std::string_view::npos || line[close] != ')') continue;
    bool han_inside = false;
    for (size_t k = open + 1; k < close;) {
      size_t len;
      han_inside |= IsHanLike(CodePointAt(line, k, &len));
      k += len;
    }
    if (!han_inside || !ParenContext(LeftContext(line, open)) ||
        !ParenContext(RightContext(line, close + 1))) {
      continue;
    }
    AddWidthEdit(open, '(', edits);
    AddWidthEdit(close, ')', edits);
  }
}

}  // namespace

void FindPunctWidthEdits(std::string_view line, PassEdits* edits) {
  PassEdits found;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '!' || c == '?') {
      i = HandleMarks(line, i, &found) - 1;
    } else if ((c == ',' || c == ':' || c == ';') && InHanText(line, i)) {
      AddWidthEdit(i, c, &found);
    }
  }
  HandleParens(line, &found);
  std::sort(
      found.begin(), found.end(),
      [](const PassEdit& a, const PassEdit& b) { return a.offset < b.offset; });
  for (PassEdit& e : found) edits->push_back(std::move(e));
}

}  // namespace zhclean::internal
