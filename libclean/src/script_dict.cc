#include "script_dict.h"

namespace zhclean::internal {

namespace {

inline uint64_t EdgeKey(uint32_t node, char32_t cp) {
  return ((static_cast<uint64_t>(node) << 21) | cp) + 1;
}

inline size_t EdgeSlot(uint64_t key, size_t mask) {
  return static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & mask;
}

}  // namespace

PrefixDict::PrefixDict()
    : root_(0x10000, kNone), filter_(kFilterBits / 64, 0), node_info_(1, kNoValue) {
  edge_keys_.assign(1024, 0);
  edge_nodes_.assign(1024, kNone);
}

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
  child = static_cast<uint32_t>(node_info_.size());
  node_info_.push_back(kNoValue);
  node_info_[node] |= kHasChildren | SignatureBit(cp);
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

void ConvertTally::NoteLong(std::string_view key, std::string_view value) {
  size_t i = 0, j = 0, key_chars = 0, value_chars = 0;
  while (i < key.size()) key_chars += (DecodeValidUtf8(key, &i), 1);
  while (j < value.size()) value_chars += (DecodeValidUtf8(value, &j), 1);
  if (key_chars != value_chars) {
    exact = false;
    return;
  }
  for (i = 0, j = 0; i < key.size();) {
    size_t ni = Utf8CharLength(static_cast<unsigned char>(key[i]));
    size_t nj = Utf8CharLength(static_cast<unsigned char>(value[j]));
    if (key.substr(i, ni) != value.substr(j, nj)) Changed(key.data() + i, ni);
    i += ni;
    j += nj;
  }
}

void PrefixDict::Add(std::string_view key, std::string_view value) {
  if (key.empty()) return;
  if (key.find('\n') != std::string_view::npos || value.find('\n') != std::string_view::npos) {
    has_newline_ = true;
  }
  uint32_t node = 0;
  for (size_t i = 0; i < key.size();) node = AddChild(node, DecodeValidUtf8(key, &i));
  if ((node_info_[node] & kNoValue) != kNoValue) return;
  node_info_[node] = (node_info_[node] & ~uint64_t{kNoValue}) | value_ends_.size();
  values_.append(value);
  value_ends_.push_back(static_cast<uint32_t>(values_.size()));
  ++entries_;
}

size_t PrefixDict::MatchPrefix(std::string_view s, std::string_view* value) const {
  if (s.empty()) return 0;
  size_t pos = 0;
  uint32_t node = Child(0, DecodeValidUtf8(s, &pos));
  return node == kNone ? 0 : MatchFrom(node, s, pos, value);
}

FirstCharInfo PrefixDict::FirstChar(char32_t cp) const {
  FirstCharInfo info;
  uint32_t node = Child(0, cp);
  if (node == kNone) return info;
  uint32_t v = node_info_[node] & kNoValue;
  info.is_key = v != kNoValue;
  if (info.is_key) info.value = Value(v);
  info.has_longer = (node_info_[node] & kHasChildren) != 0;
  return info;
}

PrefixDictGroup::PrefixDictGroup() : first_(0x10000, kNoMatch) {}

void PrefixDictGroup::Add(std::shared_ptr<const PrefixDict> dict) {
  // Only first characters that no earlier dictionary starts a key with can
  // change: an earlier dictionary with any key there matches first.
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    if (first_[cp] != kNoMatch) continue;
    FirstCharInfo info = dict->FirstChar(cp);
    if (info.has_longer || (info.is_key && (info.value.size() > 0xFF ||
                                            values_.size() > 0xFFFFFF))) {
      first_[cp] = kSlow;
    } else if (info.is_key) {
      first_[cp] = static_cast<uint32_t>(values_.size() << 8 | info.value.size());
      values_.append(info.value);
    }
  }
  dicts_.push_back(std::move(dict));
}

bool PrefixDictGroup::has_newline() const {
  for (const auto& dict : dicts_) {
    if (dict->has_newline()) return true;
  }
  return false;
}

size_t PrefixDictGroup::MatchSlow(std::string_view s, std::string_view* value) const {
  for (const auto& dict : dicts_) {
    size_t n = dict->MatchPrefix(s, value);
    if (n > 0) return n;
  }
  return 0;
}

namespace {

// Appends `segment` converted by one dictionary group to *out, noting each
// replacement in `tally` if not null.
void ConvertWith(const PrefixDictGroup& dict, std::string_view segment, std::string* out,
                 ConvertTally* tally) {
  size_t copied = 0, pos = 0;  // segment[copied, pos) is unchanged text.
  while (pos < segment.size()) {
    std::string_view value;
    size_t n = dict.MatchPrefix(segment.substr(pos), &value);
    if (n == 0) {
      pos += Utf8CharLength(static_cast<unsigned char>(segment[pos]));
      continue;
    }
    out->append(segment.data() + copied, pos - copied);
    out->append(value);
    if (tally) tally->Note(segment.substr(pos, n), value);
    pos += n;
    copied = pos;
  }
  out->append(segment.data() + copied, segment.size() - copied);
}

}  // namespace

ScriptChain::ScriptChain(std::unique_ptr<PrefixDictGroup> segmentation,
                         std::vector<std::unique_ptr<PrefixDictGroup>> conversions,
                         std::unique_ptr<PrefixDictGroup> first_rest)
    : segmentation_(std::move(segmentation)),
      conversions_(std::move(conversions)),
      first_rest_(conversions_.empty() ? nullptr : std::move(first_rest)),
      can_tally_(CanTally()) {
  if (!first_rest_ || conversions_.size() != 1 || segmentation_->dicts().size() != 1) return;
  segmentation_dict_ = segmentation_->dicts()[0].get();
  one_pass_.resize(0x10000);
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    one_pass_[cp] = segmentation_dict_->RootNode(cp) | uint64_t{first_rest_->Entry(cp)} << 32;
  }
}

bool ScriptChain::CanTally() const {
  if (conversions_.size() > 1 || segmentation_->has_newline()) return false;
  if (first_rest_ && first_rest_->has_newline()) return false;
  return conversions_.empty() || !conversions_[0]->has_newline();
}

void ScriptChain::ConvertSegment(std::string_view segment, const std::string_view* matched,
                                 std::string* out, std::string* scratch,
                                 ConvertTally* tally) const {
  // Each conversion of the chain sees the previous one's output for this
  // segment only; the last one writes straight to *out. A tally is only
  // passed for a chain of at most one conversion.
  std::string_view current = segment;
  size_t first = 0;
  int next = 0;  // The scratch buffer the next intermediate result goes to.
  if (first_rest_) {
    first = 1;
    if (matched) {
      current = *matched;
      if (tally) tally->Note(segment, current);
    } else if (conversions_.size() == 1) {
      ConvertWith(*first_rest_, segment, out, tally);
      return;
    } else {
      scratch[next].clear();
      ConvertWith(*first_rest_, segment, &scratch[next], nullptr);
      current = scratch[next];
      next ^= 1;
    }
  }
  if (first == conversions_.size()) out->append(current);
  for (size_t i = first; i < conversions_.size(); ++i) {
    if (i + 1 == conversions_.size()) {
      ConvertWith(*conversions_[i], current, out, tally);
      break;
    }
    scratch[next].clear();
    ConvertWith(*conversions_[i], current, &scratch[next], nullptr);
    current = scratch[next];
    next ^= 1;
  }
}

void ScriptChain::ConvertOnePass(std::string_view in, std::string* out,
                                 ConvertTally* tally) const {
  // Segments as Convert() does. An unmatched character that first_rest_
  // resolves alone (no key, or only the character is a key) is converted
  // at once: ConvertWith() over its run would do the same. From the first
  // one that starts longer keys, the rest of the run waits for its end.
  constexpr size_t kNoRun = std::string_view::npos;
  size_t copied = 0, run = kNoRun, pos = 0;  // in[copied, pos) is not yet written.
  auto flush = [&](size_t end) {
    size_t copy_end = run == kNoRun ? end : run;
    if (copy_end > copied) out->append(in.data() + copied, copy_end - copied);
    if (run != kNoRun) ConvertWith(*first_rest_, in.substr(run, end - run), out, tally);
    run = kNoRun;
    copied = end;
  };
  using First = PrefixDictGroup::First;
  while (pos < in.size()) {
    std::string_view rest = in.substr(pos), value;
    size_t len = 0;
    char32_t cp = DecodeValidUtf8(rest, &len);
    uint64_t both = cp < 0x10000 ? one_pass_[cp]
                                 : segmentation_dict_->RootNode(cp) |
                                       uint64_t{PrefixDictGroup::kSlow} << 32;
    auto node = static_cast<uint32_t>(both);
    size_t n = node == PrefixDict::kNone ? 0 : segmentation_dict_->MatchFrom(node, rest, len, &value);
    if (n > 0) {  // A segment: its conversion is its match value.
      flush(pos);
      out->append(value);
      if (tally) tally->Note(rest.substr(0, n), value);
      copied = pos += n;
      continue;
    }
    if (run == kNoRun) {
      First first = first_rest_->Resolve(static_cast<uint32_t>(both >> 32), &value);
      if (first == First::kSlow) {
        run = pos;
      } else if (first == First::kValue) {
        flush(pos);
        out->append(value);
        if (tally) tally->Note(rest.substr(0, len), value);
        copied = pos + len;
      }
    }
    pos += len;
  }
  flush(in.size());
}

void ScriptChain::Convert(std::string_view in, std::string* out, ConvertTally* tally) const {
  if (tally && !can_tally_) {
    tally->exact = false;
    tally = nullptr;
  }
  if (!one_pass_.empty()) return ConvertOnePass(in, out, tally);
  std::string scratch[2];
  size_t seg_start = 0, pos = 0;
  while (pos < in.size()) {
    std::string_view value;
    size_t n = segmentation_->MatchPrefix(in.substr(pos), &value);
    if (n == 0) {
      pos += Utf8CharLength(static_cast<unsigned char>(in[pos]));
      continue;
    }
    if (pos > seg_start) {
      ConvertSegment(in.substr(seg_start, pos - seg_start), nullptr, out, scratch, tally);
    }
    ConvertSegment(in.substr(pos, n), &value, out, scratch, tally);
    pos += n;
    seg_start = pos;
  }
  if (pos > seg_start) {
    ConvertSegment(in.substr(seg_start, pos - seg_start), nullptr, out, scratch, tally);
  }
}

}  // namespace zhclean::internal
