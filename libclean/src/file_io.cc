#include "zhclean/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ext/stdio_filebuf.h>
#include <filesystem>

namespace zhclean {

namespace fs = std::filesystem;

namespace {

std::string Errno(int err) { return std::strerror(err); }

Status ListDirectory(const std::string& dir, std::vector<std::string>* out) {
  std::error_code ec;
  std::vector<std::string> files;
  fs::recursive_directory_iterator it(dir, ec), end;
  if (ec) return IoError(dir + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return IoError(dir + ": " + ec.message());
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  out->insert(out->end(), files.begin(), files.end());
  return OkStatus();
}

}  // namespace

StatusOr<std::vector<std::string>> ExpandInputs(
    const std::vector<std::string>& args, bool recursive) {
  std::vector<std::string> out;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (arg == "-") {
      out.push_back(arg);
    } else if (fs::is_directory(arg, ec)) {
      if (!recursive) return InvalidArgumentError(arg + ": is a directory (use -r)");
      ZHCLEAN_RETURN_IF_ERROR(ListDirectory(arg, &out));
    } else if (fs::exists(arg, ec)) {
      out.push_back(arg);
    } else {
      return NotFoundError(arg + ": No such file or directory");
    }
  }
  return out;
}

struct AtomicOutputFile::Impl {
  std::string temp;  // Empty when writing the target directly.
  int fd = -1;
  bool committed = false;
  std::unique_ptr<__gnu_cxx::stdio_filebuf<char>> buf;
  std::unique_ptr<std::ostream> stream;
};

AtomicOutputFile::AtomicOutputFile(std::string target, std::unique_ptr<Impl> impl)
    : target_(std::move(target)), impl_(std::move(impl)) {}

AtomicOutputFile::~AtomicOutputFile() {
  if (!impl_->committed) Discard();
}

StatusOr<std::unique_ptr<AtomicOutputFile>> AtomicOutputFile::Create(
    const std::string& target) {
  auto impl = std::make_unique<Impl>();
  struct stat st;
  bool exists = ::stat(target.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) {
    impl->fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
    if (impl->fd < 0) return IoError(target + ": cannot open: " + Errno(errno));
  } else {
    fs::path p(target);
    std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
    impl->temp = dir + "/." + p.filename().string() + ".zhclean-XXXXXX";
    impl->fd = ::mkstemp(impl->temp.data());
    if (impl->fd < 0) {
      int err = errno;
      impl->temp.clear();
      return IoError(target + ": cannot create a temporary file in " + dir + ": " + Errno(err));
    }
    mode_t mode = exists ? (st.st_mode & 07777) : 0644;
    if (!exists) {
      mode_t mask = ::umask(0);
      ::umask(mask);
      mode &= ~mask;
    }
    ::fchmod(impl->fd, mode);
  }
  impl->buf = std::make_unique<__gnu_cxx::stdio_filebuf<char>>(
      impl->fd, std::ios::out | std::ios::binary, 1 << 16);
  impl->stream = std::make_unique<std::ostream>(impl->buf.get());
  return std::unique_ptr<AtomicOutputFile>(new AtomicOutputFile(target, std::move(impl)));
}

std::ostream& AtomicOutputFile::stream() { return *impl_->stream; }

Status AtomicOutputFile::Commit(const std::string& backup_suffix) {
  errno = 0;
  impl_->stream->flush();
  if (!*impl_->stream || impl_->buf->pubsync() != 0) {
    int err = errno ? errno : EIO;
    Discard();
    return IoError(target_ + ": write failed: " + Errno(err));
  }
  if (impl_->temp.empty()) {
    impl_->committed = true;
    return OkStatus();
  }
  if (::fsync(impl_->fd) != 0) {
    int err = errno;
    Discard();
    return IoError(target_ + ": fsync failed: " + Errno(err));
  }
  if (!backup_suffix.empty()) {
    std::error_code ec;
    fs::copy_file(target_, target_ + backup_suffix, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      Discard();
      return IoError(target_ + backup_suffix + ": cannot write backup: " + ec.message());
    }
  }
  if (::rename(impl_->temp.c_str(), target_.c_str()) != 0) {
    int err = errno;
    Discard();
    return IoError(target_ + ": cannot rename into place: " + Errno(err));
  }
  impl_->committed = true;
  impl_->temp.clear();
  return OkStatus();
}

void AtomicOutputFile::Discard() {
  if (!impl_->temp.empty()) {
    ::unlink(impl_->temp.c_str());
    impl_->temp.clear();
  }
  impl_->committed = true;  // Nothing left to clean up.
}

}  // namespace zhclean
