// An internal subtransaction, as PL/pgSQL's exception blocks use them: work done inside it
// can be undone without aborting the caller's transaction.
#pragma once

#include "pg/guard.hpp"

namespace fitness::pg {

// Begins a subtransaction; commit() releases it (its work joins the enclosing transaction),
// otherwise the destructor rolls it back, also while an exception unwinds (a PgError caught
// inside it is then undone with it, as PL/pgSQL does). Memory context and resource owner are
// the caller's again afterwards. Open SPI sessions must be the caller's (opened before).
class SubTransaction {
 public:
  SubTransaction() : context_(CurrentMemoryContext), owner_(CurrentResourceOwner) {
    pg_call([] { BeginInternalSubTransaction(nullptr); });
    MemoryContextSwitchTo(context_);  // work on in the caller's memory
  }
  ~SubTransaction() {
    if (done_) return;
    RollbackAndReleaseCurrentSubTransaction();
    back_to_caller();
  }
  void commit() {
    pg_call([] { ReleaseCurrentSubTransaction(); });
    back_to_caller();
    done_ = true;
  }
  SubTransaction(const SubTransaction&) = delete;
  SubTransaction& operator=(const SubTransaction&) = delete;

 private:
  void back_to_caller() noexcept {
    MemoryContextSwitchTo(context_);
    CurrentResourceOwner = owner_;
  }
  MemoryContext context_;
  ResourceOwner owner_;
  bool done_ = false;
};

}  // namespace fitness::pg
