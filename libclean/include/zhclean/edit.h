// Edits: the record of every change a stage makes.
//
//   zhclean::EditLog log("convert", &sink);
//   log.Record(12, "体", "體", "opencc:s2t", "script conversion");
//
// Stages report each change through an EditLog; the driver turns them into
// `--explain` JSONL and `--stats` counters.
#ifndef ZHCLEAN_EDIT_H_
#define ZHCLEAN_EDIT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zhclean {

struct Edit {
  std::string_view step;    // Stage name, e.g. "convert".
  uint64_t document = 0;    // 0-based document index within its input.
  uint64_t offset = 0;      // Byte offset in the stage's input document.
  std::string_view before;  // Bytes replaced (may be empty for insertions).
  std::string_view after;   // Replacement (empty for deletions).
  std::string_view rule;    // Rule id, e.g. "typos/ocr.tsv:12".
  std::string_view reason;  // Human-readable evidence.
};

// Receives every edit when --explain is on. Views live for the call only.
using EditSink = std::function<void(const Edit&)>;

// Per-stage collector: counts edits by rule and forwards details to a sink.
// Not thread-safe; one per stage per worker.
class EditLog {
 public:
  EditLog(std::string step, const EditSink* sink)
      : step_(std::move(step)), sink_(sink) {}

  // Called by the driver before each document and chunk.
  void StartDocument(uint64_t document) {
    document_ = document;
    chunk_base_ = 0;
    document_edits_ = 0;
    warnings_.clear();
    rejected_ = false;
    reject_reason_.clear();
  }
  void AdvanceChunk(uint64_t consumed) { chunk_base_ += consumed; }

  // Offset of the current chunk's first byte within the document.
  uint64_t chunk_base() const { return chunk_base_; }
  // True when a sink wants each edit's text; stages may skip costly
  // diffing otherwise but must still Record() or Count() every change.
  bool detailed() const { return sink_ != nullptr && *sink_; }

  // `offset` is relative to the document (use chunk_base() + pos).
  void Record(uint64_t offset, std::string_view before, std::string_view after,
              std::string_view rule, std::string_view reason);
  // Counts `n` changes under `rule` without details.
  void Count(std::string_view rule, uint64_t n);
  // Counts `n` findings under `rule` that changed nothing (garbage kept, an
  // undecided encoding): they show in --stats, and in --explain as entries
  // with empty before and after, but do not mark the document as changed.
  void Note(uint64_t offset, std::string_view rule, std::string_view reason, uint64_t n = 1);
  // A finding the user should see on stderr although nothing failed (e.g.
  // an encoding that could not be decided). The driver prints
  // "path: byte N (line L): warning: <step>: message" after the chunk (a
  // bounded number per input, then a count); -q silences. `offset` is
  // relative to the document, like Record()'s. Counted in --stats (rule
  // "warning") and shown in --explain like Note().
  void Warn(uint64_t offset, std::string_view message);
  // Marks the current document rejected (undecodable, all garbage, empty
  // after stripping). With `--rejects FILE` the driver writes the
  // document's input, with `reason`, to FILE instead of the output;
  // without it the document is written as cleaned. The first reason wins.
  void Reject(std::string_view reason);

  // For the driver: the current document's warnings not yet taken, as
  // (offset, message), and its rejection.
  const std::vector<std::pair<uint64_t, std::string>>& warnings() const { return warnings_; }
  void ClearWarnings() { warnings_.clear(); }
  bool rejected() const { return rejected_; }
  const std::string& reject_reason() const { return reject_reason_; }

  // For a stage that splits a chunk between threads: adds the counts and
  // warnings of `part` (a log of the same step that a helper thread filled
  // for a later part of the chunk) as if they had been recorded here,
  // after everything recorded so far. The edits part's sink received go to
  // Forward(), in order.
  void Merge(const EditLog& part);
  // Passes an edit recorded in such a part to the sink, as this log's
  // (nothing is counted: Merge() counts).
  void Forward(const Edit& e) const {
    if (detailed()) (*sink_)(Edit{step_, document_, e.offset, e.before, e.after, e.rule, e.reason});
  }

  uint64_t document_edits() const { return document_edits_; }
  const std::map<std::string, uint64_t, std::less<>>& by_rule() const {
    return by_rule_;
  }
  const std::string& step() const { return step_; }

 private:
  std::string step_;
  const EditSink* sink_;
  uint64_t document_ = 0;
  uint64_t chunk_base_ = 0;
  uint64_t document_edits_ = 0;
  std::map<std::string, uint64_t, std::less<>> by_rule_;
  std::vector<std::pair<uint64_t, std::string>> warnings_;
  bool rejected_ = false;
  std::string reject_reason_;
};

}  // namespace zhclean

#endif  // ZHCLEAN_EDIT_H_
