// Institutions: fitness.institution_member_rules(), BEFORE INSERT OR UPDATE OR DELETE ... FOR
// EACH ROW on user_mgmt.institution_member.
//  - member_role_rank (42501): a member_role is given (on invitation or by a change) only
//    below the actor's own rank in the institution, and only to a member ranked below the
//    actor; an owner may also make owners. A platform admin, fitness_admin or a superuser
//    may do anything; the first member of an institution without members may be its owner
//    (the founder).
//  - institution_max_members (23514): an institution holds at most max_members members
//    invited or active (its own max_members, else the system setting
//    institution.default_max_members).
//  - institution_last_owner (P0001): the last active owner cannot leave, be removed,
//    suspended, demoted or (soft-)deleted; a hard delete (purge, fitness.hard_delete) may.
// The two counting rules lock the institution row first (FOR NO KEY UPDATE), so two joins or
// two owners leaving at once are decided one after the other, each seeing the other's commit.
#include <optional>
#include <string>

#include "common/sanctioned_writes.hpp"
#include "identity/authz.hpp"
#include "identity/context.hpp"
#include "pg/args.hpp"
#include "pg/function.hpp"
#include "pg/relation_cache.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"
#include "rules/actor.hpp"
#include "rules/rule.hpp"

namespace fitness::rules {
namespace {

struct Member {
  Uuid id, institution, user;
  std::string role, status;
  bool is_active = false;
  // Counts toward max_members: invited or active.
  bool holds_place() const { return is_active && (status == "invited" || status == "active"); }
  bool is_active_owner() const { return is_active && status == "active" && role == "owner"; }
};

Member read_member(HeapTuple row, TupleDesc desc, const pg::RelationMeta& meta) {
  Member m;
  auto column = [&](const char* name) {
    const pg::ColumnMeta* c = meta.find(name);
    if (c == nullptr)
      throw pg::Error(
          ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
          "fitness.institution_member_rules(): " + meta.table_name + " has no column " + name);
    return c->attnum;
  };
  AttrNumber at[6] = {meta.id_attnum,        column("institution_id"), column("user_id"),
                      column("member_role"), column("status"),         column("is_active")};
  Datum values[6];
  bool nulls[6];
  pg::pg_call([&] {
    for (int i = 0; i < 6; i++) values[i] = heap_getattr(row, at[i], desc, &nulls[i]);
  });
  if (nulls[1] || nulls[2] || nulls[3] || nulls[4])  // the table's NOT NULL errors
    throw pg::Error(ERRCODE_NOT_NULL_VIOLATION,
                    "institution_member: institution_id, user_id, member_role and status must "
                    "not be NULL");
  if (!nulls[0]) m.id = Uuid::from(DatumGetUUIDP(values[0]));
  m.institution = Uuid::from(DatumGetUUIDP(values[1]));
  m.user = Uuid::from(DatumGetUUIDP(values[2]));
  m.role = pg::text_value(values[3]);
  m.status = pg::text_value(values[4]);
  m.is_active = nulls[5] || DatumGetBool(values[5]);
  return m;
}

// Locks the institution row for the rest of the transaction; returns its max_members or the
// system default.
long lock_institution(const Uuid& institution) {
  static pg::KeptPlan plan(
      "SELECT coalesce(i.max_members, (SELECT (s.value #>> '{}')::integer"
      "   FROM platform.system_setting s"
      "  WHERE s.key = 'institution.default_max_members' AND s.is_active))"
      "  FROM user_mgmt.institution i WHERE i.id = $1 FOR NO KEY UPDATE",
      {UUIDOID});
  Datum args[1] = {institution.datum()};
  plan.execute(args, nullptr, false);
  bool is_null = true;
  Datum max = pg::spi_first_value(&is_null);
  return is_null ? -1 : static_cast<long>(DatumGetInt32(max));
}

std::int64_t count(const char* which, const Uuid& institution, const Uuid& except) {
  static pg::KeptPlan places(
      "SELECT count(*) FROM user_mgmt.institution_member"
      " WHERE institution_id = $1 AND id <> $2 AND is_active AND status IN ('invited', "
      "'active')",
      {UUIDOID, UUIDOID});
  static pg::KeptPlan owners(
      "SELECT count(*) FROM user_mgmt.institution_member"
      " WHERE institution_id = $1 AND id <> $2 AND is_active AND status = 'active'"
      "   AND member_role = 'owner'",
      {UUIDOID, UUIDOID});
  static pg::KeptPlan any(
      "SELECT count(*) FROM user_mgmt.institution_member"
      " WHERE institution_id = $1 AND id <> $2 AND is_active",
      {UUIDOID, UUIDOID});
  pg::KeptPlan& plan = std::string(which) == "places"   ? places
                       : std::string(which) == "owners" ? owners
                                                        : any;
  Datum args[2] = {institution.datum(), except.datum()};
  // The latest snapshot, also under REPEATABLE READ: counted after the institution's lock,
  // so a join or a leave committed by the previous locker is counted.
  pg::LatestSnapshotScope latest;
  plan.execute(args, nullptr, true);
  bool is_null = true;
  return DatumGetInt64(pg::spi_first_value(&is_null));
}

[[noreturn]] void refuse(const char* rule_name, const Member& m, std::string message,
                         std::string detail = {}) {
  violated(rule(rule_name),
           "institution_member " + m.id.text() + " (user " + m.user.text() + " in institution " +
               m.institution.text() + "): " + message,
           std::move(detail));
}

void check_rank(const Member& m, const std::optional<Member>& before) {
  // A row moved to another user or institution gives its role anew (to someone who did not
  // hold it): else an admin could hand the owner's row to themselves.
  bool moved = before && (before->user != m.user || before->institution != m.institution);
  bool role_given = !before || moved || before->role != m.role;
  if (!role_given || is_operator() || is_platform_admin()) return;
  identity::Authz* authz = identity::current_authz();
  int actor = authz == nullptr ? identity::kNotMember : authz->rank_in(m.institution);
  int given = identity::member_rank(m.role);
  int held = before && !moved ? identity::member_rank(before->role) : identity::kNotMember;
  if (!before && given == identity::kOwner) {  // the founder: no member yet
    pg::SpiSession spi;
    auto owner =
        pg::ScopedOwnerSwitch::as_role(pg::RelationMetaCache::instance()
                                           .get(pg::relation_oid("user_mgmt", "institution_member"))
                                           .owner);
    if (count("any", m.institution, m.id) == 0) return;
  }
  bool may = actor == identity::kOwner || (given < actor && held < actor);
  if (!may)
    refuse("member_role_rank", m,
           moved ? "permission denied to move a membership as " + shown(m.role) +
                       " to another user or institution"
           : before ? "permission denied to change member_role " + shown(before->role) + " to " +
                          shown(m.role)
                    : "permission denied to add a member as " + shown(m.role),
           "A role is given only below your own rank (" +
               std::string(actor == identity::kNotMember ? "not a member"
                                                         : "rank " + std::to_string(actor)) +
               "; owner 4, admin 3, coach 2, member 1), to members ranked below you.");
}

}  // namespace
}  // namespace fitness::rules

FITNESS_SQL_FUNCTION(fitness_institution_member_rules) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(fcinfo, "fitness.institution_member_rules");
  TriggerEvent event = trigdata->tg_event;
  if (!TRIGGER_FIRED_FOR_ROW(event) || !TRIGGER_FIRED_BEFORE(event) ||
      TRIGGER_FIRED_BY_TRUNCATE(event))
    throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                    "fitness.institution_member_rules() must be a BEFORE INSERT OR UPDATE OR "
                    "DELETE ... FOR EACH ROW trigger");
  Relation rel = trigdata->tg_relation;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
  TupleDesc desc = RelationGetDescr(rel);
  bool is_insert = TRIGGER_FIRED_BY_INSERT(event), is_delete = TRIGGER_FIRED_BY_DELETE(event);
  HeapTuple row = is_insert || is_delete ? trigdata->tg_trigtuple : trigdata->tg_newtuple;
  std::optional<rules::Member> before;
  if (!is_insert) before = rules::read_member(trigdata->tg_trigtuple, desc, meta);
  rules::Member after = rules::read_member(row, desc, meta);
  if (is_delete) after.is_active = false;

  if (!is_delete) rules::check_rank(after, before);
  bool takes_place = after.holds_place() && !(before && before->holds_place());
  // A hard delete (purge, hard_delete, retention) erases the row: no owner rule holds it.
  bool loses_owner = before && before->is_active_owner() && !after.is_active_owner() &&
                     !(is_delete && common::hard_delete_running());
  if (!takes_place && !loses_owner) return PointerGetDatum(row);

  pg::SpiSession spi;
  auto owner = pg::ScopedOwnerSwitch::as_role(meta.owner);
  long max = rules::lock_institution(after.institution);
  if (takes_place && max > 0 && rules::count("places", after.institution, after.id) >= max)
    rules::refuse("institution_max_members", after,
                  "the institution is full (" + std::to_string(max) + " members)",
                  "Invited and active members count; max_members of user_mgmt.institution, "
                  "else the setting institution.default_max_members.");
  if (loses_owner && rules::count("owners", after.institution, after.id) == 0)
    rules::refuse("institution_last_owner", after, "the last active owner cannot leave",
                  "Make another member owner first.");
  return PointerGetDatum(row);
}
