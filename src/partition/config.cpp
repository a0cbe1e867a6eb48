// The registrations fitness.run_maintenance() works through, its settings, and the scopes
// in which the audit log's guards let maintenance move rows and retire partitions.

#include "partition/internal.hpp"
#include "pg/args.hpp"
#include "pg/load_steps.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"

namespace fitness::partition {
namespace {

char* maintenance_now_setting = nullptr;
int maintenance_lock_timeout = 500;
int batch_size = 10000;
int batches_per_run = 100;

Oid retiring_relid = InvalidOid;
bool running = false;

}  // namespace

std::vector<ManagedParent> managed_parents() {
  // Effective values: an explicit premake or retention, else the platform setting named
  // (the built-in logs follow audit.* and system_event.* settings as a DBA changes them).
  static pg::KeptPlan plan(
      "SELECT c.parent::oid, c.parent::text, c.partition_interval,"
      "       coalesce(c.premake, (ps.value #>> '{}')::integer, 0),"
      "       coalesce(c.retention, c.partition_interval * (rs.value #>> '{}')::integer),"
      "       c.retention_mode = 'drop', c.engine, c.last_maintenance_at, c.last_outcome"
      "  FROM fitness.partition_config c"
      "  LEFT JOIN platform.system_setting ps ON ps.key = c.premake_setting AND ps.is_active"
      "  LEFT JOIN platform.system_setting rs ON rs.key = c.retention_setting AND rs.is_active"
      " ORDER BY c.parent::text",
      {});
  std::uint64_t rows = plan.execute(nullptr, nullptr, true);
  std::vector<ManagedParent> parents;
  for (std::uint64_t i = 0; i < rows; i++) {
    ManagedParent p;
    bool retention_null = true;
    const char* name = nullptr;
    const char* engine = nullptr;
    const char* last_outcome = nullptr;
    TimestampTz last_at = 0;
    pg::pg_call([&] {
      HeapTuple row = SPI_tuptable->vals[i];
      TupleDesc desc = SPI_tuptable->tupdesc;
      bool isnull = false;
      p.relid = DatumGetObjectId(SPI_getbinval(row, desc, 1, &isnull));
      name = SPI_getvalue(row, desc, 2);
      p.interval = *DatumGetIntervalP(SPI_getbinval(row, desc, 3, &isnull));
      p.premake = DatumGetInt32(SPI_getbinval(row, desc, 4, &isnull));
      Datum retention = SPI_getbinval(row, desc, 5, &retention_null);
      if (!retention_null) p.retention = *DatumGetIntervalP(retention);
      p.drop = DatumGetBool(SPI_getbinval(row, desc, 6, &isnull));
      engine = SPI_getvalue(row, desc, 7);
      bool last_null = false;
      Datum last = SPI_getbinval(row, desc, 8, &last_null);
      if (!last_null) last_at = DatumGetTimestampTz(last);
      last_outcome = SPI_getvalue(row, desc, 9);
    });
    p.name = name;
    p.engine = engine;
    if (last_at != 0) p.last_maintenance_at = last_at;
    if (last_outcome != nullptr) p.last_outcome = last_outcome;
    parents.push_back(std::move(p));
  }
  return parents;
}

TimestampTz maintenance_now() {
  if (maintenance_now_setting == nullptr || maintenance_now_setting[0] == '\0')
    return pg::pg_call([] { return GetCurrentTransactionStartTimestamp(); });
  const char* text = maintenance_now_setting;
  return pg::pg_call([&] {
    return DatumGetTimestampTz(DirectFunctionCall3(
        timestamptz_in, CStringGetDatum(text), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
  });
}

int maintenance_lock_timeout_ms() {
  return LockTimeout > 0 ? LockTimeout : maintenance_lock_timeout;
}
int retention_batch_size() { return batch_size; }
int retention_batches_per_run() { return batches_per_run; }

void record_outcome(Oid relid, const std::string& outcome) {
  static pg::KeptPlan plan(
      "UPDATE fitness.partition_config SET last_maintenance_at = pg_catalog.clock_timestamp(),"
      " last_outcome = $2 WHERE parent = $1",
      {REGCLASSOID, TEXTOID});
  Datum args[2] = {ObjectIdGetDatum(relid), pg::text_datum(outcome)};
  // fitness_admin reads the registrations; the outcome is written as their owner.
  pg::ScopedOwnerSwitch owner(pg::relation_oid("fitness", "partition_config"));
  plan.execute(args, nullptr, false);
}

RetiringScope::RetiringScope(Oid partition) : previous_(retiring_relid) {
  retiring_relid = partition;
}
RetiringScope::~RetiringScope() { retiring_relid = previous_; }
bool retiring(Oid partition) noexcept {
  return partition != InvalidOid && partition == retiring_relid;
}
MaintenanceRunScope::MaintenanceRunScope() noexcept : previous_(running) { running = true; }
MaintenanceRunScope::~MaintenanceRunScope() { running = previous_; }
bool maintenance_running() noexcept { return running; }

Oid audit_log_oid() {
  return pg::pg_call([] {
    Oid nsp = get_namespace_oid("platform", true);
    return OidIsValid(nsp) ? get_relname_relid("audit_log", nsp) : InvalidOid;
  });
}

FITNESS_LOAD_STEP(partition_settings, pg::LoadPhase::kSettings) {
  pg::pg_call([] {
    // Superusers only: a later "now" makes retention retire partitions early.
    DefineCustomStringVariable(
        "fitness.maintenance_now",
        "The moment fitness.run_maintenance() works for (empty: the transaction's start).",
        "For tests that cross months and days without waiting.", &maintenance_now_setting, "",
        PGC_SUSET, 0, nullptr, nullptr, nullptr);
    DefineCustomIntVariable(
        "fitness.maintenance_lock_timeout",
        "How long fitness.run_maintenance() waits for a table lock when lock_timeout is 0.",
        "A table it cannot lock in time is skipped and reported, and tried again next run.",
        &maintenance_lock_timeout, 500, 1, 600000, PGC_SUSET, GUC_UNIT_MS, nullptr, nullptr,
        nullptr);
    DefineCustomIntVariable(
        "fitness.retention_batch_size", "Rows one retention_policy batch deletes or anonymizes.",
        nullptr, &batch_size, 10000, 1, 10000000, PGC_SUSET, 0, nullptr, nullptr, nullptr);
    DefineCustomIntVariable("fitness.retention_batches_per_run",
                            "Batches fitness.run_maintenance() applies per retention policy.",
                            "The rest waits for the next run.", &batches_per_run, 100, 1, 100000,
                            PGC_SUSET, 0, nullptr, nullptr, nullptr);
  });
}

}  // namespace fitness::partition
