// Stage and Pipeline: the unit of cleaning and their ordered chain.
//
//   zhclean::Pipeline p;
//   p.Add(std::move(convert_stage));
//   p.BeginDocument(0);
//   std::string out;
//   zhclean::Status s = p.Process("汉字\n", &out);
//   if (s.ok()) s = p.Finish(&out);
#ifndef ZHCLEAN_PIPELINE_H_
#define ZHCLEAN_PIPELINE_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zhclean/edit.h"
#include "zhclean/status.h"

namespace zhclean {

// One cleaning step. A stage sees one document at a time, fed in chunks:
// each chunk holds whole lines (ending in '\n'), except that the last chunk
// of a document may lack the final newline and a line longer than the
// driver's cap arrives in pieces cut at code-point boundaries. A stage may
// hold back text (for context) and must emit it by Finish().
class Stage {
 public:
  virtual ~Stage() = default;
  // Short name used in --explain and --stats, e.g. "convert".
  virtual const char* name() const = 0;
  // Called before the first chunk of every document.
  virtual void BeginDocument() {}
  // Appends the cleaned form of `in` to *out and records every change.
  virtual Status Process(std::string_view in, std::string* out,
                         EditLog* log) = 0;
  // Appends whatever is still held back for the current document.
  virtual Status Finish(std::string* /*out*/, EditLog* /*log*/) {
    return OkStatus();
  }
  // True for stages that take arbitrary bytes (zh-repair); all others are
  // fed valid UTF-8 only.
  virtual bool AcceptsInvalidUtf8() const { return false; }
  // JSONL fields other than the text field that this stage reads (e.g.
  // {"url"} for --site-field url).
  virtual std::vector<std::string> InputFields() const { return {}; }
  // Before each document (before BeginDocument()): the values of
  // InputFields(), in order; "" when the field is absent or not a string,
  // or when the format is not JSONL.
  virtual void SetDocumentFields(const std::vector<std::string>& /*values*/) {}
  // After Finish(): fields to set on this JSONL record (replacing a field of
  // that name, else appended); ignored for text and line documents.
  virtual void TakeOutputFields(std::vector<std::pair<std::string, std::string>>* /*fields*/) {}
};

// An ordered list of stages run on the same document, output to input.
// Not copyable: owns its stages and their per-document state.
class Pipeline {
 public:
  explicit Pipeline(const EditSink* sink = nullptr) : sink_(sink) {}
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  void Add(std::unique_ptr<Stage> stage);
  // Moves every stage of `other` to the end of this pipeline.
  void Append(Pipeline&& other);
  bool empty() const { return stages_.empty(); }
  bool AcceptsInvalidUtf8() const;

  // The union of the stages' InputFields(), in order of first mention.
  const std::vector<std::string>& InputFields() const { return input_fields_; }
  // `values` holds one value per InputFields() entry; each stage gets its
  // own fields' values. Call before BeginDocument().
  void SetDocumentFields(const std::vector<std::string>& values);
  // After Finish(): every stage's output fields, in stage order (a later
  // stage's field of the same name comes later and wins).
  void TakeOutputFields(std::vector<std::pair<std::string, std::string>>* fields);
  // The first rejection of the current document, as "step: reason"; empty
  // when no stage rejected it.
  std::string RejectReason() const;

  void BeginDocument(uint64_t document);
  // Runs `in` through every stage; appends the last stage's output.
  Status Process(std::string_view in, std::string* out);
  // Flushes every stage in order; appends the remaining output.
  Status Finish(std::string* out);
  // Number of edits made to the current document so far.
  uint64_t DocumentEdits() const;
  // Per-stage edit logs, in stage order.
  const std::vector<std::unique_ptr<EditLog>>& logs() const { return logs_; }

 private:
  Status RunFrom(size_t first, std::string_view in, std::string* out);

  const EditSink* sink_;
  std::vector<std::unique_ptr<Stage>> stages_;
  std::vector<std::unique_ptr<EditLog>> logs_;
  // carry_[i] holds stage i's output not yet passed on: stage i+1 is fed
  // whole lines only (as the driver feeds the first stage), so a chain of
  // stages behaves like a shell pipe of the tools.
  std::vector<std::string> carry_;
  // The text being passed from one stage to the next; its buffer is swapped
  // with a carry that passes whole, so no chunk is copied between stages.
  std::string passed_;
  std::vector<std::string> input_fields_;
  // field_index_[i][k]: index in input_fields_ of stage i's k-th field.
  std::vector<std::vector<size_t>> field_index_;
  std::vector<std::string> stage_values_;  // Scratch for SetDocumentFields.
};

}  // namespace zhclean

#endif  // ZHCLEAN_PIPELINE_H_
