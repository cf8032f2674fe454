#include "escapes.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "mojibake.h"
#include "utf8.h"

namespace zhclean::internal {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

// A scalar value that may appear as text: no controls but TAB, nothing the
// control pass removes, no surrogates, no noncharacters U+xxFFFE/F.
bool IsTextScalar(uint32_t c) {
  if (MaybeControl(c)) return false;  // The control pass would remove it.
  if (c < 0x20) return c == '\t';
  if (c >= 0x7F && c <= 0x9F) return false;
  if (c >= 0xD800 && c <= 0xDFFF) return false;
  if ((c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF)) return false;
  return c <= 0x10FFFF;
}

// `#digits;` or `#xhex;` at line[pos] ('#' included).
char32_t DecodeNumericRef(std::string_view line, size_t pos, size_t* end) {
  size_t i = pos + 1;
  bool hex = i < line.size() && (line[i] == 'x' || line[i] == 'X');
  if (hex) ++i;
  uint32_t value = 0;
  size_t digits = 0;
  for (; i < line.size() && digits < 8; ++i, ++digits) {
    int d = hex ? HexValue(line[i])
                : (line[i] >= '0' && line[i] <= '9' ? line[i] - '0' : -1);
    if (d < 0) break;
    value = value * (hex ? 16 : 10) + static_cast<uint32_t>(d);
  }
  if (digits == 0 || i >= line.size() || line[i] != ';') return 0;
  // As HTML does: a reference to U+0080-009F means windows-1252's
  // character for that byte (`&#150;` is "–"); the five bytes it leaves
  // undefined stay C1 controls, which are not text.
  if (value >= 0x80 && value <= 0x9F) value = SloppyCp1252Char(static_cast<unsigned char>(value));
  if (!IsTextScalar(value)) return 0;
  *end = i + 1;
  return value;
}

}  // namespace

char32_t DecodeCharRef(std::string_view line, size_t pos, size_t* end) {
  if (pos >= line.size()) return 0;
  if (line[pos] == '#') return DecodeNumericRef(line, pos, end);
  char name[33];
  size_t n = 0;
  while (pos + n < line.size() && n < 32 && IsAsciiAlnum(line[pos + n])) {
    name[n] = line[pos + n];
    ++n;
  }
  if (n == 0 || pos + n >= line.size() || line[pos + n] != ';') return 0;
  name[n] = '\0';
  const HtmlEntity* last = kHtmlEntities + kHtmlEntityCount;
  const HtmlEntity* entity = std::lower_bound(
      kHtmlEntities, last, name,
      [](const HtmlEntity& e, const char* key) { return std::strcmp(e.name, key) < 0; });
  if (entity == last || std::strcmp(entity->name, name) != 0) return 0;
  if (!IsTextScalar(entity->value)) return 0;
  *end = pos + n + 1;
  return entity->value;
}

void FindEntityEdits(std::string_view line, PassEdits* edits) {
  for (size_t amp = line.find('&'); amp != std::string_view::npos;
       amp = line.find('&', amp + 1)) {
    size_t end;
    char32_t c = DecodeCharRef(line, amp + 1, &end);
    if (c == 0) continue;
    size_t next_end;
    char32_t next;
    while (c == '&' && (next = DecodeCharRef(line, end, &next_end)) != 0) {
      c = next;  // `&amp;lt;` is a double-escaped `&lt;`.
      end = next_end;
    }
    PassEdit e{amp, end - amp, "", "HTML character reference"};
    AppendUtf8(c, &e.after);
    edits->push_back(std::move(e));
    amp = end - 1;
  }
}

namespace {

struct Escape {
  size_t offset;
  size_t length;
  char32_t value;  // 0: not decodable (control, lone surrogate).
  bool unicode;    // A \uXXXX escape (or a surrogate pair of them).
};

bool Hex4(std::string_view line, size_t pos, uint32_t* value) {
  if (pos + 4 > line.size()) return false;
  *value = 0;
  for (size_t k = 0; k < 4; ++k) {
    int d = HexValue(line[pos + k]);
    if (d < 0) return false;
    *value = *value * 16 + static_cast<uint32_t>(d);
  }
  return true;
}

// A \uXXXX escape at line[i] ('\\' at i); a high surrogate followed by an
// escaped low surrogate joins it.
Escape UnicodeEscape(std::string_view line, size_t i, uint32_t unit) {
  uint32_t low;
  if (unit >= 0xD800 && unit <= 0xDBFF && line.substr(i + 6, 2) == "\\u" &&
      Hex4(line, i + 8, &low) && low >= 0xDC00 && low <= 0xDFFF) {
    char32_t c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
    return {i, 12, IsTextScalar(c) ? c : 0, true};
  }
  return {i, 6, IsTextScalar(unit) ? unit : 0, true};
}

std::vector<Escape> ScanEscapes(std::string_view line) {
  std::vector<Escape> found;
  for (size_t i = line.find('\\');
       i != std::string_view::npos && i + 1 < line.size();
       i = line.find('\\', i)) {
    char n = line[i + 1];
    uint32_t unit;
    if (n == 'u' && Hex4(line, i + 2, &unit)) {
      found.push_back(UnicodeEscape(line, i, unit));
      i += found.back().length;
    } else {
      if (n == '"' || n == '/' || n == '\\') {
        found.push_back({i, 2, static_cast<char32_t>(n), false});
      }
      i += 2;
    }
  }
  return found;
}

bool IsCjkText(char32_t c) {
  return IsHan(c) || IsCjkPunct(c) || IsRadicalOrCompat(c) ||
         (c >= 0xFF00 && c <= 0xFFEF);
}

// Evidence that the escapes are the text: three CJK escapes, two adjacent.
bool IsEscapedBody(const std::vector<Escape>& found) {
  size_t cjk = 0;
  bool adjacent = false;
  for (size_t k = 0; k < found.size(); ++k) {
    if (!found[k].unicode || !IsCjkText(found[k].value)) continue;
    ++cjk;
    if (k > 0 && found[k - 1].unicode && IsCjkText(found[k - 1].value) &&
        found[k - 1].offset + found[k - 1].length == found[k].offset) {
      adjacent = true;
    }
  }
  return cjk >= 3 && adjacent;
}

}  // namespace

void FindJsonEscapeEdits(std::string_view line, PassEdits* edits) {
  if (line.find("\\u") == std::string_view::npos) return;
  for (size_t i = 0; i < line.size();) {  // Raw Han: escapes are a quote.
    size_t len;
    char32_t c = CodePointAt(line, i, &len);
    if (IsHan(c) || IsRadicalOrCompat(c)) return;
    i += len;
  }
  std::vector<Escape> found = ScanEscapes(line);
  if (!IsEscapedBody(found)) return;
  for (const Escape& esc : found) {
    if (esc.value == 0) continue;
    bool joins = !edits->empty() &&
                 edits->back().offset + edits->back().length == esc.offset;
    if (!joins) edits->push_back({esc.offset, 0, "", "JSON-escaped text"});
    edits->back().length += esc.length;
    AppendUtf8(esc.value, &edits->back().after);
  }
}

}  // namespace zhclean::internal
