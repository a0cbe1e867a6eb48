// fitness.run_maintenance(): every managed parent, then the retention policies.
//
// The whole run is one transaction (a function cannot commit), so every lock it takes is
// held until it returns. The work is therefore ordered so that the strong locks come last
// and are held briefly: first, for every native parent, the new partitions are made and the
// default partition's rows moved into them (locks writers never wait for); then the
// pg_partman parents and the retention policies; last, parent by parent, the attaches and
// retirements, whose locks make writers (attach) or everyone (retire) wait until the end. Each step
// runs in a subtransaction: a table that cannot be locked within the maintenance lock timeout, or
// any other failure, undoes that step only, is reported, and is tried again next run. Two runs
// never overlap: the second returns at once with one row saying so.

#include "partition/internal.hpp"
#include "pg/args.hpp"
#include "pg/function.hpp"
#include "pg/spi.hpp"

namespace fitness::partition {
namespace {

void use_maintenance_lock_timeout() {
  std::string value = std::to_string(maintenance_lock_timeout_ms());
  const char* text = value.c_str();
  // Inside the SpiSession's GUC level: the caller's lock_timeout is back when it ends.
  pg::pg_call([&] {
    (void)set_config_option("lock_timeout", text, PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true,
                            0, false);
  });
}

bool take_run_lock() {
  static pg::KeptPlan plan(
      "SELECT pg_catalog.pg_try_advisory_xact_lock("
      "'fitness.partition_config'::pg_catalog.regclass::pg_catalog.oid::integer, 1)",
      {});
  plan.execute(nullptr, nullptr, false);
  bool isnull = false;
  return DatumGetBool(pg::spi_first_value(&isnull));
}

}  // namespace
}  // namespace fitness::partition

using namespace fitness;

// run_maintenance() RETURNS TABLE (parent regclass, action text, partition text)
FITNESS_SQL_FUNCTION(fitness_run_maintenance) {
  using partition::Action;
  pg::pg_call([&] { InitMaterializedSRF(fcinfo, 0); });
  auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  if (pg::pg_call([] { return RecoveryInProgress(); }))
    throw pg::Error(ERRCODE_READ_ONLY_SQL_TRANSACTION,
                    "fitness.run_maintenance() cannot run on a standby", {},
                    "Run it on the primary; its partitions reach the standbys with the WAL.");

  std::vector<Action> out;
  {
    pg::SpiSession spi;
    partition::MaintenanceRunScope running;
    partition::use_maintenance_lock_timeout();
    if (!partition::take_run_lock()) {
      out.push_back({InvalidOid, "skipped: another fitness.run_maintenance() is running", ""});
    } else {
      TimestampTz now = partition::maintenance_now();
      std::vector<partition::ManagedParent> parents = partition::managed_parents();
      std::vector<partition::NativeRun> runs;
      runs.reserve(parents.size());
      for (const partition::ManagedParent& p : parents)
        if (p.engine == "native") {
          runs.emplace_back(p, now);
          runs.back().prepare(out);
        }
      for (const partition::ManagedParent& p : parents)
        if (p.engine == "pg_partman") partition::run_pg_partman(p, out);
      partition::apply_retention_policies(now, out);
      for (std::size_t i = 0, r = 0; i < parents.size(); i++) {
        if (parents[i].engine != "native") continue;
        runs[r].finish(out);
        partition::record_outcome(parents[i].relid, runs[r].outcome());
        r++;
      }
    }
  }

  for (const Action& a : out) {
    Datum values[3];
    bool nulls[3] = {a.parent == InvalidOid, false, a.partition.empty()};
    values[0] = ObjectIdGetDatum(a.parent);
    values[1] = pg::text_datum(a.action);
    values[2] = a.partition.empty() ? static_cast<Datum>(0) : pg::text_datum(a.partition);
    pg::pg_call([&] { tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls); });
  }
  return static_cast<Datum>(0);
}
