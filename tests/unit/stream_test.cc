#include "zhclean/stream.h"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "zhclean/convert.h"

namespace zhclean {
namespace {

// Replaces every "a" with "b", recording each change.
class AToBStage : public Stage {
 public:
  const char* name() const override { return "atob"; }
  Status Process(std::string_view in, std::string* out, EditLog* log) override {
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i] == 'a') {
        out->push_back('b');
        log->Record(log->chunk_base() + i, "a", "b", "test:atob", "test");
      } else {
        out->push_back(in[i]);
      }
    }
    return OkStatus();
  }
};

struct RunResult {
  Status status;
  std::string out;
  StreamReport report;
  std::vector<std::string> diagnostics;
  std::vector<std::string> edits;
};

RunResult Clean(const std::string& input, StreamOptions options,
              bool with_stage = true) {
  RunResult r;
  EditSink sink = [&r](const Edit& e) { r.edits.push_back(EditJson("in", e)); };
  Pipeline pipeline(&sink);
  if (with_stage) pipeline.Add(std::make_unique<AToBStage>());
  std::istringstream in(input);
  std::ostringstream out;
  r.status = CleanStream("in", in, out, &pipeline, options, &r.report,
                         [&r](const Diagnostic& d) { r.diagnostics.push_back(d.ToString()); });
  r.out = out.str();
  return r;
}

StreamOptions Format(DocumentFormat f) {
  StreamOptions o;
  o.format = f;
  return o;
}

TEST(StreamTest, TextIsOneDocumentAndKeepsLineEnds) {
  for (const std::string input : {"", "a", "a\n", "x\r\nya\r\n", "\n\n", "no final newline a"}) {
    RunResult r = Clean(input, Format(DocumentFormat::kText));
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    std::string want = input;
    for (char& c : want) c = c == 'a' ? 'b' : c;
    EXPECT_EQ(r.out, want);
    EXPECT_EQ(r.report.documents, input.empty() ? 0u : 1u);
    EXPECT_EQ(r.report.bytes_in, input.size());
  }
}

TEST(StreamTest, LinesAreDocumentsWithOffsetsPerDocument) {
  RunResult r = Clean("xa\nab\n\nc", Format(DocumentFormat::kLines));
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.out, "xb\nbb\n\nc");
  EXPECT_EQ(r.report.documents, 4u);
  EXPECT_EQ(r.report.changed_documents, 2u);
  ASSERT_EQ(r.edits.size(), 2u);
  EXPECT_EQ(r.edits[0],
            "{\"input\":\"in\",\"document\":0,\"step\":\"atob\",\"offset\":1,\"before\":\"a\","
            "\"after\":\"b\",\"rule\":\"test:atob\",\"reason\":\"test\"}\n");
  EXPECT_NE(r.edits[1].find("\"document\":1,\"step\":\"atob\",\"offset\":0"), std::string::npos);
}

TEST(StreamTest, NulSeparatedDocuments) {
  StreamOptions o = Format(DocumentFormat::kText);
  o.nul_separated = true;
  RunResult r = Clean(std::string("a\nb\0a", 5), o);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.out, std::string("b\nb\0b", 5));
  EXPECT_EQ(r.report.documents, 2u);
}

TEST(StreamTest, JsonlChangesOnlyTheChosenField) {
  StreamOptions o = Format(DocumentFormat::kJsonl);
  o.field = "body";
  std::string input =
      "{\"id\": 1.50, \"body\" : \"a\\u0061\" , \"text\":\"aaa\",\"z\":[1,{\"a\":2}]}\n"
      "{\"body\":\"xyz\",\"k\":\"\\u00e9\"}\n"
      "\n";
  RunResult r = Clean(input, o);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.out,
            "{\"id\": 1.50, \"body\" : \"bb\" , \"text\":\"aaa\",\"z\":[1,{\"a\":2}]}\n"
            "{\"body\":\"xyz\",\"k\":\"\\u00e9\"}\n"
            "\n");
  EXPECT_EQ(r.report.documents, 2u);
  EXPECT_EQ(r.report.changed_documents, 1u);
}

TEST(StreamTest, JsonlEscapesWhatJsonRequires) {
  StreamOptions o = Format(DocumentFormat::kJsonl);
  RunResult r = Clean("{\"text\":\"a\\\"\\n\\t\\u0001\\\\汉\"}", o);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.out, "{\"text\":\"b\\\"\\n\\t\\u0001\\\\汉\"}");
}

struct BadRecord {
  const char* line;
  const char* message;
};

TEST(StreamTest, JsonlBadRecordsAreReportedWithFileAndLine) {
  const BadRecord cases[] = {
      {"not json", "in:2: error: not valid JSON"},
      {"[1,2]", "in:2: error: not a JSON object"},
      {"{\"id\":1}", "in:2: error: no field \"text\""},
      {"{\"text\":3}", "in:2: error: field \"text\" is not a string"},
      {"{\"text\":\"a\"} trailing", "in:2: error: not valid JSON"},
  };
  for (const BadRecord& c : cases) {
    std::string input = std::string("{\"text\":\"a\"}\n") + c.line + "\n{\"text\":\"a\"}\n";
    StreamOptions o = Format(DocumentFormat::kJsonl);
    RunResult fail = Clean(input, o);
    ASSERT_TRUE(fail.status.ok());
    ASSERT_EQ(fail.diagnostics.size(), 1u) << c.line;
    EXPECT_EQ(fail.diagnostics[0].rfind(c.message, 0), 0u) << fail.diagnostics[0];
    EXPECT_EQ(fail.out, "{\"text\":\"b\"}\n{\"text\":\"b\"}\n");
    EXPECT_EQ(fail.report.bad_records, 1u);

    o.keep_bad_records = true;
    RunResult keep = Clean(input, o);
    EXPECT_EQ(keep.out, std::string("{\"text\":\"b\"}\n") + c.line + "\n{\"text\":\"b\"}\n");
    EXPECT_EQ(keep.report.kept_records, 1u);
    EXPECT_EQ(keep.report.bad_records, 0u);
  }
}

TEST(StreamTest, JsonlRecordOverTheCapIsSkippedOrKept) {
  StreamOptions o = Format(DocumentFormat::kJsonl);
  o.chunk_size = 16;
  o.max_record = 40;
  std::string big = "{\"text\":\"" + std::string(100, 'a') + "\"}";
  RunResult r = Clean("{\"text\":\"a\"}\n" + big + "\n{\"text\":\"a\"}", o);
  EXPECT_EQ(r.out, "{\"text\":\"b\"}\n{\"text\":\"b\"}");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0], "in:2: error: record longer than 40 bytes (--max-record)");
  o.keep_bad_records = true;
  r = Clean(big + "\n", o);
  EXPECT_EQ(r.out, big + "\n");
}

TEST(StreamTest, InvalidUtf8IsReportedWithOffsetAndLine) {
  RunResult text = Clean("ok\nab\xC3\x28z\n", Format(DocumentFormat::kText));
  EXPECT_EQ(text.status.code(), StatusCode::kDataError);
  EXPECT_EQ(text.status.message(),
            "in: byte 5 (line 2): error: invalid UTF-8 sequence 0xC3; repair it with "
            "zh-repair or pass --invalid keep");

  RunResult lines = Clean("a\n\xFF\xFE\na\n", Format(DocumentFormat::kLines));
  EXPECT_TRUE(lines.status.ok());
  EXPECT_EQ(lines.out, "b\nb\n");
  EXPECT_EQ(lines.report.bad_records, 1u);
  ASSERT_EQ(lines.diagnostics.size(), 1u);
  EXPECT_EQ(lines.diagnostics[0].rfind("in: byte 2 (line 2): error: invalid UTF-8 sequence 0xFF", 0), 0u);
}

TEST(StreamTest, InvalidKeepPassesBadBytesThroughUntouched) {
  StreamOptions o = Format(DocumentFormat::kText);
  o.keep_invalid_utf8 = true;
  std::string input = "a\xC3\x28" "a\n\xF4\x8F\xBF\xBF\xED\xA0\x80z\xE6\xB1";
  RunResult r = Clean(input, o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.out, "b\xC3\x28" "b\n\xF4\x8F\xBF\xBF\xED\xA0\x80z\xE6\xB1");
}

TEST(StreamTest, LongLinesAreSplitAtCodePointsWithAWarning) {
  StreamOptions o = Format(DocumentFormat::kText);
  o.chunk_size = 16;
  std::string line;
  for (int i = 0; i < 40; ++i) line += "汉";
  RunResult r = Clean(line + "\n短\n" + line + "\n", o);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.out, line + "\n短\n" + line + "\n");
  // One warning per long line (each is cut 7 times), at its first cut.
  EXPECT_EQ(r.report.split_lines, 2u);
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_NE(r.diagnostics[0].find("line 1): warning: line longer than the chunk size"),
            std::string::npos)
      << r.diagnostics[0];
  EXPECT_NE(r.diagnostics[1].find("line 3): warning"), std::string::npos) << r.diagnostics[1];
}

TEST(StreamTest, OutputDoesNotDependOnChunkSize) {
  std::string input;
  for (int i = 0; i < 50; ++i) input += "第" + std::to_string(i) + "行 a 汉字\n";
  input += std::string(300, 'a') + "\n\nlast a";
  RunResult whole = Clean(input, Format(DocumentFormat::kText));
  for (size_t chunk : {16, 17, 23, 64, 4096}) {
    for (DocumentFormat f : {DocumentFormat::kText, DocumentFormat::kLines}) {
      StreamOptions o = Format(f);
      o.chunk_size = chunk;
      RunResult r = Clean(input, o);
      ASSERT_TRUE(r.status.ok());
      EXPECT_EQ(r.out, whole.out) << "chunk " << chunk;
      EXPECT_EQ(r.report.bytes_in, input.size());
    }
  }
}

// Records the size of every piece it is given.
class PieceSizesStage : public Stage {
 public:
  explicit PieceSizesStage(std::vector<size_t>* sizes) : sizes_(sizes) {}
  const char* name() const override { return "sizes"; }
  Status Process(std::string_view in, std::string* out, EditLog*) override {
    sizes_->push_back(in.size());
    out->append(in);
    return OkStatus();
  }

 private:
  std::vector<size_t>* sizes_;
};

TEST(StreamTest, TextIsCleanedInBlocksWhileLinesMayReachTheChunkSize) {
  std::string input;
  while (input.size() < (700u << 10)) input += "第一行 汉字 a\n";
  input += std::string(600u << 10, 'x') + "\n";  // Over a block, under a chunk.
  while (input.size() < (1600u << 10)) input += "第二行 汉字\n";
  std::vector<size_t> sizes;
  Pipeline pipeline;
  pipeline.Add(std::make_unique<PieceSizesStage>(&sizes));
  StreamOptions o = Format(DocumentFormat::kText);  // Chunk 1 MB.
  std::istringstream in(input);
  std::ostringstream out;
  StreamReport report;
  ASSERT_TRUE(CleanStream("in", in, out, &pipeline, o, &report, nullptr).ok());
  EXPECT_EQ(out.str(), input);
  EXPECT_EQ(report.split_lines, 0u);
  EXPECT_GE(sizes.size(), 5u) << ::testing::PrintToString(sizes);
  size_t over_block = 0;
  for (size_t n : sizes) over_block += n > (256u << 10);
  EXPECT_EQ(over_block, 1u);  // Only the piece that holds the long line.
}

TEST(StreamTest, CheckModeWritesNothing) {
  StreamOptions o = Format(DocumentFormat::kLines);
  o.check = true;
  RunResult r = Clean("a\nx\n", o);
  EXPECT_TRUE(r.status.ok());
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.report.changed_documents, 1u);
}

TEST(StreamTest, StatsJsonCountsByStepAndRule) {
  Pipeline pipeline;
  pipeline.Add(std::make_unique<AToBStage>());
  std::istringstream in("aa\n");
  std::ostringstream out;
  StreamReport report;
  ASSERT_TRUE(CleanStream("in", in, out, &pipeline, StreamOptions(), &report, nullptr).ok());
  EXPECT_EQ(StatsJson("t", report, pipeline, 0.5),
            "{\"tool\":\"t\",\"documents\":1,\"changed_documents\":1,\"bytes_in\":3,"
            "\"bytes_out\":3,\"bad_records\":0,\"kept_records\":0,\"split_lines\":0,"
            "\"warnings\":0,\"rejected\":0,"
            "\"seconds\":0.500,\"changes\":{\"atob\":{\"test:atob\":2}}}");
}

TEST(StreamTest, ConvertStageIsChunkInvariant) {
  auto stage = NewConvertStage("s2t");
  ASSERT_TRUE(stage.ok()) << stage.status().ToString();
  std::string input = "软件开发的头发和后面的发展。\n汉字转换，计算机鼠标。\n";
  for (int i = 0; i < 5; ++i) input += input;
  std::string want;
  for (size_t chunk : {16, 64, 4096}) {
    Pipeline pipeline;
    pipeline.Add(std::move(*NewConvertStage("s2t")));
    StreamOptions o;
    o.chunk_size = chunk;
    std::istringstream in(input);
    std::ostringstream out;
    StreamReport report;
    ASSERT_TRUE(CleanStream("in", in, out, &pipeline, o, &report, nullptr).ok());
    if (want.empty()) want = out.str();
    EXPECT_EQ(out.str(), want) << chunk;
  }
  EXPECT_NE(want.find("軟件開發的頭髮和後面的發展"), std::string::npos);
}

}  // namespace
}  // namespace zhclean

namespace zhclean {
namespace {

// Emits its input one byte per Process call late: holds everything and
// releases it in odd-sized pieces, so the next stage would see broken lines
// if the pipeline did not re-cut between stages.
class RaggedStage : public Stage {
 public:
  const char* name() const override { return "ragged"; }
  Status Process(std::string_view in, std::string* out, EditLog*) override {
    held_.append(in);
    size_t n = held_.size() / 3;
    out->append(held_, 0, n);
    held_.erase(0, n);
    return OkStatus();
  }
  Status Finish(std::string* out, EditLog*) override {
    out->append(held_);
    held_.clear();
    return OkStatus();
  }

 private:
  std::string held_;
};

// Fails the test if a chunk ends inside a line (except at document end).
class WholeLinesStage : public Stage {
 public:
  explicit WholeLinesStage(int* broken) : broken_(broken) {}
  const char* name() const override { return "lines"; }
  Status Process(std::string_view in, std::string* out, EditLog*) override {
    if (!in.empty() && in.back() != '\n') ++*broken_;
    out->append(in);
    return OkStatus();
  }

 private:
  int* broken_;
};

TEST(PipelineTest, StagesAfterTheFirstSeeWholeLines) {
  std::string input;
  for (int i = 0; i < 200; ++i) input += "line " + std::to_string(i) + " 汉字\n";
  input += "no newline at end";
  int broken = 0;
  Pipeline pipeline;
  pipeline.Add(std::make_unique<RaggedStage>());
  pipeline.Add(std::make_unique<WholeLinesStage>(&broken));
  pipeline.Add(std::make_unique<AToBStage>());
  StreamOptions o;
  o.chunk_size = 64;
  std::istringstream in(input);
  std::ostringstream out;
  StreamReport report;
  ASSERT_TRUE(CleanStream("in", in, out, &pipeline, o, &report, nullptr).ok());
  std::string want = input;
  for (char& c : want) c = c == 'a' ? 'b' : c;
  EXPECT_EQ(out.str(), want);
  EXPECT_EQ(broken, 1);  // Only the final, newline-less piece.

  Pipeline first, second;
  first.Add(std::make_unique<AToBStage>());
  second.Add(std::make_unique<RaggedStage>());
  first.Append(std::move(second));
  EXPECT_EQ(first.logs().size(), 2u);
  EXPECT_EQ(first.logs()[1]->step(), "ragged");
}

}  // namespace
}  // namespace zhclean
