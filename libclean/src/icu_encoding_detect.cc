// DetectEncoding: strict decoding of a bounded prefix in every candidate
// encoding, scored with the character n-gram model.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "ngram.h"
#include "utf8.h"
#include "zhclean/encoding.h"

namespace zhclean {

namespace {

constexpr int kErrorCost = 200;   // One invalid sequence, in quarter-nats.
constexpr int kOddCharCost = 60;  // A character unusual in Chinese text.
// Above this cost per input byte (quarter-nats) even the best reading is
// not text: no encoding fits. Measured on 300-1000 byte windows: the seeds
// and zuozhuan.txt in GB18030, Big5 and UTF-16 cost at most 15.5; random
// bytes and an ELF binary about 34-37 on average.
constexpr int kMaxFitCostPerByte = 24;

struct Candidate {
  Encoding encoding;
  size_t skip;
  int64_t cost = 0;
};

// Cost of one decoded character for detection: the n-gram model for Han
// and punctuation, and a flat high cost for scripts rare in Chinese text.
int DetectCost(char32_t prev, char32_t c) {
  if (c == 0) return 80;
  int cost = internal::CharCost(prev, c);
  bool usual = c < 0x80 || internal::IsHan(c) || (c >= 0x2010 && c <= 0x2027) ||
               (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF5E) ||
               c == 0xB7;
  return usual ? cost : std::max(cost, kOddCharCost);
}

int64_t ScoreText(const std::string& text) {
  int64_t cost = 0;
  char32_t prev = '\n';
  for (size_t i = 0; i < text.size();) {
    char32_t c = internal::NextCodePoint(text, &i);
    cost += DetectCost(prev, c);
    prev = c;
  }
  return cost;
}

// Decodes bytes[skip..] and returns its cost (invalid sequences count
// kErrorCost each, on top of the U+FFFD they become).
int64_t Score(Encoding enc, std::string_view bytes, size_t skip, bool complete) {
  auto decoder = Decoder::Create(enc);
  if (!decoder.ok()) return INT64_MAX / 4;
  std::string text;
  DecodeReport report;
  if (!(*decoder)->DecodeToUtf8(bytes.substr(skip), complete, &text, &report).ok()) {
    return INT64_MAX / 4;
  }
  return ScoreText(text) + kErrorCost * static_cast<int64_t>(report.invalid_sequences + skip);
}

// Bytes at the start that continue a UTF-8 character cut off before it.
size_t LeadingContinuations(std::string_view s) {
  size_t n = 0;
  while (n < 3 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
  return n;
}

// True when NULs fall mostly on one parity, as in UTF-16 text.
bool Utf16NulPattern(std::string_view s) {
  size_t even = 0, odd = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\0') ++(i % 2 ? odd : even);
  }
  size_t most = std::max(even, odd), least = std::min(even, odd);
  return most > 0 && most * 5 >= s.size() / 2 && least * 4 <= most;
}

// True when `s` (after a cut-off start) is valid UTF-8 up to a possibly
// incomplete tail (a file cut short) and its NULs do not look like UTF-16.
bool CleanUtf8(std::string_view s, bool* ascii) {
  size_t valid = internal::ValidUtf8Prefix(s);
  if (valid < s.size() && s.size() - valid != internal::IncompleteTail(s)) return false;
  *ascii = std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
  return !Utf16NulPattern(s);
}

EncodingGuess FromBom(std::string_view s) {
  EncodingGuess g;
  g.confidence = 1.0;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") {
    g.bom_length = 3;
  } else if (s.substr(0, 2) == "\xFF\xFE") {
    g.encoding = Encoding::kUtf16Le;
    g.bom_length = 2;
  } else if (s.substr(0, 2) == "\xFE\xFF") {
    g.encoding = Encoding::kUtf16Be;
    g.bom_length = 2;
  } else if (s.substr(0, 4) == "\x84\x31\x95\x33") {
    g.encoding = Encoding::kGb18030;
    g.bom_length = 4;
  } else {
    g.confidence = 0;
  }
  return g;
}

}  // namespace

EncodingGuess DetectEncoding(std::string_view prefix, bool complete) {
  std::string_view s = prefix.substr(0, kDetectPrefixBytes);
  if (s.size() < prefix.size()) complete = false;
  EncodingGuess bom = FromBom(s);
  if (bom.confidence > 0) return bom;
  size_t cut = LeadingContinuations(s);
  bool ascii = false;
  if (CleanUtf8(s.substr(cut), &ascii)) {
    EncodingGuess g;
    g.skip = cut;
    g.confidence = ascii ? 1.0 : 0.99;
    return g;
  }
  std::vector<Candidate> candidates;
  for (Encoding e : {Encoding::kUtf8, Encoding::kGb18030, Encoding::kBig5,
                     Encoding::kUtf16Le, Encoding::kUtf16Be}) {
    size_t max_skip = e == Encoding::kUtf8 ? 0 : 1;
    for (size_t skip = 0; skip <= max_skip && skip < s.size(); ++skip) {
      candidates.push_back({e, e == Encoding::kUtf8 ? cut : skip,
                            Score(e, s, e == Encoding::kUtf8 ? cut : skip, complete)});
    }
  }
  if (candidates.empty()) return EncodingGuess{};
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; });
  EncodingGuess g;
  g.encoding = candidates[0].encoding;
  g.skip = candidates[0].skip;
  int64_t margin = INT64_MAX / 4;
  for (const Candidate& c : candidates) {
    if (c.encoding != g.encoding) {
      margin = c.cost - candidates[0].cost;
      break;
    }
  }
  // 0.5 at a tie, about 0.82 at 10 nats of evidence, 0.99 beyond 40 nats.
  g.confidence = 1.0 - 0.5 * std::exp(-static_cast<double>(margin) / (10.0 * internal::kCostScale));
  // A reading that is not text either way is undecided (below 0.5).
  int64_t bytes = static_cast<int64_t>(s.size() - g.skip);
  if (candidates[0].cost > kMaxFitCostPerByte * bytes) g.confidence *= 0.49;
  return g;
}

}  // namespace zhclean
