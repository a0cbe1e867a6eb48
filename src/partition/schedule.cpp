// fitness.schedule_maintenance(): run_maintenance as a pg_cron job. pg_cron keeps one job
// per name and user, so a second call updates the schedule and keeps the job id. When
// pg_cron cannot be used the error says exactly what to configure.

#include "partition/internal.hpp"
#include "pg/args.hpp"
#include "pg/function.hpp"
#include "pg/spi.hpp"

namespace fitness::partition {
namespace {

constexpr const char* kJobName = "fitness_maintenance";
constexpr const char* kCommand = "SELECT * FROM fitness.run_maintenance()";

bool preloaded(const char* libraries) {
  // shared_preload_libraries is a comma-separated list, perhaps with spaces or quotes.
  std::string list = libraries == nullptr ? "" : libraries;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string item = list.substr(start, comma - start);
    std::size_t a = item.find_first_not_of(" \t\"");
    std::size_t b = item.find_last_not_of(" \t\"");
    if (a != std::string::npos && item.substr(a, b - a + 1) == "pg_cron") return true;
    start = comma + 1;
  }
  return false;
}

}  // namespace
}  // namespace fitness::partition

using namespace fitness;

// schedule_maintenance(schedule text DEFAULT '15 * * * *') RETURNS bigint
FITNESS_SQL_FUNCTION(fitness_schedule_maintenance) {
  if (PG_ARGISNULL(0))
    throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED, "schedule_maintenance: schedule is required",
                    {}, "A cron expression such as '15 * * * *' (minute 15 of every hour).");
  std::string schedule = pg::text_arg(fcinfo, 0);
  std::string database = pg::pg_call([] { return get_database_name(MyDatabaseId); });
  const char* libraries =
      pg::pg_call([] { return GetConfigOption("shared_preload_libraries", true, false); });
  if (!partition::preloaded(libraries))
    throw pg::Error(
        ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
        "pg_cron is not loaded: it must be in shared_preload_libraries",
        std::string("shared_preload_libraries is '") + (libraries ? libraries : "") + "'",
        "In postgresql.conf set shared_preload_libraries = 'pg_cron' (added to the list) and "
        "cron.database_name = '" +
            database + "', restart PostgreSQL, then run CREATE EXTENSION pg_cron; in " + database +
            ".");
  pg::SpiSession spi;
  static pg::KeptPlan installed("SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pg_cron'",
                                {});
  if (installed.execute(nullptr, nullptr, true) == 0) {
    const char* cron_db =
        pg::pg_call([] { return GetConfigOption("cron.database_name", true, false); });
    std::string cron_database = cron_db != nullptr ? cron_db : "postgres";
    if (cron_database != database)
      throw pg::Error(ERRCODE_FEATURE_NOT_SUPPORTED,
                      "pg_cron runs its jobs from database " + cron_database +
                          " (cron.database_name), not " + database,
                      {},
                      "Either set cron.database_name = '" + database +
                          "' and restart, or schedule from " + cron_database +
                          ": SELECT cron.schedule_in_database('" + partition::kJobName + "', '" +
                          schedule + "', '" + partition::kCommand + "', '" + database + "');");
    throw pg::Error(ERRCODE_FEATURE_NOT_SUPPORTED,
                    "pg_cron is loaded but not installed in database " + database, {},
                    "Run CREATE EXTENSION pg_cron; in " + database + " as a superuser.");
  }
  static pg::KeptPlan schedule_job(
      "SELECT cron.schedule(job_name => $1, schedule => $2, command => $3)",
      {TEXTOID, TEXTOID, TEXTOID});
  Datum args[3] = {pg::text_datum(partition::kJobName), pg::text_datum(schedule),
                   pg::text_datum(partition::kCommand)};
  schedule_job.execute(args, nullptr, false);
  bool isnull = false;
  Datum job = pg::spi_first_value(&isnull);
  PG_RETURN_DATUM(job);
}
