// fitness.manage_partitions(): registering a parent, and the pg_partman engine.
//
// With engine 'pg_partman' the parent is handed to pg_partman (create_parent, called with
// named arguments so that a later version's reordering cannot shift them) and its
// part_config is set so that quiet tables still get partitions ahead
// (infinite_time_partitions) and retention follows ours; run_maintenance then calls
// pg_partman's run_maintenance for it and reports what changed. Nothing of pg_partman's is
// created by CREATE EXTENSION fitness: only a DBA's call does it.

#include <set>

#include "partition/internal.hpp"
#include "pg/args.hpp"
#include "pg/function.hpp"
#include "pg/relation_plans.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/subtransaction.hpp"

namespace fitness::partition {
namespace {

std::string plain_name(const ParentShape& shape) { return shape.schema + "." + shape.table; }

std::set<std::string> partition_names(Oid relid) {
  std::set<std::string> names;
  ParentShape shape = read_parent(relid);
  for (const PartitionRange& p : shape.partitions) names.insert(shape.schema + "." + p.name);
  return names;
}

void hand_to_pg_partman(const ParentShape& shape, const std::string& schema,
                        const Interval& interval, int premake,
                        const std::optional<Interval>& retention, bool keep_table) {
  if (!shape.partitions.empty() || shape.default_relid != InvalidOid)
    throw pg::Error(
        ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
        shape.qualified + " already has partitions; pg_partman makes its own", {},
        "Register an empty parent with engine => 'pg_partman', or keep the native engine.");
  std::string partman = pg::quoted_identifier(schema);
  std::string version = [&] {
    execute_ddl("SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'pg_partman'",
                SPI_OK_SELECT);
    return std::string(
        pg::pg_call([] { return SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1); }));
  }();
  // pg_partman 4 names native range partitioning 'native', 5 names it 'range'.
  const char* type = version.rfind("4.", 0) == 0 ? "native" : "range";
  std::string name = plain_name(shape);
  std::string sql = "SELECT " + partman +
                    ".create_parent(p_parent_table => $1, p_control => $2, p_type => $3," +
                    " p_interval => $4, p_premake => $5" +
                    (version.rfind("4.", 0) == 0 ? ", p_jobmon => false" : "") + ")";
  Oid types[5] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, INT4OID};
  Datum args[5] = {pg::text_datum(name), pg::text_datum(shape.key_name), pg::text_datum(type),
                   pg::text_datum(interval_text(interval)), Int32GetDatum(premake)};
  const char* text = sql.c_str();
  pg::pg_call([&] {
    if (SPI_execute_with_args(text, 5, types, args, nullptr, false, 0) != SPI_OK_SELECT)
      elog(ERROR, "pg_partman create_parent failed");
  });
  std::string update = "UPDATE " + partman +
                       ".part_config SET infinite_time_partitions = true, retention = $2,"
                       " retention_keep_table = $3 WHERE parent_table = $1";
  Oid utypes[3] = {TEXTOID, TEXTOID, BOOLOID};
  Datum uargs[3] = {pg::text_datum(name),
                    retention ? pg::text_datum(interval_text(*retention)) : static_cast<Datum>(0),
                    BoolGetDatum(keep_table)};
  char unulls[3] = {' ', retention ? ' ' : 'n', ' '};
  const char* utext = update.c_str();
  pg::pg_call([&] {
    if (SPI_execute_with_args(utext, 3, utypes, uargs, unulls, false, 0) != SPI_OK_UPDATE)
      elog(ERROR, "pg_partman part_config update failed");
  });
}

}  // namespace

std::optional<std::string> pg_partman_schema() {
  static pg::KeptPlan plan(
      "SELECT n.nspname::text FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n"
      " ON n.oid = e.extnamespace WHERE e.extname = 'pg_partman'",
      {});
  if (plan.execute(nullptr, nullptr, true) == 0) return std::nullopt;
  return std::string(
      pg::pg_call([] { return SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1); }));
}

void pg_partman_missing(const std::string& parent) {
  throw pg::Error(ERRCODE_FEATURE_NOT_SUPPORTED,
                  "engine pg_partman for " + parent +
                      " needs the pg_partman extension, which is not installed in this database",
                  {},
                  "Install the package (Debian: apt-get install postgresql-15-partman), then run"
                  " CREATE SCHEMA partman; CREATE EXTENSION pg_partman SCHEMA partman;");
}

void run_pg_partman(const ManagedParent& config, std::vector<Action>& out) {
  std::string outcome;
  std::optional<std::string> schema = pg_partman_schema();
  if (!schema) {
    outcome = "failed: pg_partman is not installed in this database";
    out.push_back({config.relid, outcome, ""});
  } else if (!parent_exists(config.relid)) {
    outcome =
        "skipped: the registered parent no longer exists (delete its row from "
        "fitness.partition_config)";
    out.push_back({config.relid, outcome, ""});
  } else {
    try {
      pg::SubTransaction sub;
      ParentShape shape = read_parent(config.relid);
      std::set<std::string> before = partition_names(config.relid);
      {
        auto owner = pg::ScopedOwnerSwitch::as_role(shape.owner);
        std::string sql = "SELECT " + pg::quoted_identifier(*schema) +
                          ".run_maintenance(p_parent_table => $1, p_jobmon => false)";
        Oid types[1] = {TEXTOID};
        Datum args[1] = {pg::text_datum(shape.schema + "." + shape.table)};
        const char* text = sql.c_str();
        pg::pg_call([&] {
          if (SPI_execute_with_args(text, 1, types, args, nullptr, false, 0) != SPI_OK_SELECT)
            elog(ERROR, "pg_partman run_maintenance failed");
        });
      }
      std::set<std::string> after = partition_names(config.relid);
      int actions = 0;
      for (const std::string& name : after)
        if (before.count(name) == 0) {
          out.push_back({config.relid, "created (pg_partman)", name});
          actions++;
        }
      for (const std::string& name : before)
        if (after.count(name) == 0) {
          out.push_back({config.relid, "retired (pg_partman)", name});
          actions++;
        }
      sub.commit();
      outcome = "ok (" + std::to_string(actions) + (actions == 1 ? " action" : " actions") +
                ", pg_partman)";
    } catch (const std::exception& e) {
      outcome = (is_busy_error(e) ? "skipped: " : "failed: ") + failure_text(e);
      out.push_back({config.relid, outcome, ""});
    }
  }
  record_outcome(config.relid, outcome);
}

}  // namespace fitness::partition

using namespace fitness;

// manage_partitions(parent regclass, partition_interval interval, premake integer DEFAULT 4,
//                   retention interval DEFAULT NULL, engine text DEFAULT 'native',
//                   retention_mode text DEFAULT 'detach') RETURNS void
FITNESS_SQL_FUNCTION(fitness_manage_partitions) {
  using namespace fitness::partition;
  const char* required[] = {"parent", "partition_interval", "premake", nullptr,
                            "engine", "retention_mode"};
  for (int i = 0; i < 6; i++)
    if (required[i] != nullptr && PG_ARGISNULL(i))
      throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED,
                      std::string("manage_partitions: ") + required[i] + " is required");
  Oid relid = PG_GETARG_OID(0);
  Interval interval = *PG_GETARG_INTERVAL_P(1);
  int premake = PG_GETARG_INT32(2);
  std::optional<Interval> retention;
  if (!PG_ARGISNULL(3)) retention = *PG_GETARG_INTERVAL_P(3);
  std::string engine = pg::text_arg(fcinfo, 4);
  std::string mode = pg::text_arg(fcinfo, 5);
  if (engine != "native" && engine != "pg_partman")
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    "engine \"" + engine + "\" is not native or pg_partman");
  if (mode != "drop" && mode != "detach")
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    "retention_mode \"" + mode + "\" is not drop or detach");
  if (premake < 0 || premake > 1000)
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    "premake " + std::to_string(premake) + " is not between 0 and 1000");
  if (retention && (retention->month < 0 || retention->day < 0 || retention->time < 0 ||
                    (retention->month == 0 && retention->day == 0 && retention->time == 0)))
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    "retention " + interval_text(*retention) + " is not positive");

  ParentShape shape = read_parent(relid);
  Stride stride = stride_of(interval, shape.key);
  Oid owner = shape.owner;
  if (!pg::pg_call([&] { return has_privs_of_role(GetUserId(), owner); }))
    throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE,
                    "must be the owner of " + shape.qualified + " to manage its partitions");
  if (relid == audit_log_oid() && engine != "native")
    throw pg::Error(
        ERRCODE_FEATURE_NOT_SUPPORTED, "platform.audit_log stays on the native engine",
        "its append-only protection lets partitions leave only through fitness.run_maintenance()");
  // Partitions of another interval would overlap the new ones (or leave gaps).
  for (const PartitionRange& p : shape.partitions) {
    bool aligned = !p.lo_unbounded && !p.hi_unbounded && slot_start(p.lo, stride) == p.lo &&
                   slot_add(p.lo, stride, 1) == p.hi;
    if (!aligned)
      throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                      "partition " + shape.schema + "." + p.name + " of " + shape.qualified +
                          " does not match partition_interval " + interval_text(interval),
                      "its bounds are not one aligned interval (months from January, 7 days from a "
                      "Monday, days and hours from midnight UTC)",
                      "Keep the interval of the existing partitions, or retire them first.");
  }

  pg::SpiSession spi;
  if (engine == "pg_partman") {
    std::optional<std::string> schema = pg_partman_schema();
    if (!schema) pg_partman_missing(shape.qualified);
    auto as_owner = pg::ScopedOwnerSwitch::as_role(owner);
    hand_to_pg_partman(shape, *schema, interval, premake, retention, mode == "detach");
  }
  // The BEFORE INSERT trigger replaces an existing registration of the parent.
  static pg::KeptPlan upsert(
      "INSERT INTO fitness.partition_config (parent, partition_interval, premake, retention,"
      " retention_mode, engine) VALUES ($1, $2, $3, $4, $5, $6)",
      {REGCLASSOID, INTERVALOID, INT4OID, INTERVALOID, TEXTOID, TEXTOID});
  Datum args[6] = {
      ObjectIdGetDatum(relid), PG_GETARG_DATUM(1),
      Int32GetDatum(premake),  PG_ARGISNULL(3) ? static_cast<Datum>(0) : PG_GETARG_DATUM(3),
      pg::text_datum(mode),    pg::text_datum(engine)};
  char nulls[6] = {' ', ' ', ' ', PG_ARGISNULL(3) ? 'n' : ' ', ' ', ' '};
  auto config_owner = pg::ScopedOwnerSwitch(pg::relation_oid("fitness", "partition_config"));
  upsert.execute(args, nulls, false);
  PG_RETURN_VOID();
}
