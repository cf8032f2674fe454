// Diagnostic: a finding tied to a place in a file.
//
//   zhclean::Diagnostic d{"rules/x.tsv", 12, 7, 0, zhclean::StatusCode::kDataError,
//                         "expected TAB after source field"};
//   std::string line = d.ToString();  // "rules/x.tsv:12:7: expected TAB ..."
#ifndef ZHCLEAN_DIAGNOSTIC_H_
#define ZHCLEAN_DIAGNOSTIC_H_

#include <cstdint>
#include <functional>
#include <string>

#include "zhclean/status.h"

namespace zhclean {

struct Diagnostic {
  std::string path;          // File name, or "stdin".
  uint64_t line = 0;         // 1-based; 0 when unknown.
  uint64_t column = 0;       // 1-based, in code points; 0 when unknown.
  uint64_t byte_offset = 0;  // Absolute byte offset in the input.
  bool has_byte_offset = false;  // Print "byte N (line L)" instead of line:col.
  StatusCode code = StatusCode::kDataError;
  bool warning = false;  // Non-fatal: the input was still processed.
  std::string message;

  // "path:line:col: error: message" (column or line omitted when 0), or
  // "path: byte N (line L): error: message" when has_byte_offset;
  // "warning:" instead of "error:" for warnings.
  std::string ToString() const;
};

// Receives non-fatal findings. Called on the processing thread.
using DiagnosticSink = std::function<void(const Diagnostic&)>;

// Renders bytes as "0xC3 0x28" for messages; never echoes raw bad bytes.
std::string HexBytes(const char* data, size_t n);

}  // namespace zhclean

#endif  // ZHCLEAN_DIAGNOSTIC_H_
