// CleanStream() with state kept across calls: a worker that cleans many
// batches reuses one read buffer, one JSON parser and its output buffers.
#ifndef ZHCLEAN_SRC_STREAM_CLEANER_H_
#define ZHCLEAN_SRC_STREAM_CLEANER_H_

#include <memory>

#include "zhclean/stream.h"

namespace zhclean::internal {

class Driver;

// Not copyable: owns the driver's buffers. One per thread.
class StreamCleaner {
 public:
  StreamCleaner();
  ~StreamCleaner();
  StreamCleaner(const StreamCleaner&) = delete;
  StreamCleaner& operator=(const StreamCleaner&) = delete;

  // Same contract as CleanStream().
  Status Clean(std::string_view name, std::istream& in, std::ostream& out, Pipeline* pipeline,
               const StreamOptions& options, StreamReport* report, const DiagnosticSink& diag);

 private:
  std::unique_ptr<Driver> driver_;
};

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_STREAM_CLEANER_H_
