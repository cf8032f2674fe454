// HTML to text with gumbo: visible text only, the main block chosen by text
// and link density, one paragraph per line.
#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "line_class.h"
#include "utf8.h"
#include "zhclean/strip.h"

namespace zhclean {

namespace {

bool IsDropped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_SVG: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_MENU:
    case GUMBO_TAG_MAP: case GUMBO_TAG_LABEL: case GUMBO_TAG_OPTION:
      return true;
    default:
      return false;
  }
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_BR: case GUMBO_TAG_LI:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_PRE: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_BODY: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_DD: case GUMBO_TAG_CENTER: case GUMBO_TAG_HR: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_ADDRESS:
      return true;
    default:
      return false;
  }
}

// Bytes of text under `node` (stops counting past `limit`).
size_t TextBytes(const GumboNode* node, size_t limit) {
  if (node->type == GUMBO_NODE_TEXT) return std::strlen(node->v.text.text);
  if (node->type != GUMBO_NODE_ELEMENT || IsDropped(node->v.element.tag)) return 0;
  size_t n = 0;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length && n < limit; ++i) {
    n += TextBytes(static_cast<const GumboNode*>(children.data[i]), limit - n);
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
  void Collect(const GumboNode* node, int container, bool in_link);
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

void Walker::Collect(const GumboNode* node, int container, bool in_link) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
    if (current_.text.empty()) current_.container = container;
    size_t before = current_.text.size();
    AppendCollapsed(node->v.text.text, &current_.text);
    if (in_link) current_.link_bytes += current_.text.size() - before;
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return;
  GumboTag tag = node->type == GUMBO_NODE_ELEMENT ? node->v.element.tag : GUMBO_TAG_HTML;
  if (IsDropped(tag)) return;
  if (tag == GUMBO_TAG_FORM && TextBytes(node, kMaxDroppedFormText) < kMaxDroppedFormText) return;
  bool block = IsBlock(tag);
  int self = container;
  if (block) {
    EndBlock();
    self = static_cast<int>(elements_.size());
    elements_.push_back(Element{container, 0});
  }
  bool link = in_link || tag == GUMBO_TAG_A;
  const GumboVector& children = node->type == GUMBO_NODE_ELEMENT
                                    ? node->v.element.children
                                    : node->v.document.children;
  for (unsigned i = 0; i < children.length; ++i) {
    Collect(static_cast<const GumboNode*>(children.data[i]), self, link);
  }
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
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  GumboOutput* parsed = gumbo_parse_with_options(&options, html.data(), html.size());
  if (parsed == nullptr) return ResourceExhaustedError("HTML parser gave up");
  Walker walker;
  walker.Collect(parsed->document, -1, false);
  gumbo_destroy_output(&options, parsed);
  out->append(walker.Emit());
  return OkStatus();
}

}  // namespace zhclean
