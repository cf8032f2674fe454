// The title of an HTML page among its extracted lines, told by the markup:
// a line that is the page's <h1> or a whole segment of its <title>.
#ifndef ZHCLEAN_SRC_STRIP_TITLE_H_
#define ZHCLEAN_SRC_STRIP_TITLE_H_

#include <string_view>

#include "html_extract.h"

namespace zhclean::internal {

// True when `line` (trimmed) is the page's title: white space aside, it
// equals one of the <h1> texts, or it is a whole segment of the <title>
// text, cut at its ends or at separators ("标题_频道_网站", "网站 - 标题",
// "标题——副题"). Needs at least kMinTitleHan Han characters, so a "1" or a
// short site name cannot match by accident.
bool IsMarkupTitle(std::string_view line, const HtmlTitles& titles);

// True when `line` continues the title line `first`: it repeats it, or
// `first` + `line` is itself a whole segment of the <title> (a title with a
// subtitle on its own line: "主题" / "——副题").
bool ContinuesMarkupTitle(std::string_view first, std::string_view line,
                          const HtmlTitles& titles);

constexpr int kMinTitleHan = 4;

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_STRIP_TITLE_H_
