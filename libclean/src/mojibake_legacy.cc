#include "mojibake_legacy.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <string>
#include <utility>

#include "ngram.h"
#include "utf8.h"

namespace zhclean::internal {

namespace {

constexpr int kMaxLayers = 3;

// One codepage: its high characters and their bytes, sorted for lookup.
struct Codepage {
  const char* rule;
  HighChars high{};
  std::vector<std::pair<char32_t, uint8_t>> bytes;

  // The byte >= 0x80 that shows as `c`, or -1.
  int Byte(char32_t c) const {
    if (c < 0x80) return -1;
    auto it = std::lower_bound(bytes.begin(), bytes.end(), std::make_pair(c, uint8_t{0}));
    return it != bytes.end() && it->first == c ? it->second : -1;
  }
};

// Tried in this order; a later codepage wins only with a larger gain.
const std::vector<Codepage>& Codepages() {
  static const std::vector<Codepage>* codepages = [] {
    static const char* const kSpecs[][2] = {
        {"macintosh", "mojibake:utf8-as-macroman"},
        {"windows-1250", "mojibake:utf8-as-cp1250"},
        {"ISO-8859-2", "mojibake:utf8-as-iso8859-2"},
        {"windows-1251", "mojibake:utf8-as-cp1251"},
        {"windows-1253", "mojibake:utf8-as-cp1253"},
        {"windows-1254", "mojibake:utf8-as-cp1254"},
        {"windows-1257", "mojibake:utf8-as-cp1257"},
        {"ibm-437", "mojibake:utf8-as-cp437"},
    };
    auto* list = new std::vector<Codepage>();  // Never freed.
    for (const auto& spec : kSpecs) {
      Codepage cp;
      cp.rule = spec[1];
      if (!SingleByteHighChars(spec[0], &cp.high)) continue;
      for (int i = 0; i < 128; ++i) {
        if (cp.high[i] != 0) cp.bytes.emplace_back(cp.high[i], static_cast<uint8_t>(0x80 + i));
      }
      std::sort(cp.bytes.begin(), cp.bytes.end());
      list->push_back(std::move(cp));
    }
    return list;
  }();
  return *codepages;
}

}  // namespace

const SingleByteMasks& GetSingleByteMasks() {
  static const SingleByteMasks* masks = [] {
    auto* m = new SingleByteMasks();  // Never freed.
    m->blocks.resize(1);
    const std::vector<Codepage>& cps = Codepages();
    for (size_t k = 0; k < cps.size(); ++k) {
      for (int i = 0; i < 128; ++i) {
        char32_t c = cps[k].high[i];
        int b = 0x80 + i;
        if (c == 0 || c >= 0x10000) continue;
        uint16_t& page = m->page[c >> 8];
        if (page == 0) {
          page = static_cast<uint16_t>(m->blocks.size());
          m->blocks.emplace_back();
        }
        SingleByteMasks::Bits& bits = m->blocks[page][c & 0xFF];
        if (b >= 0xC2 && b <= 0xF4) bits.lead |= static_cast<uint16_t>(1u << k);
        if (b <= 0xBF) bits.cont |= static_cast<uint16_t>(1u << k);
      }
    }
    return m;
  }();
  return *masks;
}

namespace {

// Characters a repaired run may yield: letters of the scripts these
// codepages serve, common punctuation and symbols, Chinese text.
bool CommonChar(char32_t c) {
  if (c < 0x80) return c >= 0x20 || c == '\t';
  if (c < 0xA0) return false;
  if (c < 0x17F) return true;                    // Latin-1, Latin Extended-A.
  if (c >= 0x218 && c <= 0x21B) return true;     // Romanian comma below.
  if (c >= 0x386 && c <= 0x3CE) return true;     // Greek.
  if (c >= 0x400 && c <= 0x45F) return true;     // Cyrillic.
  if (c == 0x490 || c == 0x491) return true;     // Ukrainian Ghe.
  if (c >= 0x2013 && c <= 0x2026) return true;   // Dashes, quotes, ellipsis.
  if (c == 0x20AC || c == 0x2122) return true;   // Euro, trade mark.
  if (c >= 0x2600 && c <= 0x27BF) return true;   // Symbols, dingbats.
  if (c == 0xFB01 || c == 0xFB02) return true;   // fi, fl ligatures.
  return ChineseChar(c);
}

bool AllCommon(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (!CommonChar(NextCodePoint(text, &i))) return false;
  }
  return true;
}

// The codepage's bytes for UTF-8 `text` (ASCII as itself), or false.
bool Encode(const Codepage& cp, std::string_view text, std::string* out) {
  out->clear();
  for (size_t i = 0; i < text.size();) {
    char32_t c = NextCodePoint(text, &i);
    int b = c < 0x80 ? static_cast<int>(c) : cp.Byte(c);
    if (b < 0) return false;
    out->push_back(static_cast<char>(b));
  }
  return true;
}

}  // namespace

namespace {

// Peels up to kMaxLayers of UTF-8-read-as-`cp` from `bytes` (valid UTF-8,
// the first layer) and keeps the cheapest layer made of common characters.
// A layer `cp` cannot encode may be windows-1252's, the commonest reader:
// "Г‚ВЈ" is "Â£" through windows-1251, and that is "£" through
// windows-1252.
bool ConsiderPiece(const Codepage& cp, const std::vector<Char>& chars, size_t begin, size_t end,
                   std::string bytes, MojibakeFix* fix) {
  fix->cost_after = INT_MAX;
  std::string next;
  for (int layer = 1; layer <= kMaxLayers; ++layer) {
    if (AllCommon(bytes)) {
      int cost = ReplacementCost(chars, begin, end, bytes);
      if (cost < fix->cost_after) {
        fix->after = bytes;
        fix->layers = layer;
        fix->cost_after = cost;
      }
    }
    if (!Encode(cp, bytes, &next) && !EncodeSloppy(bytes, &next)) break;
    if (next == bytes || ValidUtf8Prefix(next) != next.size()) break;
    bytes.swap(next);
  }
  if (fix->after.empty()) return false;
  fix->begin = chars[begin].pos;
  fix->end = chars[end - 1].pos + chars[end - 1].len;
  fix->rule = cp.rule;
  fix->cost_before = SpanCost(chars, begin, end);
  return fix->cost_after < fix->cost_before;
}

// A single two-byte character from one layer is weak evidence ("√π"
// reads as "ù" in MacRoman): it stands only as a Latin letter right after
// a letter, and not as a small letter after two capitals (Romanian
// "NICIODATĂ" and a no-break space read as "NICIODATà" in windows-1250).
// Two layers that each decode are not weak.
bool WeakPieceAllowed(const std::vector<Char>& chars, size_t begin, const MojibakeFix& fix) {
  if (fix.after.size() != 2 || fix.layers > 1) return true;
  size_t i = 0;
  char32_t c = NextCodePoint(fix.after, &i);
  bool letter = c >= 0xC0 && c < 0x17F && c != 0xD7 && c != 0xF7;
  if (SmallLatinLetter(c) && begin >= 2 && IsAsciiCapital(chars[begin - 1].cp) &&
      IsAsciiCapital(chars[begin - 2].cp)) {
    return false;
  }
  return letter && begin > 0 && IsAsciiLetter(chars[begin - 1].cp);
}

// Reads every damaged run of the line through `cp`; false unless every
// character the codepage could have produced takes part and every run
// repairs. A lead byte before a space may be a lost no-break space
// (ReadLostNbsp), and one windows-1252 lacks before U+FFFD a sequence that
// lost bytes (LossySequenceEnd; windows-1252's own are FindLostBytes'),
// beside at least one other piece.
bool ReadLine(const Codepage& cp, const std::vector<Char>& chars,
              std::vector<MojibakeFix>* fixes, int* gain) {
  *gain = 0;
  size_t lost = 0;  // Fixes of lost bytes.
  std::string bytes;
  auto byte_of = [&cp](char32_t c) { return cp.Byte(c); };
  for (size_t i = 0; i < chars.size();) {
    char32_t c = chars[i].cp;
    if (cp.Byte(c) < 0) {
      if (c >= 0x80 && !ChineseChar(c)) return false;
      ++i;
      continue;
    }
    size_t j = i;
    bytes.clear();
    while (j < chars.size() && cp.Byte(chars[j].cp) >= 0) {
      bytes.push_back(static_cast<char>(cp.Byte(chars[j++].cp)));
    }
    for (size_t k = 0; k < bytes.size();) {
      size_t n = ValidUtf8PrefixScalar(std::string_view(bytes).substr(k));
      MojibakeFix fix;
      size_t end = 0;
      if (n < 2 && ((k + 1 == bytes.size() && ReadLostNbsp(static_cast<unsigned char>(bytes[k]),
                                                           chars, i + k, &fix.after, &end)) ||
                    (SloppyCp1252Byte(chars[i + k].cp) < 0 &&
                     (end = LossySequenceEnd(chars, i + k, byte_of)) > 0))) {
        // Only beside other pieces, and it may cost a little more than
        // what it replaces ("Г " as "à ").
        if (fix.after.empty()) fix.after = "\xEF\xBF\xBD";
        fix.begin = chars[i + k].pos;
        fix.end = chars[end - 1].pos + chars[end - 1].len;
        fix.rule = cp.rule;
        fix.cost_before = SpanCost(chars, i + k, end);
        fix.cost_after = ReplacementCost(chars, i + k, end, fix.after);
        if (fix.cost_after > fix.cost_before + kMinGain) return false;
        *gain += fix.cost_before - fix.cost_after;
        fixes->push_back(std::move(fix));
        ++lost;
        j = end;  // The stretch goes on after it.
        break;
      }
      if (n < 2) return false;  // A stray byte: this is not the codepage.
      if (!ConsiderPiece(cp, chars, i + k, i + k + n, bytes.substr(k, n), &fix)) return false;
      *gain += fix.cost_before - fix.cost_after;
      fixes->push_back(std::move(fix));
      k += n;
    }
    i = j;
  }
  if (fixes->size() == lost || *gain < kMinGain) return false;
  if (fixes->size() == 1) {
    return WeakPieceAllowed(chars, CharIndexAt(chars, (*fixes)[0].begin), (*fixes)[0]);
  }
  return true;
}

}  // namespace

void FindSingleByteMojibake(const std::vector<Char>& chars, std::vector<MojibakeFix>* fixes) {
  std::vector<MojibakeFix> best, reading;
  int best_gain = 0;
  for (const Codepage& cp : Codepages()) {
    reading.clear();
    int gain = 0;
    if (ReadLine(cp, chars, &reading, &gain) && gain > best_gain) {
      best_gain = gain;
      best.swap(reading);
    }
  }
  for (MojibakeFix& f : best) fixes->push_back(std::move(f));
}

}  // namespace zhclean::internal
