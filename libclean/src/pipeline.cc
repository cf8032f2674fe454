#include "zhclean/pipeline.h"

#include <algorithm>

#include "utf8.h"

namespace zhclean {

namespace {

// Longest text passed between stages without a newline: longer lines go on
// in pieces cut at code-point boundaries, as the driver cuts them.
constexpr size_t kMaxCarry = 1 << 20;

// Length of the prefix of `carry` that may be passed on now.
size_t Passable(const std::string& carry) {
  size_t nl = carry.rfind('\n');
  if (nl != std::string::npos) return nl + 1;
  if (carry.size() <= kMaxCarry) return 0;
  return internal::SafeCut(carry, kMaxCarry);
}

}  // namespace

void Pipeline::Add(std::unique_ptr<Stage> stage) {
  std::vector<size_t> index;
  for (std::string& field : stage->InputFields()) {
    auto it = std::find(input_fields_.begin(), input_fields_.end(), field);
    index.push_back(static_cast<size_t>(it - input_fields_.begin()));
    if (it == input_fields_.end()) input_fields_.push_back(std::move(field));
  }
  field_index_.push_back(std::move(index));
  logs_.push_back(std::make_unique<EditLog>(stage->name(), sink_));
  stages_.push_back(std::move(stage));
  carry_.resize(stages_.size());
}

void Pipeline::Append(Pipeline&& other) {
  for (auto& stage : other.stages_) Add(std::move(stage));
  other.stages_.clear();
  other.logs_.clear();
  other.carry_.clear();
  other.input_fields_.clear();
  other.field_index_.clear();
}

void Pipeline::SetDocumentFields(const std::vector<std::string>& values) {
  for (size_t i = 0; i < stages_.size(); ++i) {
    if (field_index_[i].empty()) continue;
    stage_values_.clear();
    for (size_t k : field_index_[i]) {
      stage_values_.push_back(k < values.size() ? values[k] : std::string());
    }
    stages_[i]->SetDocumentFields(stage_values_);
  }
}

void Pipeline::TakeOutputFields(std::vector<std::pair<std::string, std::string>>* fields) {
  for (auto& stage : stages_) stage->TakeOutputFields(fields);
}

std::string Pipeline::RejectReason() const {
  for (const auto& log : logs_) {
    if (log->rejected()) return log->step() + ": " + log->reject_reason();
  }
  return std::string();
}

bool Pipeline::AcceptsInvalidUtf8() const {
  return !stages_.empty() && stages_.front()->AcceptsInvalidUtf8();
}

void Pipeline::BeginDocument(uint64_t document) {
  for (size_t i = 0; i < stages_.size(); ++i) {
    logs_[i]->StartDocument(document);
    stages_[i]->BeginDocument();
    carry_[i].clear();
  }
}

Status Pipeline::RunFrom(size_t first, std::string_view in, std::string* out) {
  std::string_view current = in;
  for (size_t i = first; i < stages_.size(); ++i) {
    bool last = i + 1 == stages_.size();
    std::string* target = last ? out : &carry_[i];
    ZHCLEAN_RETURN_IF_ERROR(stages_[i]->Process(current, target, logs_[i].get()));
    logs_[i]->AdvanceChunk(current.size());
    if (last) break;
    size_t n = Passable(carry_[i]);
    if (n == 0) break;
    if (n == carry_[i].size()) {  // The common case: whole lines, nothing held.
      passed_.swap(carry_[i]);
      carry_[i].clear();
    } else {
      passed_.assign(carry_[i], 0, n);
      carry_[i].erase(0, n);
    }
    current = passed_;
  }
  return OkStatus();
}

Status Pipeline::Process(std::string_view in, std::string* out) {
  if (stages_.empty()) {
    out->append(in);
    return OkStatus();
  }
  return RunFrom(0, in, out);
}

Status Pipeline::Finish(std::string* out) {
  // Stage i's held text and the rest of its carry end the document for
  // stage i + 1, which is then finished in turn.
  std::string held;
  for (size_t i = 0; i < stages_.size(); ++i) {
    bool last = i + 1 == stages_.size();
    std::string* target = last ? out : &carry_[i];
    ZHCLEAN_RETURN_IF_ERROR(stages_[i]->Finish(target, logs_[i].get()));
    if (last) break;
    held.clear();
    held.swap(carry_[i]);
    if (!held.empty()) ZHCLEAN_RETURN_IF_ERROR(RunFrom(i + 1, held, out));
  }
  return OkStatus();
}

uint64_t Pipeline::DocumentEdits() const {
  uint64_t n = 0;
  for (const auto& log : logs_) n += log->document_edits();
  return n;
}

}  // namespace zhclean
