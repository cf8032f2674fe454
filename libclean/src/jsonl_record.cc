#include "jsonl_record.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdio>

#include "utf8.h"

namespace zhclean::internal {

struct JsonlFieldLocator::Impl {
  simdjson::dom::parser validator;
  simdjson::ondemand::parser locator;
};

JsonlFieldLocator::JsonlFieldLocator() : impl_(std::make_unique<Impl>()) {}
JsonlFieldLocator::~JsonlFieldLocator() = default;

namespace {

// The bytes of `value` in the record: a string, number, literal, object or
// array, without trailing white space.
simdjson::error_code RawValue(simdjson::ondemand::value value, std::string_view* raw) {
  simdjson::ondemand::json_type type;
  if (auto e = value.type().get(type)) return e;
  simdjson::error_code e = simdjson::SUCCESS;
  if (type == simdjson::ondemand::json_type::object) {
    simdjson::ondemand::object o;
    e = value.get_object().get(o);
    if (!e) e = o.raw_json().get(*raw);
  } else if (type == simdjson::ondemand::json_type::array) {
    simdjson::ondemand::array a;
    e = value.get_array().get(a);
    if (!e) e = a.raw_json().get(*raw);
  } else {
    *raw = value.raw_json_token();
  }
  while (!raw->empty() && std::string_view(" \t\r\n").find(raw->back()) != std::string_view::npos) {
    raw->remove_suffix(1);
  }
  return e;
}

}  // namespace

StatusOr<FieldSpan> JsonlFieldLocator::Locate(std::string_view record,
                                              size_t capacity,
                                              std::string_view field,
                                              const std::vector<std::string>& extra,
                                              std::vector<std::string>* extra_values) {
  // The DOM pass validates the whole record (on-demand parsing does not);
  // the on-demand pass then points at the raw bytes of the field.
  simdjson::dom::element root;
  auto err = impl_->validator.parse(record.data(), record.size(), false).get(root);
  if (err) return DataError(std::string("not valid JSON: ") + simdjson::error_message(err));
  if (!root.is_object()) return DataError("not a JSON object");
  if (extra_values != nullptr) {
    extra_values->assign(extra.size(), std::string());
    for (size_t i = 0; i < extra.size(); ++i) {
      std::string_view v;
      if (!root.at_key(extra[i]).get_string().get(v)) (*extra_values)[i].assign(v);
    }
  }
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

namespace {

// The last index in `fields` named `key`, or fields.size().
size_t LastNamed(const std::vector<std::pair<std::string, std::string>>& fields,
                 std::string_view key) {
  size_t found = fields.size();
  for (size_t k = 0; k < fields.size(); ++k) {
    if (fields[k].first == key) found = k;
  }
  return found;
}

}  // namespace

// Finds the members of `record` named in `fields` (other than the text
// field at `text_begin`): one replacement each into *edits (values in
// *json), *placed[i] set for every field whose name was found. Returns the
// number of members.
StatusOr<size_t> JsonlFieldLocator::FindMembers(
    std::string_view record, size_t capacity, size_t text_begin,
    const std::vector<std::pair<std::string, std::string>>& fields,
    std::vector<std::string>* json, std::vector<bool>* placed, std::vector<Replacement>* edits) {
  simdjson::padded_string_view view(record.data(), record.size(), capacity);
  simdjson::ondemand::document doc;
  simdjson::ondemand::object object;
  if (impl_->locator.iterate(view).get(doc) || doc.get_object().get(object)) {
    return InternalError("JSON re-parse failed");
  }
  size_t members = 0;
  for (auto member : object) {
    simdjson::ondemand::field f;
    std::string_view key;
    if (std::move(member).get(f) || f.unescaped_key().get(key)) return InternalError("JSON re-parse failed");
    ++members;
    size_t i = LastNamed(fields, key);
    if (i == fields.size()) continue;
    std::string_view raw;
    if (RawValue(f.value(), &raw)) return InternalError("JSON re-parse failed");
    size_t begin = static_cast<size_t>(raw.data() - record.data());
    if (begin == text_begin) continue;  // The text field itself.
    (*placed)[i] = true;
    (*json)[i].clear();
    AppendJsonString(fields[i].second, &(*json)[i]);
    edits->push_back({begin, begin + raw.size(), (*json)[i]});
  }
  return members;
}

Status JsonlFieldLocator::Rewrite(std::string_view record, size_t capacity,
                                  std::string_view text_field, const FieldSpan& span,
                                  const std::string* text,
                                  const std::vector<std::pair<std::string, std::string>>& fields,
                                  std::string* out) {
  std::vector<std::string> json(fields.size());  // Each field's new value as JSON.
  std::vector<bool> placed(fields.size(), false);
  std::vector<Replacement> edits;
  std::string text_json;
  if (text != nullptr) {
    AppendJsonString(*text, &text_json);
    edits.push_back({span.begin, span.end, text_json});
  }
  size_t members = 0;
  if (!fields.empty()) {
    ZHCLEAN_ASSIGN_OR_RETURN(members,
                             FindMembers(record, capacity, span.begin, fields, &json, &placed, &edits));
  }
  std::sort(edits.begin(), edits.end(),
            [](const Replacement& a, const Replacement& b) { return a.begin < b.begin; });
  out->clear();
  size_t pos = 0;
  for (const Replacement& e : edits) {
    out->append(record.substr(pos, e.begin - pos));
    out->append(e.text);
    pos = e.end;
  }
  size_t close = record.rfind('}');
  out->append(record.substr(pos, close - pos));
  for (size_t i = 0; i < fields.size(); ++i) {
    if (placed[i] || LastNamed(fields, fields[i].first) != i || fields[i].first == text_field) {
      continue;
    }
    if (members++ > 0) out->push_back(',');
    AppendJsonString(fields[i].first, out);
    out->push_back(':');
    AppendJsonString(fields[i].second, out);
  }
  out->append(record.substr(close));
  return OkStatus();
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
  out->reserve(out->size() + s.size() + 2);
  out->push_back('"');
  size_t run = 0;  // Start of the bytes not yet copied.
  for (size_t i = 0; i < s.size(); ++i) {
    auto u = static_cast<unsigned char>(s[i]);
    if (u >= 0x20 && u != '"' && u != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (s[i]) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", u);
        out->append(buf);
      }
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

}  // namespace zhclean::internal
