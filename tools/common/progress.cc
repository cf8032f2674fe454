#include "progress.h"

#include <cstdio>

namespace zhclean::cli {

void Progress::Add(uint64_t bytes, uint64_t documents) {
  bytes_ += bytes;
  documents_ += documents;
  if (++calls_ % 64 != 0) return;  // Reading the clock per record is waste.
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(500)) return;
  last_ = now;
  Draw();
}

void Progress::Draw() {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double mb = bytes_ / 1e6;
  double rate = seconds > 0 ? mb / seconds : 0;
  char line[160];
  int n = std::snprintf(line, sizeof line, "\r%s: %llu documents, %.1f MB, %.1f MB/s",
                        tool_.c_str(), static_cast<unsigned long long>(documents_), mb, rate);
  if (total_ > 0 && rate > 0 && bytes_ <= total_) {
    double eta = (total_ - bytes_) / 1e6 / rate;
    std::snprintf(line + n, sizeof line - static_cast<size_t>(n), ", ETA %d:%02d",
                  static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
  }
  err_ << line << "\x1b[K" << std::flush;
  drawn_ = true;
}

void Progress::Finish() {
  Draw();
  err_ << "\n" << std::flush;
}

}  // namespace zhclean::cli
