#include "zhclean/edit.h"

namespace zhclean {

void EditLog::Record(uint64_t offset, std::string_view before,
                     std::string_view after, std::string_view rule,
                     std::string_view reason) {
  Count(rule, 1);
  if (detailed()) {
    (*sink_)(Edit{step_, document_, offset, before, after, rule, reason});
  }
}

void EditLog::Count(std::string_view rule, uint64_t n) {
  if (n == 0) return;
  document_edits_ += n;
  auto it = by_rule_.find(rule);
  if (it == by_rule_.end()) it = by_rule_.emplace(std::string(rule), 0).first;
  it->second += n;
}

void EditLog::Note(uint64_t offset, std::string_view rule, std::string_view reason, uint64_t n) {
  if (n == 0) return;
  auto it = by_rule_.find(rule);
  if (it == by_rule_.end()) it = by_rule_.emplace(std::string(rule), 0).first;
  it->second += n;
  if (detailed()) (*sink_)(Edit{step_, document_, offset, "", "", rule, reason});
}

void EditLog::Warn(uint64_t offset, std::string_view message) {
  Note(offset, "warning", message);
  warnings_.emplace_back(offset, std::string(message));
}

void EditLog::Merge(const EditLog& part) {
  document_edits_ += part.document_edits_;
  for (const auto& [rule, n] : part.by_rule_) {
    auto it = by_rule_.find(rule);
    if (it == by_rule_.end()) it = by_rule_.emplace(rule, 0).first;
    it->second += n;
  }
  warnings_.insert(warnings_.end(), part.warnings_.begin(), part.warnings_.end());
  if (part.rejected_) Reject(part.reject_reason_);
}

void EditLog::Reject(std::string_view reason) {
  if (rejected_) return;
  rejected_ = true;
  reject_reason_.assign(reason);
}

}  // namespace zhclean
