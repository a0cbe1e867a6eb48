#include "context/ownership.hpp"

#include <unordered_map>

#include "pg/spi.hpp"

namespace fitness::context {
namespace {

struct OwnerPlan {
  std::uint64_t meta_version = 0;
  SPIPlanPtr plan = nullptr;
};
std::unordered_map<Oid, OwnerPlan> owner_plans;  // one kept plan per table

}  // namespace

std::string owner_column(const pg::RelationMeta& meta) {
  if (meta.schema_name == "user_mgmt" && meta.table_name == "app_user") return "id";
  for (const char* name : {"owner_id", "user_id"})
    if (meta.find(name) != nullptr) return name;
  return {};
}

bool user_owns_row(const pg::RelationMeta& meta, const Uuid& user, Datum record_id) {
  std::string column = owner_column(meta);
  if (column.empty()) return false;
  OwnerPlan& entry = owner_plans[meta.relid];
  if (entry.plan == nullptr || entry.meta_version != meta.version) {
    if (entry.plan != nullptr) SPI_freeplan(entry.plan);
    entry.plan = nullptr;
    std::string schema = meta.schema_name, table = meta.table_name;
    entry.plan = pg::pg_call([&] {
      char* sql = psprintf("SELECT 1 FROM %s WHERE id = $1 AND %s = $2",
                           quote_qualified_identifier(schema.c_str(), table.c_str()),
                           quote_identifier(column.c_str()));
      Oid types[2] = {UUIDOID, UUIDOID};
      SPIPlanPtr prepared = SPI_prepare_cursor(sql, 2, types, CURSOR_OPT_GENERIC_PLAN);
      if (prepared == nullptr) elog(ERROR, "ownership: SPI_prepare failed");
      SPI_keepplan(prepared);
      return prepared;
    });
    entry.meta_version = meta.version;
  }
  Datum args[2] = {record_id, user.datum()};
  SPIPlanPtr plan = entry.plan;
  return pg::pg_call([&] {
    return SPI_execute_plan(plan, args, nullptr, true, 1) == SPI_OK_SELECT && SPI_processed == 1;
  });
}

}  // namespace fitness::context
