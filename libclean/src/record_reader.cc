#include "record_reader.h"

#include <algorithm>
#include <cstring>

#include "utf8.h"

namespace zhclean::internal {

namespace {
constexpr size_t kPadding = 64;  // simdjson reads up to 64 bytes past a record.
}

RecordReader::RecordReader(std::istream& in, const ReaderOptions& options,
                           ReadBuffer* buffer)
    : in_(in), options_(options), buf_(buffer != nullptr ? *buffer : own_buf_) {
  buf_.resize(2 * options_.chunk_size + kPadding);
}

Status RecordReader::Fill() {
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, Available());
    end_ -= begin_;
    begin_ = 0;
  }
  size_t want = options_.block_size != 0 ? options_.block_size : options_.chunk_size;
  if (end_ + want + kPadding > buf_.size()) buf_.resize(end_ + want + kPadding);
  in_.read(buf_.data() + end_, static_cast<std::streamsize>(want));
  size_t n = static_cast<size_t>(in_.gcount());
  end_ += n;
  std::memset(buf_.data() + end_, 0, kPadding);  // What simdjson may read past the data.
  bytes_read_ += n;
  if (n < want) {
    if (in_.bad()) return IoError("read failed");
    eof_ = true;
  }
  return OkStatus();
}

void RecordReader::Emit(size_t len, bool last, bool separator, Piece* piece) {
  const char* b = buf_.data() + begin_;
  piece->data = std::string_view(b, len);
  piece->capacity = buf_.size() - begin_;
  piece->first = !in_record_;
  piece->last = last;
  piece->separator = separator;
  piece->too_long = too_long_;
  piece->offset = offset_;
  piece->line = line_;
  size_t consumed = len + (separator ? 1 : 0);
  line_ += CountNewlines(std::string_view(b, consumed));
  offset_ += consumed;
  begin_ += consumed;
  in_record_ = !last;
  if (last) too_long_ = false;
}

StatusOr<bool> RecordReader::Next(Piece* piece) {
  const bool whole = options_.whole_record_cap != 0;
  while (true) {
    size_t avail = Available();
    const char* b = buf_.data() + begin_;
    const void* sep = options_.has_separator && avail > 0
                          ? std::memchr(b, options_.separator, avail)
                          : nullptr;
    if (sep != nullptr) {
      size_t len = static_cast<size_t>(static_cast<const char*>(sep) - b);
      if (whole && len > options_.whole_record_cap) too_long_ = true;
      if (whole || len <= options_.chunk_size) {
        Emit(len, true, true, piece);
        return true;
      }
    }
    size_t limit = whole ? options_.whole_record_cap : options_.chunk_size;
    if (!eof_ && avail <= limit) {
      if (options_.cut_at_newline && sep == nullptr && options_.block_size != 0 &&
          avail >= options_.block_size) {
        size_t nl = std::string_view(b, avail).rfind('\n');
        if (nl != std::string_view::npos) {
          Emit(nl + 1, false, false, piece);
          return true;
        }
      }
      ZHCLEAN_RETURN_IF_ERROR(Fill());
      continue;
    }
    if (avail == 0) {  // End of input.
      if (!in_record_) return false;
      Emit(0, true, false, piece);
      return true;
    }
    if (whole) {
      if (avail > options_.whole_record_cap) too_long_ = true;
      Emit(avail, eof_ && sep == nullptr, false, piece);
      return true;
    }
    if (eof_ && sep == nullptr && avail <= options_.chunk_size) {
      Emit(avail, true, false, piece);
      return true;
    }
    size_t cut = 0;
    if (options_.cut_at_newline) {
      std::string_view window(b, options_.chunk_size);
      size_t nl = window.rfind('\n');
      if (nl != std::string_view::npos) cut = nl + 1;
    }
    if (cut == 0) cut = SafeCut(std::string_view(b, avail), options_.chunk_size);
    Emit(cut, false, false, piece);
    return true;
  }
}

}  // namespace zhclean::internal
