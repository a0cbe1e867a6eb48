// When the i18n caches are stale. Every cache of this folder is kept across transactions
// and dropped when the tables it was read from change: the tables' row triggers queue a
// relcache invalidation of the written table, which PostgreSQL delivers to every other
// backend (and to hot standbys, in the commit record) only when the writer commits, and
// runs in the writer itself at the end of each command and when it rolls back. So a
// change is seen here at once, elsewhere from the next transaction after the commit, and
// a rolled-back change is undone everywhere it was seen.
#pragma once

#include <cstdint>

#include "pg/guard.hpp"

namespace fitness::i18n {

// What a table's change makes stale.
enum Stale : unsigned {
  kLanguages = 1u << 0,     // platform.language, the default_language setting
  kMessages = 1u << 1,      // platform.ui_message
  kTexts = 1u << 2,         // platform.translation, core.entity_type, translated entity tables
  kUserLanguage = 1u << 3,  // user_mgmt.app_user.language_code
  kMachine = 1u << 4,       // platform.translation_cache
  kAll = 0xffu,
};

// Moves each time one of the caches in `what` may be stale (here or after another
// backend's commit). A cache remembers the generation it was loaded under.
std::uint64_t generation(Stale what) noexcept;

// Starts hearing of the fixed i18n tables (first use in a backend) and of a translated
// entity table (translate.cpp, when it reads the entity-type registry).
void watch_fixed_tables();
void watch_entity_table(Oid relid);

// Reads the invalidations other backends committed up to now (before a load that will be
// kept: the load must not start from an older view than the caches it refills).
void accept_invalidations();

// Whether what was loaded since generation(what) was `before` may be kept: no change
// arrived meanwhile, and the load read the latest snapshot (in parallel mode it reads the
// query's own, so its result serves this call only).
inline bool may_keep(std::uint64_t before, Stale what) {
  return before == generation(what) && !IsInParallelMode();
}

}  // namespace fitness::i18n
