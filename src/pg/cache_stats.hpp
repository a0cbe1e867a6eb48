// Counters of the extension's per-backend caches, listed by fitness.cache_stats().
#pragma once

#include <cstdint>
#include <functional>

namespace fitness::pg {

struct CacheStats {
  const char* name;
  std::function<std::int64_t()> entries;  // current number of entries
  std::int64_t hits = 0;
  std::int64_t misses = 0;
  std::int64_t invalidations = 0;
};

// Caches register once per backend (static storage); the registry never owns them.
void register_cache(CacheStats* stats);

template <typename Visit>
void for_each_cache(Visit&& visit);

}  // namespace fitness::pg

#include <vector>

namespace fitness::pg {
std::vector<CacheStats*>& registered_caches();

template <typename Visit>
void for_each_cache(Visit&& visit) {
  for (CacheStats* stats : registered_caches()) visit(*stats);
}
}  // namespace fitness::pg
