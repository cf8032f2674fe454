// Hypothesis: UTF-8 bytes shown through a GBK or Big5 reader ("鍙戠敓"),
// possibly with bytes the reader could not map replaced by U+FFFD or '?'.
// The characters whose bytes survive come back; a character that lost
// bytes stays one replacement mark.
#include <string>

#include "mojibake_internal.h"
#include "ngram.h"
#include "repair_codec.h"
#include "utf8.h"

namespace zhclean::internal {

namespace {

constexpr int kHole = -1;

bool IsHoleChar(char32_t c) { return c == 0xFFFD || c == 0x1A; }

// A piece of the island's bytes: text is bytes[begin, begin + len).
struct Unit {
  enum Kind { kText, kOrphan, kHole } kind;
  uint32_t begin, len;
};

// Field by field, as AppendChar (mojibake_internal.h) and for its reason.
void AddUnit(Unit::Kind kind, uint32_t begin, uint32_t len, std::vector<Unit>* units) {
  Unit& u = units->emplace_back();
  u.kind = kind;
  u.begin = begin;
  u.len = len;
}

// Byte form of chars[begin, end) under `enc`; holes as kHole.
void IslandBytes(Legacy enc, const std::vector<Char>& chars, size_t begin, size_t end,
                 std::vector<int>* bytes) {
  for (size_t i = begin; i < end; ++i) {
    char32_t c = chars[i].cp;
    if (IsHoleChar(c)) {
      bytes->push_back(kHole);
    } else if (c < 0x80) {
      bytes->push_back(static_cast<int>(c));
    } else {
      uint16_t code = DoubleByteCode(enc, c);
      if (code >= 0x100) bytes->push_back(code >> 8);
      bytes->push_back(code & 0xFF);
    }
  }
}

// Lenient UTF-8 decoding of bytes with holes into *units (cleared).
// Counts the non-ASCII bytes that decoded and the multi-byte characters.
void DecodeUnits(const std::vector<int>& bytes, std::vector<Unit>* units, size_t* good,
                 size_t* high, size_t* multi) {
  units->clear();
  unsigned char seq[4];
  for (size_t k = 0; k < bytes.size();) {
    auto at = static_cast<uint32_t>(k);
    int b = bytes[k];
    if (b == kHole || b < 0x80) {
      AddUnit(b == kHole ? Unit::kHole : Unit::kText, at, 1, units);
      ++k;
      continue;
    }
    ++*high;
    size_t m = 0;  // The high bytes here, as many as a sequence can hold.
    for (; m < sizeof seq && k + m < bytes.size() && bytes[k + m] >= 0x80; ++m) {
      seq[m] = static_cast<unsigned char>(bytes[k + m]);
    }
    if (size_t n = MultiByteSequenceLength(seq, m); n > 0) {
      *good += n;
      *high += n - 1;
      ++*multi;
      AddUnit(Unit::kText, at, static_cast<uint32_t>(n), units);
      k += n;
    } else {
      AddUnit(Unit::kOrphan, at, 1, units);
      ++k;
    }
  }
}

bool IsQuestion(const std::vector<int>& bytes, const std::vector<Unit>& u, size_t i) {
  return i < u.size() && u[i].kind == Unit::kText && u[i].len == 1 && bytes[u[i].begin] == '?';
}

// Joins the units; a run of orphan bytes must touch a hole or a '?', which
// then stands for the lost character, or an edge of the line (the text was
// cut there), where it becomes U+FFFD. False when an orphan run is alone.
bool JoinUnits(const std::vector<int>& bytes, const std::vector<Unit>& units, bool line_start,
               bool line_end, std::string* out) {
  for (size_t i = 0; i < units.size();) {
    if (units[i].kind == Unit::kText) {
      for (uint32_t k = 0; k < units[i].len; ++k) {
        out->push_back(static_cast<char>(bytes[units[i].begin + k]));
      }
      ++i;
      continue;
    }
    size_t j = i;
    bool hole = false;
    while (j < units.size() && units[j].kind != Unit::kText) {
      hole |= units[j].kind == Unit::kHole;
      ++j;
    }
    bool touches_question = (i > 0 && IsQuestion(bytes, units, i - 1)) ||
                            IsQuestion(bytes, units, j);
    bool cut = (i == 0 && line_start) || (j == units.size() && line_end);
    if (!hole && !touches_question && !cut) return false;
    hole |= cut && !touches_question;
    if (hole) out->append("\xEF\xBF\xBD");
    i = j;
  }
  return true;
}

bool ConsiderIsland(Legacy enc, const std::vector<Char>& chars, size_t begin, size_t end,
                    std::vector<MojibakeFix>* fixes) {
  thread_local std::vector<int> bytes;
  thread_local std::vector<Unit> units;
  bytes.clear();
  IslandBytes(enc, chars, begin, end, &bytes);
  size_t good = 0, high = 0, multi = 0;
  DecodeUnits(bytes, &units, &good, &high, &multi);
  // Bytes next to a hole are lost with it; the rest must be valid UTF-8
  // (JoinUnits rejects any other orphan), so the bar here is modest.
  if (multi < 2 || good * 10 < high * 6) return false;
  std::string text;
  if (!JoinUnits(bytes, units, begin == 0, end == chars.size(), &text)) return false;
  for (size_t i = 0; i < text.size();) {
    char32_t c = NextCodePoint(text, &i);
    if (!PlausibleChar(c) && !IsHoleChar(c)) return false;
  }
  int before = SpanCost(chars, begin, end);
  int after = ReplacementCost(chars, begin, end, text);
  if (after > before - kMinGain) return false;
  MojibakeFix f;
  f.begin = chars[begin].pos;
  f.end = chars[end - 1].pos + chars[end - 1].len;
  f.after = std::move(text);
  f.rule = enc == Legacy::kGbk ? "mojibake:utf8-as-gbk" : "mojibake:utf8-as-big5";
  f.cost_before = before;
  f.cost_after = after;
  fixes->push_back(std::move(f));
  return true;
}

bool InIsland(Legacy enc, char32_t c) {
  return c < 0x80 || IsHoleChar(c) || DoubleByteCode(enc, c) != 0;
}

void FindIslands(Legacy enc, const std::vector<Char>& chars,
                 std::vector<MojibakeFix>* fixes) {
  for (size_t i = 0; i < chars.size();) {
    if (!InIsland(enc, chars[i].cp)) {
      ++i;
      continue;
    }
    size_t j = i, double_byte = 0;
    while (j < chars.size() && InIsland(enc, chars[j].cp)) {
      if (chars[j].cp >= 0x80 && !IsHoleChar(chars[j].cp)) ++double_byte;
      ++j;
    }
    if (double_byte >= 2) ConsiderIsland(enc, chars, i, j, fixes);
    i = j;
  }
}

}  // namespace

void FindCjkMojibake(std::string_view /*line*/, const std::vector<Char>& chars,
                     std::vector<MojibakeFix>* fixes) {
  size_t before = fixes->size();
  FindIslands(Legacy::kGbk, chars, fixes);
  if (fixes->size() == before) FindIslands(Legacy::kBig5, chars, fixes);
}

}  // namespace zhclean::internal
