// fitness.rating_moderation(): BEFORE INSERT OR UPDATE row trigger on platform.rating. The
// moderation columns (rating_status_id, moderated_by, moderated_at, moderation_note) belong to
// the server and the moderators, never to the author:
//  - a new rating starts in the status the platform says (pending when the system setting
//    rating.moderation_required is true, published otherwise), whatever the client sent;
//  - only moderators (platform permission rating.moderate, platform admins, fitness_admin and
//    superusers) change them afterwards; for anyone else a change is refused with 42501. A
//    moderator's status change records moderated_by (the acting user) and moderated_at.

#include "identity/authz.hpp"
#include "pg/function.hpp"
#include "pg/relation_cache.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"

namespace fitness::rules {
namespace {

bool is_moderator() {
  if (pg::current_user_has_role("fitness_admin")) return true;  // operators, superusers
  identity::Authz* authz = identity::current_authz();
  return authz != nullptr &&
         (authz->is_platform_admin() || authz->has_permission("rating.moderate", nullptr));
}

// The status a new rating starts in (an active platform.rating_status id), looked up once
// per command (a multi-row INSERT asks for every row); a later command of the same
// statement (a PL/pgSQL block that changes the setting in between) looks it up again.
struct StatusCache {
  CommandId command = InvalidCommandId;
  LocalTransactionId transaction = InvalidLocalTransactionId;
  pg_uuid_t status{};
};
StatusCache status_cache;

Datum lookup_initial_status(const pg::RelationMeta& rating);

Datum initial_status(const pg::RelationMeta& rating) {
  CommandId command = GetCurrentCommandId(false);
  if (status_cache.transaction != MyProc->lxid || status_cache.command != command) {
    Datum found = lookup_initial_status(rating);
    std::memcpy(status_cache.status.data, DatumGetUUIDP(found)->data, UUID_LEN);
    status_cache.transaction = MyProc->lxid;
    status_cache.command = command;
  }
  return pg::pg_call([] {
    auto* copy = static_cast<pg_uuid_t*>(palloc(sizeof(pg_uuid_t)));
    *copy = status_cache.status;
    return UUIDPGetDatum(copy);
  });
}

Datum lookup_initial_status(const pg::RelationMeta& rating) {
  static pg::KeptPlan plan(
      "SELECT s.id FROM platform.rating_status s"
      " WHERE s.is_active AND s.code = CASE WHEN coalesce((SELECT ss.value = 'true'::jsonb"
      "   FROM platform.system_setting ss WHERE ss.key = 'rating.moderation_required' AND "
      "ss.is_active), false)"
      "   THEN 'pending' ELSE 'published' END",
      {});
  pg::SpiSession spi;
  pg::ScopedOwnerSwitch owner = pg::ScopedOwnerSwitch::as_role(rating.owner);
  if (plan.execute(nullptr, nullptr, true, 1) == 0)
    throw pg::Error(ERRCODE_UNDEFINED_OBJECT,
                    "rating moderation: the rating statuses pending and published are missing", {},
                    "platform.rating_status is seeded by the extension; restore its rows");
  bool is_null = false;
  return pg::spi_first_value(&is_null);
}

struct Columns {
  AttrNumber status, moderated_by, moderated_at, note;
};

Columns columns_of(const pg::RelationMeta& meta) {
  auto attnum = [&](const char* name) {
    const pg::ColumnMeta* column = meta.find(name);
    if (column == nullptr)
      throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                      std::string("fitness.rating_moderation() needs the column ") + name);
    return column->attnum;
  };
  return Columns{attnum("rating_status_id"), attnum("moderated_by"), attnum("moderated_at"),
                 attnum("moderation_note")};
}

}  // namespace
}  // namespace fitness::rules

FITNESS_SQL_FUNCTION(fitness_rating_moderation) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(fcinfo, "fitness.rating_moderation",
                                           pg::fired_before_row_write, pg::kBeforeRowWrite);
  Relation rel = trigdata->tg_relation;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
  rules::Columns cols = rules::columns_of(meta);
  TupleDesc desc = RelationGetDescr(rel);
  bool is_insert = TRIGGER_FIRED_BY_INSERT(trigdata->tg_event);
  HeapTuple row = is_insert ? trigdata->tg_trigtuple : trigdata->tg_newtuple;
  bool moderator = rules::is_moderator();

  if (is_insert) {
    if (moderator) return PointerGetDatum(row);  // a moderator may file a rating in any status
    Datum status = rules::initial_status(meta);
    int attnums[4] = {cols.status, cols.moderated_by, cols.moderated_at, cols.note};
    Datum values[4] = {status, 0, 0, 0};
    bool nulls[4] = {false, true, true, true};
    return pg::pg_call([&] {
      return PointerGetDatum(heap_modify_tuple_by_cols(row, desc, 4, attnums, values, nulls));
    });
  }

  HeapTuple old_row = trigdata->tg_trigtuple;
  bool status_changed =
      pg::pg_call([&] { return pg::column_changed(old_row, row, desc, cols.status); });
  bool moderation_changed = pg::pg_call([&] {
    return pg::column_changed(old_row, row, desc, cols.moderated_by) ||
           pg::column_changed(old_row, row, desc, cols.moderated_at) ||
           pg::column_changed(old_row, row, desc, cols.note);
  });
  if (!moderator) {
    if (status_changed || moderation_changed)
      throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE,
                      "permission denied to moderate rating " +
                          Uuid::from(DatumGetUUIDP(pg::pg_call([&] {
                            bool is_null = false;
                            return heap_getattr(row, meta.id_attnum, desc, &is_null);
                          }))).text(),
                      "rating_status_id, moderated_by, moderated_at and moderation_note are set "
                      "by moderation.",
                      "requires permission rating.moderate");
    return PointerGetDatum(row);
  }
  if (!status_changed) return PointerGetDatum(row);
  auto identity = identity::current_identity();
  int attnums[2] = {cols.moderated_by, cols.moderated_at};
  Datum values[2] = {identity ? identity->user.datum() : static_cast<Datum>(0),
                     TimestampTzGetDatum(GetCurrentTransactionStartTimestamp())};
  bool nulls[2] = {!identity, false};
  return pg::pg_call([&] {
    return PointerGetDatum(heap_modify_tuple_by_cols(row, desc, 2, attnums, values, nulls));
  });
}
