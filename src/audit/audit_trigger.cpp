// Audit triggers (docs/reference/functions.md "Audit"). One AFTER ... FOR EACH STATEMENT trigger
// per event with transition tables: a statement writes its audit rows with ONE set-based INSERT,
// whatever its row count. SQL is built per relation (never per row); plans are prepared once per
// relation and event and kept until the relation's definition changes. The path is chosen
// per statement: one-row statements run a kept plan without joins (as cheap as a row
// trigger), multi-row UPDATEs are planned for their row count so old and new rows are
// paired by a hash join. PostgreSQL fires every trigger defined for an event, so a
// row-level twin would make bulk statements pay per row: the choice happens in here.
// Excluded columns (trigger arguments) are removed before anything reaches the log.

#include <unordered_map>

#include "audit/log_writer.hpp"
#include "audit/row_json.hpp"
#include "identity/context.hpp"
#include "pg/function.hpp"
#include "pg/relation_cache.hpp"
#include "pg/relation_plans.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"

namespace fitness::audit {

enum Event { kInsert = 0, kUpdate = 1, kDelete = 2, kTruncate = 3 };

Jsonb* jsonb_diff(Jsonb* old_doc, Jsonb* new_doc, const char* const* ignore, const int* ignore_len,
                  int n_ignore);

namespace {

struct AuditPlans {
  pg::KeptResources kept;
  MemoryContext row_json_context = nullptr;  // holds row_json (single-row path)
  RowJsonPlan* row_json = nullptr;
  SPIPlanPtr plans[4] = {nullptr, nullptr, nullptr, nullptr};
  std::string multi_row_update_sql;  // planned per statement: its row count decides the join
};

Oid audit_arg_types[6] = {TEXTOID, TEXTOID, TEXTARRAYOID, UUIDOID, TEXTOID, TEXTOID};

std::string build_sql(Event event, const pg::RelationMeta& meta, bool multi_row = false) {
  const std::string insert =
      "INSERT INTO platform.audit_log (table_schema, table_name, record_id, operation, old_data,"
      " new_data, changed_columns, actor_user_id, db_role, application_name, client_addr) ";
  const std::string tail = ", $4, $5, $6, inet_client_addr()";
  switch (event) {
    case kInsert:
      return insert +
             "SELECT $1, $2, n.id, 'INSERT', NULL, fitness.audit_row_jsonb(n.*, $3), NULL" + tail +
             " FROM fitness_audit_new n";
    case kDelete:
      return insert +
             "SELECT $1, $2, o.id, 'DELETE', fitness.audit_row_jsonb(o.*, $3), NULL, NULL" + tail +
             " FROM fitness_audit_old o";
    case kTruncate:
      return insert + "SELECT $1, $2, NULL, 'TRUNCATE', NULL, NULL, NULL" + tail;
    case kUpdate: {
      bool soft = meta.is_active_attnum != InvalidAttrNumber;
      std::string operation =
          soft ? "CASE WHEN o.is_active AND NOT n.is_active THEN 'SOFT_DELETE'"
                 " WHEN NOT o.is_active AND n.is_active THEN 'RESTORE' ELSE 'UPDATE' END"
               : "'UPDATE'";
      // One row: old and new are the only rows, no join needed (the kept plan). Several rows:
      // pair them by id (which cannot change), planned per statement, see plan_for().
      // Stamp columns change on every UPDATE; alone they are not a change worth a row.
      return insert + "SELECT $1, $2, o.id, " + operation +
             ", j.old_data, j.diff, ARRAY(SELECT jsonb_object_keys(j.diff))" + tail +
             (multi_row ? " FROM fitness_audit_old o JOIN fitness_audit_new n ON n.id = o.id"
                        : " FROM fitness_audit_old o CROSS JOIN fitness_audit_new n") +
             " CROSS JOIN LATERAL (SELECT d.old_data, fitness.audit_diff(d.old_data,"
             " fitness.audit_row_jsonb(n.*, $3), ARRAY['updated_at', 'updated_by']) AS diff"
             " FROM (SELECT fitness.audit_row_jsonb(o.*, $3) AS old_data) d) j"
             " WHERE j.diff IS NOT NULL";
    }
  }
  return {};
}

// Everything is planned on first use: a table may only ever see one kind of statement.
void no_plans_yet(const pg::RelationMeta&, AuditPlans&) {}

// The table's plans for its current definition (pg::RelationPlanCache: a changed table gets
// a new entry; the old one's plans are freed at the end of the transaction).
std::shared_ptr<AuditPlans> plans_of(const pg::RelationMeta& meta) {
  static pg::RelationPlanCache<AuditPlans> cache("audit_plans", no_plans_yet);
  return cache.get(meta);
}

SPIPlanPtr plan_for(AuditPlans& entry, Event event, const pg::RelationMeta& meta);

// platform.audit_log's metadata (owner), found by name once and then by OID: a hash look-up
// per statement instead of catalogue searches. Re-found if the extension was re-created.
const pg::RelationMeta& audit_log_meta() {
  static Oid audit_log = InvalidOid;
  Oid cached = audit_log;
  if (cached != InvalidOid &&
      pg::pg_call([&] { return SearchSysCacheExists1(RELOID, ObjectIdGetDatum(cached)); })) {
    const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(cached);
    if (meta.schema_name == "platform" && meta.table_name == "audit_log") return meta;
  }
  audit_log = pg::relation_oid("platform", "audit_log");
  return pg::RelationMetaCache::instance().get(audit_log);
}

// The log writer for one statement's `rows` entries, or nullptr (the SQL path); args as for
// the set-based plans give the columns every entry of the statement shares.
AuditLogWriter* open_writer(const Datum* args, const char* nulls, int64 rows) {
  Oid audit_log = audit_log_meta().relid;  // C++: outside pg_call
  StatementColumns shared{args[0], args[1], args[3],        nulls[3] == 'n',
                          args[4], args[5], nulls[5] == 'n'};
  return pg::pg_call([&] { return open_audit_log_writer(audit_log, shared, rows); });
}

// The table's row-to-jsonb conversion, planned on first use (per row type and exclusions).
RowJsonPlan* conversion_plan(AuditPlans& entry, Relation rel, Datum exclude) {
  if (entry.row_json == nullptr) {
    Oid row_type = rel->rd_rel->reltype;
    if (entry.row_json_context == nullptr)
      entry.row_json_context = entry.kept.memory("fitness audit row json");
    MemoryContext context = entry.row_json_context;
    entry.row_json = pg::pg_call([&] { return plan_row_json(row_type, -1, exclude, context); });
  }
  return entry.row_json;
}

// Multi-row INSERT or DELETE: each row of the transition table is converted in C++ and
// appended through the writer (heap multi-inserts). false: the log needs the SQL path.
bool write_rows_direct(Event event, const pg::RelationMeta& meta, Relation rel,
                       Tuplestorestate* rows, const Datum* args, const char* nulls) {
  AuditLogWriter* writer = open_writer(args, nulls, tuplestore_tuple_count(rows));
  if (writer == nullptr) return false;
  RowJsonPlan* plan = conversion_plan(*plans_of(meta), rel, args[2]);
  AttrNumber id_attnum = meta.id_attnum;
  TupleTableSlot* slot = pg::pg_call([&] {
    tuplestore_rescan(rows);
    return MakeSingleTupleTableSlot(RelationGetDescr(rel), &TTSOpsMinimalTuple);
  });
  const char* operation = event == kInsert ? "INSERT" : "DELETE";
  for (;;) {
    EntryColumns row{};
    bool more = pg::pg_call([&] {
      if (!tuplestore_gettupleslot(rows, true, false, slot)) return false;
      MemoryContext previous = MemoryContextSwitchTo(audit_log_batch_context(writer));
      bool is_null = false;
      row.record_id = datumCopy(slot_getattr(slot, id_attnum, &is_null), false, UUID_LEN);
      if (is_null)
        ereport(ERROR, (errcode(ERRCODE_NOT_NULL_VIOLATION), errmsg("audit: row without id")));
      Datum json = JsonbPGetDatum(slot_to_audit_jsonb(plan, slot));
      (event == kInsert ? row.new_data : row.old_data) = json;
      MemoryContextSwitchTo(previous);
      return true;
    });
    if (!more) break;
    row.operation = operation;
    append_audit_entry(writer, row);
  }
  pg::pg_call([&] {
    ExecDropSingleTupleTableSlot(slot);
    close_audit_log_writer(writer);
  });
  return true;
}

Datum object_keys(Jsonb* object);

// Multi-row UPDATE through the writer. PostgreSQL adds the old and the new version of each
// updated row to the two transition tables together, so they are read in step; each new
// row is diffed against its old one in C++, as the one-row path does. false: the log needs
// the SQL path.
bool write_updates_direct(const pg::RelationMeta& meta, Relation rel, TriggerData* trigdata,
                          const Datum* args, const char* nulls) {
  Tuplestorestate* old_rows = trigdata->tg_oldtable;
  Tuplestorestate* new_rows = trigdata->tg_newtable;
  if (tuplestore_tuple_count(old_rows) != tuplestore_tuple_count(new_rows)) return false;
  AuditLogWriter* writer = open_writer(args, nulls, tuplestore_tuple_count(new_rows));
  if (writer == nullptr) return false;
  RowJsonPlan* plan = conversion_plan(*plans_of(meta), rel, args[2]);
  AttrNumber id_attnum = meta.id_attnum;
  AttrNumber active_attnum = meta.is_active_attnum;
  MemoryContext batch = audit_log_batch_context(writer);
  MemoryContext row_memory = nullptr;  // one pair at a time: pairs without a change leave nothing
  TupleTableSlot* old_slot = nullptr;
  TupleTableSlot* new_slot = nullptr;
  pg::pg_call([&] {
    row_memory = AllocSetContextCreate(CurrentMemoryContext, "fitness audit update pair",
                                       ALLOCSET_DEFAULT_SIZES);
    tuplestore_rescan(old_rows);
    tuplestore_rescan(new_rows);
    old_slot = MakeSingleTupleTableSlot(RelationGetDescr(rel), &TTSOpsMinimalTuple);
    new_slot = MakeSingleTupleTableSlot(RelationGetDescr(rel), &TTSOpsMinimalTuple);
  });
  enum Activity { kUnknown, kActive, kInactive };
  for (;;) {
    EntryColumns entry{};
    bool any_change = false;
    Activity before = kUnknown, after = kUnknown;
    bool more = pg::pg_call([&] {
      MemoryContextReset(row_memory);
      bool got_old = tuplestore_gettupleslot(old_rows, true, false, old_slot);
      bool got_new = tuplestore_gettupleslot(new_rows, true, false, new_slot);
      if (!got_old || !got_new) return false;
      bool old_null = false, new_null = false;
      Datum old_id = slot_getattr(old_slot, id_attnum, &old_null);
      (void)slot_getattr(new_slot, id_attnum, &new_null);
      if (old_null || new_null)
        ereport(ERROR, (errcode(ERRCODE_NOT_NULL_VIOLATION), errmsg("audit: row without id")));
      // An id that changed (a table without the stamp trigger) is logged under the old id,
      // as the one-row path does.
      if (active_attnum != InvalidAttrNumber) {
        Datum value = slot_getattr(old_slot, active_attnum, &old_null);
        before = old_null ? kUnknown : DatumGetBool(value) ? kActive : kInactive;
        value = slot_getattr(new_slot, active_attnum, &new_null);
        after = new_null ? kUnknown : DatumGetBool(value) ? kActive : kInactive;
      }
      MemoryContext previous = MemoryContextSwitchTo(row_memory);
      Datum old_row = ExecFetchSlotHeapTupleDatum(old_slot);
      Datum new_row = ExecFetchSlotHeapTupleDatum(new_slot);
      Jsonb* diff = row_to_audit_jsonb_changed(plan, new_row, old_row, &any_change);
      if (any_change) {  // what the entry keeps goes to the writer's batch memory
        MemoryContextSwitchTo(batch);
        entry.new_data = datumCopy(JsonbPGetDatum(diff), false, -1);
        entry.old_data = JsonbPGetDatum(row_to_audit_jsonb(plan, old_row));
        entry.changed_columns = object_keys(diff);
        entry.record_id = datumCopy(old_id, false, UUID_LEN);
      }
      MemoryContextSwitchTo(previous);
      return true;
    });
    if (!more) break;
    if (!any_change) continue;  // only the stamp changed
    entry.operation = before == kActive && after == kInactive   ? "SOFT_DELETE"
                      : before == kInactive && after == kActive ? "RESTORE"
                                                                : "UPDATE";
    append_audit_entry(writer, entry);
  }
  pg::pg_call([&] {
    ExecDropSingleTupleTableSlot(old_slot);
    ExecDropSingleTupleTableSlot(new_slot);
    close_audit_log_writer(writer);
    MemoryContextDelete(row_memory);
  });
  return true;
}

// Runs the audit INSERT for one statement through SQL. A kept plan serves every statement,
// except a multi-row UPDATE: a plan kept from a one-row UPDATE would pair rows with a nested
// loop, so those are planned for their actual row count (planning is small next to bulk work).
void write_audit_rows(Event event, const pg::RelationMeta& meta, bool multi_row, Datum* args,
                      const char* nulls) {
  std::shared_ptr<AuditPlans> held = plans_of(meta);
  AuditPlans& entry = *held;
  if (event == kUpdate && multi_row) {
    if (entry.multi_row_update_sql.empty())
      entry.multi_row_update_sql = build_sql(event, meta, true);
    const char* sql = entry.multi_row_update_sql.c_str();
    pg::pg_call([&] {
      int rc = SPI_execute_with_args(sql, 6, audit_arg_types, args, nulls, false, 0);
      if (rc != SPI_OK_INSERT) elog(ERROR, "audit: insert failed: %s", SPI_result_code_string(rc));
    });
    return;
  }
  SPIPlanPtr plan = plan_for(entry, event, meta);
  pg::pg_call([&] {
    int rc = SPI_execute_plan(plan, args, nulls, false, 0);
    if (rc != SPI_OK_INSERT) elog(ERROR, "audit: insert failed: %s", SPI_result_code_string(rc));
  });
}

// ---- Single-row path: no transition-table query at all. The row is read from the
// transition table in C, turned into jsonb and diffed in C, and written by one kept
// INSERT ... VALUES shared by every table.

struct OneRow {
  Datum row;  // composite datum (own copy)
  Datum id;   // uuid (own copy)
  bool is_active;
  bool is_active_null;  // NULL is_active: neither a soft delete nor a restore
};

OneRow read_one_row(Tuplestorestate* store, Relation rel, const pg::RelationMeta& meta) {
  OneRow out{};
  pg::pg_call([&] {
    TupleTableSlot* slot = MakeSingleTupleTableSlot(RelationGetDescr(rel), &TTSOpsMinimalTuple);
    tuplestore_rescan(store);
    if (!tuplestore_gettupleslot(store, true, false, slot))
      elog(ERROR, "audit: empty transition table");
    out.row = ExecFetchSlotHeapTupleDatum(slot);
    bool is_null = false;
    out.id = datumCopy(slot_getattr(slot, meta.id_attnum, &is_null), false, UUID_LEN);
    if (is_null)
      ereport(ERROR, (errcode(ERRCODE_NOT_NULL_VIOLATION), errmsg("audit: row without id")));
    out.is_active_null = true;
    if (meta.is_active_attnum != InvalidAttrNumber) {
      Datum active = slot_getattr(slot, meta.is_active_attnum, &is_null);
      out.is_active = !is_null && DatumGetBool(active);
      out.is_active_null = is_null;
    }
    ExecDropSingleTupleTableSlot(slot);
  });
  return out;
}

Datum row_jsonb(AuditPlans& entry, Relation rel, Datum row, Datum exclude) {
  RowJsonPlan* plan = conversion_plan(entry, rel, exclude);
  return pg::pg_call([&] { return JsonbPGetDatum(row_to_audit_jsonb(plan, row)); });
}

// The keys of a jsonb object as text[].
Datum object_keys(Jsonb* object) {
  return pg::pg_call([&] {
    ArrayBuildState* keys = initArrayResult(TEXTOID, CurrentMemoryContext, false);
    JsonbIterator* it = JsonbIteratorInit(&object->root);
    JsonbValue v;
    JsonbIteratorToken token;
    while ((token = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
      if (token == WJB_KEY)
        accumArrayResult(
            keys, PointerGetDatum(cstring_to_text_with_len(v.val.string.val, v.val.string.len)),
            false, TEXTOID, CurrentMemoryContext);
    return makeArrayResult(keys, CurrentMemoryContext);
  });
}

// args as for the set-based plans: $1 schema, $2 table, $3 excluded, $4 actor, $5 db_role,
// $6 application_name.
void write_one_row(Event event, const pg::RelationMeta& meta, Relation rel, TriggerData* trigdata,
                   const Datum* args, const char* nulls) {
  static pg::KeptPlan insert_one(
      "INSERT INTO platform.audit_log (table_schema, table_name, record_id, operation, old_data,"
      " new_data, changed_columns, actor_user_id, db_role, application_name, client_addr)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, inet_client_addr())",
      {TEXTOID, TEXTOID, UUIDOID, TEXTOID, JSONBOID, JSONBOID, TEXTARRAYOID, UUIDOID, TEXTOID,
       TEXTOID});
  std::shared_ptr<AuditPlans> held = plans_of(meta);
  AuditPlans& entry = *held;
  Datum values[10];
  char value_nulls[11] = "          ";
  values[0] = args[0];
  values[1] = args[1];
  values[6] = 0;
  const char* operation = "INSERT";
  if (event == kInsert || event == kDelete) {
    OneRow row =
        read_one_row(event == kInsert ? trigdata->tg_newtable : trigdata->tg_oldtable, rel, meta);
    values[2] = row.id;
    Datum json = row_jsonb(entry, rel, row.row, args[2]);
    values[4] = event == kDelete ? json : 0;
    values[5] = event == kInsert ? json : 0;
    value_nulls[event == kInsert ? 4 : 5] = 'n';
    value_nulls[6] = 'n';
    operation = event == kInsert ? "INSERT" : "DELETE";
  } else {
    OneRow before = read_one_row(trigdata->tg_oldtable, rel, meta);
    OneRow after = read_one_row(trigdata->tg_newtable, rel, meta);
    Datum old_json = row_jsonb(entry, rel, before.row, args[2]);  // also plans the conversion
    RowJsonPlan* plan = entry.row_json;
    bool any_change = false;
    Jsonb* diff = pg::pg_call(
        [&] { return row_to_audit_jsonb_changed(plan, after.row, before.row, &any_change); });
    if (!any_change) return;  // nothing but the stamp changed: nothing to record
    values[2] = before.id;
    values[4] = old_json;
    values[5] = JsonbPGetDatum(diff);
    values[6] = object_keys(diff);
    if (meta.is_active_attnum != InvalidAttrNumber && !before.is_active_null &&
        !after.is_active_null && before.is_active != after.is_active)
      operation = after.is_active ? "RESTORE" : "SOFT_DELETE";
    else
      operation = "UPDATE";
  }
  AuditLogWriter* writer = open_writer(args, nulls, 1);
  if (writer != nullptr) {
    EntryColumns row{values[2],
                     false,
                     operation,
                     value_nulls[4] == 'n' ? 0 : values[4],
                     value_nulls[5] == 'n' ? 0 : values[5],
                     value_nulls[6] == 'n' ? 0 : values[6]};
    append_audit_entry(writer, row);
    pg::pg_call([&] { close_audit_log_writer(writer); });
    return;
  }
  values[3] = pg::pg_call([&] { return CStringGetTextDatum(operation); });
  values[7] = args[3];
  value_nulls[7] = nulls[3];
  values[8] = args[4];
  values[9] = args[5];
  value_nulls[9] = nulls[5];
  pg::SpiSession spi;
  insert_one.execute(values, value_nulls, false);
}

SPIPlanPtr plan_for(AuditPlans& entry, Event event, const pg::RelationMeta& meta) {
  if (entry.plans[event] == nullptr) {
    entry.plans[event] =
        entry.kept.prepare(build_sql(event, meta), {audit_arg_types, audit_arg_types + 6});
  }
  return entry.plans[event];
}

}  // namespace
}  // namespace fitness::audit

// AFTER INSERT/UPDATE/DELETE ... REFERENCING ... FOR EACH STATEMENT, and AFTER TRUNCATE.
// Arguments: the columns to leave out of the log.
FITNESS_SQL_FUNCTION(fitness_audit_statement) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(
      fcinfo, "fitness.audit_statement",
      [](TriggerEvent e) -> bool { return TRIGGER_FIRED_AFTER(e) && !TRIGGER_FIRED_FOR_ROW(e); },
      "an AFTER ... FOR EACH STATEMENT");
  TriggerEvent tg_event = trigdata->tg_event;
  audit::Event event = TRIGGER_FIRED_BY_INSERT(tg_event)   ? audit::kInsert
                       : TRIGGER_FIRED_BY_UPDATE(tg_event) ? audit::kUpdate
                       : TRIGGER_FIRED_BY_DELETE(tg_event) ? audit::kDelete
                                                           : audit::kTruncate;
  Tuplestorestate* rows = event == audit::kDelete ? trigdata->tg_oldtable : trigdata->tg_newtable;
  if ((event != audit::kTruncate && rows == nullptr) ||
      (event == audit::kUpdate && trigdata->tg_oldtable == nullptr))
    throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                    "fitness.audit_statement() needs REFERENCING NEW TABLE AS fitness_audit_new / "
                    "OLD TABLE AS fitness_audit_old");
  if (event != audit::kTruncate && tuplestore_tuple_count(rows) == 0)
    return PointerGetDatum(nullptr);  // a statement that touched no row writes nothing

  Relation rel = trigdata->tg_relation;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
  // The log is written as its owner; rows of a table whose owner could define the types,
  // casts or output functions used on them must not be converted with those rights.
  if (!pg::pg_call([&] { return superuser_arg(meta.owner); }))
    throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE,
                    "audit: " + meta.schema_name + "." + meta.table_name +
                        " is not owned by a superuser; only such tables can be audited");
  if (event != audit::kTruncate && meta.id_attnum == InvalidAttrNumber)
    throw pg::Error(ERRCODE_FEATURE_NOT_SUPPORTED,
                    meta.schema_name + "." + meta.table_name + " has no id column to audit by");

  // Who and where, computed once per statement, before acting as the log's owner.
  auto identity = identity::current_identity();
  Trigger* trigger = trigdata->tg_trigger;
  int nexclude = trigger->tgnargs;
  char** exclude = trigger->tgargs;
  Datum args[6];
  char nulls[7] = "      ";
  const char* schema_name = meta.schema_name.c_str();
  const char* table_name = meta.table_name.c_str();
  pg::pg_call([&] {
    args[0] = CStringGetTextDatum(schema_name);
    args[1] = CStringGetTextDatum(table_name);
    Datum* elems = static_cast<Datum*>(palloc(sizeof(Datum) * (nexclude + 1)));
    for (int i = 0; i < nexclude; i++) elems[i] = CStringGetTextDatum(exclude[i]);
    args[2] = PointerGetDatum(construct_array(elems, nexclude, TEXTOID, -1, false, TYPALIGN_INT));
    args[4] = CStringGetTextDatum(
        GetUserNameFromId(GetOuterUserId(), false));  // the client's role (pg::client_role_name)
    const char* app = GetConfigOption("application_name", true, false);
    if (app != nullptr && *app != '\0')
      args[5] = CStringGetTextDatum(app);
    else
      nulls[5] = 'n';
  });
  if (identity)
    args[3] = identity->user.datum();
  else
    nulls[3] = 'n';

  auto owner = pg::ScopedOwnerSwitch::as_role(audit::audit_log_meta().owner);
  bool multi_row = rows != nullptr && tuplestore_tuple_count(rows) > 1;
  // The log writer runs no SQL: no SPI session (and its pinned search_path) unless the
  // statement needs the SQL path.
  if (event != audit::kTruncate && !multi_row) {
    audit::write_one_row(event, meta, rel, trigdata, args, nulls);
    return PointerGetDatum(nullptr);
  }
  if ((event == audit::kInsert || event == audit::kDelete) &&
      audit::write_rows_direct(event, meta, rel, rows, args, nulls))
    return PointerGetDatum(nullptr);
  if (event == audit::kUpdate && audit::write_updates_direct(meta, rel, trigdata, args, nulls))
    return PointerGetDatum(nullptr);
  pg::SpiSession spi;
  pg::pg_call([&] {
    if (SPI_register_trigger_data(trigdata) != SPI_OK_TD_REGISTER)
      elog(ERROR, "audit: SPI_register_trigger_data failed");
  });
  audit::write_audit_rows(event, meta, multi_row, args, nulls);
  return PointerGetDatum(nullptr);
}
