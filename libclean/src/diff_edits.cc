#include "diff_edits.h"

#include <algorithm>

#include "utf8.h"

namespace zhclean::internal {

namespace {

inline bool IsCont(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

struct Span {
  std::string_view in, out;
  size_t offset;  // Of `in` within the chunk.
};

// Records the middle of a span after trimming its common prefix and suffix
// at code-point boundaries.
void RecordTrimmed(Span s, std::string_view rule, std::string_view reason,
                   EditLog* log) {
  size_t pre = 0, max_pre = std::min(s.in.size(), s.out.size());
  while (pre < max_pre && s.in[pre] == s.out[pre]) ++pre;
  while (pre > 0 && pre < s.in.size() && IsCont(s.in[pre])) --pre;
  size_t suf = 0, max_suf = max_pre - pre;
  while (suf < max_suf && s.in[s.in.size() - 1 - suf] == s.out[s.out.size() - 1 - suf]) ++suf;
  while (suf > 0 && IsCont(s.in[s.in.size() - suf])) --suf;
  log->Record(log->chunk_base() + s.offset + pre,
              s.in.substr(pre, s.in.size() - pre - suf),
              s.out.substr(pre, s.out.size() - pre - suf), rule, reason);
}

// Both sides have the same number of code points: one edit per changed run.
void RecordAligned(Span s, std::string_view rule, std::string_view reason,
                   EditLog* log) {
  size_t i = 0, j = 0;
  size_t run_i = 0, run_j = 0;
  bool in_run = false;
  while (i < s.in.size()) {
    size_t ni = i, nj = j;
    NextCodePoint(s.in, &ni);
    NextCodePoint(s.out, &nj);
    bool same = s.in.substr(i, ni - i) == s.out.substr(j, nj - j);
    if (!same && !in_run) {
      in_run = true;
      run_i = i;
      run_j = j;
    } else if (same && in_run) {
      in_run = false;
      log->Record(log->chunk_base() + s.offset + run_i, s.in.substr(run_i, i - run_i),
                  s.out.substr(run_j, j - run_j), rule, reason);
    }
    i = ni;
    j = nj;
  }
  if (in_run) {
    log->Record(log->chunk_base() + s.offset + run_i, s.in.substr(run_i),
                s.out.substr(run_j), rule, reason);
  }
}

void RecordLine(Span s, std::string_view rule, std::string_view reason,
                EditLog* log) {
  if (s.in == s.out) return;
  if (CountCodePoints(s.in) == CountCodePoints(s.out)) {
    RecordAligned(s, rule, reason, log);
  } else {
    RecordTrimmed(s, rule, reason, log);
  }
}

}  // namespace

void RecordDiffEdits(std::string_view in, std::string_view out,
                     std::string_view rule, std::string_view reason,
                     EditLog* log) {
  if (in == out) return;
  if (std::count(in.begin(), in.end(), '\n') != std::count(out.begin(), out.end(), '\n')) {
    RecordTrimmed({in, out, 0}, rule, reason, log);
    return;
  }
  size_t i = 0, j = 0;
  while (i <= in.size()) {
    size_t ei = in.find('\n', i), ej = out.find('\n', j);
    if (ei == std::string_view::npos) ei = in.size();
    if (ej == std::string_view::npos) ej = out.size();
    RecordLine({in.substr(i, ei - i), out.substr(j, ej - j), i}, rule, reason, log);
    i = ei + 1;
    j = ej + 1;
  }
}

}  // namespace zhclean::internal
