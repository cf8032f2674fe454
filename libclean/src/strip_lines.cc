#include "strip_lines.h"

#include <algorithm>
#include <cstdio>

namespace zhclean::internal {

namespace {

constexpr size_t kMaxBlockLines = 12;  // A block rule removes at most this many.
constexpr size_t kTailBlockReach = 6;  // Lines a tail block may span to a body line.
constexpr size_t kMinLinkRun = 3;      // Consecutive link-like lines that make a menu.

Zone LineZone(uint8_t zone, bool tail_first) {
  if (zone == (kInHead | kInTail)) return tail_first ? Zone::kTail : Zone::kHead;
  if (zone & kInTail) return Zone::kTail;
  if (zone & kInHead) return Zone::kHead;
  return Zone::kAny;
}

// Matches a line against the rules for every zone it is in. Body lines only
// meet whole-line literals: a long sentence never falls to a prefix or regex.
const ChromeRule* MatchLine(const ChromeRulesImpl& rules, const StripLine& line) {
  std::string_view t = line.Trimmed();
  size_t n = line.features.length;
  const ChromeRule* r = MatchChrome(rules, t, n, LineZone(line.zone, false), line.body);
  if (r == nullptr && line.zone == (kInHead | kInTail)) {
    r = MatchChrome(rules, t, n, Zone::kTail, line.body);
  }
  return r;
}

void Remove(StripLine* line, std::string rule, double score) {
  line->removed = true;
  line->rule = std::move(rule);
  line->score = score;
}

// Removes the lines after a block rule up to a blank line, a body line of
// its own paragraph size, or kMaxBlockLines. Returns the index after it.
size_t RemoveBlock(const ChromeRule& rule, std::vector<StripLine>* lines, size_t i) {
  size_t j = i + 1;
  for (; j < lines->size() && j <= i + kMaxBlockLines; ++j) {
    StripLine& l = (*lines)[j];
    if (l.blank || (l.body && l.features.length >= 80) || l.features.heading) break;
    if (!l.removed) Remove(&l, rule.id + ":block", 0.9);
  }
  return j;
}

void ApplyRules(const DecideContext& c, std::vector<StripLine>* lines) {
  for (size_t i = 0; i < lines->size(); ++i) {
    StripLine& l = (*lines)[i];
    if (l.blank || l.removed) continue;
    const ChromeRule* r = MatchLine(*c.rules, l);
    if (r == nullptr) continue;
    if (IsMeta(r->cls) && c.meta == MetaMode::kKeep) {
      l.keep = true;
      continue;
    }
    Remove(&l, r->id, 1.0);
    l.cls = r->cls;
    if (r->block) i = RemoveBlock(*r, lines, i) - 1;
  }
}

bool Eligible(const StripLine& l) {
  return !l.blank && !l.removed && !l.keep && !l.body && !l.features.heading && l.zone != 0;
}

bool IsTemplate(const DecideContext& c, const StripLine& l) {
  return Eligible(l) && !l.features.ends_sentence &&
         c.templates->IsTemplateLine(l.Trimmed(), c.site);
}

// Template lines go only as part of the frame: the leading run of the
// document (before any kept line) and the trailing run of its tail, where
// every non-blank line is chrome or template. A repeated line inside the
// article (a book's "译文" marker) stays.
void ApplyTemplates(const DecideContext& c, std::vector<StripLine>* lines) {
  if (c.templates == nullptr) return;
  std::vector<StripLine>& v = *lines;
  if (c.at_document_start) {
    for (StripLine& l : v) {
      if (l.blank || l.removed) continue;
      if (!IsTemplate(c, l)) break;
      Remove(&l, "template:site", 0.8);
    }
  }
  for (size_t i = v.size(); i-- > 0;) {
    StripLine& l = v[i];
    if (!(l.zone & kInTail)) break;
    if (l.blank || l.removed) continue;
    if (!IsTemplate(c, l)) break;
    Remove(&l, "template:site", 0.8);
  }
}

// Runs of consecutive (no blank between) link-like lines: menus and link
// lists. In the head and tail kMinLinkRun lines make a run; in the middle
// of the article a list of short items is more likely content, so it takes
// kMinMiddleRun lines of which a third were already removed by rules (a
// bulleted link list: "•" / title / "•" / title ...).
constexpr size_t kMinMiddleRun = 6;

void ApplyLinkRuns(std::vector<StripLine>* lines) {
  std::vector<StripLine>& v = *lines;
  size_t i = 0;
  while (i < v.size()) {
    size_t j = i;
    bool edge = false;
    size_t removed = 0;
    while (j < v.size() && !v[j].blank && !v[j].keep && !v[j].features.heading &&
           (v[j].removed || IsLinkLike(v[j].features))) {
      edge |= v[j].zone != 0;
      removed += v[j].removed;
      ++j;
    }
    size_t need = edge ? kMinLinkRun : kMinMiddleRun;
    if (j - i >= need && (edge || removed * 3 >= j - i)) {
      double score = std::min(0.95, 0.6 + 0.05 * static_cast<double>(j - i - need));
      for (size_t k = i; k < j; ++k) {
        StripLine& l = v[k];
        if (!l.blank && !l.removed && !l.body) Remove(&l, "heuristic:link-run", score);
      }
    }
    i = j + 1;
  }
}

// Index of the nearest non-blank line before/after `i` (at most one blank
// line between), or SIZE_MAX.
size_t Neighbour(const std::vector<StripLine>& lines, size_t i, int step) {
  size_t blanks = 0;
  for (size_t k = i + step; k < lines.size(); k += step) {
    if (!lines[k].blank) return k;
    if (++blanks > 1) break;
  }
  return SIZE_MAX;
}

// A link-like tail line next to removed chrome is chrome too.
void ApplyTailNeighbours(std::vector<StripLine>* lines) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t i = 0; i < lines->size(); ++i) {
      StripLine& l = (*lines)[i];
      if (!Eligible(l) || !(l.zone & kInTail) || !IsLinkLike(l.features)) continue;
      size_t before = Neighbour(*lines, i, -1), after = Neighbour(*lines, i, 1);
      bool near = (before != SIZE_MAX && (*lines)[before].removed) ||
                  (after != SIZE_MAX && (*lines)[after].removed);
      if (near) {
        Remove(&l, "heuristic:tail-neighbour", 0.6);
        changed = true;
      }
    }
  }
}

void ApplyShapes(std::vector<StripLine>* lines) {
  for (StripLine& l : *lines) {
    if (!Eligible(l)) continue;
    if (IsDigitLatinNoise(l.features)) {
      Remove(&l, "heuristic:digit-latin", 0.7);
    } else if ((l.zone & kInTail) && l.features.bullet && IsLinkLike(l.features)) {
      Remove(&l, "heuristic:tail-bullet", 0.7);
    }
  }
}

}  // namespace

std::string_view StripLine::Trimmed() const {
  std::string_view t = text;
  if (!t.empty() && t.back() == '\n') t.remove_suffix(1);
  return TrimLine(t);
}

void PrepareLine(StripLine* line) {
  std::string_view t = line->Trimmed();
  line->blank = t.empty();
  line->features = AnalyzeLine(t);
  line->body = IsBodyLine(line->features);
}

void DecideLines(const DecideContext& context, std::vector<StripLine>* lines) {
  ApplyRules(context, lines);
  ApplyTemplates(context, lines);
  ApplyShapes(lines);
  ApplyLinkRuns(lines);
  ApplyTailNeighbours(lines);
}

namespace {

// True when the removed run ending at `last` starts right after a blank
// line that stays: removing the run leaves that blank as the separator.
bool RunFollowsBlank(const std::vector<StripLine>& lines, size_t last) {
  size_t k = last;
  while (k > 0 && !lines[k].blank && lines[k].removed) --k;
  return lines[k].blank && !lines[k].removed && k != last;
}

}  // namespace

void DecideBlankLines(int prev_removed, bool kept_before, bool at_end,
                      std::vector<StripLine>* lines) {
  std::vector<StripLine>& v = *lines;
  // kept_after[i]: a kept non-blank line comes at or after i.
  std::vector<char> kept_after(v.size() + 1, at_end ? 0 : 1), removed_after(v.size() + 1, 0);
  for (size_t i = v.size(); i-- > 0;) {
    kept_after[i] = kept_after[i + 1] || (!v[i].blank && !v[i].removed);
    removed_after[i] = removed_after[i + 1] || (!v[i].blank && v[i].removed);
  }
  int prev = prev_removed;
  size_t prev_index = SIZE_MAX;
  for (size_t i = 0; i < v.size(); ++i) {
    StripLine& l = v[i];
    if (!l.blank) {
      prev = l.removed ? 1 : 0;
      prev_index = i;
      kept_before |= !l.removed;
      continue;
    }
    size_t k = i + 1;
    while (k < v.size() && v[k].blank) ++k;
    int next = k < v.size() ? (v[k].removed ? 1 : 0) : (at_end ? -1 : 0);
    bool head = !kept_before && (prev == 1 || next == 1);
    bool tail = !kept_after[i] && (prev == 1 || removed_after[i]);
    bool between = prev == 1 && next != 0;
    bool double_gap = prev == 1 && next == 0 && prev_index != SIZE_MAX &&
                      RunFollowsBlank(v, prev_index);
    if (head || tail || between || double_gap) Remove(&l, "heuristic:blank-around-chrome", 0.5);
  }
}

size_t TailStart(const ChromeRulesImpl& rules, const std::vector<StripLine>& lines) {
  size_t last_body = SIZE_MAX;
  for (size_t i = lines.size(); i-- > 0;) {
    if (lines[i].body) {
      last_body = i;
      break;
    }
  }
  if (last_body == SIZE_MAX) return 0;
  // A tail block rule shortly before the last body line claims it.
  for (size_t i = last_body; i-- > 0 && last_body - i <= kTailBlockReach;) {
    if (lines[i].blank) break;
    if (MatchTailBlock(rules, lines[i].Trimmed(), lines[i].features.length)) return i;
  }
  return last_body + 1;
}

bool HoldForTailBlock(const ChromeRulesImpl& rules, const std::vector<StripLine>& lines,
                      size_t end) {
  for (size_t i = end; i-- > 0 && end - i <= kTailBlockReach;) {
    if (lines[i].blank) return false;
    if (MatchTailBlock(rules, lines[i].Trimmed(), lines[i].features.length)) return true;
  }
  return false;
}

}  // namespace zhclean::internal
