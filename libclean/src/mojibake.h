// Mojibake repair inside valid UTF-8 text: finds spans that are text
// decoded with the wrong codec, proposes the reading under each hypothesis
// and keeps one only when the n-gram model finds it clearly more probable
// and re-encoding it gives back the input exactly.
#ifndef ZHCLEAN_SRC_MOJIBAKE_H_
#define ZHCLEAN_SRC_MOJIBAKE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zhclean::internal {

struct MojibakeFix {
  size_t begin = 0;     // Byte range of the damaged span in the line.
  size_t end = 0;
  std::string after;    // The repaired text.
  const char* rule = "";  // e.g. "mojibake:utf8-as-cp1252".
  int layers = 1;       // How many times the span had been mis-decoded.
  int cost_before = 0;  // n-gram costs (quarter-nats) of span and fix.
  int cost_after = 0;
};

// Cheap screen over valid UTF-8: false when `text` cannot hold a span
// that any hypothesis would repair. Runs at validation speed on clean
// Chinese text.
bool MayHoldMojibake(std::string_view text);
// Start of the first line of `text` that MayHoldMojibake() would flag on
// its own (text.size() when none): one pass over a block of lines. The
// second form also sets *flags to ScreenFlags() of that line (0 for none).
size_t NextSuspectLine(std::string_view text);
size_t NextSuspectLine(std::string_view text, unsigned* flags);

// What the screen saw in a whole text: which hypotheses to try.
enum : unsigned {
  kScreenLatin = 1,        // cp1252 characters forming UTF-8 or a long run.
  kScreenGbk = 2,          // GBK codes forming three UTF-8 characters.
  kScreenReplacement = 4,  // U+FFFD.
  kScreenLostByte = 8,     // '?' or U+FFFD right before a Han character.
  kScreenSingleByte = 16,  // A lead then a continuation in another codepage.
  kScreenC1 = 32,          // A C1 control (U+0080-009F).
};
unsigned ScreenFlags(std::string_view text);

// Appends the repairs found in one line of valid UTF-8 (no '\n' inside),
// sorted and non-overlapping. The second form takes the line's
// ScreenFlags() from a screen that already ran over it.
void FindMojibake(std::string_view line, std::vector<MojibakeFix>* fixes);
void FindMojibake(std::string_view line, unsigned flags, std::vector<MojibakeFix>* fixes);

// Appends `line` to `out` with `fixes` (sorted, non-overlapping, from
// FindMojibake or one of its hypotheses) applied.
void AppendFixed(std::string_view line, const std::vector<MojibakeFix>& fixes,
                 std::string* out);

// Applies FindMojibake to `text` line by line and returns the result;
// for tests and idempotence checks.
std::string RepairMojibakeText(std::string_view text);

// Sloppy windows-1252 byte of U+0000..U+2122 (U+0000..U+00FF as
// themselves, -1 for most above), built at compile time in mojibake.cc.
constexpr char32_t kCp1252HighEnd = 0x2123;
extern const std::array<int16_t, kCp1252HighEnd> kSloppyCp1252Bytes;

// Sloppy windows-1252: byte for a code point (Latin-1 for U+0080..U+00FF,
// the windows-1252 table for the rest), or -1. Inline and one table read:
// every hypothesis maps characters back to bytes with it, and a branch on
// the character's range mispredicts in lines that mix the two.
inline int SloppyCp1252Byte(char32_t c) {
  return c < kCp1252HighEnd ? kSloppyCp1252Bytes[c] : -1;
}
// The code point a windows-1252 reader shows for byte b (C1 controls for
// the five undefined bytes).
char32_t SloppyCp1252Char(unsigned char b);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_MOJIBAKE_H_
