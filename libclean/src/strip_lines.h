// The per-line decisions of the strip stage: rules, blocks, templates and
// heuristics over a batch of lines whose zone (head, middle, tail) is known.
#ifndef ZHCLEAN_SRC_STRIP_LINES_H_
#define ZHCLEAN_SRC_STRIP_LINES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "line_class.h"
#include "strip_rules.h"
#include "zhclean/strip.h"

namespace zhclean::internal {

// Bits of StripLine::zone.
constexpr uint8_t kInHead = 1;
constexpr uint8_t kInTail = 2;

struct StripLine {
  std::string text;     // The line, with its '\n' when it has one.
  uint64_t offset = 0;  // Byte offset in the document.
  LineFeatures features;
  bool blank = false;
  bool body = false;    // IsBodyLine(features).
  uint8_t zone = 0;     // kInHead | kInTail; 0 is the middle.
  // The decision.
  bool removed = false;
  bool keep = false;    // Metadata kept by --meta keep: no heuristic removes it.
  std::string rule;     // Rule id or heuristic name.
  ChromeClass cls = ChromeClass::kChrome;  // Class of the rule that removed it.
  double score = 0;

  std::string_view Trimmed() const;
};

// Fills in features, blank and body for `line`.
void PrepareLine(StripLine* line);

struct DecideContext {
  const ChromeRulesImpl* rules = nullptr;
  MetaMode meta = MetaMode::kDrop;
  const SiteTemplates* templates = nullptr;
  std::string_view site;  // The document's site for `templates` ("" for none).
  bool at_document_start = false;  // No kept line has been emitted yet.
};

// Decides every non-blank line of `lines` (zones already set): rule
// matches and the blocks after block rules, template lines, then the
// heuristics (digit/Latin noise, bullets and runs of link-like lines in the
// head and tail, link-like neighbours of removed tail lines).
void DecideLines(const DecideContext& context, std::vector<StripLine>* lines);

// Decides blank lines: one goes when it sits between removed lines, before
// the first kept line or after the last one next to removed chrome, or
// right after a removed run that already follows a kept blank line.
// `prev_removed` is -1 when no non-blank line came before the batch, else
// 0/1 for the last one's fate; `kept_before` tells whether a kept non-blank
// line came before the batch; `at_end` whether the document ends after it
// (otherwise a kept line follows it).
void DecideBlankLines(int prev_removed, bool kept_before, bool at_end,
                      std::vector<StripLine>* lines);

// Index of the first line of the tail zone in `lines`, which hold the end
// of the document: after the last body line, or at a tail block rule whose
// block holds that body line.
size_t TailStart(const ChromeRulesImpl& rules, const std::vector<StripLine>& lines);

// True when a tail-zone block rule matches one of the last few non-blank
// lines before `end` with no blank line between it and `end`: the body line
// at `end` may belong to that block, so the batch must wait for Finish.
bool HoldForTailBlock(const ChromeRulesImpl& rules, const std::vector<StripLine>& lines,
                      size_t end);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_STRIP_LINES_H_
