// The normalize stage: runs the enabled passes over each line, in a fixed
// order, and records every edit at its offset in the stage's input.
#include <array>
#include <vector>

#include "escapes.h"
#include "ruby.h"
#include "utf8.h"
#include "width.h"
#include "zhclean/normalize.h"

namespace zhclean {

namespace {

using internal::PassEdit;
using internal::PassEdits;
using internal::UnicodeFolder;

// Lines longer than this (without their '\n') are normalised in windows cut
// by SafeCut, so memory stays bounded; the cuts depend on the text only.
constexpr size_t kWindow = 256 * 1024;

// Pass order: decoding first, so later passes see the real characters;
// ruby before punct-width, so `(擴(kuò)大)` keeps its real parentheses.
enum class Pass { kCrlf, kJson, kEntity, kControl, kNfc, kRadical, kAsciiWidth,
                  kRuby, kPunctWidth, kSpace };

const char* RuleName(Pass pass) {
  static const char* const kNames[] = {"crlf", "json-escape", "entity", "control",
                                       "nfc", "radical", "ascii-width", "ruby",
                                       "punct-width", "space"};
  return kNames[static_cast<int>(pass)];
}

// Maps an offset in a pass's output back to its input.
size_t MapBack(const PassEdits& edits, size_t pos) {
  long long delta = 0;
  for (const PassEdit& e : edits) {
    size_t out_start = static_cast<size_t>(static_cast<long long>(e.offset) + delta);
    if (pos < out_start) break;
    if (pos < out_start + e.after.size()) return e.offset;
    delta += static_cast<long long>(e.after.size()) - static_cast<long long>(e.length);
  }
  return static_cast<size_t>(static_cast<long long>(pos) - delta);
}

class NormalizeStage : public Stage {
 public:
  NormalizeStage(const NormalizeOptions& options,
                 std::unique_ptr<UnicodeFolder> folder)
      : options_(options), folder_(std::move(folder)) {
    BuildPasses();
    BuildTriggers();
  }

  const char* name() const override { return "normalize"; }
  void BeginDocument() override {
    pending_.clear();
    consumed_ = 0;
    line_ends_ = LineEnds::kUnknown;
  }
  Status Process(std::string_view in, std::string* out, EditLog* log) override;
  Status Finish(std::string* out, EditLog* log) override;

 private:
  void BuildPasses();
  void BuildTriggers();
  bool NeedsWork(std::string_view text) const;
  void FindEdits(Pass pass, std::string_view text, PassEdits* edits) const;
  void EmitLines(std::string_view text, std::string* out, EditLog* log);
  void EmitLine(std::string_view line, std::string* out, EditLog* log);
  void EmitSegment(std::string_view segment, std::string* out, EditLog* log);
  void DrainPending(std::string* out, EditLog* log);

  NormalizeOptions options_;
  std::unique_ptr<UnicodeFolder> folder_;
  std::vector<Pass> passes_;
  std::array<bool, 128> ascii_trigger_{};
  std::vector<bool> bmp_trigger_;
  // Set by the document's first line: only an LF document gets its stray
  // CR LF line ends converted; a CRLF file keeps them.
  enum class LineEnds { kUnknown, kLf, kCrlf } line_ends_ = LineEnds::kUnknown;
  std::string pending_;    // Text of an unfinished line.
  uint64_t consumed_ = 0;  // Input bytes emitted for this document.
  // Scratch buffers reused between lines.
  std::string current_, next_;
  std::vector<PassEdits> history_;
};

void NormalizeStage::BuildPasses() {
  const std::pair<bool, Pass> order[] = {
      {options_.crlf, Pass::kCrlf},       {options_.json_escapes, Pass::kJson},
      {options_.entities, Pass::kEntity}, {options_.controls, Pass::kControl},
      {options_.nfc, Pass::kNfc},         {options_.radicals, Pass::kRadical},
      {options_.ascii_width, Pass::kAsciiWidth}, {options_.ruby, Pass::kRuby},
      {options_.punct_width, Pass::kPunctWidth}, {options_.spaces, Pass::kSpace}};
  for (const auto& [on, pass] : order) {
    if (on) passes_.push_back(pass);
  }
}

// Marks every character that one of the enabled passes may act on; a line
// without any is copied as it is.
void NormalizeStage::BuildTriggers() {
  const NormalizeOptions& o = options_;
  for (char32_t c = 0; c < 128; ++c) {
    bool hit = (o.crlf && c == '\r') || (o.json_escapes && c == '\\') ||
               (o.entities && c == '&') || (o.controls && internal::MaybeControl(c)) ||
               (o.ruby && c == '(') ||
               (o.punct_width && (c == ',' || c == ':' || c == ';' || c == '!' ||
                                  c == '?' || c == '('));
    ascii_trigger_[c] = hit;
  }
  bmp_trigger_.assign(0x10000, false);
  for (char32_t c = 0x80; c < 0x10000; ++c) {
    bmp_trigger_[c] = (o.nfc && !folder_->NfcSafe(c)) ||
                      (o.radicals && internal::IsRadicalOrCompat(c)) ||
                      (o.ascii_width && internal::MaybeAsciiWidth(c)) ||
                      (o.spaces && internal::MaybeSpace(c)) ||
                      (o.controls && internal::MaybeControl(c)) ||
                      (o.ruby && c == 0xFF08);
  }
}

bool NormalizeStage::NeedsWork(std::string_view text) const {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  for (size_t i = 0; i < n;) {
    unsigned char b = p[i];
    if (b < 0x80) {
      if (ascii_trigger_[b]) return true;
      ++i;
      continue;
    }
    size_t len;
    char32_t c = internal::CodePointAt(text, i, &len);
    i += len;
    if (c < 0x10000 ? bmp_trigger_[c]
                    : ((options_.nfc && !folder_->NfcSafe(c)) ||
                       (options_.radicals && internal::IsRadicalOrCompat(c)))) {
      return true;
    }
  }
  return false;
}

void NormalizeStage::FindEdits(Pass pass, std::string_view text,
                               PassEdits* edits) const {
  switch (pass) {
    case Pass::kCrlf:
      if (line_ends_ == LineEnds::kLf) internal::FindCrlfEdits(text, edits);
      return;
    case Pass::kJson: return internal::FindJsonEscapeEdits(text, edits);
    case Pass::kEntity: return internal::FindEntityEdits(text, edits);
    case Pass::kControl: return internal::FindControlEdits(text, edits);
    case Pass::kNfc: return folder_->FindNfcEdits(text, edits);
    case Pass::kRadical: return folder_->FindRadicalEdits(text, edits);
    case Pass::kAsciiWidth: return internal::FindAsciiWidthEdits(text, edits);
    case Pass::kRuby: return internal::FindRubyEdits(text, edits);
    case Pass::kPunctWidth: return internal::FindPunctWidthEdits(text, edits);
    case Pass::kSpace: return internal::FindSpaceEdits(text, edits);
  }
}

// Runs every pass over one segment (a line or a window of one) and records
// its edits at their offsets in the stage's input.
void NormalizeStage::EmitSegment(std::string_view segment, std::string* out,
                                 EditLog* log) {
  uint64_t base = consumed_;
  consumed_ += segment.size();
  if (line_ends_ == LineEnds::kUnknown && !segment.empty() && segment.back() == '\n') {
    bool cr = segment.size() >= 2 && segment[segment.size() - 2] == '\r';
    line_ends_ = cr ? LineEnds::kCrlf : LineEnds::kLf;
  }
  if (!NeedsWork(segment)) {
    out->append(segment);
    return;
  }
  current_.assign(segment);
  history_.clear();
  PassEdits edits;
  for (Pass pass : passes_) {
    edits.clear();
    FindEdits(pass, current_, &edits);
    if (edits.empty()) continue;
    for (const PassEdit& e : edits) {
      size_t pos = e.offset;
      for (size_t k = history_.size(); k-- > 0;) pos = MapBack(history_[k], pos);
      log->Record(base + pos, std::string_view(current_).substr(e.offset, e.length),
                  e.after, RuleName(pass), e.reason);
    }
    next_.clear();
    internal::ApplyPassEdits(current_, edits, &next_);
    current_.swap(next_);
    history_.push_back(std::move(edits));
    edits = PassEdits();
  }
  out->append(current_);
}

// One line (with its '\n', if any); an overlong one goes in windows.
void NormalizeStage::EmitLine(std::string_view line, std::string* out,
                              EditLog* log) {
  auto content = [](std::string_view s) {
    return s.size() - (!s.empty() && s.back() == '\n' ? 1 : 0);
  };
  while (content(line) > kWindow) {
    size_t cut = internal::SafeCut(line, kWindow);
    EmitSegment(line.substr(0, cut), out, log);
    line.remove_prefix(cut);
  }
  EmitSegment(line, out, log);
}

void NormalizeStage::EmitLines(std::string_view text, std::string* out,
                               EditLog* log) {
  while (!text.empty()) {
    size_t nl = text.find('\n');
    size_t len = nl == std::string_view::npos ? text.size() : nl + 1;
    EmitLine(text.substr(0, len), out, log);
    text.remove_prefix(len);
  }
}

// Emits windows of an overlong unfinished line, the same cuts EmitLine
// would make once the line is complete.
void NormalizeStage::DrainPending(std::string* out, EditLog* log) {
  size_t done = 0;
  std::string_view rest(pending_);
  while (rest.size() > kWindow) {
    size_t cut = internal::SafeCut(rest, kWindow);
    EmitSegment(rest.substr(0, cut), out, log);
    rest.remove_prefix(cut);
    done += cut;
  }
  pending_.erase(0, done);
}

Status NormalizeStage::Process(std::string_view in, std::string* out,
                               EditLog* log) {
  size_t nl = in.rfind('\n');
  if (nl != std::string_view::npos) {
    if (pending_.empty()) {
      EmitLines(in.substr(0, nl + 1), out, log);
    } else {
      pending_.append(in.substr(0, nl + 1));
      EmitLines(pending_, out, log);
      pending_.clear();
    }
    in.remove_prefix(nl + 1);
  }
  pending_.append(in);
  DrainPending(out, log);
  return OkStatus();
}

Status NormalizeStage::Finish(std::string* out, EditLog* log) {
  EmitLines(pending_, out, log);
  pending_.clear();
  return OkStatus();
}

}  // namespace

StatusOr<std::unique_ptr<Stage>> NewNormalizeStage(
    const NormalizeOptions& options) {
  ZHCLEAN_ASSIGN_OR_RETURN(std::unique_ptr<UnicodeFolder> folder,
                           UnicodeFolder::Create());
  return std::unique_ptr<Stage>(new NormalizeStage(options, std::move(folder)));
}

}  // namespace zhclean
