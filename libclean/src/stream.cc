#include "zhclean/stream.h"

#include <algorithm>
#include <map>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "jsonl_record.h"
#include "record_reader.h"
#include "utf8.h"

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
}

namespace {

using internal::Piece;

// With --invalid keep, each byte of a malformed sequence travels through
// the stages as the private-use code point U+10FF00 + byte (plane 16, which
// no stage rewrites) and is turned back into that byte on output. Genuine
// U+10FF00..U+10FFFF characters are escaped byte by byte the same way, so
// the round trip is exact.
constexpr char32_t kByteEscapeBase = 0x10FF00;

bool IsEscapeRange(std::string_view s, size_t i) {  // F4 8F BC..BF xx
  return i + 4 <= s.size() && s[i] == '\xF4' && s[i + 1] == '\x8F' &&
         static_cast<unsigned char>(s[i + 2]) >= 0xBC;
}

// `valid` is ValidUtf8Prefix(s), already computed by the caller.
bool NeedsEscaping(std::string_view s, size_t valid) {
  if (valid != s.size()) return true;
  for (size_t i = s.find('\xF4'); i != std::string_view::npos; i = s.find('\xF4', i + 1)) {
    if (IsEscapeRange(s, i)) return true;
  }
  return false;
}

void AppendEscapedBytes(std::string_view bytes, std::string* out) {
  for (char c : bytes) {
    internal::AppendUtf8(kByteEscapeBase + static_cast<unsigned char>(c), out);
  }
}

void EscapeInvalidBytes(std::string_view in, std::string* out) {
  size_t i = 0;
  while (i < in.size()) {
    size_t valid = internal::ValidUtf8Prefix(in.substr(i));
    size_t end = i + valid;
    for (size_t j = i; j < end;) {  // Escape genuine plane-16 escapes.
      if (IsEscapeRange(in, j)) {
        AppendEscapedBytes(in.substr(j, 4), out);
        j += 4;
      } else {
        out->push_back(in[j++]);
      }
    }
    i = end;
    if (i == in.size()) break;
    size_t bad = internal::InvalidSequenceLength(in.substr(i));
    AppendEscapedBytes(in.substr(i, bad), out);
    i += bad;
  }
}

void UnescapeInvalidBytes(std::string* s) {
  // U+10FF00..U+10FFFF is F4 8F BC 80 .. F4 8F BF BF.
  size_t w = 0;
  for (size_t r = 0; r < s->size();) {
    if (IsEscapeRange(*s, r)) {
      size_t i = r;
      char32_t cp = internal::NextCodePoint(*s, &i);
      (*s)[w++] = static_cast<char>(cp - kByteEscapeBase);
      r += 4;
    } else {
      (*s)[w++] = (*s)[r++];
    }
  }
  s->resize(w);
}

class Driver {
 public:
  Driver(std::string_view name, std::ostream& out, Pipeline* pipeline,
         const StreamOptions& options, StreamReport* report,
         const DiagnosticSink& diag)
      : name_(name), out_(out), pipeline_(pipeline), options_(options),
        report_(report), diag_(diag),
        separator_(options.nul_separated ? '\0' : '\n') {}

  Status RunStreamed(std::istream& in);
  Status RunJsonl(std::istream& in);

 private:
  Status Write(std::string_view data);
  Status WriteSeparator(const Piece& p) {
    return p.separator ? Write(std::string_view(&separator_, 1)) : OkStatus();
  }
  Diagnostic MakeDiagnostic(const Piece& p, size_t pos, bool byte_located,
                            std::string message) const;
  void Report(const Piece& p, size_t pos, bool byte_located, bool warning,
              std::string message);
  Status ProcessPiece(const Piece& p, bool single_document);
  Status ProcessJsonlRecord(const Piece& p, internal::JsonlFieldLocator* locator);

  std::string_view name_;
  std::ostream& out_;
  Pipeline* pipeline_;
  const StreamOptions& options_;
  StreamReport* report_;
  const DiagnosticSink& diag_;
  char separator_;
  bool skipping_ = false;     // The current document failed; drop its rest.
  std::string out_buf_, escaped_, record_buf_;
};

Status Driver::Write(std::string_view data) {
  report_->bytes_out += data.size();
  if (options_.check || data.empty()) return OkStatus();
  out_.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!out_) return IoError(std::string("write failed: ") + std::strerror(errno));
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
  if (!diag_) return;
  Diagnostic d = MakeDiagnostic(p, pos, byte_located, std::move(message));
  d.warning = warning;
  diag_(d);
}

Status Driver::ProcessPiece(const Piece& p, bool single_document) {
  if (options_.progress) options_.progress(p.data.size() + p.separator, p.first);
  if (p.first) {
    pipeline_->BeginDocument(report_->documents++);
    skipping_ = false;
  }
  if (skipping_) return OkStatus();
  std::string_view data = p.data;
  if (!p.last && (data.empty() || data.back() != '\n')) {
    ++report_->split_lines;
    Report(p, data.size(), true, /*warning=*/true,
           "line longer than the chunk size (" +
               std::to_string(options_.chunk_size) +
               " bytes); split at a code-point boundary");
  }
  if (!pipeline_->AcceptsInvalidUtf8()) {
    size_t valid = internal::ValidUtf8Prefix(data);
    if (options_.keep_invalid_utf8) {
      if (NeedsEscaping(data, valid)) {
        escaped_.clear();
        EscapeInvalidBytes(data, &escaped_);
        data = escaped_;
      }
    } else if (valid < data.size()) {
      size_t len = internal::InvalidSequenceLength(data.substr(valid));
      std::string message = "invalid UTF-8 sequence " +
                            HexBytes(data.data() + valid, len) +
                            "; repair it with zh-repair or pass --invalid keep";
      ++report_->bad_records;
      skipping_ = true;
      if (single_document) {
        return DataError(MakeDiagnostic(p, valid, true, message).ToString());
      }
      Report(p, valid, true, false, message);
      return OkStatus();
    }
  }
  out_buf_.clear();
  ZHCLEAN_RETURN_IF_ERROR(pipeline_->Process(data, &out_buf_));
  if (p.last) ZHCLEAN_RETURN_IF_ERROR(pipeline_->Finish(&out_buf_));
  if (options_.keep_invalid_utf8 && out_buf_.find('\xF4') != std::string::npos) {
    UnescapeInvalidBytes(&out_buf_);
  }
  ZHCLEAN_RETURN_IF_ERROR(Write(out_buf_));
  if (p.last && pipeline_->DocumentEdits() > 0) ++report_->changed_documents;
  return WriteSeparator(p);
}

Status Driver::RunStreamed(std::istream& in) {
  internal::ReaderOptions ro;
  ro.has_separator = options_.format == DocumentFormat::kLines || options_.nul_separated;
  ro.separator = separator_;
  ro.chunk_size = options_.chunk_size;
  ro.cut_at_newline = options_.format == DocumentFormat::kText;
  internal::RecordReader reader(in, ro);
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

Status Driver::ProcessJsonlRecord(const Piece& p,
                                  internal::JsonlFieldLocator* locator) {
  if (options_.progress) options_.progress(p.data.size() + p.separator, p.first);
  if (p.too_long) {
    if (p.first) {
      Report(p, 0, false, false, "record longer than " + std::to_string(options_.max_record) +
                              " bytes (--max-record)");
      ++(options_.keep_bad_records ? report_->kept_records : report_->bad_records);
    }
    if (!options_.keep_bad_records) return OkStatus();
    ZHCLEAN_RETURN_IF_ERROR(Write(p.data));
    return WriteSeparator(p);
  }
  std::string_view record = p.data;
  if (record.find_first_not_of(" \t\r") == std::string_view::npos) {
    ZHCLEAN_RETURN_IF_ERROR(Write(record));  // Blank line: not a document.
    return WriteSeparator(p);
  }
  ++report_->documents;
  auto span = locator->Locate(record, p.capacity, options_.field);
  if (!span.ok()) {
    Report(p, 0, false, false, span.status().message());
    if (!options_.keep_bad_records) {
      ++report_->bad_records;
      return OkStatus();
    }
    ++report_->kept_records;
    ZHCLEAN_RETURN_IF_ERROR(Write(record));
    return WriteSeparator(p);
  }
  pipeline_->BeginDocument(report_->documents - 1);
  out_buf_.clear();
  ZHCLEAN_RETURN_IF_ERROR(pipeline_->Process(span->value, &out_buf_));
  ZHCLEAN_RETURN_IF_ERROR(pipeline_->Finish(&out_buf_));
  if (out_buf_ == span->value) {
    ZHCLEAN_RETURN_IF_ERROR(Write(record));
  } else {
    ++report_->changed_documents;
    record_buf_.assign(record.substr(0, span->begin));
    internal::AppendJsonString(out_buf_, &record_buf_);
    record_buf_.append(record.substr(span->end));
    ZHCLEAN_RETURN_IF_ERROR(Write(record_buf_));
  }
  return WriteSeparator(p);
}

Status Driver::RunJsonl(std::istream& in) {
  internal::ReaderOptions ro;
  ro.separator = separator_;
  ro.chunk_size = options_.chunk_size;
  ro.whole_record_cap = options_.max_record;
  internal::RecordReader reader(in, ro);
  internal::JsonlFieldLocator locator;
  Piece p;
  Status status;
  while (true) {
    auto more = reader.Next(&p);
    if (!more.ok()) {
      status = more.status();
      break;
    }
    if (!*more) break;
    status = ProcessJsonlRecord(p, &locator);
    if (!status.ok()) break;
  }
  report_->bytes_in += reader.bytes_read();
  return status;
}

}  // namespace

Status CleanStream(std::string_view name, std::istream& in, std::ostream& out,
                   Pipeline* pipeline, const StreamOptions& options,
                   StreamReport* report, const DiagnosticSink& diag) {
  Driver driver(name, out, pipeline, options, report, diag);
  if (options.format == DocumentFormat::kJsonl) return driver.RunJsonl(in);
  return driver.RunStreamed(in);
}

std::string StatsJson(std::string_view tool, const StreamReport& report,
                      const Pipeline& pipeline, double seconds) {
  return StatsJson(tool, report, std::vector<const Pipeline*>{&pipeline}, seconds);
}

std::string StatsJson(std::string_view tool, const StreamReport& report,
                      const std::vector<const Pipeline*>& pipelines, double seconds) {
  std::string j = "{\"tool\":";
  internal::AppendJsonString(tool, &j);
  auto field = [&j](const char* name, uint64_t v) {
    j += ",\"" + std::string(name) + "\":" + std::to_string(v);
  };
  field("documents", report.documents);
  field("changed_documents", report.changed_documents);
  field("bytes_in", report.bytes_in);
  field("bytes_out", report.bytes_out);
  field("bad_records", report.bad_records);
  field("kept_records", report.kept_records);
  field("split_lines", report.split_lines);
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.3f", seconds);
  j += ",\"seconds\":" + std::string(secs) + ",\"changes\":{";
  bool first_step = true;
  const auto& steps = pipelines.front()->logs();
  for (size_t i = 0; i < steps.size(); ++i) {
    std::map<std::string, uint64_t> by_rule;  // Summed over the pipelines.
    for (const Pipeline* p : pipelines) {
      for (const auto& [rule, n] : p->logs()[i]->by_rule()) by_rule[rule] += n;
    }
    if (!first_step) j += ",";
    first_step = false;
    internal::AppendJsonString(steps[i]->step(), &j);
    j += ":{";
    bool first_rule = true;
    for (const auto& [rule, n] : by_rule) {
      if (!first_rule) j += ",";
      first_rule = false;
      internal::AppendJsonString(rule, &j);
      j += ":" + std::to_string(n);
    }
    j += "}";
  }
  return j + "}}";
}

std::string EditJson(std::string_view input, const Edit& edit) {
  std::string j = "{\"input\":";
  internal::AppendJsonString(input, &j);
  j += ",\"document\":" + std::to_string(edit.document);
  j += ",\"step\":";
  internal::AppendJsonString(edit.step, &j);
  j += ",\"offset\":" + std::to_string(edit.offset);
  j += ",\"before\":";
  internal::AppendJsonString(edit.before, &j);
  j += ",\"after\":";
  internal::AppendJsonString(edit.after, &j);
  j += ",\"rule\":";
  internal::AppendJsonString(edit.rule, &j);
  j += ",\"reason\":";
  internal::AppendJsonString(edit.reason, &j);
  return j + "}\n";
}

}  // namespace zhclean
