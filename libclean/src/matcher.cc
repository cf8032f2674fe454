#include "matcher.h"

#include <algorithm>
#include <map>
#include <queue>

namespace zhclean::internal {

namespace {

// The goto trie before it becomes a DFA: sparse edges per state.
struct Trie {
  std::vector<std::map<uint8_t, uint32_t>> edges{1};
  std::vector<std::vector<uint32_t>> outputs{1};

  void Add(const std::string& pattern, uint32_t index) {
    uint32_t state = 0;
    for (unsigned char c : pattern) {
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

}  // namespace

void PatternMatcher::Build(const std::vector<std::string>& patterns) {
  Trie trie;
  lengths_.clear();
  max_len_ = 0;
  std::fill(std::begin(byte_class_), std::end(byte_class_), 0);
  for (uint32_t i = 0; i < patterns.size(); ++i) {
    trie.Add(patterns[i], i);
    lengths_.push_back(static_cast<uint32_t>(patterns[i].size()));
    max_len_ = std::max(max_len_, patterns[i].size());
  }
  // Every byte used by a pattern gets its own class; the rest share 0.
  classes_ = 1;
  for (const auto& edges : trie.edges) {
    for (const auto& [byte, next] : edges) {
      if (byte_class_[byte] == 0) byte_class_[byte] = static_cast<uint16_t>(classes_++);
    }
  }
  const size_t n = trie.edges.size();
  delta_.assign(n * classes_, 0);
  std::vector<uint32_t> fail(n, 0);
  std::vector<uint32_t> order;  // BFS order.
  std::queue<uint32_t> queue;
  for (const auto& [byte, next] : trie.edges[0]) {
    delta_[byte_class_[byte]] = next;
    queue.push(next);
  }
  while (!queue.empty()) {
    uint32_t s = queue.front();
    queue.pop();
    order.push_back(s);
    // Start from the failure state's row, then overwrite with own edges.
    std::copy_n(&delta_[fail[s] * classes_], classes_, &delta_[s * classes_]);
    for (const auto& [byte, next] : trie.edges[s]) {
      fail[next] = delta_[fail[s] * classes_ + byte_class_[byte]];
      delta_[s * classes_ + byte_class_[byte]] = next;
      queue.push(next);
    }
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
}

std::vector<PatternMatch> ResolveLeftmostLongest(std::vector<PatternMatch> hits) {
  std::sort(hits.begin(), hits.end(), [](const PatternMatch& a, const PatternMatch& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return a.pattern < b.pattern;
  });
  std::vector<PatternMatch> chosen;
  size_t covered = 0;
  for (const PatternMatch& hit : hits) {
    if (!chosen.empty() && hit.begin < covered) continue;
    chosen.push_back(hit);
    covered = hit.end;
  }
  return chosen;
}

}  // namespace zhclean::internal
