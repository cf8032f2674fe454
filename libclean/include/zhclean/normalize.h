// The normalize stage: leaked ruby annotations, escapes and Unicode
// normalisation for text that is already valid UTF-8.
//
//   zhclean::NormalizeOptions options;
//   options.punct_width = false;            // Keep half-width punctuation.
//   auto stage = zhclean::NewNormalizeStage(options);
//   if (!stage.ok()) { /* stage.status().message() says why */ }
//   pipeline.Add(std::move(*stage));
//
// Each option switches one rule; every change is recorded in the stage's
// EditLog under the rule name given below. Rules run in a fixed order
// (control, json-escape, entity, mojibake:after-references, crlf,
// ascii-width, nfc, radical, ruby, punct-width, space), each on the output of the previous one, one line
// at a time; the result does not depend on where chunks are cut. Text that
// needs no change is copied through a fast scan. See docs/normalize.md.
#ifndef ZHCLEAN_NORMALIZE_H_
#define ZHCLEAN_NORMALIZE_H_

#include <memory>

#include "zhclean/pipeline.h"
#include "zhclean/status.h"

namespace zhclean {

struct NormalizeOptions {
  // "ruby": drops a parenthesised pinyin annotation, `網(wǎng)` -> `網`, only
  // when each syllable is a Unihan reading of the Han character it follows;
  // half-width and full-width parentheses. Real parentheses stay.
  bool ruby = true;
  // "entity": decodes HTML character references (`&amp;`, `&#20013;`,
  // `&#x4E2D;`); names come from libxml2's HTML entity table; a terminating
  // `;` is required; references to U+0080-009F mean windows-1252's
  // characters, as in HTML (`&#150;` is "–"); references to controls (and
  // to what the control rule removes), surrogates and the five C1 code
  // points windows-1252 leaves undefined stay as they are.
  bool entities = true;
  // "json-escape": decodes `\uXXXX` escapes on lines that are an escaped
  // body (no raw Han on the line and at least three escapes of CJK text,
  // two of them adjacent); a lone escape quoted in prose stays.
  bool json_escapes = true;
  // "nfc": Unicode NFC (ICU), except that CJK compatibility ideographs are
  // left to the radical rule.
  bool nfc = true;
  // "radical": Kangxi radicals (U+2F00-2FD5) and CJK compatibility
  // ideographs -> the unified ideograph, inside a run of Han text that holds
  // at least one unified ideograph.
  bool radicals = true;
  // "punct-width": half-width `,` `:` `;` `!` `?` between Han characters ->
  // full-width; `(` `)` only as a pair on a line that already uses
  // full-width parentheses. `1,000`, `3.5`, URLs and Latin text stay.
  bool punct_width = true;
  // "ascii-width": full-width ASCII letters and digits -> ASCII; a lone
  // full-width letter between two Han characters stays (it is as often a
  // damaged character, e.g. zuozhuan.txt's `将归Ｖ请`).
  bool ascii_width = true;
  // "space": no-break and typographic spaces (U+00A0, U+2000-200A, U+202F,
  // U+205F) next to Han text -> U+0020. Ideographic space U+3000 stays: it
  // is the normal indent of Chinese paragraphs. NBSP in Latin text stays.
  bool spaces = true;
  // "control": removes C0 controls (but \t, \n, \r), DEL, zero-width
  // characters (U+200B, U+2060, U+FEFF; U+200C/D only between Han or ASCII
  // characters) and bidi embeddings, overrides and isolates (U+202A-202E,
  // U+2066-2069). C1 controls stay: they are mojibake evidence.
  bool controls = true;
  // "crlf": in a document whose first line ends in LF, a line ending in
  // CR LF (or CR CR LF) -> LF. A document whose first line ends in CR LF
  // is a CRLF file and keeps its line ends; a lone CR stays.
  bool crlf = true;
  // "mojibake:after-references": on a line where the entity or
  // json-escape rule decoded characters above ASCII, repairs the mojibake
  // they uncovered with zh-repair's hypotheses (`10Î&frac14;s` -> `10μs`,
  // `caf&Atilde;&copy;` -> `café`). zh-repair's --no-mojibake turns it off.
  bool mojibake = true;
};

// Returns the normalize stage (name "normalize") configured by `options`.
// The stage takes valid UTF-8 only. Returns kInternal when ICU's
// normalisation data cannot be loaded. The stage is not thread-safe; create
// one per worker.
StatusOr<std::unique_ptr<Stage>> NewNormalizeStage(
    const NormalizeOptions& options);

}  // namespace zhclean

#endif  // ZHCLEAN_NORMALIZE_H_
