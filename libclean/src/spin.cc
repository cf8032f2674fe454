#include "spin.h"

#include <algorithm>

namespace zhclean::internal {

namespace {

struct Window {
  uint32_t markers = 0;
  uint64_t chars = 0;
  size_t paragraphs = 0;
};

using Borrowed = std::vector<const ParagraphEvidence*>;

Window Sum(const Borrowed& ps, size_t i, size_t dialect, size_t k) {
  Window w;
  size_t lo = i >= k ? i - k : 0;
  size_t hi = std::min(ps.size(), i + k + 1);
  for (size_t j = lo; j < hi; ++j) {
    w.markers += ps[j]->markers[dialect];
    w.chars += ps[j]->chars;
    ++w.paragraphs;
  }
  return w;
}

bool Hot(const Window& w, const SpinOptions& o) {
  if (w.markers < o.min_markers || w.chars == 0) return false;
  return w.markers * 1000.0 / static_cast<double>(w.chars) >= o.min_density;
}

// "6.08": two decimals, without printf-family calls in the library.
std::string Fixed2(double v) {
  auto hundredths = static_cast<uint64_t>(v * 100 + 0.5);
  std::string frac = std::to_string(hundredths % 100);
  return std::to_string(hundredths / 100) + "." + (frac.size() < 2 ? "0" : "") + frac;
}

bool Anchored(const Borrowed& ps, size_t i, size_t d,
              const SpinOptions& o) {
  return ps[i]->markers[d] > 0 && Hot(Sum(ps, i, d, o.window), o);
}

// True when one of the `window` paragraphs on side `step` is anchored.
bool AnchorNear(const Borrowed& ps, size_t i, size_t d,
                const SpinOptions& o, int step) {
  for (size_t n = 1; n <= o.window; ++n) {
    if (step < 0 && n > i) return false;
    size_t j = step < 0 ? i - n : i + n;
    if (j >= ps.size()) return false;
    if (Anchored(ps, j, d, o)) return true;
  }
  return false;
}

}  // namespace

SpinVerdict JudgeParagraph(const std::vector<ParagraphEvidence>& paragraphs, size_t i,
                           const SpinOptions& o) {
  Borrowed ps;
  ps.reserve(paragraphs.size());
  for (const ParagraphEvidence& p : paragraphs) ps.push_back(&p);
  return JudgeParagraph(ps, i, o);
}

SpinVerdict JudgeParagraph(const Borrowed& ps, size_t i, const SpinOptions& o) {
  SpinVerdict best;
  if (ps.empty()) return best;
  for (size_t d = 0; d < ps[i]->markers.size(); ++d) {
    Window w = Sum(ps, i, d, o.window);
    if (!Hot(w, o)) continue;
    bool anchored = ps[i]->markers[d] > 0;
    bool sandwiched = AnchorNear(ps, i, d, o, -1) && AnchorNear(ps, i, d, o, +1);
    if (!anchored && !sandwiched) continue;
    if (best.dialect >= 0 && w.markers <= best.window_markers) continue;
    best.dialect = static_cast<int>(d);
    best.window_markers = w.markers;
    best.window_chars = w.chars;
    best.density = w.markers * 1000.0 / static_cast<double>(w.chars);
    best.anchored = anchored;
  }
  return best;
}

std::string SpinVerdict::Describe(const std::vector<std::string>& dialects,
                                  const SpinOptions& o) const {
  std::string name = dialect >= 0 && static_cast<size_t>(dialect) < dialects.size()
                         ? dialects[dialect]
                         : "?";
  return "spun passage (dialect " + name + "): " + std::to_string(window_markers) +
         " markers in " + std::to_string(window_chars) + " chars (window of " +
         std::to_string(o.window) + " paragraphs each side) = " + Fixed2(density) +
         " per 1000, threshold " + Fixed2(o.min_density) + " and " +
         std::to_string(o.min_markers) + " markers" +
         (anchored ? "" : "; no marker here, between spun paragraphs");
}

}  // namespace zhclean::internal
