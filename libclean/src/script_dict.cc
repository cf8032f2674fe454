#include "script_dict.h"

#include "utf8.h"

namespace zhclean::internal {

namespace {

inline size_t CharLength(unsigned char c) {
  return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

// Decodes the code point at s[*i] of valid UTF-8 (inlined hot path).
inline char32_t Decode(std::string_view s, size_t* i) {
  auto c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) {
    *i += 1;
    return c;
  }
  if (c < 0xE0) {
    char32_t cp = ((c & 0x1F) << 6) | (s[*i + 1] & 0x3F);
    *i += 2;
    return cp;
  }
  if (c < 0xF0) {
    char32_t cp = ((c & 0x0F) << 12) | ((s[*i + 1] & 0x3F) << 6) | (s[*i + 2] & 0x3F);
    *i += 3;
    return cp;
  }
  char32_t cp = ((c & 0x07) << 18) | ((s[*i + 1] & 0x3F) << 12) |
                ((s[*i + 2] & 0x3F) << 6) | (s[*i + 3] & 0x3F);
  *i += 4;
  return cp;
}

}  // namespace

PrefixDict::PrefixDict()
    : root_(0x10000, kNone), filter_(kFilterBits / 64, 0), value_of_(1, kNone) {
  edge_keys_.assign(1024, 0);
  edge_nodes_.assign(1024, kNone);
}

namespace {

inline uint64_t EdgeKey(uint32_t node, char32_t cp) {
  return ((static_cast<uint64_t>(node) << 21) | cp) + 1;
}

inline size_t EdgeSlot(uint64_t key, size_t mask) {
  return static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & mask;
}

}  // namespace

uint32_t PrefixDict::Child(uint32_t node, char32_t cp) const {
  if (node == 0 && cp < 0x10000) return root_[cp];
  uint64_t key = EdgeKey(node, cp);
  uint64_t h = key * 0xC2B2AE3D27D4EB4FULL;
  if (!(filter_[(h >> 40) & (kFilterBits / 64 - 1)] & (uint64_t{1} << (h >> 58)))) return kNone;
  size_t mask = edge_keys_.size() - 1;
  for (size_t i = EdgeSlot(key, mask);; i = (i + 1) & mask) {
    if (edge_keys_[i] == key) return edge_nodes_[i];
    if (edge_keys_[i] == 0) return kNone;
  }
}

void PrefixDict::Grow() {
  std::vector<uint64_t> keys(edge_keys_.size() * 2, 0);
  std::vector<uint32_t> nodes(keys.size(), kNone);
  size_t mask = keys.size() - 1;
  for (size_t j = 0; j < edge_keys_.size(); ++j) {
    if (edge_keys_[j] == 0) continue;
    size_t i = EdgeSlot(edge_keys_[j], mask);
    while (keys[i] != 0) i = (i + 1) & mask;
    keys[i] = edge_keys_[j];
    nodes[i] = edge_nodes_[j];
  }
  edge_keys_.swap(keys);
  edge_nodes_.swap(nodes);
}

uint32_t PrefixDict::AddChild(uint32_t node, char32_t cp) {
  uint32_t child = Child(node, cp);
  if (child != kNone) return child;
  child = static_cast<uint32_t>(value_of_.size());
  value_of_.push_back(kNone);
  if (node == 0 && cp < 0x10000) {
    root_[cp] = child;
    return child;
  }
  if (2 * (edges_ + 1) > edge_keys_.size()) Grow();
  uint64_t key = EdgeKey(node, cp);
  size_t mask = edge_keys_.size() - 1;
  size_t i = EdgeSlot(key, mask);
  while (edge_keys_[i] != 0) i = (i + 1) & mask;
  edge_keys_[i] = key;
  edge_nodes_[i] = child;
  ++edges_;
  uint64_t h = key * 0xC2B2AE3D27D4EB4FULL;
  filter_[(h >> 40) & (kFilterBits / 64 - 1)] |= uint64_t{1} << (h >> 58);
  return child;
}

void PrefixDict::Add(std::string_view key, std::string_view value) {
  if (key.empty()) return;
  uint32_t node = 0;
  for (size_t i = 0; i < key.size();) node = AddChild(node, Decode(key, &i));
  if (value_of_[node] != kNone) return;
  value_of_[node] = static_cast<uint32_t>(value_ends_.size());
  values_.append(value);
  value_ends_.push_back(static_cast<uint32_t>(values_.size()));
  ++entries_;
}

size_t PrefixDict::MatchPrefix(std::string_view s, std::string_view* value) const {
  uint32_t node = 0;
  size_t best = 0, pos = 0;
  while (pos < s.size()) {
    node = Child(node, Decode(s, &pos));
    if (node == kNone) break;
    if (uint32_t v = value_of_[node]; v != kNone) {
      best = pos;
      uint32_t begin = v == 0 ? 0 : value_ends_[v - 1];
      *value = std::string_view(values_).substr(begin, value_ends_[v] - begin);
    }
  }
  return best;
}

size_t PrefixDictGroup::MatchPrefix(std::string_view s, std::string_view* value) const {
  for (const auto& dict : dicts_) {
    size_t n = dict->MatchPrefix(s, value);
    if (n > 0) return n;
  }
  return 0;
}

namespace {

// Appends `segment` converted by one dictionary group to *out.
void ConvertWith(const PrefixDictGroup& dict, std::string_view segment, std::string* out) {
  while (!segment.empty()) {
    std::string_view value;
    size_t n = dict.MatchPrefix(segment, &value);
    if (n > 0) {
      out->append(value);
    } else {
      n = CharLength(static_cast<unsigned char>(segment[0]));
      out->append(segment.substr(0, n));
    }
    segment.remove_prefix(n);
  }
}

}  // namespace

void ScriptChain::ConvertSegment(std::string_view segment, std::string* out,
                                 std::string* scratch) const {
  // Each conversion of the chain sees the previous one's output for this
  // segment only; the last one writes straight to *out.
  std::string_view current = segment;
  std::string* buffers[2] = {&scratch[0], &scratch[1]};
  if (skip_ == conversions_.size()) out->append(segment);
  for (size_t i = skip_; i < conversions_.size(); ++i) {
    bool last = i + 1 == conversions_.size();
    std::string* target = last ? out : buffers[i % 2];
    if (!last) target->clear();
    ConvertWith(*conversions_[i], current, target);
    if (!last) current = *target;
  }
}

void ScriptChain::Convert(std::string_view in, std::string* out) const {
  std::string scratch[2];
  size_t seg_start = 0, pos = 0;
  while (pos < in.size()) {
    std::string_view value;
    size_t n = segmentation_->MatchPrefix(in.substr(pos), &value);
    if (n == 0) {
      pos += CharLength(static_cast<unsigned char>(in[pos]));
      continue;
    }
    if (pos > seg_start) ConvertSegment(in.substr(seg_start, pos - seg_start), out, scratch);
    ConvertSegment(skip_ ? value : in.substr(pos, n), out, scratch);
    pos += n;
    seg_start = pos;
  }
  if (pos > seg_start) ConvertSegment(in.substr(seg_start, pos - seg_start), out, scratch);
}

}  // namespace zhclean::internal
