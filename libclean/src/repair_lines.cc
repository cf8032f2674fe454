#include "repair_lines.h"

#include "owned_edit.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace zhclean::internal {

namespace {

constexpr char kGetaMark[] = "\xE3\x80\x93";  // U+3013.

std::string FixReason(const MojibakeFix& f) {
  std::string r = "re-decoded";
  if (f.layers > 1) r += " " + std::to_string(f.layers) + " layers";
  r += "; n-gram cost " + std::to_string(f.cost_before / 4) + " -> " +
       std::to_string(f.cost_after / 4) + " nats";
  return r;
}

}  // namespace

// One pass over the block: lines the screen passes are copied in runs;
// only a flagged line is split into characters and examined.
void LineRepairer::RepairBlock(std::string_view block, uint64_t offset,
                               std::string* out, EditLog* log) {
  size_t at = 0;
  while (at < block.size()) {
    unsigned flags;
    size_t start = at + NextSuspectLine(block.substr(at), &flags);
    out->append(block.substr(at, start - at));
    if (start == block.size()) break;
    size_t nl = block.find('\n', start);
    bool newline = nl != std::string_view::npos;
    size_t end = newline ? nl : block.size();
    RepairLine(block.substr(start, end - start), flags, newline, offset + start, out, log);
    at = newline ? nl + 1 : block.size();
  }
}

// `line` is one the screen flagged with `flags`.
void LineRepairer::RepairLine(std::string_view line, unsigned flags, bool newline, uint64_t offset,
                              std::string* out, EditLog* log) {
  fixes_.clear();
  if (mojibake_) FindMojibake(line, flags, &fixes_);
  if (fixes_.empty()) {
    HandleGarbage(line, newline, offset, out, log);
    return;
  }
  repaired_.clear();
  size_t at = 0;
  for (const MojibakeFix& f : fixes_) {
    repaired_.append(line.substr(at, f.begin - at));
    repaired_.append(f.after);
    // The reason is only read by --explain: no string per fix without it.
    log->Record(offset + f.begin, line.substr(f.begin, f.end - f.begin), f.after, f.rule,
                log->detailed() ? FixReason(f) : std::string());
    at = f.end;
  }
  repaired_.append(line.substr(at));
  std::string fixed = std::move(repaired_);
  HandleGarbage(fixed, newline, offset, out, log);
  repaired_ = std::move(fixed);
}

void LineRepairer::HandleGarbage(std::string_view line, bool newline, uint64_t offset,
                                 std::string* out, EditLog* log) {
  runs_.clear();
  FindGarbage(line, &runs_);
  if (runs_.empty() || garbage_ == GarbageMode::kKeep) {
    log->Note(offset, "garbage:kept", "unrecoverable mojibake kept (--garbage keep)",
              runs_.size());
    if (!runs_.empty()) {
      log->Warn(offset + runs_[0].begin,
                std::to_string(runs_.size()) +
                    " run(s) of unrecoverable mojibake kept (--garbage mark or drop "
                    "replaces them)");
    }
    out->append(line);
    if (newline) out->push_back('\n');
    return;
  }
  if (garbage_ == GarbageMode::kDrop) {
    std::string before(line);
    if (newline) before.push_back('\n');
    log->Record(offset, before, "", "garbage",
                "line dropped: " + std::to_string(runs_.size()) + " unrecoverable run(s)");
    return;
  }
  size_t at = 0;
  for (const GarbageRun& r : runs_) {
    out->append(line.substr(at, r.begin - at));
    out->append(kGetaMark);
    log->Record(offset + r.begin, line.substr(r.begin, r.end - r.begin), kGetaMark,
                "garbage", "unrecoverable mojibake marked");
    at = r.end;
  }
  out->append(line.substr(at));
  if (newline) out->push_back('\n');
}

// One helper thread and what it made of its part of a block.
class BlockRepairer::Helper {
 public:
  Helper(bool mojibake, GarbageMode garbage)
      : lines_(mojibake, garbage), thread_([this] { Run(); }) {}
  ~Helper() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  // Starts repairing `part` (at `offset` in the document) for `log`'s step.
  void Start(std::string_view part, uint64_t offset, const EditLog& log) {
    std::lock_guard<std::mutex> lock(mu_);
    part_ = part;
    offset_ = offset;
    out_.clear();
    edits_.clear();
    log_ = std::make_unique<EditLog>(log.step(), log.detailed() ? &sink_ : nullptr);
    pending_ = true;
    cv_.notify_all();
  }

  // Waits for the part, then appends its output to *out and its edits to *log.
  void Finish(std::string* out, EditLog* log) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !pending_; });
    out->append(out_);
    log->Merge(*log_);
    for (const OwnedEdit& e : edits_) log->Forward(e.view());
  }

 private:
  void Run() {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      cv_.wait(lock, [this] { return stop_ || pending_; });
      if (!pending_) return;
      lock.unlock();
      lines_.RepairBlock(part_, offset_, &out_, log_.get());
      lock.lock();
      pending_ = false;
      cv_.notify_all();
    }
  }

  LineRepairer lines_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool pending_ = false, stop_ = false;
  std::string_view part_;
  uint64_t offset_ = 0;
  std::string out_;
  std::vector<OwnedEdit> edits_;
  EditSink sink_ = [this](const Edit& e) { edits_.emplace_back(e); };
  std::unique_ptr<EditLog> log_;
  std::thread thread_;  // Last: starts once the members above exist.
};

BlockRepairer::BlockRepairer(bool mojibake, GarbageMode garbage, size_t threads)
    : lines_(mojibake, garbage) {
  for (size_t i = 1; i < threads; ++i) helpers_.push_back(std::make_unique<Helper>(mojibake, garbage));
}

BlockRepairer::~BlockRepairer() = default;

void BlockRepairer::RepairBlock(std::string_view block, uint64_t offset, std::string* out,
                                EditLog* log) {
  if (helpers_.empty() || block.size() < kMinSplitBlock) {
    lines_.RepairBlock(block, offset, out, log);
    return;
  }
  // Part k starts after the first line end at or after k / parts of the
  // block; a part is at least kMinSplitBlock / 2 bytes, so that handing it
  // over costs little beside repairing it.
  size_t parts = std::min(helpers_.size() + 1, block.size() / (kMinSplitBlock / 2));
  std::vector<size_t> cuts = {0};
  for (size_t k = 1; k < parts; ++k) {
    size_t nl = block.find('\n', std::max(cuts.back(), block.size() / parts * k));
    if (nl == std::string_view::npos || nl + 1 == block.size()) break;
    cuts.push_back(nl + 1);
  }
  cuts.push_back(block.size());
  size_t used = cuts.size() - 2;
  for (size_t h = 0; h < used; ++h) {
    helpers_[h]->Start(block.substr(cuts[h + 1], cuts[h + 2] - cuts[h + 1]), offset + cuts[h + 1],
                       *log);
  }
  lines_.RepairBlock(block.substr(0, cuts[1]), offset, out, log);
  for (size_t h = 0; h < used; ++h) helpers_[h]->Finish(out, log);
}

}  // namespace zhclean::internal
