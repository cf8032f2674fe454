// The ICU-backed passes of the normalize stage: "nfc" and "radical".
#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uniset.h>

#include <atomic>
#include <vector>

#include "utf8.h"
#include "width.h"

namespace zhclean::internal {

struct UnicodeFolder::Impl {
  const icu::Normalizer2* nfc = nullptr;
  const icu::Normalizer2* nfkc = nullptr;
  // Everything but the CJK compatibility ideographs, which NFC would map
  // anywhere; the radical pass maps them inside Han text only.
  icu::UnicodeSet filter;
  std::unique_ptr<icu::FilteredNormalizer2> filtered_nfc;
};

namespace {

bool ComputeNfcSafe(const icu::Normalizer2& n2, UChar32 c) {
  if (!n2.hasBoundaryBefore(c)) return false;
  UErrorCode status = U_ZERO_ERROR;
  return n2.quickCheck(icu::UnicodeString(c), status) == UNORM_YES &&
         U_SUCCESS(status);
}

// NfcSafe() of each BMP code point: 0 until first asked, then 1 (safe) or
// 2. Every folder has the same filter, so one table serves them all;
// threads that race on an entry store the same value.
std::atomic<uint8_t> safe_bmp[0x10000];

// The filtered normalizer leaves a code point outside `filter` alone (safe)
// and answers for the others as plain NFC does; asking plain NFC here is
// ten times cheaper than FilteredNormalizer2's per-string span.
bool BmpNfcSafe(const icu::Normalizer2& nfc, const icu::UnicodeSet& filter, UChar32 c) {
  uint8_t v = safe_bmp[c].load(std::memory_order_relaxed);
  if (v == 0) {
    bool safe = (c >= 0xD800 && c <= 0xDFFF) || !filter.contains(c) || ComputeNfcSafe(nfc, c);
    v = safe ? 1 : 2;
    safe_bmp[c].store(v, std::memory_order_relaxed);
  }
  return v == 1;
}

}  // namespace

UnicodeFolder::UnicodeFolder(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
UnicodeFolder::~UnicodeFolder() = default;

StatusOr<std::unique_ptr<UnicodeFolder>> UnicodeFolder::Create() {
  auto impl = std::make_unique<Impl>();
  UErrorCode status = U_ZERO_ERROR;
  impl->nfc = icu::Normalizer2::getNFCInstance(status);
  impl->nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) {
    return InternalError(std::string("ICU normalizer data: ") +
                         u_errorName(status));
  }
  impl->filter.add(0, 0x10FFFF);
  impl->filter.remove(0xF900, 0xFAFF);
  impl->filter.remove(0x2F800, 0x2FA1F);
  impl->filter.freeze();
  impl->filtered_nfc =
      std::make_unique<icu::FilteredNormalizer2>(*impl->nfc, impl->filter);
  return std::unique_ptr<UnicodeFolder>(new UnicodeFolder(std::move(impl)));
}

bool UnicodeFolder::NfcSafe(char32_t c) const {
  if (c < 0x10000) return BmpNfcSafe(*impl_->nfc, impl_->filter, static_cast<UChar32>(c));
  return IsHan(c) ||
         ComputeNfcSafe(*impl_->filtered_nfc, static_cast<UChar32>(c));
}

void UnicodeFolder::FindNfcEdits(std::string_view line,
                                 PassEdits* edits) const {
  bool safe = true;
  for (size_t i = 0; i < line.size() && safe;) {
    size_t len;
    char32_t c = CodePointAt(line, i, &len);
    safe = c < 0x80 || NfcSafe(c);
    i += len;
  }
  if (safe) return;
  std::string normalized;
  icu::StringByteSink<std::string> sink(&normalized);
  icu::Edits changes;
  UErrorCode status = U_ZERO_ERROR;
  impl_->filtered_nfc->normalizeUTF8(
      0, icu::StringPiece(line.data(), static_cast<int32_t>(line.size())), sink,
      &changes, status);
  if (U_FAILURE(status)) return;  // Leave the line as it was.
  icu::Edits::Iterator it = changes.getCoarseChangesIterator();
  while (it.next(status)) {
    if (!it.hasChange()) continue;
    edits->push_back({static_cast<size_t>(it.sourceIndex()),
                      static_cast<size_t>(it.oldLength()),
                      normalized.substr(it.destinationIndex(), it.newLength()),
                      "Unicode NFC"});
  }
}

namespace {

// Length of the run of Han-like code points at `i`; sets *has_han when the
// run holds a unified ideograph and *has_fold when it holds a radical or
// compatibility ideograph.
size_t HanRun(std::string_view line, size_t i, bool* has_han, bool* has_fold) {
  size_t start = i;
  while (i < line.size()) {
    size_t len;
    char32_t c = CodePointAt(line, i, &len);
    if (IsHan(c)) {
      *has_han = true;
    } else if (IsRadicalOrCompat(c)) {
      *has_fold = true;
    } else {
      break;
    }
    i += len;
  }
  return i - start;
}

}  // namespace

void UnicodeFolder::FindRadicalEdits(std::string_view line,
                                     PassEdits* edits) const {
  for (size_t i = 0; i < line.size();) {
    bool has_han = false, has_fold = false;
    size_t run = HanRun(line, i, &has_han, &has_fold);
    if (run == 0) {
      size_t len;
      CodePointAt(line, i, &len);
      i += len;
      continue;
    }
    for (size_t j = i; has_han && has_fold && j < i + run;) {
      size_t len;
      char32_t c = CodePointAt(line, j, &len);
      icu::UnicodeString mapped;
      bool kangxi = c < 0xF900;
      const icu::Normalizer2* n2 = kangxi ? impl_->nfkc : impl_->nfc;
      if (IsRadicalOrCompat(c) && n2->getDecomposition(c, mapped) &&
          mapped.countChar32() == 1 && IsHan(mapped.char32At(0))) {
        std::string after;
        AppendUtf8(mapped.char32At(0), &after);
        edits->push_back(
            {j, len, std::move(after),
             kangxi ? "Kangxi radical in Han text -> ideograph"
                    : "compatibility ideograph in Han text -> unified"});
      }
      j += len;
    }
    i += run;
  }
}

}  // namespace zhclean::internal
