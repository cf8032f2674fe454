// Typo and spun-text repair from rule files (zh-fix), and the rule miner.
//
//   zhclean::FixRuleSet rules;
//   std::vector<zhclean::Diagnostic> errors;
//   zhclean::Status s = zhclean::LoadFixRules("rules", &rules, &errors);
//   if (!s.ok()) { for (const auto& e : errors) Report(e.ToString()); }
//   auto shared = std::make_shared<const zhclean::FixRuleSet>(std::move(rules));
//   pipeline.Add(zhclean::NewFixStage(shared));
//
// Rule files are `rules/typos/*.tsv` (kind=typo) and `rules/spin/*.tsv`
// (kind=spin, one file per spinner dialect); the grammar is in
// rules/typos/README.md and rules/spin/README.md.
#ifndef ZHCLEAN_FIX_H_
#define ZHCLEAN_FIX_H_

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "zhclean/diagnostic.h"
#include "zhclean/pipeline.h"
#include "zhclean/status.h"

namespace zhclean {

namespace internal {
struct CompiledFixRules;
}  // namespace internal

// Every typo and spin rule, compiled once into one automaton.
// Not copyable: owns the compiled automaton; share it as
// std::shared_ptr<const FixRuleSet>. Immutable after loading, so one set
// may serve many threads.
class FixRuleSet {
 public:
  FixRuleSet();
  ~FixRuleSet();
  FixRuleSet(FixRuleSet&&) noexcept;
  FixRuleSet& operator=(FixRuleSet&&) noexcept;
  FixRuleSet(const FixRuleSet&) = delete;
  FixRuleSet& operator=(const FixRuleSet&) = delete;

  size_t rule_count() const;
  size_t marker_count() const;
  // Spin dialect names (spin file stems, e.g. "baidu"), in load order.
  std::vector<std::string> dialects() const;
  // Longest wrong side, in bytes.
  size_t MaxKeyLength() const;

  const internal::CompiledFixRules& compiled() const { return *impl_; }
  internal::CompiledFixRules* mutable_compiled() { return impl_.get(); }

 private:
  std::unique_ptr<internal::CompiledFixRules> impl_;
};

// One rule file given as text (for tests and embedded rules).
struct FixRuleSource {
  std::string path;  // Reported in diagnostics; its parent directory name
                     // ("typos" or "spin") selects the kind.
  std::string text;
};

// Parses and checks `sources`, then compiles them into *out. Every problem
// (syntax, unknown option, empty wrong side, wrong == right, duplicate,
// cycle a→b→a, invalid UTF-8) is appended to *errors as "path:line:col".
// Returns kInvalidArgument when there is any error.
Status ParseFixRules(const std::vector<FixRuleSource>& sources, FixRuleSet* out,
                     std::vector<Diagnostic>* errors);

// Loads every `rules_dir`/typos/*.tsv and `rules_dir`/spin/*.tsv (sorted by
// name) and compiles them. kNotFound when neither directory exists;
// kInvalidArgument (with *errors) for bad rules.
Status LoadFixRules(const std::string& rules_dir, FixRuleSet* out,
                    std::vector<Diagnostic>* errors);

// How spun passages are found (see docs/fix.md for the calibration).
struct SpinOptions {
  size_t window = 2;          // Paragraphs each side of the one judged.
  uint32_t min_markers = 3;   // Markers of one dialect needed in the window.
  double min_density = 1.0;   // And markers per 1000 characters.
};

// A stage applying `rules`: `always` rules everywhere their guards allow,
// `spun` rules only in paragraphs judged spun by their file's dialect.
// Holds back up to 2 * window + 1 non-blank paragraphs; emits them by Finish().
std::unique_ptr<Stage> NewFixStage(std::shared_ptr<const FixRuleSet> rules,
                                   const SpinOptions& options = {});

// --- zh-fix suggest -------------------------------------------------------

struct SuggestOptions {
  std::vector<std::string> corpus_paths;  // Files or directories (recursive).
  std::string dictionary_path;            // jieba dict.txt ("" for none).
  size_t max_candidates = 40;
  uint64_t min_right_count = 3;   // Corpus count of the right word.
  uint64_t max_wrong_count = 5;   // A typo is rare.
  // > 0: a dictionary word with at least this count is a right word even
  // when the corpus lacks it (small corpora), and candidates are ranked by
  // confidence instead of score.
  uint64_t min_dictionary_right = 0;
  // Drops a candidate when a line holding its wrong string also holds,
  // outside it, another candidate's wrong string of at least this
  // confidence: a second error the rule would leave unfixed (sentence-level
  // precision). Infinity: off.
  double alone_above = std::numeric_limits<double>::infinity();
};

struct TypoCandidate {
  std::string wrong;
  std::string right;
  uint64_t wrong_count = 0;       // In the corpus.
  uint64_t right_count = 0;       // In the corpus.
  uint64_t dictionary_count = 0;  // Right word's count in the dictionary.
  std::string confusion;          // Why the characters are confusable.
  std::string example;            // A context of the wrong string.
  double score = 0;
  // Evidence that applying the rule is right (needs the dictionary): the
  // log10 gain of the text under a unigram word model, capped by the
  // margin over other right words, plus the shape evidence of the confused
  // characters (docs/fix.md). Above ~7 on the CSC test set, ~0.9 precise.
  double confidence = 0;
};

// Mines candidate typo rules from the corpus (never applies them). Ranked
// by score, best first. kNotFound when an input cannot be read.
Status SuggestTypoRules(const SuggestOptions& options,
                        std::vector<TypoCandidate>* out);

// "wrong<TAB>right<TAB># counts, confusion, example" (a rule-file line).
std::string FormatTypoCandidate(const TypoCandidate& candidate);

}  // namespace zhclean

#endif  // ZHCLEAN_FIX_H_
