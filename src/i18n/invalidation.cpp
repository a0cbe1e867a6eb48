#include "i18n/invalidation.hpp"

#include <array>
#include <unordered_map>

#include "pg/function.hpp"
#include "pg/load_steps.hpp"
#include "pg/security.hpp"
#include "pg/trigger.hpp"

namespace fitness::i18n {
namespace {

constexpr int kKinds = 5;
std::array<std::uint64_t, kKinds> generations{};

// Relation -> what its change makes stale. Empty until the first use of a cache; cleared on
// a cache reset (the tables may have been re-created, so they are looked up again).
std::unordered_map<Oid, unsigned> watched;

void bump(unsigned what) noexcept {
  for (int kind = 0; kind < kKinds; kind++)
    if ((what & (1u << kind)) != 0) ++generations[kind];
}

void relcache_callback(Datum, Oid relid) {
  if (relid == InvalidOid) {  // every relation (e.g. the invalidation queue overflowed)
    bump(kAll);
    watched.clear();
    return;
  }
  auto found = watched.find(relid);
  if (found != watched.end()) bump(found->second);
}

}  // namespace

std::uint64_t generation(Stale what) noexcept {
  int kind = 0;
  while (kind < kKinds - 1 && (static_cast<unsigned>(what) & (1u << kind)) == 0) kind++;
  return generations[kind];
}

void watch_fixed_tables() {
  if (!watched.empty()) return;
  struct Fixed {
    const char* schema;
    const char* table;
    unsigned stale;
  };
  // A language change reaches every cache: chains, and what was resolved along them.
  const Fixed fixed[] = {
      {"platform", "language", kAll},
      {"platform", "system_setting", kLanguages},
      {"platform", "ui_message", kMessages},
      {"platform", "translation", kTexts},
      {"core", "entity_type", kTexts},
      {"user_mgmt", "app_user", kUserLanguage},
      {"platform", "translation_cache", kMachine},
  };
  for (const Fixed& table : fixed)
    watched[pg::relation_oid(table.schema, table.table)] |= table.stale;
}

void watch_entity_table(Oid relid) { watched[relid] |= kTexts; }

void accept_invalidations() {
  pg::pg_call([] { AcceptInvalidationMessages(); });
}

FITNESS_LOAD_STEP(i18n_invalidation, pg::LoadPhase::kCallbacks) {
  pg::pg_call([] { CacheRegisterRelcacheCallback(relcache_callback, static_cast<Datum>(0)); });
}

}  // namespace fitness::i18n

using namespace fitness;

// AFTER ... FOR EACH ROW (and TRUNCATE) trigger on every table an i18n cache reads: the
// writing backend's caches are stale at once, every other backend's after the commit.
FITNESS_SQL_FUNCTION(fitness_i18n_invalidate) {
  Relation table = pg::trigger_call(fcinfo, "fitness.i18n_invalidate")->tg_relation;
  pg::pg_call([&] { CacheInvalidateRelcache(table); });
  i18n::watch_fixed_tables();
  Oid relid = RelationGetRelid(table);
  auto found = i18n::watched.find(relid);
  // A translated entity table this backend has not read through translate() yet has
  // nothing cached to drop; its texts are stale all the same.
  i18n::bump(found != i18n::watched.end() ? found->second : i18n::kTexts);
  return PointerGetDatum(nullptr);
}
