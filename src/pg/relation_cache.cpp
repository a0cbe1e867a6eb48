#include "pg/function.hpp"
#include "pg/relation_cache.hpp"

#include <cstring>

#include "pg/cache_stats.hpp"
#include "pg/load_steps.hpp"

namespace fitness::pg {
namespace {

pg::CacheStats relation_stats{"relation_meta", [] { return RelationMetaCache::instance().size(); }};

// Set once the cache exists; before that there is nothing to invalidate.
RelationMetaCache* live_cache = nullptr;

void relcache_callback(Datum, Oid relid) noexcept {
  if (live_cache != nullptr) live_cache->invalidate(relid);
}

// Plain C copy of what we need from a relcache entry, filled inside pg_call.
struct RawColumns {
  int count;
  NameData* names;
  AttrNumber* attnums;
  Oid* types;
  char* schema_name;
  char* table_name;
  Oid owner;
};

}  // namespace

const ColumnMeta* RelationMeta::find(const char* column_name) const noexcept {
  for (const ColumnMeta& column : columns)
    if (column.name == column_name) return &column;
  return nullptr;
}

RelationMetaCache::RelationMetaCache() { pg::register_cache(&relation_stats); }

RelationMetaCache& RelationMetaCache::instance() {
  static RelationMetaCache cache;
  live_cache = &cache;
  return cache;
}

const RelationMeta& RelationMetaCache::get(Oid relid) {
  RelationMeta& meta = entries_[relid];
  if (meta.valid) {
    ++relation_stats.hits;
    return meta;
  }
  ++relation_stats.misses;
  // An invalidation that arrives while we read the catalogue (lock acquisition processes
  // them) makes the copy stale: read again until none did.
  for (;;) {
    std::uint64_t seen = invalidation_count_;
    try {
      build(relid, meta);
    } catch (...) {
      entries_.erase(relid);  // nothing cached for relations that do not exist
      throw;
    }
    if (seen == invalidation_count_) break;
  }
  static std::uint64_t builds = 0;
  meta.version = ++builds;
  meta.valid = true;
  return meta;
}

void RelationMetaCache::build(Oid relid, RelationMeta& meta) {
  RawColumns raw{};
  pg_call([&] {
    Relation rel = try_relation_open(relid, AccessShareLock);
    if (rel == nullptr)
      ereport(ERROR, (errcode(ERRCODE_UNDEFINED_TABLE),
                      errmsg("relation with OID %u does not exist", relid)));
    TupleDesc desc = RelationGetDescr(rel);
    raw.count = 0;
    raw.names = static_cast<NameData*>(palloc(sizeof(NameData) * (desc->natts + 1)));
    raw.attnums = static_cast<AttrNumber*>(palloc(sizeof(AttrNumber) * (desc->natts + 1)));
    raw.types = static_cast<Oid*>(palloc(sizeof(Oid) * (desc->natts + 1)));
    for (int i = 0; i < desc->natts; i++) {
      Form_pg_attribute attr = TupleDescAttr(desc, i);
      if (attr->attisdropped) continue;
      raw.names[raw.count] = attr->attname;
      raw.attnums[raw.count] = attr->attnum;
      raw.types[raw.count] = attr->atttypid;
      raw.count++;
    }
    raw.schema_name = get_namespace_name(RelationGetNamespace(rel));
    raw.table_name = pstrdup(RelationGetRelationName(rel));
    raw.owner = rel->rd_rel->relowner;
    relation_close(rel, NoLock);  // keep the lock to the end of the transaction
  });

  meta = RelationMeta{};
  meta.relid = relid;
  meta.schema_name = raw.schema_name;
  meta.table_name = raw.table_name;
  meta.owner = raw.owner;
  meta.columns.reserve(raw.count);
  for (int i = 0; i < raw.count; i++) {
    meta.columns.push_back(ColumnMeta{NameStr(raw.names[i]), raw.attnums[i], raw.types[i]});
    const char* name = NameStr(raw.names[i]);
    struct {
      const char* name;
      AttrNumber* slot;
    } known[] = {{"id", &meta.id_attnum},
                 {"created_at", &meta.created_at_attnum},
                 {"updated_at", &meta.updated_at_attnum},
                 {"created_by", &meta.created_by_attnum},
                 {"updated_by", &meta.updated_by_attnum},
                 {"is_active", &meta.is_active_attnum},
                 {"deleted_at", &meta.deleted_at_attnum},
                 {"deleted_by", &meta.deleted_by_attnum}};
    for (auto& k : known)
      if (std::strcmp(name, k.name) == 0) *k.slot = raw.attnums[i];
  }
  pfree(raw.names);
  pfree(raw.attnums);
  pfree(raw.types);
}

void RelationMetaCache::invalidate(Oid relid) noexcept {
  ++invalidation_count_;
  if (relid == InvalidOid) {
    for (auto& entry : entries_) entry.second.valid = false;
    ++relation_stats.invalidations;
    return;
  }
  auto found = entries_.find(relid);
  if (found != entries_.end() && found->second.valid) {
    found->second.valid = false;
    ++relation_stats.invalidations;
  }
}

FITNESS_LOAD_STEP(relation_cache_callback, LoadPhase::kBridge) {
  pg_call([] { CacheRegisterRelcacheCallback(relcache_callback, static_cast<Datum>(0)); });
}

}  // namespace fitness::pg

// fitness.relation_columns(regclass): the live columns as the metadata cache sees them.
FITNESS_SQL_FUNCTION(fitness_relation_columns) {
  Oid relid = PG_GETARG_OID(0);
  using namespace fitness::pg;
  const RelationMeta& meta = RelationMetaCache::instance().get(relid);
  std::vector<const char*> names;
  names.reserve(meta.columns.size());
  for (const ColumnMeta& column : meta.columns) names.push_back(column.name.c_str());
  int count = static_cast<int>(names.size());
  const char* const* data = names.data();
  return pg_call([&] {
    Datum* elems = static_cast<Datum*>(palloc(sizeof(Datum) * (count + 1)));
    for (int i = 0; i < count; i++) elems[i] = CStringGetTextDatum(data[i]);
    return PointerGetDatum(construct_array(elems, count, TEXTOID, -1, false, TYPALIGN_INT));
  });
}
