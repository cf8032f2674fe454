#include "repair_lines.h"

#include <string>

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
    log->Record(offset + f.begin, line.substr(f.begin, f.end - f.begin), f.after, f.rule,
                FixReason(f));
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

}  // namespace zhclean::internal
