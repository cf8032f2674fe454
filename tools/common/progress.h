// Progress on standard error: documents, MB, MB/s and (when the total is
// known) ETA, redrawn in place at most twice a second.
#ifndef ZHCLEAN_TOOLS_COMMON_PROGRESS_H_
#define ZHCLEAN_TOOLS_COMMON_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace zhclean::cli {

class Progress {
 public:
  // `total_bytes` 0 means unknown (standard input): no ETA.
  Progress(std::string tool, std::ostream& err, uint64_t total_bytes)
      : tool_(std::move(tool)), err_(err), total_(total_bytes),
        start_(std::chrono::steady_clock::now()), last_(start_) {}

  void Add(uint64_t bytes, uint64_t documents);
  // Draws the final state and ends the line.
  void Finish();

 private:
  void Draw();

  std::string tool_;
  std::ostream& err_;
  uint64_t total_;
  uint64_t bytes_ = 0, documents_ = 0, calls_ = 0;
  std::chrono::steady_clock::time_point start_, last_;
  bool drawn_ = false;
};

}  // namespace zhclean::cli

#endif  // ZHCLEAN_TOOLS_COMMON_PROGRESS_H_
