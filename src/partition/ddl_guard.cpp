// The audit log's partitions stay attached: an event trigger at the start of DROP TABLE and
// ALTER TABLE refuses to drop the log, drop one of its partitions or detach one, for every
// role, superusers included, unless fitness.run_maintenance() is retiring that partition.
// (A superuser can still switch the event trigger off; audit.sql's watch records that.)

#include "partition/internal.hpp"
#include "pg/function.hpp"

namespace fitness::partition {
namespace {

[[noreturn]] void refuse(const std::string& what) {
  throw pg::Error(
      ERRCODE_INSUFFICIENT_PRIVILEGE, what + ": the audit log is append-only",
      "DROP TABLE and DETACH PARTITION of platform.audit_log and its partitions are refused for "
      "every role, superusers included",
      "Old months leave through retention: set it with "
      "fitness.manage_partitions('platform.audit_log', "
      "interval '1 month', retention => ...) or the audit.retention_months setting, and "
      "fitness.run_maintenance() retires them and records it (audit.partition_retired in "
      "platform.system_event).");
}

bool partition_of(Oid relid, Oid parent) {
  return pg::pg_call(
      [&] { return get_rel_relispartition(relid) && get_partition_parent(relid, true) == parent; });
}

Oid resolve(RangeVar* rv) {
  return pg::pg_call([&] { return RangeVarGetRelid(rv, NoLock, true); });
}

}  // namespace
}  // namespace fitness::partition

using namespace fitness;

FITNESS_SQL_FUNCTION(fitness_partition_ddl_guard) {
  using namespace fitness::partition;
  if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
    throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                    "fitness.partition_ddl_guard() is an event trigger function");
  auto* data = reinterpret_cast<EventTriggerData*>(fcinfo->context);
  Oid audit_log = audit_log_oid();
  if (audit_log == InvalidOid) return static_cast<Datum>(0);
  Node* tree = data->parsetree;
  if (IsA(tree, DropStmt)) {
    auto* drop = reinterpret_cast<DropStmt*>(tree);
    if (drop->removeType != OBJECT_TABLE) return static_cast<Datum>(0);
    ListCell* cell = nullptr;
    foreach (cell, drop->objects) {
      List* names = static_cast<List*>(lfirst(cell));
      RangeVar* rv = pg::pg_call([&] { return makeRangeVarFromNameList(names); });
      Oid relid = resolve(rv);
      if (relid == InvalidOid) continue;
      if (relid == audit_log) refuse("DROP TABLE platform.audit_log");
      if (partition_of(relid, audit_log) && !retiring(relid))
        refuse("DROP TABLE of audit log partition " +
               std::string(pg::pg_call([&] { return get_rel_name(relid); })));
    }
  } else if (IsA(tree, AlterTableStmt)) {
    auto* alter = reinterpret_cast<AlterTableStmt*>(tree);
    if (alter->relation == nullptr || resolve(alter->relation) != audit_log)
      return static_cast<Datum>(0);
    ListCell* cell = nullptr;
    foreach (cell, alter->cmds) {
      auto* cmd = static_cast<AlterTableCmd*>(lfirst(cell));
      if (cmd->subtype != AT_DetachPartition && cmd->subtype != AT_DetachPartitionFinalize)
        continue;
      auto* partition_cmd = reinterpret_cast<PartitionCmd*>(cmd->def);
      Oid partition = resolve(partition_cmd->name);
      if (!retiring(partition))
        refuse("DETACH PARTITION " + std::string(partition_cmd->name->relname));
    }
  }
  return static_cast<Datum>(0);
}

// partition_maintenance_active() RETURNS boolean
FITNESS_SQL_FUNCTION(fitness_partition_maintenance_active) {
  (void)fcinfo;
  PG_RETURN_BOOL(partition::maintenance_running());
}
