// Encoding detection and decoding to UTF-8.
//
//   zhclean::EncodingGuess g = zhclean::DetectEncoding(prefix, /*complete=*/false);
//   auto decoder = zhclean::Decoder::Create(g.encoding);
//   std::string utf8;
//   zhclean::DecodeReport report;
//   zhclean::Status s = (*decoder)->DecodeToUtf8(bytes, /*flush=*/true, &utf8, &report);
//
// Detection decodes a bounded prefix strictly in every candidate encoding
// and scores each result with character statistics of Chinese text.
#ifndef ZHCLEAN_ENCODING_H_
#define ZHCLEAN_ENCODING_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "zhclean/status.h"

namespace zhclean {

enum class Encoding {
  kUtf8,     // UTF-8 (and ASCII).
  kGb18030,  // GB18030, a superset of GBK and GB2312.
  kBig5,     // Big5 with the HKSCS extensions.
  kUtf16Le,  // UTF-16, little-endian.
  kUtf16Be,  // UTF-16, big-endian.
};

// "UTF-8", "GB18030", "Big5", "UTF-16LE" or "UTF-16BE".
const char* EncodingName(Encoding encoding);

// Parses a name, case-insensitively: utf-8, utf8, ascii, gb18030, gbk,
// gb2312, cp936, big5, big5-hkscs, cp950, utf-16le, utf-16be. Returns
// kInvalidArgument for anything else.
StatusOr<Encoding> ParseEncodingName(std::string_view name);

// Detection looks at no more than this many bytes.
constexpr size_t kDetectPrefixBytes = 64 * 1024;

struct EncodingGuess {
  Encoding encoding = Encoding::kUtf8;  // Best candidate.
  double confidence = 0;                // 0..1; below 0.5 means undecided.
  size_t bom_length = 0;                // Bytes of byte-order mark at [0].
  size_t skip = 0;  // Bytes of a character cut off before the prefix start.
};

// Guesses the encoding of `prefix`, the first bytes of an input (only the
// first kDetectPrefixBytes are read). `complete` says the prefix is the
// whole input; otherwise it may end in the middle of a character. The
// prefix may also start in the middle of a character. Thread-safe.
EncodingGuess DetectEncoding(std::string_view prefix, bool complete);

// Counters of one decoding.
struct DecodeReport {
  uint64_t invalid_sequences = 0;     // Replaced by U+FFFD.
  // Stream byte offset of the first one; for a sequence cut off by the end
  // of the input, the end offset.
  uint64_t first_invalid_offset = 0;
};

// A streaming decoder: bytes in, UTF-8 out, with state kept across calls
// so input may be cut anywhere. Not copyable: owns an ICU converter.
// Not thread-safe; use one per stream.
class Decoder {
 public:
  // Returns kInternal if ICU cannot open a converter for `encoding`.
  static StatusOr<std::unique_ptr<Decoder>> Create(Encoding encoding);
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // Appends the UTF-8 form of `in` to *out. Invalid or unmapped sequences
  // become U+FFFD and are counted (with their byte offset in the stream)
  // in *report. With `flush`, an incomplete trailing sequence is treated
  // as invalid and the state is reset. Returns kInternal on an ICU failure.
  Status DecodeToUtf8(std::string_view in, bool flush, std::string* out,
                      DecodeReport* report);
  // Forgets the state and the stream offset.
  void Reset();
  Encoding encoding() const { return encoding_; }

  struct Impl;

 private:
  Decoder(Encoding encoding, std::unique_ptr<Impl> impl);
  Encoding encoding_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zhclean

#endif  // ZHCLEAN_ENCODING_H_
