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
};

}  // namespace zhclean

#endif  // ZHCLEAN_PIPELINE_H_
