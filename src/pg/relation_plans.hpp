// The one per-relation plan cache, in the manner of PostgreSQL's ri_triggers.c: what a
// capability prepares for a table (SPI plans, memory contexts of planned conversions) is
// kept per (relation, purpose) and rebuilt when the relation's metadata version changes
// (pg::RelationMeta, rebuilt after every relcache invalidation). Replaced resources are
// retired, not freed: a caller further up (a cascade, a nested trigger) may still run them,
// so they are freed at the end of the transaction. Entries of dropped relations are
// removed the next time any cache is used.
//
// Usage: a struct of the plans with a member `pg::KeptResources kept` through which every
// plan and memory context of the entry is made (so that a build failing half-way, and a
// replaced entry, leave nothing behind), a build function, and one function-local static
// per purpose:
//   static pg::RelationPlanCache<MyPlans> cache("my_plans", build_my_plans);
//   std::shared_ptr<MyPlans> plans = cache.get(meta);   // valid to the end of the transaction
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "pg/cache_stats.hpp"
#include "pg/relation_cache.hpp"

namespace fitness::pg {

// What one entry holds outside C++ memory. Retiring moves it to the end-of-transaction list.
class KeptResources {
 public:
  KeptResources() = default;
  KeptResources(const KeptResources&) = delete;  // one owner: a copy would free twice
  KeptResources& operator=(const KeptResources&) = delete;

  // SPI_prepare_cursor + SPI_keepplan; raises (as PgError) when the statement does not prepare.
  SPIPlanPtr prepare(const std::string& sql, const std::vector<Oid>& arg_types,
                     int cursor_options = CURSOR_OPT_GENERIC_PLAN);
  // A memory context under TopMemoryContext for data planned once per entry. name: a string
  // literal (PostgreSQL keeps the pointer).
  MemoryContext memory(const char* name);

  // Hands everything to the end-of-transaction list; what is made afterwards (a caller still
  // holding a replaced entry) goes there directly.
  void retire() noexcept;

 private:
  void keep(SPIPlanPtr plan) noexcept;
  void keep(MemoryContext context) noexcept;

  std::vector<SPIPlanPtr> plans_;
  std::vector<MemoryContext> contexts_;
  bool retired_ = false;
};

// The part of every cache that does not depend on the plans' type.
class RelationPlanCacheBase {
 public:
  explicit RelationPlanCacheBase(const char* purpose);
  RelationPlanCacheBase(const RelationPlanCacheBase&) = delete;
  RelationPlanCacheBase& operator=(const RelationPlanCacheBase&) = delete;

  // Drops the entries of relations that no longer exist (seen through relcache
  // invalidations since the last call). Needs a transaction: called from get().
  static void forget_dropped_relations();

 protected:
  virtual ~RelationPlanCacheBase() = default;
  virtual void erase(Oid relid) noexcept = 0;
  virtual void relids(std::vector<Oid>& out) const = 0;
  pg::CacheStats stats_;
};

// Quoting for the SQL text a build puts together (names from the catalogue, never data).
std::string quoted_identifier(const std::string& name);
std::string quoted_table(const std::string& schema, const std::string& table);

template <typename Plans>
class RelationPlanCache final : public RelationPlanCacheBase {
 public:
  using Build = void (*)(const RelationMeta& meta, Plans& plans);

  RelationPlanCache(const char* purpose, Build build)
      : RelationPlanCacheBase(purpose), build_(build) {
    stats_.entries = [this] { return static_cast<std::int64_t>(entries_.size()); };
  }

  // The plans of meta's relation, built now if there are none for this metadata version.
  // The shared pointer keeps them valid to the end of the transaction whatever happens to
  // the entry meanwhile. A build that throws leaves no entry.
  std::shared_ptr<Plans> get(const RelationMeta& meta) {
    forget_dropped_relations();
    auto found = entries_.find(meta.relid);
    if (found != entries_.end() && found->second.version == meta.version) {
      ++stats_.hits;
      return found->second.plans;
    }
    ++stats_.misses;
    if (found != entries_.end()) {
      ++stats_.invalidations;
      found->second.plans->kept.retire();
      entries_.erase(found);
    }
    auto fresh = std::make_shared<Plans>();
    try {
      build_(meta, *fresh);
    } catch (...) {
      fresh->kept.retire();
      throw;
    }
    entries_.emplace(meta.relid, Entry{meta.version, fresh});
    return fresh;
  }

 private:
  struct Entry {
    std::uint64_t version;
    std::shared_ptr<Plans> plans;
  };

  void erase(Oid relid) noexcept override {
    auto found = entries_.find(relid);
    if (found == entries_.end()) return;
    found->second.plans->kept.retire();
    entries_.erase(found);
  }
  void relids(std::vector<Oid>& out) const override {
    for (const auto& entry : entries_) out.push_back(entry.first);
  }

  Build build_;
  std::unordered_map<Oid, Entry> entries_;
};

}  // namespace fitness::pg
