// Test helpers shared by the zh-repair tests: clean lines from ../shared
// and the seeds, and the measures used on repaired text.
#ifndef ZHCLEAN_TESTS_UNIT_REPAIR_CORPUS_H_
#define ZHCLEAN_TESTS_UNIT_REPAIR_CORPUS_H_

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simdjson.h"
#include "utf8.h"

namespace zhclean::testing {

inline std::string SharedDir() {
  const char* env = std::getenv("ZHCLEAN_SHARED_DIR");
  return env != nullptr && *env ? env : ZHCLEAN_SHARED_DIR;
}

inline bool ReadFile(const std::string& path, std::string* text) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::ostringstream s;
  s << f.rdbuf();
  *text = s.str();
  return true;
}

// Up to `limit` distinct lines with at least 8 code points and some
// non-ASCII text: the seeds first, then zuozhuan.txt. Empty when ../shared
// is missing.
inline std::vector<std::string> CleanLines(size_t limit) {
  std::vector<std::string> lines;
  std::vector<std::string> files;
  for (const char* seed : {"000_e8d26845c6ac1826", "001_685f646d0e7a449a", "002_cadf0b8236b09334",
                           "003_a97e58f28c234661", "004_f735b9dd96c8fd75"}) {
    files.push_back(SharedDir() + "/seeds/" + seed + ".txt");
  }
  files.push_back(SharedDir() + "/corpora/zuozhuan.txt");
  for (const std::string& path : files) {
    std::string text;
    if (!ReadFile(path, &text)) return {};
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line) && lines.size() < limit) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      bool high = std::any_of(line.begin(), line.end(), [](char c) { return c & 0x80; });
      if (!high || internal::CountCodePoints(line) < 8) continue;
      if (std::find(lines.begin(), lines.end(), line) != lines.end()) continue;
      lines.push_back(line);
    }
  }
  return lines;
}

// ftfy's test cases in ../shared/corpora/ftfy-cases/FILE as (original,
// expected) pairs, the expected text being `fixed-encoding` or else
// `fixed`. Empty when the file is missing.
inline std::vector<std::pair<std::string, std::string>> FtfyCases(const std::string& file) {
  std::vector<std::pair<std::string, std::string>> cases;
  std::string json;
  if (!ReadFile(SharedDir() + "/corpora/ftfy-cases/" + file, &json)) return cases;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json).get(doc)) return cases;
  for (simdjson::dom::element c : doc.get_array()) {
    std::string_view original, fixed;
    if (c["original"].get(original)) continue;
    if (c["fixed-encoding"].get(fixed) && c["fixed"].get(fixed)) continue;
    cases.emplace_back(std::string(original), std::string(fixed));
  }
  return cases;
}

inline std::u32string ToU32(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(internal::NextCodePoint(s, &i));
  return out;
}

// Length of the longest common subsequence of code points.
inline size_t CommonChars(const std::string& a, const std::string& b) {
  std::u32string x = ToU32(a), y = ToU32(b);
  std::vector<size_t> prev(y.size() + 1, 0), cur(y.size() + 1, 0);
  for (size_t i = 1; i <= x.size(); ++i) {
    for (size_t j = 1; j <= y.size(); ++j) {
      cur[j] = x[i - 1] == y[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    }
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

}  // namespace zhclean::testing

#endif  // ZHCLEAN_TESTS_UNIT_REPAIR_CORPUS_H_
