#include "suggest_context.h"

#include <algorithm>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "utf8.h"

namespace zhclean::internal {

namespace {

// Where a gram occurs in a line (code point offsets) and its gram id.
struct Span {
  size_t begin, end;
  size_t gram;
};

struct GramIndex {
  std::unordered_map<std::u32string, size_t> ids;
  std::vector<std::vector<size_t>> edits;  // Edits of each gram id.
};

GramIndex IndexGrams(const std::vector<GramEdit>& edits) {
  GramIndex index;
  for (size_t i = 0; i < edits.size(); ++i) {
    auto [it, added] = index.ids.emplace(edits[i].gram, index.edits.size());
    if (added) index.edits.emplace_back();
    index.edits[it->second].push_back(i);
  }
  return index;
}

// Calls visit(line, spans) once per line of `texts` that holds some gram.
template <typename Visit>
void ForEachLine(const std::vector<std::string>& texts, const GramIndex& index, Visit visit) {
  std::vector<Span> spans;
  std::u32string line;
  for (const std::string& text : texts) {
    for (size_t pos = 0; pos < text.size();) {
      size_t nl = std::min(text.find('\n', pos), text.size());
      std::string_view s = std::string_view(text).substr(pos, nl - pos);
      line.clear();
      for (size_t i = 0; i < s.size();) {
        size_t before = i;
        line.push_back(NextCodePoint(s, &i));
        if (i == before) ++i;
      }
      pos = nl + 1;
      spans.clear();
      for (size_t n = 2; n <= 3; ++n) {
        for (size_t j = 0; j + n <= line.size(); ++j) {
          auto it = index.ids.find(line.substr(j, n));
          if (it != index.ids.end()) spans.push_back(Span{j, j + n, it->second});
        }
      }
      if (!spans.empty()) visit(line, spans);
    }
  }
}

// True when edit x at span a and edit y at span b cannot both be right.
bool Conflict(const GramEdit& x, const Span& a, const GramEdit& y, const Span& b) {
  if (b.end <= a.begin || b.begin >= a.end) return false;
  size_t px = a.begin + x.diff, py = b.begin + y.diff;
  if (px == py) return x.to != y.to;
  return (py >= a.begin && py < a.end) || (px >= b.begin && px < b.end);
}

}  // namespace

// True when line[begin, end) holds a rare character.
bool HasRare(const std::u32string& line, size_t begin, size_t end,
             const std::function<bool(char32_t)>& rare) {
  for (size_t i = begin; i < end; ++i) {
    if (rare(line[i])) return true;
  }
  return false;
}

std::vector<bool> CrowdedLines(const std::vector<std::string>& texts,
                               const std::vector<GramEdit>& edits, double above,
                               const std::function<bool(char32_t)>& rare) {
  GramIndex index = IndexGrams(edits);
  std::vector<bool> suspect(index.edits.size(), false);
  for (size_t g = 0; g < index.edits.size(); ++g) {
    for (size_t e : index.edits[g]) suspect[g] = suspect[g] || edits[e].confidence >= above;
  }
  std::vector<bool> crowded_gram(index.edits.size(), false);
  ForEachLine(texts, index, [&](const std::u32string& line, const std::vector<Span>& spans) {
    for (const Span& a : spans) {
      if (HasRare(line, 0, a.begin, rare) || HasRare(line, a.end, line.size(), rare)) {
        crowded_gram[a.gram] = true;
      }
      for (const Span& b : spans) {
        if (suspect[b.gram] && (b.end <= a.begin || b.begin >= a.end)) {
          crowded_gram[a.gram] = true;
        }
      }
    }
  });
  std::vector<bool> crowded(edits.size());
  for (size_t i = 0; i < edits.size(); ++i) crowded[i] = crowded_gram[index.ids.at(edits[i].gram)];
  return crowded;
}

std::vector<double> ConflictingConfidence(const std::vector<std::string>& texts,
                                          const std::vector<GramEdit>& edits) {
  GramIndex index = IndexGrams(edits);
  std::vector<double> rival(edits.size(), -std::numeric_limits<double>::infinity());
  ForEachLine(texts, index, [&](const std::u32string&, const std::vector<Span>& spans) {
    for (const Span& a : spans) {
      for (const Span& b : spans) {
        for (size_t x : index.edits[a.gram]) {
          for (size_t y : index.edits[b.gram]) {
            if (x != y && Conflict(edits[x], a, edits[y], b)) {
              rival[x] = std::max(rival[x], edits[y].confidence);
            }
          }
        }
      }
    }
  });
  return rival;
}

}  // namespace zhclean::internal
