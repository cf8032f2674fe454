#include "zhclean/diagnostic.h"

#include <cstdio>

namespace zhclean {

std::string Diagnostic::ToString() const {
  std::string s = path;
  if (has_byte_offset) {
    s += ": byte " + std::to_string(byte_offset);
    if (line != 0) s += " (line " + std::to_string(line) + ")";
  } else if (line != 0 && column != 0) {
    s += ":" + std::to_string(line) + ":" + std::to_string(column);
  } else if (line != 0) {
    s += ":" + std::to_string(line);
  }
  return s + (warning ? ": warning: " : ": error: ") + message;
}

std::string HexBytes(const char* data, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%s0x%02X", i ? " " : "",
                  static_cast<unsigned char>(data[i]));
    s += buf;
  }
  return s;
}

}  // namespace zhclean
