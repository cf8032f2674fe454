#include "html_text.h"

#include <algorithm>
#include <unordered_set>

namespace zhclean::internal {

namespace {

constexpr size_t kMinCopyBytes = 60;
constexpr size_t kMinCopyRun = 3;

}  // namespace

std::vector<char> SecondCopies(const std::vector<std::string_view>& lines) {
  std::unordered_set<std::string_view> seen;
  std::vector<char> repeated(lines.size(), 0), copy(lines.size(), 0);
  for (size_t i = 0; i < lines.size(); ++i) {
    repeated[i] = lines[i].size() >= kMinCopyBytes && !seen.insert(lines[i]).second;
  }
  for (size_t i = 0; i < lines.size();) {
    size_t j = i;
    while (j < lines.size() && repeated[j]) ++j;
    if (j - i >= kMinCopyRun) std::fill(copy.begin() + i, copy.begin() + j, 1);
    i = j == i ? i + 1 : j;
  }
  return copy;
}

bool HasSentenceMark(std::string_view text) {
  for (std::string_view mark : {"\xEF\xBC\x8C", "\xE3\x80\x82", "\xEF\xBC\x9B",
                                "\xEF\xBC\x9A", "\xEF\xBC\x81", "\xEF\xBC\x9F"}) {
    if (text.find(mark) != std::string_view::npos) return true;
  }
  return false;
}

bool IsLegalNotice(std::string_view text) {
  int terms = 0;
  for (std::string_view term : {"著作权", "版权", "转载", "侵权", "稿酬", "免责", "法律责任"}) {
    terms += text.find(term) != std::string_view::npos;
  }
  return terms >= 2;
}

}  // namespace zhclean::internal
