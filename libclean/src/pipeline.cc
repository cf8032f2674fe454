#include "zhclean/pipeline.h"

namespace zhclean {

void Pipeline::Add(std::unique_ptr<Stage> stage) {
  logs_.push_back(std::make_unique<EditLog>(stage->name(), sink_));
  stages_.push_back(std::move(stage));
  buffers_.resize(stages_.size());
}

bool Pipeline::AcceptsInvalidUtf8() const {
  return !stages_.empty() && stages_.front()->AcceptsInvalidUtf8();
}

void Pipeline::BeginDocument(uint64_t document) {
  for (size_t i = 0; i < stages_.size(); ++i) {
    logs_[i]->StartDocument(document);
    stages_[i]->BeginDocument();
  }
}

Status Pipeline::RunFrom(size_t first, std::string_view in, std::string* out) {
  std::string_view current = in;
  for (size_t i = first; i < stages_.size(); ++i) {
    bool last = i + 1 == stages_.size();
    std::string* target = last ? out : &buffers_[i];
    if (!last) target->clear();
    ZHCLEAN_RETURN_IF_ERROR(stages_[i]->Process(current, target, logs_[i].get()));
    logs_[i]->AdvanceChunk(current.size());
    if (!last) current = *target;
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
  std::string held;
  for (size_t i = 0; i < stages_.size(); ++i) {
    held.clear();
    ZHCLEAN_RETURN_IF_ERROR(stages_[i]->Finish(&held, logs_[i].get()));
    if (held.empty()) continue;
    if (i + 1 == stages_.size()) {
      out->append(held);
    } else {
      ZHCLEAN_RETURN_IF_ERROR(RunFrom(i + 1, held, out));
    }
  }
  return OkStatus();
}

uint64_t Pipeline::DocumentEdits() const {
  uint64_t n = 0;
  for (const auto& log : logs_) n += log->document_edits();
  return n;
}

}  // namespace zhclean
