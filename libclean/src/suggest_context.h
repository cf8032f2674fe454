// Line-level evidence for `zh-fix suggest`: how a candidate's wrong string
// sits among the other candidates in the lines it occurs in.
//
//   std::vector<internal::GramEdit> edits = ...;  // One per candidate.
//   std::vector<bool> crowded = internal::CrowdedLines(texts, edits, 3.0, rare);
//   std::vector<double> rival = internal::ConflictingConfidence(texts, edits);
#ifndef ZHCLEAN_SRC_SUGGEST_CONTEXT_H_
#define ZHCLEAN_SRC_SUGGEST_CONTEXT_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace zhclean::internal {

// A candidate as an edit: `gram` (2 or 3 ideographs) with its character at
// `diff` replaced by `to`.
struct GramEdit {
  std::u32string gram;
  size_t diff = 0;
  char32_t to = 0;
  double confidence = 0;
};

// For each edit: true when some line holding its gram also holds, not
// overlapping it, the gram of an edit with confidence >= `above` or a
// character for which `rare` is true (a second suspect the edit would
// leave: "全国射箭很乐部赛冠孕", "十一砜筷子，即将干始").
std::vector<bool> CrowdedLines(const std::vector<std::string>& texts,
                               const std::vector<GramEdit>& edits, double above,
                               const std::function<bool(char32_t)>& rare);

// For each edit: the highest confidence of an edit that conflicts with it in
// some line (-infinity when none). Two edits conflict when their grams
// overlap there and they change the same character differently, or one
// changes a character inside the other's gram (思薯想: 思薯→思考 and
// 薯想→梦想; 鸣呐 and 呐鸣). Edits of the same gram conflict too.
std::vector<double> ConflictingConfidence(const std::vector<std::string>& texts,
                                          const std::vector<GramEdit>& edits);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_SUGGEST_CONTEXT_H_
