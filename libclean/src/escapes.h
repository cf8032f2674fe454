// The escape passes of the normalize stage: HTML character references
// ("entity") and JSON-escaped bodies ("json-escape").
#ifndef ZHCLEAN_SRC_ESCAPES_H_
#define ZHCLEAN_SRC_ESCAPES_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "width.h"

namespace zhclean::internal {

// libxml2's HTML 4 named character references, sorted by name, generated
// at build time (libclean/gen/gen_html_entities.cc).
struct HtmlEntity {
  char name[16];
  uint32_t value;
};
extern const HtmlEntity kHtmlEntities[];
extern const size_t kHtmlEntityCount;

// Decodes the character reference after an '&' at line[pos]: `name;`,
// `#digits;` or `#xhex;`. Names are those of kHtmlEntities.
// Returns the code point and sets *end past the ';', or returns 0 when
// there is no reference, it lacks the ';', or it names a control (C0 but
// TAB, DEL, C1), a character the control pass removes (zero-width, bidi),
// a surrogate, a noncharacter or U+0000.
char32_t DecodeCharRef(std::string_view line, size_t pos, size_t* end);

// "entity": one edit per reference; `&amp;` that introduces another
// reference (double escaping, `&amp;lt;`) is decoded with it, so the pass
// is idempotent.
void FindEntityEdits(std::string_view line, PassEdits* edits);

// "json-escape": on a line without raw Han text (as an ensure_ascii JSON
// body; raw Han beside escapes means they are quoted) that holds at least three
// `\uXXXX` escapes of CJK text, two of them adjacent, decodes every
// `\uXXXX` (surrogate pairs joined; controls and lone surrogates kept) and
// `\"`, `\/`, `\\`. `\n`, `\t`, `\r` stay as they are: decoding them would
// change the line structure. Adjacent escapes form one edit.
void FindJsonEscapeEdits(std::string_view line, PassEdits* edits);

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_ESCAPES_H_
