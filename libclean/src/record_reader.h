// Splits a byte stream into records and a record into bounded pieces.
#ifndef ZHCLEAN_SRC_RECORD_READER_H_
#define ZHCLEAN_SRC_RECORD_READER_H_

#include <cstdint>
#include <istream>
#include <string_view>
#include <vector>

#include "zhclean/status.h"

namespace zhclean::internal {

struct Piece {
  std::string_view data;   // Valid until the next call to Next().
  size_t capacity = 0;     // Readable bytes from data.data() (>= size + 64).
  bool first = false;      // First piece of its record.
  bool last = false;       // Last piece of its record.
  bool separator = false;  // `last` and the record ended in the separator.
  bool too_long = false;   // Part of a record over the whole-record cap.
  uint64_t offset = 0;     // Absolute byte offset of data[0].
  uint64_t line = 1;       // 1-based line number of data[0].
};

struct ReaderOptions {
  bool has_separator = true;  // False: the whole stream is one record.
  char separator = '\n';
  size_t chunk_size = 1 << 20;
  // 0: records may be split into pieces of at most chunk_size bytes (in
  // text mode cut after the last newline when there is one). Otherwise
  // records arrive whole up to this size, and larger ones as too_long
  // pieces.
  size_t whole_record_cap = 0;
  bool cut_at_newline = false;  // Text mode: prefer cutting after '\n'.
};

// Not copyable: owns (or borrows) the read buffer.
class RecordReader {
 public:
  // `buffer` (may be null) is used as the read buffer, so that a caller
  // cleaning many streams reuses one allocation.
  RecordReader(std::istream& in, const ReaderOptions& options,
               std::vector<char>* buffer = nullptr);
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // Fills *piece and returns true, or returns false at end of input.
  // Returns kIoError when reading fails.
  StatusOr<bool> Next(Piece* piece);
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  Status Fill();
  void Emit(size_t len, bool last, bool separator, Piece* piece);
  size_t Available() const { return end_ - begin_; }

  std::istream& in_;
  ReaderOptions options_;
  std::vector<char> own_buf_;
  std::vector<char>& buf_;
  size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  bool in_record_ = false;
  bool too_long_ = false;
  uint64_t offset_ = 0, line_ = 1, bytes_read_ = 0;
};

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_RECORD_READER_H_
