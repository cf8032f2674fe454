#include "suggest_lm.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace zhclean::internal {

void WordModel::Add(const std::u32string& word, uint64_t count) {
  if (word.empty() || word.size() > kMaxWord || count == 0) return;
  counts_[word] += count;
  for (char32_t c : word) char_counts_[c] += count;
  total_ += count;
}

uint64_t WordModel::CharCount(char32_t c) const {
  auto it = char_counts_.find(c);
  return it == char_counts_.end() ? 0 : it->second;
}

uint64_t WordModel::Count(const std::u32string& word) const {
  auto it = counts_.find(word);
  return it == counts_.end() ? 0 : it->second;
}

double WordModel::BestLog10(std::u32string_view text) const {
  if (total_ == 0) return 0;
  const double log_total = std::log10(static_cast<double>(total_));
  const double unknown = -log_total - 1;  // Count 0.1.
  std::vector<double> best(text.size() + 1, -1e300);
  best[0] = 0;
  std::u32string word;
  for (size_t end = 1; end <= text.size(); ++end) {
    for (size_t len = 1; len <= std::min(kMaxWord, end); ++len) {
      word.assign(text.substr(end - len, len));
      uint64_t c = Count(word);
      if (c == 0 && len > 1) continue;
      double lp = c == 0 ? unknown : std::log10(static_cast<double>(c)) - log_total;
      best[end] = std::max(best[end], best[end - len] + lp);
    }
  }
  return best[text.size()];
}

double ReplacementGain(const WordModel& model, std::u32string_view run, size_t begin, size_t n,
                       std::u32string_view right) {
  size_t lo = begin >= kGainContext ? begin - kGainContext : 0;
  size_t hi = std::min(run.size(), begin + n + kGainContext);
  std::u32string before(run.substr(lo, hi - lo));
  std::u32string after(run.substr(lo, begin - lo));
  after.append(right);
  after.append(run.substr(begin + n, hi - begin - n));
  return model.BestLog10(after) - model.BestLog10(before);
}

}  // namespace zhclean::internal
