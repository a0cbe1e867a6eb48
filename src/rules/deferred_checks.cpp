// Counts aborted subtransactions for DeferredChecks (deferred_checks.hpp).
#include "rules/deferred_checks.hpp"

#include "pg/load_steps.hpp"

namespace fitness::rules {

std::uint64_t subtransaction_aborts = 0;

namespace {
// Called by PostgreSQL in C; increments only (nothing that can fail).
void count_subtransaction_abort(SubXactEvent event, SubTransactionId, SubTransactionId, void*) {
  if (event == SUBXACT_EVENT_ABORT_SUB) ++subtransaction_aborts;
}
}  // namespace

}  // namespace fitness::rules

FITNESS_LOAD_STEP(deferred_checks_subtransactions, fitness::pg::LoadPhase::kCallbacks) {
  fitness::pg::pg_call(
      [] { RegisterSubXactCallback(fitness::rules::count_subtransaction_abort, nullptr); });
}
