// The audit log's protection and its one reader for applications:
//   fitness.audit_log_guard()  refuses UPDATE, DELETE and TRUNCATE of platform.audit_log for
//                              every role, owner included (retention drops or detaches whole
//                              partitions instead; partition maintenance moves rows out of
//                              the default partition, the one DELETE let through);
//   fitness.record_history()   a record's history, oldest first, for the record's owner and
//                              for admins, although fitness_app cannot read the log itself.

#include "identity/authz.hpp"
#include "common/sanctioned_writes.hpp"
#include "tenancy/ownership.hpp"
#include "pg/function.hpp"
#include "pg/relation_cache.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"

FITNESS_SQL_FUNCTION(fitness_audit_log_guard) {
  using fitness::pg::Error;
  TriggerData* trigdata = fitness::pg::trigger_call(fcinfo, "fitness.audit_log_guard");
  // The one sanctioned DELETE: partition maintenance moving rows out of the default
  // partition into the partition they belong to, in the same statement.
  if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event) && TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) &&
      fitness::common::moving_rows_of(RelationGetRelid(trigdata->tg_relation)))
    return PointerGetDatum(trigdata->tg_trigtuple);
  const char* what = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)     ? "UPDATE"
                     : TRIGGER_FIRED_BY_DELETE(trigdata->tg_event)   ? "DELETE"
                     : TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event) ? "TRUNCATE"
                                                                     : "INSERT";
  throw Error(ERRCODE_INSUFFICIENT_PRIVILEGE,
              std::string("platform.audit_log is append-only: ") + what + " is refused",
              std::string("refused on ") + RelationGetRelationName(trigdata->tg_relation) +
                  " for every role, its owner included",
              "Old entries leave only with whole partitions, through partition maintenance.");
}

// record_history(target regclass, record_id uuid) RETURNS SETOF platform.audit_log
FITNESS_SQL_FUNCTION(fitness_record_history) {
  using namespace fitness;
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
    throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED,
                    "record_history: target and record_id are required");
  Oid target = PG_GETARG_OID(0);
  Datum record_id = PG_GETARG_DATUM(1);
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(target);

  pg::pg_call([&] { InitMaterializedSRF(fcinfo, 0); });
  auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);

  // Only tables owned by a superuser (the extension's own, or a DBA's) are served: the
  // look-up below reads the target as its owner, so a caller's view or table whose
  // functions would run with those rights must never be accepted.
  if (!pg::pg_call([&] { return superuser_arg(meta.owner); }))
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    "record_history: " + meta.schema_name + "." + meta.table_name +
                        " is not an audited table of this database");
  bool admin = pg::current_user_has_role("fitness_admin");
  identity::Authz* authz = admin ? nullptr : identity::current_authz();
  bool privileged = admin || (authz != nullptr && (authz->is_platform_admin() ||
                                                   authz->has_permission("audit.read", nullptr)));
  pg::SpiSession spi;
  auto owner = pg::ScopedOwnerSwitch::as_role(meta.owner);
  if (!privileged && !(authz != nullptr && tenancy::user_owns_row(meta, authz->user, record_id)))
    throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE,
                    "permission denied to read the history of " + meta.schema_name + "." +
                        meta.table_name + " " + Uuid::from(DatumGetUUIDP(record_id)).text(),
                    {}, "the record's owner, platform admins and fitness_admin may read it");

  static pg::KeptPlan history(
      "SELECT * FROM platform.audit_log WHERE table_schema = $1 AND table_name = $2"
      " AND record_id = $3 ORDER BY occurred_at, id",
      {TEXTOID, TEXTOID, UUIDOID});
  std::string schema = meta.schema_name, table = meta.table_name;
  Datum args[3];
  pg::pg_call([&] {
    args[0] = CStringGetTextDatum(schema.c_str());
    args[1] = CStringGetTextDatum(table.c_str());
  });
  args[2] = record_id;
  std::uint64_t rows = history.execute(args, nullptr, true);
  pg::pg_call([&] {
    for (std::uint64_t i = 0; i < rows; i++)
      tuplestore_puttuple(rsinfo->setResult, SPI_tuptable->vals[i]);
  });
  return static_cast<Datum>(0);
}
