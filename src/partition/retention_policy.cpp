// platform.retention_policy applied by fitness.run_maintenance(): rows older than keep are
// deleted (or their anonymize_columns set to NULL) in batches of fitness.retention_batch_size,
// at most fitness.retention_batches_per_run per policy and run, the rest left for the next
// run, so that one run's transaction and locks stay small. Each batch is one statement on the
// table as its owner: the table's own triggers see it (entity tables audit each deleted row
// as a DELETE; soft-delete tables really lose the rows, as retention means).

#include "common/sanctioned_writes.hpp"
#include "partition/internal.hpp"
#include "pg/args.hpp"
#include "pg/relation_plans.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/subtransaction.hpp"

namespace fitness::partition {
namespace {

struct Policy {
  std::string id;
  std::string table;
  std::string column;
  Interval keep{};
  std::string action;
  std::vector<std::string> anonymize;
};

std::vector<Policy> enabled_policies() {
  static pg::KeptPlan plan(
      "SELECT id::text, target_table, timestamp_column, keep, action,"
      "       pg_catalog.array_to_string(anonymize_columns, ',')"
      "  FROM platform.retention_policy WHERE is_enabled AND is_active"
      " ORDER BY target_table, action",
      {});
  std::uint64_t rows = plan.execute(nullptr, nullptr, true);
  std::vector<Policy> policies;
  for (std::uint64_t i = 0; i < rows; i++) {
    const char* fields[6] = {};
    Interval keep{};
    pg::pg_call([&] {
      HeapTuple row = SPI_tuptable->vals[i];
      TupleDesc desc = SPI_tuptable->tupdesc;
      for (int c = 0; c < 6; c++)
        if (c != 3) fields[c] = SPI_getvalue(row, desc, c + 1);
      bool isnull = false;
      keep = *DatumGetIntervalP(SPI_getbinval(row, desc, 4, &isnull));
    });
    Policy p{fields[0], fields[1], fields[2], keep, fields[4], {}};
    // Column names are checked by the table's constraints (lower-case identifiers).
    if (fields[5] != nullptr) {
      std::string list = fields[5];
      for (std::size_t start = 0; start <= list.size();) {
        std::size_t comma = list.find(',', start);
        if (comma == std::string::npos) comma = list.size();
        if (comma > start) p.anonymize.push_back(list.substr(start, comma - start));
        start = comma + 1;
      }
    }
    policies.push_back(std::move(p));
  }
  return policies;
}

std::vector<std::string> primary_key_columns(Oid relid) {
  std::uint64_t rows = execute_ddl(
      "SELECT pg_catalog.quote_ident(a.attname) FROM pg_catalog.pg_index i"
      " JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
      " WHERE i.indrelid = " +
          std::to_string(relid) + " AND i.indisprimary ORDER BY a.attnum",
      SPI_OK_SELECT);
  std::vector<std::string> columns;
  for (std::uint64_t i = 0; i < rows; i++)
    columns.push_back(
        pg::pg_call([&] { return SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1); }));
  return columns;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// Applies one policy; returns the rows changed and whether some were left for the next run.
std::uint64_t apply(const Policy& p, TimestampTz now, bool* more, Oid* relid_out) {
  const char* name = p.table.c_str();
  Oid relid = pg::pg_call([&] {
    List* names = stringToQualifiedNameList(name);
    return RangeVarGetRelid(makeRangeVarFromNameList(names), NoLock, true);
  });
  if (relid == InvalidOid)
    throw pg::Error(ERRCODE_UNDEFINED_TABLE, "table " + p.table + " does not exist");
  *relid_out = relid;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(relid);
  const pg::ColumnMeta* column = meta.find(p.column.c_str());
  if (column == nullptr)
    throw pg::Error(ERRCODE_UNDEFINED_COLUMN,
                    "column " + p.column + " of " + p.table + " does not exist");
  if (column->type_oid != TIMESTAMPTZOID && column->type_oid != TIMESTAMPOID &&
      column->type_oid != DATEOID)
    throw pg::Error(ERRCODE_DATATYPE_MISMATCH, "column " + p.column + " of " + p.table +
                                                   " is not a timestamptz, timestamp or date");
  for (const std::string& c : p.anonymize)
    if (meta.find(c.c_str()) == nullptr)
      throw pg::Error(ERRCODE_UNDEFINED_COLUMN,
                      "column " + c + " of " + p.table + " does not exist");

  auto owner = pg::ScopedOwnerSwitch::as_role(meta.owner);
  std::vector<std::string> key = primary_key_columns(relid);
  if (key.empty())
    throw pg::Error(ERRCODE_INVALID_TABLE_DEFINITION,
                    p.table + " has no primary key: retention works through it in batches");
  std::string table = pg::quoted_table(meta.schema_name, meta.table_name);
  std::string when = pg::quoted_identifier(p.column) + " < $1";
  std::string keys = "(" + join(key, ", ") + ")";
  std::string batch = std::to_string(retention_batch_size());
  std::string sql;
  int expected = 0;
  if (p.action == "delete") {
    sql = "DELETE FROM " + table + " WHERE " + keys + " IN (SELECT " + join(key, ", ") + " FROM " +
          table + " WHERE " + when + " LIMIT " + batch + ")";
    expected = SPI_OK_DELETE;
  } else {
    std::vector<std::string> set, still;
    for (const std::string& c : p.anonymize) {
      set.push_back(pg::quoted_identifier(c) + " = NULL");
      still.push_back(pg::quoted_identifier(c) + " IS NOT NULL");
    }
    sql = "UPDATE " + table + " SET " + join(set, ", ") + " WHERE " + keys + " IN (SELECT " +
          join(key, ", ") + " FROM " + table + " WHERE " + when + " AND (" + join(still, " OR ") +
          ") LIMIT " + batch + ")";
    expected = SPI_OK_UPDATE;
  }
  Interval keep = p.keep;
  Datum cutoff = pg::pg_call([&] {
    return DirectFunctionCall2(timestamptz_mi_interval, TimestampTzGetDatum(now),
                               IntervalPGetDatum(&keep));
  });
  Oid types[1] = {TIMESTAMPTZOID};
  Datum args[1] = {cutoff};
  const char* text = sql.c_str();
  common::HardDeleteScope hard;
  std::uint64_t total = 0;
  *more = false;
  for (int i = 0; i < retention_batches_per_run(); i++) {
    std::uint64_t n = pg::pg_call([&] {
      int rc = SPI_execute_with_args(text, 1, types, args, nullptr, false, 0);
      if (rc != expected) elog(ERROR, "retention policy: SPI_execute returned %d", rc);
      return SPI_processed;
    });
    total += n;
    if (n < static_cast<std::uint64_t>(retention_batch_size())) return total;
  }
  *more = true;
  return total;
}

void mark_run(const std::string& id) {
  static pg::KeptPlan plan(
      "UPDATE platform.retention_policy SET last_run_at = pg_catalog.clock_timestamp() WHERE id = "
      "$1::uuid",
      {TEXTOID});
  Datum args[1] = {pg::text_datum(id)};
  auto owner = pg::ScopedOwnerSwitch(pg::relation_oid("platform", "retention_policy"));
  plan.execute(args, nullptr, false);
}

}  // namespace

void apply_retention_policies(TimestampTz now, std::vector<Action>& out) {
  for (const Policy& p : enabled_policies()) {
    if (p.action == "detach_partition") {
      out.push_back(
          {InvalidOid,
           "skipped: a detach_partition retention policy is not applied; a partitioned table's "
           "retention is set with fitness.manage_partitions()",
           p.table});
      continue;
    }
    Oid relid = InvalidOid;
    bool more = false;
    std::uint64_t changed = 0;
    try {
      pg::SubTransaction sub;
      changed = apply(p, now, &more, &relid);
      if (changed > 0) mark_run(p.id);
      sub.commit();
    } catch (const std::exception& e) {
      out.push_back(
          {relid, (is_busy_error(e) ? "skipped: " : "failed: ") + failure_text(e), p.table});
      continue;
    }
    if (changed == 0) continue;
    out.push_back({relid,
                   std::string(p.action == "delete" ? "deleted " : "anonymized ") +
                       std::to_string(changed) + (changed == 1 ? " row" : " rows") +
                       " older than " + interval_text(p.keep) + (more ? " (more remain)" : ""),
                   ""});
  }
}

}  // namespace fitness::partition
