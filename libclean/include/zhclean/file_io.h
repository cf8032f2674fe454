// Files in and out: input expansion and crash-safe output.
//
//   auto inputs = zhclean::ExpandInputs({"docs/", "-"}, /*recursive=*/true);
//   auto file = zhclean::AtomicOutputFile::Create("out.txt");
//   (*file)->stream() << "text";
//   zhclean::Status s = (*file)->Commit();  // Renames into place.
#ifndef ZHCLEAN_FILE_IO_H_
#define ZHCLEAN_FILE_IO_H_

#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "zhclean/status.h"

namespace zhclean {

// Expands arguments into input paths: "-" stays (stdin), files stay,
// directories are listed (sorted; regular files only, hidden entries
// skipped) when `recursive`. Returns kInvalidArgument for a directory
// without `recursive` and kNotFound for a missing path.
StatusOr<std::vector<std::string>> ExpandInputs(
    const std::vector<std::string>& args, bool recursive);

// Output that appears under its final name only when complete. For a
// regular (or not yet existing) file the bytes go to a temp file in the same
// directory, which Commit() flushes, fsyncs and renames over the target,
// keeping the original's permissions; the destructor removes an
// uncommitted temp file. Other targets (a device such as /dev/full, a FIFO)
// are written directly. Not copyable: owns the temp file.
class AtomicOutputFile {
 public:
  // Returns kIoError when the temp file cannot be created (for example in
  // a read-only directory).
  static StatusOr<std::unique_ptr<AtomicOutputFile>> Create(const std::string& target);
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  std::ostream& stream();
  // Flushes and renames into place. When `backup_suffix` is not empty the
  // previous target is kept as target + suffix. Returns kIoError with the
  // system's reason on any failure; the target is then unchanged.
  Status Commit(const std::string& backup_suffix = "");
  // Drops the output; the target stays as it was.
  void Discard();
  const std::string& target() const { return target_; }

 private:
  struct Impl;
  AtomicOutputFile(std::string target, std::unique_ptr<Impl> impl);
  std::string target_;
  std::unique_ptr<Impl> impl_;
};

enum class Compression {
  kNone,
  kGzip,  // zlib's gzip format (".gz"); concatenated members are read on.
  kZstd,  // Zstandard frames (".zst"); concatenated frames are read on.
};

// By the file name: ".gz" is kGzip, ".zst" kZstd, anything else kNone.
Compression CompressionOf(std::string_view path);

// The decompressed bytes of `raw`, streamed through a 64 KiB window (memory
// does not grow with the input). A corrupt or truncated input stops
// stream() with badbit set; status() then says why. Not copyable: owns the
// decompressor.
class DecompressedInput {
 public:
  // kNone passes `raw` through.
  DecompressedInput(std::istream& raw, Compression compression);
  ~DecompressedInput();
  DecompressedInput(const DecompressedInput&) = delete;
  DecompressedInput& operator=(const DecompressedInput&) = delete;

  std::istream& stream();
  // kDataError ("corrupt gzip data: ...", "truncated zstd data") or kIoError;
  // OK while nothing went wrong.
  Status status() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Compresses what is written to stream() into `raw`; Finish() ends the
// compressed stream. Not copyable: owns the compressor.
class CompressedOutput {
 public:
  // kNone passes the bytes through.
  CompressedOutput(std::ostream& raw, Compression compression);
  ~CompressedOutput();
  CompressedOutput(const CompressedOutput&) = delete;
  CompressedOutput& operator=(const CompressedOutput&) = delete;

  std::ostream& stream();
  // Flushes, writes the end of the stream and flushes `raw`; kIoError when
  // writing failed. Does nothing for kNone (the owner of `raw` flushes it).
  Status Finish();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace zhclean

#endif  // ZHCLEAN_FILE_IO_H_
