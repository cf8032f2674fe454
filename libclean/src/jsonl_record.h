// Locates one string field in a JSONL record without disturbing the rest.
#ifndef ZHCLEAN_SRC_JSONL_RECORD_H_
#define ZHCLEAN_SRC_JSONL_RECORD_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
  // Also stores in *extra_values (when not null) the string value of each
  // top-level member named in `extra`, "" when absent or not a string.
  StatusOr<FieldSpan> Locate(std::string_view record, size_t capacity,
                             std::string_view field,
                             const std::vector<std::string>& extra = {},
                             std::vector<std::string>* extra_values = nullptr);

  // Writes `record` to *out with the located text field replaced by `text`
  // (when not null) and each of `fields` set as a string member: replacing
  // the value of a top-level member of that name, else appended before the
  // closing brace. A name equal to the text field is ignored; of repeated
  // names the last wins. Every other byte is kept. `record` must be one
  // that Locate() accepted.
  Status Rewrite(std::string_view record, size_t capacity, std::string_view text_field,
                 const FieldSpan& span, const std::string* text,
                 const std::vector<std::pair<std::string, std::string>>& fields,
                 std::string* out);

 private:
  struct Replacement {
    size_t begin, end;
    std::string_view text;  // Already JSON.
  };
  StatusOr<size_t> FindMembers(std::string_view record, size_t capacity, size_t text_begin,
                               const std::vector<std::pair<std::string, std::string>>& fields,
                               std::vector<std::string>* json, std::vector<bool>* placed,
                               std::vector<Replacement>* edits);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Appends `s` as a JSON string literal (quotes included), escaping only
// what JSON requires; non-ASCII stays UTF-8 and malformed UTF-8 becomes
// U+FFFD so the result is always valid JSON.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_JSONL_RECORD_H_
