// Soft delete: fitness.restore puts a soft-deleted row and what its cascade took back, as far
// as the caller may write them.

#include <algorithm>
#include <unordered_set>

#include "pg/function.hpp"
#include "common/sanctioned_writes.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/subtransaction.hpp"
#include "softdelete/internal.hpp"

namespace fitness::softdelete {
namespace {

// A row restore put back, by table and id.
struct RestoredRow {
  Oid relid;
  Uuid id;
  bool operator==(const RestoredRow& other) const { return relid == other.relid && id == other.id; }
};
struct RestoredRowHash {
  size_t operator()(const RestoredRow& r) const noexcept { return UuidHash{}(r.id) ^ r.relid; }
};
using RestoredRows = std::unordered_set<RestoredRow, RestoredRowHash>;

// Restores one row soft-deleted at `deleted_at` and, recursively, what its cascade took at
// that same instant (nothing soft-deleted earlier), leaving out the rows in `skip` and what
// hangs below them; appends what it restored to `out`. Inside an SPI session, as the owner.
void restore_tree(Oid relid, Datum id, Datum deleted_at, const RestoredRows& skip,
                  std::vector<RestoredRow>& out) {
  RestoredRow self{relid, Uuid::from(DatumGetUUIDP(id))};
  if (skip.count(self) != 0) return;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(relid);
  std::shared_ptr<RelationPlans> held = plans_for(meta);
  const RelationPlans& plans = *held;
  std::string target = pg::quoted_table(meta.schema_name, meta.table_name);
  // Per-relation text, prepared per call: restore is rare. The row's key columns come back
  // by name (as for the set-based soft delete), positions as in plans.returned.
  std::string sql = "UPDATE " + target +
                    " SET is_active = true, deleted_at = NULL, deleted_by = NULL"
                    " WHERE id = $1 AND NOT is_active AND deleted_at = $2 RETURNING " +
                    plans.returned_list;
  const char* text = sql.c_str();
  ReturnedRows row;
  row.columns = &plans.returned;
  pg::pg_call([&] {
    Oid types[2] = {UUIDOID, TIMESTAMPTZOID};
    Datum args[2] = {id, deleted_at};
    if (SPI_execute_with_args(text, 2, types, args, nullptr, false, 0) != SPI_OK_UPDATE_RETURNING)
      elog(ERROR, "restore failed");
    row.table = SPI_tuptable;  // kept until SPI_finish; later statements get tables of their own
    row.count = SPI_processed;
    SPI_tuptable = nullptr;
  });
  if (row.count != 1) return;
  out.push_back(self);
  for (const Follow& follow : plans.follows) {
    std::vector<Datum> args;
    std::vector<char> nulls;
    returned_follow_args(follow, row, 0, 1, args, nulls);
    SPIPlanPtr find = follow.find_deleted;
    Datum* child_ids = nullptr;
    uint64 children = 0;
    pg::pg_call([&] {
      args.push_back(deleted_at);
      nulls.push_back(' ');
      nulls.push_back('\0');
      if (SPI_execute_plan(find, args.data(), nulls.data(), true, 0) != SPI_OK_SELECT)
        elog(ERROR, "restore: finding cascaded rows failed");
      children = SPI_processed;
      child_ids = static_cast<Datum*>(palloc(sizeof(Datum) * (children + 1)));
      for (uint64 i = 0; i < children; i++) {
        bool is_null = false;
        Datum child = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &is_null);
        child_ids[i] = SPI_datumTransfer(child, false, UUID_LEN);
      }
    });
    for (uint64 i = 0; i < children; i++)
      restore_tree(follow.child_relid, child_ids[i], deleted_at, skip, out);
  }
}

// The restored rows the caller may not touch. Restoring is an UPDATE of is_active,
// deleted_at and deleted_by, so each table's rows are updated again (to the values they now
// have) as the caller: PostgreSQL then decides as for any UPDATE by that role -- its column
// grants (permission denied: 42501), the table's UPDATE and SELECT policies (a row USING
// hides is not returned) and their WITH CHECK (a visible row the caller may not write:
// 42501). Returns the rows that were hidden; the first row (the one asked for) is checked
// first, and when it is hidden nothing else is. Inside an SPI session, as the caller.
std::vector<RestoredRow> rows_hidden_from_caller(const std::vector<RestoredRow>& rows) {
  std::vector<RestoredRow> hidden;
  std::vector<Oid> tables;
  for (const RestoredRow& r : rows)
    if (std::find(tables.begin(), tables.end(), r.relid) == tables.end()) tables.push_back(r.relid);
  for (Oid relid : tables) {
    std::vector<Uuid> ids;
    for (const RestoredRow& r : rows)
      if (r.relid == relid) ids.push_back(r.id);
    const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(relid);
    std::string sql = "UPDATE " + pg::quoted_table(meta.schema_name, meta.table_name) +
                      " SET is_active = is_active, deleted_at = deleted_at, deleted_by = deleted_by"
                      " WHERE id = ANY ($1) RETURNING id";
    const char* text = sql.c_str();
    Datum array = uuid_array(ids);
    std::unordered_set<Uuid, UuidHash> seen;
    uint64 count = 0;
    SPITupleTable* returned = nullptr;
    pg::pg_call([&] {
      Oid types[1] = {UUIDARRAYOID};
      Datum args[1] = {array};
      if (SPI_execute_with_args(text, 1, types, args, nullptr, false, 0) != SPI_OK_UPDATE_RETURNING)
        elog(ERROR, "restore: checking the caller's rights failed");
      returned = SPI_tuptable;
      count = SPI_processed;
    });
    for (uint64 i = 0; i < count; i++) {
      Uuid id;
      pg::pg_call([&] {
        bool is_null = false;
        Datum value = SPI_getbinval(returned->vals[i], returned->tupdesc, 1, &is_null);
        std::memcpy(id.bytes.data(), DatumGetUUIDP(value)->data, UUID_LEN);
      });
      seen.insert(id);
    }
    for (const Uuid& id : ids)
      if (seen.count(id) == 0) hidden.push_back(RestoredRow{relid, id});
    if (!hidden.empty() && hidden.front() == rows.front()) return hidden;
  }
  return hidden;
}

// restore(): the row and its cascade are put back as the table owner (the policies hide
// inactive rows, so the caller could not even name them), inside a subtransaction, and then
// checked as the caller. A row the caller could not see even if it were active is left
// deleted with everything below it: for the row itself that means nothing is restored (0,
// as for an unknown id); rows of the cascade hidden from the caller (another user's favorite
// of a restored workout) are skipped and the rest is restored again without them. Any
// refusal (grants, WITH CHECK) undoes the whole restore.
std::int64_t restore_as_caller(Oid relid, Datum id) {
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(relid);
  Oid owner_role = meta.owner;
  std::string find = "SELECT deleted_at FROM " +
                     pg::quoted_table(meta.schema_name, meta.table_name) +
                     " WHERE id = $1 AND NOT is_active";
  const char* find_text = find.c_str();
  RestoredRow top{relid, Uuid::from(DatumGetUUIDP(id))};
  RestoredRows skip;
  for (;;) {
    pg::SubTransaction attempt;
    std::vector<RestoredRow> restored;
    {
      common::RestoreScope judged_as(GetUserId(), relid);  // rules judge the caller
      auto owner = pg::ScopedOwnerSwitch::as_role(owner_role);
      bool found = false;
      Datum deleted_at = pg::pg_call([&] {
        Oid types[1] = {UUIDOID};
        Datum args[1] = {id};
        SPI_execute_with_args(find_text, 1, types, args, nullptr, true, 1);
        bool is_null = true;
        Datum value = 0;
        if (SPI_processed == 1)
          value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &is_null);
        found = SPI_processed == 1 && !is_null;
        return value;
      });
      if (!found)
        return 0;  // unknown or active: nothing to restore (the attempt rolls back: no writes)
      restore_tree(relid, id, deleted_at, skip, restored);
    }
    if (restored.empty()) return 0;
    std::vector<RestoredRow> hidden = rows_hidden_from_caller(restored);
    if (hidden.empty()) {
      attempt.commit();
      return static_cast<std::int64_t>(restored.size());
    }
    for (const RestoredRow& r : hidden) {
      if (r == top) return 0;  // not the caller's to restore: as if unknown (rolled back)
      skip.insert(r);
    }
  }  // rolled back; again without the hidden rows
}

}  // namespace
}  // namespace fitness::softdelete

// restore(target regclass, record_id uuid) RETURNS integer
FITNESS_SQL_FUNCTION(fitness_restore) {
  using namespace fitness;
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
    throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED, "restore: target and record_id are required");
  Oid target = PG_GETARG_OID(0);
  Datum id = PG_GETARG_DATUM(1);
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(target);
  softdelete::require_soft_delete_table(meta, "restore");
  pg::SpiSession spi;
  PG_RETURN_INT32(static_cast<int32>(softdelete::restore_as_caller(target, id)));
}
