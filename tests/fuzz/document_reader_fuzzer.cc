// Fuzzes the document readers (text, lines, JSONL, NUL-separated) and the
// driver around them. The first two bytes choose the options; the rest is
// the input stream.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "zhclean/pipeline.h"
#include "zhclean/stream.h"

namespace {

// Passes text through but holds back the last line until Finish, like
// stages that need context, so the driver's flushing paths run too.
class HoldLastLineStage : public zhclean::Stage {
 public:
  const char* name() const override { return "hold"; }
  void BeginDocument() override { held_.clear(); }
  zhclean::Status Process(std::string_view in, std::string* out,
                          zhclean::EditLog* log) override {
    held_.append(in);
    size_t nl = held_.rfind('\n');
    if (nl != std::string::npos) {
      out->append(held_, 0, nl + 1);
      held_.erase(0, nl + 1);
    }
    if (!in.empty() && in[0] == 'x') log->Record(log->chunk_base(), "x", "x", "fuzz", "probe");
    return zhclean::OkStatus();
  }
  zhclean::Status Finish(std::string* out, zhclean::EditLog*) override {
    out->append(held_);
    held_.clear();
    return zhclean::OkStatus();
  }

 private:
  std::string held_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2 || size > 1 << 16) return 0;
  uint8_t a = data[0], b = data[1];
  zhclean::StreamOptions options;
  options.format = static_cast<zhclean::DocumentFormat>(a % 3);
  options.nul_separated = a & 0x04;
  options.keep_bad_records = a & 0x08;
  options.keep_invalid_utf8 = a & 0x10;
  options.field = (a & 0x20) ? "t" : "text";
  options.chunk_size = 16 + (b % 64);
  options.max_record = 32 + (b % 200);
  zhclean::EditSink sink = [](const zhclean::Edit& e) {
    std::string json = zhclean::EditJson("fuzz", e);
    (void)json;
  };
  zhclean::Pipeline pipeline(&sink);
  if (a & 0x40) pipeline.Add(std::make_unique<HoldLastLineStage>());
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 2, size - 2));
  std::ostringstream out;
  zhclean::StreamReport report;
  zhclean::Status status = zhclean::CleanStream(
      "fuzz", in, out, &pipeline, options, &report,
      [](const zhclean::Diagnostic& d) { (void)d.ToString(); });
  // A successful run reads every byte.
  if (status.ok() && report.bytes_in != size - 2) __builtin_trap();
  return 0;
}
