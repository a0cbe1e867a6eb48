// Partition maintenance (fitness.run_maintenance and its neighbours): what the files of
// src/partition/ share.
//
//   time_slots.cpp       partition intervals, aligned slots, bound literals and names
//   parent.cpp           a parent's shape from the catalogue: key, partitions, bounds
//   config.cpp           the registrations (fitness.partition_config), settings, "now"
//   native.cpp           the native engine: rescue from the default, premake, retention
//   retention_policy.cpp platform.retention_policy applied in batches
//   maintenance.cpp      fitness.run_maintenance(): order of the work, locks, reporting
//   manage.cpp           fitness.manage_partitions(), the hand-off to pg_partman
//   schedule.cpp         fitness.schedule_maintenance() with pg_cron
//   status.cpp           fitness.partition_status()
//   ddl_guard.cpp        the event trigger that keeps the audit log's partitions in place
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pg/guard.hpp"

namespace fitness::partition {

// --- time_slots.cpp
// Keys are handled as microseconds since 2000-01-01 00:00 (UTC for timestamptz, as written
// for timestamp, midnight for date), PostgreSQL's own representation of timestamps.
enum class KeyType { kTimestampTz, kTimestamp, kDate };

// A partition interval: exactly one of months, days, hours is positive.
struct Stride {
  int months = 0;
  int days = 0;
  int hours = 0;
};

// The stride of an interval value, or a 22023 error naming it (mixed units, not whole
// hours, not positive; hours for a date key).
Stride stride_of(const Interval& interval, KeyType key);
// Start of the slot holding t: months from January of year 0, seven days from a Monday,
// other days from 2000-01-01, hours from midnight.
std::int64_t slot_start(std::int64_t t, const Stride& stride);
std::int64_t slot_add(std::int64_t start, const Stride& stride, int count);
// SQL literal of a bound ('2026-12-01 00:00:00+00', '2026-12-01 00:00:00', '2026-12-01').
std::string bound_literal(std::int64_t t, KeyType key);
// Suffix of a partition's name: 202612 (months), 20261207 (days), 20261207_13 (hours).
std::string slot_suffix(std::int64_t t, const Stride& stride);
// A key value as microseconds (status shows them as timestamptz: timestamp and date bounds
// then read as UTC).
std::int64_t key_to_micros(Datum value, KeyType key);
// An interval as text, as PostgreSQL prints it (for messages).
std::string interval_text(const Interval& interval);

// --- parent.cpp
struct PartitionRange {
  Oid relid = InvalidOid;
  std::string name;  // relname
  std::int64_t lo = 0, hi = 0;
  bool lo_unbounded = false, hi_unbounded = false;  // MINVALUE / MAXVALUE
};

struct ParentShape {
  Oid relid = InvalidOid;
  std::string schema, table, qualified;  // qualified: quoted schema.table
  Oid owner = InvalidOid;
  KeyType key = KeyType::kTimestampTz;
  Oid key_type = InvalidOid;
  std::string key_column;            // quoted
  std::string key_name;              // as written
  std::vector<std::string> columns;  // quoted, non-generated, in attribute order
  Oid default_relid = InvalidOid;
  std::string default_qualified;
  bool row_security = false, force_row_security = false;
  std::vector<PartitionRange> partitions;  // bounded ones, by lower bound

  bool covered(std::int64_t lo, std::int64_t hi, std::string* overlapping) const;
};

// Reads the parent: RANGE on one column of type timestamptz, timestamp or date, else a
// 22023 error naming the parent and what it is.
ParentShape read_parent(Oid relid);
// Whether relid still names a partitioned table (a registration may outlive its parent).
bool parent_exists(Oid relid);

// --- config.cpp
struct ManagedParent {
  Oid relid = InvalidOid;
  std::string name;  // as regclass prints it
  Interval interval{};
  int premake = 0;
  std::optional<Interval> retention;
  bool drop = false;  // retention_mode drop (else detach)
  std::string engine;
  std::optional<TimestampTz> last_maintenance_at;
  std::string last_outcome;
};

std::vector<ManagedParent> managed_parents();
// The moment maintenance works for: fitness.maintenance_now when a superuser set it (tests
// cross months and days with it), else the transaction's start.
TimestampTz maintenance_now();
// lock_timeout for maintenance's statements, in milliseconds: the session's lock_timeout
// when set, else fitness.maintenance_lock_timeout.
int maintenance_lock_timeout_ms();
int retention_batch_size();
int retention_batches_per_run();
// Records the outcome of a parent's maintenance in fitness.partition_config.
void record_outcome(Oid relid, const std::string& outcome);

// --- while maintenance works: what the audit log's DDL guard (ddl_guard.cpp) and watch let
// through. A partition of relid may be detached or dropped.
class RetiringScope {
 public:
  explicit RetiringScope(Oid partition);
  ~RetiringScope();
  RetiringScope(const RetiringScope&) = delete;
  RetiringScope& operator=(const RetiringScope&) = delete;

 private:
  Oid previous_;
};
// fitness.run_maintenance() is running in this backend (its DDL is its own to record).
class MaintenanceRunScope {
 public:
  MaintenanceRunScope() noexcept;
  ~MaintenanceRunScope();
  MaintenanceRunScope(const MaintenanceRunScope&) = delete;
  MaintenanceRunScope& operator=(const MaintenanceRunScope&) = delete;

 private:
  bool previous_;
};
bool maintenance_running() noexcept;
bool retiring(Oid partition) noexcept;
Oid audit_log_oid();

// --- native.cpp and maintenance.cpp: what run_maintenance reports.
struct Action {
  Oid parent = InvalidOid;  // InvalidOid: NULL
  std::string action;
  std::string partition;  // empty: NULL
};

// Work of the native engine for one parent, in two phases (maintenance.cpp says why):
// prepare() makes the new partitions as tables of their own and moves into them the rows
// of the default partition they will hold, under locks that writers do not wait for;
// finish() attaches them, each in a short window, and retires old partitions.
class NativeRun {
 public:
  NativeRun(const ManagedParent& config, TimestampTz now);
  void prepare(std::vector<Action>& out);
  void finish(std::vector<Action>& out);
  const std::string& outcome() const noexcept { return outcome_; }

 private:
  struct Pending {
    std::string table;      // unqualified name of the new table
    std::string qualified;  // quoted schema.table
    std::int64_t lo, hi;
    std::uint64_t moved = 0;
    Oid attached = InvalidOid;  // the partition, once attached
    bool bound_check = false;   // made with rows: a CHECK of its bounds spares ATTACH a scan
  };
  void prepare_slot(std::int64_t lo, bool has_rows, std::vector<Action>& out);
  void attach(Pending& pending, std::vector<Action>& out);
  void undo(const Pending& pending);
  void retire(const PartitionRange& range, std::vector<Action>& out);
  std::vector<std::int64_t> slots_in_default();
  std::uint64_t move_rows(const std::string& from, const std::string& to, std::int64_t lo,
                          std::int64_t hi);
  void note_failure(const std::string& what, const std::string& partition,
                    std::vector<Action>& out);

  ManagedParent config_;
  TimestampTz now_;
  ParentShape shape_;
  Stride stride_;
  bool usable_ = false;
  std::vector<Pending> pending_;
  int actions_ = 0;
  std::string outcome_;
};

// The text of a caught error for a report row: "lock timeout" or the message.
std::string failure_text(const std::exception& error);
// Whether an error is one maintenance waits out (lock timeout, deadlock, serialization).
bool is_busy_error(const std::exception& error);

// --- retention_policy.cpp
void apply_retention_policies(TimestampTz now, std::vector<Action>& out);

// --- manage.cpp
// pg_partman's schema when the extension is installed (else nullopt).
std::optional<std::string> pg_partman_schema();
[[noreturn]] void pg_partman_missing(const std::string& parent);
void run_pg_partman(const ManagedParent& config, std::vector<Action>& out);

// Runs dynamic SQL built from catalogue names (never from row values) inside an open
// SpiSession; returns SPI_processed. Error if the return code is not expected.
std::uint64_t execute_ddl(const std::string& sql, int expected);

}  // namespace fitness::partition
