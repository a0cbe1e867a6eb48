// Soft delete: fitness.purge and fitness.hard_delete, the only real DELETEs of soft-delete
// tables (fitness_admin only), and the check of which tables these functions accept.

#include "pg/function.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "common/sanctioned_writes.hpp"
#include "softdelete/internal.hpp"

namespace fitness::softdelete {
void require_soft_delete_table(const pg::RelationMeta& meta, const char* function) {
  Oid relid = meta.relid;
  bool managed = meta.id_attnum != InvalidAttrNumber &&
                 meta.is_active_attnum != InvalidAttrNumber &&
                 meta.deleted_at_attnum != InvalidAttrNumber && pg::pg_call([&] {
                   Relation rel = relation_open(relid, AccessShareLock);
                   bool found = false;
                   TriggerDesc* triggers = rel->trigdesc;
                   for (int i = 0; triggers != nullptr && i < triggers->numtriggers; i++)
                     if (strcmp(triggers->triggers[i].tgname, "zz_soft_delete") == 0) found = true;
                   relation_close(rel, NoLock);
                   return found;
                 });
  if (!managed)
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    std::string(function) + ": " + meta.schema_name + "." + meta.table_name +
                        " is not a soft-delete table (needs id, is_active, deleted_at and the "
                        "soft-delete trigger)");
}

}  // namespace fitness::softdelete

// Shared by purge and hard_delete: fitness_admin only; a real DELETE FROM target WHERE
// <condition on $1> with the soft-delete trigger stepping aside; returns the rows deleted.
static std::uint64_t admin_hard_delete(FunctionCallInfo fcinfo, const char* function,
                                       const char* condition, Oid arg_type) {
  using namespace fitness;
  if (!pg::current_user_has_role("fitness_admin"))
    throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE,
                    std::string("permission denied for fitness.") + function, {},
                    std::string("fitness.") + function + " is for fitness_admin");
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
    throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED,
                    std::string(function) + ": both arguments are required");
  Oid target = PG_GETARG_OID(0);
  Datum arg = PG_GETARG_DATUM(1);
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(target);
  softdelete::require_soft_delete_table(meta, function);
  std::string sql =
      "DELETE FROM " + pg::quoted_table(meta.schema_name, meta.table_name) + " WHERE " + condition;
  const char* text = sql.c_str();
  pg::SpiSession spi;
  common::HardDeleteScope hard;
  return pg::pg_call([&] {
    Oid types[1] = {arg_type};
    Datum args[1] = {arg};
    if (SPI_execute_with_args(text, 1, types, args, nullptr, false, 0) != SPI_OK_DELETE)
      elog(ERROR, "%s failed", function);
    return static_cast<std::uint64_t>(SPI_processed);
  });
}

// purge(target regclass, older_than interval) RETURNS bigint
FITNESS_SQL_FUNCTION(fitness_purge) {
  std::uint64_t purged =
      admin_hard_delete(fcinfo, "purge", "NOT is_active AND deleted_at < now() - $1", INTERVALOID);
  PG_RETURN_INT64(static_cast<int64>(purged));
}

// hard_delete(target regclass, record_id uuid) RETURNS boolean: one row, on purpose.
FITNESS_SQL_FUNCTION(fitness_hard_delete) {
  PG_RETURN_BOOL(admin_hard_delete(fcinfo, "hard_delete", "id = $1", UUIDOID) == 1);
}
