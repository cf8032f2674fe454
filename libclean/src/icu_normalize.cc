// The normalize stage: runs the enabled passes over each line, in a fixed
// order, and records every edit at its offset in the stage's input.
#include <algorithm>
#include <atomic>
#include <vector>

#include "escapes.h"
#include "mojibake.h"
#include "non_han_bytes.h"
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

// Pass order: control first, so escapes split by a zero-width character are
// seen as adjacent (decoding never yields what control removes); decoding
// next, so later passes see the real characters; crlf after control, which
// may uncover a CR LF (`\r` U+202E `\n`);
// ascii-width before nfc, so `Ａ` + U+0301 composes in one run; ruby before
// punct-width, so `(擴(kuò)大)` keeps its real parentheses.
enum class Pass {
  kControl,
  kJson,
  kEntity,
  kMojibake,  // Only where kJson or kEntity decoded characters above ASCII.
  kCrlf,
  kAsciiWidth,
  kNfc,
  kRadical,
  kRuby,
  kPunctWidth,
  kSpace
};

const char* RuleName(Pass pass) {
  static const char* const kNames[] = {"control",     "json-escape", "entity",
                                       "mojibake:after-references",   "crlf",
                                       "ascii-width", "nfc",         "radical",
                                       "ruby",        "punct-width", "space"};
  return kNames[static_cast<int>(pass)];
}

uint16_t Bit(Pass pass) {
  return static_cast<uint16_t>(1u << static_cast<int>(pass));
}

// Maps sorted offsets in a pass's output back to its input, in place, in
// one merged walk; an offset inside a replacement maps to its start.
void MapBack(const PassEdits& edits, std::vector<size_t>* offsets) {
  long long delta = 0;  // Output minus input length of the edits passed.
  size_t k = 0;
  for (size_t& pos : *offsets) {
    auto out_pos = static_cast<long long>(pos);
    for (; k < edits.size(); ++k) {
      long long out_end =
          static_cast<long long>(edits[k].offset + edits[k].after.size()) +
          delta;
      if (out_pos < out_end) break;  // Before or inside edit k.
      delta += static_cast<long long>(edits[k].after.size()) -
               static_cast<long long>(edits[k].length);
    }
    bool inside = k < edits.size() &&
                  out_pos >= static_cast<long long>(edits[k].offset) + delta;
    pos = inside ? edits[k].offset : static_cast<size_t>(out_pos - delta);
  }
}

// Not copyable: holds the current document's unfinished line and state.
class NormalizeStage : public Stage {
 public:
  NormalizeStage(const NormalizeOptions& options,
                 std::unique_ptr<UnicodeFolder> folder)
      : options_(options), folder_(std::move(folder)) {
    BuildPasses();
    BuildTriggers();
  }

  NormalizeStage(const NormalizeStage&) = delete;
  NormalizeStage& operator=(const NormalizeStage&) = delete;

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
  struct LineRun {
    size_t untouched = 0;  // Bytes of whole lines no pass changes.
    size_t next_line = 0;  // Length of the line after them, 0: incomplete.
    uint16_t next_mask = 0;
  };
  LineRun ScanLines(std::string_view text) const;
  uint16_t SegmentMask(std::string_view text) const;
  void FindEdits(Pass pass, std::string_view text, PassEdits* edits) const;
  void EmitLines(std::string_view text, std::string* out, EditLog* log);
  void EmitLine(std::string_view line, std::string* out, EditLog* log);
  void EmitSegment(std::string_view segment, std::string* out, EditLog* log);
  void EmitMasked(std::string_view segment, uint16_t mask, std::string* out,
                  EditLog* log);
  void RunPasses(uint16_t mask, uint64_t base, EditLog* log);
  void DrainPending(std::string* out, EditLog* log);

  NormalizeOptions options_;
  std::unique_ptr<UnicodeFolder> folder_;
  std::vector<Pass> passes_;
  uint16_t enabled_ = 0;  // Bits of the enabled passes.
  bool skip_punct_ = false;  // CommonPunctLeadBits() holds only mask 0.
  // Set by the document's first line: only an LF document gets its stray
  // CR LF line ends converted; a CRLF file keeps them.
  enum class LineEnds { kUnknown, kLf, kCrlf } line_ends_ = LineEnds::kUnknown;
  std::string pending_;    // Text of an unfinished line.
  uint64_t consumed_ = 0;  // Input bytes emitted for this document.
  // Scratch buffers reused between lines.
  std::string current_, next_;
  std::vector<PassEdits> history_;
  std::vector<size_t> offsets_;
  struct Record {
    uint64_t offset;
    std::string before, after;
    Pass pass;
    const char* reason;
  };
  std::vector<Record> records_;
};

void NormalizeStage::BuildPasses() {
  const std::pair<bool, Pass> order[] = {
      {options_.controls, Pass::kControl},
      {options_.json_escapes, Pass::kJson},
      {options_.entities, Pass::kEntity},
      {options_.mojibake, Pass::kMojibake},
      {options_.crlf, Pass::kCrlf},
      {options_.ascii_width, Pass::kAsciiWidth},
      {options_.nfc, Pass::kNfc},
      {options_.radicals, Pass::kRadical},
      {options_.ruby, Pass::kRuby},
      {options_.punct_width, Pass::kPunctWidth},
      {options_.spaces, Pass::kSpace}};
  for (const auto& [on, pass] : order) {
    if (on) passes_.push_back(pass);
  }
}

// The passes that may act on code point `c` (all options on).
uint16_t CharMask(char32_t c, const UnicodeFolder& folder) {
  uint16_t m = 0;
  if (c == '\\') m |= Bit(Pass::kJson);
  if (c == '&') m |= Bit(Pass::kEntity);
  if (internal::MaybeControl(c)) m |= Bit(Pass::kControl);
  if (c >= 0x80 && !folder.NfcSafe(c)) m |= Bit(Pass::kNfc);
  if (internal::IsRadicalOrCompat(c)) m |= Bit(Pass::kRadical);
  if (internal::MaybeAsciiWidth(c)) m |= Bit(Pass::kAsciiWidth);
  if (c == '(' || c == 0xFF08) m |= Bit(Pass::kRuby);
  if (c == ',' || c == ':' || c == ';' || c == '!' || c == '?' || c == '(') {
    m |= Bit(Pass::kPunctWidth);
  }
  if (internal::MaybeSpace(c)) m |= Bit(Pass::kSpace);
  return m;
}

// CharMask() of each BMP code point with kKnown set, 0 until first asked:
// a text meets a few hundred distinct code points, and filling all 64K at
// start-up was a sixth of zh-repair's start-up time. Threads that race on
// an entry store the same value.
constexpr uint16_t kKnown = 0x8000;
std::atomic<uint16_t> bmp_masks[0x10000];

// CharMask() of `c` < 0x10000, with kKnown set.
inline uint16_t BmpMask(char32_t c, const UnicodeFolder& folder) {
  uint16_t m = bmp_masks[c].load(std::memory_order_relaxed);
  if (m == 0) {
    m = static_cast<uint16_t>(CharMask(c, folder) | kKnown);
    bmp_masks[c].store(m, std::memory_order_relaxed);
  }
  return m;
}

void NormalizeStage::BuildTriggers() {
  enabled_ = 0;
  for (Pass pass : passes_) enabled_ |= Bit(pass);
  // ScanLines may pass over the common punctuation unseen only while no
  // pass can act on it.
  skip_punct_ = (BmpMask(0xFF0C, *folder_) & ~kKnown) == 0;
  for (char32_t c = 0x3000; c < 0x302A; ++c) {
    skip_punct_ = skip_punct_ && (BmpMask(c, *folder_) & ~kKnown) == 0;
  }
}

bool EndsInCrLf(std::string_view s) {
  return s.size() >= 2 && s.back() == '\n' && s[s.size() - 2] == '\r';
}

// PassMask(), plus crlf for a CR LF line end in an LF document.
uint16_t NormalizeStage::SegmentMask(std::string_view text) const {
  uint16_t mask = PassMask(text);
  if (line_ends_ == LineEnds::kLf && EndsInCrLf(text))
    mask |= Bit(Pass::kCrlf) & enabled_;
  return mask;
}

// Decodes the code point at p[0] (a lead byte >= 0x80) of text ending at
// `end`; sets *len. A sequence cut by `end` reads as U+FFFD (EmitSegment
// copies such text as it is anyway).
inline char32_t DecodeAt(const unsigned char* p, const unsigned char* end,
                         size_t* len) {
  size_t n = internal::LeadLength(p[0]);
  *len = n;
  if (static_cast<size_t>(end - p) < n) {
    *len = static_cast<size_t>(end - p);
    return 0xFFFD;
  }
  if (n == 2) return internal::DecodeSequence(p, 2);  // Each length its own branch.
  if (n == 3) return internal::DecodeSequence(p, 3);
  return internal::DecodeSequence(p, 4);
}

// The mask of the code point at p[0] (>= 0x80); sets *len.
inline uint16_t NonAsciiMask(const unsigned char* p, const unsigned char* end,
                             const UnicodeFolder& folder, size_t* len) {
  char32_t c = DecodeAt(p, end, len);
  return c < 0x10000 ? BmpMask(c, folder) : CharMask(c, folder);
}

// The passes that may act on `text`; 0 for text to copy as it is.
uint16_t NormalizeStage::PassMask(std::string_view text) const {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* end = p + text.size();
  uint16_t mask = 0;
  while (p < end) {
    unsigned b = *p;
    if (b < 0x80) {
      mask |= BmpMask(b, *folder_);
      ++p;
    } else if (b >= 0xE4 && b <= 0xE9) {  // U+4000-9FFF: Han, never acted on.
      p += 3;
    } else {
      size_t len;
      mask |= NonAsciiMask(p, end, *folder_, &len);
      p += len;
    }
  }
  return mask & enabled_;
}

// One pass over the bytes of `text`: the run of whole lines at its start
// that no pass would change (SegmentMask() 0 for each), then the length
// (with its '\n') and SegmentMask() of the next line, 0 when incomplete.
// Only ASCII bytes and lead bytes outside U+4000-9FFF are looked at, found
// a block at a time: clean Chinese text is mostly neither.
NormalizeStage::LineRun NormalizeStage::ScanLines(std::string_view text) const {
  const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* end = begin + text.size();
  const uint16_t crlf = line_ends_ == LineEnds::kLf ? Bit(Pass::kCrlf) & enabled_ : 0;
  LineRun run;
  uint16_t mask = 0;
  // Takes the byte at q (ASCII or a lead byte); true at the end of the
  // first line that some pass may change.
  auto visit = [&](const unsigned char* q) {
    unsigned b = *q;
    if (b == '\n') {
      mask &= enabled_;
      if (q > begin && q[-1] == '\r') mask |= crlf;
      size_t line_end = static_cast<size_t>(q + 1 - begin);
      if (mask != 0) {
        run.next_line = line_end - run.untouched;
        run.next_mask = mask;
        return true;
      }
      run.untouched = line_end;
    } else if (b < 0x80) {
      mask |= BmpMask(b, *folder_);
    } else {
      size_t len;
      mask |= NonAsciiMask(q, end, *folder_, &len);
    }
    return false;
  };
  const unsigned char* p = begin;
  for (; end - p >= internal::kNonHanBlock + 2; p += internal::kNonHanBlock) {
    uint32_t bits = internal::NonHanLeadBits(p);
    if (skip_punct_) bits &= ~internal::CommonPunctLeadBits(p);
    for (; bits != 0; bits &= bits - 1) {
      if (visit(p + __builtin_ctz(bits))) return run;
    }
  }
  for (; p < end; ++p) {
    if (!internal::IsHanOrContinuationByte(*p) && visit(p)) return run;
  }
  return run;
}

bool HasHighByte(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return (c & 0x80) != 0; });
}

// zh-repair's mojibake hypotheses over a segment (its '\n' aside), as
// pass edits.
void FindMojibakeEdits(std::string_view text, PassEdits* edits) {
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  std::vector<internal::MojibakeFix> fixes;
  internal::FindMojibake(text, &fixes);
  for (internal::MojibakeFix& f : fixes) {
    edits->push_back({f.begin, f.end - f.begin, std::move(f.after),
                      "re-decoded after character references were decoded"});
  }
}

void NormalizeStage::FindEdits(Pass pass, std::string_view text,
                               PassEdits* edits) const {
  switch (pass) {
    case Pass::kCrlf:
      return internal::FindCrlfEdits(text, edits);
    case Pass::kJson:
      return internal::FindJsonEscapeEdits(text, edits);
    case Pass::kEntity:
      return internal::FindEntityEdits(text, edits);
    case Pass::kMojibake:
      return FindMojibakeEdits(text, edits);
    case Pass::kControl:
      return internal::FindControlEdits(text, edits);
    case Pass::kNfc:
      return folder_->FindNfcEdits(text, edits);
    case Pass::kRadical:
      return folder_->FindRadicalEdits(text, edits);
    case Pass::kAsciiWidth:
      return internal::FindAsciiWidthEdits(text, edits);
    case Pass::kRuby:
      return internal::FindRubyEdits(text, edits);
    case Pass::kPunctWidth:
      return internal::FindPunctWidthEdits(text, edits);
    case Pass::kSpace:
      return internal::FindSpaceEdits(text, edits);
  }
}

// Runs the passes in `mask` over current_ and records their edits at
// offsets in the stage's input (`base` + position in the segment).
void NormalizeStage::RunPasses(uint16_t mask, uint64_t base, EditLog* log) {
  history_.clear();
  records_.clear();
  for (Pass pass : passes_) {
    if ((mask & Bit(pass)) == 0) continue;
    PassEdits edits;
    FindEdits(pass, current_, &edits);
    if (edits.empty()) continue;
    offsets_.clear();
    for (const PassEdit& e : edits) offsets_.push_back(e.offset);
    for (size_t k = history_.size(); k-- > 0;) MapBack(history_[k], &offsets_);
    for (size_t j = 0; j < edits.size(); ++j) {
      const PassEdit& e = edits[j];
      if (log->detailed()) {  // Sorted below; without a sink only counts
                              // matter.
        records_.push_back({base + offsets_[j],
                            current_.substr(e.offset, e.length), e.after, pass,
                            e.reason});
      } else {
        log->Record(base + offsets_[j],
                    std::string_view(current_).substr(e.offset, e.length),
                    e.after, RuleName(pass), e.reason);
      }
    }
    next_.clear();
    internal::ApplyPassEdits(current_, edits, &next_);
    current_.swap(next_);
    // Characters an edit brought in may need later passes (a superset
    // of the passes is harmless: a pass without its trigger finds nothing).
    // Decoded characters above ASCII may be mojibake the repair stage
    // could not see behind the references.
    bool decoded = pass == Pass::kJson || pass == Pass::kEntity;
    for (const PassEdit& e : edits) {
      mask |= PassMask(e.after);
      if (decoded && HasHighByte(e.after)) mask |= Bit(Pass::kMojibake) & enabled_;
    }
    if (line_ends_ == LineEnds::kLf && EndsInCrLf(current_)) {
      mask |= Bit(Pass::kCrlf) & enabled_;
    }
    history_.push_back(std::move(edits));
  }
  // In input order for --explain; edits at one offset stay in pass order.
  std::stable_sort(
      records_.begin(), records_.end(),
      [](const Record& a, const Record& b) { return a.offset < b.offset; });
  for (const Record& r : records_) {
    log->Record(r.offset, r.before, r.after, RuleName(r.pass), r.reason);
  }
}

// One segment: a line or a window of an overlong one.
void NormalizeStage::EmitSegment(std::string_view segment, std::string* out,
                                 EditLog* log) {
  if (line_ends_ == LineEnds::kUnknown && !segment.empty() &&
      segment.back() == '\n') {
    line_ends_ = EndsInCrLf(segment) ? LineEnds::kCrlf : LineEnds::kLf;
  }
  EmitMasked(segment, SegmentMask(segment), out, log);
}

// `mask` is SegmentMask(segment).
void NormalizeStage::EmitMasked(std::string_view segment, uint16_t mask,
                                std::string* out, EditLog* log) {
  uint64_t base = consumed_;
  consumed_ += segment.size();
  // Invalid UTF-8 never comes from the driver; a bad caller's line is
  // copied as it is rather than misread.
  if (mask == 0 || internal::ValidUtf8Prefix(segment) != segment.size()) {
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
    if (line_ends_ != LineEnds::kUnknown) {
      LineRun run = ScanLines(text);
      out->append(text.substr(0, run.untouched));  // In one piece.
      consumed_ += run.untouched;
      text.remove_prefix(run.untouched);
      if (run.next_line > 0 && run.next_line - 1 <= kWindow) {
        EmitMasked(text.substr(0, run.next_line), run.next_mask, out, log);
        text.remove_prefix(run.next_line);
        continue;
      }
      if (run.untouched > 0 || text.empty()) continue;
    }
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
