// The zh-fix stage: guarded rule matching plus per-passage spin verdicts.
#include <algorithm>
#include <deque>
#include <vector>

#include "fix_rules.h"
#include "spin.h"
#include "utf8.h"
#include "zhclean/fix.h"

namespace zhclean {

namespace {

using internal::FixRule;
using internal::FixScope;
using internal::PatternMatch;

// A line of the document as it waits for its verdict.
struct Paragraph {
  std::string text;       // With its line end, if any.
  size_t body_size = 0;   // Without "\n" / "\r\n".
  uint64_t offset = 0;    // In the document.
  bool blank = true;
  std::vector<PatternMatch> hits;  // Every guarded hit, unresolved.
  internal::ParagraphEvidence evidence;
};

// A FIFO of paragraphs whose slots, and the buffers in them (text, hits,
// markers), are reused: no allocation per line once it has warmed up.
class ParagraphQueue {
 public:
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  void clear() { head_ = size_ = 0; }
  Paragraph& operator[](size_t i) { return slots_[(head_ + i) % slots_.size()]; }
  const Paragraph& operator[](size_t i) const { return slots_[(head_ + i) % slots_.size()]; }
  Paragraph& front() { return slots_[head_]; }
  void pop_front() {
    head_ = (head_ + 1) % slots_.size();
    --size_;
  }
  // A slot at the back holding an earlier paragraph's data: the caller
  // sets every field.
  Paragraph& push_back() {
    if (size_ == slots_.size()) {
      std::rotate(slots_.begin(), slots_.begin() + head_, slots_.end());
      head_ = 0;
      slots_.emplace_back();
    }
    ++size_;
    return (*this)[size_ - 1];
  }

 private:
  std::vector<Paragraph> slots_;
  size_t head_ = 0;
  size_t size_ = 0;
};

// A line longer than this is judged in pieces (the driver already cuts
// lines over its own cap at code-point boundaries).
constexpr size_t kMaxParagraphBytes = 1 << 20;

class FixStage : public Stage {
 public:
  FixStage(std::shared_ptr<const FixRuleSet> rules, const SpinOptions& options)
      : holder_(std::move(rules)), rules_(holder_->compiled()), options_(options),
        counts_(rules_.rules.size(), 0) {}

  const char* name() const override { return "fix"; }
  void BeginDocument() override {
    partial_.clear();
    pending_.clear();
    history_.clear();
    offset_ = 0;
  }
  Status Process(std::string_view in, std::string* out, EditLog* log) override;
  Status Finish(std::string* out, EditLog* log) override;

 private:
  // Scans one line; appends it to *out at once when it can be, else
  // queues it and emits what the queue can release (so the queue holds a
  // window of paragraphs, not a whole chunk, and its buffers are reused).
  void AddLine(std::string_view line, std::string* out, EditLog* log);
  internal::ParagraphEvidence& NextHistorySlot();
  void Remember(const internal::ParagraphEvidence& evidence);
  bool CannotBeSpun() const;
  size_t NonBlankPending() const;
  // Non-blank paragraphs needed on each side of the one judged.
  size_t Lookahead() const { return 2 * options_.window; }
  void Emit(bool finishing, std::string* out, EditLog* log);
  internal::SpinVerdict Judge();
  void FlushCounts(EditLog* log);
  void Apply(const Paragraph& p, const internal::SpinVerdict& verdict, std::string* out,
             EditLog* log);

  std::shared_ptr<const FixRuleSet> holder_;
  const internal::CompiledFixRules& rules_;
  SpinOptions options_;
  std::string partial_;             // An unfinished line.
  ParagraphQueue pending_;          // Waiting for lookahead.
  std::deque<internal::ParagraphEvidence> history_;  // Emitted non-blank ones.
  uint64_t offset_ = 0;
  std::vector<PatternMatch> scratch_;  // Hits of the line being scanned.
  std::vector<PatternMatch> usable_;   // Hits applied to a paragraph.
  std::vector<uint32_t> counts_;       // Edits per rule in a paragraph.
  std::vector<uint32_t> touched_;      // Rules with counts_ > 0.
  std::vector<const internal::ParagraphEvidence*> window_;  // Judge()'s view.
};

void FixStage::AddLine(std::string_view line, std::string* out, EditLog* log) {
  std::string_view body = line;
  if (!body.empty() && body.back() == '\n') body.remove_suffix(1);
  if (!body.empty() && body.back() == '\r') body.remove_suffix(1);
  bool blank = body.find_first_not_of(" \t\xE3\x80\x80") == std::string_view::npos;
  scratch_.clear();
  uint64_t chars = 0;
  if (!blank) {
    chars = rules_.matcher.FindAll(body, [&](const PatternMatch& hit) {
      const FixRule& r = rules_.rules[hit.pattern];
      if (r.guards.empty() || internal::GuardsHold(r, body, hit.begin, hit.end)) {
        scratch_.push_back(hit);
      }
    });
  }
  uint64_t offset = offset_;
  offset_ += line.size();
  // Fast path: nothing waiting before it and nothing that can change (no
  // hit, or only spun-scope hits in a paragraph that cannot be spun), so
  // the line needs no verdict; only its length matters to later windows.
  if (pending_.empty() && (scratch_.empty() || CannotBeSpun())) {
    out->append(line);
    if (!blank) {
      internal::ParagraphEvidence& e = NextHistorySlot();
      e.chars = chars;
      std::fill(e.markers.begin(), e.markers.end(), 0);
    }
    return;
  }
  Paragraph& p = pending_.push_back();
  p.text.assign(line);
  p.offset = offset;
  p.body_size = body.size();
  p.blank = blank;
  p.evidence.markers.assign(rules_.dialects.size(), 0);
  p.evidence.chars = 0;
  p.hits.clear();
  if (!blank) {
    p.evidence.chars = chars;
    internal::SortHits(&scratch_);
    p.hits = scratch_;  // Sorted, unresolved: Apply() filters by verdict.
    internal::ResolveSortedInPlace(&scratch_);
    for (const PatternMatch& hit : scratch_) {
      const FixRule& r = rules_.rules[hit.pattern];
      if (r.marker && r.dialect >= 0) ++p.evidence.markers[r.dialect];
    }
  }
  if (!blank) Emit(false, out, log);
}

// The scanned line has only spun-scope hits and no marker, and no marker
// lies in the `window` paragraphs before it: it is neither anchored nor
// between anchors, so none of its hits can apply.
bool FixStage::CannotBeSpun() const {
  for (const PatternMatch& hit : scratch_) {
    const FixRule& r = rules_.rules[hit.pattern];
    if (r.marker || r.scope != FixScope::kSpun) return false;
  }
  size_t seen = 0;
  for (auto it = history_.rbegin(); it != history_.rend() && seen < options_.window; ++it, ++seen) {
    for (uint32_t m : it->markers) {
      if (m > 0) return false;
    }
  }
  return true;
}

// A new newest entry of history_, its storage reused from the oldest one
// when the history is full (no allocation per line); markers sized.
internal::ParagraphEvidence& FixStage::NextHistorySlot() {
  if (!history_.empty() && history_.size() >= Lookahead()) {
    history_.push_back(std::move(history_.front()));
    history_.pop_front();
  } else {
    history_.emplace_back();
  }
  internal::ParagraphEvidence& e = history_.back();
  e.markers.resize(rules_.dialects.size());
  return e;
}

void FixStage::Remember(const internal::ParagraphEvidence& evidence) {
  internal::ParagraphEvidence& e = NextHistorySlot();
  e.chars = evidence.chars;
  std::copy(evidence.markers.begin(), evidence.markers.end(), e.markers.begin());
}

size_t FixStage::NonBlankPending() const {
  size_t n = 0;
  for (size_t i = 0; i < pending_.size(); ++i) n += pending_[i].blank ? 0 : 1;
  return n;
}

internal::SpinVerdict FixStage::Judge() {
  window_.clear();
  for (const internal::ParagraphEvidence& e : history_) window_.push_back(&e);
  size_t index = window_.size();
  size_t wanted = Lookahead() + 1;  // The paragraph itself and its lookahead.
  for (size_t i = 0; i < pending_.size(); ++i) {
    const Paragraph& p = pending_[i];
    if (p.blank) continue;
    window_.push_back(&p.evidence);
    if (--wanted == 0) break;
  }
  return internal::JudgeParagraph(window_, index, options_);
}

void FixStage::Apply(const Paragraph& p, const internal::SpinVerdict& verdict,
                     std::string* out, EditLog* log) {
  usable_.clear();
  for (const PatternMatch& hit : p.hits) {
    const FixRule& r = rules_.rules[hit.pattern];
    if (r.scope == FixScope::kAlways || r.dialect == verdict.dialect) usable_.push_back(hit);
  }
  if (usable_.empty()) {
    out->append(p.text);
    return;
  }
  const bool detailed = log->detailed();
  std::string spun_reason;
  if (detailed && verdict.dialect >= 0) spun_reason = verdict.Describe(rules_.dialects, options_);
  internal::ResolveSortedInPlace(&usable_);
  size_t pos = 0;
  for (const PatternMatch& hit : usable_) {
    const FixRule& r = rules_.rules[hit.pattern];
    out->append(p.text, pos, hit.begin - pos);
    out->append(r.right);
    pos = hit.end;
    if (!detailed) {  // Counted per rule, flushed at the end of the document.
      if (counts_[hit.pattern]++ == 0) touched_.push_back(hit.pattern);
      continue;
    }
    std::string_view reason = r.dialect < 0 ? std::string_view("known OCR confusion in this context")
                              : r.scope == FixScope::kSpun ? std::string_view(spun_reason)
                                                          : std::string_view("spin marker (never in clean text)");
    log->Record(p.offset + hit.begin, r.wrong, r.right, r.id, reason);
  }
  out->append(p.text, pos, std::string::npos);
}

// One counter update per rule and document (not per edit or paragraph).
void FixStage::FlushCounts(EditLog* log) {
  for (uint32_t rule : touched_) {
    log->Count(rules_.rules[rule].id, counts_[rule]);
    counts_[rule] = 0;
  }
  touched_.clear();
}

void FixStage::Emit(bool finishing, std::string* out, EditLog* log) {
  size_t ahead = NonBlankPending();
  while (!pending_.empty()) {
    Paragraph& front = pending_.front();
    if (!front.blank) {
      if (!finishing && !front.hits.empty() && ahead < Lookahead() + 1) return;
      if (front.hits.empty()) {
        out->append(front.text);
      } else {
        Apply(front, Judge(), out, log);
      }
      Remember(front.evidence);
      --ahead;
    } else {
      out->append(front.text);
    }
    pending_.pop_front();
  }
}

Status FixStage::Process(std::string_view in, std::string* out, EditLog* log) {
  size_t pos = 0;
  if (!partial_.empty()) {
    size_t nl = in.find('\n');
    if (nl == std::string_view::npos) {
      partial_.append(in);
      pos = in.size();
    } else {
      partial_.append(in.substr(0, nl + 1));
      pos = nl + 1;
      AddLine(partial_, out, log);
      partial_.clear();
    }
  }
  while (pos < in.size()) {
    size_t nl = in.find('\n', pos);
    if (nl == std::string_view::npos) {
      partial_.assign(in.substr(pos));
      break;
    }
    AddLine(in.substr(pos, nl + 1 - pos), out, log);
    pos = nl + 1;
  }
  if (partial_.size() > kMaxParagraphBytes) {
    size_t cut = internal::SafeCut(partial_, kMaxParagraphBytes);
    AddLine(std::string_view(partial_).substr(0, cut), out, log);
    partial_.erase(0, cut);
  }
  Emit(false, out, log);
  return OkStatus();
}

Status FixStage::Finish(std::string* out, EditLog* log) {
  if (!partial_.empty()) AddLine(partial_, out, log);
  partial_.clear();
  Emit(true, out, log);
  FlushCounts(log);
  return OkStatus();
}

}  // namespace

std::unique_ptr<Stage> NewFixStage(std::shared_ptr<const FixRuleSet> rules,
                                   const SpinOptions& options) {
  return std::make_unique<FixStage>(std::move(rules), options);
}

}  // namespace zhclean
