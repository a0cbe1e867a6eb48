// Soft delete (API.md "Soft delete"). A BEFORE DELETE row trigger on every entity table
// keeps the row (returns NULL) and hands its id to the table's AFTER DELETE statement
// trigger, which turns all of the statement's rows into is_active = false, deleted_at =
// now(), deleted_by = the acting user with one UPDATE, then deletes what references them
// through ON DELETE CASCADE foreign keys and polymorphic references (entity_type,
// entity_id) with one DELETE per reference -- which fires the same triggers on the
// children, so the cascade recurses and stops at rows already inactive (cycles,
// self-references). A table with only the row trigger is handled row by row, in it.
// The row itself is kept (the trigger returns NULL: the client sees DELETE 0, unless the
// library was preloaded: then transparent.cpp reports the row, see there).
// The work runs as the table owner: the DELETE policy and guard already decided whether the
// caller may delete this row; policies that hide inactive rows must not block the update.
// fitness.purge / fitness.hard_delete set a backend flag that lets a real DELETE through.

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "identity/context.hpp"
#include "pg/function.hpp"
#include "pg/trigger.hpp"
#include "pg/relation_cache.hpp"
#include "pg/relation_plans.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/subtransaction.hpp"
#include "softdelete/soft_delete.hpp"

extern "C" {}
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
  SPIPlanPtr find_deleted = nullptr;  // ids soft-deleted at a given deleted_at (restore)
  SPIPlanPtr plan_many = nullptr;     // the same for an array of one-column keys
};

// A RESTRICT / NO ACTION foreign key: an active referencing row forbids the soft delete,
// as it would forbid a real DELETE.
struct Restrict {
  SPIPlanPtr plan;  // SELECT 1 ... LIMIT 1 over active referencing rows
  std::vector<AttrNumber> parent_columns;
  std::string constraint_name, child_table;
  SPIPlanPtr plan_many = nullptr;  // one-column keys: the first referenced key of an array
};

struct RelationPlans {
  pg::KeptResources kept;  // every plan below
  SPIPlanPtr soft_delete = nullptr;
  SPIPlanPtr soft_delete_many = nullptr;  // ... WHERE id = ANY ($1) AND is_active RETURNING keys
  std::vector<AttrNumber> returned;       // the table's columns RETURNING gives, in order
  std::string returned_list;              // their quoted names, for restore's RETURNING
  std::vector<Follow> follows;
  std::vector<Restrict> restricts;
};

// Rows the row trigger kept during the running DELETE statements, per table, until that
// table's statement trigger soft-deletes them in one UPDATE (and cascades in one DELETE per
// reference). Tagged with the subtransaction that kept them: an aborted one drops its own.
struct PendingRow {
  pg_uuid_t id;
  SubTransactionId subxact;
};
struct PendingTable {
  std::vector<PendingRow> rows;
  std::unordered_set<context::Uuid, context::UuidHash>
      ids;  // a row met twice (DELETE ... USING) counts once
};
std::unordered_map<Oid, PendingTable> pending;

// Takes the table's rows kept at or below the current subtransaction: a DELETE run inside
// a subtransaction (an exception block) while an outer DELETE of the same table is still
// keeping rows must not take -- and, if it rolls back, lose -- the outer statement's rows.
std::vector<PendingRow> take_pending(Oid relid) {
  std::vector<PendingRow> taken;
  auto found = pending.find(relid);
  if (found == pending.end()) return taken;
  SubTransactionId current = GetCurrentSubTransactionId();
  auto& rows = found->second.rows;
  auto split = std::stable_partition(rows.begin(), rows.end(),
                                     [&](const PendingRow& r) { return r.subxact < current; });
  taken.assign(split, rows.end());
  rows.erase(split, rows.end());
  for (const PendingRow& r : taken) found->second.ids.erase(context::Uuid::from(&r.id));
  if (rows.empty()) pending.erase(found);
  return taken;
}

// Cached per relation (and definition version): whether it inherits from another table.
struct InheritsFlag {
  pg::KeptResources kept;  // none: the flag is all there is
  bool has_parent = false;
};
void find_parent(const pg::RelationMeta& meta, InheritsFlag& flag) {
  Oid relid = meta.relid;
  flag.has_parent = pg::pg_call([&] { return has_superclass(relid); });
}

// The array type of a column type, for "= ANY ($1)" over many keys (InvalidOid: none).
Oid array_of(Oid type_oid) {
  return pg::pg_call([&] { return get_array_type(type_oid); });
}
// The set-based soft delete, RETURNING the columns its follow and restrict statements take
// their keys from (by name: RETURNING * would skip dropped columns and shift positions).
void finish_many_plan(const pg::RelationMeta& meta, const std::string& target,
                      RelationPlans& plans) {
  std::vector<AttrNumber> needed{meta.id_attnum};
  auto need = [&](AttrNumber attnum) {
    if (std::find(needed.begin(), needed.end(), attnum) == needed.end()) needed.push_back(attnum);
  };
  for (const Follow& f : plans.follows)
    for (AttrNumber a : f.parent_columns) need(a);
  for (const Restrict& r : plans.restricts)
    for (AttrNumber a : r.parent_columns) need(a);
  std::string list;
  for (AttrNumber attnum : needed) {
    const pg::ColumnMeta* column = nullptr;
    for (const pg::ColumnMeta& c : meta.columns)
      if (c.attnum == attnum) column = &c;
    if (column == nullptr)
      throw pg::Error(ERRCODE_INTERNAL_ERROR, "soft delete: key column not found");
    list += (list.empty() ? "" : ", ") + pg::quoted_identifier(column->name.c_str());
  }
  plans.returned = needed;
  plans.returned_list = list;
  plans.soft_delete_many = plans.kept.prepare(
      "UPDATE " + target +
          " SET is_active = false, deleted_at = now(), deleted_by = fitness.current_user_id()"
          " WHERE id = ANY ($1) AND is_active RETURNING " +
          list,
      {UUIDARRAYOID});
}

// Builds the statements for one table from the catalogue: its soft delete, one DELETE per
// ON DELETE CASCADE foreign key of a soft-delete table pointing at it, one per polymorphic
// table for its entity_type code.
void build(const pg::RelationMeta& meta, RelationPlans& plans) {
  std::string target = pg::quoted_table(meta.schema_name, meta.table_name);
  plans.soft_delete = plans.kept.prepare(
      "UPDATE " + target +
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
    std::string sql =
        "DELETE FROM " + pg::quoted_table(child.schema, child.table) + " WHERE is_active";
    std::vector<Oid> types;
    for (size_t k = 0; k < child.child_columns.size(); k++) {
      const pg::ColumnMeta* column = nullptr;
      for (const pg::ColumnMeta& c : child_meta.columns)
        if (c.attnum == child.child_columns[k]) column = &c;
      if (column == nullptr)
        throw pg::Error(ERRCODE_INTERNAL_ERROR, "soft delete: foreign key column not found");
      sql += " AND " + pg::quoted_identifier(column->name.c_str()) + " = $" + std::to_string(k + 1);
      types.push_back(column->type_oid);
    }
    // One-column keys whose two sides have the same type also get a set-based statement.
    std::string many_column;
    Oid many_array = InvalidOid;
    if (child.child_columns.size() == 1) {
      const pg::ColumnMeta* parent_column = nullptr;
      for (const pg::ColumnMeta& c : meta.columns)
        if (c.attnum == child.parent_columns[0]) parent_column = &c;
      for (const pg::ColumnMeta& c : child_meta.columns)
        if (c.attnum == child.child_columns[0] && parent_column != nullptr &&
            c.type_oid == parent_column->type_oid) {
          many_column = pg::quoted_identifier(c.name.c_str());
          many_array = array_of(c.type_oid);
        }
    }
    if (!child.cascade) {
      std::string check = "SELECT 1 FROM " + pg::quoted_table(child.schema, child.table) +
                          sql.substr(sql.find(" WHERE ")) + " LIMIT 1";
      Restrict rule{plans.kept.prepare(check, types), child.parent_columns, child.constraint_name,
                    child.table};
      if (many_array != InvalidOid)
        rule.plan_many = plans.kept.prepare(
            "SELECT " + many_column + " FROM " + pg::quoted_table(child.schema, child.table) +
                " WHERE is_active AND " + many_column + " = ANY ($1) LIMIT 1",
            {many_array});
      plans.restricts.push_back(std::move(rule));
      continue;
    }
    std::string find = "SELECT id FROM " + pg::quoted_table(child.schema, child.table) +
                       " WHERE NOT is_active AND deleted_at = $" +
                       std::to_string(types.size() + 1) + sql.substr(sql.find(" AND "));
    std::vector<Oid> find_types = types;
    find_types.push_back(TIMESTAMPTZOID);
    Follow follow{
        plans.kept.prepare(sql, types),      child.parent_columns, InvalidOid, {}, child_oid,
        plans.kept.prepare(find, find_types)};
    if (many_array != InvalidOid)
      follow.plan_many =
          plans.kept.prepare("DELETE FROM " + pg::quoted_table(child.schema, child.table) +
                                 " WHERE is_active AND " + many_column + " = ANY ($1)",
                             {many_array});
    plans.follows.push_back(std::move(follow));
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
      "   AND (SELECT count(*) FROM pg_catalog.pg_attribute a WHERE a.attrelid = r.oid AND NOT "
      "a.attisdropped"
      "        AND a.attname IN ('entity_type', 'entity_id', 'is_active')) = 3"
      " ORDER BY 1, 2",
      {});
  std::vector<std::string> type_codes;
  std::uint64_t ncodes = codes.execute(&relid, nullptr, true);
  for (std::uint64_t i = 0; i < ncodes; i++)
    type_codes.push_back(
        pg::pg_call([&] { return SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1); }));
  if (type_codes.empty()) {
    finish_many_plan(meta, target, plans);
    return;
  }
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
    targets.emplace_back(pg::quoted_table(schema, table),
                         pg::relation_oid(schema.c_str(), table.c_str()));
  for (const std::string& code : type_codes)
    for (const auto& [table, oid] : targets)
      plans.follows.push_back(Follow{
          plans.kept.prepare(
              "DELETE FROM " + table + " WHERE is_active AND entity_type = $1 AND entity_id = $2",
              {TEXTOID, UUIDOID}),
          {meta.id_attnum},
          TEXTOID,
          code,
          oid,
          plans.kept.prepare(
              "SELECT id FROM " + table +
                  " WHERE NOT is_active AND deleted_at = $3 AND entity_type = $1 AND entity_id "
                  "= $2",
              {TEXTOID, UUIDOID, TIMESTAMPTZOID}),
          plans.kept.prepare("DELETE FROM " + table +
                                 " WHERE is_active AND entity_type = $1 AND entity_id = ANY ($2)",
                             {TEXTOID, UUIDARRAYOID})});
  finish_many_plan(meta, target, plans);
}

// The table's statements for its current definition (pg::RelationPlanCache: a changed
// table gets a new entry; plans replaced while a nested soft delete may still run them are
// freed at the end of the transaction, never under a caller). Callers hold the pointer.
std::shared_ptr<RelationPlans> plans_for(const pg::RelationMeta& meta) {
  static pg::RelationPlanCache<RelationPlans> cache("soft_delete_plans", build);
  return cache.get(meta);
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

// Whether the table carries the statement trigger that completes deferred soft deletes.
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

// The rows the set-based UPDATE returned (their key columns, see finish_many_plan); they
// live in the SPI session's memory.
struct ReturnedRows {
  SPITupleTable* table = nullptr;
  uint64 count = 0;
  const std::vector<AttrNumber>* columns = nullptr;  // table attnum of each returned column

  int position(AttrNumber attnum) const {
    for (size_t i = 0; i < columns->size(); i++)
      if ((*columns)[i] == attnum) return static_cast<int>(i) + 1;
    throw pg::Error(ERRCODE_INTERNAL_ERROR, "soft delete: key column not returned");
  }
  // Values of the given table columns of row i, appended as SPI arguments (inside pg_call).
  void args(uint64 i, const std::vector<int>& positions, std::vector<Datum>& out,
            std::vector<char>& nulls) const {
    for (int p : positions) {
      bool is_null = false;
      out.push_back(SPI_getbinval(table->vals[i], table->tupdesc, p, &is_null));
      nulls.push_back(is_null ? 'n' : ' ');
    }
  }
};

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

// Arguments of a follow statement from returned row i: the entity type code (polymorphic
// references), then the key columns; room is reserved for `extra` more the caller appends.
void returned_follow_args(const Follow& follow, const ReturnedRows& rows, uint64 i, size_t extra,
                          std::vector<Datum>& args, std::vector<char>& nulls) {
  std::vector<int> positions;
  for (AttrNumber a : follow.parent_columns) positions.push_back(rows.position(a));
  args.reserve(positions.size() + 1 + extra);
  nulls.reserve(positions.size() + 2 + extra);  // and the terminating '\0'
  const char* code =
      follow.entity_type_param != InvalidOid ? follow.entity_type_code.c_str() : nullptr;
  pg::pg_call([&] {  // no reallocation in here: the room is reserved
    if (code != nullptr) {
      args.push_back(CStringGetTextDatum(code));
      nulls.push_back(' ');
    }
    rows.args(i, positions, args, nulls);
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
      context::Uuid id;
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

// Pending rows of aborted (sub)transactions are dropped; a commit with rows still pending
// would report deletes that never happened, so it is refused.
void pending_transaction_callback(XactEvent event, void*) {
  if (event == XACT_EVENT_PRE_COMMIT || event == XACT_EVENT_PRE_PREPARE) {
    bool left = false;
    for (const auto& entry : pending) left = left || !entry.second.rows.empty();
    if (left)
      ereport(ERROR,
              (errcode(ERRCODE_INTERNAL_ERROR),
               errmsg("soft delete: rows kept by a DELETE were never soft-deleted"),
               errhint("A table has the zz_soft_delete trigger but its zz_soft_delete_flush "
                       "statement trigger did not fire; fitness.register_entities() adds both.")));
    return;
  }
  if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT || event == XACT_EVENT_PREPARE ||
      event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT) {
    pending.clear();
  }
}

void pending_subtransaction_callback(SubXactEvent event, SubTransactionId subxact, SubTransactionId,
                                     void*) {
  if (event != SUBXACT_EVENT_ABORT_SUB) return;
  for (auto& entry : pending) {
    auto& rows = entry.second.rows;
    for (const PendingRow& r : rows)
      if (r.subxact >= subxact) entry.second.ids.erase(context::Uuid::from(&r.id));
    rows.erase(std::remove_if(rows.begin(), rows.end(),
                              [&](const PendingRow& r) { return r.subxact >= subxact; }),
               rows.end());
  }
}

// A row restore put back, by table and id.
struct RestoredRow {
  Oid relid;
  context::Uuid id;
  bool operator==(const RestoredRow& other) const { return relid == other.relid && id == other.id; }
};
struct RestoredRowHash {
  size_t operator()(const RestoredRow& r) const noexcept {
    return context::UuidHash{}(r.id) ^ r.relid;
  }
};
using RestoredRows = std::unordered_set<RestoredRow, RestoredRowHash>;

// Restores one row soft-deleted at `deleted_at` and, recursively, what its cascade took at
// that same instant (nothing soft-deleted earlier), leaving out the rows in `skip` and what
// hangs below them; appends what it restored to `out`. Inside an SPI session, as the owner.
void restore_tree(Oid relid, Datum id, Datum deleted_at, const RestoredRows& skip,
                  std::vector<RestoredRow>& out) {
  RestoredRow self{relid, context::Uuid::from(DatumGetUUIDP(id))};
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
    std::vector<context::Uuid> ids;
    for (const RestoredRow& r : rows)
      if (r.relid == relid) ids.push_back(r.id);
    const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(relid);
    std::string sql = "UPDATE " + pg::quoted_table(meta.schema_name, meta.table_name) +
                      " SET is_active = is_active, deleted_at = deleted_at, deleted_by = deleted_by"
                      " WHERE id = ANY ($1) RETURNING id";
    const char* text = sql.c_str();
    Datum array = context::uuid_array(ids);
    std::unordered_set<context::Uuid, context::UuidHash> seen;
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
      context::Uuid id;
      pg::pg_call([&] {
        bool is_null = false;
        Datum value = SPI_getbinval(returned->vals[i], returned->tupdesc, 1, &is_null);
        std::memcpy(id.bytes.data(), DatumGetUUIDP(value)->data, UUID_LEN);
      });
      seen.insert(id);
    }
    for (const context::Uuid& id : ids)
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
  RestoredRow top{relid, context::Uuid::from(DatumGetUUIDP(id))};
  RestoredRows skip;
  for (;;) {
    pg::SubTransaction attempt;
    std::vector<RestoredRow> restored;
    {
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

// restore, purge and hard_delete act as the table's owner: only on tables that carry the
// soft-delete trigger (entity tables, or tables an admin registered), never on whatever
// relation a caller names.
void require_soft_delete_table(const pg::RelationMeta& meta, const char* function) {
  Oid relid = meta.relid;
  bool managed = meta.id_attnum != InvalidAttrNumber &&
                 meta.is_active_attnum != InvalidAttrNumber &&
                 meta.deleted_at_attnum != InvalidAttrNumber && pg::pg_call([&] {
                   Relation rel = relation_open(relid, AccessShareLock);
                   bool found = false;
                   TriggerDesc* triggers = rel->trigdesc;
                   for (int i = 0; triggers != nullptr && i < triggers->numtriggers; i++)
                     if (strcmp(triggers->triggers[i].tgname, "zz_soft_delete") == 0) found = true;
                   relation_close(rel, NoLock);
                   return found;
                 });
  if (!managed)
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    std::string(function) + ": " + meta.schema_name + "." + meta.table_name +
                        " is not a soft-delete table (needs id, is_active, deleted_at and the "
                        "soft-delete trigger)");
}

void register_soft_delete_callbacks() {
  RegisterXactCallback(pending_transaction_callback, nullptr);
  RegisterSubXactCallback(pending_subtransaction_callback, nullptr);
}

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

// Shared by purge and hard_delete: fitness_admin only; a real DELETE FROM target WHERE
// <condition on $1> with the soft-delete trigger stepping aside; returns the rows deleted.
static std::uint64_t admin_hard_delete(FunctionCallInfo fcinfo, const char* function,
                                       const char* condition, Oid arg_type) {
  using namespace fitness;
  if (!pg::current_user_has_role("fitness_admin"))
    throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE,
                    std::string("permission denied for fitness.") + function, {},
                    std::string("fitness.") + function + " is for fitness_admin");
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
    throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED,
                    std::string(function) + ": both arguments are required");
  Oid target = PG_GETARG_OID(0);
  Datum arg = PG_GETARG_DATUM(1);
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(target);
  softdelete::require_soft_delete_table(meta, function);
  std::string sql =
      "DELETE FROM " + pg::quoted_table(meta.schema_name, meta.table_name) + " WHERE " + condition;
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
FITNESS_SQL_FUNCTION(fitness_purge) {
  std::uint64_t purged =
      admin_hard_delete(fcinfo, "purge", "NOT is_active AND deleted_at < now() - $1", INTERVALOID);
  PG_RETURN_INT64(static_cast<int64>(purged));
}

// hard_delete(target regclass, record_id uuid) RETURNS boolean: one row, on purpose.
FITNESS_SQL_FUNCTION(fitness_hard_delete) {
  PG_RETURN_BOOL(admin_hard_delete(fcinfo, "hard_delete", "id = $1", UUIDOID) == 1);
}

FITNESS_SQL_FUNCTION(fitness_soft_delete) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(
      fcinfo, "fitness.soft_delete",
      [](TriggerEvent e) -> bool {
        return TRIGGER_FIRED_BEFORE(e) && TRIGGER_FIRED_FOR_ROW(e) && TRIGGER_FIRED_BY_DELETE(e);
      },
      "a BEFORE DELETE ... FOR EACH ROW");
  HeapTuple old_row = trigdata->tg_trigtuple;
  if (softdelete::hard_delete_allowed) return PointerGetDatum(old_row);

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
    softdelete::PendingRow row;
    std::memcpy(row.id.data, DatumGetUUIDP(id)->data, UUID_LEN);
    row.subxact = GetCurrentSubTransactionId();
    softdelete::PendingTable& table = softdelete::pending[meta.relid];
    table.rows.reserve(table.rows.size() + 1);  // so the push below cannot fail after the insert
    if (!table.ids.insert(context::Uuid::from(&row.id)).second)
      return PointerGetDatum(nullptr);  // met twice
    table.rows.push_back(row);
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
      throw pg::Error(ERRCODE_FOREIGN_KEY_VIOLATION,
                      "update or delete on table \"" + meta.table_name +
                          "\" violates foreign key constraint \"" + rule.constraint_name +
                          "\" on table \"" + rule.child_table + "\"",
                      "Key (id)=(" + context::Uuid::from(DatumGetUUIDP(id)).text() +
                          ") is still referenced from active rows of table \"" + rule.child_table +
                          "\".",
                      "Soft-delete or reassign the referencing rows first.");
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
