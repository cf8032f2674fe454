// The clean-text fast path: one pass over the code points that runs a
// small UTF-8 automaton on the bytes each hypothesis would give back
// (windows-1252, GBK). Clean Chinese text rarely yields even one complete
// UTF-8 sequence that way; mojibake yields one per character. UTF-8 read
// as Big5 always loses bytes (0x80-0xA0 are neither Big5 leads nor
// trails), so its U+FFFD marks are what send a line to the slow path.
#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>

#include "mojibake.h"
#include "mojibake_legacy.h"
#include "repair_codec.h"
#include "utf8.h"

namespace zhclean::internal {

namespace {

// Byte classes; kNone marks the missing first byte of a one-byte code.
enum : uint8_t { kAscii, kCont, kLead2, kLead3, kLead4, kBad, kNone, kClasses };
constexpr uint8_t kUnmapped = kClasses * kClasses;  // Pair code: no code.
constexpr int kPairs = kUnmapped + 1;

// Automaton states: 0 idle; 1 needs 1 byte of a 2-byte sequence; 2, 3 need
// 2, 1 of a 3-byte one; 4, 5, 6 need 3, 2, 1 of a 4-byte one.
constexpr int kStates = 7;
enum : uint8_t { kReset = 1, kLong = 2, kShort = 4 };  // Events.

struct Step {
  uint8_t state = 0;
  uint8_t events = 0;  // kReset happens before any completion it carries.
};

uint8_t ByteClass(unsigned b) {
  if (b < 0x80) return kAscii;
  if (b < 0xC0) return kCont;
  if (b >= 0xC2 && b <= 0xDF) return kLead2;
  if (b >= 0xE0 && b <= 0xEF) return kLead3;
  if (b >= 0xF0 && b <= 0xF4) return kLead4;
  return kBad;
}

Step StepByte(uint8_t state, uint8_t cls) {
  if (cls == kNone) return {state, 0};
  if (state != 0) {
    if (cls == kCont) {
      if (state == 1) return {0, kShort};
      if (state == 3 || state == 6) return {0, kLong};
      return {static_cast<uint8_t>(state + 1), 0};
    }
    Step s = StepByte(0, cls);
    s.events = kReset | (s.events & ~kReset);
    return s;
  }
  switch (cls) {
    case kLead2: return {1, 0};
    case kLead3: return {2, 0};
    case kLead4: return {4, 0};
    case kAscii: return {0, 0};
    default: return {0, kReset};
  }
}

// The GBK hypothesis as one automaton: state * 4 + completed 3-byte
// sequences in a row (capped at kGbkRun), so a character costs one lookup.
// Indexed [pair code][state]: the row is known before the state is, so the
// chain from one character to the next is a single load.
constexpr int kGbkRun = 3;
constexpr int kGbkStates = kStates * 4;
constexpr int kGbkRow = 32;
static_assert(kGbkStates <= kGbkRow);
// A pair code of its own for "锟", whose row flags from any state: "锟斤拷"
// (two U+FFFD as UTF-8, read as GBK) is only two sequences long.
constexpr uint8_t kKunPair = kPairs;
static_assert(kKunPair < 0xFF);

// What the screen needs of a character of the windows-1252 and Latin-1
// mojibake of UTF-8, GBK and Big5: all of two UTF-8 bytes (U+0080-07FF)
// and U+2000-21FF (windows-1252's quotes, dashes, euro and trade mark
// signs). One load each; TableIndex gives the entry.
constexpr size_t kTableTwoBytes = 0x800 - 0x80, kTableChars = kTableTwoBytes + 0x200;
struct TableChar {
  uint16_t single_lead, single_cont;  // SingleByteMasks::Bits.
  uint8_t latin, gbk;                 // Pair codes, as PairsOf.
  uint8_t c1;                         // kScreenC1 for U+0080-009F.
};

struct Tables {
  std::array<std::array<Step, kPairs>, kStates> step;
  std::array<TableChar, kTableChars> table_chars;
  std::array<std::array<uint8_t, kGbkRow>, kPairs + 1> gbk;  // And kKunPair's row.
  // GBK pair codes of U+3000-9FFF, the screen's hot path: 28 kB built at
  // start-up keep it free of the first-use check of PairsOf().
  std::array<uint8_t, 0x7000> han_gbk;
  // Lowest lead byte of the hot path: 0xE3 (U+3000-3FFF, CJK punctuation
  // and kana, taken along) when none of those code points has a cp1252
  // byte or a single-byte codepage byte, as the other path would check.
  uint8_t fast_lead = 0xE4;
};

void BuildGbkAutomaton(Tables* t) {
  for (int g = 0; g < kGbkStates; ++g) {
    for (int k = 0; k < kPairs; ++k) {
      const Step& s = t->step[g / 4][k];
      int run = (s.events & kReset) ? 0 : g % 4;
      if (s.events & kLong) run = run < kGbkRun ? run + 1 : kGbkRun;
      t->gbk[k][g] = static_cast<uint8_t>(s.state * 4 + run);
    }
    t->gbk[kKunPair][g] = kGbkRun;
  }
}

uint8_t PairOf(uint16_t code) {
  if (code == 0) return kUnmapped;
  uint8_t first = code >= 0x100 ? ByteClass(code >> 8) : static_cast<uint8_t>(kNone);
  return static_cast<uint8_t>(first * kClasses + ByteClass(code & 0xFF));
}

// Pair code of the GBK code of `c` (>= U+0080).
uint8_t GbkPair(char32_t c) { return PairOf(DoubleByteCode(Legacy::kGbk, c)); }

// Pair code of the windows-1252 byte of `c` (>= U+0080), kUnmapped when
// it has none or one below 0x80.
uint8_t LatinPair(char32_t c) {
  int latin = SloppyCp1252Byte(c);
  return latin >= 0x80 ? PairOf(static_cast<uint16_t>(latin)) : kUnmapped;
}

// Index in Tables::table_chars of the character at p (valid UTF-8), or
// kTableChars when it has no entry.
inline size_t TableIndex(const unsigned char* p) {
  unsigned b = p[0];
  if (b - 0xC2 < 0xE0 - 0xC2) return (((b & 0x1F) << 6) | (p[1] & 0x3F)) - 0x80;
  if (b == 0xE2 && p[1] < 0x88) return kTableTwoBytes + (((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
  return kTableChars;
}

const Tables& GetTables() {
  static std::once_flag once;
  static Tables t;
  std::call_once(once, [] {
    for (uint8_t s = 0; s < kStates; ++s) {
      for (uint8_t a = 0; a < kClasses; ++a) {
        for (uint8_t b = 0; b < kClasses; ++b) {
          Step one = StepByte(s, a), two = StepByte(one.state, b);
          uint8_t events = (two.events & kReset) ? two.events : (one.events | two.events);
          t.step[s][a * kClasses + b] = {two.state, events};
        }
      }
      t.step[s][kUnmapped] = {0, kReset};
    }
    BuildGbkAutomaton(&t);
    const SingleByteMasks& masks = GetSingleByteMasks();
    for (size_t i = 0; i < kTableChars; ++i) {
      char32_t c = i < kTableTwoBytes ? 0x80 + i : 0x2000 + (i - kTableTwoBytes);
      const SingleByteMasks::Bits& bits = masks.At(c);
      t.table_chars[i] = {bits.lead, bits.cont, LatinPair(c), GbkPair(c),
                          static_cast<uint8_t>(c < 0xA0 ? unsigned{kScreenC1} : 0u)};
    }
    for (char32_t c = 0x3000; c < 0xA000; ++c) {
      t.han_gbk[c - 0x3000] = GbkPair(c);
    }
    t.han_gbk[U'锟' - 0x3000] = kKunPair;
    const SingleByteMasks& single = GetSingleByteMasks();
    bool plain = true;
    for (char32_t c = 0x3000; c < 0x4000 && plain; ++c) {
      plain = SloppyCp1252Byte(c) < 0x80 && single.At(c).lead == 0 && single.At(c).cont == 0;
    }
    if (plain) t.fast_lead = 0xE3;
  });
  return t;
}

// Per BMP code point, the pair codes of its cp1252 byte (high byte) and
// its GBK code (low byte), with bit 15 set; 0 until the code point is first
// met (filling all 64K was a tenth of zh-repair's start-up). Threads that
// race on an entry store the same value.
constexpr uint16_t kKnownPairs = 0x8000;
std::atomic<uint16_t> pair_codes[0x10000];

struct Pairs {
  uint8_t latin, gbk;
};

inline Pairs PairsOf(char32_t c) {
  uint16_t v = pair_codes[c].load(std::memory_order_relaxed);
  if (v == 0) {
    uint8_t k0 = c >= 0x80 ? LatinPair(c) : kUnmapped;
    uint8_t k1 = c >= 0x80 ? GbkPair(c) : kUnmapped;
    v = static_cast<uint16_t>(kKnownPairs | k0 << 8 | k1);
    pair_codes[c].store(v, std::memory_order_relaxed);
  }
  return {static_cast<uint8_t>((v >> 8) & 0x7F), static_cast<uint8_t>(v & 0xFF)};
}

struct Hypothesis {
  uint8_t state = 0;
  int run = 0;
  void Apply(const Step& s, uint8_t count) {
    state = s.state;
    if (s.events & kReset) run = 0;
    if (s.events & count) ++run;
  }
};

// Scans `text`; with `first`, stops at the end of the first line with a
// finding and returns that line's flags. Every line starts afresh, so a
// text is flagged exactly where one of its lines would be on its own;
// *line_start is the start of the line of the first finding.
unsigned Scan(std::string_view text, bool first, size_t* line_start) {
  unsigned flags = 0;
  const Tables& t = GetTables();
  const unsigned char* begin = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* p = begin;
  const unsigned char* end = p + text.size();
  Hypothesis latin;
  uint8_t gbk = 0;      // State of t.gbk.
  int latin_chars = 0;  // cp1252 characters in a row (GBK/Big5 trails allowed).
  bool lost = false;    // The previous character was '?' or U+FFFD.
  const SingleByteMasks& single = GetSingleByteMasks();
  uint16_t single_lead = 0;  // Codepages where the previous character is a UTF-8 lead.
  const uint8_t ascii_pair = kNone * kClasses + kAscii;
  const unsigned span = 0xE9u - t.fast_lead;  // Hot-path lead bytes above fast_lead.
  while (p < end) {
    unsigned b = *p;
    char32_t c;
    if (b - t.fast_lead <= span) {  // U+3000/4000-9FFF: no cp1252 reading.
      if (lost && DecodeSequence(p, 3) >= 0x3400) flags |= kScreenLostByte;
      lost = false;
      latin = Hypothesis{};
      latin_chars = 0;
      single_lead = 0;
      // Through the run, only the GBK automaton moves, and only until it
      // flags: flags are only ever added, so a hypothesis that flagged
      // needs no more steps (here and below).
      auto in_run = [&] { return p < end && static_cast<unsigned>(*p - t.fast_lead) <= span; };
      do {
        c = DecodeSequence(p, 3);
        p += 3;
        gbk = t.gbk[t.han_gbk[c - 0x3000]][gbk];
        if (gbk % 4 == kGbkRun) {
          flags |= kScreenGbk;
          while (in_run()) p += 3;
          break;
        }
      } while (in_run());
      continue;
    }
    if (b < 0x80) {
      ++p;
      single_lead = 0;
      if (b == '\n') {
        if (first && flags) return flags;
        latin = Hypothesis{};
        gbk = 0;
        latin_chars = 0;
        lost = false;
        if (!flags) *line_start = static_cast<size_t>(p - begin);
        continue;
      }
      if (latin.state) latin.Apply(t.step[latin.state][ascii_pair], kLong | kShort);
      if (gbk >= 4) gbk = t.gbk[ascii_pair][gbk];
      if (b < 0x40 || b > 0x7E) latin_chars = 0;
      lost = b == '?';
      continue;
    }
    // The table loop takes the same steps as the general path at the end
    // of this loop, plus the shortcuts for hypotheses that have flagged.
    // One shared step costs clean text 1% more instructions (its
    // full-width punctuation takes the general path with flags still 0).
    if (size_t x = TableIndex(p); x < kTableChars) {  // One table entry each.
      lost = false;  // Neither U+FFFD nor Han follows.
      do {
        p += x < kTableTwoBytes ? 2 : 3;
        const TableChar& e = t.table_chars[x];
        flags |= e.c1;
        if (!(flags & kScreenSingleByte)) {
          if (single_lead & e.single_cont) flags |= kScreenSingleByte;
          single_lead = e.single_lead;
        }
        if (flags & kScreenLatin) {
        } else if (e.latin != kUnmapped) {
          latin.Apply(t.step[latin.state][e.latin], kLong | kShort);
          if (latin.run >= 1 || ++latin_chars >= 4) flags |= kScreenLatin;
        } else {
          latin = Hypothesis{};
          latin_chars = 0;
        }
        if (!(flags & kScreenGbk)) {
          gbk = t.gbk[e.gbk][gbk];
          if (gbk % 4 == kGbkRun) flags |= kScreenGbk;
        }
      } while (p < end && (x = TableIndex(p)) < kTableChars);
      continue;
    }
    if (b < 0xE0) {  // Not in valid UTF-8.
      c = DecodeSequence(p, 2);
      p += 2;
      if (c < 0xA0) flags |= kScreenC1;
    } else if (b < 0xF0) {
      c = DecodeSequence(p, 3);
      p += 3;
    } else {
      c = 0xFFFF;  // Beyond the BMP: no code in any hypothesis.
      p += 4;
    }
    if (c == 0xFFFD) {
      flags |= kScreenReplacement;
    }
    if (lost && c >= 0x3400 && c < 0xA000) {
      flags |= kScreenLostByte;
    }
    lost = c == 0xFFFD;
    const SingleByteMasks::Bits& bits = single.At(c);
    if (single_lead & bits.cont) {
      flags |= kScreenSingleByte;
    }
    single_lead = bits.lead;
    Pairs k = PairsOf(c);
    if (k.latin != kUnmapped) {
      latin.Apply(t.step[latin.state][k.latin], kLong | kShort);
      if (latin.run >= 1 || ++latin_chars >= 4) {
        flags |= kScreenLatin;
      }
    } else {
      latin = Hypothesis{};
      latin_chars = 0;
    }
    gbk = t.gbk[k.gbk][gbk];
    if (gbk % 4 == kGbkRun) {
      flags |= kScreenGbk;
    }
  }
  return flags;
}

}  // namespace

bool MayHoldMojibake(std::string_view text) { return NextSuspectLine(text) < text.size(); }

size_t NextSuspectLine(std::string_view text) {
  unsigned flags;
  return NextSuspectLine(text, &flags);
}

size_t NextSuspectLine(std::string_view text, unsigned* flags) {
  size_t line_start = 0;
  *flags = Scan(text, true, &line_start);
  return *flags != 0 ? line_start : text.size();
}

unsigned ScreenFlags(std::string_view text) {
  size_t line_start = 0;
  return Scan(text, false, &line_start);
}

}  // namespace zhclean::internal
