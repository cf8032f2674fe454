// The strip stage: buffers lines until their zone is known, decides them
// (strip_lines.h) and emits the kept ones.
#include <cctype>
#include <cstdio>
#include <utility>

#include "strip_lines.h"
#include "zhclean/strip.h"

namespace zhclean {

StatusOr<MetaMode> ParseMetaMode(std::string_view name) {
  if (name == "keep") return MetaMode::kKeep;
  if (name == "drop") return MetaMode::kDrop;
  return InvalidArgumentError("--meta must be keep or drop, not '" + std::string(name) + "'");
}

namespace {

using internal::StripLine;

// A line longer than this is article text: it is passed through as it
// arrives instead of being held.
constexpr size_t kMaxHeldLine = 256 << 10;

class StripStage : public Stage {
 public:
  StripStage(std::shared_ptr<const ChromeRuleSet> rules, const StripOptions& options)
      : rules_(std::move(rules)), options_(options) {
    context_.rules = &rules_->impl();
    context_.meta = options_.meta;
    context_.templates = options_.templates.get();
  }

  const char* name() const override { return "strip"; }
  void BeginDocument() override;
  Status Process(std::string_view in, std::string* out, EditLog* log) override;
  Status Finish(std::string* out, EditLog* log) override;

 private:
  void ProcessText(std::string_view in, std::string* out, EditLog* log);
  void AddLine(std::string_view text, std::string* out, EditLog* log);
  // Decides and emits pending_[0, end) with zone bits `zone`.
  void Flush(size_t end, uint8_t zone, std::string* out, EditLog* log);
  void Decide(std::vector<StripLine>* batch, bool at_end, std::string* out, EditLog* log);
  void FinishText(std::string* out, EditLog* log);
  uint8_t OpenZone() const { return seen_body_ ? 0 : internal::kInHead; }

  std::shared_ptr<const ChromeRuleSet> rules_;
  StripOptions options_;
  internal::DecideContext context_;
  std::vector<StripLine> pending_;
  size_t pending_bytes_ = 0;
  std::string partial_;       // The start of a line whose end has not come.
  bool passthrough_ = false;  // Inside an overlong line: emit as it comes.
  bool seen_body_ = false;
  int prev_removed_ = -1;     // Fate of the last emitted non-blank line.
  bool kept_before_ = false;  // A non-blank line was kept.
  uint64_t offset_ = 0;       // Document offset of the next line.
  std::string html_;
  bool first_piece_ = true;  // The next Process() call starts the document.
  bool html_doc_ = false;    // This document is HTML (--html or detected).
};

void StripStage::BeginDocument() {
  pending_.clear();
  pending_bytes_ = 0;
  partial_.clear();
  passthrough_ = false;
  seen_body_ = false;
  prev_removed_ = -1;
  kept_before_ = false;
  offset_ = 0;
  html_.clear();
  first_piece_ = true;
  html_doc_ = false;
}

// True when a document starting with `head` is an HTML page: after a BOM
// and white space it opens with "<!doctype html" or "<html".
bool LooksLikeHtml(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  std::string prefix;
  for (char c : head.substr(start, 14)) {
    prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return prefix.rfind("<!doctype html", 0) == 0 || prefix.rfind("<html", 0) == 0;
}

Status StripStage::Process(std::string_view in, std::string* out, EditLog* log) {
  if (first_piece_) {
    first_piece_ = false;
    html_doc_ = options_.html || LooksLikeHtml(in);
  }
  if (html_doc_) {
    if (html_.size() + in.size() > options_.max_html_bytes) {
      return ResourceExhaustedError("HTML document larger than " +
                                    std::to_string(options_.max_html_bytes) + " bytes");
    }
    html_.append(in);
    return OkStatus();
  }
  ProcessText(in, out, log);
  return OkStatus();
}

void StripStage::ProcessText(std::string_view in, std::string* out, EditLog* log) {
  while (!in.empty()) {
    size_t newline = in.find('\n');
    size_t take = newline == std::string_view::npos ? in.size() : newline + 1;
    if (passthrough_) {
      out->append(in.substr(0, take));
      offset_ += take;
      passthrough_ = newline == std::string_view::npos;
    } else if (newline == std::string_view::npos) {
      partial_.append(in);
      if (partial_.size() > kMaxHeldLine) {
        Flush(pending_.size(), OpenZone(), out, log);
        out->append(partial_);
        offset_ += partial_.size();
        partial_.clear();
        passthrough_ = true;
        seen_body_ = true;
      }
    } else if (partial_.empty()) {
      AddLine(in.substr(0, take), out, log);
    } else {
      partial_.append(in.substr(0, take));
      AddLine(partial_, out, log);
      partial_.clear();
    }
    in.remove_prefix(take);
  }
}

void StripStage::AddLine(std::string_view text, std::string* out, EditLog* log) {
  StripLine line;
  line.text.assign(text);
  line.offset = offset_;
  offset_ += text.size();
  internal::PrepareLine(&line);
  bool body = line.body;
  pending_bytes_ += text.size();
  pending_.push_back(std::move(line));
  if (body && !internal::HoldForTailBlock(*context_.rules, pending_, pending_.size() - 1)) {
    Flush(pending_.size(), OpenZone(), out, log);
    seen_body_ = true;
  } else if (pending_.size() > options_.max_window_lines ||
             pending_bytes_ > options_.max_window_bytes) {
    Flush(pending_.size() / 2, OpenZone(), out, log);
    seen_body_ = true;
  }
}

void StripStage::Flush(size_t end, uint8_t zone, std::string* out, EditLog* log) {
  if (end == 0) return;
  std::vector<StripLine> batch(std::make_move_iterator(pending_.begin()),
                               std::make_move_iterator(pending_.begin() + end));
  pending_.erase(pending_.begin(), pending_.begin() + end);
  for (StripLine& l : batch) {
    l.zone = zone;
    pending_bytes_ -= l.text.size();
  }
  Decide(&batch, false, out, log);
}

void StripStage::Decide(std::vector<StripLine>* batch, bool at_end, std::string* out,
                        EditLog* log) {
  context_.at_document_start = !kept_before_;
  internal::DecideLines(context_, batch);
  internal::DecideBlankLines(prev_removed_, kept_before_, at_end, batch);
  char reason[64];
  for (const StripLine& l : *batch) {
    if (!l.blank) prev_removed_ = l.removed ? 1 : 0;
    kept_before_ |= !l.blank && !l.removed;
    if (!l.removed) {
      out->append(l.text);
      continue;
    }
    std::snprintf(reason, sizeof reason, "site chrome, score %.2f", l.score);
    log->Record(l.offset, l.text, "", l.rule, reason);
  }
}

void StripStage::FinishText(std::string* out, EditLog* log) {
  if (!partial_.empty()) {
    std::string last = std::move(partial_);
    partial_.clear();
    if (passthrough_) {
      out->append(last);
    } else {
      AddLine(last, out, log);
    }
  }
  std::vector<StripLine> batch = std::move(pending_);
  pending_.clear();
  pending_bytes_ = 0;
  size_t tail = internal::TailStart(*context_.rules, batch);
  bool any_body = seen_body_;
  for (const StripLine& l : batch) any_body |= l.body;
  bool body_before = seen_body_;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (i < tail) {
      batch[i].zone = body_before ? 0 : internal::kInHead;
      body_before |= batch[i].body;
    } else {
      batch[i].zone = internal::kInTail | (any_body ? 0 : internal::kInHead);
    }
  }
  Decide(&batch, true, out, log);
}

Status StripStage::Finish(std::string* out, EditLog* log) {
  if (html_doc_) {
    std::string text;
    Status s = ExtractHtmlText(html_, &text);
    html_.clear();
    ZHCLEAN_RETURN_IF_ERROR(s);
    ProcessText(text, out, log);
  }
  FinishText(out, log);
  return OkStatus();
}

}  // namespace

StatusOr<std::unique_ptr<Stage>> NewStripStage(std::shared_ptr<const ChromeRuleSet> rules,
                                               const StripOptions& options) {
  if (rules == nullptr) return InvalidArgumentError("strip stage needs chrome rules");
  return std::unique_ptr<Stage>(new StripStage(std::move(rules), options));
}

}  // namespace zhclean
