#include "matcher.h"

#include <algorithm>
#include <map>
#include <queue>

namespace zhclean::internal {

namespace {

// The goto trie before it becomes a DFA: sparse edges per state, keyed by
// character class.
struct Trie {
  std::vector<std::map<uint32_t, uint32_t>> edges{1};
  std::vector<std::vector<uint32_t>> outputs{1};

  void Add(const std::vector<uint32_t>& classes, uint32_t index) {
    uint32_t state = 0;
    for (uint32_t c : classes) {
      auto it = edges[state].find(c);
      if (it == edges[state].end()) {
        edges.emplace_back();
        outputs.emplace_back();
        it = edges[state].emplace(c, static_cast<uint32_t>(edges.size() - 1)).first;
      }
      state = it->second;
    }
    outputs[state].push_back(index);
  }
};

char32_t Decode(std::string_view s, size_t* i) {
  auto b = static_cast<unsigned char>(s[*i]);
  int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  char32_t cp = len == 1 ? b : b & (0x7F >> len);
  for (int k = 1; k < len && *i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  }
  *i += len;
  return cp;
}

}  // namespace

uint32_t PatternMatcher::AstralClass(char32_t cp) const {
  auto it = std::lower_bound(astral_class_.begin(), astral_class_.end(),
                             std::make_pair(cp, uint16_t{0}));
  return it != astral_class_.end() && it->first == cp ? it->second : 0;
}

// Assigns a class to every character of the patterns; returns each
// pattern as its class sequence.
std::vector<std::vector<uint32_t>> PatternMatcher::Classify(
    const std::vector<std::string>& patterns) {
  bmp_class_.assign(0x10000, 0);
  bmp_used_.assign(0x10000 / 64, 0);
  astral_class_.clear();
  std::map<char32_t, uint32_t> classes;
  std::vector<std::vector<uint32_t>> out;
  for (const std::string& pattern : patterns) {
    std::vector<uint32_t> seq;
    for (size_t i = 0; i < pattern.size();) {
      char32_t cp = Decode(pattern, &i);
      auto [it, fresh] = classes.emplace(cp, static_cast<uint32_t>(classes.size() + 1));
      seq.push_back(it->second);
    }
    out.push_back(std::move(seq));
  }
  for (const auto& [cp, cls] : classes) {
    if (cp < 0x10000) {
      bmp_class_[cp] = static_cast<uint16_t>(cls);
      bmp_used_[cp >> 6] |= uint64_t{1} << (cp & 63);
    } else {
      astral_class_.emplace_back(cp, static_cast<uint16_t>(cls));
    }
  }
  classes_ = static_cast<uint32_t>(classes.size() + 1);
  return out;
}

void PatternMatcher::Build(const std::vector<std::string>& patterns) {
  Trie trie;
  lengths_.clear();
  max_len_ = 0;
  std::vector<std::vector<uint32_t>> sequences = Classify(patterns);
  for (uint32_t i = 0; i < patterns.size(); ++i) {
    trie.Add(sequences[i], i);
    lengths_.push_back(static_cast<uint32_t>(patterns[i].size()));
    max_len_ = std::max(max_len_, patterns[i].size());
  }
  const size_t n = trie.edges.size();
  // The root's row is dense; every other state keeps only the transitions
  // that differ from it: its own edges plus those of its failure chain.
  std::vector<uint32_t> root(classes_, 0);
  for (const auto& [c, next] : trie.edges[0]) root[c] = next;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> rows(n);
  auto delta = [&](uint32_t s, uint32_t c) {
    for (const auto& [cls, target] : rows[s]) {
      if (cls == c) return target;
    }
    return root[c];
  };
  std::vector<uint32_t> fail(n, 0);
  std::vector<uint32_t> order;  // BFS order.
  std::queue<uint32_t> queue;
  for (const auto& [c, next] : trie.edges[0]) queue.push(next);
  while (!queue.empty()) {
    uint32_t s = queue.front();
    queue.pop();
    order.push_back(s);
    std::map<uint32_t, uint32_t> merged(rows[fail[s]].begin(), rows[fail[s]].end());
    for (const auto& [c, next] : trie.edges[s]) {
      merged[c] = next;
      fail[next] = delta(fail[s], c);
      queue.push(next);
    }
    rows[s].assign(merged.begin(), merged.end());
  }
  // Output lists: own patterns, then the failure state's list (BFS order
  // guarantees the failure state is complete first).
  out_.assign(n, kNone);
  out_next_.clear();
  out_pattern_.clear();
  for (uint32_t s : order) {
    uint32_t tail = out_[fail[s]];
    for (auto it = trie.outputs[s].rbegin(); it != trie.outputs[s].rend(); ++it) {
      out_pattern_.push_back(*it);
      out_next_.push_back(tail);
      tail = static_cast<uint32_t>(out_pattern_.size() - 1);
    }
    out_[s] = tail;
  }
  Pack(order, root, rows);
}

// Renumbers states in BFS order (shallow, hot states first) and packs the
// rows; every target carries kOutputBit when that state has outputs.
void PatternMatcher::Pack(const std::vector<uint32_t>& order, const std::vector<uint32_t>& root,
                          const std::vector<std::vector<std::pair<uint32_t, uint32_t>>>& rows) {
  const size_t n = out_.size();
  std::vector<uint32_t> id(n, 0);
  for (size_t i = 0; i < order.size(); ++i) id[order[i]] = static_cast<uint32_t>(i + 1);
  auto flagged = [&](uint32_t old) { return id[old] | (out_[old] != kNone ? kOutputBit : 0); };
  root_row_.resize(classes_);
  for (uint32_t c = 0; c < classes_; ++c) root_row_[c] = flagged(root[c]);
  std::vector<uint32_t> out(n);
  out[0] = out_[0];
  edge_begin_.assign(1, 0);
  edge_begin_.push_back(0);  // The root has no sparse edges.
  edge_class_.clear();
  edge_target_.clear();
  for (uint32_t old : order) {
    out[id[old]] = out_[old];
    for (const auto& [c, target] : rows[old]) {
      edge_class_.push_back(c);
      edge_target_.push_back(flagged(target));
    }
    edge_begin_.push_back(static_cast<uint32_t>(edge_class_.size()));
  }
  out_.swap(out);
}

// Insertion sort: FindAll() reports hits by end offset, and patterns are a
// few characters long, so hits arrive nearly sorted by begin and each one
// moves back a step or two at most (std::sort costs more on such input).
void SortHits(std::vector<PatternMatch>* hits) {
  auto before = [](const PatternMatch& a, const PatternMatch& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return a.pattern < b.pattern;
  };
  PatternMatch* h = hits->data();
  for (size_t i = 1; i < hits->size(); ++i) {
    PatternMatch x = h[i];
    size_t j = i;
    for (; j > 0 && before(x, h[j - 1]); --j) h[j] = h[j - 1];
    h[j] = x;
  }
}

void ResolveLeftmostLongestInPlace(std::vector<PatternMatch>* hits) {
  SortHits(hits);
  ResolveSortedInPlace(hits);
}

void ResolveSortedInPlace(std::vector<PatternMatch>* hits) {
  size_t kept = 0;
  size_t covered = 0;
  for (const PatternMatch& hit : *hits) {
    if (kept > 0 && hit.begin < covered) continue;
    (*hits)[kept++] = hit;
    covered = hit.end;
  }
  hits->resize(kept);
}

std::vector<PatternMatch> ResolveLeftmostLongest(std::vector<PatternMatch> hits) {
  ResolveLeftmostLongestInPlace(&hits);
  return hits;
}

}  // namespace zhclean::internal
