// Soft delete (API.md "Soft delete"). A BEFORE DELETE row trigger on every entity table
// turns the DELETE into is_active = false, deleted_at = now(), deleted_by = the acting user,
// then deletes what references the row through ON DELETE CASCADE foreign keys and through
// polymorphic references (entity_type, entity_id) -- which fires this same trigger on them,
// so the cascade recurses and stops at rows already inactive (cycles, self-references).
// The row itself is kept (the trigger returns NULL: the client sees DELETE 0, unless the
// library was preloaded: then transparent.cpp reports the row, see there).
// The work runs as the table owner: the DELETE policy and guard already decided whether the
// caller may delete this row; policies that hide inactive rows must not block the update.
// fitness.purge / fitness.hard_delete set a backend flag that lets a real DELETE through.

#include <unordered_map>
#include <vector>

#include "context/context.hpp"
#include "context/ownership.hpp"
#include "pg/relation_cache.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "softdelete/transparent.hpp"

namespace fitness::softdelete {
namespace {

bool hard_delete_allowed = false;

// One statement that follows a soft-deleted row to what references it.
struct Follow {
  SPIPlanPtr plan;                         // DELETE the active referencing rows
  std::vector<AttrNumber> parent_columns;  // values taken from the deleted row
  Oid entity_type_param = InvalidOid;      // polymorphic: first parameter is the type code
  std::string entity_type_code;
  Oid child_relid = InvalidOid;
  SPIPlanPtr find_deleted = nullptr;       // ids soft-deleted at a given deleted_at (restore)
};

// A RESTRICT / NO ACTION foreign key: an active referencing row forbids the soft delete,
// as it would forbid a real DELETE.
struct Restrict {
  SPIPlanPtr plan;  // SELECT 1 ... LIMIT 1 over active referencing rows
  std::vector<AttrNumber> parent_columns;
  std::string constraint_name, child_table;
};

struct RelationPlans {
  std::uint64_t meta_version = 0;
  SPIPlanPtr soft_delete = nullptr;
  std::vector<Follow> follows;
  std::vector<Restrict> restricts;
};
std::unordered_map<Oid, RelationPlans> plan_cache;

SPIPlanPtr prepare(const std::string& sql, std::vector<Oid> types) {
  const char* text = sql.c_str();
  int n = static_cast<int>(types.size());
  Oid* type_data = types.data();
  return pg::pg_call([&] {
    SPIPlanPtr plan = SPI_prepare_cursor(text, n, type_data, CURSOR_OPT_GENERIC_PLAN);
    if (plan == nullptr) elog(ERROR, "soft delete: SPI_prepare failed for: %s", text);
    SPI_keepplan(plan);
    return plan;
  });
}

std::string qualified(const std::string& schema, const std::string& table) {
  const char* s = schema.c_str();
  const char* t = table.c_str();
  return pg::pg_call([&] { return quote_qualified_identifier(s, t); });
}

std::string ident(const char* name) {
  return pg::pg_call([&] { return quote_identifier(name); });
}

// Builds the statements for one table from the catalogue: its soft delete, one DELETE per
// ON DELETE CASCADE foreign key of a soft-delete table pointing at it, one per polymorphic
// table for its entity_type code.
void build(const pg::RelationMeta& meta, RelationPlans& plans) {
  std::string target = qualified(meta.schema_name, meta.table_name);
  plans.soft_delete = prepare("UPDATE " + target +
                                  " SET is_active = false, deleted_at = now(), deleted_by = fitness.current_user_id()"
                                  " WHERE id = $1 AND is_active",
                              {UUIDOID});

  static pg::KeptPlan children(
      "SELECT c.conrelid, n.nspname, r.relname, c.conkey, c.confkey, c.confdeltype, c.conname"
      " FROM pg_catalog.pg_constraint c"
      " JOIN pg_catalog.pg_class r ON r.oid = c.conrelid"
      " JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace"
      " WHERE c.contype = 'f' AND c.confrelid = $1 AND c.confdeltype IN ('c', 'r', 'a')"
      "   AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.conrelid"
      "               AND a.attname = 'is_active' AND NOT a.attisdropped)",
      {OIDOID});
  Datum relid = ObjectIdGetDatum(meta.relid);
  std::uint64_t rows = children.execute(&relid, nullptr, true);
  struct Child {
    std::string schema, table, constraint_name;
    std::vector<AttrNumber> child_columns, parent_columns;
    bool cascade;
  };
  std::vector<Child> found;
  for (std::uint64_t i = 0; i < rows; i++) {
    Child child;
    int16* child_keys = nullptr;
    int16* parent_keys = nullptr;
    int nkeys = 0;
    char* schema = nullptr;
    char* table = nullptr;
    char* action = nullptr;
    char* constraint_name = nullptr;
    pg::pg_call([&] {
      HeapTuple row = SPI_tuptable->vals[i];
      TupleDesc desc = SPI_tuptable->tupdesc;
      bool is_null = false;
      schema = SPI_getvalue(row, desc, 2);
      table = SPI_getvalue(row, desc, 3);
      action = SPI_getvalue(row, desc, 6);
      constraint_name = SPI_getvalue(row, desc, 7);
      ArrayType* conkey = DatumGetArrayTypeP(SPI_getbinval(row, desc, 4, &is_null));
      ArrayType* confkey = DatumGetArrayTypeP(SPI_getbinval(row, desc, 5, &is_null));
      nkeys = ArrayGetNItems(ARR_NDIM(conkey), ARR_DIMS(conkey));
      child_keys = reinterpret_cast<int16*>(ARR_DATA_PTR(conkey));
      parent_keys = reinterpret_cast<int16*>(ARR_DATA_PTR(confkey));
    });
    child.schema = schema;
    child.table = table;
    child.constraint_name = constraint_name;
    child.cascade = action[0] == 'c';
    for (int k = 0; k < nkeys; k++) {
      child.child_columns.push_back(child_keys[k]);
      child.parent_columns.push_back(parent_keys[k]);
    }
    found.push_back(std::move(child));
  }
  for (const Child& child : found) {
    Oid child_oid = pg::relation_oid(child.schema.c_str(), child.table.c_str());
    const pg::RelationMeta& child_meta = pg::RelationMetaCache::instance().get(child_oid);
    std::string sql = "DELETE FROM " + qualified(child.schema, child.table) + " WHERE is_active";
    std::vector<Oid> types;
    for (size_t k = 0; k < child.child_columns.size(); k++) {
      const pg::ColumnMeta* column = nullptr;
      for (const pg::ColumnMeta& c : child_meta.columns)
        if (c.attnum == child.child_columns[k]) column = &c;
      if (column == nullptr) throw pg::Error(ERRCODE_INTERNAL_ERROR, "soft delete: foreign key column not found");
      sql += " AND " + ident(column->name.c_str()) + " = $" + std::to_string(k + 1);
      types.push_back(column->type_oid);
    }
    if (!child.cascade) {
      std::string check = "SELECT 1 FROM " + qualified(child.schema, child.table) + sql.substr(sql.find(" WHERE ")) +
                          " LIMIT 1";
      plans.restricts.push_back(
          Restrict{prepare(check, types), child.parent_columns, child.constraint_name, child.table});
      continue;
    }
    std::string find = "SELECT id FROM " + qualified(child.schema, child.table) +
                       " WHERE NOT is_active AND deleted_at = $" + std::to_string(types.size() + 1) +
                       sql.substr(sql.find(" AND "));
    std::vector<Oid> find_types = types;
    find_types.push_back(TIMESTAMPTZOID);
    plans.follows.push_back(Follow{prepare(sql, types), child.parent_columns, InvalidOid, {}, child_oid,
                                   prepare(find, find_types)});
  }

  // Polymorphic references: tables with entity_type/entity_id/is_active, for this table's
  // code in core.entity_type.
  static pg::KeptPlan codes(
      "SELECT e.code FROM core.entity_type e WHERE e.table_name = $1::regclass AND e.is_active",
      {OIDOID});
  static pg::KeptPlan poly_tables(
      "SELECT n.nspname, r.relname FROM pg_catalog.pg_class r"
      " JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace"
      " WHERE n.nspname IN ('core', 'user_mgmt', 'content', 'platform') AND r.relkind IN ('r', 'p')"
      "   AND NOT r.relispartition"
      "   AND (SELECT count(*) FROM pg_catalog.pg_attribute a WHERE a.attrelid = r.oid AND NOT a.attisdropped"
      "        AND a.attname IN ('entity_type', 'entity_id', 'is_active')) = 3"
      " ORDER BY 1, 2",
      {});
  std::vector<std::string> type_codes;
  std::uint64_t ncodes = codes.execute(&relid, nullptr, true);
  for (std::uint64_t i = 0; i < ncodes; i++)
    type_codes.push_back(pg::pg_call([&] { return SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1); }));
  if (type_codes.empty()) return;
  std::vector<std::pair<std::string, Oid>> targets;
  std::uint64_t ntables = poly_tables.execute(nullptr, nullptr, true);
  std::vector<std::pair<std::string, std::string>> names;
  for (std::uint64_t i = 0; i < ntables; i++) {
    char* schema = nullptr;
    char* table = nullptr;
    pg::pg_call([&] {
      schema = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
      table = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
    });
    names.emplace_back(schema, table);
  }
  for (const auto& [schema, table] : names)
    targets.emplace_back(qualified(schema, table), pg::relation_oid(schema.c_str(), table.c_str()));
  for (const std::string& code : type_codes)
    for (const auto& [table, oid] : targets)
      plans.follows.push_back(Follow{
          prepare("DELETE FROM " + table + " WHERE is_active AND entity_type = $1 AND entity_id = $2",
                  {TEXTOID, UUIDOID}),
          {meta.id_attnum}, TEXTOID, code, oid,
          prepare("SELECT id FROM " + table +
                      " WHERE NOT is_active AND deleted_at = $3 AND entity_type = $1 AND entity_id = $2",
                  {TEXTOID, UUIDOID, TIMESTAMPTZOID})});
}

RelationPlans& plans_for(const pg::RelationMeta& meta) {
  RelationPlans& plans = plan_cache[meta.relid];
  if (plans.meta_version != meta.version || plans.soft_delete == nullptr) {
    if (plans.soft_delete != nullptr) SPI_freeplan(plans.soft_delete);
    for (Follow& f : plans.follows) {
      SPI_freeplan(f.plan);
      if (f.find_deleted != nullptr) SPI_freeplan(f.find_deleted);
    }
    for (Restrict& r : plans.restricts) SPI_freeplan(r.plan);
    plans = RelationPlans{};
    build(meta, plans);
    plans.meta_version = meta.version;
  }
  return plans;
}

}  // namespace

// Lets real DELETEs through for the lifetime of the object (purge, hard_delete).
class HardDeleteScope {
 public:
  HardDeleteScope() : previous_(hard_delete_allowed) { hard_delete_allowed = true; }
  ~HardDeleteScope() { hard_delete_allowed = previous_; }
  HardDeleteScope(const HardDeleteScope&) = delete;
  HardDeleteScope& operator=(const HardDeleteScope&) = delete;

 private:
  bool previous_;
};

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

// Restores one row soft-deleted at `deleted_at` and, recursively, what its cascade took at
// that same instant (nothing soft-deleted earlier). Runs inside an SPI session as owner.
std::int64_t restore_row(Oid relid, Datum id, Datum deleted_at) {
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(relid);
  RelationPlans& plans = plans_for(meta);
  std::string target = qualified(meta.schema_name, meta.table_name);
  // Per-relation text, prepared per call: restore is rare, and the row comes back RETURNING *.
  std::string sql = "UPDATE " + target +
                    " SET is_active = true, deleted_at = NULL, deleted_by = NULL"
                    " WHERE id = $1 AND NOT is_active AND deleted_at = $2 RETURNING *";
  const char* text = sql.c_str();
  HeapTuple row = nullptr;
  TupleDesc desc = nullptr;
  pg::pg_call([&] {
    Oid types[2] = {UUIDOID, TIMESTAMPTZOID};
    Datum args[2] = {id, deleted_at};
    if (SPI_execute_with_args(text, 2, types, args, nullptr, false, 0) != SPI_OK_UPDATE_RETURNING)
      elog(ERROR, "restore failed");
    if (SPI_processed == 1) {
      row = SPI_copytuple(SPI_tuptable->vals[0]);
      desc = CreateTupleDescCopy(SPI_tuptable->tupdesc);
    }
  });
  if (row == nullptr) return 0;
  std::int64_t restored = 1;
  for (const Follow& follow : plans.follows) {
    std::vector<Datum> args;
    std::vector<char> nulls;
    follow_args(follow, row, desc, args, nulls);
    args.push_back(deleted_at);
    nulls.push_back(' ');
    nulls.push_back('\0');
    SPIPlanPtr find = follow.find_deleted;
    std::vector<Datum> child_ids;
    pg::pg_call([&] {
      if (SPI_execute_plan(find, args.data(), nulls.data(), true, 0) != SPI_OK_SELECT)
        elog(ERROR, "restore: finding cascaded rows failed");
      for (uint64 i = 0; i < SPI_processed; i++) {
        bool is_null = false;
        Datum child = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &is_null);
        child_ids.push_back(SPI_datumTransfer(child, false, UUID_LEN));
      }
    });
    for (Datum child : child_ids) restored += restore_row(follow.child_relid, child, deleted_at);
  }
  return restored;
}

// restore, purge and hard_delete act as the table's owner: only on tables that carry the
// soft-delete trigger (entity tables, or tables an admin registered), never on whatever
// relation a caller names.
void require_soft_delete_table(const pg::RelationMeta& meta, const char* function) {
  Oid relid = meta.relid;
  bool managed = meta.id_attnum != InvalidAttrNumber && meta.is_active_attnum != InvalidAttrNumber &&
                 meta.deleted_at_attnum != InvalidAttrNumber &&
                 pg::pg_call([&] {
                   Relation rel = relation_open(relid, AccessShareLock);
                   bool found = false;
                   TriggerDesc* triggers = rel->trigdesc;
                   for (int i = 0; triggers != nullptr && i < triggers->numtriggers; i++)
                     if (strcmp(triggers->triggers[i].tgname, "zz_soft_delete") == 0)
                       found = true;
                   relation_close(rel, NoLock);
                   return found;
                 });
  if (!managed)
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    std::string(function) + ": " + meta.schema_name + "." + meta.table_name +
                        " is not a soft-delete table (needs id, is_active, deleted_at and the soft-delete trigger)");
}

}  // namespace fitness::softdelete

extern "C" {
PG_FUNCTION_INFO_V1(fitness_soft_delete);
PG_FUNCTION_INFO_V1(fitness_restore);
PG_FUNCTION_INFO_V1(fitness_purge);
PG_FUNCTION_INFO_V1(fitness_hard_delete);
Datum fitness_soft_delete(PG_FUNCTION_ARGS);
Datum fitness_restore(PG_FUNCTION_ARGS);
Datum fitness_purge(PG_FUNCTION_ARGS);
Datum fitness_hard_delete(PG_FUNCTION_ARGS);
}

// restore(target regclass, record_id uuid) RETURNS integer
Datum fitness_restore(PG_FUNCTION_ARGS) {
  return fitness::pg::guard([&]() -> Datum {
    using namespace fitness;
    if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
      throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED, "restore: target and record_id are required");
    Oid target = PG_GETARG_OID(0);
    Datum id = PG_GETARG_DATUM(1);
    const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(target);
    softdelete::require_soft_delete_table(meta, "restore");
    pg::SpiSession spi;
    bool admin = pg::current_user_has_role("fitness_admin");
    auto owner = pg::ScopedOwnerSwitch::as_role(meta.owner);
    auto identity = context::current_identity();
    if (!admin && !(identity && context::user_owns_row(meta, identity->user, id)))
      throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE,
                      "permission denied to restore " + meta.schema_name + "." + meta.table_name + " " +
                          context::Uuid::from(DatumGetUUIDP(id)).text(),
                      {}, "the row's owner and fitness_admin may restore it");
    std::string sql = "SELECT deleted_at FROM " + softdelete::qualified(meta.schema_name, meta.table_name) +
                      " WHERE id = $1 AND NOT is_active";
    const char* text = sql.c_str();
    bool found = false;
    Datum deleted_at = pg::pg_call([&] {
      Oid types[1] = {UUIDOID};
      Datum args[1] = {id};
      SPI_execute_with_args(text, 1, types, args, nullptr, true, 1);
      bool is_null = true;
      Datum value = 0;
      if (SPI_processed == 1) value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &is_null);
      found = SPI_processed == 1 && !is_null;
      return value;
    });
    if (!found) PG_RETURN_INT32(0);
    PG_RETURN_INT32(static_cast<int32>(softdelete::restore_row(target, id, deleted_at)));
  });
}

// Shared by purge and hard_delete: fitness_admin only; a real DELETE FROM target WHERE
// <condition on $1> with the soft-delete trigger stepping aside; returns the rows deleted.
static std::uint64_t admin_hard_delete(FunctionCallInfo fcinfo, const char* function, const char* condition,
                                Oid arg_type) {
  using namespace fitness;
  if (!pg::current_user_has_role("fitness_admin"))
    throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE, std::string("permission denied for fitness.") + function,
                    {}, std::string("fitness.") + function + " is for fitness_admin");
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
    throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED, std::string(function) + ": both arguments are required");
  Oid target = PG_GETARG_OID(0);
  Datum arg = PG_GETARG_DATUM(1);
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(target);
  softdelete::require_soft_delete_table(meta, function);
  std::string sql = "DELETE FROM " + softdelete::qualified(meta.schema_name, meta.table_name) + " WHERE " + condition;
  const char* text = sql.c_str();
  pg::SpiSession spi;
  softdelete::HardDeleteScope hard;
  return pg::pg_call([&] {
    Oid types[1] = {arg_type};
    Datum args[1] = {arg};
    if (SPI_execute_with_args(text, 1, types, args, nullptr, false, 0) != SPI_OK_DELETE)
      elog(ERROR, "%s failed", function);
    return static_cast<std::uint64_t>(SPI_processed);
  });
}

// purge(target regclass, older_than interval) RETURNS bigint
Datum fitness_purge(PG_FUNCTION_ARGS) {
  return fitness::pg::guard([&]() -> Datum {
    std::uint64_t purged =
        admin_hard_delete(fcinfo, "purge", "NOT is_active AND deleted_at < now() - $1", INTERVALOID);
    PG_RETURN_INT64(static_cast<int64>(purged));
  });
}

// hard_delete(target regclass, record_id uuid) RETURNS boolean: one row, on purpose.
Datum fitness_hard_delete(PG_FUNCTION_ARGS) {
  return fitness::pg::guard([&]() -> Datum {
    PG_RETURN_BOOL(admin_hard_delete(fcinfo, "hard_delete", "id = $1", UUIDOID) == 1);
  });
}

Datum fitness_soft_delete(PG_FUNCTION_ARGS) {
  return fitness::pg::guard([&]() -> Datum {
    using namespace fitness;
    if (!CALLED_AS_TRIGGER(fcinfo))
      throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED, "fitness.soft_delete() must be called as a trigger");
    auto* trigdata = reinterpret_cast<TriggerData*>(fcinfo->context);
    if (!TRIGGER_FIRED_BEFORE(trigdata->tg_event) || !TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
        !TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
      throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                      "fitness.soft_delete() must be a BEFORE DELETE ... FOR EACH ROW trigger");
    HeapTuple old_row = trigdata->tg_trigtuple;
    if (softdelete::hard_delete_allowed) return PointerGetDatum(old_row);

    Relation rel = trigdata->tg_relation;
    const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
    if (meta.id_attnum == InvalidAttrNumber || meta.is_active_attnum == InvalidAttrNumber)
      throw pg::Error(ERRCODE_FEATURE_NOT_SUPPORTED,
                      meta.schema_name + "." + meta.table_name + " has no id/is_active to soft-delete by");
    TupleDesc desc = RelationGetDescr(rel);
    bool is_null = false;
    Datum id = heap_getattr(old_row, meta.id_attnum, desc, &is_null);

    pg::SpiSession spi;
    auto owner = pg::ScopedOwnerSwitch::as_role(meta.owner);
    softdelete::RelationPlans& plans = softdelete::plans_for(meta);
    for (const softdelete::Restrict& rule : plans.restricts) {
      std::vector<Datum> args;
      std::vector<char> nulls;
      softdelete::column_args(rule.parent_columns, old_row, desc, args, nulls);
      nulls.push_back('\0');
      SPIPlanPtr plan = rule.plan;
      bool referenced = pg::pg_call([&] {
        return SPI_execute_plan(plan, args.data(), nulls.data(), true, 1) == SPI_OK_SELECT && SPI_processed > 0;
      });
      if (referenced)
        throw pg::Error(ERRCODE_FOREIGN_KEY_VIOLATION,
                        "update or delete on table \"" + meta.table_name + "\" violates foreign key constraint \"" +
                            rule.constraint_name + "\" on table \"" + rule.child_table + "\"",
                        "Key (id)=(" + context::Uuid::from(DatumGetUUIDP(id)).text() +
                            ") is still referenced from active rows of table \"" + rule.child_table + "\".",
                        "Soft-delete or reassign the referencing rows first.");
    }
    SPIPlanPtr soft = plans.soft_delete;
    std::uint64_t updated = pg::pg_call([&] {
      Datum args[1] = {id};
      if (SPI_execute_plan(soft, args, nullptr, false, 0) != SPI_OK_UPDATE) elog(ERROR, "soft delete failed");
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
        if (rc != SPI_OK_DELETE) elog(ERROR, "soft delete cascade failed: %s", SPI_result_code_string(rc));
      });
    }
    return PointerGetDatum(nullptr);  // the row stays, inactive
  });
}
