// Throughput of the normalize stage (all rules on) on clean text, which
// takes the fast path, and on text that needs changes on most lines.
//
//   cmake -B build -DZHCLEAN_BUILD_BENCHMARKS=ON && ninja -C build
//   normalize_bench build/bench/normalize_bench
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "utf8.h"
#include "zhclean/normalize.h"

namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Clean text: zuozhuan.txt from ../shared, as LF text (the stage keeps a
// CRLF file as it is, but LF is the common case).
std::string CleanText() {
  std::string text = ReadFile(std::filesystem::path(ZHCLEAN_SHARED_DIR) /
                              "corpora/zuozhuan.txt");
  std::string lf;
  lf.reserve(text.size());
  for (char c : text) {
    if (c != '\r') lf.push_back(c);
  }
  return lf;
}

// Text that needs work on most lines: the seeds with leaked ruby and
// half-width punctuation, repeated to about 2 MB.
std::string DirtyText() {
  std::filesystem::path samples =
      std::filesystem::path(ZHCLEAN_SOURCE_DIR) / "samples";
  std::string one = ReadFile(samples / "001_685f646d0e7a449a/input.txt") +
                    "\n" +
                    ReadFile(samples / "002_cadf0b8236b09334/input.txt") + "\n";
  std::string text;
  while (text.size() < (2u << 20)) text += one;
  return text;
}

void RunStage(benchmark::State& state, const std::string& text) {
  if (text.empty()) {
    state.SkipWithError("input text not found (../shared absent?)");
    return;
  }
  auto stage = zhclean::NewNormalizeStage({});
  if (!stage.ok()) {
    state.SkipWithError(stage.status().ToString().c_str());
    return;
  }
  zhclean::EditLog log("normalize", nullptr);
  std::string out;
  constexpr size_t kChunk = 1 << 20;  // The driver's default block.
  for (auto _ : state) {
    out.clear();
    log.StartDocument(0);
    (*stage)->BeginDocument();
    for (size_t pos = 0; pos < text.size(); pos += kChunk) {
      std::string_view piece = std::string_view(text).substr(pos, kChunk);
      benchmark::DoNotOptimize((*stage)->Process(piece, &out, &log).ok());
      log.AdvanceChunk(piece.size());
    }
    benchmark::DoNotOptimize((*stage)->Finish(&out, &log).ok());
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
  state.counters["edits"] = static_cast<double>(log.document_edits());
}

void BM_NormalizeClean(benchmark::State& state) {
  static const std::string text = CleanText();
  RunStage(state, text);
}
BENCHMARK(BM_NormalizeClean)->Unit(benchmark::kMillisecond);

// The same text as a CRLF file, as stored in ../shared.
void BM_NormalizeCleanCrlf(benchmark::State& state) {
  static const std::string text = ReadFile(
      std::filesystem::path(ZHCLEAN_SHARED_DIR) / "corpora/zuozhuan.txt");
  RunStage(state, text);
}
BENCHMARK(BM_NormalizeCleanCrlf)->Unit(benchmark::kMillisecond);

void BM_NormalizeDirty(benchmark::State& state) {
  static const std::string text = DirtyText();
  RunStage(state, text);
}
BENCHMARK(BM_NormalizeDirty)->Unit(benchmark::kMillisecond);

// Reference: UTF-8 validation of the same clean text.
void BM_ValidateUtf8Clean(benchmark::State& state) {
  static const std::string text = CleanText();
  for (auto _ : state) {
    benchmark::DoNotOptimize(zhclean::internal::ValidUtf8Prefix(text));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ValidateUtf8Clean)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
