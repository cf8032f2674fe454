// Parallel cleaning of line and JSONL documents, output in input order.
//
//   auto cleaner = zhclean::ParallelCleaner::Create(
//       [&](const zhclean::EditSink* sink) { return BuildPipeline(sink); }, 4, &explain);
//   zhclean::Status s = (*cleaner)->Clean("in.jsonl", in, out, options, &report, diag);
#ifndef ZHCLEAN_PARALLEL_H_
#define ZHCLEAN_PARALLEL_H_

#include <functional>
#include <istream>
#include <memory>
#include <ostream>
#include <vector>

#include "zhclean/stream.h"

namespace zhclean {

// Builds one worker's pipeline; its edits must go to `sink`.
using PipelineFactory =
    std::function<StatusOr<std::unique_ptr<Pipeline>>(const EditSink* sink)>;

// Runs `jobs` worker threads, each with its own pipeline. The input is cut
// into batches of whole records (about options.chunk_size bytes each; a
// record is never split, so a batch holds at least one whole record); each
// batch is cleaned by CleanStream on a worker, and batches are written,
// with their diagnostics and edits, in input order. At most 3 * jobs
// batches are in memory. Output, diagnostics, edits and counters are the
// same as CleanStream's for kLines and kJsonl. Not copyable: owns threads.
class ParallelCleaner {
 public:
  // `explain` (may be null) receives every edit, in order, on the thread
  // that calls Clean(). Returns the factory's error if a pipeline cannot be
  // built.
  static StatusOr<std::unique_ptr<ParallelCleaner>> Create(const PipelineFactory& factory,
                                                           size_t jobs,
                                                           const EditSink* explain);
  ~ParallelCleaner();
  ParallelCleaner(const ParallelCleaner&) = delete;
  ParallelCleaner& operator=(const ParallelCleaner&) = delete;

  // Same contract as CleanStream(); options.format must not be kText.
  Status Clean(std::string_view name, std::istream& in, std::ostream& out,
               const StreamOptions& options, StreamReport* report, const DiagnosticSink& diag);

  // The workers' pipelines, for their edit counters (StatsJson).
  std::vector<const Pipeline*> pipelines() const;

 private:
  struct Impl;
  explicit ParallelCleaner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace zhclean

#endif  // ZHCLEAN_PARALLEL_H_
