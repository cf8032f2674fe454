#include "jsonl_record.h"

#include <simdjson.h>

#include <cstdio>

#include "utf8.h"

namespace zhclean::internal {

struct JsonlFieldLocator::Impl {
  simdjson::dom::parser validator;
  simdjson::ondemand::parser locator;
};

JsonlFieldLocator::JsonlFieldLocator() : impl_(std::make_unique<Impl>()) {}
JsonlFieldLocator::~JsonlFieldLocator() = default;

StatusOr<FieldSpan> JsonlFieldLocator::Locate(std::string_view record,
                                              size_t capacity,
                                              std::string_view field) {
  // The DOM pass validates the whole record (on-demand parsing does not);
  // the on-demand pass then points at the raw bytes of the field.
  simdjson::dom::element root;
  auto err = impl_->validator.parse(record.data(), record.size(), false).get(root);
  if (err) return DataError(std::string("not valid JSON: ") + simdjson::error_message(err));
  if (!root.is_object()) return DataError("not a JSON object");
  simdjson::padded_string_view view(record.data(), record.size(), capacity);
  simdjson::ondemand::document doc;
  if (impl_->locator.iterate(view).get(doc)) return InternalError("JSON re-parse failed");
  simdjson::ondemand::value value;
  if (doc.find_field_unordered(field).get(value)) {
    return DataError("no field \"" + std::string(field) + "\"");
  }
  simdjson::ondemand::json_type type;
  if (value.type().get(type) || type != simdjson::ondemand::json_type::string) {
    return DataError("field \"" + std::string(field) + "\" is not a string");
  }
  std::string_view raw = value.raw_json_token();
  size_t begin = static_cast<size_t>(raw.data() - record.data());
  size_t end = begin + raw.size();
  while (end > begin && record[end - 1] != '"') --end;
  std::string_view text;
  if (value.get_string().get(text)) {
    return DataError("field \"" + std::string(field) + "\" holds an invalid string escape");
  }
  return FieldSpan{begin, end, std::string(text)};
}

void AppendJsonString(std::string_view s, std::string* out) {
  std::string repaired;
  if (ValidUtf8Prefix(s) != s.size()) {  // Keep the JSON valid UTF-8.
    while (!s.empty()) {
      size_t valid = ValidUtf8Prefix(s);
      repaired.append(s.substr(0, valid));
      s.remove_prefix(valid);
      if (s.empty()) break;
      repaired.append("\xEF\xBF\xBD");
      s.remove_prefix(InvalidSequenceLength(s));
    }
    s = repaired;
  }
  out->push_back('"');
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        if (u < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", u);
          out->append(buf);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

}  // namespace zhclean::internal
