#include "utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace zhclean::internal {
namespace {

struct PrefixCase {
  std::string text;
  size_t valid;  // Expected ValidUtf8Prefix.
};

// Short strings take the scalar path; each is also checked padded past 64
// bytes of ASCII in front, which takes simdjson's path first.
const PrefixCase kPrefixCases[] = {
    {"", 0},
    {"abc", 3},
    {"\xE4\xB8\xAD\xE6\x96\x87", 6},          // 中文
    {"\xE4\xB8\xAD\xE6\x96", 3},              // Truncated at the end.
    {"a\x80z", 1},                            // Lone continuation byte.
    {"\xC0\xAF", 0},                          // Overlong '/'.
    {"\xC1\xBF", 0},                          // Overlong.
    {"\xE0\x9F\xBF", 0},                      // Overlong 3-byte.
    {"\xED\xA0\x80", 0},                      // Surrogate U+D800.
    {"\xED\x9F\xBF", 3},                      // U+D7FF.
    {"\xF0\x8F\xBF\xBF", 0},                  // Overlong 4-byte.
    {"\xF0\x9F\x98\x80!", 5},                 // U+1F600.
    {"\xF4\x8F\xBF\xBF", 4},                  // U+10FFFF.
    {"\xF4\x90\x80\x80", 0},                  // Above U+10FFFF.
    {"\xF5\x80\x80\x80", 0},
    {"\xC3\xA9\xC3", 2},                      // é, then a cut lead byte.
    {"12345678\xE4\xB8\xAD" "abcdefgh\xFF", 19},  // Word-at-a-time ASCII runs.
};

TEST(Utf8Test, ValidPrefixScalarAndSimdPathsAgree) {
  const std::string pad(70, 'x');
  for (const PrefixCase& c : kPrefixCases) {
    EXPECT_EQ(ValidUtf8Prefix(c.text), c.valid) << c.text;
    EXPECT_EQ(ValidUtf8Prefix(pad + c.text), pad.size() + c.valid) << c.text;
    EXPECT_EQ(ValidUtf8PrefixScalar(c.text), c.valid) << c.text;
    EXPECT_EQ(ValidUtf8PrefixScalar(pad + c.text), pad.size() + c.valid) << c.text;
  }
}

TEST(Utf8Test, ValidPrefixAtEveryLengthAroundTheScalarLimit) {
  // A Han character straddling each possible cut, for lengths 1..130.
  std::string han;
  for (int i = 0; i < 44; ++i) han += "\xE6\x96\x87";  // 文
  for (size_t n = 1; n <= 130; ++n) {
    std::string s = han.substr(0, n);
    EXPECT_EQ(ValidUtf8Prefix(s), n / 3 * 3) << n;
    s.push_back('\x80');  // With two bytes of 文 before it: E6 96 80 is valid.
    size_t expected = n % 3 == 0 ? n : n % 3 == 2 ? n + 1 : n / 3 * 3;
    EXPECT_EQ(ValidUtf8Prefix(s), expected) << n;
    EXPECT_EQ(ValidUtf8PrefixScalar(s), expected) << n;
  }
}

}  // namespace
}  // namespace zhclean::internal
