// HTML to text with the page's title texts, for the strip stage: the
// <title> and <h1> texts tell which extracted line is the article's title.
#ifndef ZHCLEAN_SRC_HTML_EXTRACT_H_
#define ZHCLEAN_SRC_HTML_EXTRACT_H_

#include <string>
#include <string_view>
#include <vector>

#include "zhclean/status.h"

namespace zhclean::internal {

// The title texts of a page, white space collapsed and trimmed.
struct HtmlTitles {
  std::string title;                  // The first <title> ("" when none).
  std::vector<std::string> headings;  // The first few <h1> texts.
};

// ExtractHtmlText (zhclean/strip.h) that also fills *titles when it is not
// null. Same errors.
Status ExtractHtmlTextWithTitles(std::string_view html, std::string* out, HtmlTitles* titles);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_HTML_EXTRACT_H_
