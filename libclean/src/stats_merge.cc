#include <simdjson.h>

#include <cstdio>
#include <map>

#include "jsonl_record.h"
#include "utf8.h"
#include "zhclean/stream.h"

namespace zhclean {

namespace {

struct Totals {
  std::string tool;
  std::map<std::string, double> counters;  // Insertion order kept below.
  std::vector<std::string> order;
  std::map<std::string, std::map<std::string, uint64_t>> changes;
  std::vector<std::string> steps;
};

void AddCounter(Totals* t, const std::string& key, double v) {
  if (!t->counters.count(key)) t->order.push_back(key);
  t->counters[key] += v;
}

Status AddOne(const std::string& json, Totals* t) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json).get(root) || !root.is_object()) {
    return DataError("not a --stats JSON object");
  }
  for (auto [key, value] : root.get_object()) {
    std::string k(key);
    if (k == "tool") {
      t->tool = std::string(value.get_string().value_unsafe());
    } else if (k == "changes" && value.is_object()) {
      for (auto [step, rules] : value.get_object()) {
        std::string s(step);
        if (!t->changes.count(s)) t->steps.push_back(s);
        auto& by_rule = t->changes[s];
        if (!rules.is_object()) return DataError("changes." + s + " is not an object");
        for (auto [rule, n] : rules.get_object()) {
          if (!n.is_uint64()) return DataError("changes." + s + " holds a non-count");
          by_rule[std::string(rule)] += n.get_uint64().value_unsafe();
        }
      }
    } else if (value.is_number()) {
      AddCounter(t, k, value.get_double().value_unsafe());
    } else {
      return DataError("unexpected field \"" + k + "\"");
    }
  }
  return OkStatus();
}

}  // namespace

StatusOr<std::string> MergeStatsJson(const std::vector<std::string>& jsons) {
  Totals t;
  for (size_t i = 0; i < jsons.size(); ++i) {
    Status s = AddOne(jsons[i], &t);
    if (!s.ok()) return DataError("statistics " + std::to_string(i + 1) + ": " + s.message());
  }
  std::string j = "{\"tool\":";
  internal::AppendJsonString(t.tool, &j);
  for (const std::string& k : t.order) {
    char buf[64];
    double v = t.counters[k];
    if (k == "seconds") {
      std::snprintf(buf, sizeof buf, "%.3f", v);
    } else {
      std::snprintf(buf, sizeof buf, "%.0f", v);
    }
    j += ",\"" + k + "\":" + buf;
  }
  j += ",\"changes\":{";
  for (size_t i = 0; i < t.steps.size(); ++i) {
    if (i) j += ",";
    internal::AppendJsonString(t.steps[i], &j);
    j += ":{";
    bool first = true;
    for (const auto& [rule, n] : t.changes[t.steps[i]]) {
      if (!first) j += ",";
      first = false;
      internal::AppendJsonString(rule, &j);
      j += ":" + std::to_string(n);
    }
    j += "}";
  }
  return j + "}}";
}

std::string StatsJson(std::string_view tool, const StreamReport& report,
                      const Pipeline& pipeline, double seconds) {
  return StatsJson(tool, report, std::vector<const Pipeline*>{&pipeline}, seconds);
}

std::string StatsJson(std::string_view tool, const StreamReport& report,
                      const std::vector<const Pipeline*>& pipelines, double seconds) {
  std::string j = "{\"tool\":";
  internal::AppendJsonString(tool, &j);
  auto field = [&j](const char* name, uint64_t v) {
    j += ",\"" + std::string(name) + "\":" + std::to_string(v);
  };
  field("documents", report.documents);
  field("changed_documents", report.changed_documents);
  field("bytes_in", report.bytes_in);
  field("bytes_out", report.bytes_out);
  field("bad_records", report.bad_records);
  field("kept_records", report.kept_records);
  field("split_lines", report.split_lines);
  field("warnings", report.warnings);
  field("rejected", report.rejected);
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.3f", seconds);
  j += ",\"seconds\":" + std::string(secs) + ",\"changes\":{";
  bool first_step = true;
  const auto& steps = pipelines.front()->logs();
  for (size_t i = 0; i < steps.size(); ++i) {
    std::map<std::string, uint64_t> by_rule;  // Summed over the pipelines.
    for (const Pipeline* p : pipelines) {
      for (const auto& [rule, n] : p->logs()[i]->by_rule()) by_rule[rule] += n;
    }
    if (!first_step) j += ",";
    first_step = false;
    internal::AppendJsonString(steps[i]->step(), &j);
    j += ":{";
    bool first_rule = true;
    for (const auto& [rule, n] : by_rule) {
      if (!first_rule) j += ",";
      first_rule = false;
      internal::AppendJsonString(rule, &j);
      j += ":" + std::to_string(n);
    }
    j += "}";
  }
  return j + "}}";
}

std::string EditJson(std::string_view input, const Edit& edit) {
  std::string j = "{\"input\":";
  internal::AppendJsonString(input, &j);
  j += ",\"document\":" + std::to_string(edit.document);
  j += ",\"step\":";
  internal::AppendJsonString(edit.step, &j);
  j += ",\"offset\":" + std::to_string(edit.offset);
  j += ",\"before\":";
  internal::AppendJsonString(edit.before, &j);
  j += ",\"after\":";
  internal::AppendJsonString(edit.after, &j);
  j += ",\"rule\":";
  internal::AppendJsonString(edit.rule, &j);
  j += ",\"reason\":";
  internal::AppendJsonString(edit.reason, &j);
  return j + "}\n";
}

namespace {

void AppendBase64(std::string_view bytes, std::string* out) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = static_cast<unsigned char>(bytes[i]) << 16 |
                 static_cast<unsigned char>(bytes[i + 1]) << 8 |
                 static_cast<unsigned char>(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out->push_back(kAlphabet[(v >> shift) & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest == 0) return;
  uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
  if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
  out->push_back(kAlphabet[(v >> 18) & 63]);
  out->push_back(kAlphabet[(v >> 12) & 63]);
  out->push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
  out->push_back('=');
}

}  // namespace

std::string RejectJson(std::string_view input, const RejectedDocument& doc) {
  std::string j = "{\"input\":";
  internal::AppendJsonString(input, &j);
  j += ",\"document\":" + std::to_string(doc.document);
  j += ",\"line\":" + std::to_string(doc.line);
  j += ",\"offset\":" + std::to_string(doc.offset);
  j += ",\"reason\":";
  internal::AppendJsonString(doc.reason, &j);
  if (internal::ValidUtf8Prefix(doc.input) == doc.input.size()) {
    j += ",\"record\":";
    internal::AppendJsonString(doc.input, &j);
  } else {
    j += ",\"record_base64\":\"";
    AppendBase64(doc.input, &j);
    j += "\"";
  }
  if (doc.truncated) j += ",\"truncated\":true";
  return j + "}\n";
}

}  // namespace zhclean
