// Compares the two HTML parsers Debian offers for zh-strip's HTML input:
// gumbo (HTML5 tree builder) and libxml2's HTML parser. For each page it
// times a parse plus a walk collecting the visible text (script and style
// skipped, one line per block) and writes that text to OUTDIR/<parser>/
// so scripts/eval_strip_parsers.sh can score what each parser recovers.
// Built and run by scripts/eval_strip_parsers.sh (not part of the build).
#include <gumbo.h>
#include <libxml/HTMLparser.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

bool GumboBlock(GumboTag t) {
  return t == GUMBO_TAG_P || t == GUMBO_TAG_DIV || t == GUMBO_TAG_BR || t == GUMBO_TAG_LI ||
         t == GUMBO_TAG_TR || t == GUMBO_TAG_TD || t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 ||
         t == GUMBO_TAG_H3 || t == GUMBO_TAG_TABLE || t == GUMBO_TAG_UL;
}

void GumboText(const GumboNode* n, std::string* out) {
  if (n->type == GUMBO_NODE_TEXT) {
    out->append(n->v.text.text);
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) return;
  const GumboVector* kids = &n->v.document.children;
  if (n->type == GUMBO_NODE_ELEMENT) {
    GumboTag t = n->v.element.tag;
    if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_HEAD) return;
    kids = &n->v.element.children;
    if (GumboBlock(t)) out->push_back('\n');
  }
  for (unsigned i = 0; i < kids->length; ++i) {
    GumboText(static_cast<const GumboNode*>(kids->data[i]), out);
  }
}

bool XmlBlock(const char* name) {
  static const char* kBlocks[] = {"p", "div", "br", "li", "tr", "td", "h1", "h2", "h3", "table", "ul"};
  for (const char* b : kBlocks) {
    if (std::strcmp(name, b) == 0) return true;
  }
  return false;
}

void XmlText(xmlNode* n, std::string* out) {
  for (; n != nullptr; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content != nullptr) out->append(reinterpret_cast<const char*>(n->content));
      continue;
    }
    if (n->type != XML_ELEMENT_NODE) continue;
    const char* name = reinterpret_cast<const char*>(n->name);
    if (!std::strcmp(name, "script") || !std::strcmp(name, "style") || !std::strcmp(name, "head")) {
      continue;
    }
    if (XmlBlock(name)) out->push_back('\n');
    XmlText(n->children, out);
  }
}

std::string WithGumbo(const std::string& html) {
  std::string out;
  GumboOutput* g = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  GumboText(g->document, &out);
  gumbo_destroy_output(&kGumboDefaultOptions, g);
  return out;
}

std::string WithLibxml2(const std::string& html) {
  std::string out;
  htmlDocPtr doc = htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                      HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (doc != nullptr) {
    XmlText(xmlDocGetRootElement(doc), &out);
    xmlFreeDoc(doc);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: strip_parsers OUTDIR PAGE.html...\n";
    return 2;
  }
  std::string outdir = argv[1];
  double seconds[2] = {0, 0};
  size_t bytes = 0;
  const int kRepeat = 5;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string html = ss.str();
    bytes += html.size() * kRepeat;
    std::string name = argv[i];
    name = name.substr(name.rfind('/') + 1);
    name = name.substr(0, name.rfind('.'));
    for (int p = 0; p < 2; ++p) {
      std::string text;
      auto start = std::chrono::steady_clock::now();
      for (int r = 0; r < kRepeat; ++r) text = p == 0 ? WithGumbo(html) : WithLibxml2(html);
      seconds[p] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::ofstream(outdir + (p == 0 ? "/gumbo/" : "/libxml2/") + name + ".txt") << text;
    }
  }
  std::printf("gumbo:   %.1f MB/s (%.3f s)\nlibxml2: %.1f MB/s (%.3f s)\n", bytes / 1e6 / seconds[0],
              seconds[0], bytes / 1e6 / seconds[1], seconds[1]);
  return 0;
}
