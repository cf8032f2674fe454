// Hypothesis: GBK text whose decoder lost one byte (shown as '?' or
// U+FFFD) and then read every following pair one byte out of step, which
// turns the rest of the run into nonsense Han characters. Re-encoding the
// run and dropping its first byte (the lost character's trail) realigns it.
#include <string>

#include "mojibake_internal.h"
#include "ngram.h"
#include "repair_codec.h"
#include "utf8.h"

namespace zhclean::internal {

namespace {

constexpr size_t kMinShiftedChars = 3;

bool IsLostMark(char32_t c) { return c == '?' || c == 0xFFFD; }

bool DoubleByteHan(char32_t c) {
  return IsHan(c) && DoubleByteCode(Legacy::kGbk, c) >= 0x100;
}

// Tries the run chars[begin, end) of double-byte characters after a lost mark.
void ConsiderShift(const std::vector<Char>& chars, size_t begin, size_t end,
                   std::vector<MojibakeFix>* fixes) {
  thread_local std::string bytes;  // Two a character: every code has two bytes.
  bytes.resize(2 * (end - begin));
  char* w = bytes.data();
  const Char* line = chars.data();  // Not reloaded after each char store.
  for (size_t k = begin; k < end; ++k) {
    uint16_t code = DoubleByteCode(Legacy::kGbk, line[k].cp);
    *w++ = static_cast<char>(code >> 8);
    *w++ = static_cast<char>(code & 0xFF);
  }
  std::string_view shifted = std::string_view(bytes).substr(1, bytes.size() - 2);  // Even length.
  std::string text;
  HanCount han;
  if (!DecodeLegacy(Legacy::kGbk, shifted, &text) || !ChineseReading(text, &han)) return;
  // The out-of-step decoder paired the run's last lead byte with the byte
  // after it: an ASCII trail is that character back; otherwise the pair is
  // one lost character, which a following lost mark already stands for.
  size_t span_end = end;
  unsigned last = static_cast<unsigned char>(bytes.back());
  if (last < 0x80) {
    text.push_back(static_cast<char>(last));
  } else {
    if (end < chars.size() && IsLostMark(chars[end].cp)) ++span_end;
    text += "\xEF\xBF\xBD";
  }
  size_t pairs = KnownPairs(text);
  if (han.chars < 3 || pairs == 0 || han.MeanCost() > kCommonHanCost) return;
  // A run out of step is nonsense: its characters are rarer than the
  // realigned ones, and it has fewer than half as many known pairs. Clean
  // text after a lost mark is not ("使右宰丑" would realign to "褂以壮",
  // fewer characters and so cheaper in all).
  HanCount run;
  size_t run_pairs = 0;
  for (size_t k = begin; k < end; ++k) {
    run.Add(chars[k].cp);
    run_pairs += k > begin && KnownPair(chars[k - 1].cp, chars[k].cp);
  }
  if (run.MeanCost() <= han.MeanCost() || 2 * run_pairs >= pairs) return;
  MojibakeFix f;
  f.cost_before = SpanCost(chars, begin, span_end);
  f.cost_after = ReplacementCost(chars, begin, span_end, text);
  if (f.cost_before - f.cost_after < 10 * kCostScale) return;
  f.begin = chars[begin].pos;
  f.end = chars[span_end - 1].pos + chars[span_end - 1].len;
  f.after = std::move(text);
  f.rule = "mojibake:gbk-shifted";
  fixes->push_back(std::move(f));
}

}  // namespace

void FindShiftedMojibake(const std::vector<Char>& chars, std::vector<MojibakeFix>* fixes) {
  for (size_t i = 0; i + 1 < chars.size(); ++i) {
    if (!IsLostMark(chars[i].cp) || !DoubleByteHan(chars[i + 1].cp)) continue;
    size_t j = i + 1;
    while (j < chars.size() && DoubleByteCode(Legacy::kGbk, chars[j].cp) >= 0x100) ++j;
    if (j - (i + 1) >= kMinShiftedChars) ConsiderShift(chars, i + 1, j, fixes);
    i = j - 1;
  }
}

}  // namespace zhclean::internal
