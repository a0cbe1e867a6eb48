#include "pg/relation_plans.hpp"
#include "pg/load_steps.hpp"

#include <algorithm>

namespace fitness::pg {
namespace {

// Resources of replaced or dropped entries, freed when the transaction ends.
struct Retired {
  std::vector<SPIPlanPtr> plans;
  std::vector<MemoryContext> contexts;
};
Retired retired;

std::vector<RelationPlanCacheBase*>& all_caches() {
  static std::vector<RelationPlanCacheBase*> caches;
  return caches;
}

// Relations named by relcache invalidations since the last sweep; forget_all: an
// check_all: a cache reset (or too many to list), so every entry is checked.
constexpr size_t kMaxSuspects = 1024;
std::vector<Oid> suspects;
bool check_all = false;

void relcache_callback(Datum, Oid relid) noexcept {
  if (relid == InvalidOid) {
    check_all = true;
    return;
  }
  if (check_all) return;
  if (suspects.size() >= kMaxSuspects) {  // many invalidations, no use of a cache meanwhile
    check_all = true;
    suspects.clear();
    return;
  }
  try {
    suspects.push_back(relid);
  } catch (...) {
    check_all = true;  // out of memory: check every entry next time instead
  }
}

// Frees what was retired. Runs from the transaction callback, outside any C++ frame that
// owns objects, so neither call may meet a destructor if it raised (neither raises for
// valid arguments: both only release memory).
void free_retired() noexcept {
  for (SPIPlanPtr plan : retired.plans) SPI_freeplan(plan);
  for (MemoryContext context : retired.contexts) MemoryContextDelete(context);
  retired.plans.clear();
  retired.contexts.clear();
}

void transaction_callback(XactEvent event, void*) {
  if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT || event == XACT_EVENT_PREPARE ||
      event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT)
    free_retired();
}

}  // namespace

SPIPlanPtr KeptResources::prepare(const std::string& sql, const std::vector<Oid>& arg_types,
                                  int cursor_options) {
  plans_.reserve(plans_.size() + 1);  // recording the plan below cannot throw then
  const char* text = sql.c_str();
  int nargs = static_cast<int>(arg_types.size());
  Oid* types = const_cast<Oid*>(arg_types.data());
  SPIPlanPtr plan = pg_call([&] {
    SPIPlanPtr prepared = SPI_prepare_cursor(text, nargs, types, cursor_options);
    if (prepared == nullptr)
      elog(ERROR, "SPI_prepare failed (%s) for: %s", SPI_result_code_string(SPI_result), text);
    SPI_keepplan(prepared);
    return prepared;
  });
  keep(plan);
  return plan;
}

MemoryContext KeptResources::memory(const char* name) {
  contexts_.reserve(contexts_.size() + 1);
  MemoryContext context = pg_call(
      [&] { return AllocSetContextCreateInternal(TopMemoryContext, name, ALLOCSET_SMALL_SIZES); });
  keep(context);
  return context;
}

void KeptResources::keep(SPIPlanPtr plan) noexcept {
  if (!retired_) {
    plans_.push_back(plan);  // reserved by the caller
    return;
  }
  try {
    retired.plans.push_back(plan);
  } catch (...) {  // out of memory: leaks rather than freeing what a caller may still run
  }
}

void KeptResources::keep(MemoryContext context) noexcept {
  if (!retired_) {
    contexts_.push_back(context);
    return;
  }
  try {
    retired.contexts.push_back(context);
  } catch (...) {
  }
}

void KeptResources::retire() noexcept {
  try {
    retired.plans.insert(retired.plans.end(), plans_.begin(), plans_.end());
    retired.contexts.insert(retired.contexts.end(), contexts_.begin(), contexts_.end());
  } catch (...) {
    // Out of memory: the resources leak (until the backend exits) rather than being freed
    // while a caller may still run them.
  }
  plans_.clear();
  contexts_.clear();
  retired_ = true;
}

RelationPlanCacheBase::RelationPlanCacheBase(const char* purpose) : stats_{purpose, nullptr} {
  all_caches().push_back(this);
  pg::register_cache(&stats_);
}

void RelationPlanCacheBase::forget_dropped_relations() {
  if (suspects.empty() && !check_all) return;
  std::vector<Oid> candidates;
  if (check_all) {
    for (RelationPlanCacheBase* c : all_caches()) c->relids(candidates);
  } else {
    candidates.swap(suspects);
  }
  suspects.clear();
  check_all = false;
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  try {
    for (Oid relid : candidates) {
      bool exists = pg_call([&] { return SearchSysCacheExists1(RELOID, ObjectIdGetDatum(relid)); });
      if (exists) continue;
      for (RelationPlanCacheBase* c : all_caches()) c->erase(relid);
      RelationMetaCache::instance().forget(relid);
    }
  } catch (...) {
    check_all = true;  // the rest is checked next time
    throw;
  }
}

std::string quoted_identifier(const std::string& name) {
  const char* text = name.c_str();
  return pg_call([&] { return quote_identifier(text); });
}

std::string quoted_table(const std::string& schema, const std::string& table) {
  const char* s = schema.c_str();
  const char* t = table.c_str();
  return pg_call([&] { return quote_qualified_identifier(s, t); });
}

FITNESS_LOAD_STEP(relation_plan_callbacks, LoadPhase::kBridge) {
  pg_call([] {
    CacheRegisterRelcacheCallback(relcache_callback, static_cast<Datum>(0));
    RegisterXactCallback(transaction_callback, nullptr);
  });
}

}  // namespace fitness::pg
