// A fast re-implementation of OpenCC's conversion algorithm over
// dictionaries loaded by OpenCC itself (see opencc_adapter.cc): maximum
// forward matching for segmentation, then each conversion of the chain
// applied to every segment by longest-prefix matching. Output is
// byte-identical to OpenCC's (tested on the corpora and OpenCC's own cases).
#ifndef ZHCLEAN_SRC_SCRIPT_DICT_H_
#define ZHCLEAN_SRC_SCRIPT_DICT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace zhclean::internal {

// One dictionary: key -> default value, with longest-prefix lookup by a
// code-point trie (root children in a flat array, deeper edges in an
// open-addressing hash table keyed by node and code point).
// Not copyable: owns large tables; held by unique_ptr.
class PrefixDict {
 public:
  PrefixDict();
  PrefixDict(const PrefixDict&) = delete;
  PrefixDict& operator=(const PrefixDict&) = delete;

  // Adds an entry; a later duplicate key is ignored. Keys are valid UTF-8.
  void Add(std::string_view key, std::string_view value);
  // Length in bytes of the longest key that is a prefix of valid UTF-8
  // `s`, or 0; sets *value to its value.
  size_t MatchPrefix(std::string_view s, std::string_view* value) const;
  size_t size() const { return entries_; }

 private:
  static constexpr uint32_t kNone = 0xFFFFFFFF;
  // A one-hash Bloom filter over edges: most lookups of a second character
  // fail, and the filter answers them without touching the big table.
  static constexpr size_t kFilterBits = size_t{1} << 21;
  uint32_t Child(uint32_t node, char32_t cp) const;
  uint32_t AddChild(uint32_t node, char32_t cp);
  void Grow();

  std::vector<uint32_t> root_;             // BMP code point -> node.
  std::vector<uint64_t> edge_keys_;        // (node << 21 | cp) + 1; 0 = empty.
  std::vector<uint32_t> edge_nodes_;
  std::vector<uint64_t> filter_;
  size_t edges_ = 0;
  std::vector<uint32_t> value_of_;         // Node -> index in value_ends_, or kNone.
  std::string values_;                     // All values, back to back.
  std::vector<uint32_t> value_ends_;       // End of value i in values_.
  size_t entries_ = 0;
};

// OpenCC's DictGroup: the first dictionary with any match wins.
// Groups share dictionaries: a config often uses the same file for
// segmentation and conversion.
class PrefixDictGroup {
 public:
  void Add(std::shared_ptr<const PrefixDict> dict) { dicts_.push_back(std::move(dict)); }
  size_t MatchPrefix(std::string_view s, std::string_view* value) const;

 private:
  std::vector<std::shared_ptr<const PrefixDict>> dicts_;
};

// A whole OpenCC config: segmentation dictionary plus conversion chain.
class ScriptChain {
 public:
  // When `first_is_segmentation`, conversions[0] holds the very same
  // dictionaries as the segmentation: each matched segment then converts to
  // its own match value and an unmatched run to itself (no key matches
  // inside it), so that conversion is taken from the segmentation pass.
  ScriptChain(std::unique_ptr<PrefixDictGroup> segmentation,
              std::vector<std::unique_ptr<PrefixDictGroup>> conversions,
              bool first_is_segmentation)
      : segmentation_(std::move(segmentation)), conversions_(std::move(conversions)),
        skip_(first_is_segmentation && !conversions_.empty() ? 1 : 0) {}

  // Appends the conversion of valid, NUL-free UTF-8 `in` to *out.
  // Thread-safe.
  void Convert(std::string_view in, std::string* out) const;

 private:
  void ConvertSegment(std::string_view segment, std::string* out,
                      std::string* scratch) const;

  std::unique_ptr<PrefixDictGroup> segmentation_;
  std::vector<std::unique_ptr<PrefixDictGroup>> conversions_;
  size_t skip_;  // Conversions already done by segmentation (0 or 1).
};

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_SCRIPT_DICT_H_
