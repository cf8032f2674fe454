// Locates one string field in a JSONL record without disturbing the rest.
#ifndef ZHCLEAN_SRC_JSONL_RECORD_H_
#define ZHCLEAN_SRC_JSONL_RECORD_H_

#include <memory>
#include <string>
#include <string_view>

#include "zhclean/status.h"

namespace zhclean::internal {

struct FieldSpan {
  size_t begin = 0;    // Offset of the opening quote in the record.
  size_t end = 0;      // Offset one past the closing quote.
  std::string value;   // The unescaped string.
};

// Not copyable: owns the parsers' buffers, reused across records.
class JsonlFieldLocator {
 public:
  JsonlFieldLocator();
  ~JsonlFieldLocator();
  JsonlFieldLocator(const JsonlFieldLocator&) = delete;
  JsonlFieldLocator& operator=(const JsonlFieldLocator&) = delete;

  // Validates `record` as one JSON object and finds the string member
  // `field`. `capacity` is the number of readable bytes from record.data()
  // (at least record.size() + 64). Returns kDataError with a message naming
  // the problem (not JSON, not an object, field missing or not a string).
  StatusOr<FieldSpan> Locate(std::string_view record, size_t capacity,
                             std::string_view field);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Appends `s` as a JSON string literal (quotes included), escaping only
// what JSON requires; non-ASCII stays UTF-8 and malformed UTF-8 becomes
// U+FFFD so the result is always valid JSON.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_JSONL_RECORD_H_
