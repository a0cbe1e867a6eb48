// A managed parent as the catalogue describes it: the partition key, the default partition,
// the bounded partitions and their ranges (read from each partition's bound, not parsed
// from text), the columns a row move copies, and its row-level security.

#include <algorithm>

#include "partition/internal.hpp"
#include "pg/relation_plans.hpp"

namespace fitness::partition {
namespace {

struct RawPartition {
  Oid relid;
  bool is_default;
  bool lo_unbounded, hi_unbounded;
  Datum lo, hi;
  const char* name;
};

}  // namespace

bool ParentShape::covered(std::int64_t lo_, std::int64_t hi_, std::string* overlapping) const {
  for (const PartitionRange& p : partitions) {
    bool before = !p.hi_unbounded && p.hi <= lo_;
    bool after = !p.lo_unbounded && p.lo >= hi_;
    if (before || after) continue;
    bool exact = !p.lo_unbounded && !p.hi_unbounded && p.lo == lo_ && p.hi == hi_;
    if (!exact && overlapping != nullptr) *overlapping = p.name;
    return true;
  }
  return false;
}

bool parent_exists(Oid relid) {
  return pg::pg_call([&] { return get_rel_relkind(relid) == RELKIND_PARTITIONED_TABLE; });
}

ParentShape read_parent(Oid relid) {
  ParentShape shape;
  shape.relid = relid;
  char relkind = pg::pg_call([&] { return get_rel_relkind(relid); });
  if (relkind == '\0')
    throw pg::Error(ERRCODE_UNDEFINED_TABLE,
                    "relation with OID " + std::to_string(relid) + " does not exist");
  shape.schema = pg::pg_call([&] { return get_namespace_name(get_rel_namespace(relid)); });
  shape.table = pg::pg_call([&] { return get_rel_name(relid); });
  shape.qualified = pg::quoted_table(shape.schema, shape.table);
  if (relkind != RELKIND_PARTITIONED_TABLE)
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    shape.qualified + " is not a partitioned table", {},
                    "Create it with PARTITION BY RANGE (a timestamptz, timestamp or date column).");

  // The key, the security flags and the partitions, in one pass over the relcache.
  char strategy = 0;
  int key_columns = 0;
  AttrNumber key_attnum = InvalidAttrNumber;
  int nparts = 0;
  RawPartition* raw = nullptr;
  Oid default_oid = InvalidOid;
  pg::pg_call([&] {
    Relation rel = relation_open(relid, AccessShareLock);
    PartitionKey key = RelationGetPartitionKey(rel);
    strategy = key->strategy;
    key_columns = key->partnatts;
    key_attnum = key->partattrs[0];
    shape.key_type = key->parttypid[0];
    shape.owner = rel->rd_rel->relowner;
    shape.row_security = rel->rd_rel->relrowsecurity;
    shape.force_row_security = rel->rd_rel->relforcerowsecurity;
    PartitionDesc desc = RelationGetPartitionDesc(rel, true);
    nparts = desc->nparts;
    default_oid = get_default_oid_from_partdesc(desc);
    raw = static_cast<RawPartition*>(palloc0(sizeof(RawPartition) * (nparts + 1)));
    for (int i = 0; i < nparts; i++) {
      Oid child = desc->oids[i];
      raw[i].relid = child;
      raw[i].name = get_rel_name(child);
      HeapTuple tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(child));
      if (!HeapTupleIsValid(tuple)) elog(ERROR, "cache lookup failed for relation %u", child);
      bool isnull = false;
      Datum bound = SysCacheGetAttr(RELOID, tuple, Anum_pg_class_relpartbound, &isnull);
      if (!isnull) {
        auto* spec = static_cast<PartitionBoundSpec*>(stringToNode(TextDatumGetCString(bound)));
        raw[i].is_default = spec->is_default;
        if (!spec->is_default && spec->strategy == PARTITION_STRATEGY_RANGE) {
          auto* lo = static_cast<PartitionRangeDatum*>(linitial(spec->lowerdatums));
          auto* hi = static_cast<PartitionRangeDatum*>(linitial(spec->upperdatums));
          raw[i].lo_unbounded = lo->kind != PARTITION_RANGE_DATUM_VALUE;
          raw[i].hi_unbounded = hi->kind != PARTITION_RANGE_DATUM_VALUE;
          if (!raw[i].lo_unbounded) raw[i].lo = castNode(Const, lo->value)->constvalue;
          if (!raw[i].hi_unbounded) raw[i].hi = castNode(Const, hi->value)->constvalue;
        }
      }
      ReleaseSysCache(tuple);
    }
    relation_close(rel, NoLock);
  });

  if (strategy != PARTITION_STRATEGY_RANGE || key_columns != 1 || key_attnum == InvalidAttrNumber)
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    shape.qualified + " is not partitioned by RANGE on one column", {},
                    "fitness.manage_partitions() takes time ranges on a timestamptz, timestamp or "
                    "date column.");
  if (shape.key_type == TIMESTAMPTZOID)
    shape.key = KeyType::kTimestampTz;
  else if (shape.key_type == TIMESTAMPOID)
    shape.key = KeyType::kTimestamp;
  else if (shape.key_type == DATEOID)
    shape.key = KeyType::kDate;
  else
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    shape.qualified + " is partitioned on a column of type " + pg::pg_call([&] {
                      return format_type_be(shape.key_type);
                    }) + "; only timestamptz, timestamp and date keys are managed");

  // Columns a moved row carries: every live, non-generated column, in attribute order.
  int natts = 0;
  pg::pg_call([&] {
    Relation rel = relation_open(relid, AccessShareLock);
    natts = RelationGetNumberOfAttributes(rel);
    relation_close(rel, NoLock);
  });
  for (int i = 0; i < natts; i++) {
    bool skip = false;
    const char* attname = nullptr;
    pg::pg_call([&] {
      Relation rel = relation_open(relid, AccessShareLock);
      Form_pg_attribute att = TupleDescAttr(RelationGetDescr(rel), i);
      skip = att->attisdropped || att->attgenerated != '\0';
      attname = pstrdup(NameStr(att->attname));
      relation_close(rel, NoLock);
    });
    if (skip) continue;
    shape.columns.push_back(pg::quoted_identifier(attname));
    if (i + 1 == key_attnum) {
      shape.key_column = shape.columns.back();
      shape.key_name = attname;
    }
  }

  for (int i = 0; i < nparts; i++) {
    if (raw[i].is_default) continue;
    PartitionRange r;
    r.relid = raw[i].relid;
    r.name = raw[i].name;
    r.lo_unbounded = raw[i].lo_unbounded;
    r.hi_unbounded = raw[i].hi_unbounded;
    if (!r.lo_unbounded) r.lo = key_to_micros(raw[i].lo, shape.key);
    if (!r.hi_unbounded) r.hi = key_to_micros(raw[i].hi, shape.key);
    shape.partitions.push_back(std::move(r));
  }
  std::sort(shape.partitions.begin(), shape.partitions.end(),
            [](const PartitionRange& a, const PartitionRange& b) {
              if (a.lo_unbounded != b.lo_unbounded) return a.lo_unbounded;
              return a.lo < b.lo;
            });
  if (default_oid != InvalidOid) {
    shape.default_relid = default_oid;
    std::string ds =
        pg::pg_call([&] { return get_namespace_name(get_rel_namespace(default_oid)); });
    std::string dt = pg::pg_call([&] { return get_rel_name(default_oid); });
    shape.default_qualified = pg::quoted_table(ds, dt);
  }
  return shape;
}

}  // namespace fitness::partition
