#include "strip_title.h"

#include <cctype>
#include <string>

#include "line_class.h"

namespace zhclean::internal {

namespace {

// `text` without ASCII white space, U+3000 and U+00A0.
std::string WithoutSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') continue;
    if (text.compare(i, 3, "\xE3\x80\x80") == 0) {  // U+3000
      i += 2;
      continue;
    }
    if (text.compare(i, 2, "\xC2\xA0") == 0) {  // U+00A0
      i += 1;
      continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

// Separators between the parts of a page title.
constexpr std::string_view kSeparators[] = {
    "\xE2\x80\x94",  // — (also the first half of ——)
    "\xE2\x80\x93",  // –
    "\xC2\xB7",      // ·
    "\xC2\xBB",      // »
    "\xEF\xBD\x9C",  // ｜
    "\xEF\xBC\x8D",  // －
    "\xEF\xBC\x9A",  // ：
    "\xEF\xBC\xBF",  // ＿
    "\xE3\x80\x90",  // 【
    "\xE3\x80\x91",  // 】
    "\xE3\x80\x8A",  // 《
};

bool IsAsciiSeparator(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u < 0x80 && !(std::isalnum(u));
}

// True when a title segment may end at `pos` of `title` (its end or a
// separator follows).
bool SegmentEndsAt(std::string_view title, size_t pos) {
  if (pos == title.size() || IsAsciiSeparator(title[pos])) return true;
  for (std::string_view s : kSeparators) {
    if (title.compare(pos, s.size(), s) == 0) return true;
  }
  return false;
}

// True when a title segment may start at `pos` (its start or after a
// separator).
bool SegmentStartsAt(std::string_view title, size_t pos) {
  if (pos == 0 || IsAsciiSeparator(title[pos - 1])) return true;
  for (std::string_view s : kSeparators) {
    if (pos >= s.size() && title.compare(pos - s.size(), s.size(), s) == 0) return true;
  }
  return false;
}

bool IsTitleSegment(std::string_view part, std::string_view title) {
  if (part.empty()) return false;
  for (size_t pos = title.find(part); pos != std::string_view::npos;
       pos = title.find(part, pos + 1)) {
    if (SegmentStartsAt(title, pos) && SegmentEndsAt(title, pos + part.size())) return true;
  }
  return false;
}

}  // namespace

bool IsMarkupTitle(std::string_view line, const HtmlTitles& titles) {
  if (AnalyzeLine(line).han < kMinTitleHan) return false;
  std::string text = WithoutSpaces(line);
  for (const std::string& h : titles.headings) {
    if (WithoutSpaces(h) == text) return true;
  }
  return IsTitleSegment(text, WithoutSpaces(titles.title));
}

bool ContinuesMarkupTitle(std::string_view first, std::string_view line,
                          const HtmlTitles& titles) {
  std::string a = WithoutSpaces(first), b = WithoutSpaces(line);
  if (a == b) return true;
  return IsTitleSegment(a + b, WithoutSpaces(titles.title));
}

}  // namespace zhclean::internal
