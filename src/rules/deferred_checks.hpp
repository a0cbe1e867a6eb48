// One check per entity per firing round of a deferred constraint trigger. Deferred row
// triggers fire once per changed row at commit (or SET CONSTRAINTS ... IMMEDIATE); a check
// of the whole entity (a workout's sets, a program's schedule) is needed once per round.
// A round is (transaction, command id, subtransaction aborts): the command id is taken again
// after each check, because the check's own SPI queries advance it, while a later statement
// that writes, or another trigger's writes, start a new round; so does a rollback to a
// savepoint, which undoes data (and re-queues the events fired inside it) without advancing
// the command id.
#pragma once

#include <cstdint>
#include <unordered_set>

#include "common/uuid.hpp"

namespace fitness::rules {

// Subtransactions aborted in this backend (deferred_checks.cpp counts them).
extern std::uint64_t subtransaction_aborts;

class DeferredChecks {
 public:
  // Runs check() for `id` unless it ran in this round; a check that throws leaves the
  // transaction to abort.
  template <typename Check>
  void once(const Uuid& id, Check check) {
    if (!needs(id)) return;
    check();
    command_ = GetCurrentCommandId(false);  // its own queries are part of the round
  }

 private:
  // Whether `id` still needs its check in this round (and notes it as checked).
  bool needs(const Uuid& id) {
    if (transaction_ != MyProc->lxid || command_ != GetCurrentCommandId(false) ||
        aborts_ != subtransaction_aborts) {
      done_.clear();
      transaction_ = MyProc->lxid;
      aborts_ = subtransaction_aborts;
    }
    return done_.insert(id).second;
  }
  LocalTransactionId transaction_ = InvalidLocalTransactionId;
  CommandId command_ = InvalidCommandId;
  std::uint64_t aborts_ = 0;
  std::unordered_set<Uuid, UuidHash> done_;
};

}  // namespace fitness::rules
