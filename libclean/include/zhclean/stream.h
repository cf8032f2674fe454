// The chunked document driver: reads documents from a stream, runs them
// through a Pipeline and writes the result, in memory bounded by the chunk
// size (and, for JSONL, the largest record).
//
//   zhclean::StreamOptions opts;
//   opts.format = zhclean::DocumentFormat::kJsonl;
//   zhclean::StreamReport report;
//   zhclean::Status s = zhclean::CleanStream("in.jsonl", in, out, &pipeline,
//                                            opts, &report, diag_sink);
#ifndef ZHCLEAN_STREAM_H_
#define ZHCLEAN_STREAM_H_

#include <cstdint>
#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "zhclean/diagnostic.h"
#include "zhclean/pipeline.h"
#include "zhclean/status.h"

namespace zhclean {

enum class DocumentFormat {
  kText,   // A whole input (or NUL-separated record with -z) is a document.
  kLines,  // Each line (or NUL-separated record) is a document.
  kJsonl,  // Each line is a JSON object; one string field is the document.
};

// Parses "text", "lines" or "jsonl"; kInvalidArgument otherwise.
StatusOr<DocumentFormat> ParseDocumentFormat(std::string_view name);

// A document a stage Reject()ed, or a record that could not be cleaned
// (invalid UTF-8, bad JSON, over --max-record), given to
// StreamOptions::rejects. Views live for the call only.
struct RejectedDocument {
  uint64_t document = 0;   // 0-based index of the document in its input.
  uint64_t offset = 0;     // Byte offset of its first byte in the input.
  uint64_t line = 1;       // 1-based line of its first byte.
  std::string_view reason;  // "step: reason", or the data error.
  std::string_view input;   // The document's original bytes (no separator).
  bool truncated = false;   // `input` is only the first max_record bytes.
};
using RejectSink = std::function<void(const RejectedDocument&)>;

struct StreamOptions {
  DocumentFormat format = DocumentFormat::kText;
  bool nul_separated = false;       // -z: records end in NUL, not newline.
  std::string field = "text";       // JSONL field to clean.
  bool keep_bad_records = false;    // --on-error keep: pass bad JSONL as is.
  bool keep_invalid_utf8 = false;   // --invalid keep: pass bad bytes as is.
  size_t chunk_size = 1 << 20;      // Read block; cap on one piece of a line.
  size_t max_record = 64 << 20;     // Largest JSONL record accepted.
  bool check = false;               // Clean but write nothing (--check).
  // Warnings given to `diag` per input before the rest are only counted
  // (then one "N more warnings not shown" warning); 0: no cap.
  size_t max_warnings = 20;
  // When set (--rejects), rejected documents and bad records go here, not
  // to the output, and are not reported as errors. Text documents are then
  // held in memory up to max_record bytes to be rejectable.
  RejectSink rejects;
  // Called on the cleaning thread as input is consumed (bytes, documents
  // since the last call); may be empty.
  std::function<void(uint64_t bytes, uint64_t documents)> progress;
};

// Counters for --stats. Summable across inputs with Merge().
struct StreamReport {
  uint64_t documents = 0;          // Documents seen.
  uint64_t changed_documents = 0;  // Documents with at least one edit.
  uint64_t bytes_in = 0;           // Input bytes read.
  uint64_t bytes_out = 0;          // Output bytes produced.
  uint64_t bad_records = 0;        // Documents rejected with an error.
  uint64_t kept_records = 0;       // Bad records passed through (keep).
  uint64_t split_lines = 0;        // Lines longer than chunk_size, split.
  uint64_t warnings = 0;           // Warnings from stages (EditLog::Warn).
  uint64_t rejected = 0;           // Documents sent to the reject sink.
  void Merge(const StreamReport& other);
};

// Cleans every document of `in` into `out`. Per-document data errors (bad
// UTF-8, bad JSON) go to `diag` with path, line and byte offset, count in
// report->bad_records and do not stop later documents, except in text
// format where the input is a single document: then the first error stops
// that input and is returned as kDataError. Returns kIoError when writing
// fails. `name` is used in diagnostics ("stdin" for standard input).
Status CleanStream(std::string_view name, std::istream& in, std::ostream& out,
                   Pipeline* pipeline, const StreamOptions& options,
                   StreamReport* report, const DiagnosticSink& diag);

// The --stats JSON object (one line, no newline): the report's counters,
// `seconds`, and the pipeline's edit counts by step and rule.
std::string StatsJson(std::string_view tool, const StreamReport& report,
                      const Pipeline& pipeline, double seconds);
// The same summed over pipelines with the same steps (parallel workers).
std::string StatsJson(std::string_view tool, const StreamReport& report,
                      const std::vector<const Pipeline*>& pipelines, double seconds);

// Sums --stats JSON objects from several runs (shards) into one: every
// counter and every changes.<step>.<rule> is added; "seconds" is the sum
// of the runs' times. kDataError names the object that is malformed.
StatusOr<std::string> MergeStatsJson(const std::vector<std::string>& jsons);

// One --explain JSONL line, newline included, for `edit` made to a
// document of `input`.
std::string EditJson(std::string_view input, const Edit& edit);

// One --rejects JSONL line, newline included, for a document of `input`:
// {"input","document","line","offset","reason","record"} where "record" is
// the document's original bytes as a JSON string when they are valid UTF-8,
// else "record_base64" holds them base64-encoded (RFC 4648), so every
// byte is kept; "truncated":true when only its first --max-record bytes
// are there.
std::string RejectJson(std::string_view input, const RejectedDocument& doc);

}  // namespace zhclean

#endif  // ZHCLEAN_STREAM_H_
