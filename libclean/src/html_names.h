// Hints from an HTML element's class, id and role attributes: names that
// well-known extractors (readability and its descendants) and Chinese sites
// use for the article ("content", "zhengwen", "zoom") and for what
// surrounds it ("comment", "related", "pinglun", "xiangguan").
#ifndef ZHCLEAN_SRC_HTML_NAMES_H_
#define ZHCLEAN_SRC_HTML_NAMES_H_

#include <string_view>

namespace zhclean::internal {

enum class NameHint {
  kNone,
  kPositive,  // Names an article or its body.
  kNegative,  // Names comments, related lists, sharing, navigation, ads.
};

// Classifies the concatenated class, id and role values of one element
// (any case). A negative name wins over a positive one ("post-footer",
// "comment-content").
NameHint ClassifyElementNames(std::string_view names);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_HTML_NAMES_H_
