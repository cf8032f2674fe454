// Splits a byte stream into records and a record into bounded pieces.
#ifndef ZHCLEAN_SRC_RECORD_READER_H_
#define ZHCLEAN_SRC_RECORD_READER_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <new>
#include <string_view>
#include <utility>
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
  // Bytes per read (0: chunk_size). With cut_at_newline, a piece is given
  // out as soon as a block's worth of input holds a newline, so pieces stay
  // near this size while a line may still reach chunk_size: every buffer
  // downstream is sized by the pieces, and each fresh page costs a fault.
  size_t block_size = 0;
};

// An allocator whose value-initialisation leaves bytes as they are: the
// read buffer (2 chunks) is written by read() before any byte is used, and
// zero-filling it touched 512 fresh pages per process even for a 2 kB input.
template <typename T>
struct UninitializedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <typename U>
  UninitializedAllocator(const UninitializedAllocator<U>&) {}
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    if constexpr (sizeof...(Args) == 0) {
      ::new (static_cast<void*>(p)) U;
    } else {
      ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
  }
};
using ReadBuffer = std::vector<char, UninitializedAllocator<char>>;

// Not copyable: owns (or borrows) the read buffer.
class RecordReader {
 public:
  // `buffer` (may be null) is used as the read buffer, so that a caller
  // cleaning many streams reuses one allocation.
  RecordReader(std::istream& in, const ReaderOptions& options,
               ReadBuffer* buffer = nullptr);
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
  ReadBuffer own_buf_;
  ReadBuffer& buf_;
  size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  bool in_record_ = false;
  bool too_long_ = false;
  uint64_t offset_ = 0, line_ = 1, bytes_read_ = 0;
};

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_RECORD_READER_H_
