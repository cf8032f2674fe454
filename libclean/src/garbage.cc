#include "garbage.h"

#include "mojibake_internal.h"
#include "ngram.h"
#include "repair_codec.h"
#include "utf8.h"

#include <array>
#include <cstdint>
#include <string>

namespace zhclean::internal {

namespace {

constexpr int kMinAverageCost = 40;  // 10 nats per character.

bool Utf8Byte(unsigned b) { return (b >= 0x80 && b <= 0xBF) || (b >= 0xC2 && b <= 0xF4); }

// A Han character whose GBK code is two bytes that could occur in UTF-8.
bool GarbageCharByCode(char32_t c) {
  if (!IsHan(c)) return false;
  uint16_t code = DoubleByteCode(Legacy::kGbk, c);
  return code != 0 && Utf8Byte(code >> 8) && Utf8Byte(code & 0xFF);
}

// GarbageCharByCode for the dense Han range, a bit per character (3.4 kB)
// built on first use: every character of every repaired line is tested,
// and the codec table (128 kB) costs a cache miss per character.
using DenseBits = std::array<uint64_t, (kDenseHi - kDenseLo + 63) / 64>;
const DenseBits& GarbageBits() {
  static const DenseBits bits = [] {
    DenseBits b{};
    for (char32_t c = kDenseLo; c < kDenseHi; ++c) {
      if (GarbageCharByCode(c)) b[(c - kDenseLo) / 64] |= uint64_t{1} << ((c - kDenseLo) % 64);
    }
    return b;
  }();
  return bits;
}

bool GarbageChar(char32_t c, const DenseBits& bits) {
  if (c < kDenseLo) return false;  // No Han below: most characters.
  if (!IsDense(c)) return GarbageCharByCode(c);
  return (bits[(c - kDenseLo) / 64] >> ((c - kDenseLo) % 64)) & 1;
}

// Share of the run's GBK bytes that form valid multi-byte UTF-8: mojibake
// of UTF-8 keeps that structure, clean text has it only by chance. (GBK
// codes have no ASCII bytes here: every byte of a run is >= 0x80.)
bool Utf8Structured(const std::vector<Char>& chars, size_t begin, size_t end) {
  std::string bytes;
  bytes.reserve(2 * (end - begin));
  for (size_t i = begin; i < end; ++i) {
    uint16_t code = DoubleByteCode(Legacy::kGbk, chars[i].cp);
    bytes.push_back(static_cast<char>(code >> 8));
    bytes.push_back(static_cast<char>(code & 0xFF));
  }
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size(), good = 0;
  for (size_t k = 0; k < n;) {
    size_t len = MultiByteSequenceLength(p + k, n - k);
    good += len;
    k += len > 0 ? len : 1;
  }
  return good * 10 >= n * 8;
}

// Cheapest test first: the unigram costs (a small table) rule out real
// text, whose runs of such characters are common and long; then the
// bytes, then the pairs (a lookup each in the large bigram table).
bool LooksLikeGarbage(const std::vector<Char>& chars, size_t begin, size_t end) {
  size_t n = end - begin;
  int cost = 0;
  for (size_t i = begin; i < end; ++i) {
    int uni = HanUnigramCost(chars[i].cp);
    cost += uni == 255 ? 90 : uni;
  }
  if (cost < kMinAverageCost * static_cast<int>(n) || !Utf8Structured(chars, begin, end)) {
    return false;
  }
  size_t pairs_seen = 0;
  for (size_t i = begin + 1; i < end; ++i) {
    int uni = HanUnigramCost(chars[i].cp);
    if (uni < 255 && CharCost(chars[i - 1].cp, chars[i].cp) < uni + 5) ++pairs_seen;
  }
  return pairs_seen * 8 <= n - 1;
}

}  // namespace

// Walks the line once; only the characters of a run are kept.
void FindGarbage(std::string_view line, std::vector<GarbageRun>* runs) {
  if (line.size() > kMaxCharsLine) return;
  thread_local std::vector<Char> run;
  run.clear();
  const DenseBits& bits = GarbageBits();
  auto end_run = [&] {
    if (run.size() >= kMinGarbageChars && LooksLikeGarbage(run, 0, run.size())) {
      runs->push_back({run.front().pos, run.back().pos + run.back().len});
    }
    run.clear();
  };
  for (size_t i = 0; i < line.size();) {
    size_t start = i;
    char32_t c = NextCodePoint(line, &i);
    if (GarbageChar(c, bits)) {
      AppendChar(c, static_cast<uint32_t>(start), static_cast<uint32_t>(i - start), &run);
    } else if (!run.empty()) {
      end_run();
    }
  }
  end_run();
}

}  // namespace zhclean::internal
