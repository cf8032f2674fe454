// The repair stage: detection, decoding to UTF-8 and line-level repair.
#include <cstdio>
#include <string>

#include "mojibake_internal.h"
#include "repair_codec.h"
#include "repair_lines.h"
#include "utf8.h"
#include "zhclean/diagnostic.h"
#include "zhclean/repair.h"

namespace zhclean {

namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";

std::string ConfidenceText(double c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", c);
  return buf;
}

std::string EncodingRule(Encoding e) {
  std::string r = "encoding:";
  for (const char* p = EncodingName(e); *p; ++p) {
    r += static_cast<char>(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
  }
  return r;
}

// Not copyable: owns its decoder, buffers and helper threads.
class RepairStage : public Stage {
 public:
  explicit RepairStage(const RepairOptions& o)
      : options_(o), lines_(o.mojibake, o.garbage, o.threads) {}

  const char* name() const override { return "repair"; }
  bool AcceptsInvalidUtf8() const override { return true; }
  void BeginDocument() override;
  Status Process(std::string_view in, std::string* out, EditLog* log) override;
  Status Finish(std::string* out, EditLog* log) override;

 private:
  Status Start(bool complete, EditLog* log);
  Status Decode(std::string_view bytes, bool flush, EditLog* log);
  void DecodeUtf8(std::string_view bytes, bool flush, EditLog* log);
  void AppendInvalid(std::string_view bad, EditLog* log);
  void RecordInvalid(size_t pos, std::string_view bad, EditLog* log);
  void AppendUtf8Valid(std::string_view valid, EditLog* log);
  void EndBadLine(size_t line_end, EditLog* log);
  void FlushBadLine(EditLog* log);
  void Emit(bool flush, std::string* out, EditLog* log);
  bool EmitDirect(std::string_view in, std::string* out, EditLog* log);

  RepairOptions options_;
  internal::BlockRepairer lines_;
  bool started_ = false;
  Encoding encoding_ = Encoding::kUtf8;
  std::unique_ptr<Decoder> decoder_;
  std::string raw_;      // Bytes held for detection.
  std::string carry_;    // An incomplete UTF-8 sequence.
  std::string pending_;  // Decoded text not yet repaired (a partial line).
  uint64_t pending_offset_ = 0;  // Decoded offset of pending_[0].
  size_t scanned_ = 0;   // pending_[0, scanned_) holds no '\n'.
  // The invalid sequences of the current line of a UTF-8 document, each
  // shown as U+FFFD at `pos` in pending_; their records wait for the line's
  // end, where a line of GBK is decoded as such instead (EndBadLine).
  struct Bad {
    size_t pos;
    std::string raw;
  };
  std::vector<Bad> line_bad_;
  size_t line_begin_ = 0;  // Start of that line in pending_.
  bool line_cut_ = false;  // Part of the line went out already (overlong).
  bool head_out_ = false;  // pending_[0] continues a line cut by Emit.
};

void RepairStage::BeginDocument() {
  started_ = false;
  raw_.clear();
  carry_.clear();
  pending_.clear();
  pending_offset_ = 0;
  scanned_ = 0;
  decoder_.reset();
  line_bad_.clear();
  line_begin_ = 0;
  line_cut_ = false;
  head_out_ = false;
}

Status RepairStage::Start(bool complete, EditLog* log) {
  started_ = true;
  EncodingGuess guess;
  if (options_.from) {
    guess.encoding = *options_.from;
    guess.confidence = 1;
    EncodingGuess bom = DetectEncoding(std::string_view(raw_).substr(0, 4), false);
    if (bom.bom_length > 0 && bom.encoding == guess.encoding) guess.bom_length = bom.bom_length;
  } else {
    guess = DetectEncoding(raw_, complete);
  }
  encoding_ = guess.encoding;
  std::string why = "input decoded as " + std::string(EncodingName(encoding_)) +
                    (options_.from ? " (--from)" : " (confidence " + ConfidenceText(guess.confidence) + ")");
  if (guess.confidence < 0.5) {
    log->Note(0, "encoding:undecided", "no encoding fits well; " + why);
    log->Warn(0, "encoding undecided: no encoding fits well; " + why +
                     "; use --from ENC to choose one");
  }
  if (guess.bom_length > 0) {
    log->Record(0, "\xEF\xBB\xBF", "", "encoding:bom", "byte-order mark removed");
  }
  if (encoding_ != Encoding::kUtf8) {
    ZHCLEAN_ASSIGN_OR_RETURN(decoder_, Decoder::Create(encoding_));
    log->Record(0, "", "", EncodingRule(encoding_), why);
  }
  size_t skip = encoding_ == Encoding::kUtf8 ? 0 : guess.skip;
  if (skip > 0) AppendInvalid(std::string_view(raw_).substr(guess.bom_length, skip), log);
  std::string bytes = std::move(raw_);
  raw_.clear();
  return Decode(std::string_view(bytes).substr(guess.bom_length + skip), false, log);
}

void RepairStage::AppendInvalid(std::string_view bad, EditLog* log) {
  RecordInvalid(pending_.size(), bad, log);
  pending_.append(kReplacement);
}

// Records that the invalid bytes `bad` show as U+FFFD at pending_[pos].
void RepairStage::RecordInvalid(size_t pos, std::string_view bad, EditLog* log) {
  log->Record(pending_offset_ + pos, "", kReplacement, "encoding:invalid",
              "invalid " + std::string(EncodingName(encoding_)) + " bytes " +
                  HexBytes(bad.data(), bad.size()) + " replaced by U+FFFD");
}

void RepairStage::DecodeUtf8(std::string_view bytes, bool flush, EditLog* log) {
  std::string joined;
  if (!carry_.empty()) {
    joined = carry_ + std::string(bytes);
    carry_.clear();
    bytes = joined;
  }
  while (!bytes.empty()) {
    size_t valid = internal::ValidUtf8Prefix(bytes);
    AppendUtf8Valid(bytes.substr(0, valid), log);
    bytes.remove_prefix(valid);
    if (bytes.empty()) break;
    if (!flush && internal::IncompleteTail(bytes) == bytes.size()) {
      carry_.assign(bytes);
      break;
    }
    size_t bad = internal::InvalidSequenceLength(bytes);
    if (line_bad_.empty()) {  // The line's start: after the last '\n' held.
      size_t nl = pending_.rfind('\n');
      line_begin_ = nl == std::string::npos ? 0 : nl + 1;
      line_cut_ = line_begin_ == 0 && head_out_;
    }
    line_bad_.push_back({pending_.size(), std::string(bytes.substr(0, bad))});
    pending_.append(kReplacement);
    bytes.remove_prefix(bad);
  }
  if (flush) EndBadLine(pending_.size(), log);
}

// Appends valid UTF-8; while the current line holds invalid sequences,
// each '\n' ends it.
void RepairStage::AppendUtf8Valid(std::string_view valid, EditLog* log) {
  while (!line_bad_.empty() && !valid.empty()) {
    size_t nl = valid.find('\n');
    if (nl == std::string_view::npos) break;
    pending_.append(valid.substr(0, nl + 1));
    valid.remove_prefix(nl + 1);
    EndBadLine(pending_.size(), log);
  }
  pending_.append(valid);
}

// The current line, pending_[line_begin_, line_end), ends. When it had
// invalid sequences and, read whole as GBK or else Big5, is common Chinese
// (the line of a GBK or Big5 page inside a UTF-8 document), it becomes that
// reading; else each sequence stays U+FFFD and is recorded.
void RepairStage::EndBadLine(size_t line_end, EditLog* log) {
  if (line_bad_.empty()) return;
  size_t content_end = line_end;
  if (content_end > line_begin_ && pending_[content_end - 1] == '\n') --content_end;
  std::string raw, text;
  size_t at = line_begin_;
  for (const Bad& b : line_bad_) {
    raw.append(pending_, at, b.pos - at);
    raw += b.raw;
    at = b.pos + sizeof kReplacement - 1;
  }
  raw.append(pending_, at, content_end - at);
  // GBK first (a GBK line rarely reads as Big5 at all), then Big5.
  static constexpr struct {
    internal::Legacy enc;
    const char* rule;
    const char* name;
  } kTried[] = {{internal::Legacy::kGbk, "encoding:line-gbk", "GBK"},
                {internal::Legacy::kBig5, "encoding:line-big5", "Big5"}};
  for (const auto& t : kTried) {
    internal::HanCount han;
    text.clear();
    if (line_cut_ || line_bad_.size() < 2 || !internal::DecodeLegacy(t.enc, raw, &text) ||
        !internal::ChineseReading(text, &han) || han.chars < 4 || han.MeanCost() > internal::kCommonHanCost ||
        !internal::HasKnownPair(text)) {
      continue;
    }
    std::string shown = pending_.substr(line_begin_, content_end - line_begin_);
    log->Record(pending_offset_ + line_begin_, shown, text, t.rule,
                std::string("a line of ") + t.name + " in a UTF-8 document (" +
                    std::to_string(line_bad_.size()) + " invalid UTF-8 sequences) decoded as " +
                    t.name);
    pending_.replace(line_begin_, content_end - line_begin_, text);
    line_bad_.clear();
    return;
  }
  FlushBadLine(log);
}

// Records the current line's invalid sequences as U+FFFD, as they stand.
void RepairStage::FlushBadLine(EditLog* log) {
  for (const Bad& b : line_bad_) RecordInvalid(b.pos, b.raw, log);
  line_bad_.clear();
}

Status RepairStage::Decode(std::string_view bytes, bool flush, EditLog* log) {
  if (!decoder_) {
    DecodeUtf8(bytes, flush, log);
    return OkStatus();
  }
  DecodeReport report;
  size_t before = pending_.size();
  ZHCLEAN_RETURN_IF_ERROR(decoder_->DecodeToUtf8(bytes, flush, &pending_, &report));
  if (report.invalid_sequences > 0) {
    log->Record(pending_offset_ + before, "", kReplacement, "encoding:invalid",
                "invalid " + std::string(EncodingName(encoding_)) +
                    " sequence replaced by U+FFFD at input byte " +
                    std::to_string(report.first_invalid_offset));
    log->Count("encoding:invalid", report.invalid_sequences - 1);
  }
  return OkStatus();
}

// Repairs every complete line of pending_ (all of it with `flush`), and a
// piece of an overlong line.
void RepairStage::Emit(bool flush, std::string* out, EditLog* log) {
  size_t cut = 0;
  for (size_t i = pending_.size(); i > scanned_; --i) {
    if (pending_[i - 1] == '\n') {
      cut = i;
      break;
    }
  }
  if (flush) cut = pending_.size();
  while (cut == 0 && pending_.size() > options_.max_line) {
    cut = internal::SafeCut(pending_, options_.max_line);
  }
  if (cut == 0) {
    scanned_ = pending_.size();
    return;
  }
  bool at_line_end = pending_[cut - 1] == '\n';
  if (!line_bad_.empty()) {
    if (line_begin_ < cut) {  // An overlong line goes out in pieces.
      FlushBadLine(log);
      line_cut_ = true;
    } else {
      line_begin_ -= cut;
      for (Bad& b : line_bad_) b.pos -= cut;
    }
  }
  lines_.RepairBlock(std::string_view(pending_).substr(0, cut), pending_offset_, out, log);
  pending_offset_ += cut;
  pending_.erase(0, cut);
  head_out_ = !at_line_end;
  scanned_ = 0;
  if (!flush && pending_.size() > options_.max_line) Emit(false, out, log);
}

Status RepairStage::Process(std::string_view in, std::string* out, EditLog* log) {
  if (!started_) {
    raw_.append(in);
    size_t need = options_.from ? 4 : kDetectPrefixBytes;  // BOM or prefix.
    if (raw_.size() < need) return OkStatus();
    ZHCLEAN_RETURN_IF_ERROR(Start(false, log));
  } else if (!decoder_ && carry_.empty() && pending_.empty() && EmitDirect(in, out, log)) {
    return OkStatus();
  } else {
    ZHCLEAN_RETURN_IF_ERROR(Decode(in, false, log));
  }
  Emit(false, out, log);
  return OkStatus();
}

// The common case without copies: valid UTF-8 with nothing held back. The
// whole lines of `in` are repaired straight from it; the rest is held.
bool RepairStage::EmitDirect(std::string_view in, std::string* out, EditLog* log) {
  if (internal::ValidUtf8Prefix(in) != in.size()) return false;
  size_t cut = in.rfind('\n');
  if (cut == std::string_view::npos || in.size() - cut - 1 > options_.max_line) return false;
  lines_.RepairBlock(in.substr(0, cut + 1), pending_offset_, out, log);
  pending_offset_ += cut + 1;
  pending_.assign(in.substr(cut + 1));
  scanned_ = pending_.size();
  return true;
}

Status RepairStage::Finish(std::string* out, EditLog* log) {
  if (!started_) ZHCLEAN_RETURN_IF_ERROR(Start(true, log));
  ZHCLEAN_RETURN_IF_ERROR(Decode("", true, log));
  Emit(true, out, log);
  started_ = false;
  return OkStatus();
}

}  // namespace

StatusOr<GarbageMode> ParseGarbageMode(std::string_view name) {
  if (name == "keep") return GarbageMode::kKeep;
  if (name == "mark") return GarbageMode::kMark;
  if (name == "drop") return GarbageMode::kDrop;
  return InvalidArgumentError("--garbage must be keep, mark or drop, not '" +
                              std::string(name) + "'");
}

StatusOr<std::unique_ptr<Stage>> NewRepairStage(const RepairOptions& options) {
  if (options.max_line < 64) return InvalidArgumentError("max_line must be at least 64");
  if (options.threads < 1) return InvalidArgumentError("threads must be at least 1");
  return std::unique_ptr<Stage>(new RepairStage(options));
}

std::string RepairMojibake(std::string_view text) {
  return internal::RepairMojibakeText(text);
}

}  // namespace zhclean
