#include "zhclean/parallel.h"

#include <gtest/gtest.h>

#include <sstream>

#include "zhclean/convert.h"

namespace zhclean {
namespace {

struct Result {
  Status status;
  std::string out;
  std::vector<std::string> diagnostics, edits;
  StreamReport report;
  std::string stats;
};

StatusOr<std::unique_ptr<Pipeline>> Build(const EditSink* sink) {
  auto p = std::make_unique<Pipeline>(sink);
  ZHCLEAN_ASSIGN_OR_RETURN(auto stage, NewConvertStage("s2t"));
  p->Add(std::move(stage));
  return p;
}

Result CleanWith(const std::string& input, const StreamOptions& options, size_t jobs) {
  Result r;
  EditSink sink = [&r](const Edit& e) { r.edits.push_back(EditJson("in", e)); };
  DiagnosticSink diag = [&r](const Diagnostic& d) { r.diagnostics.push_back(d.ToString()); };
  std::istringstream in(input);
  std::ostringstream out;
  if (jobs == 0) {
    auto p = Build(&sink);
    r.status = CleanStream("in", in, out, p->get(), options, &r.report, diag);
    r.stats = StatsJson("t", r.report, **p, 0);
  } else {
    auto cleaner = ParallelCleaner::Create(Build, jobs, &sink);
    EXPECT_TRUE(cleaner.ok());
    r.status = (*cleaner)->Clean("in", in, out, options, &r.report, diag);
    r.stats = StatsJson("t", r.report, (*cleaner)->pipelines(), 0);
  }
  r.out = out.str();
  return r;
}

TEST(ParallelTest, SameOutputDiagnosticsEditsAndStatsAsSequential) {
  std::string jsonl, lines;
  for (int i = 0; i < 400; ++i) {
    std::string text = "第" + std::to_string(i) + "条软件头发";
    jsonl += i % 97 == 5 ? "not json\n" : "{\"id\":" + std::to_string(i) + ",\"text\":\"" + text + "\"}\n";
    lines += i % 89 == 3 ? "bad \xFF byte\n" : text + "\n";
  }
  jsonl += "{\"text\":\"末尾没有换行\"}";
  for (DocumentFormat format : {DocumentFormat::kJsonl, DocumentFormat::kLines}) {
    const std::string& input = format == DocumentFormat::kJsonl ? jsonl : lines;
    StreamOptions options;
    options.format = format;
    options.chunk_size = 500;  // Many small batches.
    Result sequential = CleanWith(input, options, 0);
    for (size_t jobs : {1, 2, 5}) {
      Result parallel = CleanWith(input, options, jobs);
      EXPECT_EQ(parallel.status.ok(), sequential.status.ok());
      EXPECT_EQ(parallel.out, sequential.out) << jobs;
      EXPECT_EQ(parallel.diagnostics, sequential.diagnostics) << jobs;
      EXPECT_EQ(parallel.edits, sequential.edits) << jobs;
      EXPECT_EQ(parallel.stats, sequential.stats) << jobs;
    }
    EXPECT_FALSE(sequential.diagnostics.empty());
    EXPECT_GT(sequential.edits.size(), 400u);
  }
}

TEST(ParallelTest, TextFormatIsRefused) {
  StreamOptions options;
  Result r = CleanWith("abc\n", options, 2);
  EXPECT_EQ(r.status.code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace zhclean
