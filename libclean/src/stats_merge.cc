#include <simdjson.h>

#include <map>

#include "jsonl_record.h"
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

}  // namespace zhclean
