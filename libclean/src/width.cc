#include "width.h"

#include "utf8.h"

namespace zhclean::internal {

void ApplyPassEdits(std::string_view in, const PassEdits& edits,
                    std::string* out) {
  size_t pos = 0;
  for (const PassEdit& e : edits) {
    out->append(in.substr(pos, e.offset - pos));
    out->append(e.after);
    pos = e.offset + e.length;
  }
  out->append(in.substr(pos));
}

char32_t CodePointAt(std::string_view s, size_t i, size_t* len) {
  size_t j = i;
  char32_t c = NextCodePoint(s, &j);
  *len = j - i;
  return c;
}

char32_t CodePointBefore(std::string_view s, size_t end, size_t* start) {
  size_t i = end - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  *start = i;
  size_t len;
  return CodePointAt(s, i, &len);
}

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         c == 0x3007 || (c >= 0x20000 && c <= 0x2EBEF) ||
         (c >= 0x30000 && c <= 0x323AF);
}

bool IsRadicalOrCompat(char32_t c) {
  return (c >= 0x2F00 && c <= 0x2FD5) || (c >= 0x2E80 && c <= 0x2EF3) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

bool IsCjkPunct(char32_t c) {
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
         (c >= 0xFF5B && c <= 0xFF65);
}

bool MaybeControl(char32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F ||
         (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool MaybeSpace(char32_t c) {
  return c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
         c == 0x205F;
}

bool MaybeAsciiWidth(char32_t c) {
  return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
         (c >= 0xFF41 && c <= 0xFF5A);
}

void FindCrlfEdits(std::string_view line, PassEdits* edits) {
  if (line.empty() || line.back() != '\n') return;
  size_t start = line.size() - 1;
  while (start > 0 && line[start - 1] == '\r') --start;
  if (start + 1 < line.size()) {
    edits->push_back(
        {start, line.size() - 1 - start, "", "CR LF line end -> LF"});
  }
}

namespace {

// Neighbours that make U+200C/U+200D noise rather than a joiner: ASCII,
// Han, CJK punctuation, full-width forms, radicals, spaces, or the line's
// edge (a set that later passes map into itself, so the verdict holds on a
// second run); other removable characters in between are looked through.
bool JoinerIsNoise(std::string_view line, size_t start, size_t end) {
  auto plain = [](char32_t c) {
    return c < 0x80 || IsHan(c) || IsCjkPunct(c) || IsRadicalOrCompat(c) ||
           MaybeSpace(c) || (c >= 0xFF01 && c <= 0xFF5E);
  };
  char32_t left = 0, right = 0;
  while (start > 0 &&
         (left = CodePointBefore(line, start, &start), MaybeControl(left))) {
    left = 0;
  }
  size_t len;
  while (end < line.size() &&
         (right = CodePointAt(line, end, &len), MaybeControl(right))) {
    end += len;
    right = 0;
  }
  return (left == 0 || plain(left)) && (right == 0 || plain(right));
}

const char* ControlReason(char32_t c) {
  if (c < 0x20 || c == 0x7F) return "control character removed";
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
    return "bidi embedding/override/isolate removed";
  }
  return "zero-width character removed";
}

}  // namespace

void FindControlEdits(std::string_view line, PassEdits* edits) {
  for (size_t i = 0; i < line.size();) {
    size_t len;
    char32_t c = CodePointAt(line, i, &len);
    if (MaybeControl(c) &&
        ((c != 0x200C && c != 0x200D) || JoinerIsNoise(line, i, i + len))) {
      edits->push_back({i, len, "", ControlReason(c)});
    }
    i += len;
  }
}

namespace {

// A lone full-width letter between Han characters (`将归Ｖ请`, zuozhuan.txt)
// is as likely a damaged character as a letter: it stays for zh-fix.
bool IsLoneLetterInHan(std::string_view line, size_t start, size_t end) {
  size_t len, before;
  char32_t c = CodePointAt(line, start, &len);
  if (start + len != end || (c >= 0xFF10 && c <= 0xFF19)) return false;
  return start > 0 && IsHan(CodePointBefore(line, start, &before)) &&
         end < line.size() && IsHan(CodePointAt(line, end, &len));
}

}  // namespace

void FindAsciiWidthEdits(std::string_view line, PassEdits* edits) {
  for (size_t i = 0; i < line.size();) {
    size_t len;
    char32_t c = CodePointAt(line, i, &len);
    if (!MaybeAsciiWidth(c)) {
      i += len;
      continue;
    }
    PassEdit e{i, 0, "", "full-width letter/digit -> ASCII"};
    while (i < line.size() && MaybeAsciiWidth(c = CodePointAt(line, i, &len))) {
      e.after.push_back(static_cast<char>(c - 0xFEE0));
      e.length += len;
      i += len;
    }
    if (!IsLoneLetterInHan(line, e.offset, i)) edits->push_back(std::move(e));
  }
}

namespace {

bool IsSpaceLike(char32_t c) { return c == ' ' || MaybeSpace(c); }

bool IsCjkContext(char32_t c) {
  return IsHan(c) || IsCjkPunct(c) || IsRadicalOrCompat(c);
}

}  // namespace

void FindSpaceEdits(std::string_view line, PassEdits* edits) {
  for (size_t i = 0; i < line.size();) {
    size_t len;
    char32_t c = CodePointAt(line, i, &len);
    if (!IsSpaceLike(c)) {
      i += len;
      continue;
    }
    size_t run_start = i;
    bool has_special = false;
    while (i < line.size() && IsSpaceLike(c = CodePointAt(line, i, &len))) {
      has_special |= c != ' ';
      i += len;
    }
    if (!has_special) continue;
    size_t s;
    bool cjk =
        (run_start > 0 && IsCjkContext(CodePointBefore(line, run_start, &s))) ||
        (i < line.size() && IsCjkContext(CodePointAt(line, i, &len)));
    if (!cjk) continue;
    for (size_t j = run_start; j < i;) {
      char32_t d = CodePointAt(line, j, &len);
      if (d != ' ') {
        edits->push_back(
            {j, len, " ", "no-break/typographic space next to Han -> space"});
      }
      j += len;
    }
  }
}

}  // namespace zhclean::internal
