// Library entry: module magic and per-backend initialisation.
#include "audit/log_writer.hpp"
#include "identity/authz.hpp"
#include "identity/context.hpp"
#include "identity/keyring.hpp"
#include "tenancy/policy_proof.hpp"
#include "pg/relation_cache.hpp"
#include "pg/relation_plans.hpp"
#include "softdelete/soft_delete.hpp"
#include "softdelete/transparent.hpp"

extern "C" {
PG_MODULE_MAGIC;
void _PG_init(void);
}

void _PG_init(void) {
  // Under the guard like every entry point, and through pg_call: the steps below are C calls
  // (settings, callbacks, hooks) with no C++ object in their frames, so an error in one
  // (out of memory, no callback slot left) becomes a C++ exception and then an ERROR.
  (void)fitness::pg::guard([]() -> Datum {
    fitness::pg::pg_call([] {
      // Relcache callbacks cannot be unregistered; the library is never unloaded.
      fitness::pg::register_relation_cache_callback();
      fitness::pg::register_relation_plan_callbacks();
      fitness::identity::register_authz_invalidation();
      fitness::identity::register_keyring_invalidation();
      fitness::audit::define_audit_log_writer_setting();
      fitness::tenancy::install_policy_proof();
      fitness::identity::install_context_guard();
      fitness::identity::define_settings();  // last: reserves the fitness. prefix
      fitness::softdelete::register_soft_delete_callbacks();
      fitness::softdelete::install_transparent_delete();
    });
    return static_cast<Datum>(0);
  });
}
