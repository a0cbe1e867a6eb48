// Soft delete: the BEFORE DELETE row trigger (zz_soft_delete) that keeps each row, and the
// AFTER DELETE statement trigger (zz_soft_delete_flush) that soft-deletes a statement's rows
// with one UPDATE and follows them to what references them (internal.hpp tells the whole
// story).

#include <algorithm>

#include "common/sanctioned_writes.hpp"
#include "pg/function.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"
#include "softdelete/internal.hpp"
#include "softdelete/transparent.hpp"

namespace fitness::softdelete {
namespace {

// Cached per relation (and definition version): whether it inherits from another table.
struct InheritsFlag {
  pg::KeptResources kept;  // none: the flag is all there is
  bool has_parent = false;
};
void find_parent(const pg::RelationMeta& meta, InheritsFlag& flag) {
  Oid relid = meta.relid;
  flag.has_parent = pg::pg_call([&] { return has_superclass(relid); });
}

// Values of the given columns of a row, appended as SPI arguments.
void column_args(const std::vector<AttrNumber>& columns, HeapTuple row, TupleDesc desc,
                 std::vector<Datum>& args, std::vector<char>& nulls) {
  for (AttrNumber attnum : columns) {
    bool null_value = false;
    args.push_back(pg::pg_call([&] { return heap_getattr(row, attnum, desc, &null_value); }));
    nulls.push_back(null_value ? 'n' : ' ');
  }
}

// Arguments of a follow statement from a row's values (plus, for restore, the timestamp).
void follow_args(const Follow& follow, HeapTuple row, TupleDesc desc, std::vector<Datum>& args,
                 std::vector<char>& nulls) {
  if (follow.entity_type_param != InvalidOid) {
    const char* code = follow.entity_type_code.c_str();
    args.push_back(pg::pg_call([&] { return CStringGetTextDatum(code); }));
    nulls.push_back(' ');
  }
  column_args(follow.parent_columns, row, desc, args, nulls);
}

// Whether a trigger fires under the session's replication role (PostgreSQL's own rule).
bool fires_now(const Trigger& trigger) {
  if (trigger.tgenabled == TRIGGER_DISABLED) return false;
  if (SessionReplicationRole == SESSION_REPLICATION_ROLE_REPLICA)
    return trigger.tgenabled == TRIGGER_FIRES_ON_REPLICA ||
           trigger.tgenabled == TRIGGER_FIRES_ALWAYS;
  return trigger.tgenabled == TRIGGER_FIRES_ON_ORIGIN || trigger.tgenabled == TRIGGER_FIRES_ALWAYS;
}

// Whether this DELETE's statement trigger will complete what the row trigger keeps: the
// table's zz_soft_delete_flush is an AFTER DELETE statement trigger that fires now, the
// backend is not a logical-replication apply worker (which fires no statement triggers),
// and the table is no inheritance child (a DELETE on its parent fires only the parent's).
// Otherwise the row trigger does the work row by row.
bool has_flush_trigger(Relation rel, const pg::RelationMeta& meta) {
  if (IsLogicalWorker()) return false;
  bool found = false;
  TriggerDesc* triggers = rel->trigdesc;
  for (int i = 0; triggers != nullptr && i < triggers->numtriggers && !found; i++) {
    const Trigger& t = triggers->triggers[i];
    found = strcmp(t.tgname, "zz_soft_delete_flush") == 0 &&
            TRIGGER_TYPE_MATCHES(t.tgtype, TRIGGER_TYPE_STATEMENT, TRIGGER_TYPE_AFTER,
                                 TRIGGER_TYPE_DELETE) &&
            fires_now(t);
  }
  if (!found) return false;
  static pg::RelationPlanCache<InheritsFlag> inherits("soft_delete_inherits", find_parent);
  return !inherits.get(meta)->has_parent;
}

// One returned column as an array (NULLs left out: they reference nothing).
Datum column_array(const ReturnedRows& returned, AttrNumber attnum) {
  int column = returned.position(attnum);
  return pg::pg_call([&] {
    Oid type = SPI_gettypeid(returned.table->tupdesc, column);
    Datum* values = static_cast<Datum*>(palloc(sizeof(Datum) * (returned.count + 1)));
    int n = 0;
    for (uint64 i = 0; i < returned.count; i++) {
      bool is_null = false;
      Datum value =
          SPI_getbinval(returned.table->vals[i], returned.table->tupdesc, column, &is_null);
      if (!is_null) values[n++] = value;
    }
    int16 typlen;
    bool typbyval;
    char typalign;
    get_typlenbyvalalign(type, &typlen, &typbyval, &typalign);
    return PointerGetDatum(construct_array(values, n, type, typlen, typbyval, typalign));
  });
}

void refuse_restricted(const pg::RelationMeta& meta, const Restrict& rule,
                       const std::string& column, const std::string& key) {
  throw pg::Error(
      ERRCODE_FOREIGN_KEY_VIOLATION,
      "update or delete on table \"" + meta.table_name + "\" violates foreign key constraint \"" +
          rule.constraint_name + "\" on table \"" + rule.child_table + "\"",
      "Key (" + column + ")=(" + key + ") is still referenced from active rows of table \"" +
          rule.child_table + "\".",
      "Soft-delete or reassign the referencing rows first.");
}

// Completes the soft delete of the rows one DELETE statement kept in `relid`: one UPDATE
// for all of them, then the restrict checks (as NO ACTION would, after the statement's own
// rows are gone) and one DELETE per reference for what references them, which recurses
// through the children's own statement triggers. Inside an SPI session, as the owner.
void flush_soft_deletes(Relation rel, const pg::RelationMeta& meta,
                        const std::vector<PendingRow>& rows) {
  std::shared_ptr<RelationPlans> held = plans_for(meta);
  const RelationPlans& plans = *held;
  TupleDesc desc = RelationGetDescr(rel);
  Datum ids = pg::pg_call([&] {
    Datum* values = static_cast<Datum*>(palloc(sizeof(Datum) * (rows.size() + 1)));
    for (size_t i = 0; i < rows.size(); i++)
      values[i] = UUIDPGetDatum(const_cast<pg_uuid_t*>(&rows[i].id));
    return PointerGetDatum(construct_array(values, static_cast<int>(rows.size()), UUIDOID, UUID_LEN,
                                           false, TYPALIGN_CHAR));
  });
  SPIPlanPtr soft = plans.soft_delete_many;
  ReturnedRows deleted;
  deleted.columns = &plans.returned;
  pg::pg_call([&] {
    if (SPI_execute_plan(soft, &ids, nullptr, false, 0) != SPI_OK_UPDATE_RETURNING)
      elog(ERROR, "soft delete failed");
    deleted.table = SPI_tuptable;
    deleted.count = SPI_processed;
  });
  if (deleted.count == 0) return;

  for (const Restrict& rule : plans.restricts) {
    if (rule.plan_many != nullptr) {
      Datum keys = column_array(deleted, rule.parent_columns[0]);
      SPIPlanPtr plan = rule.plan_many;
      char* key = nullptr;
      pg::pg_call([&] {
        if (SPI_execute_plan(plan, &keys, nullptr, true, 1) == SPI_OK_SELECT && SPI_processed > 0)
          key = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
      });
      if (key != nullptr)
        refuse_restricted(meta, rule,
                          NameStr(TupleDescAttr(desc, rule.parent_columns[0] - 1)->attname), key);
      continue;
    }
    std::vector<int> positions;
    for (AttrNumber a : rule.parent_columns) positions.push_back(deleted.position(a));
    int id_position = deleted.position(meta.id_attnum);
    for (uint64 i = 0; i < deleted.count; i++) {  // several key columns: row by row
      std::vector<Datum> args;
      std::vector<char> nulls;
      args.reserve(positions.size());
      nulls.reserve(positions.size() + 1);
      SPIPlanPtr plan = rule.plan;
      Uuid id;
      bool referenced = pg::pg_call([&] {
        deleted.args(i, positions, args, nulls);
        nulls.push_back('\0');
        bool is_null = false;
        Datum row_id =
            SPI_getbinval(deleted.table->vals[i], deleted.table->tupdesc, id_position, &is_null);
        std::memcpy(id.bytes.data(), DatumGetUUIDP(row_id)->data, UUID_LEN);
        return SPI_execute_plan(plan, args.data(), nulls.data(), true, 1) == SPI_OK_SELECT &&
               SPI_processed > 0;
      });
      if (referenced) refuse_restricted(meta, rule, "id", id.text());
    }
  }
  for (const Follow& follow : plans.follows) {
    if (follow.plan_many != nullptr) {
      std::vector<Datum> args;
      if (follow.entity_type_param != InvalidOid) {
        const char* code = follow.entity_type_code.c_str();
        args.push_back(pg::pg_call([&] { return CStringGetTextDatum(code); }));
      }
      args.push_back(column_array(deleted, follow.parent_columns[0]));
      SPIPlanPtr plan = follow.plan_many;
      pg::pg_call([&] {
        int rc = SPI_execute_plan(plan, args.data(), nullptr, false, 0);
        if (rc != SPI_OK_DELETE)
          elog(ERROR, "soft delete cascade failed: %s", SPI_result_code_string(rc));
      });
      continue;
    }
    for (uint64 i = 0; i < deleted.count; i++) {  // several key columns: row by row
      std::vector<Datum> args;
      std::vector<char> nulls;
      returned_follow_args(follow, deleted, i, 0, args, nulls);
      SPIPlanPtr plan = follow.plan;
      pg::pg_call([&] {
        nulls.push_back('\0');
        int rc = SPI_execute_plan(plan, args.data(), nulls.data(), false, 0);
        if (rc != SPI_OK_DELETE)
          elog(ERROR, "soft delete cascade failed: %s", SPI_result_code_string(rc));
      });
    }
  }
}

}  // namespace
}  // namespace fitness::softdelete

FITNESS_SQL_FUNCTION(fitness_soft_delete) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(
      fcinfo, "fitness.soft_delete",
      [](TriggerEvent e) -> bool {
        return TRIGGER_FIRED_BEFORE(e) && TRIGGER_FIRED_FOR_ROW(e) && TRIGGER_FIRED_BY_DELETE(e);
      },
      "a BEFORE DELETE ... FOR EACH ROW");
  HeapTuple old_row = trigdata->tg_trigtuple;
  if (common::hard_delete_running()) return PointerGetDatum(old_row);

  Relation rel = trigdata->tg_relation;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
  if (meta.id_attnum == InvalidAttrNumber || meta.is_active_attnum == InvalidAttrNumber)
    throw pg::Error(ERRCODE_FEATURE_NOT_SUPPORTED, meta.schema_name + "." + meta.table_name +
                                                       " has no id/is_active to soft-delete by");
  TupleDesc desc = RelationGetDescr(rel);
  bool is_null = false;
  Datum id = pg::pg_call([&] { return heap_getattr(old_row, meta.id_attnum, desc, &is_null); });

  // Deferred: the row (locked by the DELETE, the latest version) is kept for the table's
  // statement trigger, which soft-deletes the statement's rows together.
  if (softdelete::has_flush_trigger(rel, meta)) {
    bool inactive_null = false;
    Datum active = pg::pg_call(
        [&] { return heap_getattr(old_row, meta.is_active_attnum, desc, &inactive_null); });
    if (is_null || inactive_null || !DatumGetBool(active))
      return PointerGetDatum(nullptr);  // nothing to do
    pg_uuid_t row_id;
    std::memcpy(row_id.data, DatumGetUUIDP(id)->data, UUID_LEN);
    if (!softdelete::keep_pending(meta.relid, row_id))
      return PointerGetDatum(nullptr);                                      // met twice
    pg::pg_call([&] { softdelete::note_soft_deleted_row(rel, old_row); });  // transparent mode
    return PointerGetDatum(nullptr);
  }

  // Without the statement trigger: the row, its checks and its cascade right here.
  pg::SpiSession spi;
  auto owner = pg::ScopedOwnerSwitch::as_role(meta.owner);
  std::shared_ptr<softdelete::RelationPlans> held = softdelete::plans_for(meta);
  const softdelete::RelationPlans& plans = *held;
  for (const softdelete::Restrict& rule : plans.restricts) {
    std::vector<Datum> args;
    std::vector<char> nulls;
    softdelete::column_args(rule.parent_columns, old_row, desc, args, nulls);
    nulls.push_back('\0');
    SPIPlanPtr plan = rule.plan;
    bool referenced = pg::pg_call([&] {
      return SPI_execute_plan(plan, args.data(), nulls.data(), true, 1) == SPI_OK_SELECT &&
             SPI_processed > 0;
    });
    if (referenced)
      softdelete::refuse_restricted(meta, rule, "id", Uuid::from(DatumGetUUIDP(id)).text());
  }
  SPIPlanPtr soft = plans.soft_delete;
  std::uint64_t updated = pg::pg_call([&] {
    Datum args[1] = {id};
    if (SPI_execute_plan(soft, args, nullptr, false, 0) != SPI_OK_UPDATE)
      elog(ERROR, "soft delete failed");
    return static_cast<std::uint64_t>(SPI_processed);
  });
  if (updated == 0) return PointerGetDatum(nullptr);  // already inactive: nothing to follow
  pg::pg_call([&] { softdelete::note_soft_deleted_row(rel, old_row); });  // transparent mode
  for (const softdelete::Follow& follow : plans.follows) {
    std::vector<Datum> args;
    std::vector<char> nulls;
    softdelete::follow_args(follow, old_row, desc, args, nulls);
    nulls.push_back('\0');
    SPIPlanPtr plan = follow.plan;
    pg::pg_call([&] {
      int rc = SPI_execute_plan(plan, args.data(), nulls.data(), false, 0);
      if (rc != SPI_OK_DELETE)
        elog(ERROR, "soft delete cascade failed: %s", SPI_result_code_string(rc));
    });
  }
  return PointerGetDatum(nullptr);  // the row stays, inactive
}

// AFTER DELETE ... FOR EACH STATEMENT (zz_soft_delete_flush): completes the soft deletes the
// row trigger kept during the statement.
FITNESS_SQL_FUNCTION(fitness_soft_delete_flush) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(
      fcinfo, "fitness.soft_delete_flush",
      [](TriggerEvent e) -> bool {
        return TRIGGER_FIRED_AFTER(e) && !TRIGGER_FIRED_FOR_ROW(e) && TRIGGER_FIRED_BY_DELETE(e);
      },
      "an AFTER DELETE ... FOR EACH STATEMENT");
  Relation rel = trigdata->tg_relation;
  // Taken before cascading: nested DELETEs on this table keep their own.
  std::vector<softdelete::PendingRow> rows = softdelete::take_pending(RelationGetRelid(rel));
  if (rows.empty()) return PointerGetDatum(nullptr);
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
  pg::SpiSession spi;
  auto owner = pg::ScopedOwnerSwitch::as_role(meta.owner);
  softdelete::flush_soft_deletes(rel, meta, rows);
  return PointerGetDatum(nullptr);
}
