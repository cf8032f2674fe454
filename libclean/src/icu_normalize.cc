// The normalize stage: runs the enabled passes over each line, in a fixed
// order, and records every edit at its offset in the stage's input.
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

uint16_t Bit(Pass pass) { return static_cast<uint16_t>(1u << static_cast<int>(pass)); }

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
  uint16_t PassMask(std::string_view text) const;
  void FindEdits(Pass pass, std::string_view text, PassEdits* edits) const;
  void EmitLines(std::string_view text, std::string* out, EditLog* log);
  void EmitLine(std::string_view line, std::string* out, EditLog* log);
  void EmitSegment(std::string_view segment, std::string* out, EditLog* log);
  void RunPasses(uint16_t mask, uint64_t base, EditLog* log);
  void DrainPending(std::string* out, EditLog* log);

  NormalizeOptions options_;
  std::unique_ptr<UnicodeFolder> folder_;
  std::vector<Pass> passes_;
  std::vector<uint16_t> bmp_mask_;  // Passes that may act on each BMP char.
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

// The passes that may act on code point `c`, given the options.
uint16_t CharMask(char32_t c, const NormalizeOptions& o, const UnicodeFolder& folder) {
  uint16_t m = 0;
  if (o.json_escapes && c == '\\') m |= Bit(Pass::kJson);
  if (o.entities && c == '&') m |= Bit(Pass::kEntity);
  if (o.controls && internal::MaybeControl(c)) m |= Bit(Pass::kControl);
  if (o.nfc && c >= 0x80 && !folder.NfcSafe(c)) m |= Bit(Pass::kNfc);
  if (o.radicals && internal::IsRadicalOrCompat(c)) m |= Bit(Pass::kRadical);
  if (o.ascii_width && internal::MaybeAsciiWidth(c)) m |= Bit(Pass::kAsciiWidth);
  if (o.ruby && (c == '(' || c == 0xFF08)) m |= Bit(Pass::kRuby);
  if (o.punct_width && (c == ',' || c == ':' || c == ';' || c == '!' ||
                        c == '?' || c == '(')) {
    m |= Bit(Pass::kPunctWidth);
  }
  if (o.spaces && internal::MaybeSpace(c)) m |= Bit(Pass::kSpace);
  return m;
}

void NormalizeStage::BuildTriggers() {
  bmp_mask_.assign(0x10000, 0);
  for (char32_t c = 0; c < 0x10000; ++c) {
    bmp_mask_[c] = CharMask(c, options_, *folder_);
    // PassMask() skips U+4000-9FFF unseen.
    if (c >= 0x4000 && c <= 0x9FFF) bmp_mask_[c] = 0;
  }
}

// The passes that may act on `text`; 0 for text to copy as it is.
uint16_t NormalizeStage::PassMask(std::string_view text) const {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  uint16_t mask = 0;
  for (size_t i = 0; i < n;) {
    unsigned char b = p[i];
    if (b < 0x80) {
      mask |= bmp_mask_[b];
      ++i;
      continue;
    }
    if (b >= 0xE4 && b <= 0xE9) {  // U+4000-9FFF: Han, never acted on.
      i += 3;
      continue;
    }
    size_t len;
    char32_t c = internal::CodePointAt(text, i, &len);
    i += len;
    mask |= c < 0x10000 ? bmp_mask_[c] : CharMask(c, options_, *folder_);
  }
  return mask;
}

void NormalizeStage::FindEdits(Pass pass, std::string_view text,
                               PassEdits* edits) const {
  switch (pass) {
    case Pass::kCrlf: return internal::FindCrlfEdits(text, edits);
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

// Runs the passes in `mask` over current_ and records their edits at
// offsets in the stage's input (`base` + position in the segment).
void NormalizeStage::RunPasses(uint16_t mask, uint64_t base, EditLog* log) {
  history_.clear();
  for (Pass pass : passes_) {
    if ((mask & Bit(pass)) == 0) continue;
    PassEdits edits;
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
    mask = PassMask(current_);  // Decoded text may need later passes.
  }
}

// One segment: a line or a window of an overlong one.
void NormalizeStage::EmitSegment(std::string_view segment, std::string* out,
                                 EditLog* log) {
  uint64_t base = consumed_;
  consumed_ += segment.size();
  bool line_end = !segment.empty() && segment.back() == '\n';
  bool cr_lf = line_end && segment.size() >= 2 && segment[segment.size() - 2] == '\r';
  if (line_ends_ == LineEnds::kUnknown && line_end) {
    line_ends_ = cr_lf ? LineEnds::kCrlf : LineEnds::kLf;
  }
  uint16_t mask = PassMask(segment);
  if (options_.crlf && cr_lf && line_ends_ == LineEnds::kLf) mask |= Bit(Pass::kCrlf);
  if (mask == 0) {
    out->append(segment);
    return;
  }
  current_.assign(segment);
  RunPasses(mask, base, log);
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
