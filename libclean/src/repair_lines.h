// Line-level part of the repair stage: mojibake fixes and garbage handling
// on decoded UTF-8.
#ifndef ZHCLEAN_SRC_REPAIR_LINES_H_
#define ZHCLEAN_SRC_REPAIR_LINES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "garbage.h"
#include "mojibake.h"
#include "zhclean/edit.h"
#include "zhclean/repair.h"

namespace zhclean::internal {

// Not thread-safe: keeps scratch buffers.
class LineRepairer {
 public:
  LineRepairer(bool mojibake, GarbageMode garbage)
      : mojibake_(mojibake), garbage_(garbage) {}

  // Repairs `block` (valid UTF-8, whole lines except maybe the last) and
  // appends the result to *out; `offset` is the block's position in the
  // decoded document, for edit records.
  void RepairBlock(std::string_view block, uint64_t offset, std::string* out,
                   EditLog* log);

 private:
  void RepairLine(std::string_view line, unsigned flags, bool newline, uint64_t offset,
                  std::string* out, EditLog* log);
  void HandleGarbage(std::string_view line, bool newline, uint64_t offset,
                     std::string* out, EditLog* log);

  bool mojibake_;
  GarbageMode garbage_;
  std::vector<MojibakeFix> fixes_;
  std::vector<GarbageRun> runs_;
  std::string repaired_;
};

// LineRepairer::RepairBlock on `threads` threads: a block of at least
// kMinSplitBlock bytes is cut at line ends into one part per thread (at
// most one per kMinSplitBlock / 2 bytes); the
// parts after the first go to helper threads, each with its own
// LineRepairer and EditLog, and their output, counts, warnings and edits
// follow the first part's in order. The result is the same as one
// LineRepairer's, byte for byte and edit for edit. Not copyable: owns
// its helper threads (started in the constructor, joined in the
// destructor).
class BlockRepairer {
 public:
  static constexpr size_t kMinSplitBlock = 16 << 10;

  BlockRepairer(bool mojibake, GarbageMode garbage, size_t threads);
  ~BlockRepairer();
  BlockRepairer(const BlockRepairer&) = delete;
  BlockRepairer& operator=(const BlockRepairer&) = delete;

  void RepairBlock(std::string_view block, uint64_t offset, std::string* out, EditLog* log);

 private:
  class Helper;
  LineRepairer lines_;
  std::vector<std::unique_ptr<Helper>> helpers_;
};

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_REPAIR_LINES_H_
