// The output of a build-time generator (libclean/gen/*.cc): C++ source
// collected in memory and written in one piece under a temporary name,
// then renamed, so a failed run never leaves half a file for the build.
#ifndef ZHCLEAN_GEN_GENERATED_FILE_H_
#define ZHCLEAN_GEN_GENERATED_FILE_H_

#include <cstdarg>
#include <cstdio>
#include <string>

class GeneratedFile {
 public:
  // Appends printf-formatted text.
  void Printf(const char* format, ...) __attribute__((format(printf, 2, 3))) {
    char buf[4096];
    va_list args;
    va_start(args, format);
    int n = std::vsnprintf(buf, sizeof buf, format, args);
    va_end(args);
    if (n < 0 || static_cast<size_t>(n) >= sizeof buf) {
      overflow_ = true;
      return;
    }
    text_.append(buf, static_cast<size_t>(n));
  }

  // Writes the text to `path`; prints why to stderr and returns false on
  // any failure.
  bool Write(const std::string& path) const {
    if (overflow_) {
      std::fprintf(stderr, "%s: a generated line is too long\n", path.c_str());
      return false;
    }
    std::string tmp = path + ".tmp";
    std::FILE* f = std::fopen(tmp.c_str(), "w");
    bool ok = f != nullptr && std::fwrite(text_.data(), 1, text_.size(), f) == text_.size();
    ok = f != nullptr && std::fclose(f) == 0 && ok;
    ok = ok && std::rename(tmp.c_str(), path.c_str()) == 0;
    if (!ok) std::perror(path.c_str());
    return ok;
  }

 private:
  std::string text_;
  bool overflow_ = false;
};

#endif  // ZHCLEAN_GEN_GENERATED_FILE_H_
