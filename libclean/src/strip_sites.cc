// The first pass of JSONL batches with --site-field: every record's text is
// counted as a document of its site.
#include <istream>
#include <string>

#include "jsonl_record.h"
#include "zhclean/strip.h"

namespace zhclean {

namespace {

// Bytes past a record that JsonlFieldLocator may read.
constexpr size_t kPadding = 64;

}  // namespace

Status SiteTemplates::AddJsonlStream(std::istream& in, std::string_view text_field,
                                     std::string_view site_field) {
  internal::JsonlFieldLocator locator;
  std::vector<std::string> extra{std::string(site_field)};
  std::vector<std::string> values;
  std::string record;
  while (std::getline(in, record)) {
    if (!record.empty() && record.back() == '\r') record.pop_back();
    if (record.find_first_not_of(" \t") == std::string::npos) continue;
    size_t size = record.size();
    record.append(kPadding, ' ');
    auto span = locator.Locate(std::string_view(record.data(), size), record.size(),
                               text_field, extra, &values);
    if (!span.ok()) continue;  // Reported by the cleaning pass.
    AddSiteDocument(span->value, values.empty() ? std::string_view() : values[0]);
  }
  if (in.bad()) return IoError("read failed");
  return OkStatus();
}

}  // namespace zhclean
