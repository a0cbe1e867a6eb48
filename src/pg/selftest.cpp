// Test hooks that prove the bridge from SQL (test/pg/sql/bridge.sql): errors raised at depth keep
// their SQLSTATE, PostgreSQL errors under C++ unwind C++ objects, kept plans are reused.
// Callable by fitness_admin only.

#include <atomic>
#include <new>
#include <stdexcept>
#include <string>

#include "pg/function.hpp"
#include "pg/spi.hpp"

namespace fitness::pg {
namespace {

std::int64_t live_objects = 0;

// An object whose destructor must run however the stack unwinds.
class Tracked {
 public:
  Tracked() : payload_(64, 'x') { ++live_objects; }
  ~Tracked() { --live_objects; }
  Tracked(const Tracked&) = delete;
  Tracked& operator=(const Tracked&) = delete;

 private:
  std::string payload_;  // owns heap memory, so a skipped destructor would also leak
};

[[noreturn]] void fail_at_depth(int depth, const std::string& mode) {
  Tracked here;
  if (depth > 1) fail_at_depth(depth - 1, mode);
  if (mode == "cpp_error")
    throw Error(ERRCODE_INVALID_PARAMETER_VALUE, "bridge selftest: C++ error raised at depth 3",
                "thrown below three C++ frames", "nothing to fix: this is a test");
  if (mode == "std_error") throw std::runtime_error("bridge selftest: std::runtime_error");
  if (mode == "bad_alloc") throw std::bad_alloc();
  if (mode == "unknown") throw 42;
  if (mode == "pg_error") {
    // int4div raises 22012 through ereport/longjmp; pg_call turns it into PgError.
    pg_call([] { return DirectFunctionCall2(int4div, Int32GetDatum(1), Int32GetDatum(0)); });
  }
  if (mode == "spi_error") {
    SpiSession spi;
    static KeptPlan missing_table("SELECT count(*) FROM fitness.no_such_table_for_selftest", {});
    missing_table.execute(nullptr, nullptr, true);
  }
  throw Error(ERRCODE_INVALID_PARAMETER_VALUE, "unknown bridge selftest mode \"" + mode + "\"", {},
              "modes: ok, cpp_error, pg_error, spi_error, std_error, bad_alloc, unknown");
}

}  // namespace
}  // namespace fitness::pg

// fitness.bridge_selftest(mode text) RETURNS bigint: 'ok' returns the live object count,
// every other mode raises its error from three C++ frames down.
FITNESS_SQL_FUNCTION(fitness_bridge_selftest) {
  using namespace fitness::pg;
  char* raw = pg_call([&] { return text_to_cstring(PG_GETARG_TEXT_PP(0)); });
  std::string mode(raw);
  if (mode == "ok") {
    Tracked one;
    return Int64GetDatum(live_objects);
  }
  fail_at_depth(3, mode);
}

FITNESS_SQL_FUNCTION(fitness_bridge_live_objects) {
  (void)fcinfo;
  return Int64GetDatum(fitness::pg::live_objects);
}

// fitness.bridge_kept_plan_sum(n int) RETURNS bigint: runs one kept plan n times
// (SELECT $1 * 2) and sums the results; cache_stats() shows one prepare, n-1 reuses.
FITNESS_SQL_FUNCTION(fitness_bridge_kept_plan_sum) {
  int32 n = PG_GETARG_INT32(0);
  using namespace fitness::pg;
  if (n < 0)
    throw Error(ERRCODE_INVALID_PARAMETER_VALUE,
                "bridge_kept_plan_sum: n must be >= 0, got " + std::to_string(n));
  static KeptPlan twice("SELECT $1::bigint * 2", {INT8OID});
  SpiSession spi;
  std::int64_t sum = 0;
  for (int32 i = 1; i <= n; i++) {
    Datum arg = Int64GetDatum(i);
    twice.execute(&arg, nullptr, true, 1);
    bool is_null = false;
    Datum value = spi_first_value(&is_null);
    if (!is_null) sum += DatumGetInt64(value);
  }
  return Int64GetDatum(sum);
}
