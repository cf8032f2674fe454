// A unigram word model for `zh-fix suggest`: how probable a stretch of text
// is under its best segmentation into dictionary words (the jieba way:
// the most probable path through every dictionary word of the stretch).
// Used as evidence for a candidate rule: writing 耳朵 for 耳杂 in
// "头发耳杂" turns two rare single characters into a common word.
//
//   internal::WordModel m;
//   m.Add(U"耳朵", 2044);
//   double gain = internal::ReplacementGain(m, U"头发耳杂", 2, 2, U"耳朵");
#ifndef ZHCLEAN_SRC_SUGGEST_LM_H_
#define ZHCLEAN_SRC_SUGGEST_LM_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace zhclean::internal {

class WordModel {
 public:
  // Adds `count` occurrences of `word` (words longer than kMaxWord
  // characters are ignored).
  void Add(const std::u32string& word, uint64_t count);
  bool empty() const { return total_ == 0; }
  void Reserve(size_t words) { counts_.reserve(words); }
  // The word's count, 0 when absent.
  uint64_t Count(const std::u32string& word) const;
  // The summed count of the words holding `c` (0: no word has it).
  uint64_t CharCount(char32_t c) const;

  // log10 probability of the best segmentation of `text` into words; a
  // character that is no word costs as much as a word seen a tenth as
  // often as the rarest one (count 0.1).
  double BestLog10(std::u32string_view text) const;

  static constexpr size_t kMaxWord = 6;

 private:
  std::unordered_map<std::u32string, uint64_t> counts_;
  std::unordered_map<char32_t, uint64_t> char_counts_;
  uint64_t total_ = 0;
};

// log10 gain in probability of writing `right` for the `n` characters at
// `begin` of `run`, judged on up to kGainContext characters each side.
// Positive: the text reads better with `right`.
double ReplacementGain(const WordModel& model, std::u32string_view run, size_t begin,
                       size_t n, std::u32string_view right);

constexpr size_t kGainContext = 4;

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_SUGGEST_LM_H_
