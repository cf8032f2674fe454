// Encoding names and the streaming Decoder, on ICU converters.
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>

#include <algorithm>
#include <cctype>

#include "utf8.h"
#include "zhclean/encoding.h"

namespace zhclean {

namespace {

const char* IcuName(Encoding e) {
  switch (e) {
    case Encoding::kUtf8: return "UTF-8";
    case Encoding::kGb18030: return "gb18030";
    case Encoding::kBig5: return "Big5-HKSCS";
    case Encoding::kUtf16Le: return "UTF-16LE";
    case Encoding::kUtf16Be: return "UTF-16BE";
  }
  return "UTF-8";
}

// Counts each invalid sequence, then substitutes U+FFFD.
struct ErrorContext {
  const char* chunk_start = nullptr;
  uint64_t chunk_offset = 0;
  DecodeReport* report = nullptr;
};

void CountingCallback(const void* context, UConverterToUnicodeArgs* args,
                      const char* code_units, int32_t length,
                      UConverterCallbackReason reason, UErrorCode* status) {
  if (reason > UCNV_IRREGULAR) return;  // Reset, close, clone.
  auto* ctx = static_cast<const ErrorContext*>(context);
  if (ctx->report != nullptr) {
    if (ctx->report->invalid_sequences == 0) {
      int64_t pos = args->source - ctx->chunk_start - length;
      ctx->report->first_invalid_offset = ctx->chunk_offset + static_cast<uint64_t>(std::max<int64_t>(pos, 0));
    }
    ++ctx->report->invalid_sequences;
  }
  (void)code_units;
  static const UChar kFffd = 0xFFFD;
  *status = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kFffd, 1, 0, status);
}

}  // namespace

const char* EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kUtf8: return "UTF-8";
    case Encoding::kGb18030: return "GB18030";
    case Encoding::kBig5: return "Big5";
    case Encoding::kUtf16Le: return "UTF-16LE";
    case Encoding::kUtf16Be: return "UTF-16BE";
  }
  return "UTF-8";
}

StatusOr<Encoding> ParseEncodingName(std::string_view name) {
  std::string n;
  for (char c : name) {
    if (c != '-' && c != '_') n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (n == "utf8" || n == "ascii" || n == "usascii") return Encoding::kUtf8;
  if (n == "gb18030" || n == "gbk" || n == "gb2312" || n == "cp936" || n == "euccn" ||
      n == "windows936") {
    return Encoding::kGb18030;
  }
  if (n == "big5" || n == "big5hkscs" || n == "cp950" || n == "windows950") {
    return Encoding::kBig5;
  }
  if (n == "utf16le") return Encoding::kUtf16Le;
  if (n == "utf16be") return Encoding::kUtf16Be;
  return InvalidArgumentError("unknown encoding '" + std::string(name) +
                              "' (expected UTF-8, GB18030, GBK, GB2312, Big5, "
                              "Big5-HKSCS, UTF-16LE or UTF-16BE)");
}

struct Decoder::Impl {
  UConverter* converter = nullptr;
  ErrorContext context;
  uint64_t offset = 0;        // Stream offset of the next input byte.
  char16_t high = 0;          // A high surrogate waiting for its pair.
  std::u16string buffer;
  ~Impl() {
    if (converter != nullptr) ucnv_close(converter);
  }
  void AppendUtf16(const char16_t* p, const char16_t* end, std::string* out);
};

void Decoder::Impl::AppendUtf16(const char16_t* p, const char16_t* end,
                                std::string* out) {
  size_t at = out->size();
  out->resize(at + 3 * static_cast<size_t>(end - p));  // BMP: at most 3 bytes each.
  char* w = out->data() + at;
  // Fast loop over BMP characters outside the surrogate range.
  for (; p < end && high == 0 && (*p < 0xD800 || *p > 0xDFFF); ++p) {
    char16_t u = *p;
    if (u < 0x80) {
      *w++ = static_cast<char>(u);
    } else if (u < 0x800) {
      *w++ = static_cast<char>(0xC0 | (u >> 6));
      *w++ = static_cast<char>(0x80 | (u & 0x3F));
    } else {
      *w++ = static_cast<char>(0xE0 | (u >> 12));
      *w++ = static_cast<char>(0x80 | ((u >> 6) & 0x3F));
      *w++ = static_cast<char>(0x80 | (u & 0x3F));
    }
  }
  out->resize(static_cast<size_t>(w - out->data()));
  for (; p < end; ++p) {
    char16_t u = *p;
    if (high != 0) {
      char16_t h = high;
      high = 0;
      if (u >= 0xDC00 && u <= 0xDFFF) {
        internal::AppendUtf8(0x10000 + ((h - 0xD800) << 10) + (u - 0xDC00), out);
        continue;
      }
      internal::AppendUtf8(0xFFFD, out);
    }
    if (u >= 0xD800 && u <= 0xDBFF) {
      high = u;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      internal::AppendUtf8(0xFFFD, out);
    } else {
      internal::AppendUtf8(u, out);
    }
  }
}

Decoder::Decoder(Encoding encoding, std::unique_ptr<Impl> impl)
    : encoding_(encoding), impl_(std::move(impl)) {}
Decoder::~Decoder() = default;

StatusOr<std::unique_ptr<Decoder>> Decoder::Create(Encoding encoding) {
  auto impl = std::make_unique<Impl>();
  UErrorCode status = U_ZERO_ERROR;
  impl->converter = ucnv_open(IcuName(encoding), &status);
  if (U_FAILURE(status)) {
    return InternalError(std::string("ICU cannot open a converter for ") +
                         EncodingName(encoding) + ": " + u_errorName(status));
  }
  ucnv_setToUCallBack(impl->converter, CountingCallback, &impl->context, nullptr,
                      nullptr, &status);
  if (U_FAILURE(status)) {
    return InternalError(std::string("ICU cannot set a callback: ") + u_errorName(status));
  }
  impl->buffer.resize(16 * 1024);
  return std::unique_ptr<Decoder>(new Decoder(encoding, std::move(impl)));
}

void Decoder::Reset() {
  ucnv_resetToUnicode(impl_->converter);
  impl_->offset = 0;
  impl_->high = 0;
}

Status Decoder::DecodeToUtf8(std::string_view in, bool flush, std::string* out,
                             DecodeReport* report) {
  Impl& d = *impl_;
  d.context.chunk_start = in.data();
  d.context.chunk_offset = d.offset;
  d.context.report = report;
  const char* source = in.data();
  const char* source_end = in.data() + in.size();
  while (true) {
    UChar* target = reinterpret_cast<UChar*>(d.buffer.data());
    UChar* target_start = target;
    UErrorCode status = U_ZERO_ERROR;
    ucnv_toUnicode(d.converter, &target, target + d.buffer.size(), &source, source_end,
                   nullptr, flush, &status);
    d.AppendUtf16(reinterpret_cast<const char16_t*>(target_start),
                  reinterpret_cast<const char16_t*>(target), out);
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(status)) {
      d.context.report = nullptr;
      return InternalError(std::string("ICU ") + EncodingName(encoding_) +
                           " decoder failed near byte " +
                           std::to_string(d.offset + (source - in.data())) + ": " +
                           u_errorName(status));
    }
    break;
  }
  d.offset += in.size();
  if (flush && d.high != 0) {
    d.high = 0;
    internal::AppendUtf8(0xFFFD, out);
    if (report != nullptr) ++report->invalid_sequences;
  }
  d.context.report = nullptr;
  return OkStatus();
}

}  // namespace zhclean
