#include "convert_edits.h"

#include <algorithm>
#include <cstring>

#include "script_dict.h"
#include "utf8.h"

namespace zhclean::internal {

namespace {

inline bool IsCont(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Receives each edit: records it, or only counts it when nobody wants the
// details.
class EditEmitter {
 public:
  EditEmitter(std::string_view rule, std::string_view reason, EditLog* log)
      : rule_(rule), reason_(reason), log_(log), detailed_(log->detailed()) {}
  ~EditEmitter() { log_->Count(rule_, count_); }
  void Emit(size_t offset, std::string_view before, std::string_view after) {
    if (detailed_) {
      log_->Record(log_->chunk_base() + offset, before, after, rule_, reason_);
    } else {
      ++count_;
    }
  }

 private:
  std::string_view rule_, reason_;
  EditLog* log_;
  bool detailed_;
  uint64_t count_ = 0;
};

// The middle of in/out after trimming their common prefix and suffix at
// code-point boundaries (diff_edits.cc's RecordTrimmed).
void EmitTrimmed(std::string_view in, std::string_view out, size_t offset, EditEmitter* e) {
  size_t pre = 0, max_pre = std::min(in.size(), out.size());
  while (pre < max_pre && in[pre] == out[pre]) ++pre;
  while (pre > 0 && pre < in.size() && IsCont(in[pre])) --pre;
  size_t suf = 0, max_suf = max_pre - pre;
  while (suf < max_suf && in[in.size() - 1 - suf] == out[out.size() - 1 - suf]) ++suf;
  while (suf > 0 && IsCont(in[in.size() - suf])) --suf;
  e->Emit(offset + pre, in.substr(pre, in.size() - pre - suf),
          out.substr(pre, out.size() - pre - suf));
}

// Number of code points of valid UTF-8 `s`: bytes that are not
// continuation bytes (10xxxxxx), eight at a time. The flags (one per
// byte) are summed by a multiply: the baseline x86-64 target has no popcnt
// instruction and __builtin_popcountll becomes a libgcc call.
size_t CodePoints(std::string_view s) {
  size_t n = s.size(), i = 0, continuations = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    uint64_t flags = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7;
    continuations += (flags * 0x0101010101010101ULL) >> 56;
  }
  for (; i < n; ++i) continuations += IsCont(s[i]);
  return n - continuations;
}

inline bool SameBytes(const char* a, const char* b, size_t n) {
  for (size_t k = 0; k < n; ++k) {
    if (a[k] != b[k]) return false;
  }
  return true;
}

// Same number of code points on both sides: one edit per changed run.
void EmitAligned(std::string_view in, std::string_view out, size_t offset, EditEmitter* e) {
  size_t i = 0, j = 0, run_i = 0, run_j = 0;
  bool in_run = false;
  while (i < in.size()) {
    size_t li = Utf8CharLength(static_cast<unsigned char>(in[i]));
    size_t lj = Utf8CharLength(static_cast<unsigned char>(out[j]));
    bool same = li == lj && SameBytes(in.data() + i, out.data() + j, li);
    if (same == in_run) {  // A run starts or ends here.
      if (in_run) {
        e->Emit(offset + run_i, in.substr(run_i, i - run_i), out.substr(run_j, j - run_j));
      } else {
        run_i = i;
        run_j = j;
      }
      in_run = !in_run;
    }
    i += li;
    j += lj;
  }
  if (in_run) e->Emit(offset + run_i, in.substr(run_i), out.substr(run_j));
}

void EmitLine(std::string_view in, std::string_view out, size_t offset, EditEmitter* e) {
  if (in == out) return;
  if (CodePoints(in) == CodePoints(out)) {
    EmitAligned(in, out, offset, e);
  } else {
    EmitTrimmed(in, out, offset, e);
  }
}

}  // namespace

void RecordConvertEdits(std::string_view in, std::string_view out, std::string_view rule,
                        std::string_view reason, EditLog* log) {
  if (in == out) return;
  EditEmitter emitter(rule, reason, log);
  if (CountNewlines(in) != CountNewlines(out)) {
    EmitTrimmed(in, out, 0, &emitter);
    return;
  }
  size_t i = 0, j = 0;
  while (i <= in.size()) {
    size_t ei = std::min(in.find('\n', i), in.size());
    size_t ej = std::min(out.find('\n', j), out.size());
    EmitLine(in.substr(i, ei - i), out.substr(j, ej - j), i, &emitter);
    i = ei + 1;
    j = ej + 1;
  }
}

}  // namespace zhclean::internal
