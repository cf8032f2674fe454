// Tests on the text of extracted HTML blocks, for html_extract.cc.
#ifndef ZHCLEAN_SRC_HTML_TEXT_H_
#define ZHCLEAN_SRC_HTML_TEXT_H_

#include <string_view>
#include <vector>

namespace zhclean::internal {

// Marks the lines of a second copy of the article (a print or mobile
// version hidden in the same page): a run of at least three long
// paragraphs (60 bytes each) that all appeared before. A single repeated
// paragraph (a refrain, a spec line shared by two models) is the
// article's own. Returns one flag per line.
std::vector<char> SecondCopies(const std::vector<std::string_view>& lines);

// True when `text` has a full-width sentence mark: ，。；：！？
bool HasSentenceMark(std::string_view text);

// A site's legal notice (copyright, reprint terms, disclaimer): a block
// that uses at least two of the notices' terms (著作权 版权 转载 侵权 稿酬
// 免责 法律责任). Articles about copyright use them too, but spread over
// many paragraphs.
bool IsLegalNotice(std::string_view text);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_HTML_TEXT_H_
