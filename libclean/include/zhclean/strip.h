// Strip: remove site chrome (menus, share prompts, login walls, footers)
// from scraped text and HTML while keeping every line of the article.
//
//   zhclean::ChromeRuleSet rules;
//   std::vector<zhclean::Diagnostic> errors;
//   zhclean::Status s = zhclean::LoadChromeRules("rules", &rules, &errors);
//   if (!s.ok()) return s;  // errors hold "rules/chrome/x.tsv:3:9: ..."
//   zhclean::StripOptions options;
//   auto stage = zhclean::NewStripStage(
//       std::make_shared<const zhclean::ChromeRuleSet>(std::move(rules)), options);
//   pipeline.Add(std::move(*stage));
//
// Decisions are made line by line in context: rule files (rules/chrome/,
// grammar in rules/chrome/README.md), heuristics on position and shape, and
// optional cross-document templates (lines that repeat across a site).
#ifndef ZHCLEAN_STRIP_H_
#define ZHCLEAN_STRIP_H_

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zhclean/diagnostic.h"
#include "zhclean/pipeline.h"
#include "zhclean/status.h"

namespace zhclean {

namespace internal {
struct ChromeRulesImpl;
class TemplateTable;
}  // namespace internal

// The compiled chrome rules of one rules directory. Immutable once loaded;
// share between stages as std::shared_ptr<const ChromeRuleSet>.
// Movable, not copyable: owns compiled regular expressions.
class ChromeRuleSet {
 public:
  ChromeRuleSet();
  ~ChromeRuleSet();
  ChromeRuleSet(ChromeRuleSet&&) noexcept;
  ChromeRuleSet& operator=(ChromeRuleSet&&) noexcept;
  ChromeRuleSet(const ChromeRuleSet&) = delete;
  ChromeRuleSet& operator=(const ChromeRuleSet&) = delete;

  // Number of rules loaded.
  size_t size() const;
  const internal::ChromeRulesImpl& impl() const { return *impl_; }
  internal::ChromeRulesImpl* mutable_impl() { return impl_.get(); }

 private:
  std::unique_ptr<internal::ChromeRulesImpl> impl_;
};

// Loads every rules_dir/chrome/*.tsv file (kind=chrome, sorted by name) into
// *rules. Syntax and semantic problems (unknown pattern kind or zone, bad
// length, invalid ICU regex, duplicate pattern) are appended to *errors as
// "path:line:col" diagnostics; returns kInvalidArgument when there was any,
// kNotFound when rules_dir/chrome has no rule file.
Status LoadChromeRules(const std::string& rules_dir, ChromeRuleSet* rules,
                       std::vector<Diagnostic>* errors);

// Same for one file (used by tests and the data lint).
Status LoadChromeRuleFile(const std::string& path, ChromeRuleSet* rules,
                          std::vector<Diagnostic>* errors);

// Counts of line hashes across documents of one site, for template lines
// (lines that repeat in many documents are chrome even when no rule knows
// them). Memory is bounded by `max_entries` (16 bytes each): when the table
// fills up, the rarest hashes are dropped (lossy counting), so frequent
// lines survive any number of documents. Movable, not copyable.
class SiteTemplates {
 public:
  explicit SiteTemplates(size_t max_entries = size_t{1} << 22);
  ~SiteTemplates();
  SiteTemplates(SiteTemplates&&) noexcept;
  SiteTemplates& operator=(SiteTemplates&&) noexcept;
  SiteTemplates(const SiteTemplates&) = delete;
  SiteTemplates& operator=(const SiteTemplates&) = delete;

  // Adds one document (UTF-8 text): each distinct candidate line once.
  void AddDocument(std::string_view text);
  // Adds one document of a named site (any string; a URL counts as its
  // host): its lines are counted for that site only. "" is AddDocument().
  void AddSiteDocument(std::string_view text, std::string_view site);
  // Adds documents read from `in` as one text document (whole stream).
  Status AddStream(std::istream& in);
  // Adds every record of a JSONL stream as a document of the site named by
  // its `site_field` (AddSiteDocument); records that are not JSON objects
  // or lack a string `text_field` are skipped (the cleaning pass reports
  // them).
  Status AddJsonlStream(std::istream& in, std::string_view text_field,
                        std::string_view site_field);
  // Number of documents added or loaded.
  uint64_t documents() const;
  // True when the line (trimmed) repeats in enough documents: at least
  // `min_documents` and at least `min_share` of all documents.
  bool IsTemplateLine(std::string_view line) const;
  // The same for the documents of one site (AddSiteDocument); "" is the
  // site-less table.
  bool IsTemplateLine(std::string_view line, std::string_view site) const;
  void set_thresholds(uint64_t min_documents, double min_share);

  // Writes the table as text ("#! zhclean-templates v1 documents=N" then
  // "HASH<TAB>COUNT" lines, frequent hashes only).
  Status Save(std::ostream& out) const;
  // Reads a table written by Save(); kInvalidArgument with "path:line" on a
  // malformed file, kNotFound when it cannot be opened.
  static StatusOr<SiteTemplates> Load(const std::string& path);

  const internal::TemplateTable& table() const { return *table_; }

 private:
  std::unique_ptr<internal::TemplateTable> table_;
  uint64_t min_documents_ = 3;
  double min_share_ = 0.3;
};

// What to do with metadata lines (date, author/byline, source, editor).
enum class MetaMode {
  kKeep,  // Leave metadata lines in the text.
  kDrop,  // Remove them like chrome.
  // Remove them and the title (a short first line before the article) and
  // give their values as the document's output fields "title", "date",
  // "author" and "source" (Stage::TakeOutputFields; JSONL only).
  kExtract,
};

// Parses "keep", "drop" or "extract"; kInvalidArgument otherwise.
StatusOr<MetaMode> ParseMetaMode(std::string_view name);

struct StripOptions {
  MetaMode meta = MetaMode::kDrop;
  // Input documents are HTML: parsed, main block chosen, then stripped.
  // Without it a document is still taken as HTML when, after a BOM and
  // white space, it starts with "<!doctype html" or "<html" (any case).
  bool html = false;
  // Lines held back while waiting for context (head and tail zones). When
  // the window is full its oldest lines are decided as middle-of-article.
  size_t max_window_lines = 4096;
  size_t max_window_bytes = size_t{4} << 20;
  // Largest HTML document parsed (bytes); larger ones are an error.
  size_t max_html_bytes = size_t{64} << 20;
  // Optional cross-document templates.
  std::shared_ptr<const SiteTemplates> templates;
  // JSONL field naming each document's site (Stage::InputFields): template
  // lines are then those of the document's site (a URL counts as its host).
  std::string site_field;
};

// Returns the strip stage ("strip"). Every removed line is recorded in the
// EditLog with the line as `before`, "" as `after`, the rule id (e.g.
// "chrome/share.tsv:12") or heuristic name as `rule` and the score as
// `reason`. A document whose input had text and whose output is empty is
// Reject()ed ("empty after stripping"). kInvalidArgument when `rules` is
// null.
StatusOr<std::unique_ptr<Stage>> NewStripStage(
    std::shared_ptr<const ChromeRuleSet> rules, const StripOptions& options);

// HTML to text: parses `html` (UTF-8) with libxml2's HTML parser, drops script, style, nav,
// header, footer, aside, form and similar, picks the main content block by
// text and link density and appends its text to *out, one paragraph per
// line. Never fails on malformed markup; kResourceExhausted when the parser
// gives up (out of memory).
Status ExtractHtmlText(std::string_view html, std::string* out);

}  // namespace zhclean

#endif  // ZHCLEAN_STRIP_H_
