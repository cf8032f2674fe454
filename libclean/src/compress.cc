// .gz and .zst streams: std::streambufs over zlib's and libzstd's
// streaming APIs, with fixed 64 KiB windows.
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "zhclean/file_io.h"

namespace zhclean {

namespace {

constexpr size_t kWindow = 64 << 10;

// Thrown inside underflow(); std::istream catches it and sets badbit.
struct StreamFailure {};

// One decompressor: consumes from *in, writes up to `cap` bytes to `out`.
class Decoder {
 public:
  virtual ~Decoder() = default;
  virtual const char* name() const = 0;
  // Returns false with *error set on corrupt data. *frame_end: a whole
  // member or frame ended (the decoder is ready for the next one).
  virtual bool Step(const char** in, size_t* in_len, char* out, size_t cap, size_t* produced,
                    bool* frame_end, std::string* error) = 0;
};

class GzipDecoder : public Decoder {
 public:
  GzipDecoder() { ok_ = inflateInit2(&zs_, 15 + 16) == Z_OK; }
  ~GzipDecoder() override { inflateEnd(&zs_); }
  const char* name() const override { return "gzip"; }
  bool Step(const char** in, size_t* in_len, char* out, size_t cap, size_t* produced,
            bool* frame_end, std::string* error) override {
    if (!ok_) {
      *error = "cannot start zlib";
      return false;
    }
    zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(*in));
    zs_.avail_in = static_cast<uInt>(*in_len);
    zs_.next_out = reinterpret_cast<Bytef*>(out);
    zs_.avail_out = static_cast<uInt>(cap);
    int ret = inflate(&zs_, Z_NO_FLUSH);
    *in += *in_len - zs_.avail_in;
    *in_len = zs_.avail_in;
    *produced = cap - zs_.avail_out;
    *frame_end = ret == Z_STREAM_END;
    if (*frame_end) return inflateReset(&zs_) == Z_OK;
    if (ret == Z_OK || (ret == Z_BUF_ERROR && *produced == 0)) return true;
    *error = zs_.msg != nullptr ? zs_.msg : "zlib error " + std::to_string(ret);
    return false;
  }

 private:
  z_stream zs_{};
  bool ok_ = false;
};

class ZstdDecoder : public Decoder {
 public:
  ZstdDecoder() : ctx_(ZSTD_createDCtx()) {}
  ~ZstdDecoder() override { ZSTD_freeDCtx(ctx_); }
  const char* name() const override { return "zstd"; }
  bool Step(const char** in, size_t* in_len, char* out, size_t cap, size_t* produced,
            bool* frame_end, std::string* error) override {
    ZSTD_inBuffer input{*in, *in_len, 0};
    ZSTD_outBuffer output{out, cap, 0};
    size_t r = ZSTD_decompressStream(ctx_, &output, &input);
    *in += input.pos;
    *in_len -= input.pos;
    *produced = output.pos;
    if (ZSTD_isError(r)) {
      *error = ZSTD_getErrorName(r);
      return false;
    }
    *frame_end = r == 0;
    return true;
  }

 private:
  ZSTD_DCtx* ctx_;
};

class DecompressingBuf : public std::streambuf {
 public:
  DecompressingBuf(std::istream& raw, std::unique_ptr<Decoder> decoder)
      : raw_(raw), decoder_(std::move(decoder)), in_(kWindow), out_(kWindow) {}
  const Status& status() const { return status_; }

 protected:
  int_type underflow() override;

 private:
  [[noreturn]] void Fail(Status status) {
    status_ = std::move(status);
    throw StreamFailure{};
  }
  // Refills the input window; false at the end of the raw input.
  bool ReadRaw();

  std::istream& raw_;
  std::unique_ptr<Decoder> decoder_;
  std::vector<char> in_, out_;
  const char* next_ = nullptr;
  size_t avail_ = 0;
  bool raw_eof_ = false;
  bool in_frame_ = false;  // A member or frame started and not ended.
  bool pending_ = false;   // The last step filled the output: call again.
  Status status_;
};

bool DecompressingBuf::ReadRaw() {
  if (raw_eof_) return false;
  raw_.read(in_.data(), static_cast<std::streamsize>(in_.size()));
  if (raw_.bad()) Fail(IoError("read failed"));
  avail_ = static_cast<size_t>(raw_.gcount());
  next_ = in_.data();
  if (avail_ < in_.size()) raw_eof_ = true;
  return avail_ > 0;
}

DecompressingBuf::int_type DecompressingBuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (!status_.ok()) throw StreamFailure{};
  while (true) {
    if (avail_ == 0 && !pending_ && !ReadRaw()) {
      if (in_frame_) Fail(DataError(std::string("truncated ") + decoder_->name() + " data"));
      return traits_type::eof();
    }
    size_t before = avail_, produced = 0;
    bool frame_end = false;
    std::string error;
    if (!decoder_->Step(&next_, &avail_, out_.data(), out_.size(), &produced, &frame_end,
                        &error)) {
      Fail(DataError(std::string("corrupt ") + decoder_->name() + " data: " + error));
    }
    if (frame_end) {
      in_frame_ = false;
    } else if (avail_ < before || produced > 0) {
      in_frame_ = true;
    }
    pending_ = produced == out_.size();
    if (produced > 0) {
      setg(out_.data(), out_.data(), out_.data() + produced);
      return traits_type::to_int_type(*gptr());
    }
  }
}

// One compressor: compresses `in` (and ends the stream when `end`) into
// `raw`; false when writing fails.
class Encoder {
 public:
  virtual ~Encoder() = default;
  virtual bool Compress(std::string_view in, bool end, std::ostream& raw) = 0;

 protected:
  std::vector<char> out_ = std::vector<char>(kWindow);
};

class GzipEncoder : public Encoder {
 public:
  GzipEncoder() { ok_ = deflateInit2(&zs_, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK; }
  ~GzipEncoder() override { deflateEnd(&zs_); }
  bool Compress(std::string_view in, bool end, std::ostream& raw) override {
    if (!ok_) return false;
    zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs_.avail_in = static_cast<uInt>(in.size());
    int ret;
    do {
      zs_.next_out = reinterpret_cast<Bytef*>(out_.data());
      zs_.avail_out = static_cast<uInt>(out_.size());
      ret = deflate(&zs_, end ? Z_FINISH : Z_NO_FLUSH);
      if (ret == Z_STREAM_ERROR) return false;
      raw.write(out_.data(), static_cast<std::streamsize>(out_.size() - zs_.avail_out));
      if (!raw) return false;
    } while (zs_.avail_out == 0 || (end && ret != Z_STREAM_END));
    return true;
  }

 private:
  z_stream zs_{};
  bool ok_ = false;
};

class ZstdEncoder : public Encoder {
 public:
  ZstdEncoder() : ctx_(ZSTD_createCCtx()) {}
  ~ZstdEncoder() override { ZSTD_freeCCtx(ctx_); }
  bool Compress(std::string_view in, bool end, std::ostream& raw) override {
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    size_t remaining;
    do {
      ZSTD_outBuffer output{out_.data(), out_.size(), 0};
      remaining = ZSTD_compressStream2(ctx_, &output, &input, end ? ZSTD_e_end : ZSTD_e_continue);
      if (ZSTD_isError(remaining)) return false;
      raw.write(out_.data(), static_cast<std::streamsize>(output.pos));
      if (!raw) return false;
    } while (input.pos < input.size || (end && remaining != 0));
    return true;
  }

 private:
  ZSTD_CCtx* ctx_;
};

class CompressingBuf : public std::streambuf {
 public:
  CompressingBuf(std::ostream& raw, std::unique_ptr<Encoder> encoder)
      : raw_(raw), encoder_(std::move(encoder)), buf_(kWindow) {
    setp(buf_.data(), buf_.data() + buf_.size());
  }
  // Compresses what is buffered; `end` also ends the stream.
  bool Drain(bool end) {
    std::string_view pending(pbase(), static_cast<size_t>(pptr() - pbase()));
    ok_ = ok_ && encoder_->Compress(pending, end, raw_);
    setp(buf_.data(), buf_.data() + buf_.size());
    return ok_;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!Drain(false)) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) sputc(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }

 private:
  std::ostream& raw_;
  std::unique_ptr<Encoder> encoder_;
  std::vector<char> buf_;
  bool ok_ = true;
};

}  // namespace

Compression CompressionOf(std::string_view path) {
  auto ends = [path](std::string_view suffix) {
    return path.size() > suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends(".gz")) return Compression::kGzip;
  if (ends(".zst")) return Compression::kZstd;
  return Compression::kNone;
}

struct DecompressedInput::Impl {
  std::istream* raw;
  std::unique_ptr<DecompressingBuf> buf;
  std::unique_ptr<std::istream> stream;
};

DecompressedInput::DecompressedInput(std::istream& raw, Compression compression)
    : impl_(std::make_unique<Impl>()) {
  impl_->raw = &raw;
  if (compression == Compression::kNone) return;
  std::unique_ptr<Decoder> decoder;
  if (compression == Compression::kGzip) decoder = std::make_unique<GzipDecoder>();
  if (compression == Compression::kZstd) decoder = std::make_unique<ZstdDecoder>();
  impl_->buf = std::make_unique<DecompressingBuf>(raw, std::move(decoder));
  impl_->stream = std::make_unique<std::istream>(impl_->buf.get());
}

DecompressedInput::~DecompressedInput() = default;

std::istream& DecompressedInput::stream() {
  return impl_->stream ? *impl_->stream : *impl_->raw;
}

Status DecompressedInput::status() const {
  return impl_->buf ? impl_->buf->status() : OkStatus();
}

struct CompressedOutput::Impl {
  std::ostream* raw;
  std::unique_ptr<CompressingBuf> buf;
  std::unique_ptr<std::ostream> stream;
};

CompressedOutput::CompressedOutput(std::ostream& raw, Compression compression)
    : impl_(std::make_unique<Impl>()) {
  impl_->raw = &raw;
  if (compression == Compression::kNone) return;
  std::unique_ptr<Encoder> encoder;
  if (compression == Compression::kGzip) encoder = std::make_unique<GzipEncoder>();
  if (compression == Compression::kZstd) encoder = std::make_unique<ZstdEncoder>();
  impl_->buf = std::make_unique<CompressingBuf>(raw, std::move(encoder));
  impl_->stream = std::make_unique<std::ostream>(impl_->buf.get());
}

CompressedOutput::~CompressedOutput() = default;

std::ostream& CompressedOutput::stream() {
  return impl_->stream ? *impl_->stream : *impl_->raw;
}

Status CompressedOutput::Finish() {
  if (!impl_->stream) return OkStatus();  // Uncompressed: the raw stream's owner flushes.
  if (!*impl_->stream || !impl_->buf->Drain(true) || !impl_->raw->flush()) {
    return IoError(std::string("write failed: ") + std::strerror(errno));
  }
  return OkStatus();
}

}  // namespace zhclean
