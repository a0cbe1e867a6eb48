// fitness.partition_status(): one row per managed parent, from the registration and the
// catalogue (any engine), and the default partition's exact row count.

#include "partition/internal.hpp"
#include "pg/args.hpp"
#include "pg/function.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"

using namespace fitness;

// partition_status() RETURNS TABLE (parent regclass, engine text, partition_interval interval,
//   premake integer, retention interval, retention_mode text, partitions integer,
//   range_from timestamptz, range_to timestamptz, default_rows bigint, next_to_create text,
//   oldest_kept text, last_maintenance_at timestamptz, last_outcome text)
FITNESS_SQL_FUNCTION(fitness_partition_status) {
  using namespace fitness::partition;
  pg::pg_call([&] { InitMaterializedSRF(fcinfo, 0); });
  auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  pg::SpiSession spi;
  TimestampTz now = maintenance_now();
  for (const ManagedParent& p : managed_parents()) {
    constexpr int kColumns = 14;
    Datum values[kColumns] = {};
    bool nulls[kColumns];
    for (bool& n : nulls) n = true;
    values[0] = ObjectIdGetDatum(p.relid);
    nulls[0] = false;
    values[1] = pg::text_datum(p.engine);
    nulls[1] = false;
    Interval interval = p.interval;
    values[2] = pg::pg_call(
        [&] { return datumCopy(IntervalPGetDatum(&interval), false, sizeof(Interval)); });
    nulls[2] = false;
    values[3] = Int32GetDatum(p.premake);
    nulls[3] = false;
    if (p.retention) {
      Interval r = *p.retention;
      values[4] =
          pg::pg_call([&] { return datumCopy(IntervalPGetDatum(&r), false, sizeof(Interval)); });
      nulls[4] = false;
    }
    values[5] = pg::text_datum(p.drop ? "drop" : "detach");
    nulls[5] = false;
    if (p.last_maintenance_at) {
      values[12] = TimestampTzGetDatum(*p.last_maintenance_at);
      nulls[12] = false;
    }
    if (!p.last_outcome.empty()) {
      values[13] = pg::text_datum(p.last_outcome);
      nulls[13] = false;
    }
    if (parent_exists(p.relid)) {
      ParentShape shape = read_parent(p.relid);
      values[6] = Int32GetDatum(static_cast<int>(shape.partitions.size()));
      nulls[6] = false;
      if (!shape.partitions.empty()) {
        const PartitionRange& first = shape.partitions.front();
        const PartitionRange& last = shape.partitions.back();
        if (!first.lo_unbounded) {
          values[7] = TimestampTzGetDatum(first.lo);
          nulls[7] = false;
        }
        if (!last.hi_unbounded) {
          values[8] = TimestampTzGetDatum(last.hi);
          nulls[8] = false;
        }
        values[11] = pg::text_datum(shape.schema + "." + first.name);
        nulls[11] = false;
      }
      if (shape.default_relid != InvalidOid) {
        auto owner = pg::ScopedOwnerSwitch::as_role(shape.owner);
        execute_ddl("SELECT pg_catalog.count(*) FROM ONLY " + shape.default_qualified,
                    SPI_OK_SELECT);
        bool isnull = false;
        values[9] = pg::spi_first_value(&isnull);
        nulls[9] = false;
      }
      // The first slot from now on that has no partition: what the next run makes.
      Stride stride = stride_of(p.interval, shape.key);
      std::int64_t slot = slot_start(now, stride);
      for (int i = 0; i <= p.premake + 1000; i++, slot = slot_add(slot, stride, 1)) {
        std::int64_t hi = slot_add(slot, stride, 1);
        if (shape.covered(slot, hi, nullptr)) continue;
        std::string when =
            i <= p.premake ? "now"
                           : "from " + bound_literal(slot_add(slot, stride, -p.premake), shape.key);
        std::string name = p.engine == "native" ? shape.schema + "." + shape.table + "_p" +
                                                      slot_suffix(slot, stride) + " "
                                                : "";
        values[10] = pg::text_datum(name + "[" + bound_literal(slot, shape.key) + ", " +
                                    bound_literal(hi, shape.key) + "), due " + when);
        nulls[10] = false;
        break;
      }
    }
    pg::pg_call([&] { tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls); });
  }
  return static_cast<Datum>(0);
}
