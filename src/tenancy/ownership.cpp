#include "tenancy/ownership.hpp"

#include "pg/relation_plans.hpp"
#include "pg/spi.hpp"

namespace fitness::tenancy {
namespace {

struct OwnerPlan {
  pg::KeptResources kept;
  SPIPlanPtr plan = nullptr;  // nullptr: the table has no owner column
};

void build_owner_plan(const pg::RelationMeta& meta, OwnerPlan& out) {
  std::string column = owner_column(meta);
  if (column.empty()) return;
  out.plan =
      out.kept.prepare("SELECT 1 FROM " + pg::quoted_table(meta.schema_name, meta.table_name) +
                           " WHERE id = $1 AND " + pg::quoted_identifier(column) + " = $2",
                       {UUIDOID, UUIDOID});
}

}  // namespace

std::string owner_column(const pg::RelationMeta& meta) {
  if (meta.schema_name == "user_mgmt" && meta.table_name == "app_user") return "id";
  for (const char* name : {"owner_id", "user_id"})
    if (meta.find(name) != nullptr) return name;
  return {};
}

bool user_owns_row(const pg::RelationMeta& meta, const Uuid& user, Datum record_id) {
  static pg::RelationPlanCache<OwnerPlan> owner_plans("owner_plans", build_owner_plan);
  SPIPlanPtr plan = owner_plans.get(meta)->plan;
  if (plan == nullptr) return false;
  Datum args[2] = {record_id, user.datum()};
  return pg::pg_call([&] {
    return SPI_execute_plan(plan, args, nullptr, true, 1) == SPI_OK_SELECT && SPI_processed == 1;
  });
}

}  // namespace fitness::tenancy
