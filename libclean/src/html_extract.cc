// HTML to text with libxml2's HTML parser (chosen over gumbo by measure:
// same recovered text on the CWCED pages, 2.2 times faster; docs/strip.md):
// visible text only, the main block chosen by text and link density, one
// paragraph per line.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <map>
#include <unordered_set>
#include <string>
#include <vector>

#include "html_extract.h"
#include "html_names.h"
#include "html_text.h"
#include "line_class.h"
#include "utf8.h"
#include "zhclean/strip.h"

namespace zhclean {

namespace {

using internal::HasSentenceMark;
using internal::IsLegalNotice;
using internal::SecondCopies;

bool InList(std::string_view name, std::initializer_list<std::string_view> list) {
  for (std::string_view item : list) {
    if (name == item) return true;
  }
  return false;
}

bool IsDropped(std::string_view tag) {
  return InList(tag, {"script", "style", "noscript", "nav", "header", "footer", "aside",
                      "head", "iframe", "select", "button", "textarea", "svg", "template",
                      "object", "embed", "menu", "map", "label", "option", "title"});
}

bool IsBlock(std::string_view tag) {
  return InList(tag, {"p", "div", "br", "li", "ul", "ol", "table", "tr", "td", "th", "h1",
                      "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "article", "section",
                      "body", "dl", "dt", "dd", "center", "hr", "main", "figure",
                      "figcaption", "tbody", "address", "form", "html"});
}

std::string_view Name(const xmlNode* node) {
  return node->name == nullptr ? std::string_view()
                               : reinterpret_cast<const char*>(node->name);
}

// Bytes of text under `node` (stops counting past `limit`).
size_t TextBytes(const xmlNode* node, size_t limit) {
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    return node->content == nullptr ? 0 : std::strlen(reinterpret_cast<const char*>(node->content));
  }
  if (node->type != XML_ELEMENT_NODE || IsDropped(Name(node))) return 0;
  size_t n = 0;
  for (const xmlNode* c = node->children; c != nullptr && n < limit; c = c->next) {
    n += TextBytes(c, limit - n);
  }
  return n;
}

// A form is dropped (a search box, a login form) unless it wraps the page,
// as ASP.NET pages do with <form id="aspnetForm">.
constexpr size_t kMaxDroppedFormText = 600;

// The value of attribute `name` ("" when absent).
std::string_view Attribute(const xmlNode* node, const char* name) {
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->name == nullptr || std::strcmp(reinterpret_cast<const char*>(a->name), name) != 0) {
      continue;
    }
    const xmlNode* value = a->children;
    if (value == nullptr || value->content == nullptr) return {};
    return reinterpret_cast<const char*>(value->content);
  }
  return {};
}

// One run of text between block boundaries.
struct Block {
  std::string text;
  size_t link_bytes = 0;
  bool plain_punct = false;  // Sentence punctuation outside links.
  int container = -1;  // Index into Walker::elements_.
};

// A block made of links with no sentence of its own: a list of headlines,
// a menu row, an ad line. Left out even inside the main element.
bool IsLinkList(const Block& b) {
  return 2 * b.link_bytes > b.text.size() && !b.plain_punct;
}

// Walks the tree once to collect blocks and score elements, then emits the
// best element's blocks.
class Walker {
 public:
  // `titles` (may be null) receives the page's <title> and <h1> texts.
  explicit Walker(internal::HtmlTitles* titles) : titles_(titles) {}
  void Collect(const xmlNode* node, int container, bool in_link);
  std::string Emit();

 private:
  struct Element {
    int parent = -1;
    double score = 0;   // Of the blocks directly inside.
    double total = 0;   // Of the subtree, as counted by the parent.
    internal::NameHint hint = internal::NameHint::kNone;
    bool ignored = false;   // Named as comments, related lists...: left out.
    bool excluded = false;  // Ignored or under an ignored element.
    std::string signature;  // "tag.class" when the element has a class.
    bool paragraph = false;  // A <p>.
  };

  void EndBlock();
  void AddElement(const xmlNode* node, std::string_view tag, int parent);
  double BlockScore(const Block& b) const;
  void ScoreElements(bool names);
  int ChooseBest(int root, bool named) const;
  int ParagraphParent(int chosen) const;
  std::vector<char> Members(int best) const;
  int RecordListHead(int best, const std::vector<char>& inside) const;
  bool IsUnder(int element, int ancestor) const;
  bool RecordsAreSeparated(const std::vector<int>& records) const;

  void NoteTitle(const xmlNode* node, std::string_view tag);

  internal::HtmlTitles* titles_;
  std::vector<Element> elements_;
  std::vector<Block> blocks_;
  Block current_;
};

void Walker::EndBlock() {
  if (current_.text.find_first_not_of(' ') != std::string::npos) {
    blocks_.push_back(std::move(current_));
  }
  current_ = Block();
}

void AppendCollapsed(std::string_view text, std::string* out) {
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (!space) {
      out->push_back(c);
    } else if (!out->empty() && out->back() != ' ') {
      out->push_back(' ');
    }
  }
}

// The text under `node`, white space collapsed (dropped elements too).
void AppendAllText(const xmlNode* node, std::string* out) {
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    if (node->content != nullptr) AppendCollapsed(reinterpret_cast<const char*>(node->content), out);
    return;
  }
  if (node->type != XML_ELEMENT_NODE) return;
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) AppendAllText(c, out);
}

// Finds the first <title> under `node` (the <head>).
const xmlNode* FindTitle(const xmlNode* node) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (Name(c) == "title") return c;
    if (const xmlNode* t = FindTitle(c)) return t;
  }
  return nullptr;
}

constexpr size_t kMaxHeadings = 8;  // <h1> texts kept per page.

void Walker::NoteTitle(const xmlNode* node, std::string_view tag) {
  if (titles_ == nullptr) return;
  if (tag == "head" || tag == "title") {
    const xmlNode* t = tag == "title" ? node : FindTitle(node);
    if (t == nullptr || !titles_->title.empty()) return;
    AppendAllText(t, &titles_->title);
    titles_->title = std::string(internal::TrimLine(titles_->title));
  } else if (tag == "h1" && titles_->headings.size() < kMaxHeadings) {
    std::string text;
    AppendAllText(node, &text);
    text = std::string(internal::TrimLine(text));
    if (!text.empty()) titles_->headings.push_back(std::move(text));
  }
}

void Walker::AddElement(const xmlNode* node, std::string_view tag, int parent) {
  Element e;
  e.parent = parent;
  std::string_view cls = Attribute(node, "class");
  std::string names(cls);
  for (const char* attr : {"id", "role"}) {
    std::string_view value = Attribute(node, attr);
    if (!value.empty()) names.append(" ").append(value);
  }
  e.hint = internal::ClassifyElementNames(names);
  if (!cls.empty()) e.signature.append(tag).append(".").append(cls);
  e.paragraph = tag == "p";
  elements_.push_back(std::move(e));
}

void Walker::Collect(const xmlNode* node, int container, bool in_link) {
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    if (node->content == nullptr) return;
    if (current_.text.empty()) current_.container = container;
    size_t before = current_.text.size();
    AppendCollapsed(reinterpret_cast<const char*>(node->content), &current_.text);
    if (in_link) {
      current_.link_bytes += current_.text.size() - before;
    } else if (!current_.plain_punct) {
      current_.plain_punct = HasSentenceMark(std::string_view(current_.text).substr(before));
    }
    return;
  }
  if (node->type != XML_ELEMENT_NODE) return;
  std::string_view tag = Name(node);
  if (tag == "head" || tag == "title" || tag == "h1") NoteTitle(node, tag);
  if (IsDropped(tag)) return;
  if (tag == "form" && TextBytes(node, kMaxDroppedFormText) < kMaxDroppedFormText) return;
  bool block = IsBlock(tag);
  int self = container;
  if (block) {
    EndBlock();
    self = static_cast<int>(elements_.size());
    AddElement(node, tag, container);
  }
  bool link = in_link || tag == "a";
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) Collect(c, self, link);
  if (block) EndBlock();
}

// Paragraph-like text counts for its element; link text and short labels
// count against it; a legal notice counts nothing.
double Walker::BlockScore(const Block& b) const {
  std::string_view text = internal::TrimLine(b.text);
  if (IsLegalNotice(text)) return 0;
  internal::LineFeatures f = internal::AnalyzeLine(text);
  double link_share = b.text.empty() ? 0 : static_cast<double>(b.link_bytes) / b.text.size();
  double length = f.length;
  if (link_share > 0.5) return b.plain_punct ? 0 : -1.5 * length;
  if (f.sentence_punct > 0 || f.length >= 20) return length * (1 - link_share);
  return -0.5 * length;
}

// Sums block scores up the tree. An element named as comments, related
// lists and the like passes up nothing positive and is left out of the
// output, unless it wraps the article (most of its prose is in an element
// named as the article) or `names` is false.
void Walker::ScoreElements(bool names) {
  for (Element& e : elements_) e.score = 0;
  for (const Block& b : blocks_) {
    if (b.container >= 0) elements_[static_cast<size_t>(b.container)].score += BlockScore(b);
  }
  std::vector<double> sum(elements_.size(), 0);
  std::vector<double> named(elements_.size(), 0);  // Largest article-named total below.
  for (size_t i = elements_.size(); i-- > 0;) {
    Element& e = elements_[i];
    sum[i] += e.score;
    e.total = sum[i];
    if (e.hint == internal::NameHint::kPositive) named[i] = std::max(named[i], e.total);
    e.ignored = names && e.hint == internal::NameHint::kNegative && named[i] < 0.5 * e.total;
    if (e.ignored) e.total = std::min(e.total, 0.0);
    if (e.parent < 0) continue;
    size_t p = static_cast<size_t>(e.parent);
    sum[p] += e.total;
    if (!e.ignored) named[p] = std::max(named[p], named[i]);
  }
  for (Element& e : elements_) {
    e.excluded = e.ignored || (e.parent >= 0 && elements_[static_cast<size_t>(e.parent)].excluded);
  }
}

// The element with the highest total among `root` (-1: the whole page) and
// its descendants; with `named`, one named as the article counts a quarter
// more, so that an ancestor wins over it only with substantial extra prose.
int Walker::ChooseBest(int root, bool named) const {
  int best = -1;
  double best_rank = 0;
  for (size_t i = root < 0 ? 0 : static_cast<size_t>(root); i < elements_.size(); ++i) {
    const Element& e = elements_[i];
    if (e.excluded || (root >= 0 && !IsUnder(static_cast<int>(i), root))) continue;
    double rank = e.total;
    if (named && e.hint == internal::NameHint::kPositive && rank > 0) rank *= 1.25;
    if (best < 0 || rank > best_rank) {
      best = static_cast<int>(i);
      best_rank = rank;
    }
  }
  return best;
}

// Paragraphs set side by side without a wrapper of their own
// (<td><p>…<p>…<p>…</td>, often unclosed) are elements of their own, and
// link lists beside them can bring their parent's total below that of the
// longest paragraph. When `chosen` is a paragraph whose sibling paragraphs
// together hold at least as much prose, the article is their parent.
int Walker::ParagraphParent(int chosen) const {
  const Element& c = elements_[static_cast<size_t>(chosen)];
  if (!c.paragraph || c.parent < 0) return chosen;
  double siblings = 0;
  for (size_t i = static_cast<size_t>(c.parent) + 1; i < elements_.size(); ++i) {
    const Element& e = elements_[i];
    if (e.parent != c.parent || static_cast<int>(i) == chosen) continue;
    if (e.paragraph && !e.excluded && e.total > 0) siblings += e.total;
  }
  return siblings >= c.total ? c.parent : chosen;
}

// Elements whose blocks are emitted: `best` and its descendants, without
// ignored subtrees.
std::vector<char> Walker::Members(int best) const {
  std::vector<char> inside(elements_.size(), 0);
  for (size_t i = 0; i < elements_.size(); ++i) {
    int p = elements_[i].parent;
    inside[i] = static_cast<int>(i) == best ||
                (p >= 0 && inside[static_cast<size_t>(p)] && !elements_[i].ignored);
  }
  return inside;
}

bool Walker::IsUnder(int element, int ancestor) const {
  for (int e = element; e >= 0; e = elements_[static_cast<size_t>(e)].parent) {
    if (e == ancestor) return true;
  }
  return false;
}

// True when `text` holds a date or a time of day: "2005-03-21", "2005/3/21",
// "2005年3月", "01:20".
bool HasDateOrTime(std::string_view text) {
  auto digits = [&](size_t i) {
    size_t n = 0;
    while (i + n < text.size() && text[i + n] >= '0' && text[i + n] <= '9') ++n;
    return n;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    size_t n = digits(i);
    if (n == 0) continue;
    std::string_view rest = text.substr(i + n);
    bool year_sep = rest.substr(0, 1) == "-" || rest.substr(0, 1) == "/" ||
                    rest.substr(0, 3) == "\xE5\xB9\xB4";  // 年
    if (n == 4 && year_sep && digits(i + n + (rest[0] == '-' || rest[0] == '/' ? 1 : 3)) > 0) {
      return true;
    }
    if (n <= 2 && rest.substr(0, 1) == ":" && digits(i + n + 1) == 2) return true;
    i += n - 1;
  }
  return false;
}

// True when every gap between consecutive records holds a block outside
// them with a link or a date (a post's title link, its date and time):
// what separates the posts of a listing, not the paragraphs of one article.
bool Walker::RecordsAreSeparated(const std::vector<int>& records) const {
  std::vector<int> record_of(elements_.size(), -1);
  for (size_t k = 0; k < records.size(); ++k) {
    record_of[static_cast<size_t>(records[k])] = static_cast<int>(k);
  }
  std::vector<char> separated(records.size(), 0);
  int last = -1;  // Record of the latest block inside one.
  for (const Block& b : blocks_) {
    int record = -1;
    for (int e = b.container; e >= 0 && record < 0; e = elements_[static_cast<size_t>(e)].parent) {
      record = record_of[static_cast<size_t>(e)];
    }
    if (record >= 0) {
      last = record;
    } else if (last >= 0 && (b.link_bytes > 0 || HasDateOrTime(b.text))) {
      separated[static_cast<size_t>(last)] = 1;
    }
  }
  for (size_t k = 0; k + 1 < records.size(); ++k) {
    if (!separated[k]) return false;
  }
  return true;
}

// A listing (a blog's posts, a thread's messages) inside the best element:
// three or more elements of one tag and class, each with prose, together
// most of the best element's score, separated by titles or dates. Returns
// the first of them, the page's own post; -1 when there is no listing.
int Walker::RecordListHead(int best, const std::vector<char>& inside) const {
  constexpr double kMinRecordScore = 50;
  std::map<std::string_view, std::vector<int>> groups;
  for (size_t i = 0; i < elements_.size(); ++i) {
    const Element& e = elements_[i];
    if (!inside[i] || static_cast<int>(i) == best || e.signature.empty() ||
        e.total < kMinRecordScore || e.signature.rfind("p.", 0) == 0) {
      continue;
    }
    std::vector<int>& group = groups[e.signature];
    if (!group.empty() && IsUnder(static_cast<int>(i), group.back())) continue;
    group.push_back(static_cast<int>(i));
  }
  double best_total = elements_[static_cast<size_t>(best)].total;
  for (const auto& [signature, records] : groups) {
    if (records.size() < 3) continue;
    double sum = 0;
    for (int r : records) sum += elements_[static_cast<size_t>(r)].total;
    if (sum >= 0.6 * best_total && RecordsAreSeparated(records)) return records.front();
  }
  return -1;
}

std::string Walker::Emit() {
  ScoreElements(true);
  int best = ChooseBest(-1, false);
  if (best < 0 || elements_[static_cast<size_t>(best)].total <= 0) {
    // All the prose is under negative names: the names were wrong.
    ScoreElements(false);
    best = ChooseBest(-1, false);
  }
  if (best < 0) return {};
  std::vector<char> inside = Members(best);
  int head = RecordListHead(best, inside);
  inside = Members(head >= 0 ? head : ParagraphParent(ChooseBest(best, true)));
  std::vector<std::string_view> lines;
  for (const Block& b : blocks_) {
    if (b.container < 0 || !inside[static_cast<size_t>(b.container)]) continue;
    if (IsLinkList(b)) continue;
    std::string_view text = internal::TrimLine(b.text);
    if (!text.empty()) lines.push_back(text);
  }
  std::vector<char> copy = SecondCopies(lines);
  // A legal notice closing the element is the site's, not the article's.
  size_t end = lines.size();
  while (end > 0 && IsLegalNotice(lines[end - 1])) --end;
  std::string out;
  for (size_t i = 0; i < end; ++i) {
    if (copy[i]) continue;
    out.append(lines[i]);
    out.push_back('\n');
  }
  return out;
}

}  // namespace

Status ExtractHtmlText(std::string_view html, std::string* out) {
  return internal::ExtractHtmlTextWithTitles(html, out, nullptr);
}

namespace internal {

Status ExtractHtmlTextWithTitles(std::string_view html, std::string* out, HtmlTitles* titles) {
  if (html.size() > INT_MAX) return ResourceExhaustedError("HTML document larger than 2 GiB");
  if (html.find_first_not_of(" \t\r\n") == std::string_view::npos) return OkStatus();
  htmlDocPtr doc = htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                      HTML_PARSE_NOWARNING | HTML_PARSE_NONET | XML_PARSE_HUGE);
  if (doc == nullptr) return OkStatus();  // Nothing parseable: no text.
  Walker walker(titles);
  for (const xmlNode* n = doc->children; n != nullptr; n = n->next) walker.Collect(n, -1, false);
  xmlFreeDoc(doc);
  out->append(walker.Emit());
  return OkStatus();
}

}  // namespace internal

}  // namespace zhclean
