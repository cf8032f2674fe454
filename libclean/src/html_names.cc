#include "html_names.h"

#include <string>

namespace zhclean::internal {

namespace {

// Matched anywhere in the lower-cased names.
constexpr std::string_view kNegativeParts[] = {
    "comment",  "reply",     "related",  "relate",    "recommend", "share",
    "footer",   "sidebar",   "breadcrumb", "crumb",   "copyright", "banner",
    "advert",   "sponsor",   "login",    "pager",     "pagination", "toolbar",
    "widget",   "pinglun",   "xiangguan", "tuijian",  "fenxiang",  "remen",
    "daohang",  "banquan",   "guanggao", "friendlink", "trackback", "rightbar",
    "leftbar",  "subnav",    "side_nav", "sidenav",   "navbar",    "topnav",
    "top_nav",  "hotnews",   "hot_news", "hotlist",   "morelist",  "taboola",
};

// Matched as whole tokens (runs of letters and digits) only: too short or
// too common to match inside other words ("ad" in "head", "nav" in "canvas").
constexpr std::string_view kNegativeTokens[] = {
    "ad", "ads", "adv", "gg", "nav", "menu", "hot", "rank", "tags", "foot",
    "side", "bottom", "share", "more", "links", "link", "social", "print",
    "xg", "tj", "pl", "plist", "recom",
};

constexpr std::string_view kPositiveParts[] = {
    "article", "content", "post",     "text",   "detail",  "entry",  "story",
    "zhengwen", "wenzhang", "neirong", "zoom",  "editor",  "artibody", "endtext",
    "maincon", "newsbody", "news_body", "blog_body", "msg",
};

constexpr std::string_view kPositiveTokens[] = {
    "main", "body", "con", "cont", "txt", "zw", "nr", "wz", "art",
};

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

template <size_t N>
bool HasPart(const std::string& names, const std::string_view (&parts)[N]) {
  for (std::string_view part : parts) {
    if (names.find(part) != std::string::npos) return true;
  }
  return false;
}

template <size_t N>
bool HasToken(const std::string& names, const std::string_view (&tokens)[N]) {
  size_t i = 0;
  while (i < names.size()) {
    while (i < names.size() && !IsAlnum(names[i])) ++i;
    size_t start = i;
    while (i < names.size() && IsAlnum(names[i])) ++i;
    std::string_view token(names.data() + start, i - start);
    if (token.empty()) continue;
    for (std::string_view t : tokens) {
      if (token == t) return true;
    }
  }
  return false;
}

}  // namespace

NameHint ClassifyElementNames(std::string_view names) {
  if (names.empty()) return NameHint::kNone;
  std::string lower(names);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (HasPart(lower, kNegativeParts) || HasToken(lower, kNegativeTokens)) {
    return NameHint::kNegative;
  }
  if (HasPart(lower, kPositiveParts) || HasToken(lower, kPositiveTokens)) {
    return NameHint::kPositive;
  }
  return NameHint::kNone;
}

}  // namespace zhclean::internal
