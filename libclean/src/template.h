// The line-hash count table behind SiteTemplates.
#ifndef ZHCLEAN_SRC_TEMPLATE_H_
#define ZHCLEAN_SRC_TEMPLATE_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace zhclean::internal {

// 64-bit FNV-1a hash of a trimmed line; never 0.
uint64_t HashLine(std::string_view trimmed);

// The key of a site name: the host of a URL ("https://a.cn/x" -> "a.cn"),
// else the name itself.
std::string_view SiteKey(std::string_view site);

// A line hash made specific to a site (`site_hash` 0: unchanged); never 0.
uint64_t SiteLineHash(uint64_t line_hash, uint64_t site_hash);

// Open-addressing table of (hash, count) with a fixed entry budget. When
// it is 3/4 full the entries with the smallest counts are dropped and the
// drop threshold recorded (lossy counting: a surviving count is at most
// `dropped_below()` lower than the truth).
class TemplateTable {
 public:
  explicit TemplateTable(size_t max_entries);

  void Add(uint64_t hash, uint32_t n = 1);
  uint32_t Count(uint64_t hash) const;
  size_t size() const { return size_; }
  uint32_t dropped_below() const { return dropped_below_; }
  uint64_t documents = 0;
  // Documents per site hash (AddSiteDocument); one entry per site.
  std::unordered_map<uint64_t, uint64_t> site_documents;

  template <typename Fn>
  void ForEach(Fn fn) const {
    for (const Entry& e : entries_) {
      if (e.hash != 0) fn(e.hash, e.count);
    }
  }

 private:
  struct Entry {
    uint64_t hash = 0;
    uint32_t count = 0;
  };
  size_t Slot(uint64_t hash) const;
  void Prune();

  std::vector<Entry> entries_;
  size_t mask_;
  size_t size_ = 0;
  uint32_t dropped_below_ = 0;
};

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_TEMPLATE_H_
