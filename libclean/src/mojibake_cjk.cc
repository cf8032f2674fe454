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

// A hole in the island's byte form: U+FFFD or U+001A (each a byte the
// reader lost). No code of GBK or Big5 holds the byte 0x1A.
constexpr char kHoleByte = '\x1A';

bool IsHoleChar(char32_t c) { return c == 0xFFFD || c == 0x1A; }

// A piece of the island's bytes: text is bytes[begin, begin + len).
struct Unit {
  enum Kind : uint8_t { kText, kOrphan, kHole };
  Unit() {}  // Left uninitialised: DecodeUnits sizes its storage, then writes.
  Unit(Kind k, uint32_t b, uint32_t l) : kind(k), begin(b), len(l) {}
  Kind kind;
  uint32_t begin, len;
};

// Lenient UTF-8 decoding of bytes with holes into *units (at most one a
// byte). Counts the non-ASCII bytes that decoded and the multi-byte
// characters.
void DecodeUnits(std::string_view bytes, std::vector<Unit>* units, size_t* good,
                 size_t* high, size_t* multi) {
  units->resize(bytes.size());
  Unit* u = units->data();
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size();
  for (size_t k = 0; k < n;) {
    auto at = static_cast<uint32_t>(k);
    unsigned b = p[k];
    if (b < 0x80) {  // The hole byte is below 0x80 too.
      *u++ = {b == static_cast<unsigned char>(kHoleByte) ? Unit::kHole : Unit::kText, at, 1};
      ++k;
      continue;
    }
    ++*high;
    size_t m = 1;  // The high bytes here, as many as a sequence can hold.
    while (m < 4 && k + m < n && p[k + m] >= 0x80) ++m;
    if (size_t len = MultiByteSequenceLength(p + k, m); len > 0) {
      *good += len;
      *high += len - 1;
      ++*multi;
      *u++ = {Unit::kText, at, static_cast<uint32_t>(len)};
      k += len;
    } else {
      *u++ = {Unit::kOrphan, at, 1};
      ++k;
    }
  }
  units->resize(static_cast<size_t>(u - units->data()));
}

bool IsQuestion(std::string_view bytes, const std::vector<Unit>& u, size_t i) {
  return i < u.size() && u[i].kind == Unit::kText && u[i].len == 1 && bytes[u[i].begin] == '?';
}

// Joins the units; a run of orphan bytes must touch a hole or a '?', which
// then stands for the lost character, or an edge of the line (the text was
// cut there), where it becomes U+FFFD. False when an orphan run is alone.
bool JoinUnits(std::string_view bytes, const std::vector<Unit>& units, bool line_start,
               bool line_end, std::string* out) {
  for (size_t i = 0; i < units.size();) {
    if (units[i].kind == Unit::kText) {
      size_t j = i + 1;  // Text units in a row are bytes in a row.
      while (j < units.size() && units[j].kind == Unit::kText) ++j;
      size_t from = units[i].begin, to = units[j - 1].begin + units[j - 1].len;
      out->append(bytes.substr(from, to - from));
      i = j;
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

// chars[begin, end) is an island whose byte form under `enc` is `bytes`.
bool ConsiderIsland(Legacy enc, const std::vector<Char>& chars, size_t begin, size_t end,
                    std::string_view bytes, std::vector<MojibakeFix>* fixes) {
  thread_local std::vector<Unit> units;
  size_t good = 0, high = 0, multi = 0;
  DecodeUnits(bytes, &units, &good, &high, &multi);
  // Bytes next to a hole are lost with it; the rest must be valid UTF-8
  // (JoinUnits rejects any other orphan), so the bar here is modest.
  if (multi < 2 || good * 10 < high * 6) return false;
  std::string text;
  if (!JoinUnits(bytes, units, begin == 0, end == chars.size(), &text)) return false;
  // A byte order mark read along ("锘" and the next character, when a GBK
  // reader took a file saved with one) goes.
  if (size_t mark = LeadingByteOrderMark(text, begin)) text.erase(0, mark);
  // Plausible text only; the U+FFFD of a hole counts (its byte 0x1A is
  // never text).
  int after = PlausibleReplacementCost(chars, begin, end, text);
  if (after == kImplausible) return false;
  // Readings by chance: one without Chinese characters that has fewer
  // than kShort characters above ASCII (the Big5 codes of "由于邾" are the
  // UTF-8 of "Ѥ_м"; GBK ones in a Big5 line give "∲", "ŭ") or letters of
  // two scripts other than Latin; and a short one with a letter of such a
  // script, or a Latin letter outside a word, among Chinese characters
  // ("邾�文公" as Big5 gives "м�夽", "衛文公���穿" gives "�ä夽�"). A
  // layer of mojibake of mojibake is long, and has Latin-1 letters only
  // ("å¦‡å¥³") or Cyrillic letters and kana among Chinese characters
  // ("澶у" of "大").
  constexpr size_t kShort = 4;
  NonChinese other = ReadNonChinese(text, /*stop_at_chinese=*/text.size() > 8 * kShort);
  if (!other.chinese && (other.mixed || other.non_ascii < kShort)) return false;
  if (other.letters + other.latin > 0 && other.non_ascii < kShort) return false;
  int before = SpanCost(chars, begin, end);
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

// Islands: runs of characters that `enc` has a code for (ASCII and holes
// too), at least two of them double-byte. Each island's byte form (holes
// as kHoleByte) is written as the island is found, through a pointer into
// storage sized once for the line: at most two bytes a character.
void FindIslands(Legacy enc, const std::vector<Char>& chars,
                 std::vector<MojibakeFix>* fixes) {
  thread_local std::string buffer;
  if (buffer.size() < 2 * chars.size()) buffer.resize(2 * chars.size());
  const Char* line = chars.data();  // Not reloaded after each char store.
  for (size_t i = 0, n = chars.size(); i < n;) {
    char* w = buffer.data();
    size_t j = i, double_byte = 0;
    for (; j < n; ++j) {
      char32_t c = line[j].cp;
      if (IsHoleChar(c)) {
        *w++ = kHoleByte;
      } else if (c < 0x80) {
        *w++ = static_cast<char>(c);
      } else {
        uint16_t code = DoubleByteCode(enc, c);
        if (code == 0) break;
        if (code >= 0x100) *w++ = static_cast<char>(code >> 8);
        *w++ = static_cast<char>(code & 0xFF);
        ++double_byte;
      }
    }
    if (j == i) {
      ++i;
      continue;
    }
    if (double_byte >= 2) {
      ConsiderIsland(enc, chars, i, j, std::string_view(buffer.data(), w - buffer.data()), fixes);
    }
    i = j;
  }
}

// "锟斤拷" is the GBK reading of EF BF BD EF BF BD, two U+FFFD written as
// UTF-8: the best-known mojibake of Chinese web text, and never text (锟
// is a rare character, and not before 斤拷). Each becomes two U+FFFD,
// also inside clean text, where a whole island cannot read as UTF-8.
void FindKunJinKao(const std::vector<Char>& chars, std::vector<MojibakeFix>* fixes) {
  auto at = [&chars](size_t i) {
    return i + 2 < chars.size() && chars[i].cp == U'锟' && chars[i + 1].cp == U'斤' &&
           chars[i + 2].cp == U'拷';
  };
  for (size_t i = 0; i < chars.size(); ++i) {
    if (!at(i)) continue;
    size_t j = i;
    MojibakeFix f;
    while (at(j)) {
      f.after += "\xEF\xBF\xBD\xEF\xBF\xBD";
      j += 3;
    }
    f.begin = chars[i].pos;
    f.end = chars[j - 1].pos + chars[j - 1].len;
    f.rule = "mojibake:utf8-as-gbk";
    f.cost_before = SpanCost(chars, i, j);
    f.cost_after = ReplacementCost(chars, i, j, f.after);
    fixes->push_back(std::move(f));
    i = j - 1;
  }
}

}  // namespace

void FindCjkMojibake(std::string_view /*line*/, const std::vector<Char>& chars,
                     std::vector<MojibakeFix>* fixes) {
  size_t before = fixes->size();
  FindIslands(Legacy::kGbk, chars, fixes);
  if (fixes->size() == before) FindIslands(Legacy::kBig5, chars, fixes);
  if (fixes->size() == before) FindKunJinKao(chars, fixes);
}

}  // namespace zhclean::internal
