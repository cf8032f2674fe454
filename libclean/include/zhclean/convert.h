// Script conversion through OpenCC (simplified, traditional, regional).
//
//   auto stage = zhclean::NewConvertStage("s2t");
//   if (!stage.ok()) { /* stage.status().message() names the config */ }
//
// Output is byte-identical to the `opencc` command-line tool of the same
// OpenCC installation for the same config. The default engine loads
// OpenCC's config and dictionaries through OpenCC and runs OpenCC's
// algorithm (maximum-match segmentation, then the conversion chain per
// segment) on a faster matcher; ScriptEngine::kOpencc calls OpenCC itself.
#ifndef ZHCLEAN_CONVERT_H_
#define ZHCLEAN_CONVERT_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zhclean/pipeline.h"
#include "zhclean/status.h"

namespace zhclean {

// Config names (without ".json") installed in OpenCC's data directory,
// sorted.
std::vector<std::string> ListScriptConfigs();

// Maps "s2t", "s2t.json" or a path to a config file to the file to load.
// Returns kNotFound when no such config exists.
StatusOr<std::string> ResolveScriptConfig(const std::string& name_or_path);

enum class ScriptEngine {
  kFast,    // OpenCC's dictionaries and algorithm on our matcher (default).
  kOpencc,  // OpenCC's own Converter, for cross-checking.
};

// A loaded OpenCC converter. Thread-safe: Convert() is const and may be
// called from several threads. Not copyable: owns the loaded dictionaries.
class ScriptConverter {
 public:
  // Returns kNotFound for an unknown config and kInvalidArgument when OpenCC
  // rejects the config or its dictionaries.
  static StatusOr<std::unique_ptr<ScriptConverter>> Create(
      const std::string& name_or_path, ScriptEngine engine = ScriptEngine::kFast);
  ~ScriptConverter();
  ScriptConverter(const ScriptConverter&) = delete;
  ScriptConverter& operator=(const ScriptConverter&) = delete;

  // Appends the conversion of valid UTF-8 `in` to *out. NUL bytes are kept
  // and split the text as they split OpenCC's own conversion.
  Status ConvertScript(std::string_view in, std::string* out) const;
  // The config name as given, e.g. "s2t".
  const std::string& config() const { return config_; }

 private:
  struct Impl;
  ScriptConverter(std::string config, std::unique_ptr<Impl> impl);
  std::string config_;
  std::unique_ptr<Impl> impl_;
};

// A Stage that converts script with `name_or_path`; edits are recorded per
// changed run of characters under rule "opencc:<config>".
StatusOr<std::unique_ptr<Stage>> NewConvertStage(
    const std::string& name_or_path, ScriptEngine engine = ScriptEngine::kFast);

}  // namespace zhclean

#endif  // ZHCLEAN_CONVERT_H_
