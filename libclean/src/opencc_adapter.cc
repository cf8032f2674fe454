// The only file that includes OpenCC headers.
#include <opencc/Exception.hpp>
#include <opencc/SimpleConverter.hpp>

#include <algorithm>
#include <filesystem>

#include "diff_edits.h"
#include "zhclean/convert.h"

#ifndef ZHCLEAN_OPENCC_DATADIR
#define ZHCLEAN_OPENCC_DATADIR "/usr/share/opencc"
#endif

namespace zhclean {

namespace fs = std::filesystem;

struct ScriptConverter::Impl {
  explicit Impl(const std::string& path) : converter(path) {}
  opencc::SimpleConverter converter;
};

std::vector<std::string> ListScriptConfigs() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(ZHCLEAN_OPENCC_DATADIR, ec)) {
    if (entry.path().extension() == ".json") {
      names.push_back(entry.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

StatusOr<std::string> ResolveScriptConfig(const std::string& name_or_path) {
  std::error_code ec;
  if (name_or_path.find('/') != std::string::npos) {
    if (fs::is_regular_file(name_or_path, ec)) return name_or_path;
    return NotFoundError("no OpenCC config file '" + name_or_path + "'");
  }
  std::string file = name_or_path;
  if (file.size() < 5 || file.compare(file.size() - 5, 5, ".json") != 0) {
    file += ".json";
  }
  std::string path = std::string(ZHCLEAN_OPENCC_DATADIR) + "/" + file;
  if (fs::is_regular_file(path, ec)) return path;
  return NotFoundError("unknown OpenCC config '" + name_or_path + "'");
}

ScriptConverter::ScriptConverter(std::string config, std::unique_ptr<Impl> impl)
    : config_(std::move(config)), impl_(std::move(impl)) {}
ScriptConverter::~ScriptConverter() = default;

StatusOr<std::unique_ptr<ScriptConverter>> ScriptConverter::Create(
    const std::string& name_or_path) {
  ZHCLEAN_ASSIGN_OR_RETURN(std::string path, ResolveScriptConfig(name_or_path));
  std::string name = fs::path(name_or_path).stem().string();
  try {
    auto impl = std::make_unique<Impl>(path);
    return std::unique_ptr<ScriptConverter>(
        new ScriptConverter(name, std::move(impl)));
  } catch (const opencc::Exception& e) {  // Not a std::exception.
    return InvalidArgumentError("OpenCC cannot load '" + path + "': " + e.what());
  } catch (const std::exception& e) {
    return InvalidArgumentError("OpenCC cannot load '" + path + "': " + e.what());
  }
}

Status ScriptConverter::ConvertScript(std::string_view in, std::string* out) const {
  try {
    // OpenCC stops at NUL; convert each NUL-free piece and keep the NULs.
    while (true) {
      size_t nul = in.find('\0');
      std::string_view piece = in.substr(0, nul);
      if (!piece.empty()) {
        out->append(impl_->converter.Convert(piece.data(), piece.size()));
      }
      if (nul == std::string_view::npos) break;
      out->push_back('\0');
      in.remove_prefix(nul + 1);
    }
  } catch (const opencc::Exception& e) {
    return InternalError(std::string("OpenCC conversion failed: ") + e.what());
  } catch (const std::exception& e) {
    return InternalError(std::string("OpenCC conversion failed: ") + e.what());
  }
  return OkStatus();
}

namespace {

class ConvertStage : public Stage {
 public:
  explicit ConvertStage(std::unique_ptr<ScriptConverter> converter)
      : converter_(std::move(converter)), rule_("opencc:" + converter_->config()) {}
  const char* name() const override { return "convert"; }
  Status Process(std::string_view in, std::string* out, EditLog* log) override {
    size_t start = out->size();
    ZHCLEAN_RETURN_IF_ERROR(converter_->ConvertScript(in, out));
    internal::RecordDiffEdits(in, std::string_view(*out).substr(start), rule_,
                              "script conversion", log);
    return OkStatus();
  }

 private:
  std::unique_ptr<ScriptConverter> converter_;
  std::string rule_;
};

}  // namespace

StatusOr<std::unique_ptr<Stage>> NewConvertStage(const std::string& name_or_path) {
  ZHCLEAN_ASSIGN_OR_RETURN(auto converter, ScriptConverter::Create(name_or_path));
  return std::unique_ptr<Stage>(new ConvertStage(std::move(converter)));
}

}  // namespace zhclean
