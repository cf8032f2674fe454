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
#include <limits>
#include <sstream>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "suggest_context.h"
#include "suggest_lm.h"
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

// jieba dict.txt: "word count tag" per line. Words of 2 or 3 characters go
// to *dict (the wrong side is never one of them); every word feeds *model.
Status ReadDictionary(const std::string& path, Counts* dict, internal::WordModel* model) {
  if (path.empty()) return OkStatus();
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot read dictionary");
  model->Reserve(1 << 19);  // jieba's dict.txt: 349 046 words; no rehashing.
  dict->reserve(1 << 18);
  std::string line;
  while (std::getline(in, line)) {
    size_t space = line.find(' ');
    if (space == std::string::npos) continue;
    std::string_view word(line.data(), space);
    if (internal::ValidUtf8Prefix(word) != word.size()) continue;
    std::u32string w = ToU32(word);
    uint64_t count = std::strtoull(line.c_str() + space + 1, nullptr, 10);
    model->Add(w, count);
    if (w.size() >= 2 && w.size() <= 3) (*dict)[w] += count;
  }
  return OkStatus();
}

uint64_t CountOf(const Counts& counts, const std::u32string& gram) {
  auto it = counts.find(gram);
  return it == counts.end() ? 0 : it->second;
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

// "-1.25": two decimals, without printf-family calls in the library.
std::string Fixed2(double v) {
  std::string sign = v < 0 ? "-" : "";
  auto hundredths = static_cast<uint64_t>(std::fabs(v) * 100 + 0.5);
  std::string frac = std::to_string(hundredths % 100);
  return sign + std::to_string(hundredths / 100) + "." + (frac.size() < 2 ? "0" : "") + frac;
}

double Score(const TypoCandidate& c) {
  double ratio = static_cast<double>(c.right_count) / static_cast<double>(c.wrong_count);
  double dict = c.dictionary_count > 0 ? 1.0 + std::log10(1.0 + c.dictionary_count) / 2 : 0.5;
  return std::log2(1.0 + ratio) * std::log2(1.0 + c.right_count) * dict;
}


// Up to 8 contexts of each n-gram in `wanted`: the ideograph run around
// it, kGainContext characters each side at most, and where it starts.
struct Context {
  std::u32string window;
  size_t at = 0;
};
using Contexts = std::unordered_map<std::u32string, std::vector<Context>>;

void CollectContexts(const std::vector<std::string>& texts, Contexts* wanted) {
  for (const std::string& text : texts) {
    std::u32string run;
    auto flush = [&] {
      for (size_t n = 2; n <= 3; ++n) {
        for (size_t j = 0; j + n <= run.size(); ++j) {
          auto it = wanted->find(run.substr(j, n));
          if (it == wanted->end() || it->second.size() >= 8) continue;
          size_t lo = j - std::min(j, internal::kGainContext);
          size_t hi = std::min(run.size(), j + n + internal::kGainContext);
          it->second.push_back(Context{run.substr(lo, hi - lo), j - lo});
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
                    const Counts& counts, const Contexts& contexts) {
  auto it = contexts.find(gram);
  if (it == contexts.end()) return false;
  // The changed character is explained by its outside neighbour when that
  // pair is common in the corpus (权益|作 beside 工作), unlike 巾相|思想.
  auto common = [&](char32_t a, char32_t b) {
    if (a == 0 || b == 0) return false;
    auto c = counts.find(std::u32string{a, b});
    return c != counts.end() && c->second >= std::max<uint64_t>(5, 3 * it->second.size());
  };
  for (const Context& ctx : it->second) {
    char32_t left = ctx.at > 0 ? ctx.window[ctx.at - 1] : 0;
    size_t after = ctx.at + gram.size();
    char32_t right = after < ctx.window.size() ? ctx.window[after] : 0;
    if (diff != 0 && IsWord(dict, counts, left, gram.front())) return true;
    if (diff + 1 != gram.size() && IsWord(dict, counts, gram.back(), right)) return true;
    if (diff == 0 && common(left, gram.front())) return true;
    if (diff + 1 == gram.size() && common(gram.back(), right)) return true;
  }
  return false;
}

using Index = std::unordered_map<std::u32string, std::vector<const std::u32string*>>;

void AddToIndex(const std::u32string& gram, Index* index) {
  for (size_t p = 0; p < gram.size(); ++p) {
    std::u32string key = gram;
    key[p] = U'*';
    (*index)[key].push_back(&gram);
  }
}

// Every wildcard key ("巾*") of every rare n-gram that is not a word.
std::unordered_set<std::u32string> RareKeys(const Counts& counts, const Counts& dict,
                                            uint64_t max_wrong) {
  std::unordered_set<std::u32string> keys;
  for (const auto& [gram, n] : counts) {
    if (n > max_wrong || dict.count(gram)) continue;
    for (size_t p = 0; p < gram.size(); ++p) {
      std::u32string key = gram;
      key[p] = U'*';
      keys.insert(std::move(key));
    }
  }
  return keys;
}

// Right words: the corpus's frequent n-grams, and with min_dictionary_right
// the dictionary's words of at least that count (only those one character
// from some rare n-gram are indexed).
Index BuildIndex(const SuggestOptions& o, const Counts& counts, const Counts& dict) {
  Index index;
  for (const auto& [gram, n] : counts) {
    if (n >= o.min_right_count) AddToIndex(gram, &index);
  }
  if (o.min_dictionary_right == 0) return index;
  std::unordered_set<std::u32string> keys = RareKeys(counts, dict, o.max_wrong_count);
  for (const auto& [word, n] : dict) {
    if (n < o.min_dictionary_right || CountOf(counts, word) >= o.min_right_count) continue;
    for (size_t p = 0; p < word.size(); ++p) {
      std::u32string key = word;
      key[p] = U'*';
      if (keys.count(key)) index[key].push_back(&word);
    }
  }
  return index;
}

// True when a character of `gram` has a simplified form other than itself
// (時, 讓): traditional text, which a simplified dictionary cannot judge
// (能讓 is not a typo of 能否).
bool HasTraditional(const std::u32string& gram) {
  for (char32_t c : gram) {
    const internal::CharShape* shape = internal::FindCharShape(c);
    if (shape != nullptr && shape->simplified != c) return true;
  }
  return false;
}

struct Raw {
  TypoCandidate candidate;
  std::u32string gram;
  std::u32string right;
  size_t diff = 0;  // Index of the differing character.
};

void FindCandidates(const SuggestOptions& o, const Counts& counts, const Counts& dict,
                    const Index& index, std::vector<Raw>* raw) {
  for (const auto& [gram, n] : counts) {
    if (n > o.max_wrong_count || dict.count(gram) || HasTraditional(gram)) continue;
    for (size_t p = 0; p < gram.size(); ++p) {
      std::u32string key = gram;
      key[p] = U'*';
      auto it = index.find(key);
      if (it == index.end()) continue;
      uint64_t siblings = 0;  // Everything the wildcard matches.
      for (const std::u32string* right : it->second) siblings += CountOf(counts, *right);
      for (const std::u32string* right : it->second) {
        std::string why;
        if (!internal::OcrConfusable(gram[p], (*right)[p], &why)) continue;
        Raw r{TypoCandidate(), gram, *right, p};
        TypoCandidate& c = r.candidate;
        c.wrong = ToUtf8(gram);
        c.right = ToUtf8(*right);
        c.wrong_count = n;
        c.right_count = CountOf(counts, *right);
        c.dictionary_count = CountOf(dict, *right);
        c.confusion = ToUtf8(std::u32string{gram[p]}) + "/" +
                      ToUtf8(std::u32string{(*right)[p]}) + ": " + why;
        // How much of the wildcard's mass the right word holds: 巾帼 is
        // nearly all of 巾*, 工作 only part of *作.
        c.score = Score(c) * static_cast<double>(c.right_count) /
                  static_cast<double>(siblings + n);
        raw->push_back(std::move(r));
      }
    }
  }
}

// confidence = min(gain, margin + 4) + 1.5 * (shape strength - 1), where
// gain is the smallest log10 gain of the replacement over the wrong
// string's contexts (word model) and margin is how far it beats the best
// other right word for the same wrong string (整輕: 整个? 整体?).
void AddConfidence(const internal::WordModel& model, const Contexts& contexts,
                   std::vector<Raw>* raw) {
  std::unordered_map<std::u32string, std::vector<std::pair<std::u32string, double>>> gains;
  for (Raw& r : *raw) {
    double gain = 0;
    auto it = contexts.find(r.gram);
    if (!model.empty() && it != contexts.end() && !it->second.empty()) {
      gain = 1e300;
      for (const Context& ctx : it->second) {
        gain = std::min(gain, internal::ReplacementGain(model, ctx.window, ctx.at,
                                                        r.gram.size(), r.right));
      }
    }
    r.candidate.confidence = gain;
    gains[r.gram].emplace_back(r.right, gain);
  }
  for (Raw& r : *raw) {
    double rival = -1e300;
    for (const auto& [right, gain] : gains[r.gram]) {
      if (right != r.right) rival = std::max(rival, gain);
    }
    double gain = r.candidate.confidence;
    int strength = internal::OcrConfusionStrength(r.gram[r.diff], r.right[r.diff]);
    r.candidate.confidence = std::min(gain, gain - rival + 4) + 1.5 * (strength - 1);
  }
}

std::vector<internal::GramEdit> EditsOf(const std::vector<Raw>& raw) {
  std::vector<internal::GramEdit> edits;
  edits.reserve(raw.size());
  for (const Raw& r : raw) {
    edits.push_back({r.gram, r.diff, r.right[r.diff], r.candidate.confidence});
  }
  return edits;
}

// A candidate is no more confident than its margin over a conflicting one
// (another change of the same characters in the same line) allows:
// min(confidence, confidence - rival + 3). The 3 was chosen on half A of the
// CSC set (docs/fix.md); the same-gram rival in AddConfidence keeps its 4.
constexpr double kConflictMargin = 3;

void CapByConflicts(const std::vector<std::string>& texts, std::vector<Raw>* raw) {
  std::vector<double> rival = internal::ConflictingConfidence(texts, EditsOf(*raw));
  for (size_t i = 0; i < raw->size(); ++i) {
    double& c = (*raw)[i].candidate.confidence;
    c = std::min(c, c - rival[i] + kConflictMargin);
  }
}

// A character the dictionary's words hold fewer times than this is a
// suspect in --alone's line check (砜 64, 勝 2; 筷 1 250, 宙 3 307). Chosen
// on half A of the CSC set: every value from 100 to 2 000 gave the same.
constexpr uint64_t kRareCharCount = 500;

// Drops the candidates whose line holds another suspect outside their
// span: a candidate of confidence >= `above`, or (with a dictionary) an
// ideograph that the dictionary's words hold fewer than kRareCharCount
// times. The rule would leave that error, and the sentence would still be
// wrong.
void DropCrowded(const std::vector<std::string>& texts, double above,
                 const internal::WordModel& model, std::vector<Raw>* raw) {
  auto rare = [&](char32_t c) {
    return !model.empty() && IsIdeograph(c) && model.CharCount(c) < kRareCharCount;
  };
  std::vector<bool> crowded = internal::CrowdedLines(texts, EditsOf(*raw), above, rare);
  std::vector<Raw> kept;
  for (size_t i = 0; i < raw->size(); ++i) {
    if (!crowded[i]) kept.push_back(std::move((*raw)[i]));
  }
  raw->swap(kept);
}

}  // namespace

Status SuggestTypoRules(const SuggestOptions& o, std::vector<TypoCandidate>* out) {
  std::vector<std::string> texts;
  ZHCLEAN_RETURN_IF_ERROR(ReadCorpus(o.corpus_paths, &texts));
  Counts dict, counts;
  internal::WordModel model;
  ZHCLEAN_RETURN_IF_ERROR(ReadDictionary(o.dictionary_path, &dict, &model));
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
  Index index = BuildIndex(o, counts, dict);
  std::vector<Raw> raw;
  FindCandidates(o, counts, dict, index, &raw);
  Contexts contexts;
  for (const Raw& r : raw) contexts[r.gram];
  CollectContexts(texts, &contexts);
  raw.erase(std::remove_if(raw.begin(), raw.end(), [&](const Raw& r) {
              return StraddlesWords(r.gram, r.diff, dict, counts, contexts);
            }), raw.end());
  AddConfidence(model, contexts, &raw);
  CapByConflicts(texts, &raw);
  if (o.alone_above < std::numeric_limits<double>::infinity()) {
    DropCrowded(texts, o.alone_above, model, &raw);
  }
  for (Raw& r : raw) out->push_back(std::move(r.candidate));
  const bool by_confidence = o.min_dictionary_right > 0;
  std::sort(out->begin(), out->end(), [&](const TypoCandidate& a, const TypoCandidate& b) {
    double x = by_confidence ? a.confidence : a.score;
    double y = by_confidence ? b.confidence : b.score;
    if (x != y) return x > y;
    return std::tie(a.wrong, a.right) < std::tie(b.wrong, b.right);
  });
  if (out->size() > o.max_candidates) out->resize(o.max_candidates);
  for (TypoCandidate& c : *out) c.example = ExampleOf(texts, c.wrong);
  return OkStatus();
}

std::string FormatTypoCandidate(const TypoCandidate& c) {
  return c.wrong + "\t" + c.right + "\t# wrong " + std::to_string(c.wrong_count) + ", right " +
         std::to_string(c.right_count) + " (dictionary " + std::to_string(c.dictionary_count) +
         "); confidence " + Fixed2(c.confidence) + "; " + c.confusion + "; " + c.example;
}

}  // namespace zhclean
