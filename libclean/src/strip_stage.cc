// The strip stage: buffers lines until their zone is known, decides them
// (strip_lines.h) and emits the kept ones.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <utility>

#include "html_extract.h"
#include "strip_lines.h"
#include "strip_title.h"
#include "zhclean/strip.h"

namespace zhclean {

StatusOr<MetaMode> ParseMetaMode(std::string_view name) {
  if (name == "keep") return MetaMode::kKeep;
  if (name == "drop") return MetaMode::kDrop;
  if (name == "extract") return MetaMode::kExtract;
  return InvalidArgumentError("--meta must be keep, drop or extract, not '" +
                              std::string(name) + "'");
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
  std::vector<std::string> InputFields() const override;
  void SetDocumentFields(const std::vector<std::string>& values) override;
  void TakeOutputFields(std::vector<std::pair<std::string, std::string>>* fields) override;

 private:
  void ProcessText(std::string_view in, std::string* out, EditLog* log);
  void AddLine(std::string_view text, std::string* out, EditLog* log);
  // Decides and emits pending_[0, end) with zone bits `zone`.
  void Flush(size_t end, uint8_t zone, std::string* out, EditLog* log);
  void Decide(std::vector<StripLine>* batch, bool at_end, std::string* out, EditLog* log);
  void FinishText(std::string* out, EditLog* log);
  void TakeTitle(std::vector<StripLine>* batch);
  bool TakeMarkupTitle(std::vector<StripLine>* batch);
  void RemoveTitle(StripLine* line);
  void KeepMeta(const StripLine& line);
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
  bool input_text_ = false;  // The input had a non-space byte.
  uint64_t output_bytes_ = 0;
  std::string site_;         // From SetDocumentFields (--site-field).
  bool title_checked_ = false;  // The title was looked for.
  internal::HtmlTitles titles_;  // Of an HTML document: <title> and <h1>.
  // --meta extract: title, date, author, source ("" when not found).
  std::string meta_[4];
};

constexpr const char* kMetaFields[4] = {"title", "date", "author", "source"};
constexpr const char* kTitleRule = "meta:title";
constexpr uint32_t kMaxTitleLength = 64;  // Code points.

// The value of a metadata line: without enclosing brackets and without a
// short leading label ("来源：新华网" -> "新华网", "(责任编辑:张三)" -> "张三").
std::string MetaValue(std::string_view line) {
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"(", ")"},
                             {"\xEF\xBC\x88", "\xEF\xBC\x89"},    // （ ）
                             {"\xE3\x80\x90", "\xE3\x80\x91"},    // 【 】
                             {"[", "]"}}) {
    if (line.size() > open.size() + close.size() && line.substr(0, open.size()) == open &&
        line.substr(line.size() - close.size()) == close) {
      line = line.substr(open.size(), line.size() - open.size() - close.size());
      break;
    }
  }
  size_t colon = std::min(line.find(':'), line.find("\xEF\xBC\x9A"));  // ：
  // A colon after a digit is a time (a dateline "2021-05-24 10:22 来源：…").
  bool time = colon != std::string_view::npos && colon > 0 &&
              std::isdigit(static_cast<unsigned char>(line[colon - 1]));
  if (colon != std::string_view::npos && colon <= 24 && !time) {
    line.remove_prefix(colon + (line[colon] == ':' ? 1 : 3));
  }
  return std::string(internal::TrimLine(line));
}

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
  input_text_ = false;
  output_bytes_ = 0;
  title_checked_ = false;
  titles_ = internal::HtmlTitles();
  for (std::string& m : meta_) m.clear();
  context_.site = site_;
}

std::vector<std::string> StripStage::InputFields() const {
  if (options_.site_field.empty()) return {};
  return {options_.site_field};
}

void StripStage::SetDocumentFields(const std::vector<std::string>& values) {
  site_ = values.empty() ? std::string() : values[0];
}

void StripStage::TakeOutputFields(std::vector<std::pair<std::string, std::string>>* fields) {
  if (options_.meta != MetaMode::kExtract) return;
  for (size_t i = 0; i < 4; ++i) {
    if (!meta_[i].empty()) fields->emplace_back(kMetaFields[i], meta_[i]);
  }
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
  if (!input_text_) input_text_ = in.find_first_not_of(" \t\r\n") != std::string_view::npos;
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
  size_t before = out->size();
  ProcessText(in, out, log);
  output_bytes_ += out->size() - before;
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
  if (options_.meta != MetaMode::kKeep) TakeTitle(batch);
  internal::DecideBlankLines(prev_removed_, kept_before_, at_end, batch);
  char reason[64];
  for (const StripLine& l : *batch) {
    if (!l.blank) prev_removed_ = l.removed ? 1 : 0;
    kept_before_ |= !l.blank && !l.removed;
    if (!l.removed) {
      out->append(l.text);
      continue;
    }
    if (options_.meta == MetaMode::kExtract) KeepMeta(l);
    if (l.rule == kTitleRule) {
      log->Record(l.offset, l.text, "", l.rule,
                  options_.meta == MetaMode::kExtract ? "title, moved to the title field"
                                                      : "title (metadata), dropped");
      continue;
    }
    std::snprintf(reason, sizeof reason, "site chrome, score %.2f", l.score);
    log->Record(l.offset, l.text, "", l.rule, reason);
  }
}

// The title of an HTML page is metadata, dropped with --meta drop and
// moved to a field with --meta extract: see TakeMarkupTitle. Otherwise
// (text, or no line matches the markup) only --meta extract looks for it:
// the first line of the document that no rule removed is its title when it
// comes before the article (head zone), is short, ends no sentence, is
// mostly Han (not a date) and is not a numbered heading; when a heuristic
// removed it (a title over metadata lines looks like a menu run) it must
// also have no space (menus are words between spaces).
void StripStage::TakeTitle(std::vector<StripLine>* batch) {
  if (title_checked_ || kept_before_) return;
  if (html_doc_ && TakeMarkupTitle(batch)) return;
  if (options_.meta != MetaMode::kExtract) return;
  for (StripLine& l : *batch) {
    if (l.blank || (l.removed && l.rule.rfind("heuristic:", 0) != 0)) continue;
    title_checked_ = true;
    const internal::LineFeatures& f = l.features;
    std::string_view t = l.Trimmed();
    if (!(l.zone & internal::kInHead) || l.body || f.heading || f.ends_sentence ||
        f.length > kMaxTitleLength || f.han < 4 || f.digits >= f.han ||
        (l.removed && t.find(' ') != std::string_view::npos)) {
      return;
    }
    RemoveTitle(&l);
    return;
  }
}

// Lines of the head an HTML title may come after (a logo line, an ad label).
constexpr int kMaxLinesBeforeTitle = 3;

// An HTML page's title: among the first head lines that no rule removed,
// the first one that is the page's <h1> or a whole segment of its <title>
// (strip_title.h), with the lines right after it that repeat it or finish
// it (a subtitle that the <title> holds too). True when found.
bool StripStage::TakeMarkupTitle(std::vector<StripLine>* batch) {
  std::vector<StripLine>& v = *batch;
  int seen = 0;
  for (size_t i = 0; i < v.size() && seen <= kMaxLinesBeforeTitle; ++i) {
    StripLine& l = v[i];
    if (l.blank || (l.removed && l.rule.rfind("heuristic:", 0) != 0)) continue;
    if (!(l.zone & internal::kInHead) || l.body) return false;
    ++seen;
    std::string_view t = l.Trimmed();
    if (l.features.length > 2 * kMaxTitleLength || !IsMarkupTitle(t, titles_)) continue;
    std::string title(t);
    RemoveTitle(&l);
    for (size_t k = i + 1; k < v.size(); ++k) {
      StripLine& next = v[k];
      if (next.blank || (next.removed && next.rule.rfind("heuristic:", 0) != 0)) continue;
      if (next.body || !ContinuesMarkupTitle(title, next.Trimmed(), titles_)) break;
      if (next.Trimmed() != title) title += next.Trimmed();
      next.removed = true;
      next.rule = kTitleRule;
      next.score = 1.0;
    }
    return true;
  }
  return false;
}

void StripStage::RemoveTitle(StripLine* line) {
  title_checked_ = true;
  line->removed = true;
  line->rule = kTitleRule;
  line->score = 1.0;
  meta_[0] = std::string(line->Trimmed());
}

// --meta extract: a removed metadata line gives its value (the first of
// each kind wins), without a leading label such as "来源：".
void StripStage::KeepMeta(const StripLine& line) {
  size_t index = line.cls == internal::ChromeClass::kDate     ? 1
                 : line.cls == internal::ChromeClass::kAuthor ? 2
                 : line.cls == internal::ChromeClass::kSource ? 3
                                                               : 0;
  if (index == 0 || !meta_[index].empty()) return;
  meta_[index] = MetaValue(line.Trimmed());
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
  size_t before = out->size();
  if (html_doc_) {
    std::string text;
    Status s = internal::ExtractHtmlTextWithTitles(html_, &text, &titles_);
    html_.clear();
    ZHCLEAN_RETURN_IF_ERROR(s);
    ProcessText(text, out, log);
  }
  FinishText(out, log);
  output_bytes_ += out->size() - before;
  if (input_text_ && output_bytes_ == 0) log->Reject("empty after stripping");
  return OkStatus();
}

}  // namespace

StatusOr<std::unique_ptr<Stage>> NewStripStage(std::shared_ptr<const ChromeRuleSet> rules,
                                               const StripOptions& options) {
  if (rules == nullptr) return InvalidArgumentError("strip stage needs chrome rules");
  return std::unique_ptr<Stage>(new StripStage(std::move(rules), options));
}

}  // namespace zhclean
