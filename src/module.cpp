// Library entry: module magic and per-backend initialisation.
#include "context/context.hpp"
#include "pg/relation_cache.hpp"

extern "C" {
PG_MODULE_MAGIC;
void _PG_init(void);
}

void _PG_init(void) {
  // Relcache callbacks cannot be unregistered; the library is never unloaded.
  fitness::pg::register_relation_cache_callback();
  fitness::context::define_settings();
  fitness::context::register_transaction_callbacks();
}
