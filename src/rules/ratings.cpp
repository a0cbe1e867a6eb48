// Ratings: two row triggers on platform.rating.
//  - fitness.rating_rules(), BEFORE INSERT OR UPDATE OF user_id, entity_type, entity_id:
//    rating_own_content (23514), nobody rates what they own (the target's owner column by
//    convention, tenancy/ownership.hpp: owner_id or user_id).
//  - fitness.rating_summary_sync(), AFTER INSERT OR UPDATE OR DELETE: platform.rating_summary
//    stays exact. A rating counts while it is active and its status is public
//    (rating_status.is_public); each write takes back the old row's contribution and adds the
//    new one with increments (INSERT ... ON CONFLICT DO UPDATE SET n = n + 1), never a recount:
//    concurrent writers of one entity queue on its summary row, and each increment applies to
//    the latest committed version, so no write is lost (isolation spec rating_summary_race).
// One active rating per user and entity and the score range are the table's own (unique
// index, CHECK); moderation is rating_moderation.cpp.
#include <cstdint>
#include <optional>
#include <string>

#include "common/uuid.hpp"
#include "pg/args.hpp"
#include "pg/function.hpp"
#include "pg/relation_cache.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"
#include "rules/actor.hpp"
#include "rules/rule.hpp"
#include "tenancy/ownership.hpp"

namespace fitness::rules {
namespace {

struct RatingColumns {
  AttrNumber user, entity_type, entity_id, score, status, is_active;
};

RatingColumns columns_of(const pg::RelationMeta& meta, const char* function) {
  auto attnum = [&](const char* name) {
    const pg::ColumnMeta* column = meta.find(name);
    if (column == nullptr)
      throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                      std::string(function) + " needs the column " + name + " (" + meta.table_name +
                          " has none)");
    return column->attnum;
  };
  return RatingColumns{attnum("user_id"), attnum("entity_type"),      attnum("entity_id"),
                       attnum("score"),   attnum("rating_status_id"), attnum("is_active")};
}

// What one rating row adds to its entity's summary (when it counts at all).
struct Contribution {
  std::string entity_type;
  Datum entity_id = 0;
  Datum status = 0;
  int score = 0;
  bool active = false;
};

Contribution contribution_of(HeapTuple row, TupleDesc desc, const RatingColumns& cols) {
  Contribution c;
  pg::pg_call([&] {
    bool type_null = true, id_null = true, score_null = true, status_null = true,
         active_null = true;
    Datum type = heap_getattr(row, cols.entity_type, desc, &type_null);
    c.entity_id = heap_getattr(row, cols.entity_id, desc, &id_null);
    c.score = DatumGetInt16(heap_getattr(row, cols.score, desc, &score_null));
    c.status = heap_getattr(row, cols.status, desc, &status_null);
    Datum active = heap_getattr(row, cols.is_active, desc, &active_null);
    c.active = !active_null && DatumGetBool(active) && !type_null && !id_null && !score_null &&
               !status_null;
    if (!type_null) c.entity_type = TextDatumGetCString(type);
  });
  return c;
}

bool same_uuid(Datum a, Datum b) {
  return std::memcmp(DatumGetUUIDP(a)->data, DatumGetUUIDP(b)->data, UUID_LEN) == 0;
}

// Adds (sign +1) or takes back (sign -1) one contribution, if its status is public. Adding
// creates the summary row on the entity's first rating; taking back only updates (a summary
// a DBA removed stays removed rather than going negative).
void apply(const Contribution& c, int sign, Oid summary_owner) {
  if (!c.active) return;
  static pg::KeptPlan add(
      "INSERT INTO platform.rating_summary AS s (entity_type, entity_id, rating_count, score_sum)"
      " SELECT $1, $2, 1, $3 FROM platform.rating_status rs WHERE rs.id = $4 AND rs.is_public"
      " ON CONFLICT (entity_type, entity_id) WHERE is_active DO UPDATE"
      "   SET rating_count = s.rating_count + 1, score_sum = s.score_sum + EXCLUDED.score_sum,"
      "       updated_at = now()",
      {TEXTOID, UUIDOID, INT8OID, UUIDOID});
  static pg::KeptPlan take_back(
      "UPDATE platform.rating_summary s"
      "   SET rating_count = s.rating_count - 1, score_sum = s.score_sum - $3, updated_at = now()"
      " WHERE s.entity_type = $1 AND s.entity_id = $2 AND s.is_active"
      "   AND EXISTS (SELECT 1 FROM platform.rating_status rs WHERE rs.id = $4 AND rs.is_public)",
      {TEXTOID, UUIDOID, INT8OID, UUIDOID});
  Datum args[4] = {pg::text_datum(c.entity_type), c.entity_id, Int64GetDatum(c.score), c.status};
  pg::SpiSession spi;
  auto owner = pg::ScopedOwnerSwitch::as_role(summary_owner);
  (sign > 0 ? add : take_back).execute(args, nullptr, false);
}

Oid summary_owner() {
  return pg::RelationMetaCache::instance()
      .get(pg::relation_oid("platform", "rating_summary"))
      .owner;
}

// An institution has no owner column: its own are its active owners. Inside an SPI session,
// as a role that reads every membership.
bool owns_institution(const pg::RelationMeta& target, const Uuid& user, Datum institution) {
  if (target.schema_name != "user_mgmt" || target.table_name != "institution") return false;
  static pg::KeptPlan plan(
      "SELECT 1 FROM user_mgmt.institution_member m WHERE m.institution_id = $1 AND m.user_id = $2"
      "   AND m.is_active AND m.status = 'active' AND m.member_role = 'owner'",
      {UUIDOID, UUIDOID});
  Datum args[2] = {institution, user.datum()};
  return plan.execute(args, nullptr, true, 1) > 0;
}

// Whether an entity type code is gone from the registry: a rename of the code reaches the
// ratings and their summaries through their foreign keys' ON UPDATE CASCADE, each on its
// own; the summary rows are renamed by theirs, so the ratings' renaming must not move counts.
bool entity_type_renamed(const std::string& old_code) {
  static pg::KeptPlan plan("SELECT 1 FROM core.entity_type e WHERE e.code = $1", {TEXTOID});
  Datum arg = pg::text_datum(old_code);
  pg::SpiSession spi;
  auto owner = pg::ScopedOwnerSwitch(pg::relation_oid("core", "entity_type"));
  return plan.execute(&arg, nullptr, true, 1) == 0;
}

// Recounts every summary from the ratings (after a status changes whether it is public, or
// as a repair); returns the summaries written. Inside an SPI session, as the summary's owner.
std::uint64_t recount_all() {
  static pg::KeptPlan plan(
      "WITH counted AS ("
      "  SELECT r.entity_type, r.entity_id, count(*) AS n, sum(r.score) AS total"
      "    FROM platform.rating r JOIN platform.rating_status rs ON rs.id = r.rating_status_id"
      "   WHERE r.is_active AND rs.is_public GROUP BY r.entity_type, r.entity_id),"
      " corrected AS ("
      "  UPDATE platform.rating_summary s SET rating_count = coalesce(c.n, 0),"
      "         score_sum = coalesce(c.total, 0), updated_at = now()"
      "    FROM platform.rating_summary s2 LEFT JOIN counted c"
      "      ON c.entity_type = s2.entity_type AND c.entity_id = s2.entity_id"
      "   WHERE s.id = s2.id AND s2.is_active"
      "     AND (s.rating_count, s.score_sum) IS DISTINCT FROM (coalesce(c.n, 0), "
      "coalesce(c.total, 0))"
      "  RETURNING 1),"
      " created AS ("
      "  INSERT INTO platform.rating_summary (entity_type, entity_id, rating_count, score_sum)"
      "  SELECT c.entity_type, c.entity_id, c.n, c.total FROM counted c"
      "   WHERE NOT EXISTS (SELECT 1 FROM platform.rating_summary s WHERE s.entity_type = "
      "c.entity_type"
      "                       AND s.entity_id = c.entity_id AND s.is_active)"
      "  RETURNING 1)"
      " SELECT (SELECT count(*) FROM corrected) + (SELECT count(*) FROM created)",
      {});
  plan.execute(nullptr, nullptr, false);
  bool is_null = true;
  Datum written = pg::spi_first_value(&is_null);
  return is_null ? 0 : static_cast<std::uint64_t>(DatumGetInt64(written));
}

}  // namespace
}  // namespace fitness::rules

FITNESS_SQL_FUNCTION(fitness_rating_rules) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(fcinfo, "fitness.rating_rules",
                                           pg::fired_before_row_write, pg::kBeforeRowWrite);
  Relation rel = trigdata->tg_relation;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
  rules::RatingColumns cols = rules::columns_of(meta, "fitness.rating_rules()");
  HeapTuple row =
      TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) ? trigdata->tg_trigtuple : trigdata->tg_newtuple;
  TupleDesc desc = RelationGetDescr(rel);
  Datum user = 0, type = 0, entity = 0;
  bool user_null = true, type_null = true, entity_null = true;
  pg::pg_call([&] {
    user = heap_getattr(row, cols.user, desc, &user_null);
    type = heap_getattr(row, cols.entity_type, desc, &type_null);
    entity = heap_getattr(row, cols.entity_id, desc, &entity_null);
  });
  if (user_null || type_null || entity_null) return PointerGetDatum(row);  // NOT NULL's error
  Uuid rater = Uuid::from(DatumGetUUIDP(user));
  // Only for the actor's own ratings (or an operator's, a platform admin's): a rating in
  // another user's name is row-level security's to refuse, and answering it here would tell
  // who owns an entity the actor cannot read.
  if (!rules::acts_for(rater)) return PointerGetDatum(row);
  std::string type_code = pg::text_value(type);

  // The target's table from the registry; an unknown type is the foreign key's error.
  static pg::KeptPlan target_table(
      "SELECT e.table_name::oid FROM core.entity_type e WHERE e.code = $1 AND e.is_active",
      {TEXTOID});
  Datum code_arg = pg::text_datum(type_code);
  pg::SpiSession spi;
  auto owner = pg::ScopedOwnerSwitch::as_role(meta.owner);
  if (target_table.execute(&code_arg, nullptr, true, 1) == 0) return PointerGetDatum(row);
  bool is_null = true;
  Datum target_datum = pg::spi_first_value(&is_null);
  if (is_null) return PointerGetDatum(row);
  Oid target = DatumGetObjectId(target_datum);
  const pg::RelationMeta& target_meta = pg::RelationMetaCache::instance().get(target);
  // Read as the target's owner: whether the rater owns it, whatever the policies show them.
  // Only an owner is told anything (their own row); other raters pass on to the policies.
  auto target_owner = pg::ScopedOwnerSwitch::as_role(target_meta.owner);
  if (!tenancy::user_owns_row(target_meta, rater, entity) &&
      !rules::owns_institution(target_meta, rater, entity))
    return PointerGetDatum(row);
  rules::violated(rules::rule("rating_own_content"),
                  "user " + rater.text() + " cannot rate " + type_code + " " +
                      Uuid::from(DatumGetUUIDP(entity)).text() + ": it is their own",
                  "Ratings are for other people's content; the owner of " +
                      target_meta.schema_name + "." + target_meta.table_name +
                      " row is the rater.");
}

FITNESS_SQL_FUNCTION(fitness_rating_summary_sync) {
  using namespace fitness;
  TriggerData* trigdata =
      pg::trigger_call(fcinfo, "fitness.rating_summary_sync", pg::fired_after_row, pg::kAfterRow);
  Relation rel = trigdata->tg_relation;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
  rules::RatingColumns cols = rules::columns_of(meta, "fitness.rating_summary_sync()");
  TupleDesc desc = RelationGetDescr(rel);
  TriggerEvent event = trigdata->tg_event;
  std::optional<rules::Contribution> before, after;
  if (!TRIGGER_FIRED_BY_INSERT(event))
    before = rules::contribution_of(trigdata->tg_trigtuple, desc, cols);
  if (TRIGGER_FIRED_BY_INSERT(event))
    after = rules::contribution_of(trigdata->tg_trigtuple, desc, cols);
  else if (TRIGGER_FIRED_BY_UPDATE(event))
    after = rules::contribution_of(trigdata->tg_newtuple, desc, cols);
  // An edit of the review or title changes nothing the summary holds.
  if (before && after && before->active == after->active && before->score == after->score &&
      before->entity_type == after->entity_type &&
      (!before->active || (rules::same_uuid(before->entity_id, after->entity_id) &&
                           rules::same_uuid(before->status, after->status))))
    return PointerGetDatum(nullptr);
  if (before && after && before->entity_type != after->entity_type &&
      rules::same_uuid(before->entity_id, after->entity_id) &&
      rules::entity_type_renamed(before->entity_type))
    return PointerGetDatum(nullptr);
  Oid owner = rules::summary_owner();
  if (before) rules::apply(*before, -1, owner);
  if (after) rules::apply(*after, +1, owner);
  return PointerGetDatum(nullptr);
}

// fitness.recount_rating_summaries() RETURNS bigint: fitness_admin's repair, and the
// statement trigger rating_status_recount on platform.rating_status (a status that becomes
// public or stops being public changes which ratings count).
FITNESS_SQL_FUNCTION(fitness_recount_rating_summaries) {
  using namespace fitness;
  bool as_trigger = CALLED_AS_TRIGGER(fcinfo);
  pg::SpiSession spi;
  auto owner = pg::ScopedOwnerSwitch::as_role(rules::summary_owner());
  std::uint64_t written = rules::recount_all();
  if (as_trigger) return PointerGetDatum(nullptr);
  return Int64GetDatum(static_cast<int64>(written));
}
