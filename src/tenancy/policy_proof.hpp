// Drops, after a scan's first row, filter conjuncts its index condition proves true now that the
// policy's InitPlans have run (see policy_proof.cpp). Counted in cache_stats() as
// "policy_proof".
#pragma once

#include "pg/postgres.hpp"

namespace fitness::tenancy {

// Installs the ExecutorStart hook; once per backend, from _PG_init.
void install_policy_proof();

}  // namespace fitness::tenancy
