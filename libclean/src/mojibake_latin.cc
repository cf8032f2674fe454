// Hypotheses for text shown through a Latin-1 / windows-1252 reader: UTF-8
// (one to three times over) or GBK/Big5 bytes read as single bytes.
#include <algorithm>
#include <cstdint>
#include <string>

#include "mojibake_internal.h"
#include "ngram.h"
#include "repair_codec.h"
#include "utf8.h"

namespace zhclean::internal {

namespace {

constexpr int kMaxLayers = 3;

bool IsLatinMojibakeChar(char32_t c) { return c >= 0x80 && SloppyCp1252Byte(c) >= 0x80; }

// Sloppy-cp1252 bytes of `text`, or false when a character has none.
bool EncodeSloppy(std::string_view text, std::string* bytes) {
  bytes->clear();
  for (size_t i = 0; i < text.size();) {
    int b = SloppyCp1252Byte(NextCodePoint(text, &i));
    if (b < 0) return false;
    bytes->push_back(static_cast<char>(b));
  }
  return true;
}

bool AllPlausible(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (!PlausibleChar(NextCodePoint(text, &i))) return false;
  }
  return true;
}

// A single two-byte character is weak evidence: only Latin, Greek and
// Cyrillic letters qualify, and only in a line without stray bytes.
bool WeakResultAllowed(std::string_view result, size_t span_chars, size_t leftovers) {
  if (span_chars > 2 || result.size() != 2) return true;
  size_t i = 0;
  char32_t c = NextCodePoint(result, &i);
  bool letter = (c >= 0xC0 && c < 0x250 && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c < 0x500);
  return letter && leftovers == 0;
}

// Peels up to kMaxLayers of UTF-8-read-as-cp1252 from `bytes` (the first
// layer's bytes, valid UTF-8) and keeps the cheapest plausible layer.
void ConsiderUtf8Run(const std::vector<Char>& chars, size_t begin, size_t end,
                     std::string bytes, size_t leftovers, std::vector<MojibakeFix>* fixes) {
  int before = SpanCost(chars, begin, end);
  MojibakeFix best;
  best.cost_after = before - kMinGain + 1;
  std::string next;
  for (int layer = 1; layer <= kMaxLayers; ++layer) {
    int cost = AllPlausible(bytes) ? ReplacementCost(chars, begin, end, bytes) : INT32_MAX;
    if (cost < best.cost_after && WeakResultAllowed(bytes, end - begin, leftovers)) {
      best.after = bytes;
      best.layers = layer;
      best.cost_after = cost;
    }
    if (!EncodeSloppy(bytes, &next) || ValidUtf8Prefix(next) != next.size() ||
        next == bytes) {
      break;
    }
    bytes.swap(next);
  }
  if (best.after.empty()) return;
  best.begin = chars[begin].pos;
  best.end = chars[end - 1].pos + chars[end - 1].len;
  best.rule = "mojibake:utf8-as-cp1252";
  best.cost_before = before;
  fixes->push_back(std::move(best));
}

// Finds runs of multi-byte UTF-8 inside the cp1252 byte form of the line.
void FindUtf8Runs(const std::vector<Char>& chars, std::vector<MojibakeFix>* fixes) {
  struct Run { size_t begin, end; };
  std::vector<Run> runs;
  size_t leftovers = 0;
  std::string bytes;
  for (size_t i = 0; i < chars.size();) {
    if (!IsLatinMojibakeChar(chars[i].cp)) {
      ++i;
      continue;
    }
    size_t j = i;
    bytes.clear();
    while (j < chars.size() && IsLatinMojibakeChar(chars[j].cp)) {
      bytes.push_back(static_cast<char>(SloppyCp1252Byte(chars[j++].cp)));
    }
    for (size_t k = 0; k < bytes.size();) {
      size_t n = ValidUtf8Prefix(std::string_view(bytes).substr(k));
      if (n >= 2) {
        runs.push_back({i + k, i + k + n});
        k += n;
      } else {
        ++leftovers;
        ++k;
      }
    }
    i = j;
  }
  for (const Run& r : runs) {
    std::string run_bytes;
    for (size_t k = r.begin; k < r.end; ++k) {
      run_bytes.push_back(static_cast<char>(SloppyCp1252Byte(chars[k].cp)));
    }
    ConsiderUtf8Run(chars, r.begin, r.end, std::move(run_bytes), leftovers, fixes);
  }
}

bool ChineseReading(std::string_view text, int* han) {
  *han = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t c = NextCodePoint(text, &i);
    if (IsHan(c)) {
      ++*han;
    } else if (c >= 0x80 && !(c >= 0x3000 && c <= 0x303F) && !(c >= 0xFF01 && c <= 0xFF5E) &&
               !(c >= 0x2010 && c <= 0x2027)) {
      return false;
    }
  }
  return *han > 0;
}

// GBK or Big5 bytes shown as cp1252: decode the piece strictly.
void ConsiderDoubleByte(const std::vector<Char>& chars, size_t begin, size_t end,
                        std::vector<MojibakeFix>* fixes) {
  std::string bytes;
  for (size_t k = begin; k < end; ++k) {
    bytes.push_back(static_cast<char>(SloppyCp1252Byte(chars[k].cp)));
  }
  int before = SpanCost(chars, begin, end);
  for (Legacy enc : {Legacy::kGbk, Legacy::kBig5}) {
    std::string text, check;
    int han = 0;
    if (!DecodeLegacy(enc, bytes, &text) || !ChineseReading(text, &han)) continue;
    if (!EncodeLegacy(enc, text, &check) || check != bytes) continue;
    int after = ReplacementCost(chars, begin, end, text);
    if (after > before - kMinGain) continue;
    MojibakeFix f;
    f.begin = chars[begin].pos;
    f.end = chars[end - 1].pos + chars[end - 1].len;
    f.after = std::move(text);
    f.rule = enc == Legacy::kGbk ? "mojibake:gbk-as-cp1252" : "mojibake:big5-as-cp1252";
    f.cost_before = before;
    f.cost_after = after;
    fixes->push_back(std::move(f));
    return;
  }
}

bool IsTrailAscii(char32_t c) { return c >= 0x40 && c <= 0x7E; }

void FindDoubleByteRuns(const std::vector<Char>& chars, std::vector<MojibakeFix>* fixes) {
  for (size_t i = 0; i < chars.size();) {
    if (!IsLatinMojibakeChar(chars[i].cp)) {
      ++i;
      continue;
    }
    size_t j = i, high = 0, last_high = i;
    while (j < chars.size() &&
           (IsLatinMojibakeChar(chars[j].cp) || IsTrailAscii(chars[j].cp))) {
      if (chars[j].cp >= 0x80) {
        ++high;
        last_high = j;
      }
      ++j;
    }
    // Keep at most one ASCII byte after the last high byte (a trail byte).
    size_t end = std::min(j, last_high + 2);
    if (high >= 2) {
      ConsiderDoubleByte(chars, i, end, fixes);
      if (end > last_high + 1) ConsiderDoubleByte(chars, i, last_high + 1, fixes);
    }
    i = j;
  }
}

}  // namespace

void FindLatinMojibake(std::string_view /*line*/, const std::vector<Char>& chars,
                       std::vector<MojibakeFix>* fixes) {
  FindUtf8Runs(chars, fixes);
  FindDoubleByteRuns(chars, fixes);
}

}  // namespace zhclean::internal
