// The stage API shared by the driver and the stages: warnings, rejection,
// extra JSONL input and output fields, through CleanStream and the
// ParallelCleaner alike.
#include "zhclean/pipeline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "zhclean/parallel.h"
#include "zhclean/stream.h"

namespace zhclean {
namespace {

// Copies its input. "W" in the input: a warning at that byte; "R": the
// document is rejected. Reads the fields `inputs`; on output sets
// "<prefix>seen" to the values it was given, joined by '|'.
class FieldStage : public Stage {
 public:
  FieldStage(std::vector<std::string> inputs, std::string prefix)
      : inputs_(std::move(inputs)), prefix_(std::move(prefix)) {}
  const char* name() const override { return "fields"; }
  std::vector<std::string> InputFields() const override { return inputs_; }
  void SetDocumentFields(const std::vector<std::string>& values) override {
    values_ = values;
  }
  Status Process(std::string_view in, std::string* out, EditLog* log) override {
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i] == 'W') log->Warn(log->chunk_base() + i, "saw W");
      if (in[i] == 'R') log->Reject("saw R");
    }
    out->append(in);
    return OkStatus();
  }
  void TakeOutputFields(std::vector<std::pair<std::string, std::string>>* fields) override {
    std::string joined;
    for (size_t i = 0; i < values_.size(); ++i) joined += (i > 0 ? "|" : "") + values_[i];
    fields->emplace_back(prefix_ + "seen", joined);
  }

 private:
  std::vector<std::string> inputs_;
  std::string prefix_;
  std::vector<std::string> values_;
};

struct Result {
  Status status;
  std::string out;
  StreamReport report;
  std::vector<std::string> diagnostics;
  std::vector<std::string> rejects;  // "document offset line reason|input".
};

std::unique_ptr<Pipeline> TwoStages() {
  auto p = std::make_unique<Pipeline>();
  p->Add(std::make_unique<FieldStage>(std::vector<std::string>{"url", "lang"}, "a_"));
  p->Add(std::make_unique<FieldStage>(std::vector<std::string>{"lang"}, "b_"));
  return p;
}

// Runs `input` through TwoStages(), on `jobs` workers when jobs > 0.
Result Clean(const std::string& input, StreamOptions o, size_t jobs = 0, bool rejects = false) {
  Result r;
  if (rejects) {
    o.rejects = [&r](const RejectedDocument& d) {
      r.rejects.push_back(std::to_string(d.document) + " " + std::to_string(d.offset) + " " +
                          std::to_string(d.line) + " " + std::string(d.reason) + "|" +
                          std::string(d.input) + (d.truncated ? "..." : ""));
    };
  }
  std::istringstream in(input);
  std::ostringstream out;
  DiagnosticSink diag = [&r](const Diagnostic& d) { r.diagnostics.push_back(d.ToString()); };
  if (jobs == 0) {
    auto pipeline = TwoStages();
    r.status = CleanStream("in", in, out, pipeline.get(), o, &r.report, diag);
  } else {
    auto cleaner = ParallelCleaner::Create(
        [](const EditSink*) -> StatusOr<std::unique_ptr<Pipeline>> { return TwoStages(); }, jobs,
        nullptr);
    r.status = (*cleaner)->Clean("in", in, out, o, &r.report, diag);
  }
  r.out = out.str();
  return r;
}

StreamOptions Jsonl() {
  StreamOptions o;
  o.format = DocumentFormat::kJsonl;
  o.chunk_size = 64;  // Several batches with -j.
  return o;
}

TEST(PipelineTest, InputFieldsAreTheUnionInOrder) {
  auto p = TwoStages();
  EXPECT_EQ(p->InputFields(), (std::vector<std::string>{"url", "lang"}));
}

TEST(PipelineTest, JsonlFieldsAreReadAndWrittenOtherBytesKept) {
  std::string input =
      "{\"id\": 1, \"url\":\"http://a\", \"text\":\"x\", \"a_seen\": {\"old\": [1]} }\n"
      "{\"text\":\"y\",\"lang\":\"zh\",\"b_seen\":\"old\",\"url\":7}\n"
      "{}\n";
  for (size_t jobs : {0, 1, 2}) {
    Result r = Clean(input, Jsonl(), jobs);
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    EXPECT_EQ(r.out,
              "{\"id\": 1, \"url\":\"http://a\", \"text\":\"x\", \"a_seen\": \"http://a|\" ,"
              "\"b_seen\":\"\"}\n"
              "{\"text\":\"y\",\"lang\":\"zh\",\"b_seen\":\"zh\",\"url\":7,\"a_seen\":\"|zh\"}\n")
        << "jobs " << jobs;
    EXPECT_EQ(r.diagnostics.size(), 1u);  // {} has no text field.
    EXPECT_EQ(r.report.changed_documents, 0u);
  }
}

TEST(PipelineTest, OutputFieldsAreIgnoredOutsideJsonl) {
  StreamOptions o;
  o.format = DocumentFormat::kLines;
  Result r = Clean("a\nb\n", o);
  EXPECT_EQ(r.out, "a\nb\n");
}

TEST(PipelineTest, WarningsNameStepByteAndLineAndAreCapped) {
  StreamOptions o;  // Text: one document.
  o.max_warnings = 2;
  Result r = Clean("ab\ncW\nW\nWW\n", o);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.out, "ab\ncW\nW\nWW\n");
  ASSERT_EQ(r.diagnostics.size(), 3u);
  EXPECT_EQ(r.diagnostics[0], "in: byte 4 (line 2): warning: fields: saw W");
  EXPECT_EQ(r.diagnostics[1], "in: byte 6 (line 3): warning: fields: saw W");
  EXPECT_EQ(r.diagnostics[2], "in: warning: 6 more warning(s) not shown");
  EXPECT_EQ(r.report.warnings, 8u);
}

TEST(PipelineTest, WarningsInParallelAreCappedOverTheInput) {
  StreamOptions o = Jsonl();
  std::string input;
  for (int i = 0; i < 30; ++i) input += "{\"text\":\"W\"}\n";
  Result serial = Clean(input, o);
  Result parallel = Clean(input, o, 2);
  ASSERT_EQ(serial.diagnostics.size(), 21u);
  EXPECT_EQ(parallel.diagnostics, serial.diagnostics);
  EXPECT_EQ(serial.diagnostics[0], "in: byte 0 (line 1): warning: fields: saw W");
  EXPECT_EQ(serial.diagnostics[20], "in: warning: 40 more warning(s) not shown");
  EXPECT_EQ(parallel.report.warnings, 60u);
}

TEST(PipelineTest, RejectedDocumentsAreWrittenAsCleanedWithoutASink) {
  StreamOptions o;
  o.format = DocumentFormat::kLines;
  Result r = Clean("a\nR\nb\n", o);
  EXPECT_EQ(r.out, "a\nR\nb\n");
  EXPECT_EQ(r.report.rejected, 1u);
}

TEST(PipelineTest, RejectedLinesGoToTheSinkWithTheirOriginalInput) {
  StreamOptions o;
  o.format = DocumentFormat::kLines;
  o.chunk_size = 16;
  std::string input = "a\nxR\n\xC3\x28 bad\n" + std::string(40, 'R') + "\nb";
  for (size_t jobs : {0, 2}) {
    Result r = Clean(input, o, jobs, /*rejects=*/true);
    ASSERT_TRUE(r.status.ok());
    EXPECT_EQ(r.out, "a\nb");
    EXPECT_EQ(r.report.documents, 5u);
    EXPECT_EQ(r.report.rejected, 3u);
    EXPECT_EQ(r.report.bad_records, 0u);
    ASSERT_EQ(r.rejects.size(), 3u);
    EXPECT_EQ(r.rejects[0], "1 2 2 fields: saw R|xR");
    EXPECT_EQ(r.rejects[1].rfind("2 5 3 invalid UTF-8 sequence 0xC3; repair it", 0), 0u)
        << r.rejects[1];
    EXPECT_NE(r.rejects[1].find("|\xC3\x28 bad"), std::string::npos);
    EXPECT_EQ(r.rejects[2], "3 12 4 fields: saw R|" + std::string(40, 'R'));
  }
}

TEST(PipelineTest, ATextDocumentIsRejectedWholeOrTruncated) {
  StreamOptions o;
  o.chunk_size = 16;
  std::string input = "first line\nsecond line R\nthird line\n";
  Result r = Clean(input, o, 0, true);
  EXPECT_EQ(r.out, "");
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0], "0 0 1 fields: saw R|" + input);
  o.max_record = 20;  // Too long to hold: written, with a warning.
  r = Clean(input, o, 0, true);
  EXPECT_EQ(r.out, input);
  EXPECT_TRUE(r.rejects.empty());
  EXPECT_EQ(r.report.rejected, 1u);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].find("kept in the output although rejected"), std::string::npos);
  o.max_record = 20;
  r = Clean("ok\n\xFF" + input, o, 0, true);  // Undecodable: its first 20 bytes.
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].substr(r.rejects[0].find('|')),
            "|" + ("ok\n\xFF" + input).substr(0, 20) + "...");
}

TEST(PipelineTest, BadJsonlRecordsGoToTheSink) {
  StreamOptions o = Jsonl();
  o.max_record = 40;
  std::string big = "{\"text\":\"" + std::string(60, 'x') + "\"}";
  std::string input = "{\"text\":\"a\"}\nnot json\n\n" + big + "\n{\"text\":\"R\"}\n{\"text\":\"b\"}\n";
  for (size_t jobs : {0, 2}) {
    Result r = Clean(input, o, jobs, true);
    ASSERT_TRUE(r.status.ok());
    EXPECT_EQ(r.report.documents, 5u);
    EXPECT_EQ(r.report.rejected, 3u);
    ASSERT_EQ(r.rejects.size(), 3u);
    EXPECT_EQ(r.rejects[0].rfind("1 13 2 not valid JSON", 0), 0u) << r.rejects[0];
    EXPECT_EQ(r.rejects[1], "2 23 4 record longer than 40 bytes (--max-record)|" +
                                big.substr(0, 40) + "...");
    EXPECT_EQ(r.rejects[2], "3 95 5 fields: saw R|{\"text\":\"R\"}");
    EXPECT_EQ(r.out.find("\"R\""), std::string::npos);
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3);  // Two records, one blank.
  }
}

}  // namespace
}  // namespace zhclean
