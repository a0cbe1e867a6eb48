#include "softdelete/transparent.hpp"

extern "C" {
#include "pg/function.hpp"
#include "pg/load_steps.hpp"
}

// Plain C style on purpose: these functions run inside PostgreSQL's executor and are left
// by ereport (longjmp), so they hold no C++ object with a destructor.

namespace fitness::softdelete {
namespace {

bool transparent = false;
ExecutorRun_hook_type previous_run = nullptr;
ExecutorFinish_hook_type previous_finish = nullptr;

struct CapturedRow {
  Oid relid;
  HeapTuple tuple;
};

// One per running executor, innermost first. A frame whose query is NULL is a barrier: the
// executor running is not a top-level DELETE (a SELECT calling a function, a cascade's
// UPDATE, ...), so rows its triggers soft-delete belong to no DELETE's count.
struct DeleteFrame {
  DeleteFrame* outer;
  QueryDesc* query;
  Oid* targets;  // result relations of the DELETE (a partitioned table's leaves)
  int ntargets;
  uint64 soft_deleted;
  bool returning;
  bool returning_other_tables;  // RETURNING reads other relations: not projectable here
  List* rows;                   // CapturedRow*, in the query's memory
};
DeleteFrame* innermost = nullptr;

// Wraps the DELETE's receiver: before it shuts down, the soft-deleted rows are projected
// through the RETURNING list and sent, after the rows the statement deleted for real.
struct ReturningReceiver {
  DestReceiver pub;
  DestReceiver* inner;
  DeleteFrame* frame;
};

bool receive_slot(TupleTableSlot* slot, DestReceiver* self) {
  DestReceiver* inner = reinterpret_cast<ReturningReceiver*>(self)->inner;
  return inner->receiveSlot(slot, inner);
}

void startup(DestReceiver* self, int operation, TupleDesc desc) {
  DestReceiver* inner = reinterpret_cast<ReturningReceiver*>(self)->inner;
  inner->rStartup(inner, operation, desc);
}

void send_soft_deleted_rows(ReturningReceiver* receiver) {
  DeleteFrame* frame = receiver->frame;
  if (frame->rows == NIL) return;
  auto* table_state = reinterpret_cast<ModifyTableState*>(frame->query->planstate);
  EState* estate = frame->query->estate;
  ListCell* cell;
  foreach (cell, frame->rows) {
    auto* row = static_cast<CapturedRow*>(lfirst(cell));
    ResultRelInfo* result_rel = ExecLookupResultRelByOid(table_state, row->relid, false, true);
    ProjectionInfo* projection = result_rel->ri_projectReturning;
    if (projection == nullptr) continue;
    TupleTableSlot* slot = ExecGetReturningSlot(estate, result_rel);
    ExecForceStoreHeapTuple(row->tuple, slot, false);
    slot->tts_tableOid = row->relid;
    ExprContext* econtext = projection->pi_exprContext;
    ResetExprContext(econtext);
    econtext->ecxt_scantuple = slot;
    TupleTableSlot* out = ExecProject(projection);
    if (!receiver->inner->receiveSlot(out, receiver->inner)) break;  // receiver wants no more
  }
}

void shutdown(DestReceiver* self) {
  auto* receiver = reinterpret_cast<ReturningReceiver*>(self);
  send_soft_deleted_rows(receiver);
  receiver->inner->rShutdown(receiver->inner);
}

void destroy(DestReceiver*) {}  // the inner receiver belongs to the caller

bool references_other_tables(Node* node, void* context) {
  if (node == nullptr) return false;
  if (IsA(node, Var)) return reinterpret_cast<Var*>(node)->varno == OUTER_VAR;
  // PostgreSQL 15 declares the walker as bool (*)(): the usual C cast, through void*.
  return expression_tree_walker(
      node, reinterpret_cast<bool (*)()>(reinterpret_cast<void*>(references_other_tables)),
      context);
}

// Fills frame for a top-level DELETE (its ModifyTable sets the command's row count).
bool describe_delete(QueryDesc* query, DeleteFrame* frame) {
  if (query->operation != CMD_DELETE || query->planstate == nullptr ||
      !IsA(query->plannedstmt->planTree, ModifyTable) || !IsA(query->planstate, ModifyTableState))
    return false;
  auto* table = reinterpret_cast<ModifyTable*>(query->plannedstmt->planTree);
  if (!table->canSetTag) return false;
  frame->query = query;
  frame->ntargets = list_length(table->resultRelations);
  frame->targets = static_cast<Oid*>(
      MemoryContextAlloc(query->estate->es_query_cxt, sizeof(Oid) * (frame->ntargets + 1)));
  int i = 0;
  ListCell* cell;
  foreach (cell, table->resultRelations)
    frame->targets[i++] = rt_fetch(lfirst_int(cell), query->plannedstmt->rtable)->relid;
  frame->returning = query->plannedstmt->hasReturning && table->returningLists != NIL;
  frame->returning_other_tables =
      frame->returning &&
      references_other_tables(reinterpret_cast<Node*>(table->returningLists), nullptr);
  return true;
}

void transparent_run(QueryDesc* query, ScanDirection direction, uint64 count, bool execute_once) {
  DeleteFrame frame;
  memset(&frame, 0, sizeof(frame));
  frame.outer = innermost;
  DestReceiver* original_dest = query->dest;
  ReturningReceiver receiver;
  memset(&receiver, 0, sizeof(receiver));
  if (describe_delete(query, &frame) && frame.returning) {
    receiver.pub.receiveSlot = receive_slot;
    receiver.pub.rStartup = startup;
    receiver.pub.rShutdown = shutdown;
    receiver.pub.rDestroy = destroy;
    receiver.pub.mydest = original_dest->mydest;  // SPI tells its own receiver by this
    receiver.inner = original_dest;
    receiver.frame = &frame;
    query->dest = &receiver.pub;
  }
  innermost = &frame;
  PG_TRY();
  {
    if (previous_run != nullptr)
      previous_run(query, direction, count, execute_once);
    else
      standard_ExecutorRun(query, direction, count, execute_once);
  }
  PG_FINALLY();
  {
    innermost = frame.outer;
    query->dest = original_dest;
  }
  PG_END_TRY();
  if (frame.query != nullptr) query->estate->es_processed += frame.soft_deleted;
}

// ExecutorFinish runs AFTER triggers and data-modifying WITH queries the main query did not
// read: a barrier, so that what their DELETEs keep is not counted for an outer DELETE.
void transparent_finish(QueryDesc* query) {
  DeleteFrame frame;
  memset(&frame, 0, sizeof(frame));
  frame.outer = innermost;
  innermost = &frame;
  PG_TRY();
  {
    if (previous_finish != nullptr)
      previous_finish(query);
    else
      standard_ExecutorFinish(query);
  }
  PG_FINALLY();
  { innermost = frame.outer; }
  PG_END_TRY();
}

}  // namespace

FITNESS_LOAD_STEP(transparent_delete, pg::LoadPhase::kHooks) {
  // session_ and local_preload_libraries are loaded while the backend initialises
  // (InitPostgres), before normal processing starts; a library loaded on first use of one of
  // its functions, by planning or by LOAD, is loaded in normal processing.
  // shared_preload_libraries loads in the postmaster, whose hooks every backend inherits.
  transparent = process_shared_preload_libraries_in_progress ||
                (IsUnderPostmaster && GetProcessingMode() == InitProcessing && !IsParallelWorker());
  if (!transparent) return;
  previous_run = ExecutorRun_hook;
  ExecutorRun_hook = transparent_run;
  previous_finish = ExecutorFinish_hook;
  ExecutorFinish_hook = transparent_finish;
}

bool transparent_delete_active() noexcept { return transparent; }

void note_soft_deleted_row(Relation rel, HeapTuple old_row) {
  DeleteFrame* frame = innermost;
  if (!transparent || frame == nullptr || frame->query == nullptr) return;
  Oid relid = RelationGetRelid(rel);
  bool target = false;
  for (int i = 0; i < frame->ntargets && !target; i++) target = frame->targets[i] == relid;
  if (!target) return;  // e.g. a row of a CTE's DELETE: not the command's own count
  frame->soft_deleted++;
  if (!frame->returning) return;
  if (frame->returning_other_tables)
    ereport(
        ERROR,
        (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
         errmsg("DELETE ... RETURNING on soft-delete table \"%s\" can return only that table's "
                "columns",
                RelationGetRelationName(rel)),
         errdetail("The row is kept (soft delete), and RETURNING here reads other tables of the "
                   "statement."),
         errhint(
             "Return the deleted table's columns only, and join the others in a second query.")));
  MemoryContext previous = MemoryContextSwitchTo(frame->query->estate->es_query_cxt);
  auto* row = static_cast<CapturedRow*>(palloc(sizeof(CapturedRow)));
  row->relid = relid;
  row->tuple = heap_copytuple(old_row);
  frame->rows = lappend(frame->rows, row);
  MemoryContextSwitchTo(previous);
}

}  // namespace fitness::softdelete

// soft_delete_mode() RETURNS text: 'transparent' or 'trigger', for this session.
FITNESS_SQL_FUNCTION(fitness_soft_delete_mode) {
  (void)fcinfo;
  const char* mode = fitness::softdelete::transparent_delete_active() ? "transparent" : "trigger";
  return fitness::pg::pg_call([&] { return PointerGetDatum(cstring_to_text(mode)); });
}
