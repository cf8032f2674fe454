// The only file that includes OpenCC headers.
#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Dict.hpp>
#include <opencc/DictEntry.hpp>
#include <opencc/DictGroup.hpp>
#include <opencc/Exception.hpp>
#include <opencc/Lexicon.hpp>
#include <opencc/MaxMatchSegmentation.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>

#include "convert_edits.h"
#include "script_dict.h"
#include "zhclean/convert.h"

#ifndef ZHCLEAN_OPENCC_DATADIR
#define ZHCLEAN_OPENCC_DATADIR "/usr/share/opencc"
#endif

namespace zhclean {

namespace fs = std::filesystem;

struct ScriptConverter::Impl {
  opencc::ConverterPtr converter;               // OpenCC's own engine; null for kFast.
  std::shared_ptr<const internal::ScriptChain> chain;  // Our engine; null for kOpencc.
};

namespace {

// Lists the leaf dictionaries of `dict` in OpenCC's first-match order.
void Leaves(const opencc::DictPtr& dict, std::vector<const opencc::Dict*>* out) {
  if (auto nested = std::dynamic_pointer_cast<opencc::DictGroup>(dict)) {
    for (const auto& d : nested->GetDicts()) Leaves(d, out);
  } else {
    out->push_back(dict.get());
  }
}

using LeafCache = std::map<const opencc::Dict*, std::shared_ptr<const internal::PrefixDict>>;

// Builds each OpenCC dictionary into our matcher once, however many groups
// use it.
std::unique_ptr<internal::PrefixDictGroup> Group(const std::vector<const opencc::Dict*>& leaves,
                                                 LeafCache* cache) {
  auto group = std::make_unique<internal::PrefixDictGroup>();
  for (const opencc::Dict* dict : leaves) {
    auto& leaf = (*cache)[dict];
    if (!leaf) {
      auto built = std::make_shared<internal::PrefixDict>();
      for (const auto& entry : *dict->GetLexicon()) built->Add(entry->Key(), entry->GetDefault());
      leaf = std::move(built);
    }
    group->Add(leaf);
  }
  return group;
}

// Rebuilds OpenCC's segmentation and conversion chain over our matcher.
StatusOr<std::unique_ptr<internal::ScriptChain>> BuildChain(const opencc::Converter& converter) {
  auto segmentation =
      std::dynamic_pointer_cast<opencc::MaxMatchSegmentation>(converter.GetSegmentation());
  if (!segmentation) return InvalidArgumentError("unsupported OpenCC segmentation type");
  std::vector<const opencc::Dict*> segmentation_leaves;
  Leaves(segmentation->GetDict(), &segmentation_leaves);
  LeafCache cache;
  std::vector<std::unique_ptr<internal::PrefixDictGroup>> conversions;
  std::unique_ptr<internal::PrefixDictGroup> first_rest;
  for (const auto& conversion : converter.GetConversionChain()->GetConversions()) {
    std::vector<const opencc::Dict*> leaves;
    Leaves(conversion->GetDict(), &leaves);
    if (conversions.empty() && leaves.size() >= segmentation_leaves.size() &&
        std::equal(segmentation_leaves.begin(), segmentation_leaves.end(), leaves.begin())) {
      first_rest = Group({leaves.begin() + segmentation_leaves.size(), leaves.end()}, &cache);
    }
    conversions.push_back(Group(leaves, &cache));
  }
  return std::make_unique<internal::ScriptChain>(Group(segmentation_leaves, &cache),
                                                 std::move(conversions), std::move(first_rest));
}

// Loads `path` through OpenCC and rebuilds it over our matcher; OpenCC's
// own dictionaries are released on return.
StatusOr<std::shared_ptr<const internal::ScriptChain>> BuildChainFromFile(
    const std::string& path) {
  try {
    opencc::Config config;
    opencc::ConverterPtr converter = config.NewFromFile(path);
    ZHCLEAN_ASSIGN_OR_RETURN(std::unique_ptr<internal::ScriptChain> chain,
                             BuildChain(*converter));
    return std::shared_ptr<const internal::ScriptChain>(std::move(chain));
  } catch (const opencc::Exception& e) {  // Not a std::exception.
    return InvalidArgumentError("OpenCC cannot load '" + path + "': " + e.what());
  } catch (const std::exception& e) {
    return InvalidArgumentError("OpenCC cannot load '" + path + "': " + e.what());
  }
}

}  // namespace

namespace internal {

StatusOr<std::shared_ptr<const ScriptChain>> LoadScriptChain(const std::string& path) {
  // Never destroyed: worker threads may still convert while the process
  // exits. The lock is held while building, so concurrent callers (the -j
  // workers) wait for the one build instead of each loading a copy.
  static auto* mutex = new std::mutex;
  static auto* chains = new std::map<std::string, std::shared_ptr<const ScriptChain>>;
  std::error_code ec;
  fs::path canonical = fs::canonical(path, ec);
  std::string key = ec ? path : canonical.string();
  std::lock_guard<std::mutex> lock(*mutex);
  auto it = chains->find(key);
  if (it != chains->end()) return it->second;
  ZHCLEAN_ASSIGN_OR_RETURN(std::shared_ptr<const ScriptChain> chain, BuildChainFromFile(path));
  chains->emplace(key, chain);
  return chain;
}

StatusOr<std::vector<std::string>> ScriptConfigKeys(const std::string& path) {
  try {
    opencc::Config config;
    opencc::ConverterPtr converter = config.NewFromFile(path);
    auto segmentation =
        std::dynamic_pointer_cast<opencc::MaxMatchSegmentation>(converter->GetSegmentation());
    std::vector<const opencc::Dict*> leaves;
    if (segmentation) Leaves(segmentation->GetDict(), &leaves);
    for (const auto& conversion : converter->GetConversionChain()->GetConversions()) {
      Leaves(conversion->GetDict(), &leaves);
    }
    std::vector<std::string> keys;
    for (const opencc::Dict* dict : leaves) {
      for (const auto& entry : *dict->GetLexicon()) keys.push_back(entry->Key());
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
  } catch (const opencc::Exception& e) {  // Not a std::exception.
    return InvalidArgumentError("OpenCC cannot load '" + path + "': " + e.what());
  } catch (const std::exception& e) {
    return InvalidArgumentError("OpenCC cannot load '" + path + "': " + e.what());
  }
}

}  // namespace internal

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
    const std::string& name_or_path, ScriptEngine engine) {
  ZHCLEAN_ASSIGN_OR_RETURN(std::string path, ResolveScriptConfig(name_or_path));
  std::string name = fs::path(name_or_path).stem().string();
  auto impl = std::make_unique<Impl>();
  if (engine == ScriptEngine::kFast) {
    ZHCLEAN_ASSIGN_OR_RETURN(impl->chain, internal::LoadScriptChain(path));
  } else {
    try {
      opencc::Config config;
      impl->converter = config.NewFromFile(path);
    } catch (const opencc::Exception& e) {  // Not a std::exception.
      return InvalidArgumentError("OpenCC cannot load '" + path + "': " + e.what());
    } catch (const std::exception& e) {
      return InvalidArgumentError("OpenCC cannot load '" + path + "': " + e.what());
    }
  }
  return std::unique_ptr<ScriptConverter>(new ScriptConverter(name, std::move(impl)));
}

namespace {

// Appends the conversion of `in` to *out by `chain`, or by OpenCC's
// `converter` when `chain` is null. OpenCC stops at NUL: each NUL-free
// piece is converted and the NULs are kept. `tally` as in ScriptChain.
Status ConvertPieces(const internal::ScriptChain* chain, const opencc::Converter* converter,
                     std::string_view in, std::string* out, internal::ConvertTally* tally) {
  try {
    while (true) {
      size_t nul = in.find('\0');
      std::string_view piece = in.substr(0, nul);
      if (piece.empty()) {
      } else if (chain) {
        chain->Convert(piece, out, tally);
      } else {
        out->append(converter->Convert(std::string(piece)));
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

}  // namespace

Status ScriptConverter::ConvertScript(std::string_view in, std::string* out) const {
  return ConvertPieces(impl_->chain.get(), impl_->converter.get(), in, out, nullptr);
}

namespace {

class ConvertStage : public Stage {
 public:
  // `chain` is the fast engine's chain (null for OpenCC's engine).
  ConvertStage(std::unique_ptr<ScriptConverter> converter,
               std::shared_ptr<const internal::ScriptChain> chain)
      : converter_(std::move(converter)),
        chain_(std::move(chain)),
        rule_("opencc:" + converter_->config()) {}
  const char* name() const override { return "convert"; }
  Status Process(std::string_view in, std::string* out, EditLog* log) override {
    size_t start = out->size();
    if (chain_ && !log->detailed()) {
      // Only counts are wanted: the chain tallies them while converting.
      internal::ConvertTally tally;
      ZHCLEAN_RETURN_IF_ERROR(ConvertPieces(chain_.get(), nullptr, in, out, &tally));
      if (tally.exact) {
        log->Count(rule_, tally.runs);
        return OkStatus();
      }
    } else {
      ZHCLEAN_RETURN_IF_ERROR(converter_->ConvertScript(in, out));
    }
    internal::RecordConvertEdits(in, std::string_view(*out).substr(start), rule_,
                                 "script conversion", log);
    return OkStatus();
  }

 private:
  std::unique_ptr<ScriptConverter> converter_;
  std::shared_ptr<const internal::ScriptChain> chain_;
  std::string rule_;
};

}  // namespace

StatusOr<std::unique_ptr<Stage>> NewConvertStage(const std::string& name_or_path,
                                                 ScriptEngine engine) {
  ZHCLEAN_ASSIGN_OR_RETURN(auto converter, ScriptConverter::Create(name_or_path, engine));
  std::shared_ptr<const internal::ScriptChain> chain;
  if (engine == ScriptEngine::kFast) {
    // The cached chain Create() just loaded.
    ZHCLEAN_ASSIGN_OR_RETURN(std::string path, ResolveScriptConfig(name_or_path));
    ZHCLEAN_ASSIGN_OR_RETURN(chain, internal::LoadScriptChain(path));
  }
  return std::unique_ptr<Stage>(new ConvertStage(std::move(converter), std::move(chain)));
}

}  // namespace zhclean
