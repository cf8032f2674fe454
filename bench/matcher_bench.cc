// The zh-fix matcher (Aho–Corasick DFA over UTF-8 bytes) against the
// libraries it replaces: an ICU RegexMatcher and a std::regex over the
// alternation of the same patterns (every wrong side of the shipped rules).
// Input: the seed documents repeated to 256 KiB (about 1 spun passage in 5).
//
//   build-fix/bench/matcher_bench --benchmark_min_time=1
#include <benchmark/benchmark.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "fix_rules.h"
#include "matcher.h"
#include "zhclean/fix.h"

namespace {

std::vector<std::string> Patterns() {
  zhclean::FixRuleSet rules;
  std::vector<zhclean::Diagnostic> errors;
  (void)zhclean::LoadFixRules(std::string(ZHCLEAN_SOURCE_DIR) + "/rules", &rules, &errors);
  std::vector<std::string> out;
  for (const auto& r : rules.compiled().rules) out.push_back(r.wrong);
  // Longest first, so that the regex alternation is leftmost-longest too.
  std::stable_sort(out.begin(), out.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return out;
}

const std::string& Text() {
  static const std::string text = [] {
    std::string seeds;
    for (const char* name : {"002_cadf0b8236b09334", "003_a97e58f28c234661", "004_f735b9dd96c8fd75"}) {
      std::ifstream in(std::string(ZHCLEAN_SOURCE_DIR) + "/samples/" + name + "/input.txt",
                       std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      seeds += s.str();
    }
    std::string t;
    while (t.size() < (256 << 10)) t += seeds;
    return t;
  }();
  return text;
}

void BM_AhoCorasick(benchmark::State& state) {
  zhclean::internal::PatternMatcher m;
  m.Build(Patterns());
  const std::string& text = Text();
  for (auto _ : state) {
    auto hits = m.FindLeftmostLongest(text, [](const zhclean::internal::PatternMatch&) {
      return true;
    });
    benchmark::DoNotOptimize(hits.size());
    state.counters["hits"] = static_cast<double>(hits.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_AhoCorasick)->Unit(benchmark::kMillisecond);

void BM_AhoCorasickBuild(benchmark::State& state) {
  std::vector<std::string> patterns = Patterns();
  for (auto _ : state) {
    zhclean::internal::PatternMatcher m;
    m.Build(patterns);
    benchmark::DoNotOptimize(m.state_count());
  }
}
BENCHMARK(BM_AhoCorasickBuild)->Unit(benchmark::kMicrosecond);

void BM_IcuRegexAlternation(benchmark::State& state) {
  icu::UnicodeString alternation;
  for (const std::string& p : Patterns()) {
    if (!alternation.isEmpty()) alternation += u'|';
    alternation += u"\\Q" + icu::UnicodeString::fromUTF8(p) + u"\\E";
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::RegexPattern* pattern = icu::RegexPattern::compile(alternation, 0, status);
  if (U_FAILURE(status)) {
    state.SkipWithError("ICU regex did not compile");
    return;
  }
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(Text());
  for (auto _ : state) {
    UErrorCode s = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(pattern->matcher(text, s));
    int64_t hits = 0;
    while (m->find(s) && U_SUCCESS(s)) ++hits;
    state.counters["hits"] = static_cast<double>(hits);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Text().size()));
  delete pattern;
}
BENCHMARK(BM_IcuRegexAlternation)->Unit(benchmark::kMillisecond);

void BM_StdRegexAlternation(benchmark::State& state) {
  std::string alternation;
  for (const std::string& p : Patterns()) alternation += (alternation.empty() ? "" : "|") + p;
  std::regex re(alternation);  // Patterns are CJK text: no metacharacters.
  // std::regex is slow; a 32 KiB slice keeps the run short.
  const std::string text = Text().substr(0, 32 << 10);
  for (auto _ : state) {
    int64_t hits = std::distance(std::sregex_iterator(text.begin(), text.end(), re),
                                 std::sregex_iterator());
    state.counters["hits"] = static_cast<double>(hits);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_StdRegexAlternation)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
