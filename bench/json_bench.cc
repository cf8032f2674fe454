// Why simdjson: the JSONL reader must validate each record and find one
// string field without touching the other bytes. This compares that work
// with the three JSON libraries Debian ships, on JSONL made from the seeds.
//   cmake -B build-bench -DZHCLEAN_BUILD_BENCHMARKS=ON && ninja -C build-bench json_bench
//   build-bench/bench/json_bench
#include <benchmark/benchmark.h>
#include <rapidjson/document.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "jsonl_record.h"

namespace {

std::vector<std::string> Records() {
  static std::vector<std::string> records = [] {
    std::vector<std::string> out;
    std::string dir = std::string(ZHCLEAN_SOURCE_DIR) + "/samples";
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      std::ifstream in(e.path() / "input.txt", std::ios::binary);
      if (!in) continue;
      std::string line;
      int n = 0;
      while (std::getline(in, line)) {
        std::string rec = "{\"id\":" + std::to_string(n++) + ",\"url\":\"http://example.com/" +
                          std::to_string(n) + "\",\"text\":";
        zhclean::internal::AppendJsonString(line, &rec);
        rec += ",\"lang\":\"zh\",\"score\":0.87}";
        out.push_back(rec + std::string(64, ' '));  // Padding for simdjson.
      }
    }
    return out;
  }();
  return records;
}

int64_t TotalBytes(const std::vector<std::string>& r) {
  int64_t n = 0;
  for (const auto& s : r) n += static_cast<int64_t>(s.size() - 64);
  return n;
}

void BM_SimdjsonLocate(benchmark::State& state) {
  const auto& records = Records();
  zhclean::internal::JsonlFieldLocator locator;
  for (auto _ : state) {
    for (const auto& r : records) {
      auto span = locator.Locate(std::string_view(r.data(), r.size() - 64), r.size(), "text");
      benchmark::DoNotOptimize(span);
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes(records));
}
BENCHMARK(BM_SimdjsonLocate);

void BM_NlohmannOrderedParseDump(benchmark::State& state) {
  const auto& records = Records();
  for (auto _ : state) {
    for (const auto& r : records) {
      auto j = nlohmann::ordered_json::parse(r.begin(), r.end() - 64);
      std::string text = j["text"].get<std::string>();
      benchmark::DoNotOptimize(j.dump());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes(records));
}
BENCHMARK(BM_NlohmannOrderedParseDump);

void BM_RapidjsonParseField(benchmark::State& state) {
  const auto& records = Records();
  for (auto _ : state) {
    for (const auto& r : records) {
      rapidjson::Document d;
      d.Parse(r.data(), r.size() - 64);
      benchmark::DoNotOptimize(d["text"].GetString());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes(records));
}
BENCHMARK(BM_RapidjsonParseField);

}  // namespace

BENCHMARK_MAIN();
