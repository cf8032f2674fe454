#include "ruby.h"

#include <algorithm>
#include <vector>

namespace zhclean::internal {

const char* LookupReadings(char32_t c) {
  const ReadingEntry* end = kReadingTable + kReadingTableSize;
  const ReadingEntry* it = std::lower_bound(
      kReadingTable, end, c,
      [](const ReadingEntry& e, char32_t v) { return e.code_point < v; });
  return it != end && it->code_point == c ? kReadingText + it->readings : nullptr;
}

bool IsReadingOf(char32_t c, std::string_view syllable) {
  const char* readings = LookupReadings(c);
  if (readings == nullptr || syllable.empty()) return false;
  std::string_view rest(readings);
  while (!rest.empty()) {
    size_t space = rest.find(' ');
    if (rest.substr(0, space) == syllable) return true;
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return false;
}

namespace {

constexpr size_t kMaxSyllables = 4;
constexpr size_t kMaxSyllableBytes = 16;

// Lower-case Latin letters as they appear in tone-marked pinyin.
bool IsPinyinLetter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0x24F && c != 0xF7) ||
         c == 0x1E3F || c == 0x1EBF || c == 0x1EC1;
}

// Parses the annotation whose opening parenthesis (`open_len` bytes) is at
// line[pos]; returns the end past the closing one, or 0.
size_t ParseAnnotation(std::string_view line, size_t pos, size_t open_len,
                       std::vector<std::string_view>* syllables) {
  size_t i = pos + open_len;
  size_t start = i;
  while (i < line.size()) {
    size_t len;
    char32_t c = CodePointAt(line, i, &len);
    if (IsPinyinLetter(c)) {
      i += len;
      continue;
    }
    if (c != ' ' && c != ')' && c != 0xFF09) return 0;
    if (i == start || i - start > kMaxSyllableBytes) return 0;
    syllables->push_back(line.substr(start, i - start));
    if (syllables->size() > kMaxSyllables) return 0;
    if (c != ' ') return (len == open_len) ? i + len : 0;
    start = i += len;
  }
  return 0;
}

// True when the characters right before `pos` read `syllables`, in order.
bool ReadsAs(std::string_view line, size_t pos,
             const std::vector<std::string_view>& syllables) {
  for (size_t k = syllables.size(); k-- > 0;) {
    if (pos == 0) return false;
    size_t start;
    char32_t c = CodePointBefore(line, pos, &start);
    if (!IsHan(c) || !IsReadingOf(c, syllables[k])) return false;
    pos = start;
  }
  return true;
}

}  // namespace

void FindRubyEdits(std::string_view line, PassEdits* edits) {
  std::vector<std::string_view> syllables;
  for (size_t i = 0; i < line.size(); ++i) {
    size_t open_len = 0;
    if (line[i] == '(') {
      open_len = 1;
    } else if (line.compare(i, 3, "（") == 0) {
      open_len = 3;
    } else {
      continue;
    }
    syllables.clear();
    size_t end = ParseAnnotation(line, i, open_len, &syllables);
    if (end == 0 || !ReadsAs(line, i, syllables)) continue;
    edits->push_back(
        {i, end - i, "", "pinyin annotation of the preceding Han text"});
    i = end - 1;
  }
}

}  // namespace zhclean::internal
