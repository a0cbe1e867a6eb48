// One check per entity per firing round of a deferred constraint trigger. Deferred row
// triggers fire once per changed row at commit (or SET CONSTRAINTS ... IMMEDIATE); a check
// of the whole entity (a workout's sets, a program's schedule) is needed once, unless a
// command ran since. The round is (transaction, command id): taken again after each check,
// because the check's own SPI queries advance the command id, while a later statement of the
// transaction (after SET CONSTRAINTS ... IMMEDIATE) or another trigger's writes start a new
// round in which everything is checked again.
#pragma once

#include <unordered_set>

#include "common/uuid.hpp"

namespace fitness::rules {

class DeferredChecks {
 public:
  // Whether `id` still needs its check in this round (and notes it as checked).
  bool needs(const Uuid& id) {
    if (transaction_ != MyProc->lxid || command_ != GetCurrentCommandId(false)) {
      done_.clear();
      transaction_ = MyProc->lxid;
    }
    return done_.insert(id).second;
  }
  // Call after a check that passed: its queries are part of the round.
  void checked() { command_ = GetCurrentCommandId(false); }

 private:
  LocalTransactionId transaction_ = InvalidLocalTransactionId;
  CommandId command_ = InvalidCommandId;
  std::unordered_set<Uuid, UuidHash> done_;
};

}  // namespace fitness::rules
