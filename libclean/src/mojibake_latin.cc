// Hypotheses for text shown through a Latin-1 / windows-1252 reader: UTF-8
// (one to three times over) or GBK/Big5 bytes read as single bytes.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>

#include "mojibake_internal.h"
#include "mojibake_legacy.h"
#include "ngram.h"
#include "repair_codec.h"
#include "utf8.h"

namespace zhclean::internal {

bool EncodeSloppy(std::string_view text, std::string* bytes) {
  bytes->clear();
  for (size_t i = 0; i < text.size();) {
    int b = SloppyCp1252Byte(NextCodePoint(text, &i));
    if (b < 0) return false;
    bytes->push_back(static_cast<char>(b));
  }
  return true;
}

bool ChineseReading(std::string_view text, HanCount* han) {
  *han = HanCount{};
  for (size_t i = 0; i < text.size();) {
    char32_t c = NextCodePoint(text, &i);
    if (!PlausibleChar(c)) return false;
    han->Add(c);
  }
  return true;
}

bool HasKnownPair(std::string_view text) { return KnownPairs(text) > 0; }

size_t KnownPairs(std::string_view text) {
  size_t n = 0;
  ForEachPair(0, text, [&n](char32_t prev, char32_t c) { n += KnownPair(prev, c); });
  return n;
}

namespace {

constexpr int kMaxLayers = 3;

// The line as a windows-1252 reader's bytes, one per character: the byte
// of chars[i] (ASCII as itself), 0 where it has none. Made once per line
// and shared by the UTF-8, GBK and Big5 readings.
using LineBytes = std::string;

// Returns true when a character above ASCII has no windows-1252 byte.
bool MakeLineBytes(const std::vector<Char>& chars, LineBytes* bytes) {
  bytes->resize(chars.size());
  // Through local pointers: a char store may alias anything, so the
  // vectors' own would be reloaded after each.
  char* w = bytes->data();
  const Char* c = chars.data();
  int all = 0;  // Negative once a byte is -1 (never for ASCII).
  for (size_t i = 0, n = chars.size(); i < n; ++i) {
    int b = SloppyCp1252Byte(c[i].cp);
    all |= b;
    w[i] = static_cast<char>(b < 0 ? 0 : b);
  }
  return all < 0;
}

// A character a cp1252 reader shows for a byte >= 0x80.
bool IsLatinMojibakeChar(const LineBytes& bytes, size_t i) {
  return static_cast<unsigned char>(bytes[i]) >= 0x80;
}

// A single two-byte character is weak evidence: alone it qualifies only as
// a Latin, pinyin, Greek or Cyrillic letter in a line without stray bytes.
bool WeakResultAllowed(std::string_view result, size_t span_chars, size_t leftovers) {
  if (span_chars > 2 || result.size() != 2) return true;
  size_t i = 0;
  char32_t c = NextCodePoint(result, &i);
  bool letter = (c >= 0xC0 && c < 0x180 && c != 0xD7 && c != 0xF7) ||
                (c >= 0x1CD && c <= 0x1DC) || (c >= 0x370 && c < 0x500);
  return letter && leftovers == 0;
}

struct Utf8Candidate {
  MojibakeFix fix;
  bool weak = false;  // Needs a strong fix in the same line.
  bool piece = false;  // A Piece of CollectRuns: needs other fixes in the line.
  bool whole_only = false;  // Piece::whole_only.
};

// Peels up to kMaxLayers of UTF-8-read-as-cp1252 from `bytes` (the first
// layer's bytes, valid UTF-8) and keeps the cheapest plausible layer.
void ConsiderUtf8Run(const std::vector<Char>& chars, size_t begin, size_t end,
                     std::string bytes, size_t leftovers, std::vector<Utf8Candidate>* out) {
  Utf8Candidate best;
  best.fix.cost_after = INT32_MAX;
  std::string next;
  for (int layer = 1; layer <= kMaxLayers; ++layer) {
    // A byte order mark at the start of a line ("ï»¿") goes.
    size_t mark = LeadingByteOrderMark(bytes, begin);
    std::string_view reading = std::string_view(bytes).substr(mark);
    // U+FFFD counts: "ï¿½" is a replacement mark that was itself mis-decoded.
    int cost = PlausibleReplacementCost(chars, begin, end, reading);
    // The next layer's bytes first, so that this layer's can be moved.
    bool deeper = layer < kMaxLayers && EncodeSloppy(bytes, &next) &&
                  ValidUtf8Prefix(next) == next.size() && next != bytes;
    if (cost < best.fix.cost_after) {
      best.weak = !WeakResultAllowed(reading, end - begin, leftovers);
      if (mark > 0) bytes.erase(0, mark);
      best.fix.after = std::move(bytes);
      best.fix.layers = layer;
      best.fix.cost_after = cost;
    }
    if (!deeper) break;
    bytes.swap(next);
  }
  if (best.fix.cost_after == INT32_MAX) return;
  // Letters of two scripts other than Latin, and no Chinese: by chance.
  NonChinese other = ReadNonChinese(best.fix.after);
  if (!other.chinese && other.mixed) return;
  best.fix.begin = chars[begin].pos;
  best.fix.end = chars[end - 1].pos + chars[end - 1].len;
  best.fix.rule = "mojibake:utf8-as-cp1252";
  best.fix.cost_before = SpanCost(chars, begin, end);
  out->push_back(std::move(best));
}

struct Run {
  size_t begin, end;  // Characters of the line.
  bool cesu;          // A CESU-8 pair.
};

// Bytes outside the runs that still read as something: a sequence whose
// last byte 0xA0 (a no-break space) became a space, as with a two-byte
// lead (ReadLostNbsp) or "ä¹ " for "习"; or a sequence of which a reader
// replaced a byte with '?' ("â€?" for "”"), which becomes U+FFFD.
struct Piece {
  size_t begin, end;  // Characters of the line.
  std::string after;
  size_t bytes;       // The leftover bytes it explains.
  bool whole_only = false;  // Taken only when the line's pieces explain it all.
};

// What CollectRuns finds in a line.
struct LineRuns {
  std::vector<Run> runs;
  size_t leftovers = 0;  // cp1252 bytes outside the runs.
  std::vector<Piece> pieces;
};

// `seq` is one UTF-8 sequence of a plausible character.
bool OnePlausibleChar(std::string_view seq) {
  const auto* p = reinterpret_cast<const unsigned char*>(seq.data());
  if (MultiByteSequenceLength(p, seq.size()) != seq.size()) return false;
  size_t at = 0;
  return PlausibleChar(NextCodePoint(seq, &at));
}

// `b`, at the end of a stretch before the '?' at chars[q], starts a
// sequence of which a reader replaced a byte with the '?': one U+FFFD.
// Either the last byte of a three- or four-byte sequence ("â€?" was "”"),
// or one that continuation bytes after the '?' finish ("â?¬"), or the
// second of two ("Ã?"). '?' is common in text, so the last two kinds are
// whole_only.
bool LostByteAtQuestionMark(const std::vector<Char>& chars, const LineBytes& line_bytes,
                            size_t q, std::string_view b, Piece* p) {
  std::string seq(b);
  seq.push_back('\x80');  // Any continuation byte.
  size_t need = LeadLength(seq[0]), m = q + 1;
  for (; seq.size() < need && m < chars.size() && IsLatinMojibakeChar(line_bytes, m) &&
         static_cast<unsigned char>(line_bytes[m]) <= 0xBF;
       ++m) {
    seq.push_back(line_bytes[m]);
  }
  if (seq.size() != need || !OnePlausibleChar(seq)) return false;
  p->end = m;
  p->after = "\xEF\xBF\xBD";
  p->whole_only = need == 2 || m > q + 1;
  return true;
}

// `b`, at the end of a stretch before the space at chars[s], starts a
// sequence that one byte, 0xA0 (a no-break space), continued before it
// became that space; the bytes after the space end it ("ä¹ " is "习",
// "æ ·" is "样").
bool LostNbspInside(const std::vector<Char>& chars, const LineBytes& line_bytes, size_t s,
                    std::string_view b, Piece* p) {
  std::string seq(b);
  seq.push_back('\xA0');
  size_t need = LeadLength(seq[0]), m = s + 1;
  for (; seq.size() < need && m < chars.size() && IsLatinMojibakeChar(line_bytes, m); ++m) {
    seq.push_back(line_bytes[m]);
  }
  if (seq.size() != need || !OnePlausibleChar(seq)) return false;
  p->end = m;
  p->after = std::move(seq);
  return true;
}

bool IsC1(char32_t c) { return c >= 0x80 && c < 0xA0; }

// Length of a surrogate pair written as two three-byte sequences (CESU-8,
// as Java's modified UTF-8 writes characters beyond the BMP) at the start
// of `b`: 6, or 0.
size_t CesuPairLength(std::string_view b) {
  auto at = [&b](size_t i, unsigned lo, unsigned hi) {
    return i < b.size() && static_cast<unsigned char>(b[i]) >= lo &&
           static_cast<unsigned char>(b[i]) <= hi;
  };
  bool pair = at(0, 0xED, 0xED) && at(1, 0xA0, 0xAF) && at(2, 0x80, 0xBF) &&
              at(3, 0xED, 0xED) && at(4, 0xB0, 0xBF) && at(5, 0x80, 0xBF);
  return pair ? 6 : 0;
}

// The UTF-8 of a CESU-8 pair.
std::string JoinCesuPair(std::string_view b) {
  auto unit = [&b](size_t i) {
    return 0xD000u | (static_cast<unsigned char>(b[i + 1]) & 0x3Fu) << 6 |
           (static_cast<unsigned char>(b[i + 2]) & 0x3Fu);
  };
  std::string out;
  AppendUtf8(0x10000 + ((unit(0) - 0xD800) << 10) + (unit(3) - 0xDC00), &out);
  return out;
}

// Runs of multi-byte UTF-8 (or a CESU-8 pair) inside the cp1252 byte form
// of the line, and what is left outside them.
void CollectRuns(const std::vector<Char>& chars, const LineBytes& line_bytes, LineRuns* out) {
  size_t leftovers = 0;
  for (size_t i = 0; i < chars.size();) {
    if (!IsLatinMojibakeChar(line_bytes, i)) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < chars.size() && IsLatinMojibakeChar(line_bytes, j)) ++j;
    std::string_view bytes = std::string_view(line_bytes).substr(i, j - i);
    char32_t next = j < chars.size() ? chars[j].cp : 0;  // After the stretch.
    size_t resume = j;
    for (size_t k = 0; k < bytes.size();) {
      // The valid UTF-8 from here: sequences in a row (every byte of a
      // stretch is >= 0x80), tested inline: most bytes of other mojibake
      // start none, and a call each cost more than the test.
      const auto* at = reinterpret_cast<const unsigned char*>(bytes.data()) + k;
      size_t n = 0, avail = bytes.size() - k;
      while (n < avail) {
        size_t len = MultiByteSequenceLength(at + n, avail - n);
        if (len == 0) break;
        n += len;
      }
      bool cesu = n == 0 && bytes[k] == '\xED' && (n = CesuPairLength(bytes.substr(k))) > 0;
      if (n >= 2) {
        out->runs.push_back({i + k, i + k + n, cesu});
        k += n;
        continue;
      }
      size_t rest = bytes.size() - k;  // The start of a sequence?
      if (rest <= 3 && (next == '?' || next == ' ') &&
          static_cast<unsigned char>(bytes[k]) >= (next == '?' ? 0xC2 : 0xE0)) {
        Piece p{i + k, 0, "", rest};
        if (next == '?' ? LostByteAtQuestionMark(chars, line_bytes, j, bytes.substr(k), &p)
                        : LostNbspInside(chars, line_bytes, j, bytes.substr(k), &p)) {
          resume = p.end;
          out->pieces.push_back(std::move(p));
          leftovers += rest;
          break;
        }
      }
      ++leftovers;
      if (next == ' ' && i + k + 1 == j) {
        Piece p{i + k, 0, "", 1};
        if (ReadLostNbsp(static_cast<unsigned char>(bytes[k]), chars, i + k, &p.after, &p.end)) {
          out->pieces.push_back(std::move(p));
        }
      }
      ++k;
    }
    i = resume;
  }
  out->leftovers = leftovers;
}

bool IsContinuation(const LineBytes& line_bytes, size_t i) {
  return (static_cast<unsigned char>(line_bytes[i]) & 0xC0) == 0x80;
}

// The bytes windows-1252 leaves undefined: a strict reader drops them or
// shows U+FFFD (Python's errors="ignore" / "replace").
constexpr unsigned char kUndefinedCp1252[] = {0x81, 0x8D, 0x8F, 0x90, 0x9D};

// How much more probable (5 nats, ~150 times) a lost byte's best reading
// must be than the next: chosen on zuozhuan.txt damaged with Python's
// errors="ignore" / "replace" (99.0% of the readings it takes are right),
// checked on the seeds and the constitution (99.8-100%; docs/repair.md).
constexpr int kLostMargin = 5 * kCostScale;

// Format characters, odd spaces, the Unicode hyphen and the squared
// abbreviations of CJK Compatibility, which a lost byte is not read as
// (E2 80 8D would be a zero-width joiner, E2 80 90 "‐" where text has
// "-", E3 8D 80 "㍀" where E3 80 81 is "、"), nor the unassigned U+3040.
bool UnlikelyChar(char32_t c) {
  return (c >= 0x2000 && c <= 0x2010) || (c >= 0x2028 && c <= 0x202F) ||
         (c >= 0x2060 && c <= 0x206F) || (c >= 0xFE00 && c <= 0xFE0F) || c == 0x3040 ||
         (c >= 0x3300 && c <= 0x33FF);
}

// The character of a three- or four-byte sequence that lost bytes
// undefined in windows-1252, between the characters `left` and `right` of
// the repaired line: of the `templates` (the sequence with a 0 for each
// lost byte), filled with such bytes, the candidate of the highest `tier`
// (PairedMarks) that the model prefers by kLostMargin over every other of
// that tier (or the only one); U+FFFD when none stands out.
template <typename Tier>
std::string ReadLostBytes(char32_t left, char32_t right, const std::vector<std::string>& templates,
                          Tier tier) {
  int best = INT32_MAX, second = INT32_MAX, best_tier = 1;
  std::string best_seq;
  auto consider = [&](const std::string& seq) {
    if (!OnePlausibleChar(seq)) return;
    size_t k = 0;
    char32_t c = NextCodePoint(seq, &k);
    int t = UnlikelyChar(c) ? 0 : tier(c);
    if (t < best_tier) return;
    if (t > best_tier) {
      best_tier = t;
      best = second = INT32_MAX;
      best_seq.clear();
    }
    int cost = CharCost(left, c) + CharCost(c, right);
    if (cost < best) {
      second = best;
      best = cost;
      best_seq = seq;
    } else if (cost < second) {
      second = cost;
    }
  };
  for (const std::string& seq : templates) {
    // Every filling of the holes, as a number in base 5.
    size_t holes = static_cast<size_t>(std::count(seq.begin(), seq.end(), '\0'));
    size_t fillings = 1;
    for (size_t h = 0; h < holes; ++h) fillings *= std::size(kUndefinedCp1252);
    for (size_t f = 0; f < fillings; ++f) {
      size_t digits = f;
      std::string filled = seq;
      for (char& b : filled) {
        if (b != '\0') continue;
        b = static_cast<char>(kUndefinedCp1252[digits % std::size(kUndefinedCp1252)]);
        digits /= std::size(kUndefinedCp1252);
      }
      consider(filled);
    }
  }
  if (best_seq.empty() || (second != INT32_MAX && second - best < kLostMargin)) {
    return "\xEF\xBF\xBD";
  }
  return best_seq;
}

// Punctuation that comes in pairs, for lost bytes: of the pairs whose one
// side has a byte windows-1252 leaves undefined (” E2 80 9D, 」 E3 80 8D,
// 』 E3 80 8F, 【 E3 80 90, 〝 E3 80 9D), that side is a reading only when
// the other side, intact in the line's runs, calls for it: an opening mark
// before it not yet closed, a closing one after it that no nearer piece
// could open. Tiers:
// 2 called for (it wins over other readings), 1 not paired punctuation or
// no punctuation, 0 not called for (never read).
class PairedMarks {
 public:
  explicit PairedMarks(const LineBytes& line_bytes) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(line_bytes.data());
    for (size_t i = 0; i + 2 < line_bytes.size(); ++i) {
      if ((bytes[i] != 0xE2 && bytes[i] != 0xE3) ||
          MultiByteSequenceLength(bytes + i, line_bytes.size() - i) != 3) {
        continue;
      }
      size_t at = i;
      char32_t c = NextCodePoint(line_bytes, &at);
      for (Pair& p : pairs_) {
        if (c == p.open) p.opens.push_back(i);
        if (c == p.close) p.closes.push_back(i);
      }
    }
  }

  // A lost-byte piece starts at `begin`; those whose intact bytes begin
  // E3 80 could be a lost opening mark. In line order.
  void AddPiece(const LineBytes& line_bytes, size_t begin) {
    if (begin + 1 < line_bytes.size() && line_bytes[begin] == '\xE3' &&
        line_bytes[begin + 1] == '\x80') {
      opener_pieces_.push_back(begin);
    }
  }

  // The tier of reading chars[begin, end) as `c`. A lost closing mark is
  // called for by more opening marks before it than closing marks read;
  // a lost opening mark by a closing mark after it with no other piece
  // that could open it in between.
  int Tier(char32_t c, size_t begin, size_t end) const {
    for (const Pair& p : pairs_) {
      if (c == p.close && p.lost_close) return Before(p.opens, begin) > p.taken ? 2 : 0;
      if (c == p.open && !p.lost_close) {
        size_t k = Before(p.closes, end);
        if (k == p.closes.size()) return 0;
        return Before(opener_pieces_, p.closes[k]) == Before(opener_pieces_, end) ? 2 : 0;
      }
    }
    return 1;
  }

  // A piece was read as `c`; pieces come in line order.
  void Take(char32_t c) {
    for (Pair& p : pairs_) p.taken += p.lost_close && c == p.close;
  }

 private:
  struct Pair {
    char32_t open, close;
    bool lost_close;  // Else the opening mark is the one with a lost byte.
    std::vector<size_t> opens = {}, closes = {};  // Intact marks, by position.
    size_t taken = 0;  // Lost closing marks read so far.
  };

  static size_t Before(const std::vector<size_t>& at, size_t i) {
    return static_cast<size_t>(std::lower_bound(at.begin(), at.end(), i) - at.begin());
  }

  Pair pairs_[5] = {{0x201C, 0x201D, true}, {0x300C, 0x300D, true}, {0x300E, 0x300F, true},
                    {0x3010, 0x3011, false}, {0x301D, 0x301E, false}};
  std::vector<size_t> opener_pieces_;
};

// In a line that is UTF-8 read as windows-1252 (the runs hold at least
// half of its windows-1252 bytes), the three- and four-byte
// sequences that lost bytes windows-1252 leaves undefined: shown as U+FFFD
// ("ä¸�": Python's errors="replace"; the holes are known, any number) or
// one dropped ("ä¸" + the next character: errors="ignore"; anywhere after
// the lead). Each becomes a piece: its character when the model picks the
// lost bytes clearly, else U+FFFD.
void FindLostBytes(const std::vector<Char>& chars, const LineBytes& line_bytes, LineRuns* found) {
  std::vector<bool> covered(chars.size(), false);
  for (const Run& r : found->runs) std::fill(covered.begin() + r.begin, covered.begin() + r.end, true);
  for (const Piece& p : found->pieces) {
    std::fill(covered.begin() + p.begin, covered.begin() + p.end, true);
  }
  // The repaired line's character next to a piece: the end or start of a
  // run's UTF-8, a character outside the damage as itself, '\n' (nothing
  // known) beside other damage.
  std::vector<int> run_of(chars.size(), -1);
  for (size_t r = 0; r < found->runs.size(); ++r) {
    for (size_t k = found->runs[r].begin; k < found->runs[r].end; ++k) run_of[k] = static_cast<int>(r);
  }
  auto context = [&](size_t k, bool left) -> char32_t {
    if (k >= chars.size()) return '\n';
    if (run_of[k] >= 0) {
      const Run& r = found->runs[run_of[k]];
      if (r.cesu) return '\n';
      std::string_view b = std::string_view(line_bytes).substr(r.begin, r.end - r.begin);
      size_t at = left ? b.size() - 1 : 0;
      while (left && at > 0 && (static_cast<unsigned char>(b[at]) & 0xC0) == 0x80) --at;
      return NextCodePoint(b, &at);
    }
    return IsLatinMojibakeChar(line_bytes, k) ? U'\n' : chars[k].cp;
  };
  auto free_cont = [&](size_t i) {
    return i < chars.size() && !covered[i] && IsLatinMojibakeChar(line_bytes, i) &&
           IsContinuation(line_bytes, i);
  };
  // First where the pieces are, then what they read as: an opening mark
  // needs to know whether another piece could be it.
  struct Lost {
    size_t begin, end, holes;
    std::vector<std::string> templates;
  };
  std::vector<Lost> lost;
  std::vector<std::string> templates;
  for (size_t i = 0; i < chars.size(); ++i) {
    unsigned char lead = static_cast<unsigned char>(line_bytes[i]);
    if (covered[i] || lead < 0xE0 || lead > 0xF4) continue;
    size_t need = LeadLength(lead), k = i + 1, holes = 0;
    std::string seq(1, static_cast<char>(lead));
    while (seq.size() < need && k < chars.size()) {
      if (chars[k].cp == 0xFFFD && !covered[k]) {
        seq.push_back('\0');
        ++holes;
      } else if (free_cont(k)) {
        seq.push_back(line_bytes[k]);
      } else {
        break;
      }
      ++k;
    }
    templates.clear();
    if (holes > 0 && seq.size() == need) {
      templates.push_back(seq);
    } else if (holes == 0 && seq.size() + 1 == need) {
      for (size_t at = 1; at < need; ++at) {
        templates.push_back(seq);
        templates.back().insert(at, 1, '\0');
      }
    } else {
      continue;
    }
    lost.push_back({i, k, holes, std::move(templates)});
    std::fill(covered.begin() + i, covered.begin() + k, true);
    i = k - 1;
  }
  PairedMarks marks(line_bytes);
  for (const Lost& l : lost) marks.AddPiece(line_bytes, l.begin);
  for (const Lost& l : lost) {
    char32_t left = l.begin > 0 ? context(l.begin - 1, true) : U'\n';
    std::string after = ReadLostBytes(left, context(l.end, false), l.templates, [&](char32_t c) {
      return marks.Tier(c, l.begin, l.end);
    });
    size_t at = 0;
    marks.Take(NextCodePoint(after, &at));
    found->pieces.push_back({l.begin, l.end, std::move(after), l.end - l.begin - l.holes});
  }
}

// A weak fix that gives one Latin-1 or Latin Extended-A letter touching an
// ASCII letter, as in "rÃ©gime" or "konkrÄ“tus": several of them in a
// line are good evidence together.
bool WordLetterFix(const std::vector<Char>& chars, const Run& r, const MojibakeFix& fix) {
  if (fix.after.size() != 2) return false;
  size_t i = 0;
  char32_t c = NextCodePoint(fix.after, &i);
  if (c < 0xC0 || c >= 0x180 || c == 0xD7 || c == 0xF7) return false;
  return (r.begin > 0 && IsAsciiLetter(chars[r.begin - 1].cp)) ||
         (r.end < chars.size() && IsAsciiLetter(chars[r.end].cp));
}

// The pieces of CollectRuns as fixes. Weak: only in a line with other
// fixes.
void AddPieceFixes(const std::vector<Char>& chars, const std::vector<Piece>& pieces,
                   std::vector<Utf8Candidate>* out) {
  for (const Piece& p : pieces) {
    Utf8Candidate c;
    c.fix.after = p.after;
    c.fix.begin = chars[p.begin].pos;
    c.fix.end = chars[p.end - 1].pos + chars[p.end - 1].len;
    c.fix.rule = "mojibake:utf8-as-cp1252";
    c.fix.cost_before = SpanCost(chars, p.begin, p.end);
    c.fix.cost_after = ReplacementCost(chars, p.begin, p.end, c.fix.after);
    c.weak = true;
    c.piece = true;
    c.whole_only = p.whole_only;
    out->push_back(std::move(c));
  }
}

// True when `text` holds a C1 control (U+0080-009F).
bool HasC1(std::string_view text) {
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == '\xC2' && IsC1(static_cast<unsigned char>(text[i + 1]))) return true;
  }
  return false;
}

// The C1 control chars[i] as its windows-1252 character; false when
// windows-1252 leaves its byte undefined.
bool AddC1Fix(const std::vector<Char>& chars, size_t i, std::vector<MojibakeFix>* fixes) {
  char32_t c = SloppyCp1252Char(static_cast<unsigned char>(chars[i].cp));
  if (c == chars[i].cp) return false;
  MojibakeFix& f = fixes->emplace_back();
  AppendUtf8(c, &f.after);
  f.begin = chars[i].pos;
  f.end = chars[i].pos + chars[i].len;
  f.rule = "mojibake:latin1-as-cp1252";
  f.cost_before = SpanCost(chars, i, i + 1);
  f.cost_after = ReplacementCost(chars, i, i + 1, f.after);
  return true;
}

// A line whose accepted fixes [first, end) read C1 controls as bytes was
// decoded as Latin-1, not windows-1252: its other C1 controls are
// windows-1252 characters ("…" for U+0085).
void AddC1Fixes(std::string_view line, const std::vector<Char>& chars,
                std::vector<MojibakeFix>::const_iterator first, std::vector<MojibakeFix>* fixes) {
  auto end = fixes->cend();
  bool latin1 = std::any_of(first, end, [&line](const MojibakeFix& f) {
    return HasC1(line.substr(f.begin, f.end - f.begin));
  });
  if (!latin1) return;
  std::vector<MojibakeFix> added;
  for (size_t i = 0; i < chars.size(); ++i) {
    if (!IsC1(chars[i].cp)) continue;
    bool inside = std::any_of(first, end, [&chars, i](const MojibakeFix& f) {
      return chars[i].pos >= f.begin && chars[i].pos < f.end;
    });
    if (!inside) AddC1Fix(chars, i, &added);
  }
  for (MojibakeFix& f : added) fixes->push_back(std::move(f));
}

// Every windows-1252 character outside the runs is a Latin-1 letter with
// letters on both sides ("ç" and "ã" of "Classificação"): the line's own
// correct text beside the damage, not stray bytes of it.
bool LeftoversAreWordLetters(const std::vector<Char>& chars, const LineBytes& line_bytes,
                             const std::vector<Run>& runs) {
  auto run = runs.begin();
  for (size_t i = 0; i < chars.size(); ++i) {
    while (run != runs.end() && run->end <= i) ++run;
    if (run != runs.end() && run->begin <= i) continue;
    if (!IsLatinMojibakeChar(line_bytes, i)) continue;
    if (!IsLatin1Letter(chars[i].cp) || i == 0 || i + 1 == chars.size() ||
        !IsLatinLetter(chars[i - 1].cp) || !IsLatinLetter(chars[i + 1].cp)) {
      return false;
    }
  }
  return true;
}

// The windows-1252 byte of `text` when it is one character, else -1;
// U+FFFD is 0 (a lost byte).
int OneCharByte(std::string_view text) {
  size_t at = 0;
  if (text.empty()) return -1;
  char32_t c = NextCodePoint(text, &at);
  if (at != text.size()) return -1;
  return c == 0xFFFD ? 0 : SloppyCp1252Byte(c);
}

// A layer below, through U+FFFD: accepted fixes side by side that give a
// lead byte's character, then characters of continuation bytes or U+FFFD
// up to the sequence's length, at least one U+FFFD, were one character of
// the layer below that lost a byte. "Ã¢", "â€�", "â€™" give "â", "�",
// "’": E2, a lost byte, 92. They become one U+FFFD (as ftfy makes them),
// only in a line where another fix peeled two layers or more: "café”’"
// with its "”" lost is "é", "�", "’" too.
void JoinLossyLayer(const std::vector<Char>& chars, std::vector<MojibakeFix>* fixes,
                    size_t first) {
  std::vector<MojibakeFix>& f = *fixes;
  if (std::none_of(f.begin() + static_cast<std::ptrdiff_t>(first), f.end(),
                   [](const MojibakeFix& one) { return one.layers >= 2; })) {
    return;
  }
  std::vector<size_t> order(f.size() - first);
  for (size_t k = 0; k < order.size(); ++k) order[k] = first + k;
  std::sort(order.begin(), order.end(),
            [&f](size_t a, size_t b) { return f[a].begin < f[b].begin; });
  // Where each join starts, and its length in fixes.
  std::vector<std::pair<size_t, size_t>> joins;
  for (size_t i = 0; i < order.size();) {
    int lead = OneCharByte(f[order[i]].after);
    size_t need = lead >= 0xC2 ? LeadLength(static_cast<char>(lead)) : 0, j = i + 1;
    bool hole = false;
    for (; need >= 2 && j < order.size() && j - i < need; ++j) {
      int b = OneCharByte(f[order[j]].after);
      if (f[order[j]].begin != f[order[j - 1]].end || !(b == 0 || (b >= 0x80 && b <= 0xBF))) break;
      hole |= b == 0;
    }
    if (need >= 2 && j - i == need && hole) {
      joins.emplace_back(i, need);
      i = j;
    } else {
      ++i;
    }
  }
  if (joins.empty()) return;
  std::vector<MojibakeFix> out;
  auto join = joins.begin();
  for (size_t i = 0; i < order.size();) {
    if (join == joins.end() || join->first != i) {
      out.push_back(std::move(f[order[i++]]));
      continue;
    }
    MojibakeFix one = std::move(f[order[i]]);
    one.end = f[order[i + join->second - 1]].end;
    size_t b = CharIndexAt(chars, one.begin), e = CharIndexAt(chars, one.end);
    one.after = "\xEF\xBF\xBD";
    one.layers = 2;
    one.cost_before = SpanCost(chars, b, e);
    one.cost_after = ReplacementCost(chars, b, e, one.after);
    out.push_back(std::move(one));
    i += join->second;
    ++join;
  }
  f.resize(first);
  for (MojibakeFix& one : out) f.push_back(std::move(one));
}

// Finds runs of multi-byte UTF-8 inside the cp1252 byte form of the line.
// Weak or small fixes are taken only next to a strong one (at least two
// characters or a three-byte one, 10 nats better) or among at least
// kWordLetters fixes that each give a letter inside a word (two when what
// is left are correct letters: LeftoversAreWordLetters).
// Returns true when the accepted fixes explain every cp1252 character of
// the line (then no GBK/Big5 reading needs to be tried); *few_leftovers
// tells whether the runs explain most of it (at most two bytes left per
// run): UTF-8 through another single-byte codepage, not GBK or Big5.
bool FindUtf8Runs(std::string_view line, const std::vector<Char>& chars,
                  const LineBytes& line_bytes, std::vector<MojibakeFix>* fixes,
                  bool* few_leftovers) {
  constexpr size_t kWordLetters = 3;
  LineRuns found;
  CollectRuns(chars, line_bytes, &found);
  const std::vector<Run>& runs = found.runs;
  const std::vector<Piece>& pieces = found.pieces;
  size_t leftovers = found.leftovers;
  *few_leftovers = leftovers <= 2 * runs.size();
  size_t bytes_in_runs = 0;
  for (const Run& r : runs) bytes_in_runs += r.end - r.begin;
  if (leftovers > 0 && leftovers <= bytes_in_runs) FindLostBytes(chars, line_bytes, &found);
  size_t explained = 0;
  for (const Piece& p : pieces) explained += p.bytes;
  std::vector<Utf8Candidate> candidates;
  candidates.reserve(runs.size());
  std::vector<bool> word_letter;
  // A windows-1252 byte at chars[k] that no run or piece explains.
  auto stray = [&](size_t k, size_t run) {
    if (!IsLatinMojibakeChar(line_bytes, k)) return false;
    if ((run > 0 && runs[run - 1].end > k) || (run + 1 < runs.size() && runs[run + 1].begin <= k)) {
      return false;
    }
    return std::none_of(pieces.begin(), pieces.end(),
                        [k](const Piece& p) { return p.begin <= k && k < p.end; });
  };
  for (size_t ri = 0; ri < runs.size(); ++ri) {
    const Run& r = runs[ri];
    std::string run_bytes = line_bytes.substr(r.begin, r.end - r.begin);
    if (r.cesu) run_bytes = JoinCesuPair(run_bytes);
    size_t n = candidates.size();
    ConsiderUtf8Run(chars, r.begin, r.end, std::move(run_bytes), leftovers, &candidates);
    if (candidates.size() == n) continue;
    word_letter.push_back(WordLetterFix(chars, r, candidates.back().fix));
    // Stray bytes on both sides: a run by chance inside other mojibake
    // (GBK read as windows-1252: "Èë¼«£¬" holds "ë¼«", a Hangul syllable).
    if (r.begin > 0 && r.end < chars.size() && stray(r.begin - 1, ri) && stray(r.end, ri)) {
      candidates.back().weak = true;
    }
    // One three-byte letter of another script (Hangul, Thai …) at the edge
    // of a Latin word: "Brontë…”" holds "ë…”", the UTF-8 of "녔". (A Greek
    // letter is two bytes and may be: "IL2RÎ³cKO" is "IL2RγcKO".)
    const std::string& after = candidates.back().fix.after;
    bool word_edge = (r.begin > 0 && IsAsciiLetter(chars[r.begin - 1].cp)) ||
                     (r.end < chars.size() && IsAsciiLetter(chars[r.end].cp));
    if (word_edge && after.size() == 3 && ReadNonChinese(after, false).letters == 1) {
      candidates.back().weak = true;
    }
    // One character from a run holding a no-break space: French puts one
    // before "»", and "é »" of "commité »" is the UTF-8 of "頻".
    if (r.end - r.begin == 3 &&
        (line_bytes[r.begin + 1] == '\xA0' || line_bytes[r.begin + 2] == '\xA0')) {
      candidates.back().weak = true;
    }
    // One small letter right after two capitals: "AHÅ™" is no "AHř".
    if (after.size() == 2 && r.begin >= 2 && IsAsciiCapital(chars[r.begin - 1].cp) &&
        IsAsciiCapital(chars[r.begin - 2].cp) &&
        SmallLatinLetter(DecodeSequence(reinterpret_cast<const unsigned char*>(after.data()), 2))) {
      candidates.back().weak = true;
    }
  }
  size_t letters = 0;
  bool strong = false;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Utf8Candidate& c = candidates[i];
    strong |= !c.weak && c.fix.end - c.fix.begin > 4 &&
              c.fix.cost_before - c.fix.cost_after >= 10 * kCostScale;
    letters += word_letter[i] && c.fix.cost_before - c.fix.cost_after >= kMinGain;
  }
  // A piece ("Ã ") counts too, beside at least two letters.
  size_t cluster_pieces = static_cast<size_t>(std::count_if(
      pieces.begin(), pieces.end(), [](const Piece& p) { return !p.whole_only; }));
  bool cluster = letters >= 2 && (letters + cluster_pieces >= kWordLetters ||
                                  (pieces.empty() && leftovers > 0 &&
                                   LeftoversAreWordLetters(chars, line_bytes, runs)));
  // Every cp1252 character of the line reads as UTF-8, in at least
  // kWordLetters runs and pieces, none of them costlier than what it
  // replaces and one clearly cheaper ("Å veices baÅ†Ä·ieri gaida konkrÄ“tus").
  bool whole = runs.size() == candidates.size() && leftovers == explained &&
               candidates.size() + pieces.size() >= kWordLetters;
  if (strong || cluster || whole) AddPieceFixes(chars, pieces, &candidates);
  // A whole_only piece is U+FFFD, which the model prices at a flat
  // kReplacementCost: it may cost more than the two characters of "Ã?"
  // it replaces, so long as the line as a whole gains.
  bool clear_gain = false;
  int total_gain = 0;
  for (const Utf8Candidate& c : candidates) {
    int gain = c.fix.cost_before - c.fix.cost_after;
    whole &= gain >= 0 || c.whole_only;
    clear_gain |= gain >= kMinGain;
    total_gain += gain;
  }
  whole &= clear_gain && total_gain >= kMinGain;
  word_letter.resize(candidates.size(), false);
  size_t accepted = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    Utf8Candidate& c = candidates[i];
    int gain = c.fix.cost_before - c.fix.cost_after;
    bool in_cluster = cluster && ((word_letter[i] && gain >= kMinGain) || (c.piece && gain >= 0));
    if (c.whole_only && !whole) continue;
    if ((!c.weak && gain >= kMinGain) || strong || in_cluster || whole) {
      fixes->push_back(std::move(c.fix));
      ++accepted;
    }
  }
  if (accepted > 1 && !pieces.empty()) {
    size_t first = fixes->size() - accepted;
    JoinLossyLayer(chars, fixes, first);
    if (leftovers > 0) AddC1Fixes(line, chars, fixes->begin() + first, fixes);
  } else if (leftovers > 0 && accepted > 0) {
    AddC1Fixes(line, chars, fixes->end() - accepted, fixes);
  }
  return leftovers == 0 && accepted == candidates.size() && accepted > 0;
}

struct DoubleByteCandidate {
  MojibakeFix fix;
  HanCount han;
};

// GBK or Big5 bytes shown as cp1252: decode the piece strictly.
bool ConsiderDoubleByte(Legacy enc, const std::vector<Char>& chars, const LineBytes& line_bytes,
                        size_t begin, size_t end, std::vector<DoubleByteCandidate>* out) {
  std::string_view bytes = std::string_view(line_bytes).substr(begin, end - begin);
  std::string text;
  DoubleByteCandidate c;
  if (!DecodeLegacyReversible(enc, bytes, &text)) return false;
  // Plausible text (the readers never give U+FFFD), priced and its Han
  // characters counted in one decoding.
  c.fix.cost_after = PlausibleReplacementCost(chars, begin, end, text, &c.han);
  if (c.fix.cost_after == kImplausible) return false;
  c.fix.begin = chars[begin].pos;
  c.fix.end = chars[end - 1].pos + chars[end - 1].len;
  c.fix.cost_before = SpanCost(chars, begin, end);
  c.fix.after = std::move(text);
  c.fix.rule = enc == Legacy::kGbk ? "mojibake:gbk-as-cp1252" : "mojibake:big5-as-cp1252";
  out->push_back(std::move(c));
  return true;
}

bool IsTrailAscii(char32_t c) { return c >= 0x40 && c <= 0x7E; }

// A stretch of cp1252 bytes (high bytes, ASCII trail bytes between them)
// that a double-byte codec may have written: chars[begin, end), and
// chars[begin, shorter) to try when the whole does not read.
struct DoubleBytePiece {
  size_t begin, end, shorter;
};

// The pieces of the line, the same for GBK and Big5.
std::vector<DoubleBytePiece> DoubleBytePieces(const std::vector<Char>& chars,
                                              const LineBytes& line_bytes) {
  std::vector<DoubleBytePiece> pieces;
  for (size_t i = 0; i < chars.size();) {
    if (!IsLatinMojibakeChar(line_bytes, i)) {
      ++i;
      continue;
    }
    size_t j = i, high = 0, last_high = i;
    while (j < chars.size() &&
           (IsLatinMojibakeChar(line_bytes, j) || IsTrailAscii(chars[j].cp))) {
      if (chars[j].cp >= 0x80) {
        ++high;
        last_high = j;
      }
      ++j;
    }
    // Keep at most one ASCII byte after the last high byte (a trail byte);
    // without it, the high bytes alone.
    size_t end = std::min(j, last_high + 2);
    bool trail = end > last_high + 1;
    if (high >= 2 || trail) pieces.push_back({i, end, trail && high >= 2 ? last_high + 1 : end});
    i = j;
  }
  return pieces;
}

// Every piece of the line read as `enc`; returns the summed gain.
int DoubleByteReadings(Legacy enc, const std::vector<Char>& chars, const LineBytes& line_bytes,
                       const std::vector<DoubleBytePiece>& pieces,
                       std::vector<DoubleByteCandidate>* out) {
  for (const DoubleBytePiece& p : pieces) {
    if (!ConsiderDoubleByte(enc, chars, line_bytes, p.begin, p.end, out) && p.shorter < p.end) {
      ConsiderDoubleByte(enc, chars, line_bytes, p.begin, p.shorter, out);
    }
  }
  int gain = 0;
  for (const DoubleByteCandidate& c : *out) {
    gain += std::max(0, c.fix.cost_before - c.fix.cost_after);
  }
  return gain;
}

// The mean unigram cost of the Han characters of `text` (counted in
// `han`) without the costliest one, when there are at least six: one rare
// character among common ones (郲 in "夏，公会郑伯于郲") does not make
// the text rare. Asked only of readings whose plain mean is too high.
int MeanCostBarOne(std::string_view text, const HanCount& han) {
  if (han.chars < 6) return han.MeanCost();
  int costliest = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t c = NextCodePoint(text, &i);
    if (IsHan(c)) costliest = std::max(costliest, HanUnigramCost(c));
  }
  return static_cast<int>((han.cost - costliest) / (han.chars - 1));
}

// One encoding per line: the one whose readings gain most. A reading
// stands alone with two common Han characters and a clear gain; a weaker
// one (one Han character, punctuation, small gain) only in a line that
// holds a strong reading. A reading whose characters are rare on the
// whole (UTF-8 read twice, then as GBK: "忙聙禄莽禄聯") is no reading;
// one rare character among common ones is, beside a known pair.
void FindDoubleByteRuns(const std::vector<Char>& chars, const LineBytes& line_bytes,
                        std::vector<MojibakeFix>* fixes) {
  std::vector<DoubleBytePiece> pieces = DoubleBytePieces(chars, line_bytes);
  std::vector<DoubleByteCandidate> gbk, big5;
  int gbk_gain = DoubleByteReadings(Legacy::kGbk, chars, line_bytes, pieces, &gbk);
  int big5_gain = DoubleByteReadings(Legacy::kBig5, chars, line_bytes, pieces, &big5);
  std::vector<DoubleByteCandidate>& best = big5_gain > gbk_gain ? big5 : gbk;
  // Two common Han characters that look like Chinese; the gain decides
  // between strong, alone and weak.
  std::vector<bool> chinese(best.size());
  bool strong = false;
  for (size_t i = 0; i < best.size(); ++i) {
    const DoubleByteCandidate& c = best[i];
    bool common = c.han.MeanCost() <= kCommonHanCost ||
                  (MeanCostBarOne(c.fix.after, c.han) <= kCommonHanCost &&
                   HasKnownPair(c.fix.after));
    chinese[i] = c.han.chars >= 2 && c.fix.cost_before - c.fix.cost_after >= kMinGain && common &&
                 (c.han.chars >= 4 || HasKnownPair(c.fix.after));
    strong |= chinese[i] && c.fix.cost_before - c.fix.cost_after >= 10 * kCostScale;
  }
  for (size_t i = 0; i < best.size(); ++i) {
    if (chinese[i] || strong) fixes->push_back(std::move(best[i].fix));
  }
}

// A character outside ASCII, windows-1252 and Chinese text ("ś").
bool HasNonCp1252Letter(const std::vector<Char>& chars, const LineBytes& line_bytes) {
  for (size_t i = 0; i < chars.size(); ++i) {
    char32_t c = chars[i].cp;
    if (line_bytes[i] == 0 && c >= 0x80 && !ChineseChar(c)) return true;
  }
  return false;
}

int Gain(std::vector<MojibakeFix>::const_iterator first,
         std::vector<MojibakeFix>::const_iterator last) {
  int gain = 0;
  for (; first != last; ++first) gain += first->cost_before - first->cost_after;
  return gain;
}

}  // namespace

void FindC1Punctuation(const std::vector<Char>& chars, std::vector<MojibakeFix>* fixes) {
  // An apostrophe (0x92) between letters, an ellipsis (0x85) ending a
  // word, or an opening quote (0x84 „, 0x91 ‘, 0x93 “) before a closing
  // one (0x92 ’, 0x93 “, 0x94 ”).
  bool evidence = false, open = false;
  std::vector<size_t> c1;
  for (size_t i = 0; i < chars.size(); ++i) {
    char32_t c = chars[i].cp;
    if (!IsC1(c)) continue;
    c1.push_back(i);
    bool after_letter = i > 0 && IsLatinLetter(chars[i - 1].cp);
    evidence |= c == 0x92 && after_letter && i + 1 < chars.size() && IsLatinLetter(chars[i + 1].cp);
    evidence |= c == 0x85 && after_letter && (i + 1 == chars.size() || chars[i + 1].cp == ' ');
    evidence |= open && (c == 0x92 || c == 0x93 || c == 0x94);
    open |= c == 0x84 || c == 0x91 || c == 0x93;
  }
  if (!evidence) return;
  std::vector<MojibakeFix> found;
  for (size_t i : c1) {
    if (!AddC1Fix(chars, i, &found)) return;  // Not windows-1252 after all.
  }
  for (MojibakeFix& f : found) fixes->push_back(std::move(f));
}

void FindLatinMojibake(std::string_view line, const std::vector<Char>& chars,
                       std::vector<MojibakeFix>* fixes) {
  thread_local LineBytes line_bytes;  // Storage reused from line to line.
  bool unmapped = MakeLineBytes(chars, &line_bytes);
  size_t before = fixes->size();
  bool few_leftovers;
  if (FindUtf8Runs(line, chars, line_bytes, fixes, &few_leftovers)) return;
  // Another single-byte codepage where windows-1252 explains nothing, little
  // is left, or the line holds characters it lacks ("â€ś" is UTF-8 in
  // windows-1250): that reading explains every character it could have
  // produced, and replaces windows-1252's when it gains more.
  std::vector<MojibakeFix> other;
  if (fixes->size() == before || few_leftovers ||
      (unmapped && HasNonCp1252Letter(chars, line_bytes))) {
    FindSingleByteMojibake(chars, &other);
  }
  if (!other.empty() && Gain(other.begin(), other.end()) > Gain(fixes->begin() + before, fixes->end())) {
    fixes->resize(before);
    for (MojibakeFix& f : other) fixes->push_back(std::move(f));
  }
  FindDoubleByteRuns(chars, line_bytes, fixes);
}

}  // namespace zhclean::internal
