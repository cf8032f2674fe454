// An Edit that owns its text: for edits a worker thread records and its
// caller passes to the real sink later, in input order (parallel.cc,
// repair_lines.cc).
#ifndef ZHCLEAN_SRC_OWNED_EDIT_H_
#define ZHCLEAN_SRC_OWNED_EDIT_H_

#include <cstdint>
#include <string>

#include "zhclean/edit.h"

namespace zhclean::internal {

struct OwnedEdit {
  explicit OwnedEdit(const Edit& e)
      : step(e.step), before(e.before), after(e.after), rule(e.rule), reason(e.reason),
        document(e.document), offset(e.offset) {}
  // The edit again; its views live as long as this.
  Edit view() const { return Edit{step, document, offset, before, after, rule, reason}; }

  std::string step, before, after, rule, reason;
  uint64_t document, offset;
};

}  // namespace zhclean::internal

#endif  // ZHCLEAN_SRC_OWNED_EDIT_H_
