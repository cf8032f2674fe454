#include "zhclean/stream.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "byte_escape.h"
#include "jsonl_record.h"
#include "record_reader.h"
#include "stream_cleaner.h"
#include "utf8.h"
#include "zhclean/encoding.h"

namespace zhclean {

StatusOr<DocumentFormat> ParseDocumentFormat(std::string_view name) {
  if (name == "text") return DocumentFormat::kText;
  if (name == "lines") return DocumentFormat::kLines;
  if (name == "jsonl") return DocumentFormat::kJsonl;
  return InvalidArgumentError("unknown format '" + std::string(name) +
                              "' (expected text, lines or jsonl)");
}

void StreamReport::Merge(const StreamReport& o) {
  documents += o.documents;
  changed_documents += o.changed_documents;
  bytes_in += o.bytes_in;
  bytes_out += o.bytes_out;
  bad_records += o.bad_records;
  kept_records += o.kept_records;
  split_lines += o.split_lines;
  warnings += o.warnings;
  rejected += o.rejected;
}

namespace internal {

// Text is read (and cleaned) in pieces of about this size; a line may still
// be as long as the chunk size (record_reader.h, block_size).
constexpr size_t kReadBlock = 64 << 10;

class Driver {
 public:
  // Cleans one input; the buffers stay allocated for the next.
  Status Run(std::string_view name, std::istream& in, std::ostream& out, Pipeline* pipeline,
             const StreamOptions& options, StreamReport* report, const DiagnosticSink& diag);

 private:
  Status RunStreamed(std::istream& in);
  Status RunJsonl(std::istream& in);
  // Reports how many warnings the cap held back.
  void FinishInput();
  Status Write(std::string_view data);
  Status WriteSeparator(const Piece& p) {
    return p.separator ? Write(std::string_view(&separator_, 1)) : OkStatus();
  }
  Diagnostic MakeDiagnostic(const Piece& p, size_t pos, bool byte_located,
                            std::string message) const;
  void Report(const Piece& p, size_t pos, bool byte_located, bool warning,
              std::string message);
  void Warn(const Diagnostic& d);
  // Reports the stages' warnings; `piece_start` is the piece's offset in
  // the document (JSONL: warnings point at the record).
  void ReportStageWarnings(const Piece& p, uint64_t piece_start, bool jsonl);
  void StartDocument(const Piece& p, const std::vector<std::string>& fields);
  Status Hold(const Piece& p);
  Status RejectInvalid(const Piece& p, size_t valid, bool single_document);
  Status EndDocument(const Piece& p);
  Status ProcessPiece(const Piece& p, bool single_document);
  void RejectRecord(const Piece& p, const std::string& reason, bool truncated);
  Status ProcessTooLong(const Piece& p);
  Status WriteRecord(const Piece& p, internal::JsonlFieldLocator* locator,
                     const internal::FieldSpan& span);
  Status ProcessJsonlRecord(const Piece& p, internal::JsonlFieldLocator* locator);

  std::string_view name_;
  std::ostream* out_ = nullptr;
  Pipeline* pipeline_ = nullptr;
  const StreamOptions* options_ = nullptr;
  StreamReport* report_ = nullptr;
  const DiagnosticSink* diag_ = nullptr;
  char separator_ = '\n';
  bool skipping_ = false;     // The current document failed; drop its rest.
  bool holding_ = false;      // --rejects: the document is held to its end.
  bool truncated_ = false;    // held_in_ stops at max_record bytes.
  bool mid_line_ = false;     // The last piece ended inside a line.
  uint64_t doc_offset_ = 0, doc_line_ = 1;
  std::string reject_error_;  // A data error rejecting the held document.
  size_t shown_warnings_ = 0;
  uint64_t hidden_warnings_ = 0;
  std::vector<std::string> no_fields_;  // Values outside JSONL.
  internal::ReadBuffer read_buf_;
  internal::JsonlFieldLocator locator_;
  std::vector<std::string> field_values_;
  std::vector<std::pair<std::string, std::string>> out_fields_;
  std::string out_buf_, escaped_, record_buf_, held_in_, held_out_;
  // The first kHeadBytes of a document of several pieces: a stage that
  // holds them (the repair stage waits for a detection prefix) reports
  // their warnings while a later piece is current, and their lines are
  // counted here. A line carried into a later piece needs nothing: it is
  // the line that piece starts in.
  static constexpr size_t kHeadBytes = 2 * kDetectPrefixBytes;
  std::string doc_head_;
};

Status Driver::Run(std::string_view name, std::istream& in, std::ostream& out,
                   Pipeline* pipeline, const StreamOptions& options, StreamReport* report,
                   const DiagnosticSink& diag) {
  name_ = name;
  out_ = &out;
  pipeline_ = pipeline;
  options_ = &options;
  report_ = report;
  diag_ = &diag;
  separator_ = options.nul_separated ? '\0' : '\n';
  skipping_ = holding_ = mid_line_ = false;
  shown_warnings_ = 0;
  hidden_warnings_ = 0;
  no_fields_.assign(pipeline->InputFields().size(), std::string());
  Status status = options.format == DocumentFormat::kJsonl ? RunJsonl(in) : RunStreamed(in);
  FinishInput();
  return status;
}

Status Driver::Write(std::string_view data) {
  report_->bytes_out += data.size();
  if (options_->check || data.empty()) return OkStatus();
  out_->write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!*out_) return IoError(std::string("write failed: ") + std::strerror(errno));
  return OkStatus();
}

Diagnostic Driver::MakeDiagnostic(const Piece& p, size_t pos, bool byte_located,
                                  std::string message) const {
  Diagnostic d;
  d.path = std::string(name_);
  d.byte_offset = p.offset + pos;
  d.has_byte_offset = byte_located;
  d.line = p.line + internal::CountNewlines(p.data.substr(0, pos));
  d.message = std::move(message);
  return d;
}

void Driver::Report(const Piece& p, size_t pos, bool byte_located, bool warning,
                    std::string message) {
  Diagnostic d = MakeDiagnostic(p, pos, byte_located, std::move(message));
  d.warning = warning;
  if (warning) {
    Warn(d);
  } else if (*diag_) {
    (*diag_)(d);
  }
}

void Driver::Warn(const Diagnostic& d) {
  if (options_->max_warnings != 0 && shown_warnings_ >= options_->max_warnings) {
    ++hidden_warnings_;
    return;
  }
  ++shown_warnings_;
  if (*diag_) (*diag_)(d);
}

void Driver::FinishInput() {
  if (hidden_warnings_ == 0 || !*diag_) return;
  Diagnostic d;
  d.path = std::string(name_);
  d.warning = true;
  d.message = std::to_string(hidden_warnings_) + " more warning(s) not shown";
  (*diag_)(d);
}

void Driver::ReportStageWarnings(const Piece& p, uint64_t piece_start, bool jsonl) {
  for (const auto& log : pipeline_->logs()) {
    for (const auto& [offset, message] : log->warnings()) {
      ++report_->warnings;
      Diagnostic d;
      d.path = std::string(name_);
      d.has_byte_offset = true;
      d.warning = true;
      d.message = log->step() + ": " + message;
      d.byte_offset = jsonl ? p.offset : doc_offset_ + offset;
      d.line = p.line;
      if (!jsonl && offset >= piece_start && offset - piece_start <= p.data.size()) {
        d.line += internal::CountNewlines(p.data.substr(0, offset - piece_start));
      } else if (!jsonl && offset < piece_start && offset <= doc_head_.size()) {
        d.line = doc_line_ + internal::CountNewlines(std::string_view(doc_head_).substr(0, offset));
      }
      Warn(d);
    }
    log->ClearWarnings();
  }
}

void Driver::StartDocument(const Piece& p, const std::vector<std::string>& fields) {
  if (!fields.empty()) pipeline_->SetDocumentFields(fields);
  pipeline_->BeginDocument(report_->documents++);
  skipping_ = false;
  mid_line_ = false;
  doc_offset_ = p.offset;
  doc_line_ = p.line;
  reject_error_.clear();
  doc_head_.clear();
  holding_ = static_cast<bool>(options_->rejects);
  truncated_ = false;
  held_in_.clear();
  held_out_.clear();
}

// Keeps the document's input while it fits in max_record bytes; past that
// it is written as it is cleaned and can no longer be rejected.
Status Driver::Hold(const Piece& p) {
  if (held_in_.size() + p.data.size() <= options_->max_record) {
    held_in_.append(p.data);
    return OkStatus();
  }
  if (skipping_) {  // Already rejected: keep its beginning.
    held_in_.append(p.data.substr(0, options_->max_record - held_in_.size()));
    truncated_ = true;
    return OkStatus();
  }
  holding_ = false;
  held_in_.clear();
  Status s = Write(held_out_);
  held_out_.clear();
  return s;
}

Status Driver::RejectInvalid(const Piece& p, size_t valid, bool single_document) {
  size_t len = internal::InvalidSequenceLength(p.data.substr(valid));
  std::string message = "invalid UTF-8 sequence " + HexBytes(p.data.data() + valid, len) +
                        "; repair it with zh-repair or pass --invalid keep";
  skipping_ = true;
  if (holding_) {
    reject_error_ = message;
    Report(p, valid, true, /*warning=*/true, "rejected: " + message);
    return p.last ? EndDocument(p) : OkStatus();
  }
  ++report_->bad_records;
  if (single_document) return DataError(MakeDiagnostic(p, valid, true, message).ToString());
  Report(p, valid, true, false, message);
  return OkStatus();
}

Status Driver::EndDocument(const Piece& p) {
  std::string reason = reject_error_.empty() ? pipeline_->RejectReason() : reject_error_;
  if (!reason.empty()) {
    ++report_->rejected;
    if (holding_) {
      options_->rejects(RejectedDocument{report_->documents - 1, doc_offset_, doc_line_, reason,
                                        held_in_, truncated_});
      return OkStatus();
    }
    if (options_->rejects) {
      Report(p, 0, true, true,
             "document longer than --max-record kept in the output although rejected (" +
                 reason + ")");
    }
  }
  if (pipeline_->DocumentEdits() > 0) ++report_->changed_documents;
  if (holding_) ZHCLEAN_RETURN_IF_ERROR(Write(held_out_));
  return WriteSeparator(p);
}

Status Driver::ProcessPiece(const Piece& p, bool single_document) {
  if (options_->progress) options_->progress(p.data.size() + p.separator, p.first);
  if (p.first) StartDocument(p, no_fields_);
  if (holding_) ZHCLEAN_RETURN_IF_ERROR(Hold(p));
  if (skipping_) return holding_ && p.last ? EndDocument(p) : OkStatus();
  std::string_view data = p.data;
  bool splits = !p.last && (data.empty() || data.back() != '\n');
  if (splits && !mid_line_) {  // Once per line, at its first cut.
    ++report_->split_lines;
    Report(p, data.size(), true, /*warning=*/true,
           "line longer than the chunk size (" + std::to_string(options_->chunk_size) +
               " bytes); split at code-point boundaries");
  }
  mid_line_ = splits;
  if (!(p.first && p.last) && doc_head_.size() < kHeadBytes) {
    doc_head_.append(data.substr(0, kHeadBytes - doc_head_.size()));
  }
  if (!pipeline_->AcceptsInvalidUtf8()) {
    size_t valid = internal::ValidUtf8Prefix(data);
    if (options_->keep_invalid_utf8) {
      if (internal::NeedsEscaping(data, valid)) {
        escaped_.clear();
        internal::EscapeInvalidBytes(data, &escaped_);
        data = escaped_;
      }
    } else if (valid < data.size()) {
      return RejectInvalid(p, valid, single_document);
    }
  }
  out_buf_.clear();
  ZHCLEAN_RETURN_IF_ERROR(pipeline_->Process(data, &out_buf_));
  if (p.last) ZHCLEAN_RETURN_IF_ERROR(pipeline_->Finish(&out_buf_));
  if (options_->keep_invalid_utf8 && out_buf_.find('\xF4') != std::string::npos) {
    internal::UnescapeInvalidBytes(&out_buf_);
  }
  ReportStageWarnings(p, p.offset - doc_offset_, false);
  if (holding_) {
    held_out_.append(out_buf_);
  } else {
    ZHCLEAN_RETURN_IF_ERROR(Write(out_buf_));
  }
  return p.last ? EndDocument(p) : OkStatus();
}

Status Driver::RunStreamed(std::istream& in) {
  internal::ReaderOptions ro;
  ro.has_separator = options_->format == DocumentFormat::kLines || options_->nul_separated;
  ro.separator = separator_;
  ro.chunk_size = options_->chunk_size;
  ro.cut_at_newline = options_->format == DocumentFormat::kText;
  ro.block_size = std::min(options_->chunk_size, kReadBlock);
  internal::RecordReader reader(in, ro, &read_buf_);
  Piece p;
  Status status;
  while (true) {
    auto more = reader.Next(&p);
    if (!more.ok()) {
      status = more.status();
      break;
    }
    if (!*more) break;
    status = ProcessPiece(p, !ro.has_separator);
    if (!status.ok()) break;
  }
  report_->bytes_in += reader.bytes_read();
  return status;
}

// --rejects: a JSONL record that cannot be cleaned goes to the reject sink.
void Driver::RejectRecord(const Piece& p, const std::string& reason, bool truncated) {
  ++report_->rejected;
  Report(p, 0, false, /*warning=*/true, "rejected: " + reason);
  std::string_view input = p.data.substr(0, truncated ? options_->max_record : p.data.size());
  options_->rejects(
      RejectedDocument{report_->documents - 1, p.offset, p.line, reason, input, truncated});
}

Status Driver::ProcessTooLong(const Piece& p) {
  std::string message =
      "record longer than " + std::to_string(options_->max_record) + " bytes (--max-record)";
  if (p.first) ++report_->documents;
  if (options_->rejects) {
    if (p.first) RejectRecord(p, message, true);
    return OkStatus();
  }
  if (p.first) {
    Report(p, 0, false, false, message);
    ++(options_->keep_bad_records ? report_->kept_records : report_->bad_records);
  }
  if (!options_->keep_bad_records) return OkStatus();
  ZHCLEAN_RETURN_IF_ERROR(Write(p.data));
  return WriteSeparator(p);
}

// Writes the cleaned record: the text field and the stages' output fields
// rewritten, every other byte as read.
Status Driver::WriteRecord(const Piece& p, internal::JsonlFieldLocator* locator,
                           const internal::FieldSpan& span) {
  out_fields_.clear();
  pipeline_->TakeOutputFields(&out_fields_);
  bool changed = out_buf_ != span.value;
  if (changed) ++report_->changed_documents;
  if (!changed && out_fields_.empty()) {
    ZHCLEAN_RETURN_IF_ERROR(Write(p.data));
  } else {
    ZHCLEAN_RETURN_IF_ERROR(locator->Rewrite(p.data, p.capacity, options_->field, span,
                                             changed ? &out_buf_ : nullptr, out_fields_,
                                             &record_buf_));
    ZHCLEAN_RETURN_IF_ERROR(Write(record_buf_));
  }
  return WriteSeparator(p);
}

Status Driver::ProcessJsonlRecord(const Piece& p, internal::JsonlFieldLocator* locator) {
  if (options_->progress) options_->progress(p.data.size() + p.separator, p.first);
  if (p.too_long) return ProcessTooLong(p);
  std::string_view record = p.data;
  if (record.find_first_not_of(" \t\r") == std::string_view::npos) {
    ZHCLEAN_RETURN_IF_ERROR(Write(record));  // Blank line: not a document.
    return WriteSeparator(p);
  }
  auto span = locator->Locate(record, p.capacity, options_->field, pipeline_->InputFields(),
                              &field_values_);
  if (!span.ok()) {
    ++report_->documents;
    if (options_->rejects) {
      RejectRecord(p, span.status().message(), false);
      return OkStatus();
    }
    Report(p, 0, false, false, span.status().message());
    if (!options_->keep_bad_records) {
      ++report_->bad_records;
      return OkStatus();
    }
    ++report_->kept_records;
    ZHCLEAN_RETURN_IF_ERROR(Write(record));
    return WriteSeparator(p);
  }
  StartDocument(p, field_values_);
  holding_ = false;
  out_buf_.clear();
  ZHCLEAN_RETURN_IF_ERROR(pipeline_->Process(span->value, &out_buf_));
  ZHCLEAN_RETURN_IF_ERROR(pipeline_->Finish(&out_buf_));
  ReportStageWarnings(p, 0, true);
  std::string reason = pipeline_->RejectReason();
  if (!reason.empty()) {
    ++report_->rejected;
    if (options_->rejects) {
      options_->rejects(RejectedDocument{report_->documents - 1, p.offset, p.line, reason, record,
                                        false});
      return OkStatus();
    }
  }
  return WriteRecord(p, locator, *span);
}

Status Driver::RunJsonl(std::istream& in) {
  internal::ReaderOptions ro;
  ro.separator = separator_;
  ro.chunk_size = options_->chunk_size;
  ro.whole_record_cap = options_->max_record;
  internal::RecordReader reader(in, ro, &read_buf_);
  Piece p;
  Status status;
  while (true) {
    auto more = reader.Next(&p);
    if (!more.ok()) {
      status = more.status();
      break;
    }
    if (!*more) break;
    status = ProcessJsonlRecord(p, &locator_);
    if (!status.ok()) break;
  }
  report_->bytes_in += reader.bytes_read();
  return status;
}

}  // namespace internal

Status CleanStream(std::string_view name, std::istream& in, std::ostream& out,
                   Pipeline* pipeline, const StreamOptions& options,
                   StreamReport* report, const DiagnosticSink& diag) {
  internal::Driver driver;
  return driver.Run(name, in, out, pipeline, options, report, diag);
}

namespace internal {

StreamCleaner::StreamCleaner() : driver_(std::make_unique<Driver>()) {}
StreamCleaner::~StreamCleaner() = default;

Status StreamCleaner::Clean(std::string_view name, std::istream& in, std::ostream& out,
                            Pipeline* pipeline, const StreamOptions& options,
                            StreamReport* report, const DiagnosticSink& diag) {
  return driver_->Run(name, in, out, pipeline, options, report, diag);
}

}  // namespace internal

}  // namespace zhclean
