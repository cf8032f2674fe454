#include "template.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <istream>
#include <ostream>
#include <string>

#include "line_class.h"
#include "zhclean/strip.h"

namespace zhclean {
namespace internal {

uint64_t HashLine(std::string_view trimmed) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : trimmed) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h == 0 ? 1 : h;
}

std::string_view SiteKey(std::string_view site) {
  size_t scheme = site.find("://");
  if (scheme == std::string_view::npos) return site;
  std::string_view host = site.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/?#"));
  size_t at = host.rfind('@');
  if (at != std::string_view::npos) host.remove_prefix(at + 1);
  return host;
}

uint64_t SiteLineHash(uint64_t line_hash, uint64_t site_hash) {
  if (site_hash == 0) return line_hash;
  uint64_t h = line_hash ^ (site_hash * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull);
  return h == 0 ? 1 : h;
}

TemplateTable::TemplateTable(size_t max_entries) {
  size_t capacity = 1024;
  while (capacity < max_entries) capacity <<= 1;
  entries_.resize(capacity);
  mask_ = capacity - 1;
}

size_t TemplateTable::Slot(uint64_t hash) const {
  size_t i = static_cast<size_t>(hash) & mask_;
  while (entries_[i].hash != 0 && entries_[i].hash != hash) i = (i + 1) & mask_;
  return i;
}

void TemplateTable::Add(uint64_t hash, uint32_t n) {
  Entry& e = entries_[Slot(hash)];
  if (e.hash == 0) {
    e.hash = hash;
    ++size_;
  }
  e.count += n;
  if (size_ * 4 > entries_.size() * 3) Prune();
}

uint32_t TemplateTable::Count(uint64_t hash) const {
  const Entry& e = entries_[Slot(hash)];
  return e.hash == hash ? e.count : 0;
}

// Drops the rarest entries until at most half the table is used.
void TemplateTable::Prune() {
  std::vector<Entry> kept;
  kept.reserve(size_);
  for (const Entry& e : entries_) {
    if (e.hash != 0) kept.push_back(e);
  }
  std::vector<uint32_t> counts;
  counts.reserve(kept.size());
  for (const Entry& e : kept) counts.push_back(e.count);
  size_t keep = entries_.size() / 2;
  std::nth_element(counts.begin(), counts.begin() + static_cast<long>(counts.size() - keep),
                   counts.end());
  uint32_t threshold = counts[counts.size() - keep] + 1;
  dropped_below_ = std::max(dropped_below_, threshold);
  std::fill(entries_.begin(), entries_.end(), Entry{});
  size_ = 0;
  for (const Entry& e : kept) {
    if (e.count < threshold) continue;
    Entry& slot = entries_[Slot(e.hash)];
    slot = e;
    ++size_;
  }
}

}  // namespace internal

namespace {

constexpr size_t kMaxLinesPerDocument = 8192;  // Candidate lines counted per document.

bool IsCandidate(const internal::LineFeatures& f) {
  return f.length > 0 && f.length <= 100 && !internal::IsBodyLine(f);
}

}  // namespace

SiteTemplates::SiteTemplates(size_t max_entries)
    : table_(std::make_unique<internal::TemplateTable>(max_entries)) {}
SiteTemplates::~SiteTemplates() = default;
SiteTemplates::SiteTemplates(SiteTemplates&&) noexcept = default;
SiteTemplates& SiteTemplates::operator=(SiteTemplates&&) noexcept = default;

void SiteTemplates::AddDocument(std::string_view text) { AddSiteDocument(text, ""); }

void SiteTemplates::AddSiteDocument(std::string_view text, std::string_view site) {
  std::string_view key = internal::SiteKey(site);
  uint64_t site_hash = key.empty() ? 0 : internal::HashLine(key);
  std::vector<uint64_t> hashes;
  while (!text.empty() && hashes.size() < kMaxLinesPerDocument) {
    size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    std::string_view trimmed = internal::TrimLine(line);
    if (trimmed.empty() || trimmed.size() > 400) continue;
    if (IsCandidate(internal::AnalyzeLine(trimmed))) {
      hashes.push_back(internal::SiteLineHash(internal::HashLine(trimmed), site_hash));
    }
  }
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  for (uint64_t h : hashes) table_->Add(h);
  ++table_->documents;
  if (site_hash != 0) ++table_->site_documents[site_hash];
}

Status SiteTemplates::AddStream(std::istream& in) {
  // Only the first part of a huge document is learned from: template
  // lines (headers, menus) sit at its start and bound memory here.
  std::string text(size_t{4} << 20, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return IoError("read failed");
  text.resize(static_cast<size_t>(in.gcount()));
  size_t cut = text.rfind('\n');
  if (!in.eof() && cut != std::string::npos) text.resize(cut + 1);
  AddDocument(text);
  return OkStatus();
}

uint64_t SiteTemplates::documents() const { return table_->documents; }

void SiteTemplates::set_thresholds(uint64_t min_documents, double min_share) {
  min_documents_ = min_documents;
  min_share_ = min_share;
}

bool SiteTemplates::IsTemplateLine(std::string_view line) const {
  return IsTemplateLine(line, "");
}

bool SiteTemplates::IsTemplateLine(std::string_view line, std::string_view site) const {
  std::string_view trimmed = internal::TrimLine(line);
  if (trimmed.empty()) return false;
  std::string_view key = internal::SiteKey(site);
  uint64_t site_hash = key.empty() ? 0 : internal::HashLine(key);
  uint64_t documents = table_->documents;
  if (site_hash != 0) {
    auto it = table_->site_documents.find(site_hash);
    if (it == table_->site_documents.end()) return false;
    documents = it->second;
  }
  uint64_t need = std::max<uint64_t>(
      min_documents_, static_cast<uint64_t>(min_share_ * static_cast<double>(documents)));
  return table_->Count(internal::SiteLineHash(internal::HashLine(trimmed), site_hash)) >= need;
}

Status SiteTemplates::Save(std::ostream& out) const {
  out << "#! zhclean-templates v1 documents=" << table_->documents << "\n";
  char buf[48];
  table_->ForEach([&](uint64_t hash, uint32_t count) {
    if (count < 2) return;
    std::snprintf(buf, sizeof buf, "%016" PRIx64 "\t%u\n", hash, count);
    out << buf;
  });
  if (!out.flush()) return IoError("cannot write template table");
  return OkStatus();
}

StatusOr<SiteTemplates> SiteTemplates::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open template table");
  std::string line;
  static constexpr std::string_view kHeader = "#! zhclean-templates v1 documents=";
  if (!std::getline(in, line) || line.rfind(kHeader, 0) != 0) {
    return InvalidArgumentError(path + ":1: expected '" + std::string(kHeader) + "N'");
  }
  uint64_t documents = std::strtoull(line.c_str() + kHeader.size(), nullptr, 10);
  std::vector<std::pair<uint64_t, uint32_t>> entries;
  for (uint64_t n = 2; std::getline(in, line); ++n) {
    uint64_t hash = 0;
    unsigned count = 0;
    char extra = 0;
    if (std::sscanf(line.c_str(), "%16" SCNx64 "\t%u%c", &hash, &count, &extra) != 2 ||
        hash == 0 || count == 0) {
      return InvalidArgumentError(path + ":" + std::to_string(n) +
                                  ": expected HASH<TAB>COUNT (16 hex digits, a number)");
    }
    entries.emplace_back(hash, count);
  }
  // Room for every entry at under half load: no pruning while loading.
  SiteTemplates t(entries.size() * 2 + 1024);
  t.table_->documents = documents;
  for (const auto& [hash, count] : entries) t.table_->Add(hash, count);
  return t;
}

}  // namespace zhclean
