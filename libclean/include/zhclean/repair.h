// zh-repair's first stage: any bytes in, correct UTF-8 out.
//
//   zhclean::RepairOptions options;           // Detect the encoding.
//   options.garbage = zhclean::GarbageMode::kMark;
//   auto stage = zhclean::NewRepairStage(options);
//   zhclean::Pipeline pipeline;
//   pipeline.Add(std::move(*stage));
//
// The stage detects (or is told) the input encoding, decodes to UTF-8,
// repairs mojibake spans inside the text and finds unrecoverable garbage.
// Every change is recorded in the stage's EditLog under these rules:
//   encoding:bom, encoding:<name>, encoding:undecided, encoding:invalid,
//   mojibake:utf8-as-cp1252, mojibake:gbk-as-cp1252, mojibake:big5-as-cp1252,
//   mojibake:utf8-as-gbk, mojibake:utf8-as-big5, mojibake:gbk-shifted,
//   garbage (mark, drop), garbage:kept (counted only).
#ifndef ZHCLEAN_REPAIR_H_
#define ZHCLEAN_REPAIR_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "zhclean/encoding.h"
#include "zhclean/pipeline.h"
#include "zhclean/status.h"

namespace zhclean {

enum class GarbageMode {
  kKeep,  // Leave garbage in place (it is still counted).
  kMark,  // Replace each garbage run with U+3013 GETA MARK.
  kDrop,  // Remove every line that holds garbage.
};

// Parses "keep", "mark" or "drop"; kInvalidArgument otherwise.
StatusOr<GarbageMode> ParseGarbageMode(std::string_view name);

struct RepairOptions {
  std::optional<Encoding> from;  // Forced input encoding; unset: detect.
  bool mojibake = true;          // Repair mis-decoded spans.
  GarbageMode garbage = GarbageMode::kKeep;
  size_t max_line = 1 << 20;     // Longer lines are examined in pieces.
  // Threads for the line repairs of one document (1 + helpers started with
  // the stage). The result does not depend on it.
  size_t threads = 1;
};

// Returns the repair stage (AcceptsInvalidUtf8() is true; its output is
// always valid UTF-8). Edit offsets are byte offsets in the decoded text.
// Returns kInvalidArgument when max_line < 64.
StatusOr<std::unique_ptr<Stage>> NewRepairStage(const RepairOptions& options);

// Repairs the mojibake in valid UTF-8 `text` (no decoding, no garbage
// handling) and returns the result. Thread-safe.
std::string RepairMojibake(std::string_view text);

}  // namespace zhclean

#endif  // ZHCLEAN_REPAIR_H_
