// A fast re-implementation of OpenCC's conversion algorithm over
// dictionaries loaded by OpenCC itself (see opencc_adapter.cc): maximum
// forward matching for segmentation, then each conversion of the chain
// applied to every segment by longest-prefix matching. Output is
// byte-identical to OpenCC's (tested on the corpora, OpenCC's own cases and
// random mixes of dictionary keys).
#ifndef ZHCLEAN_SRC_SCRIPT_DICT_H_
#define ZHCLEAN_SRC_SCRIPT_DICT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zhclean/status.h"

namespace zhclean::internal {

// Length of the UTF-8 sequence led by byte `c` (valid UTF-8 assumed).
inline size_t Utf8CharLength(unsigned char c) {
  return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

// Decodes the code point at s[*i] of valid UTF-8 and advances *i (the
// inlined hot path of the matchers).
inline char32_t DecodeValidUtf8(std::string_view s, size_t* i) {
  auto c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) {
    *i += 1;
    return c;
  }
  auto at = [&](size_t k) { return static_cast<char32_t>(s[*i + k] & 0x3F); };
  char32_t cp;
  if (c < 0xE0) {
    cp = ((c & 0x1F) << 6) | at(1);
  } else if (c < 0xF0) {
    cp = ((c & 0x0F) << 12) | (at(1) << 6) | at(2);
  } else {
    cp = ((c & 0x07) << 18) | (at(1) << 12) | (at(2) << 6) | at(3);
  }
  *i += Utf8CharLength(c);
  return cp;
}

// The edits of a conversion as the convert stage counts them without an
// --explain sink (RecordConvertEdits: one per changed run of each line),
// tallied while converting instead of by diffing the output against the
// input. A changed run is a stretch of consecutive input characters each
// replaced by one different character. A replacement that changes the
// number of characters makes the tally inexact: the caller diffs instead.
struct ConvertTally {
  uint64_t runs = 0;
  const char* run_end = nullptr;  // Input end of the last changed character.
  bool exact = true;

  // Notes that `key` (a view of the input) was replaced by `value`. The
  // common case, the same byte length and the same character lengths, is
  // compared character by character in place.
  void Note(std::string_view key, std::string_view value) {
    if (key.size() != value.size()) return NoteLong(key, value);
    const char* k = key.data();
    const char* v = value.data();
    uint64_t runs_before = runs;
    const char* run_end_before = run_end;
    for (size_t i = 0; i < key.size();) {
      size_t n = Utf8CharLength(static_cast<unsigned char>(k[i]));
      if (Utf8CharLength(static_cast<unsigned char>(v[i])) != n) {
        runs = runs_before;  // Start again the slow way.
        run_end = run_end_before;
        return NoteLong(key, value);
      }
      bool same = k[i] == v[i];
      for (size_t b = 1; b < n; ++b) same &= k[i + b] == v[i + b];
      if (!same) Changed(k + i, n);
      i += n;
    }
  }
  void Changed(const char* at, size_t n) {
    if (at != run_end) ++runs;
    run_end = at + n;
  }
  // Note() for any key and value, decoding both.
  void NoteLong(std::string_view key, std::string_view value);
};

// What a dictionary holds for keys starting with one code point.
struct FirstCharInfo {
  bool is_key = false;       // The code point alone is a key (value below).
  bool has_longer = false;   // Some longer key starts with it.
  std::string_view value;
};

// One dictionary: key -> default value, with longest-prefix lookup by a
// code-point trie (root children in a flat array, deeper edges in an
// open-addressing hash table keyed by node and code point).
// Not copyable: owns large tables; shared through shared_ptr<const>.
class PrefixDict {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFF;  // No such node.

  PrefixDict();
  PrefixDict(const PrefixDict&) = delete;
  PrefixDict& operator=(const PrefixDict&) = delete;

  // Adds an entry; a later duplicate key is ignored. Keys are valid UTF-8.
  void Add(std::string_view key, std::string_view value);
  // Length in bytes of the longest key that is a prefix of valid UTF-8
  // `s`, or 0; sets *value to its value.
  size_t MatchPrefix(std::string_view s, std::string_view* value) const;
  // The trie node of the one-character prefix `cp`, or kNone.
  uint32_t RootNode(char32_t cp) const { return Child(0, cp); }
  // MatchPrefix() of `s` whose first `pos` bytes (one character) led to
  // `node` (from RootNode()).
  // Inline: the hot path of ConvertOnePass(), where most calls end at
  // the root node's info word.
  size_t MatchFrom(uint32_t node, std::string_view s, size_t pos, std::string_view* value) const {
    size_t best = 0;
    uint64_t info = node_info_[node];
    if (uint32_t v = info & kNoValue; v != kNoValue) {
      best = pos;
      *value = Value(v);
    }
    while (pos < s.size() && (info & kHasChildren)) {
      char32_t cp = DecodeValidUtf8(s, &pos);
      if (!(info & SignatureBit(cp))) break;
      node = Child(node, cp);
      if (node == kNone) break;
      info = node_info_[node];
      if (uint32_t v = info & kNoValue; v != kNoValue) {
        best = pos;
        *value = Value(v);
      }
    }
    return best;
  }
  // The keys that start with `cp`.
  FirstCharInfo FirstChar(char32_t cp) const;
  size_t size() const { return entries_; }
  // Some key or value holds a newline.
  bool has_newline() const { return has_newline_; }

 private:
  // node_info_: low 31 bits = value index or kNoValue; bit 31 = the node
  // has children (a lookup stops at a leaf without probing further); the
  // high 32 bits = one bit per hash of a child's code point, read with the
  // node's value, so most missing children are ruled out without a probe.
  static constexpr uint32_t kNoValue = 0x7FFFFFFF;
  static constexpr uint32_t kHasChildren = 0x80000000;
  // A one-hash Bloom filter over edges: most lookups of a second character
  // fail, and the filter answers them without touching the big table.
  static constexpr size_t kFilterBits = size_t{1} << 21;
  static uint64_t SignatureBit(char32_t cp) {
    return uint64_t{1} << (32 + ((cp * 0x9E3779B1u) >> 27));
  }
  uint32_t Child(uint32_t node, char32_t cp) const;
  uint32_t AddChild(uint32_t node, char32_t cp);
  void Grow();
  std::string_view Value(uint32_t index) const {
    uint32_t begin = index == 0 ? 0 : value_ends_[index - 1];
    return std::string_view(values_.data() + begin, value_ends_[index] - begin);
  }

  std::vector<uint32_t> root_;             // BMP code point -> node.
  std::vector<uint64_t> edge_keys_;        // (node << 21 | cp) + 1; 0 = empty.
  std::vector<uint32_t> edge_nodes_;
  std::vector<uint64_t> filter_;
  size_t edges_ = 0;
  std::vector<uint64_t> node_info_;        // Node -> signature | value index | kHasChildren.
  std::string values_;                     // All values, back to back.
  std::vector<uint32_t> value_ends_;       // End of value i in values_.
  size_t entries_ = 0;
  bool has_newline_ = false;
};

// OpenCC's DictGroup: the first dictionary with any match wins. A flat
// table over the BMP answers most first characters at once: no key of any
// dictionary starts with it, or only the character alone is a key.
// Groups share dictionaries: a config often uses the same file for
// segmentation and conversion.
class PrefixDictGroup {
 public:
  // first_ entries: offset << 8 | length of the value in values_, or:
  static constexpr uint32_t kNoMatch = 0xFFFFFFFF;  // No key starts here.
  static constexpr uint32_t kSlow = 0xFFFFFFFE;     // Ask the dictionaries.

  PrefixDictGroup();
  void Add(std::shared_ptr<const PrefixDict> dict);
  // What the first-character table says about valid UTF-8 `s` (not empty).
  enum class First {
    kNone,   // No key starts with its first character.
    kValue,  // Only that character is a key: *value is set.
    kSlow,   // Longer keys start with it: ask MatchSlow().
  };
  // Sets *len to the length of the first character.
  First Lookup(std::string_view s, size_t* len, std::string_view* value) const {
    auto c = static_cast<unsigned char>(s[0]);
    uint32_t entry;
    if (c < 0x80) {
      *len = 1;
      entry = first_[c];
    } else {
      size_t i = 0;
      char32_t cp = DecodeValidUtf8(s, &i);
      *len = i;
      entry = cp < 0x10000 ? first_[cp] : kSlow;
    }
    return Resolve(entry, value);
  }
  // The first-character table's entry for BMP code point `cp`, and what it
  // says (as Lookup()).
  uint32_t Entry(char32_t cp) const { return first_[cp]; }
  First Resolve(uint32_t entry, std::string_view* value) const {
    if (entry == kNoMatch) return First::kNone;
    if (entry == kSlow) return First::kSlow;
    *value = std::string_view(values_.data() + (entry >> 8), entry & 0xFF);
    return First::kValue;
  }
  // As PrefixDict::MatchPrefix, for the first dictionary with a match.
  size_t MatchPrefix(std::string_view s, std::string_view* value) const {
    if (s.empty()) return 0;
    size_t len;
    First first = Lookup(s, &len, value);
    if (first == First::kNone) return 0;
    return first == First::kSlow ? MatchSlow(s, value) : len;
  }
  // MatchPrefix() past the first-character table.
  size_t MatchSlow(std::string_view s, std::string_view* value) const;
  bool empty() const { return dicts_.empty(); }
  bool has_newline() const;
  const std::vector<std::shared_ptr<const PrefixDict>>& dicts() const { return dicts_; }

 private:

  std::vector<std::shared_ptr<const PrefixDict>> dicts_;
  std::vector<uint32_t> first_;  // BMP code point -> entry.
  std::string values_;
};

// A whole OpenCC config: segmentation dictionary plus conversion chain.
// Immutable once built: one instance serves every thread.
class ScriptChain {
 public:
  // `first_rest`, when not null, says that conversions[0] starts with the
  // very dictionaries of the segmentation and holds the others: a matched
  // segment then converts to its own match value (the same dictionary
  // matches it whole) and an unmatched run, where no segmentation key
  // starts, converts by `first_rest` alone.
  ScriptChain(std::unique_ptr<PrefixDictGroup> segmentation,
              std::vector<std::unique_ptr<PrefixDictGroup>> conversions,
              std::unique_ptr<PrefixDictGroup> first_rest);

  // Appends the conversion of valid, NUL-free UTF-8 `in` to *out. With a
  // `tally`, also notes every replacement in it (views of `in`: a caller
  // converting pieces of one text keeps one tally), or marks it inexact
  // when the chain cannot tally (several conversions, or newlines in the
  // dictionaries). Thread-safe.
  void Convert(std::string_view in, std::string* out, ConvertTally* tally = nullptr) const;

 private:
  bool CanTally() const;
  // Convert() when conversions_[0] starts with the segmentation's
  // dictionaries and is the only conversion (s2t, t2s, ...): one pass.
  void ConvertOnePass(std::string_view in, std::string* out, ConvertTally* tally) const;
  void ConvertSegment(std::string_view segment, const std::string_view* matched,
                      std::string* out, std::string* scratch, ConvertTally* tally) const;

  std::unique_ptr<PrefixDictGroup> segmentation_;
  std::vector<std::unique_ptr<PrefixDictGroup>> conversions_;
  std::unique_ptr<PrefixDictGroup> first_rest_;
  bool can_tally_;  // One conversion, no newline in any key or value.
  // For ConvertOnePass(), when the segmentation is one dictionary: per BMP
  // code point, its root node there (low half) and first_rest_'s table
  // entry (high half), one load for both; empty otherwise.
  const PrefixDict* segmentation_dict_ = nullptr;
  std::vector<uint64_t> one_pass_;
};

// The compiled chain of the OpenCC config file `path`, from a process-wide
// cache keyed by the file's canonical path: built once, however many
// converters (one per -j worker) ask for it. Thread-safe. Defined in
// opencc_adapter.cc. Returns kInvalidArgument when OpenCC rejects the config.
StatusOr<std::shared_ptr<const ScriptChain>> LoadScriptChain(const std::string& path);

// Every key of every dictionary the OpenCC config file `path` uses, sorted
// and unique (tests build inputs from them). Defined in opencc_adapter.cc.
StatusOr<std::vector<std::string>> ScriptConfigKeys(const std::string& path);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_SCRIPT_DICT_H_
