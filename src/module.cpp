// Library entry: module magic and per-backend initialisation. Each capability declares its
// load-time steps next to its code (FITNESS_LOAD_STEP, pg/load_steps.hpp); this file runs
// them and knows none of them.
#include "pg/guard.hpp"
#include "pg/load_steps.hpp"

extern "C" {
PG_MODULE_MAGIC;
void _PG_init(void);
}

void _PG_init(void) {
  // Under the guard like every entry point: an error in a step (out of memory, no callback
  // slot left) becomes an ERROR. Relcache callbacks cannot be unregistered; the library is
  // never unloaded.
  (void)fitness::pg::guard([]() -> Datum {
    fitness::pg::run_load_steps();
    return static_cast<Datum>(0);
  });
}
