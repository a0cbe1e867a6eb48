#include "audit/log_writer.hpp"

#include <cstring>

#include "common/uuid_v7.hpp"
#include "pg/load_steps.hpp"

namespace fitness::audit {

namespace {

constexpr int kBatch = 1000;  // entries per heap multi-insert

// Columns of platform.audit_log this writer fills; any other column (one a DBA added, with
// its default) sends the statement to the SQL path.
enum Column {
  kId,
  kOccurredAt,
  kTableSchema,
  kTableName,
  kRecordId,
  kOperation,
  kOldData,
  kNewData,
  kChangedColumns,
  kActorUserId,
  kDbRole,
  kApplicationName,
  kClientAddr,
  kTxid,
  kColumns
};
const char* const kColumnNames[kColumns] = {"id",
                                            "occurred_at",
                                            "table_schema",
                                            "table_name",
                                            "record_id",
                                            "operation",
                                            "old_data",
                                            "new_data",
                                            "changed_columns",
                                            "actor_user_id",
                                            "db_role",
                                            "application_name",
                                            "client_addr",
                                            "txid"};
// Their types as the extension creates them; a column retyped by a DBA (a domain, a
// varchar(n), numeric txid...) takes the SQL path, which applies the casts and checks.
const Oid kColumnTypes[kColumns] = {UUIDOID, TIMESTAMPTZOID, TEXTOID,  TEXTOID,      UUIDOID,
                                    TEXTOID, JSONBOID,       JSONBOID, TEXTARRAYOID, UUIDOID,
                                    TEXTOID, TEXTOID,        INETOID,  INT8OID};
// Columns an entry always fills; NOT NULL on any other one is checked (ExecConstraints).
const bool kAlwaysSet[kColumns] = {true,  true,  true,  true, false, true,  false,
                                   false, false, false, true, false, false, true};

// The log's own CHECK constraints. Entries built here satisfy them by construction
// (operation from a fixed list, record_id except for TRUNCATE, old/new data from the row
// converter, always objects), so they are not evaluated per statement; any other
// constraint is (ExecConstraints). The defaults of id, occurred_at and txid are what this
// writer fills in (a v7 id, now(), txid_current()); a DBA who changes them should turn the
// writer off (fitness.audit_log_writer).
const char* const kOwnChecks[] = {"audit_log_operation_allowed", "audit_log_record_id_required",
                                  "audit_log_old_data_object", "audit_log_new_data_object"};

bool writer_enabled = true;  // fitness.audit_log_writer

}  // namespace

FITNESS_LOAD_STEP(audit_log_writer_setting, pg::LoadPhase::kSettings) {
  pg::pg_call([] {
    DefineCustomBoolVariable(
        "fitness.audit_log_writer",
        "Audit entries are appended directly (heap inserts) rather than by SQL INSERTs.",
        "Off: every entry goes through an INSERT statement (slower; for comparison or "
        "diagnosis).",
        &writer_enabled, true, PGC_SUSET, 0, nullptr, nullptr, nullptr);
  });
}

struct AuditLogWriter {
  EState* estate;
  ResultRelInfo* leaf;     // the partition of now(): one for the whole statement
  TupleTableSlot** slots;  // capacity entries, made on first use
  pg_uuid_t* ids;
  int capacity;  // 1 for a one-row statement, else kBatch
  int buffered;
  AttrNumber attnum[kColumns];  // in the leaf's descriptor
  bool check_constraints;
  BulkInsertState bulk;
  CommandId cid;
  MemoryContext batch_context;
  StatementColumns shared;
  Datum occurred_at, txid, client_addr;
  bool client_addr_null;
};

namespace {

// inet_client_addr() of this session, computed once (the peer does not change).
void client_address(Datum* value, bool* is_null) {
  static bool known = false;
  static bool null_value = true;
  static Datum address = 0;
  if (!known) {
    LOCAL_FCINFO(fcinfo, 0);
    InitFunctionCallInfoData(*fcinfo, nullptr, 0, InvalidOid, nullptr, nullptr);
    Datum result = inet_client_addr(fcinfo);
    null_value = fcinfo->isnull;
    if (!null_value) address = datumCopy(result, false, -1);  // in TopMemoryContext, see caller
    known = true;
  }
  *value = address;
  *is_null = null_value;
}

bool has_insert_triggers(const TriggerDesc* triggers) {
  return triggers != nullptr &&
         (triggers->trig_insert_before_row || triggers->trig_insert_after_row ||
          triggers->trig_insert_instead_row || triggers->trig_insert_before_statement ||
          triggers->trig_insert_after_statement || triggers->trig_insert_new_table);
}

// Whether every constraint of the partition holds by construction (see kOwnChecks).
bool only_own_constraints(Relation rel, const AttrNumber* attnum) {
  TupleDesc desc = RelationGetDescr(rel);
  for (int c = 0; c < kColumns; c++)
    if (!kAlwaysSet[c] && TupleDescAttr(desc, attnum[c] - 1)->attnotnull) return false;
  TupleConstr* constr = desc->constr;
  if (constr == nullptr) return true;
  for (int i = 0; i < constr->num_check; i++) {
    bool own = false;
    for (const char* name : kOwnChecks) own = own || strcmp(constr->check[i].ccname, name) == 0;
    if (!own) return false;
  }
  return true;
}

// The attribute numbers of kColumnNames in desc, if every one is there with its type and
// no other live column exists (one with a default this writer would not fill).
bool map_columns(TupleDesc desc, AttrNumber* attnum) {
  int live = 0;
  for (int c = 0; c < kColumns; c++) attnum[c] = InvalidAttrNumber;
  for (int a = 0; a < desc->natts; a++) {
    Form_pg_attribute attr = TupleDescAttr(desc, a);
    if (attr->attisdropped) continue;
    live++;
    for (int c = 0; c < kColumns; c++)
      if (strcmp(NameStr(attr->attname), kColumnNames[c]) == 0 &&
          attr->atttypid == kColumnTypes[c] && attr->atttypmod == -1 && attr->attgenerated == '\0')
        attnum[c] = attr->attnum;
  }
  if (live != kColumns) return false;
  for (int c = 0; c < kColumns; c++)
    if (attnum[c] == InvalidAttrNumber) return false;
  return true;
}

void flush(AuditLogWriter* w) {
  if (w->buffered == 0) return;
  Relation rel = w->leaf->ri_RelationDesc;
  if (w->check_constraints)
    for (int i = 0; i < w->buffered; i++) ExecConstraints(w->leaf, w->slots[i], w->estate);
  if (w->buffered == 1)
    table_tuple_insert(rel, w->slots[0], w->cid, 0, nullptr);
  else
    table_multi_insert(rel, w->slots, w->buffered, w->cid, 0, w->bulk);
  if (w->leaf->ri_NumIndices > 0)
    for (int i = 0; i < w->buffered; i++) {
      ExecInsertIndexTuples(w->leaf, w->slots[i], w->estate, false, false, nullptr, NIL);
      ResetPerTupleExprContext(w->estate);
    }
  for (int i = 0; i < w->buffered; i++) ExecClearTuple(w->slots[i]);
  w->buffered = 0;
  MemoryContextReset(w->batch_context);
}

void release(AuditLogWriter* w) {
  if (w->bulk != nullptr) FreeBulkInsertState(w->bulk);
  ExecResetTupleTable(w->estate->es_tupleTable, false);  // slots first: they hold descriptors
  ExecCloseResultRelations(w->estate);                   // the partition's indexes
  ExecCloseRangeTableRelations(w->estate);
  FreeExecutorState(w->estate);
}

// The partition of platform.audit_log that a row stamped `occurred_at` belongs in, found as
// the executor's tuple routing would (range bounds of the parent's partition descriptor);
// InvalidOid when the parent is not range-partitioned by
// occurred_at alone, or no range partition takes the row (the SQL path then routes it to
// the default partition, or reports that none takes it).
Oid partition_for(Relation root, AttrNumber occurred_at_attnum, Datum occurred_at) {
  PartitionKey key = RelationGetPartitionKey(root);
  if (key == nullptr || key->strategy != PARTITION_STRATEGY_RANGE || key->partnatts != 1 ||
      key->partattrs[0] != occurred_at_attnum)
    return InvalidOid;
  PartitionDesc partitions =
      RelationGetPartitionDesc(root, !IsolationUsesXactSnapshot());  // as the executor
  PartitionBoundInfo bounds = partitions->boundinfo;
  if (bounds == nullptr) return InvalidOid;
  int index = -1;
  if (bounds->ndatums > 0) {
    bool equal = false;
    int offset = partition_range_datum_bsearch(key->partsupfunc, key->partcollation, bounds, 1,
                                               &occurred_at, &equal);
    index = bounds->indexes[offset + 1];  // bound at offset <= value: offset + 1 is the upper bound
  }
  // The default partition is left to the SQL path: routing rechecks its constraint there,
  // because a partition attached concurrently may now be where the row belongs.
  return index < 0 ? InvalidOid : partitions->oids[index];
}

}  // namespace

AuditLogWriter* open_audit_log_writer(Oid audit_log, const StatementColumns& shared, int64 rows) {
  if (!writer_enabled) return nullptr;
  // The locks an INSERT would take (parent, then the partition), before anything about the
  // tables is looked at: taking them also reads pending invalidations, so the checks below
  // see the current definitions.
  LockRelationOid(audit_log, RowExclusiveLock);
  Relation root = relation_open(audit_log, NoLock);
  TupleDesc root_desc = RelationGetDescr(root);
  AttrNumber root_attnum[kColumns] = {};
  Datum occurred_at = TimestampTzGetDatum(GetCurrentTransactionStartTimestamp());
  bool usable = root->rd_rel->relkind == RELKIND_PARTITIONED_TABLE &&
                map_columns(root_desc, root_attnum) && !has_insert_triggers(root->trigdesc) &&
                !root->rd_rel->relhasrules &&
                !(root->rd_rel->relrowsecurity && root->rd_rel->relforcerowsecurity);
  Oid leaf = usable ? partition_for(root, root_attnum[kOccurredAt], occurred_at) : InvalidOid;
  relation_close(root, NoLock);
  if (leaf == InvalidOid) return nullptr;
  LockRelationOid(leaf, RowExclusiveLock);
  if (get_rel_relkind(leaf) != RELKIND_RELATION) return nullptr;  // sub-partitioned or foreign

  EState* estate = CreateExecutorState();
  MemoryContext previous = MemoryContextSwitchTo(estate->es_query_cxt);
  auto* w = static_cast<AuditLogWriter*>(palloc0(sizeof(AuditLogWriter)));
  w->estate = estate;
  w->shared = shared;
  w->occurred_at = occurred_at;
  RangeTblEntry* rte = makeNode(RangeTblEntry);
  rte->rtekind = RTE_RELATION;
  rte->relid = leaf;
  rte->relkind = RELKIND_RELATION;
  rte->rellockmode = RowExclusiveLock;
  rte->requiredPerms = ACL_INSERT;
  ExecInitRangeTable(estate, list_make1(rte));
  w->leaf = makeNode(ResultRelInfo);
  ExecInitResultRelation(estate, w->leaf, 1);
  Relation leaf_rel = w->leaf->ri_RelationDesc;
  usable = !has_insert_triggers(leaf_rel->trigdesc) && !leaf_rel->rd_rel->relhasrules &&
           map_columns(RelationGetDescr(leaf_rel), w->attnum);
  if (!usable) {
    release(w);
    MemoryContextSwitchTo(previous);
    return nullptr;
  }
  // The row is known to fit the partition (its bounds chose it): no partition check, as for
  // a routed row.
  w->check_constraints = !only_own_constraints(leaf_rel, w->attnum);
  if (leaf_rel->rd_rel->relhasindex) ExecOpenIndices(w->leaf, false);

  w->capacity = rows > 1 ? kBatch : 1;
  w->slots = static_cast<TupleTableSlot**>(palloc0(sizeof(TupleTableSlot*) * w->capacity));
  w->ids = static_cast<pg_uuid_t*>(palloc(sizeof(pg_uuid_t) * w->capacity));
  w->cid = GetCurrentCommandId(true);
  estate->es_output_cid = w->cid;
  w->txid = Int64GetDatum(static_cast<int64>(U64FromFullTransactionId(GetTopFullTransactionId())));
  {
    MemoryContext top = MemoryContextSwitchTo(TopMemoryContext);
    client_address(&w->client_addr, &w->client_addr_null);
    MemoryContextSwitchTo(top);
  }
  w->batch_context =
      AllocSetContextCreate(estate->es_query_cxt, "fitness audit batch", ALLOCSET_DEFAULT_SIZES);
  MemoryContextSwitchTo(previous);
  return w;
}

MemoryContext audit_log_batch_context(AuditLogWriter* writer) { return writer->batch_context; }

void append_audit_entry(AuditLogWriter* w, const EntryColumns& entry) {
  int n = w->buffered;
  uuid_v7_generate(&w->ids[n]);  // C++ (may throw): outside pg_call
  pg::pg_call([&] {
    if (w->slots[n] == nullptr) {
      MemoryContext previous = MemoryContextSwitchTo(w->estate->es_query_cxt);
      w->slots[n] = table_slot_create(w->leaf->ri_RelationDesc, &w->estate->es_tupleTable);
      if (n > 0 && w->bulk == nullptr) {
        // Kept for its pinned target page, without the bulk-write ring: with the ring, a
        // large statement's entries recycle 16 MB of buffers, so the backend writes them out
        // itself (flushing WAL up to each page first) while the audited INSERT beside it uses
        // shared buffers as usual. Entries go where the audited rows go.
        w->bulk = GetBulkInsertState();
        FreeAccessStrategy(w->bulk->strategy);
        w->bulk->strategy = nullptr;
      }
      MemoryContextSwitchTo(previous);
    }
    TupleTableSlot* slot = w->slots[n];
    ExecClearTuple(slot);
    Datum* values = slot->tts_values;
    bool* nulls = slot->tts_isnull;
    int natts = slot->tts_tupleDescriptor->natts;
    for (int a = 0; a < natts; a++) nulls[a] = true;  // dropped columns stay NULL
    auto set = [&](Column column, Datum value, bool is_null) {
      values[w->attnum[column] - 1] = value;
      nulls[w->attnum[column] - 1] = is_null;
    };
    set(kId, UUIDPGetDatum(&w->ids[n]), false);
    set(kOccurredAt, w->occurred_at, false);
    set(kTableSchema, w->shared.table_schema, false);
    set(kTableName, w->shared.table_name, false);
    set(kRecordId, entry.record_id, entry.record_id_null);
    MemoryContext previous = MemoryContextSwitchTo(w->batch_context);
    set(kOperation, CStringGetTextDatum(entry.operation), false);
    MemoryContextSwitchTo(previous);
    set(kOldData, entry.old_data, entry.old_data == 0);
    set(kNewData, entry.new_data, entry.new_data == 0);
    set(kChangedColumns, entry.changed_columns, entry.changed_columns == 0);
    set(kActorUserId, w->shared.actor_user_id, w->shared.actor_null);
    set(kDbRole, w->shared.db_role, false);
    set(kApplicationName, w->shared.application_name, w->shared.application_name_null);
    set(kClientAddr, w->client_addr, w->client_addr_null);
    set(kTxid, w->txid, false);
    ExecStoreVirtualTuple(slot);
    w->buffered++;
    if (w->buffered == w->capacity) flush(w);
  });
}

void close_audit_log_writer(AuditLogWriter* writer) {
  flush(writer);
  release(writer);
}

}  // namespace fitness::audit
