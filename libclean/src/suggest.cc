// zh-fix suggest: mining candidate typo rules from a corpus.
//
// Frequent n-grams (2 or 3 ideographs) of the corpus are indexed by every
// one-character wildcard ("巾*"); each rare n-gram that is not a dictionary
// word is looked up under the same wildcards, and a frequent n-gram that
// differs in one OCR-confusable character becomes a candidate.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "suggest_shapes.h"
#include "utf8.h"
#include "zhclean/fix.h"

namespace zhclean {

namespace {

namespace fs = std::filesystem;
using internal::NextCodePoint;

bool IsIdeograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

using Counts = std::unordered_map<std::u32string, uint64_t>;

// Counts every run-internal n-gram (n = 2, 3) of ideographs.
void CountNgrams(std::string_view text, Counts* counts) {
  std::u32string run;
  size_t i = 0;
  auto flush = [&] {
    for (size_t n = 2; n <= 3; ++n) {
      for (size_t j = 0; j + n <= run.size(); ++j) ++(*counts)[run.substr(j, n)];
    }
    run.clear();
  };
  while (i < text.size()) {
    size_t before = i;
    char32_t c = NextCodePoint(text, &i);
    if (i == before) ++i;
    if (IsIdeograph(c)) {
      run.push_back(c);
    } else if (!run.empty()) {
      flush();
    }
  }
  flush();
}

std::u32string ToU32(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(NextCodePoint(s, &i));
  return out;
}

std::string ToUtf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) internal::AppendUtf8(c, &out);
  return out;
}

Status ReadCorpus(const std::vector<std::string>& paths, std::vector<std::string>* texts) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(p, ec)) {
        if (e.is_regular_file()) files.push_back(e.path().string());
      }
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return NotFoundError(f + ": cannot read corpus file");
    std::ostringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    if (internal::ValidUtf8Prefix(s) == s.size()) texts->push_back(std::move(s));
  }
  return OkStatus();
}

// jieba dict.txt: "word count tag" per line.
Status ReadDictionary(const std::string& path, Counts* dict) {
  if (path.empty()) return OkStatus();
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot read dictionary");
  std::string line;
  while (std::getline(in, line)) {
    size_t space = line.find(' ');
    if (space == std::string::npos) continue;
    std::string_view word(line.data(), space);
    if (internal::ValidUtf8Prefix(word) != word.size()) continue;
    std::u32string w = ToU32(word);
    if (w.size() < 2 || w.size() > 3) continue;
    (*dict)[w] += std::strtoull(line.c_str() + space + 1, nullptr, 10);
  }
  return OkStatus();
}

// "…实施巾相思想领航…": up to 8 characters each side of the first hit.
std::string ExampleOf(const std::vector<std::string>& texts, const std::string& wrong) {
  for (const std::string& t : texts) {
    size_t pos = t.find(wrong);
    if (pos == std::string::npos) continue;
    size_t lo = pos, hi = pos + wrong.size();
    for (int n = 0; n < 8 && lo > 0; ++n) {
      do --lo; while (lo > 0 && (static_cast<unsigned char>(t[lo]) & 0xC0) == 0x80);
    }
    for (int n = 0; n < 8 && hi < t.size(); ++n) {
      size_t i = hi;
      NextCodePoint(t, &i);
      hi = i;
    }
    std::string ex = t.substr(lo, hi - lo);
    for (char& c : ex) {
      if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    }
    return "…" + ex + "…";
  }
  return "";
}

double Score(const TypoCandidate& c) {
  double ratio = static_cast<double>(c.right_count) / static_cast<double>(c.wrong_count);
  double dict = c.dictionary_count > 0 ? 1.0 + std::log10(1.0 + c.dictionary_count) / 2 : 0.5;
  return std::log2(1.0 + ratio) * std::log2(1.0 + c.right_count) * dict;
}


// Up to 8 (left, right) neighbours of each n-gram in `wanted` (0 when the
// neighbour is not an ideograph).
using Neighbours = std::unordered_map<std::u32string, std::vector<std::pair<char32_t, char32_t>>>;

void CollectNeighbours(const std::vector<std::string>& texts, Neighbours* wanted) {
  for (const std::string& text : texts) {
    std::u32string run;
    auto flush = [&] {
      for (size_t n = 2; n <= 3; ++n) {
        for (size_t j = 0; j + n <= run.size(); ++j) {
          auto it = wanted->find(run.substr(j, n));
          if (it == wanted->end() || it->second.size() >= 8) continue;
          it->second.emplace_back(j > 0 ? run[j - 1] : 0, j + n < run.size() ? run[j + n] : 0);
        }
      }
      run.clear();
    };
    for (size_t i = 0; i < text.size();) {
      size_t before = i;
      char32_t c = NextCodePoint(text, &i);
      if (i == before) ++i;
      if (IsIdeograph(c)) {
        run.push_back(c);
      } else {
        flush();
      }
    }
    flush();
  }
}

bool IsWord(const Counts& dict, const Counts& counts, char32_t a, char32_t b) {
  if (a == 0 || b == 0) return false;
  std::u32string w{a, b};
  if (dict.count(w)) return true;
  auto it = counts.find(w);
  return dict.empty() && it != counts.end() && it->second >= 10;
}

// True when the n-gram only exists because it straddles two words: a kept
// end character forms a word with the neighbour outside the n-gram
// (带头|作用 gives 头作 next to 工作), or the changed one does.
bool StraddlesWords(const std::u32string& gram, size_t diff, const Counts& dict,
                    const Counts& counts, const Neighbours& neighbours) {
  auto it = neighbours.find(gram);
  if (it == neighbours.end()) return false;
  // The changed character is explained by its outside neighbour when that
  // pair is common in the corpus (权益|作 beside 工作), unlike 巾相|思想.
  auto common = [&](char32_t a, char32_t b) {
    if (a == 0 || b == 0) return false;
    auto c = counts.find(std::u32string{a, b});
    return c != counts.end() && c->second >= std::max<uint64_t>(5, 3 * it->second.size());
  };
  for (const auto& [left, right] : it->second) {
    if (diff != 0 && IsWord(dict, counts, left, gram.front())) return true;
    if (diff + 1 != gram.size() && IsWord(dict, counts, gram.back(), right)) return true;
    if (diff == 0 && common(left, gram.front())) return true;
    if (diff + 1 == gram.size() && common(gram.back(), right)) return true;
  }
  return false;
}

}  // namespace

Status SuggestTypoRules(const SuggestOptions& o, std::vector<TypoCandidate>* out) {
  std::vector<std::string> texts;
  ZHCLEAN_RETURN_IF_ERROR(ReadCorpus(o.corpus_paths, &texts));
  Counts dict, counts;
  ZHCLEAN_RETURN_IF_ERROR(ReadDictionary(o.dictionary_path, &dict));
  // Each distinct line counts once: copies of a document (goldens, mirrors)
  // would otherwise inflate the typo's count along with the word's.
  std::unordered_set<std::string_view> seen_lines;
  for (const std::string& t : texts) {
    for (size_t pos = 0; pos < t.size();) {
      size_t nl = t.find('\n', pos);
      if (nl == std::string::npos) nl = t.size();
      std::string_view line(t.data() + pos, nl - pos);
      if (seen_lines.insert(line).second) CountNgrams(line, &counts);
      pos = nl + 1;
    }
  }
  // Wildcard index of the frequent n-grams.
  std::unordered_map<std::u32string, std::vector<const std::u32string*>> index;
  for (const auto& [gram, n] : counts) {
    if (n < o.min_right_count) continue;
    for (size_t p = 0; p < gram.size(); ++p) {
      std::u32string key = gram;
      key[p] = U'*';
      index[key].push_back(&gram);
    }
  }
  std::vector<std::pair<TypoCandidate, std::pair<std::u32string, size_t>>> raw;
  Neighbours neighbours;
  for (const auto& [gram, n] : counts) {
    if (n > o.max_wrong_count || dict.count(gram)) continue;
    for (size_t p = 0; p < gram.size(); ++p) {
      std::u32string key = gram;
      key[p] = U'*';
      auto it = index.find(key);
      if (it == index.end()) continue;
      uint64_t siblings = 0;  // Everything the wildcard matches.
      for (const std::u32string* right : it->second) siblings += counts[*right];
      for (const std::u32string* right : it->second) {
        std::string why;
        if (!internal::OcrConfusable(gram[p], (*right)[p], &why)) continue;
        TypoCandidate c;
        c.wrong = ToUtf8(gram);
        c.right = ToUtf8(*right);
        c.wrong_count = n;
        c.right_count = counts[*right];
        auto d = dict.find(*right);
        c.dictionary_count = d == dict.end() ? 0 : d->second;
        c.confusion = ToUtf8(std::u32string{gram[p]}) + "/" + ToUtf8(std::u32string{(*right)[p]}) +
                      ": " + why;
        // How much of the wildcard's mass the right word holds: 巾帼 is
        // nearly all of 巾*, 工作 only part of *作.
        c.score = Score(c) * static_cast<double>(c.right_count) / static_cast<double>(siblings + n);
        neighbours[gram];
        raw.push_back({std::move(c), {gram, p}});
      }
    }
  }
  CollectNeighbours(texts, &neighbours);
  for (auto& [c, where] : raw) {
    if (!StraddlesWords(where.first, where.second, dict, counts, neighbours)) {
      out->push_back(std::move(c));
    }
  }
  std::sort(out->begin(), out->end(), [](const TypoCandidate& a, const TypoCandidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return std::tie(a.wrong, a.right) < std::tie(b.wrong, b.right);
  });
  if (out->size() > o.max_candidates) out->resize(o.max_candidates);
  for (TypoCandidate& c : *out) c.example = ExampleOf(texts, c.wrong);
  return OkStatus();
}

std::string FormatTypoCandidate(const TypoCandidate& c) {
  return c.wrong + "\t" + c.right + "\t# wrong " + std::to_string(c.wrong_count) + ", right " +
         std::to_string(c.right_count) + " (dictionary " + std::to_string(c.dictionary_count) +
         "); " + c.confusion + "; " + c.example;
}

}  // namespace zhclean
