// SQL-callable authorization helpers (docs/reference/functions.md "Authorization helpers") and the
// RBAC write functions grant_role / revoke_role / expire_roles.

#include "identity/authz.hpp"
#include "pg/args.hpp"
#include "pg/function.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"

namespace fitness::identity {
namespace {

std::optional<Uuid> uuid_arg(FunctionCallInfo fcinfo, int n) {
  if (PG_ARGISNULL(n)) return std::nullopt;
  return Uuid::from(PG_GETARG_UUID_P(n));
}

// Per-call-site cache of the set-valued helpers: a policy calls them once per row with the
// same argument, and the answer only changes with the authorization generation. The array
// lives in the call site's memory (fn_mcxt) and is returned as is (read-only to callers).
struct CallSiteCache {
  std::uint64_t generation;
  int arg_len;  // -1: NULL argument
  char arg[NAMEDATALEN * 2];
  Datum array;
};

template <typename Compute>
Datum cached_uuid_array(FunctionCallInfo fcinfo, Compute&& compute) {
  std::uint64_t generation = authz_generation();
  int arg_len = -1;
  const char* arg = nullptr;
  if (PG_NARGS() > 0 && !PG_ARGISNULL(0)) {
    struct varlena* value =
        pg::pg_call([&] { return PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0)); });
    arg = VARDATA_ANY(value);
    arg_len = VARSIZE_ANY_EXHDR(value);
  }
  auto* cache = static_cast<CallSiteCache*>(fcinfo->flinfo->fn_extra);
  if (cache != nullptr && cache->generation == generation && cache->arg_len == arg_len &&
      (arg_len <= 0 || memcmp(cache->arg, arg, arg_len) == 0))
    return cache->array;
  Datum fresh = compute();
  if (arg_len >= static_cast<int>(sizeof(cache->arg))) return fresh;  // too long to key on
  // The generation may have moved while computing (the cache loaded): key on the new one.
  generation = authz_generation();
  return pg::pg_call([&] {
    MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
    auto* entry = static_cast<CallSiteCache*>(fcinfo->flinfo->fn_extra);
    if (entry == nullptr)
      entry = static_cast<CallSiteCache*>(palloc0(sizeof(CallSiteCache)));
    else if (entry->array != 0)
      pfree(DatumGetPointer(entry->array));
    entry->generation = generation;
    entry->arg_len = arg_len;
    if (arg_len > 0) memcpy(entry->arg, arg, arg_len);
    entry->array = datumCopy(fresh, false, -1);
    fcinfo->flinfo->fn_extra = entry;
    MemoryContextSwitchTo(old);
    return entry->array;
  });
}

bool can_read(Authz& authz, const std::optional<Uuid>& owner,
              const std::optional<Uuid>& institution,
              const std::optional<std::string>& visibility) {
  if (owner && *owner == authz.user) return true;
  if (visibility && *visibility == "public") return true;
  if (visibility && *visibility == "institution" && institution &&
      authz.rank_in(*institution) >= kMember)
    return true;
  if (authz.is_platform_admin()) return true;
  if (owner) {
    const auto& readable = authz.readable_user_ids("user.read_members");
    for (const Uuid& id : readable)
      if (id == *owner) return true;
  }
  return false;
}

bool can_write(Authz& authz, const std::optional<Uuid>& owner,
               const std::optional<Uuid>& institution) {
  if (owner && *owner == authz.user) return true;
  if (authz.is_platform_admin()) return true;
  if (!owner && institution)  // institution content: its admins, or whoever may manage it
    return authz.rank_in(*institution) >= kAdmin ||
           authz.has_permission("institution.manage", &*institution);
  return false;
}

// Who may grant: superusers and fitness_admin always; others through role.grant in the
// institution (institution roles) or role.grant_platform (platform roles).
void require_grant_permission(const std::optional<Uuid>& institution, const char* verb) {
  if (pg::current_user_has_role("fitness_admin")) return;
  Authz* authz = current_authz();
  const char* permission = institution ? "role.grant" : "role.grant_platform";
  if (authz == nullptr || !authz->has_permission(permission, institution ? &*institution : nullptr))
    throw pg::Error(
        ERRCODE_INSUFFICIENT_PRIVILEGE,
        std::string("permission denied to ") + verb + " roles" +
            (institution ? " in institution " + institution->text() : " of platform scope"),
        {}, std::string("requires permission ") + permission);
}

struct RoleInfo {
  Uuid id;
  std::string scope;
  int rank;
};

RoleInfo find_role(const std::string& code) {
  static pg::KeptPlan plan("SELECT id, scope, rank FROM core.role WHERE code = $1 AND is_active",
                           {TEXTOID});
  const char* code_text = code.c_str();
  Datum arg = pg::pg_call([&] { return CStringGetTextDatum(code_text); });
  if (plan.execute(&arg, nullptr, true, 1) == 0)
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE, "unknown role \"" + code + "\"");
  RoleInfo info;
  char* scope = nullptr;
  pg::pg_call([&] {
    bool is_null = false;
    Datum id = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &is_null);
    std::memcpy(info.id.bytes.data(), DatumGetUUIDP(id)->data, UUID_LEN);
    scope = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
    info.rank =
        DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &is_null));
  });
  info.scope = scope;
  return info;
}

// Delegation limits for callers other than fitness_admin (role.grant's rule): only roles
// ranked below the caller's own highest role of that scope (and institution), and
// institution roles only to active members of that institution. Inside an SPI session.
void check_delegation(const RoleInfo& role, const std::string& role_code, const Uuid& user,
                      const std::optional<Uuid>& institution, const char* verb) {
  static pg::KeptPlan caller_rank(
      "SELECT coalesce(max(r.rank), -1) FROM user_mgmt.user_role ur"
      " JOIN core.role r ON r.id = ur.role_id AND r.is_active"
      " WHERE ur.user_id = $1 AND ur.is_active AND r.scope = $2"
      "   AND ur.institution_id IS NOT DISTINCT FROM $3"
      "   AND (ur.expires_at IS NULL OR ur.expires_at > statement_timestamp())",
      {UUIDOID, TEXTOID, UUIDOID});
  static pg::KeptPlan member(
      "SELECT 1 FROM user_mgmt.institution_member WHERE institution_id = $1 AND user_id = $2"
      " AND is_active AND status = 'active'",
      {UUIDOID, UUIDOID});
  auto identity = current_identity();
  if (!identity)
    throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE,
                    std::string("permission denied to ") + verb + " roles: no identity context");
  const char* scope = role.scope.c_str();
  Datum args[3];
  args[0] = identity->user.datum();
  args[1] = pg::pg_call([&] { return CStringGetTextDatum(scope); });
  args[2] = institution ? institution->datum() : 0;
  const char nulls[4] = {' ', ' ', institution ? ' ' : 'n', '\0'};
  caller_rank.execute(args, nulls, true, 1);
  bool is_null = false;
  int rank = DatumGetInt32(pg::spi_first_value(&is_null));
  if (role.rank >= rank)
    throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE,
                    std::string("permission denied to ") + verb + " role \"" + role_code +
                        "\": it is not ranked below your own roles of that scope",
                    {}, "roles can be granted and revoked only below your own rank");
  if (institution && std::string(verb) == "grant") {
    Datum member_args[2] = {institution->datum(), user.datum()};
    if (member.execute(member_args, nullptr, true, 1) == 0)
      throw pg::Error(
          ERRCODE_INVALID_PARAMETER_VALUE,
          "user " + user.text() + " is not an active member of institution " + institution->text());
  }
}

void record_event(const char* event_type, const Uuid& user, const std::optional<Uuid>& institution,
                  Datum payload_role, Datum payload_reason, Datum expires_at, bool expires_null,
                  const std::optional<Uuid>& grant_id, Datum db_role) {
  // Audit trail of RBAC changes: platform.system_event (the outbox), same transaction.
  static pg::KeptPlan plan(
      "INSERT INTO platform.system_event"
      " (event_type, aggregate_type, aggregate_id, payload, actor_user_id, institution_id)"
      " VALUES ($1, 'app_user', $2, jsonb_strip_nulls(jsonb_build_object('role', $3::text,"
      " 'institution_id', $4::uuid, 'expires_at', $5::timestamptz, 'reason', $6::text,"
      " 'user_role_id', $7::uuid, 'db_role', $8::text)), fitness.current_user_id(), $4)",
      {TEXTOID, UUIDOID, TEXTOID, UUIDOID, TIMESTAMPTZOID, TEXTOID, UUIDOID, TEXTOID});
  Datum args[8];
  char nulls[9] = "        ";
  args[7] = db_role;
  args[0] = pg::pg_call([&] { return CStringGetTextDatum(event_type); });
  args[1] = user.datum();
  args[2] = payload_role;
  args[3] = institution ? institution->datum() : static_cast<Datum>(0);
  if (!institution) nulls[3] = 'n';
  args[4] = expires_at;
  if (expires_null) nulls[4] = 'n';
  args[5] = payload_reason;
  if (payload_reason == static_cast<Datum>(0)) nulls[5] = 'n';
  args[6] = grant_id ? grant_id->datum() : static_cast<Datum>(0);
  if (!grant_id) nulls[6] = 'n';
  plan.execute(args, nulls, false);
}

}  // namespace
}  // namespace fitness::identity

using namespace fitness;

// has_permission(permission text, institution_id uuid DEFAULT NULL)
FITNESS_SQL_FUNCTION(fitness_has_permission) {
  if (PG_ARGISNULL(0)) PG_RETURN_BOOL(false);
  identity::Authz* authz = identity::current_authz();
  if (authz == nullptr) PG_RETURN_BOOL(false);
  auto institution = identity::uuid_arg(fcinfo, 1);
  PG_RETURN_BOOL(
      authz->has_permission(pg::text_arg(fcinfo, 0), institution ? &*institution : nullptr));
}

// has_role(role text, institution_id uuid DEFAULT NULL)
FITNESS_SQL_FUNCTION(fitness_has_role) {
  if (PG_ARGISNULL(0)) PG_RETURN_BOOL(false);
  identity::Authz* authz = identity::current_authz();
  if (authz == nullptr) PG_RETURN_BOOL(false);
  auto institution = identity::uuid_arg(fcinfo, 1);
  PG_RETURN_BOOL(authz->has_role(pg::text_arg(fcinfo, 0), institution ? &*institution : nullptr));
}

// is_member(institution_id uuid, min_role text DEFAULT 'member')
FITNESS_SQL_FUNCTION(fitness_is_member) {
  int min_rank =
      PG_ARGISNULL(1) ? identity::kMember : identity::member_rank(pg::text_arg(fcinfo, 1));
  if (PG_ARGISNULL(0)) PG_RETURN_BOOL(false);
  identity::Authz* authz = identity::current_authz();
  if (authz == nullptr) PG_RETURN_BOOL(false);
  PG_RETURN_BOOL(authz->rank_in(*identity::uuid_arg(fcinfo, 0)) >= min_rank);
}

FITNESS_SQL_FUNCTION(fitness_is_platform_admin) {
  (void)fcinfo;
  identity::Authz* authz = identity::current_authz();
  PG_RETURN_BOOL(authz != nullptr && authz->is_platform_admin());
}

// can_read(owner_id uuid, institution_id uuid, visibility text)
FITNESS_SQL_FUNCTION(fitness_can_read) {
  identity::Authz* authz = identity::current_authz();
  if (authz == nullptr) PG_RETURN_BOOL(false);
  std::optional<std::string> visibility;
  if (!PG_ARGISNULL(2)) visibility = pg::text_arg(fcinfo, 2);
  PG_RETURN_BOOL(identity::can_read(*authz, identity::uuid_arg(fcinfo, 0),
                                    identity::uuid_arg(fcinfo, 1), visibility));
}

// can_write(owner_id uuid, institution_id uuid)
FITNESS_SQL_FUNCTION(fitness_can_write) {
  identity::Authz* authz = identity::current_authz();
  if (authz == nullptr) PG_RETURN_BOOL(false);
  PG_RETURN_BOOL(
      identity::can_write(*authz, identity::uuid_arg(fcinfo, 0), identity::uuid_arg(fcinfo, 1)));
}

// my_institution_ids(min_role text DEFAULT 'member') RETURNS uuid[]
FITNESS_SQL_FUNCTION(fitness_my_institution_ids) {
  return identity::cached_uuid_array(fcinfo, [&] {
    int min_rank =
        PG_ARGISNULL(0) ? identity::kMember : identity::member_rank(pg::text_arg(fcinfo, 0));
    identity::Authz* authz = identity::current_authz();
    if (authz == nullptr) return uuid_array({});
    return uuid_array(authz->institutions_with_rank(min_rank));
  });
}

// permitted_institution_ids(permission text) RETURNS uuid[]
FITNESS_SQL_FUNCTION(fitness_permitted_institution_ids) {
  return identity::cached_uuid_array(fcinfo, [&] {
    identity::Authz* authz = identity::current_authz();
    if (authz == nullptr || PG_ARGISNULL(0)) return uuid_array({});
    return uuid_array(authz->institutions_with_permission(pg::text_arg(fcinfo, 0)));
  });
}

// readable_user_ids(permission text) RETURNS uuid[]
FITNESS_SQL_FUNCTION(fitness_readable_user_ids) {
  return identity::cached_uuid_array(fcinfo, [&] {
    identity::Authz* authz = identity::current_authz();
    if (authz == nullptr || PG_ARGISNULL(0)) return uuid_array({});
    return uuid_array(authz->readable_user_ids(pg::text_arg(fcinfo, 0)));
  });
}

// Statement trigger on the RBAC tables: this backend reloads authorization data on next
// use, also within the same transaction; the queued relcache invalidation of the written
// table tells every other backend when (and only if) the transaction commits.
FITNESS_SQL_FUNCTION(fitness_authz_invalidate) {
  if (!CALLED_AS_TRIGGER(fcinfo))
    ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                    errmsg("fitness.authz_invalidate() must be called as a trigger")));
  Relation table = reinterpret_cast<TriggerData*>(fcinfo->context)->tg_relation;
  identity::note_rbac_write(table);
  return PointerGetDatum(nullptr);
}

// grant_role(user_id, role, institution_id, expires_at, reason) RETURNS uuid
FITNESS_SQL_FUNCTION(fitness_grant_role) {
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
    throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED,
                    "grant_role: user_id and role must not be NULL");
  Uuid user = *identity::uuid_arg(fcinfo, 0);
  std::string role = pg::text_arg(fcinfo, 1);
  auto institution = identity::uuid_arg(fcinfo, 2);
  bool no_expiry = PG_ARGISNULL(3);
  TimestampTz expires_at = no_expiry ? 0 : PG_GETARG_TIMESTAMPTZ(3);
  bool no_reason = PG_ARGISNULL(4);
  Datum reason = no_reason ? static_cast<Datum>(0) : PG_GETARG_DATUM(4);

  identity::require_grant_permission(institution, "grant");
  bool admin = pg::current_user_has_role("fitness_admin");
  if (!no_expiry && expires_at <= GetCurrentTimestamp())
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE, "grant_role: expires_at lies in the past");
  Datum db_role = pg::client_role_name();

  Uuid grant_id;
  {  // the SPI session ends before the result is built in the caller's memory
    pg::SpiSession spi;
    pg::ScopedOwnerSwitch owner(pg::relation_oid("user_mgmt", "user_role"));
    identity::RoleInfo info = identity::find_role(role);
    if (info.scope == "platform" && institution)
      throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                      "role \"" + role + "\" has platform scope: institution_id must be NULL");
    if (info.scope == "institution" && !institution)
      throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                      "role \"" + role + "\" has institution scope: institution_id is required");

    static pg::KeptPlan user_plan("SELECT 1 FROM user_mgmt.app_user WHERE id = $1 AND is_active",
                                  {UUIDOID});
    Datum user_datum = user.datum();
    if (user_plan.execute(&user_datum, nullptr, false, 1) == 0)
      throw pg::Error(ERRCODE_FOREIGN_KEY_VIOLATION,
                      "grant_role: unknown or inactive user " + user.text());
    if (!admin) identity::check_delegation(info, role, user, institution, "grant");

    static pg::KeptPlan insert_plan(
        "INSERT INTO user_mgmt.user_role (user_id, role_id, institution_id, granted_by, "
        "expires_at, reason)"
        " VALUES ($1, $2, $3, fitness.current_user_id(), $4, $5) RETURNING id",
        {UUIDOID, UUIDOID, UUIDOID, TIMESTAMPTZOID, TEXTOID});
    Datum args[5] = {user_datum, info.id.datum(), institution ? institution->datum() : 0,
                     TimestampTzGetDatum(expires_at), reason};
    char nulls[6] = "     ";
    if (!institution) nulls[2] = 'n';
    if (no_expiry) nulls[3] = 'n';
    if (no_reason) nulls[4] = 'n';
    insert_plan.execute(args, nulls, false);
    bool is_null = false;
    grant_id = Uuid::from(DatumGetUUIDP(pg::spi_first_value(&is_null)));
    const char* role_text = role.c_str();
    Datum role_datum = pg::pg_call([&] { return CStringGetTextDatum(role_text); });
    identity::record_event("role.granted", user, institution, role_datum, reason,
                           TimestampTzGetDatum(expires_at), no_expiry, grant_id, db_role);
  }
  identity::bump_authz_generation();
  return grant_id.datum();
}

// revoke_role(user_id, role, institution_id DEFAULT NULL, reason DEFAULT NULL) RETURNS integer
FITNESS_SQL_FUNCTION(fitness_revoke_role) {
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
    throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED,
                    "revoke_role: user_id and role must not be NULL");
  Uuid user = *identity::uuid_arg(fcinfo, 0);
  std::string role = pg::text_arg(fcinfo, 1);
  auto institution = identity::uuid_arg(fcinfo, 2);
  bool no_reason = PG_ARGISNULL(3);
  Datum reason = no_reason ? static_cast<Datum>(0) : PG_GETARG_DATUM(3);

  identity::require_grant_permission(institution, "revoke");
  bool admin = pg::current_user_has_role("fitness_admin");
  Datum db_role = pg::client_role_name();
  pg::SpiSession spi;
  pg::ScopedOwnerSwitch owner(pg::relation_oid("user_mgmt", "user_role"));
  identity::RoleInfo info = identity::find_role(role);
  if (!admin) identity::check_delegation(info, role, user, institution, "revoke");
  static pg::KeptPlan revoke_plan(
      "UPDATE user_mgmt.user_role SET is_active = false, deleted_at = now(),"
      " deleted_by = fitness.current_user_id(), updated_at = now(), updated_by = "
      "fitness.current_user_id()"
      " WHERE user_id = $1 AND role_id = $2 AND institution_id IS NOT DISTINCT FROM $3 AND "
      "is_active",
      {UUIDOID, UUIDOID, UUIDOID});
  Datum args[3] = {user.datum(), info.id.datum(), institution ? institution->datum() : 0};
  const char nulls[4] = {' ', ' ', institution ? ' ' : 'n', '\0'};
  std::uint64_t revoked = revoke_plan.execute(args, nulls, false);
  if (revoked > 0) {
    const char* role_text = role.c_str();
    Datum role_datum = pg::pg_call([&] { return CStringGetTextDatum(role_text); });
    identity::record_event("role.revoked", user, institution, role_datum, reason, 0, true,
                           std::nullopt, db_role);
  }
  identity::bump_authz_generation();
  PG_RETURN_INT32(static_cast<int32>(revoked));
}

// expire_roles() RETURNS integer: retires grants whose expires_at has passed (they already
// stopped counting at that instant) and records one role.expired event each.
FITNESS_SQL_FUNCTION(fitness_expire_roles) {
  (void)fcinfo;
  if (!pg::current_user_has_role("fitness_admin"))
    throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE, "permission denied to expire roles", {},
                    "fitness.expire_roles() is for fitness_admin (maintenance)");
  pg::SpiSession spi;
  pg::ScopedOwnerSwitch owner(pg::relation_oid("user_mgmt", "user_role"));
  static pg::KeptPlan plan(
      "WITH expired AS ("
      "  UPDATE user_mgmt.user_role ur SET is_active = false, deleted_at = now(), updated_at = "
      "now()"
      "  WHERE ur.is_active AND ur.expires_at <= now() RETURNING ur.id, ur.user_id, ur.role_id,"
      "  ur.institution_id, ur.expires_at)"
      " INSERT INTO platform.system_event"
      " (event_type, aggregate_type, aggregate_id, payload, actor_user_id, institution_id)"
      " SELECT 'role.expired', 'app_user', e.user_id, jsonb_strip_nulls(jsonb_build_object("
      "  'role', r.code, 'institution_id', e.institution_id, 'expires_at', e.expires_at,"
      "  'user_role_id', e.id)), NULL, e.institution_id"
      " FROM expired e JOIN core.role r ON r.id = e.role_id",
      {});
  std::uint64_t expired = plan.execute(nullptr, nullptr, false);
  identity::bump_authz_generation();
  PG_RETURN_INT32(static_cast<int32>(expired));
}
