#include "pg/cache_stats.hpp"

#include "pg/function.hpp"
#include "pg/guard.hpp"

namespace fitness::pg {

std::vector<CacheStats*>& registered_caches() {
  static std::vector<CacheStats*> caches;
  return caches;
}

void register_cache(CacheStats* stats) { registered_caches().push_back(stats); }

}  // namespace fitness::pg

// fitness.cache_stats(): one row per cache of this backend.
FITNESS_SQL_FUNCTION(fitness_cache_stats) {
  using namespace fitness;
  pg::pg_call([&] { InitMaterializedSRF(fcinfo, 0); });
  auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  pg::for_each_cache([&](const pg::CacheStats& stats) {
    Datum values[5];
    bool nulls[5] = {false, false, false, false, false};
    std::int64_t entries = stats.entries ? stats.entries() : 0;
    pg::pg_call([&] {
      values[0] = CStringGetTextDatum(stats.name);
      values[1] = Int64GetDatum(stats.hits);
      values[2] = Int64GetDatum(stats.misses);
      values[3] = Int64GetDatum(entries);
      values[4] = Int64GetDatum(stats.invalidations);
      tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
    });
  });
  return static_cast<Datum>(0);
}
