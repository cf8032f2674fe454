#include "mojibake.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string_view>
#include <utility>

#include "mojibake_internal.h"
#include "mojibake_legacy.h"
#include "ngram.h"
#include "repair_codec.h"
#include "utf8.h"

namespace zhclean::internal {

namespace {

// windows-1252 bytes 0x80..0x9F; the five undefined ones read as C1.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

bool Overlaps(const MojibakeFix& a, const MojibakeFix& b) {
  return a.begin < b.end && b.begin < a.end;
}

constexpr std::array<int16_t, kCp1252HighEnd> MakeCp1252Bytes() {
  std::array<int16_t, kCp1252HighEnd> t{};
  for (size_t c = 0; c < t.size(); ++c) t[c] = c < 0x100 ? static_cast<int16_t>(c) : -1;
  for (int i = 0; i < 32; ++i) {
    if (kCp1252High[i] >= 0x100) t[kCp1252High[i]] = static_cast<int16_t>(0x80 + i);
  }
  return t;
}

}  // namespace

// No guard or table set-up on the per-character path.
constexpr std::array<int16_t, kCp1252HighEnd> kSloppyCp1252Bytes = MakeCp1252Bytes();

char32_t SloppyCp1252Char(unsigned char b) {
  return b >= 0x80 && b < 0xA0 ? kCp1252High[b - 0x80] : b;
}

void SplitChars(std::string_view line, std::vector<Char>* chars) {
  chars->resize(line.size());  // At most a character a byte; not zeroed.
  Char* w = chars->data();
  const auto* p = reinterpret_cast<const unsigned char*>(line.data());
  size_t i = 0, n = line.size();
  // Four bytes or more left: a whole sequence is there (valid UTF-8), so
  // its length is the only test.
  for (; i + 4 <= n; ++w) {
    // Decoded before any store: a store to *w may alias the bytes p reads.
    unsigned b = p[i];
    char32_t cp;
    uint32_t len;
    if (b < 0x80) {
      cp = b;
      len = 1;
    } else if (b < 0xE0) {  // Each length its own branch, as in NextCodePoint.
      cp = DecodeSequence(p + i, 2);
      len = 2;
    } else if (b < 0xF0) {
      cp = DecodeSequence(p + i, 3);
      len = 3;
    } else {
      cp = DecodeSequence(p + i, 4);
      len = 4;
    }
    w->cp = cp;
    w->pos = static_cast<uint32_t>(i);
    w->len = len;
    i += len;
  }
  for (; i < n; ++w) {
    size_t start = i;
    w->cp = NextCodePoint(line, &i);
    w->pos = static_cast<uint32_t>(start);
    w->len = static_cast<uint32_t>(i - start);
  }
  chars->resize(static_cast<size_t>(w - chars->data()));
}

std::vector<Char> SplitChars(std::string_view line) {
  std::vector<Char> chars;
  SplitChars(line, &chars);
  return chars;
}

namespace {

// Prefix sums of the line's character costs while FindMojibake runs, so
// that every hypothesis prices the original spans in O(1). Computed on the
// first SpanCost() call: most lines the screen sends on (a '?' before Han
// in clean text) are never priced.
thread_local const std::vector<Char>* line_chars = nullptr;
thread_local bool line_priced = false;
thread_local std::vector<int> line_prefix;

class LineCostScope {
 public:
  explicit LineCostScope(const std::vector<Char>& chars) {
    line_chars = &chars;
    line_priced = false;
  }
  ~LineCostScope() { line_chars = nullptr; }
  LineCostScope(const LineCostScope&) = delete;
  LineCostScope& operator=(const LineCostScope&) = delete;
};

// Table entries are fetched this many characters ahead of their use: a
// lookup waits on the last-level cache longer than 8 pairs take to price
// (16 took 3% off the bench's damaged file against 8; 24 gained nothing more).
constexpr size_t kPrefetchAhead = 16;

// Calls add(i, CharCost(cp(i - 1), cp(i))) for i = 1 .. n - 1 in order,
// fetching each pair's table entry kPrefetchAhead pairs before its use.
template <typename CpAt, typename Add>
void PricePairs(size_t n, CpAt cp, Add add) {
  for (size_t i = 1; i < std::min(kPrefetchAhead, n); ++i) PrefetchCharCost(cp(i - 1), cp(i));
  for (size_t i = 1; i < n; ++i) {
    size_t ahead = i + kPrefetchAhead - 1;
    if (ahead < n) PrefetchCharCost(cp(ahead - 1), cp(ahead));
    add(i, CharCost(cp(i - 1), cp(i)));
  }
}

// line_prefix[i] is the cost of chars[0, i) after a '\n'. The first pair
// is priced apart, so the others read the characters with no test.
void PriceLine(const std::vector<Char>& chars) {
  size_t n = chars.size();
  line_prefix.resize(n + 1);
  int* sum = line_prefix.data();
  const Char* c = chars.data();
  sum[0] = 0;
  if (n > 0) sum[1] = CharCost('\n', c[0].cp);
  PricePairs(n, [c](size_t k) { return c[k].cp; },
             [sum](size_t k, int cost) { sum[k + 1] = sum[k] + cost; });
  line_priced = true;
}

}  // namespace

int SpanCost(const std::vector<Char>& chars, size_t begin, size_t end) {
  if (&chars == line_chars) {
    if (!line_priced) PriceLine(chars);
    return line_prefix[std::min(end + 1, chars.size())] - line_prefix[begin];
  }
  char32_t prev = begin > 0 ? chars[begin - 1].cp : '\n';
  int cost = 0;
  for (size_t i = begin; i < end; ++i) {
    cost += CharCost(prev, chars[i].cp);
    prev = chars[i].cp;
  }
  if (end < chars.size()) cost += CharCost(prev, chars[end].cp);
  return cost;
}

namespace {

// ReplacementCost; with kCheck, kImplausible as soon as `text` holds a
// character PlausibleChar rejects (U+FFFD allowed), in the same decoding,
// which also counts the Han characters into *han unless it is null.
template <bool kCheck>
int PriceReplacement(const std::vector<Char>& chars, size_t begin, size_t end,
                     std::string_view text, HanCount* han = nullptr) {
  // Storage that only grows: at most a character a byte, and the two
  // neighbours; written through a pointer.
  thread_local std::vector<char32_t> cps;
  if (cps.size() < text.size() + 2) cps.resize(text.size() + 2);
  char32_t* w = cps.data();
  *w++ = begin > 0 ? chars[begin - 1].cp : '\n';
  for (size_t i = 0; i < text.size();) {
    char32_t c = NextCodePoint(text, &i);
    if (kCheck && !PlausibleChar(c) && c != 0xFFFD) return kImplausible;
    if (han != nullptr) han->Add(c);
    *w++ = c;
  }
  if (end < chars.size()) *w++ = chars[end].cp;
  const char32_t* cp = cps.data();
  int cost = 0;
  PricePairs(static_cast<size_t>(w - cp), [cp](size_t i) { return cp[i]; },
             [&cost](size_t, int c) { cost += c; });
  return cost;
}

}  // namespace

int ReplacementCost(const std::vector<Char>& chars, size_t begin, size_t end,
                    std::string_view text) {
  return PriceReplacement<false>(chars, begin, end, text);
}

int PlausibleReplacementCost(const std::vector<Char>& chars, size_t begin, size_t end,
                             std::string_view text, HanCount* han) {
  if (han != nullptr) *han = HanCount{};
  return PriceReplacement<true>(chars, begin, end, text, han);
}

namespace {

// Latin, Greek and Cyrillic letters; Latin beyond Extended-A only
// after a letter: ReadLostNbsp's letters are those of the codepages.
bool IsWordLetter(char32_t c, bool extended = true) {
  return (IsLatinLetter(c) && (extended || c < 0x180)) || (c >= 0x386 && c <= 0x3CE) ||
         (c >= 0x400 && c <= 0x45F);
}

// chars[at, ...) is the word `word`: a space or punctuation follows (not
// an apostrophe: "Ã s'Ã©loigner" is French "à s'éloigner").
bool WordAt(const std::vector<Char>& chars, size_t at, std::u32string_view word) {
  if (at + word.size() > chars.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (chars[at + i].cp != word[i]) return false;
  }
  if (at + word.size() == chars.size()) return true;
  char32_t next = chars[at + word.size()].cp;
  return next < 0x80 && std::u32string_view(U" \t,.;:!?)\"").find(next) != std::u32string_view::npos;
}

// chars[at] and the space after it stand inside one word in parentheses:
// "(" letters, chars[at], " ", letters ")".
bool InParenthesizedWord(const std::vector<Char>& chars, size_t at) {
  size_t b = at;
  while (b > 0 && IsLatinLetter(chars[b - 1].cp)) --b;
  size_t e = at + 2;
  while (e < chars.size() && IsLatinLetter(chars[e].cp)) ++e;
  return b > 0 && b < at && chars[b - 1].cp == '(' && e > at + 2 && e < chars.size() &&
         chars[e].cp == ')';
}

// The script of `c` for ReadNonChinese: 0 for Latin (up to U+024F, and
// Latin Extended Additional), accents and combining marks, punctuation and
// symbols, Chinese and emoji; else an id per script.
int OtherScript(char32_t c) {
  if (c < 0x250 || (c >= 0x2C6 && c < 0x370) || (c >= 0x1E00 && c < 0x1F00) ||
      (c >= 0x2000 && c < 0xA000) || c >= 0xF900) {
    return 0;
  }
  if (c < 0x2B0) return 1;                    // IPA.
  if (c < 0x2C6) return 2;                    // Modifier letters.
  if (c < 0x400) return 3;                    // Greek.
  if (c < 0x530) return 4;                    // Cyrillic.
  if (c >= 0xAC00 && c < 0xD7B0) return 5;    // Hangul.
  return 6 + static_cast<int>(c >> 7);        // Armenian, Hebrew, Arabic, Thai …
}

}  // namespace

NonChinese ReadNonChinese(std::string_view text, bool stop_at_chinese) {
  NonChinese found;
  int script = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0; i < text.size();) {
    unsigned b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    if ((b >= 0xE3 && b <= 0xE9) || b >= 0xF0) {
      found.chinese = true;
      if (stop_at_chinese) return found;
      ++found.non_ascii;
      i += LeadLength(static_cast<unsigned char>(b));
      continue;
    }
    if (b < 0xC9 || b == 0xE2 || b == 0xEF) {  // Latin, symbols.
      found.non_ascii += b != 0xEF || text.substr(i, 3) != "\xEF\xBF\xBD";
      // Latin letters from U+00C0 (× and ÷ aside) outside a Latin word:
      // the "ì" of "(huì)" is pinyin.
      auto ascii_letter = [&text](size_t k) {
        return k < text.size() && IsAsciiLetter(static_cast<unsigned char>(text[k]));
      };
      found.latin += b >= 0xC3 && b < 0xC9 && text.substr(i, 2) != "\xC3\x97" &&
                     text.substr(i, 2) != "\xC3\xB7" && !(i > 0 && ascii_letter(i - 1)) &&
                     !ascii_letter(i + 2);
      i += LeadLength(static_cast<unsigned char>(b));
      continue;
    }
    ++found.non_ascii;
    int s = OtherScript(NextCodePoint(text, &i));
    if (s == 0) continue;
    ++found.letters;
    found.mixed |= script != 0 && s != script;
    script = s;
  }
  return found;
}

bool ReadLostNbsp(unsigned lead, const std::vector<Char>& chars, size_t lead_at,
                  std::string* after, size_t* end) {
  if (lead < 0xC2 || lead > 0xDF || lead_at + 1 >= chars.size() ||
      chars[lead_at + 1].cp != ' ') {
    return false;
  }
  char32_t c = ((lead & 0x1F) << 6) | 0x20;
  if (c != 0xA0 && !IsWordLetter(c, false)) return false;
  size_t next = lead_at + 2;
  bool joined;
  if (c == 0xA0 || (next < chars.size() && chars[next].cp == ' ')) {
    joined = true;  // "Â " is the no-break space itself; "Ã  " kept both.
  } else if (c == 0xE0) {
    // Portuguese contractions of "a" with "as", "aquele", "aquela", "aquilo",
    // and a pinyin syllable in parentheses: "(diÃ o)" is "(diào)".
    static constexpr std::u32string_view kCrase[] = {U"s", U"quele", U"queles", U"quela",
                                                     U"quelas", U"quilo", U"quilos"};
    joined = std::any_of(std::begin(kCrase), std::end(kCrase),
                         [&](std::u32string_view w) { return WordAt(chars, next, w); }) ||
             InParenthesizedWord(chars, lead_at);
  } else {
    if (next >= chars.size() || !IsWordLetter(chars[next].cp)) return false;
    joined = true;
  }
  after->clear();
  AppendUtf8(c, after);
  *end = joined ? lead_at + 2 : lead_at + 1;
  return true;
}

namespace {

// True when `fixes` are in order and apart: then every one is kept.
bool Disjoint(const std::vector<MojibakeFix>& fixes) {
  for (size_t i = 1; i < fixes.size(); ++i) {
    if (fixes[i - 1].end > fixes[i].begin) return false;
  }
  return true;
}

// Per candidate, the summed gain of all candidates of its rule.
std::vector<int> RuleGains(const std::vector<MojibakeFix>& candidates) {
  std::vector<std::pair<std::string_view, int>> sums;  // A few rules.
  std::vector<int> gains;
  for (int pass = 0; pass < 2; ++pass) {
    for (const MojibakeFix& c : candidates) {
      auto it = std::find_if(sums.begin(), sums.end(),
                             [&c](const auto& r) { return r.first == c.rule; });
      if (it == sums.end()) it = sums.insert(it, {c.rule, 0});
      if (pass == 0) it->second += c.cost_before - c.cost_after;
      if (pass == 1) gains.push_back(it->second);
    }
  }
  return gains;
}

// Overlaps go to the hypothesis that explains most of the line, then to
// the larger gain; appends the kept candidates to *fixes by position.
void ChooseFixes(std::vector<MojibakeFix>* candidates, std::vector<MojibakeFix>* fixes) {
  if (Disjoint(*candidates)) {
    for (MojibakeFix& f : *candidates) fixes->push_back(std::move(f));
    return;
  }
  std::vector<int> rule_gain = RuleGains(*candidates);
  struct Key {
    int rule_gain, gain;
    size_t index;
  };
  std::vector<Key> keys;
  for (size_t i = 0; i < candidates->size(); ++i) {
    const MojibakeFix& c = (*candidates)[i];
    keys.push_back({rule_gain[i], c.cost_before - c.cost_after, i});
  }
  std::stable_sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return a.rule_gain != b.rule_gain ? a.rule_gain > b.rule_gain : a.gain > b.gain;
  });
  std::vector<MojibakeFix> chosen;
  for (const Key& k : keys) {
    MojibakeFix& c = (*candidates)[k.index];
    bool free = std::none_of(chosen.begin(), chosen.end(),
                             [&c](const MojibakeFix& f) { return Overlaps(c, f); });
    if (free) chosen.push_back(std::move(c));
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const MojibakeFix& a, const MojibakeFix& b) { return a.begin < b.begin; });
  for (MojibakeFix& f : chosen) fixes->push_back(std::move(f));
}

}  // namespace

void FindMojibake(std::string_view line, std::vector<MojibakeFix>* fixes) {
  if (line.size() > kMaxCharsLine) return;
  FindMojibake(line, ScreenFlags(line), fixes);
}

void FindMojibake(std::string_view line, unsigned flags, std::vector<MojibakeFix>* fixes) {
  if (line.size() > kMaxCharsLine || flags == 0) return;
  thread_local std::vector<Char> chars;  // Storage reused from line to line.
  SplitChars(line, &chars);
  thread_local std::vector<MojibakeFix> candidates;  // Reused too: many a line.
  candidates.clear();
  LineCostScope costs(chars);
  if (flags & kScreenLatin) FindLatinMojibake(line, chars, &candidates);
  if (flags & (kScreenGbk | kScreenReplacement)) FindCjkMojibake(line, chars, &candidates);
  if (flags & kScreenLostByte) FindShiftedMojibake(chars, &candidates);
  if ((flags & kScreenSingleByte) && !(flags & kScreenLatin)) FindSingleByteMojibake(chars, &candidates);
  if ((flags & kScreenC1) && candidates.empty()) FindC1Punctuation(chars, &candidates);
  ChooseFixes(&candidates, fixes);
}

void AppendFixed(std::string_view line, const std::vector<MojibakeFix>& fixes,
                 std::string* out) {
  size_t at = 0;
  for (const MojibakeFix& f : fixes) {
    out->append(line.substr(at, f.begin - at));
    out->append(f.after);
    at = f.end;
  }
  out->append(line.substr(at));
}

std::string RepairMojibakeText(std::string_view text) {
  std::string out;
  std::vector<MojibakeFix> fixes;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    fixes.clear();
    FindMojibake(line, &fixes);
    AppendFixed(line, fixes, &out);
    if (nl == std::string_view::npos) break;
    out.push_back('\n');
    text.remove_prefix(nl + 1);
  }
  return out;
}

}  // namespace zhclean::internal
