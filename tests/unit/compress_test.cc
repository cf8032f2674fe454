// .gz and .zst streams: round trips, concatenated members, corrupt and
// truncated input.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "zhclean/file_io.h"

namespace zhclean {
namespace {

// Text that compresses (repeated words) with some noise, `n` bytes.
std::string Sample(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  const char* words[] = {"软件", "开发", "头发", " ", "\n", "abc", "\xF0\x9F\x98\x80"};
  std::string s;
  while (s.size() < n) s += words[rng() % 7];
  s.resize(n);
  return s;
}

std::string Compress(const std::string& text, Compression c) {
  std::ostringstream raw;
  CompressedOutput out(raw, c);
  out.stream() << text;
  EXPECT_TRUE(out.Finish().ok());
  return raw.str();
}

// Decompresses `bytes`, reading in odd-sized pieces as the driver does.
std::string Decompress(const std::string& bytes, Compression c, Status* status) {
  std::istringstream raw(bytes);
  DecompressedInput in(raw, c);
  std::string out;
  char buf[777];
  while (in.stream().read(buf, sizeof buf) || in.stream().gcount() > 0) {
    out.append(buf, static_cast<size_t>(in.stream().gcount()));
    if (!in.stream()) break;
  }
  *status = in.status();
  return out;
}

TEST(CompressTest, CompressionIsChosenByFileName) {
  EXPECT_EQ(CompressionOf("a.jsonl.gz"), Compression::kGzip);
  EXPECT_EQ(CompressionOf("dir/a.zst"), Compression::kZstd);
  EXPECT_EQ(CompressionOf("a.jsonl"), Compression::kNone);
  EXPECT_EQ(CompressionOf(".gz.txt"), Compression::kNone);
  EXPECT_EQ(CompressionOf(".gz"), Compression::kNone);  // A bare suffix names no file.
}

TEST(CompressTest, RoundTripsEverySize) {
  for (Compression c : {Compression::kNone, Compression::kGzip, Compression::kZstd}) {
    for (size_t n : {0, 1, 100, 65535, 65536, 65537, 1 << 20}) {
      std::string text = Sample(n, static_cast<unsigned>(n));
      std::string packed = Compress(text, c);
      if (c != Compression::kNone && n >= 65536) {
        EXPECT_LT(packed.size(), text.size() / 2);
      }
      Status status;
      EXPECT_EQ(Decompress(packed, c, &status), text) << static_cast<int>(c) << " " << n;
      EXPECT_TRUE(status.ok()) << status.ToString();
    }
  }
}

TEST(CompressTest, ConcatenatedMembersAndFramesAreReadOn) {
  for (Compression c : {Compression::kGzip, Compression::kZstd}) {
    std::string a = Sample(5000, 1), b = Sample(70000, 2);
    Status status;
    EXPECT_EQ(Decompress(Compress(a, c) + Compress(b, c), c, &status), a + b);
    EXPECT_TRUE(status.ok());
  }
}

TEST(CompressTest, TruncatedInputIsADataError) {
  for (Compression c : {Compression::kGzip, Compression::kZstd}) {
    std::string packed = Compress(Sample(200000, 3), c);
    for (size_t keep : {size_t{5}, packed.size() / 2, packed.size() - 1}) {
      Status status;
      Decompress(packed.substr(0, keep), c, &status);
      EXPECT_EQ(status.code(), StatusCode::kDataError) << keep;
      EXPECT_NE(status.message().find("truncated"), std::string::npos) << status.message();
    }
  }
}

TEST(CompressTest, CorruptInputIsADataError) {
  for (Compression c : {Compression::kGzip, Compression::kZstd}) {
    std::string packed = Compress(Sample(200000, 4), c);
    Status status;
    Decompress("not compressed at all", c, &status);
    EXPECT_EQ(status.code(), StatusCode::kDataError);
    EXPECT_EQ(status.message().rfind("corrupt ", 0), 0u) << status.message();
    for (size_t i = packed.size() / 3; i < packed.size() / 3 + 64; ++i) packed[i] ^= 0x5A;
    std::string out = Decompress(packed, c, &status);
    EXPECT_FALSE(status.ok());
    EXPECT_NE(out, Sample(200000, 4));
  }
}

TEST(CompressTest, AFailedWriteIsReported) {
  std::ostringstream raw;
  raw.setstate(std::ios::badbit);
  CompressedOutput out(raw, Compression::kGzip);
  out.stream() << Sample(200000, 5);
  EXPECT_EQ(out.Finish().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace zhclean
