// Character classes and the line passes of the normalize stage that need
// no dictionary: crlf, control, ascii-width, punct-width, space; plus the
// ICU-backed nfc and radical passes (UnicodeFolder, in
// icu_normalize_fold.cc). Every pass looks at one line (or one window of
// an overlong line) and lists its edits; the stage applies them.
#ifndef ZHCLEAN_SRC_WIDTH_H_
#define ZHCLEAN_SRC_WIDTH_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zhclean/status.h"

namespace zhclean::internal {

// One change found by a pass: replace line[offset, offset + length) by
// `after`. Edits of one pass are sorted and do not overlap.
struct PassEdit {
  size_t offset = 0;
  size_t length = 0;
  std::string after;
  const char* reason = "";
};
using PassEdits = std::vector<PassEdit>;

// Appends `in` with `edits` applied to *out.
void ApplyPassEdits(std::string_view in, const PassEdits& edits,
                    std::string* out);

// Decodes the code point of valid UTF-8 `s` that starts at `i`; sets *len.
char32_t CodePointAt(std::string_view s, size_t i, size_t* len);
// Decodes the code point that ends at `end` (> 0); sets *start.
char32_t CodePointBefore(std::string_view s, size_t end, size_t* start);

// A unified CJK ideograph (incl. extensions) or U+3007.
bool IsHan(char32_t c);
// A Kangxi radical (U+2F00-2FD5) or a CJK compatibility ideograph.
bool IsRadicalOrCompat(char32_t c);
// CJK punctuation and full-width punctuation (U+3000-303F, U+FF01-FF0F,
// U+FF1A-FF20, U+FF3B-FF40, U+FF5B-FF65).
bool IsCjkPunct(char32_t c);

// "crlf": the CRs right before the line's final LF (CR CR LF too).
void FindCrlfEdits(std::string_view line, PassEdits* edits);
// "control": see NormalizeOptions::controls.
void FindControlEdits(std::string_view line, PassEdits* edits);
// "ascii-width": U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A -> ASCII, except a
// lone full-width letter between two Han characters.
void FindAsciiWidthEdits(std::string_view line, PassEdits* edits);
// "punct-width": see NormalizeOptions::punct_width.
void FindPunctWidthEdits(std::string_view line, PassEdits* edits);
// "space": see NormalizeOptions::spaces.
void FindSpaceEdits(std::string_view line, PassEdits* edits);

// True when `c` may be changed by FindControlEdits / FindSpaceEdits /
// FindAsciiWidthEdits (a cheap pre-check for the fast path).
bool MaybeControl(char32_t c);
bool MaybeSpace(char32_t c);
bool MaybeAsciiWidth(char32_t c);

// NFC and the radical/compatibility-ideograph folding, backed by ICU.
// Immutable after Create(); safe to share between threads.
class UnicodeFolder {
 public:
  struct Impl;
  // Returns kInternal when ICU's normalisation data cannot be loaded.
  static StatusOr<std::unique_ptr<UnicodeFolder>> Create();
  ~UnicodeFolder();
  UnicodeFolder(const UnicodeFolder&) = delete;
  UnicodeFolder& operator=(const UnicodeFolder&) = delete;

  // True when `c` is an NFC starter that is NFC on its own: a line of such
  // characters is already NFC. Compatibility ideographs count as safe: they
  // belong to the radical pass.
  bool NfcSafe(char32_t c) const;
  // "nfc": lists the NFC changes of `line` (one edit per changed segment).
  void FindNfcEdits(std::string_view line, PassEdits* edits) const;
  // "radical": see NormalizeOptions::radicals.
  void FindRadicalEdits(std::string_view line, PassEdits* edits) const;

 private:
  explicit UnicodeFolder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_WIDTH_H_
