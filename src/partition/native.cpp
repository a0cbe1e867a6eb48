// The native engine: for one parent, the partitions it lacks (ahead of now, and for rows
// that landed in the default partition) and the ones retention retires.
//
// A new partition is made as a table of its own (LIKE the parent: columns, defaults,
// constraints, indexes), with a CHECK of its bounds so that attaching it needs no scan of
// it, and the parent's TRUNCATE triggers (row triggers come with the attach). Rows of the
// default partition that belong to it are moved in with one DELETE ... RETURNING feeding an
// INSERT, in the same transaction: never lost, never in both. The locks, in order (README
// "Partitions and data lifecycle"):
//   prepare  parent SHARE UPDATE EXCLUSIVE (other DDL waits; reads and writes do not),
//            default partition ROW EXCLUSIVE while rows are moved (writers go on)
//   attach   parent and default SHARE ROW EXCLUSIVE (writers wait from here to the commit,
//            readers do not), rows that arrived meanwhile moved, then ATTACH: default
//            ACCESS EXCLUSIVE (readers of the default wait too)
//   retire   parent ACCESS EXCLUSIVE (DETACH or DROP of a partition needs it)
// All are held until run_maintenance commits; each is waited for at most the maintenance
// lock timeout, and a parent that cannot be locked in time is skipped and reported.

#include <set>

#include "common/sanctioned_writes.hpp"
#include "partition/internal.hpp"
#include "pg/relation_plans.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/subtransaction.hpp"

namespace fitness::partition {
namespace {

std::string partition_table_name(const std::string& parent_table, const std::string& suffix) {
  std::string tail = "_p" + suffix;
  int limit = NAMEDATALEN - 1 - static_cast<int>(tail.size());
  const char* name = parent_table.c_str();
  int length = static_cast<int>(parent_table.size());
  int keep = pg::pg_call([&] { return pg_mbcliplen(name, length, limit); });
  return parent_table.substr(0, static_cast<std::size_t>(keep)) + tail;
}

Datum key_datum(std::int64_t t, KeyType key) {
  if (key == KeyType::kDate) return DateADTGetDatum(static_cast<DateADT>(t / USECS_PER_DAY));
  return TimestampGetDatum(t);
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

bool relation_named(const std::string& schema, const std::string& table) {
  return pg::pg_call([&] {
    return OidIsValid(get_relname_relid(table.c_str(), get_namespace_oid(schema.c_str(), false)));
  });
}

std::string literal(const std::string& text) {
  const char* value = text.c_str();
  return pg::pg_call([&] { return quote_literal_cstr(value); });
}

}  // namespace

std::uint64_t execute_ddl(const std::string& sql, int expected) {
  const char* text = sql.c_str();
  return pg::pg_call([&] {
    int rc = SPI_execute(text, false, 0);
    if (rc != expected)
      elog(ERROR, "partition maintenance: SPI_execute returned %d for %s", rc, text);
    return SPI_processed;
  });
}

std::string failure_text(const std::exception& error) {
  if (const auto* pg_error = dynamic_cast<const pg::PgError*>(&error)) {
    if (pg_error->sqlstate() == ERRCODE_LOCK_NOT_AVAILABLE)
      return "could not lock within " + std::to_string(maintenance_lock_timeout_ms()) + " ms (" +
             error.what() + ")";
  }
  return error.what();
}

bool is_busy_error(const std::exception& error) {
  const auto* pg_error = dynamic_cast<const pg::PgError*>(&error);
  if (pg_error == nullptr) return false;
  int code = pg_error->sqlstate();
  return code == ERRCODE_LOCK_NOT_AVAILABLE || code == ERRCODE_T_R_DEADLOCK_DETECTED ||
         code == ERRCODE_T_R_SERIALIZATION_FAILURE;
}

NativeRun::NativeRun(const ManagedParent& config, TimestampTz now) : config_(config), now_(now) {}

void NativeRun::note_failure(const std::string& what, const std::string& partition,
                             std::vector<Action>& out) {
  if (outcome_.empty()) outcome_ = what;
  out.push_back({config_.relid, what, partition});
}

void NativeRun::prepare(std::vector<Action>& out) {
  if (!parent_exists(config_.relid)) {
    // The registration outlived its parent (DROP TABLE): nothing to do but say so.
    note_failure(
        "skipped: the registered parent no longer exists (delete its row from "
        "fitness.partition_config)",
        "OID " + std::to_string(config_.relid), out);
    return;
  }
  try {
    pg::SubTransaction sub;
    shape_ = read_parent(config_.relid);
    stride_ = stride_of(config_.interval, shape_.key);
    auto owner = pg::ScopedOwnerSwitch::as_role(shape_.owner);
    execute_ddl("LOCK TABLE " + shape_.qualified + " IN SHARE UPDATE EXCLUSIVE MODE",
                SPI_OK_UTILITY);
    sub.commit();
    usable_ = true;
  } catch (const std::exception& e) {
    note_failure("skipped: " + failure_text(e), "", out);
    return;
  }

  // The slots to make: those of rows in the default partition (rescue), and the one holding
  // now with premake after it.
  std::set<std::int64_t> rescue, wanted;
  if (shape_.default_relid != InvalidOid) {
    for (std::int64_t s : slots_in_default()) rescue.insert(s);
  }
  wanted = rescue;
  std::int64_t current = slot_start(now_, stride_);
  for (int i = 0; i <= config_.premake; i++) wanted.insert(slot_add(current, stride_, i));

  for (std::int64_t lo : wanted) {
    std::int64_t hi = slot_add(lo, stride_, 1);
    std::string overlapping;
    if (shape_.covered(lo, hi, &overlapping)) {
      if (!overlapping.empty()) {
        note_failure("failed: the slot from " + bound_literal(lo, shape_.key) +
                         " overlaps partition " + overlapping,
                     shape_.schema + "." + overlapping, out);
      }
      continue;
    }
    prepare_slot(lo, rescue.count(lo) > 0, out);
  }
}

std::vector<std::int64_t> NativeRun::slots_in_default() {
  // One pass over the default partition: the distinct months, days or hours its rows fall
  // in, reduced to slots here.
  const char* unit = stride_.months > 0 ? "month" : stride_.days > 0 ? "day" : "hour";
  std::string key_utc =
      shape_.key == KeyType::kTimestampTz ? "(" + shape_.key_column + " AT TIME ZONE 'UTC')"
      : shape_.key == KeyType::kDate      ? shape_.key_column + "::pg_catalog.timestamp"
                                          : shape_.key_column;
  std::string sql = std::string("SELECT DISTINCT pg_catalog.date_trunc('") + unit + "', " +
                    key_utc + ") FROM ONLY " + shape_.default_qualified + " WHERE " +
                    shape_.key_column + " IS NOT NULL";
  auto owner = pg::ScopedOwnerSwitch::as_role(shape_.owner);
  std::uint64_t rows = execute_ddl(sql, SPI_OK_SELECT);
  std::set<std::int64_t> slots;
  for (std::uint64_t i = 0; i < rows; i++) {
    std::int64_t bucket = pg::pg_call([&] {
      bool isnull = false;
      return DatumGetTimestamp(
          SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull));
    });
    slots.insert(slot_start(bucket, stride_));
  }
  return {slots.begin(), slots.end()};
}

std::uint64_t NativeRun::move_rows(const std::string& from, const std::string& to, std::int64_t lo,
                                   std::int64_t hi) {
  std::string columns = join(shape_.columns);
  std::string sql = "WITH moved AS (DELETE FROM ONLY " + from + " WHERE " + shape_.key_column +
                    " >= $1 AND " + shape_.key_column + " < $2 RETURNING " + columns +
                    ") INSERT INTO " + to + " (" + columns + ") SELECT " + columns + " FROM moved";
  Oid types[2] = {shape_.key_type, shape_.key_type};
  Datum args[2] = {key_datum(lo, shape_.key), key_datum(hi, shape_.key)};
  const char* text = sql.c_str();
  // The default's row triggers see a move, not a deletion: the audit log's append-only
  // guard and the soft-delete trigger let it through.
  common::MovingRowsScope moving(shape_.default_relid);
  common::HardDeleteScope hard;
  return pg::pg_call([&] {
    int rc = SPI_execute_with_args(text, 2, types, args, nullptr, false, 0);
    if (rc != SPI_OK_INSERT) elog(ERROR, "partition maintenance: moving rows returned %d", rc);
    return SPI_processed;
  });
}

void NativeRun::prepare_slot(std::int64_t lo, bool has_rows, std::vector<Action>& out) {
  Pending p;
  p.lo = lo;
  p.hi = slot_add(lo, stride_, 1);
  // A detached old partition may hold the slot's name: the new one takes the next free one.
  std::string suffix = slot_suffix(lo, stride_);
  p.table = partition_table_name(shape_.table, suffix);
  for (int n = 1; relation_named(shape_.schema, p.table); n++)
    p.table = partition_table_name(shape_.table, suffix + "_" + std::to_string(n));
  p.qualified = pg::quoted_table(shape_.schema, p.table);
  std::string lo_text = literal(bound_literal(p.lo, shape_.key));
  std::string hi_text = literal(bound_literal(p.hi, shape_.key));
  try {
    pg::SubTransaction sub;
    auto owner = pg::ScopedOwnerSwitch::as_role(shape_.owner);
    execute_ddl("CREATE TABLE " + p.qualified + " (LIKE " + shape_.qualified +
                    " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED"
                    " INCLUDING INDEXES INCLUDING STORAGE INCLUDING STATISTICS)",
                SPI_OK_UTILITY);
    // A table that will hold rescued rows gets a CHECK of its bounds, so ATTACH need not scan
    // it under its locks; an empty one (partitions ahead) is scanned for nothing.
    p.bound_check = has_rows;
    if (p.bound_check)
      execute_ddl("ALTER TABLE " + p.qualified + " ADD CONSTRAINT " +
                      pg::quoted_identifier(p.table + "_bound") + " CHECK (" + shape_.key_column +
                      " IS NOT NULL AND " + shape_.key_column + " >= " + lo_text + " AND " +
                      shape_.key_column + " < " + hi_text + ")",
                  SPI_OK_UTILITY);
    // TRUNCATE triggers are per table (the audit log's append-only guard has one on each
    // partition); row triggers are cloned by ATTACH.
    std::uint64_t triggers = execute_ddl(
        "SELECT pg_catalog.format('CREATE TRIGGER %I %s TRUNCATE ON %s FOR EACH STATEMENT"
        " EXECUTE FUNCTION %s()', t.tgname, CASE WHEN t.tgtype & 2 = 2 THEN 'BEFORE' ELSE 'AFTER' "
        "END, " +
            literal(p.qualified) +
            ", t.tgfoid::pg_catalog.regproc) FROM pg_catalog.pg_trigger t WHERE t.tgrelid = " +
            std::to_string(shape_.relid) + " AND NOT t.tgisinternal AND t.tgtype & 32 = 32",
        SPI_OK_SELECT);
    std::vector<std::string> statements;
    for (std::uint64_t i = 0; i < triggers; i++)
      statements.push_back(pg::pg_call(
          [&] { return SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1); }));
    for (const std::string& statement : statements) execute_ddl(statement, SPI_OK_UTILITY);
    if (has_rows) p.moved = move_rows(shape_.default_qualified, p.qualified, p.lo, p.hi);
    sub.commit();
  } catch (const std::exception& e) {
    note_failure("failed: " + failure_text(e), shape_.schema + "." + p.table, out);
    return;
  }
  pending_.push_back(std::move(p));
}

void NativeRun::finish(std::vector<Action>& out) {
  if (!usable_) return;
  for (Pending& p : pending_) attach(p, out);

  if (config_.retention.has_value()) {
    Interval keep = *config_.retention;
    TimestampTz now = now_;
    std::int64_t cutoff = pg::pg_call([&] {
      return DatumGetTimestamp(DirectFunctionCall2(timestamp_mi_interval, TimestampGetDatum(now),
                                                   IntervalPGetDatum(&keep)));
    });
    // The partitions there were, and those just made for old rows of the default partition.
    std::vector<PartitionRange> ranges = shape_.partitions;
    for (const Pending& p : pending_)
      if (p.attached != InvalidOid)
        ranges.push_back({p.attached, p.table, p.lo, p.hi, false, false});
    for (const PartitionRange& range : ranges)
      if (!range.hi_unbounded && range.hi <= cutoff) retire(range, out);
  }
  if (outcome_.empty())
    outcome_ = "ok (" + std::to_string(actions_) + (actions_ == 1 ? " action)" : " actions)");
}

void NativeRun::attach(Pending& p, std::vector<Action>& out) {
  std::string lo_text = literal(bound_literal(p.lo, shape_.key));
  std::string hi_text = literal(bound_literal(p.hi, shape_.key));
  try {
    pg::SubTransaction sub;
    auto owner = pg::ScopedOwnerSwitch::as_role(shape_.owner);
    // From here writers of the parent wait until run_maintenance commits (readers do not):
    // a row routed to the default partition before the attach and written after it would
    // break the default's new constraint (PostgreSQL refuses it). Rows that reached the
    // default since prepare() follow the others, and ATTACH then finds none to refuse.
    execute_ddl("LOCK TABLE " + shape_.qualified + " IN SHARE ROW EXCLUSIVE MODE", SPI_OK_UTILITY);
    if (shape_.default_relid != InvalidOid) {
      execute_ddl("LOCK TABLE ONLY " + shape_.default_qualified + " IN SHARE ROW EXCLUSIVE MODE",
                  SPI_OK_UTILITY);
      p.moved += move_rows(shape_.default_qualified, p.qualified, p.lo, p.hi);
    }
    execute_ddl("ALTER TABLE " + shape_.qualified + " ATTACH PARTITION " + p.qualified +
                    " FOR VALUES FROM (" + lo_text + ") TO (" + hi_text + ")",
                SPI_OK_UTILITY);
    if (p.bound_check)
      execute_ddl("ALTER TABLE " + p.qualified + " DROP CONSTRAINT " +
                      pg::quoted_identifier(p.table + "_bound"),
                  SPI_OK_UTILITY);
    // Reached only through the parent when the parent has row-level security (its policies
    // do not apply to a partition queried directly): no grants, security on. Otherwise the
    // parent's grants.
    if (shape_.row_security) {
      execute_ddl("ALTER TABLE " + p.qualified + " ENABLE ROW LEVEL SECURITY", SPI_OK_UTILITY);
      if (shape_.force_row_security)
        execute_ddl("ALTER TABLE " + p.qualified + " FORCE ROW LEVEL SECURITY", SPI_OK_UTILITY);
    } else {
      std::uint64_t grants = execute_ddl(
          "SELECT pg_catalog.format('GRANT %s ON %s TO %s', a.privilege_type, " +
              literal(p.qualified) +
              ", CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(r.rolname) END)"
              " FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a"
              " LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.grantee"
              " WHERE c.oid = " +
              std::to_string(shape_.relid) + " AND a.grantee <> c.relowner",
          SPI_OK_SELECT);
      std::vector<std::string> statements;
      for (std::uint64_t i = 0; i < grants; i++)
        statements.push_back(pg::pg_call(
            [&] { return SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1); }));
      for (const std::string& statement : statements) execute_ddl(statement, SPI_OK_UTILITY);
    }
    std::string schema = shape_.schema, table = p.table;
    p.attached = pg::pg_call(
        [&] { return get_relname_relid(table.c_str(), get_namespace_oid(schema.c_str(), false)); });
    sub.commit();
  } catch (const std::exception& e) {
    p.attached = InvalidOid;
    note_failure((is_busy_error(e) ? "skipped: " : "failed: ") + failure_text(e),
                 shape_.schema + "." + p.table, out);
    undo(p);
    return;
  }
  ++actions_;
  out.push_back({config_.relid,
                 p.moved == 0
                     ? std::string("created")
                     : "rescued " + std::to_string(p.moved) + (p.moved == 1 ? " row" : " rows") +
                           " from the default partition",
                 shape_.schema + "." + p.table});
}

void NativeRun::undo(const Pending& p) {
  // The table made in prepare() goes, and the rows moved into it go back to the default.
  // If that fails the whole run fails: no row may stay outside the parent.
  pg::SubTransaction sub;
  auto owner = pg::ScopedOwnerSwitch::as_role(shape_.owner);
  if (p.moved > 0) {
    std::string columns = join(shape_.columns);
    common::HardDeleteScope hard;
    execute_ddl("INSERT INTO " + shape_.default_qualified + " (" + columns + ") SELECT " + columns +
                    " FROM " + p.qualified,
                SPI_OK_INSERT);
  }
  execute_ddl("DROP TABLE " + p.qualified, SPI_OK_UTILITY);
  sub.commit();
}

void NativeRun::retire(const PartitionRange& range, std::vector<Action>& out) {
  bool audit_log = shape_.relid == audit_log_oid();
  std::string qualified = pg::quoted_table(shape_.schema, range.name);
  try {
    pg::SubTransaction sub;
    auto owner = pg::ScopedOwnerSwitch::as_role(shape_.owner);
    std::uint64_t rows = 0;
    if (audit_log) {
      execute_ddl("SELECT pg_catalog.count(*) FROM ONLY " + qualified, SPI_OK_SELECT);
      rows = static_cast<std::uint64_t>(pg::pg_call([] {
        bool isnull = false;
        return DatumGetInt64(
            SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
      }));
    }
    {
      RetiringScope retiring(range.relid);
      if (config_.drop) {
        execute_ddl("DROP TABLE " + qualified, SPI_OK_UTILITY);
      } else {
        execute_ddl("ALTER TABLE " + shape_.qualified + " DETACH PARTITION " + qualified,
                    SPI_OK_UTILITY);
      }
    }
    if (audit_log) {
      // An archived month stays append-only (DETACH took the cloned row guard with it), and
      // the retirement is itself on record, in the outbox.
      if (!config_.drop)
        execute_ddl("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON " + qualified +
                        " FOR EACH ROW EXECUTE FUNCTION fitness.audit_log_guard()",
                    SPI_OK_UTILITY);
      execute_ddl(
          "INSERT INTO platform.system_event (event_type, aggregate_type, payload) VALUES"
          " ('audit.partition_retired', 'audit_log', pg_catalog.jsonb_build_object('partition', " +
              literal(shape_.schema + "." + range.name) + ", 'from', " +
              literal(bound_literal(range.lo, shape_.key)) + ", 'to', " +
              literal(bound_literal(range.hi, shape_.key)) + ", 'rows', " + std::to_string(rows) +
              ", 'mode', " + literal(config_.drop ? "drop" : "detach") +
              ", 'session_role', session_user::text))",
          SPI_OK_INSERT);
    }
    sub.commit();
  } catch (const std::exception& e) {
    note_failure((is_busy_error(e) ? "skipped: " : "failed: ") + failure_text(e),
                 shape_.schema + "." + range.name, out);
    return;
  }
  ++actions_;
  out.push_back(
      {config_.relid, config_.drop ? "dropped" : "detached", shape_.schema + "." + range.name});
}

}  // namespace fitness::partition
