// HTML to text with libxml2's HTML parser (chosen over gumbo by measure:
// same recovered text on the CWCED pages, 2.2 times faster; docs/strip.md):
// visible text only, the main block chosen by text and link density, one
// paragraph per line.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <string>
#include <vector>

#include "line_class.h"
#include "utf8.h"
#include "zhclean/strip.h"

namespace zhclean {

namespace {

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

// One run of text between block boundaries.
struct Block {
  std::string text;
  size_t link_bytes = 0;
  int container = -1;  // Index into Walker::elements_.
};

// Walks the tree once to collect blocks and score elements, then emits the
// best element's blocks.
class Walker {
 public:
  void Collect(const xmlNode* node, int container, bool in_link);
  std::string Emit();

 private:
  void EndBlock();
  double BlockScore(const Block& b) const;

  struct Element {
    int parent = -1;
    double score = 0;
  };
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

void Walker::Collect(const xmlNode* node, int container, bool in_link) {
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    if (node->content == nullptr) return;
    if (current_.text.empty()) current_.container = container;
    size_t before = current_.text.size();
    AppendCollapsed(reinterpret_cast<const char*>(node->content), &current_.text);
    if (in_link) current_.link_bytes += current_.text.size() - before;
    return;
  }
  if (node->type != XML_ELEMENT_NODE) return;
  std::string_view tag = Name(node);
  if (IsDropped(tag)) return;
  if (tag == "form" && TextBytes(node, kMaxDroppedFormText) < kMaxDroppedFormText) return;
  bool block = IsBlock(tag);
  int self = container;
  if (block) {
    EndBlock();
    self = static_cast<int>(elements_.size());
    elements_.push_back(Element{container, 0});
  }
  bool link = in_link || tag == "a";
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) Collect(c, self, link);
  if (block) EndBlock();
}

// Paragraph-like text counts for its element; link text and short labels
// count against it.
double Walker::BlockScore(const Block& b) const {
  std::string_view text = internal::TrimLine(b.text);
  internal::LineFeatures f = internal::AnalyzeLine(text);
  double link_share = b.text.empty() ? 0 : static_cast<double>(b.link_bytes) / b.text.size();
  double length = f.length;
  if (link_share > 0.5) return -1.5 * length;
  if (f.sentence_punct > 0 || f.length >= 20) return length * (1 - link_share);
  return -0.5 * length;
}

std::string Walker::Emit() {
  for (const Block& b : blocks_) {
    if (b.container >= 0) elements_[static_cast<size_t>(b.container)].score += BlockScore(b);
  }
  std::vector<double> total(elements_.size());
  for (size_t i = elements_.size(); i-- > 0;) {
    total[i] += elements_[i].score;
    if (elements_[i].parent >= 0) total[static_cast<size_t>(elements_[i].parent)] += total[i];
  }
  int best = -1;
  for (size_t i = 0; i < total.size(); ++i) {
    if (best < 0 || total[i] > total[static_cast<size_t>(best)]) best = static_cast<int>(i);
  }
  // An element belongs to the best one when `best` is among its ancestors.
  std::vector<char> inside(elements_.size(), 0);
  for (size_t i = 0; i < elements_.size(); ++i) {
    int p = elements_[i].parent;
    inside[i] = static_cast<int>(i) == best || (p >= 0 && inside[static_cast<size_t>(p)]);
  }
  std::string out;
  for (const Block& b : blocks_) {
    if (b.container < 0 || !inside[static_cast<size_t>(b.container)]) continue;
    std::string_view text = internal::TrimLine(b.text);
    if (text.empty()) continue;
    out.append(text);
    out.push_back('\n');
  }
  return out;
}

}  // namespace

Status ExtractHtmlText(std::string_view html, std::string* out) {
  if (html.size() > INT_MAX) return ResourceExhaustedError("HTML document larger than 2 GiB");
  if (html.find_first_not_of(" \t\r\n") == std::string_view::npos) return OkStatus();
  htmlDocPtr doc = htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                      HTML_PARSE_NOWARNING | HTML_PARSE_NONET | XML_PARSE_HUGE);
  if (doc == nullptr) return OkStatus();  // Nothing parseable: no text.
  Walker walker;
  for (const xmlNode* n = doc->children; n != nullptr; n = n->next) walker.Collect(n, -1, false);
  xmlFreeDoc(doc);
  out->append(walker.Emit());
  return OkStatus();
}

}  // namespace zhclean
