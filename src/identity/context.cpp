#include "identity/context.hpp"

#include "common/actor.hpp"

#include <cerrno>
#include <ctime>
#include <unordered_map>

#include "common/actor.hpp"
#include "identity/authz.hpp"
#include "identity/jwt.hpp"
#include "identity/keyring.hpp"
#include "identity/provisioning.hpp"
#include "pg/cache_stats.hpp"
#include "pg/args.hpp"
#include "pg/function.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/load_steps.hpp"

namespace fitness::identity {
namespace {

constexpr int kReason = ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION;  // 28000

// Parsed value of fitness.context (GUC "extra": malloc'd by the check hook).
struct ContextValue {
  bool set;
  Uuid user;
  bool has_institution;
  Uuid institution;
  std::uint64_t serial;  // which write_context of this backend made it (0: written by other means)
  const char* claims;    // verified token payload (JSON) after authenticate; nullptr otherwise
};

const ContextValue* current_value = nullptr;

// Contexts written before a failed authenticate or set_context stop counting, whatever the
// GUC machinery restores when the failed (sub)transaction aborts: values with a serial below
// the floor are ignored (and cleared before the next statement, see context_guard_start).
// Backend memory, so no rollback brings them back.
std::uint64_t next_serial = 1;
std::uint64_t serial_floor = 0;

// Whether the acting user (and the institution and membership the context names) is still
// active, decided when the context or the data behind it changed (the RBAC invalidations
// also cover app_user's is_active). A change seen in the middle of a statement counts from
// the next statement; a statement is known by its start time and its transaction.
struct Verdict {
  std::uint64_t identity_generation = 0;
  std::uint64_t data_generation = 0;
  TimestampTz statement = 0;
  LocalTransactionId transaction = InvalidLocalTransactionId;
  bool active = false;
  bool keep = false;  // decided with the latest snapshot (not in parallel mode)
};
Verdict verdict;
bool checking_identity = false;  // our own look-up runs SQL: no re-entry from the hooks
// Two counters: who is acting (bumped when fitness.context changes) and the data behind
// authorization (bumped when the RBAC tables change, here or in a committed transaction of
// another backend, and when a (sub)transaction that may have written them aborts).
std::uint64_t identity_generation = 1;
std::uint64_t data_generation = 1;

char* context_setting = nullptr;
char* jwt_user_claim_setting = nullptr;
int jwt_leeway_setting = 30;

// Setting value: "" (no context), "<user uuid>" or "<user uuid>/<institution uuid>", followed
// by "#<serial>" when write_context wrote it, and by "|<claims JSON>" after authenticate (so
// the claims have the context's transaction semantics and reach parallel workers with it).
// Plain C on purpose: PostgreSQL calls this hook directly, so nothing here may throw.
bool check_context(char** newval, void** extra, GucSource) {
  ContextValue parsed{};
  const char* value = *newval ? *newval : "";
  size_t len = strlen(value);
  const char* hash = strchr(value, '#');
  const char* claims = nullptr;
  if (hash != nullptr) {  // "#<serial>": written by write_context
    char* end = nullptr;
    errno = 0;
    unsigned long long serial = strtoull(hash + 1, &end, 10);
    if (hash[1] == '\0' || (*end != '\0' && *end != '|') || errno != 0) {
      GUC_check_errdetail("fitness.context has a malformed serial.");
      return false;
    }
    if (*end == '|') claims = end + 1;
    parsed.serial = serial;
    len = static_cast<size_t>(hash - value);
  }
  if (len > 0) {
    const char* slash = static_cast<const char*>(memchr(value, '/', len));
    size_t user_len = slash ? static_cast<size_t>(slash - value) : len;
    if (!parse_uuid_text(value, user_len, &parsed.user)) {
      GUC_check_errdetail("fitness.context must be empty or \"<user uuid>[/<institution uuid>]\".");
      return false;
    }
    parsed.set = true;
    if (slash != nullptr) {
      if (!parse_uuid_text(slash + 1, len - user_len - 1, &parsed.institution)) {
        GUC_check_errdetail("fitness.context has a malformed institution uuid.");
        return false;
      }
      parsed.has_institution = true;
    }
  }
  // GUC frees extra with free(): one block, the claims' copy after the struct.
  size_t claims_size = claims != nullptr ? strlen(claims) + 1 : 0;
  auto* stored = static_cast<ContextValue*>(malloc(sizeof(ContextValue) + claims_size));
  if (stored == nullptr) return false;
  *stored = parsed;
  if (claims != nullptr) {
    char* copy = reinterpret_cast<char*>(stored + 1);
    memcpy(copy, claims, claims_size);
    stored->claims = copy;
  }
  *extra = stored;
  return true;
}

void assign_context(const char*, void* extra) {
  current_value = static_cast<const ContextValue*>(extra);
  ++identity_generation;
}

// Committed data stays cached across transactions (other backends' commits arrive as
// invalidation messages, see authz.cpp). Data loaded after this transaction's own RBAC
// writes is dropped when they are undone: an aborted (sub)transaction's invalidations,
// queued by the RBAC tables' triggers, are processed locally by PostgreSQL at the abort
// (and at PREPARE TRANSACTION), which reaches the same callback. Other aborts keep the
// cache warm.

std::string set_config_value(const Uuid& user, const std::optional<Uuid>& institution,
                             std::string_view claims) {
  std::string value = user.text();
  if (institution) value += "/" + institution->text();
  value += "#" + std::to_string(next_serial++);
  if (!claims.empty()) value.append("|").append(claims);
  return value;
}

void write_context(const std::string& value, bool is_local) {
  const char* text = value.c_str();
  pg::pg_call([&] {
    (void)set_config_option("fitness.context", text, PGC_SUSET, PGC_S_SESSION,
                            is_local ? GUC_ACTION_LOCAL : GUC_ACTION_SET, true, 0, false);
  });
}

enum class IdentityState { Active, UnknownUser, InactiveUser, NotMember };

// Whether the user exists and is active and, when an institution is named, is an active
// member of it and the institution is active. Runs as the owner of the tables (the
// caller's row-level security must not hide them) with the latest snapshot, so an answer
// kept until the next invalidation is never older than the invalidations already read.
IdentityState identity_state(const Uuid& user, const std::optional<Uuid>& institution,
                             bool* latest) {
  static pg::KeptPlan user_plan("SELECT is_active FROM user_mgmt.app_user WHERE id = $1",
                                {UUIDOID});
  static pg::KeptPlan member_plan(
      "SELECT 1 FROM user_mgmt.institution_member m"
      " JOIN user_mgmt.institution i ON i.id = m.institution_id AND i.is_active"
      " WHERE m.institution_id = $1 AND m.user_id = $2 AND m.is_active AND m.status = 'active'",
      {UUIDOID, UUIDOID});
  watch_rbac_tables();
  pg::SpiSession spi;
  pg::LatestSnapshotScope snapshot;
  *latest = snapshot.taken_latest();
  pg::ScopedOwnerSwitch owner(pg::relation_oid("user_mgmt", "app_user"));
  Datum user_arg = user.datum();
  if (user_plan.execute(&user_arg, nullptr, true, 1) == 0) return IdentityState::UnknownUser;
  bool is_null = false;
  if (!DatumGetBool(pg::spi_first_value(&is_null))) return IdentityState::InactiveUser;
  if (institution) {
    Datum args[2] = {institution->datum(), user_arg};
    if (member_plan.execute(args, nullptr, true, 1) == 0) return IdentityState::NotMember;
  }
  return IdentityState::Active;
}

// The look-up above for the current context, guarded against re-entry (its SQL passes
// through our executor hook and may call current_identity).
bool context_still_active(const ContextValue& value) {
  checking_identity = true;
  bool latest = false;
  IdentityState state = IdentityState::UnknownUser;
  try {
    std::optional<Uuid> institution;
    if (value.has_institution) institution = value.institution;
    state = identity_state(value.user, institution, &latest);
  } catch (...) {
    checking_identity = false;
    throw;
  }
  checking_identity = false;
  verdict.identity_generation = identity_generation;
  verdict.data_generation = data_generation;
  verdict.statement = GetCurrentStatementStartTimestamp();
  verdict.transaction = MyProc->lxid;
  verdict.active = state == IdentityState::Active;
  verdict.keep = latest;
  return verdict.active;
}

// For set_context and authenticate: refuses unknown and inactive users and institutions the
// user is no active member of (28000); the context written next starts out checked. Returns
// whether the answer came from the latest snapshot (so it may be kept until an invalidation).
bool validate_identity(const Uuid& user, const std::optional<Uuid>& institution) {
  bool latest = false;
  checking_identity = true;
  IdentityState state;
  try {
    state = identity_state(user, institution, &latest);
  } catch (...) {
    checking_identity = false;
    throw;
  }
  checking_identity = false;
  switch (state) {
    case IdentityState::UnknownUser:
      throw pg::Error(kReason, "unknown user " + user.text());
    case IdentityState::InactiveUser:
      throw pg::Error(kReason, "user " + user.text() + " is inactive");
    case IdentityState::NotMember:
      throw pg::Error(kReason, "user " + user.text() + " is not an active member of institution " +
                                   institution->text());
    case IdentityState::Active:
      break;
  }
  return latest;
}

// Writes a context that validate_identity has just accepted: its verdict is that check.
void write_checked_context(const Uuid& user, const std::optional<Uuid>& institution, bool is_local,
                           std::string_view claims = {}) {
  write_context(set_config_value(user, institution, claims), is_local);
  verdict.identity_generation = identity_generation;
  verdict.data_generation = data_generation;
  verdict.statement = GetCurrentStatementStartTimestamp();
  verdict.transaction = MyProc->lxid;
  verdict.active = true;
  verdict.keep = !IsInParallelMode();
}

// A failed authenticate or set_context: every context written so far stops counting, also
// the one a rollback of this (sub)transaction restores.
void refuse_earlier_contexts() noexcept { serial_floor = next_serial; }

struct ResolvedUser {
  Uuid id;
  bool active;
  bool written_here;  // by this (still open) transaction: may yet roll back
};

// The account a verified token names. A key without issuer is the platform's own: its sub
// is an account's id (canonical form) or the auth_subject of an account without issuer. A
// key with an issuer is an identity provider's: its sub names only an account of that issuer
// (auth_issuer), never an id, so no provider can sign in another provider's or the
// platform's accounts. An auth_subject may not be another account's id
// (fitness.app_user_identity_guard), and an id wins over a subject.
std::optional<ResolvedUser> resolve_subject(const std::string& subject,
                                            const std::optional<std::string>& issuer) {
  static pg::KeptPlan plan(
      "SELECT id, is_active, xmin FROM user_mgmt.app_user"
      " WHERE ($3::text IS NULL AND id = $2) OR (auth_subject = $1 AND auth_issuer IS NOT DISTINCT "
      "FROM $3)"
      " ORDER BY ($3::text IS NULL AND id IS NOT DISTINCT FROM $2) DESC, is_active DESC LIMIT 1",
      {TEXTOID, UUIDOID, TEXTOID});
  std::optional<Uuid> as_uuid = issuer ? std::nullopt : account_id_of_subject(subject);
  watch_rbac_tables();
  pg::SpiSession spi;
  pg::LatestSnapshotScope snapshot;  // the answer may be kept (sign_ins below)
  pg::ScopedOwnerSwitch owner(pg::relation_oid("user_mgmt", "app_user"));
  Datum args[3];
  args[0] = pg::text_datum(subject);
  args[1] = as_uuid ? as_uuid->datum() : static_cast<Datum>(0);
  args[2] = issuer ? pg::text_datum(*issuer) : static_cast<Datum>(0);
  const char nulls[4] = {' ', as_uuid ? ' ' : 'n', issuer ? ' ' : 'n', '\0'};
  if (plan.execute(args, nulls, true, 1) == 0) return std::nullopt;
  ResolvedUser found{};
  pg::pg_call([&] {
    bool null_id = false, null_active = false;
    HeapTuple row = SPI_tuptable->vals[0];
    TupleDesc desc = SPI_tuptable->tupdesc;
    Datum id = SPI_getbinval(row, desc, 1, &null_id);
    Datum active = SPI_getbinval(row, desc, 2, &null_active);
    Datum xmin = SPI_getbinval(row, desc, 3, &null_active);
    std::memcpy(found.id.bytes.data(), DatumGetUUIDP(id)->data, UUID_LEN);
    found.active = DatumGetBool(active);
    found.written_here = TransactionIdIsCurrentTransactionId(DatumGetTransactionId(xmin));
  });
  return found;
}

// Sign-ins this backend verified recently: (subject, institution) -> the account, while the
// data behind it is unchanged (app_user's is_active and auth_subject, memberships and
// institutions all bump the data generation, here at once and from other backends through
// their invalidations), so a pooled connection signing in the same users again runs no SQL.
// Only successes are kept, and only answers read with the latest snapshot.
struct SignIn {
  Uuid user;
  std::uint64_t data_generation;
};
std::unordered_map<std::string, SignIn> sign_ins;
constexpr size_t kMaxSignIns = 1024;
pg::CacheStats sign_in_stats{"sign_in", [] { return static_cast<std::int64_t>(sign_ins.size()); }};

std::string sign_in_key(const std::string& subject, const std::optional<std::string>& issuer,
                        const std::optional<Uuid>& institution) {
  std::string key = subject;
  key.push_back(
      '\0');  // a subject or issuer holds no NUL (the JSON reader, text columns refuse it)
  if (issuer) key.append(*issuer).push_back('\0');
  key.push_back(issuer ? 'i' : '-');
  if (institution) key.append(reinterpret_cast<const char*>(institution->bytes.data()), UUID_LEN);
  return key;
}

const Uuid* cached_sign_in(const std::string& key) {
  auto found = sign_ins.find(key);
  if (found == sign_ins.end() || found->second.data_generation != data_generation) {
    ++sign_in_stats.misses;
    return nullptr;
  }
  ++sign_in_stats.hits;
  return &found->second.user;
}

void remember_sign_in(const std::string& key, const Uuid& user) {
  if (sign_ins.size() >= kMaxSignIns) {
    sign_ins.clear();
    ++sign_in_stats.invalidations;
  }
  sign_ins[key] = SignIn{user, data_generation};
}

}  // namespace

std::optional<Uuid> account_id_of_subject(const std::string& subject) noexcept {
  std::optional<Uuid> id = parse_uuid(subject);
  try {
    if (id && id->text() == subject) return id;
  } catch (...) {  // text() allocates
  }
  return std::nullopt;
}

std::optional<Identity> current_identity() {
  const ContextValue* value = current_value;
  if (value == nullptr || !value->set || value->serial < serial_floor) return std::nullopt;
  Identity identity{value->user, std::nullopt};
  if (value->has_institution) identity.institution = value->institution;
  if (checking_identity) return identity;  // our own look-up of it
  bool decided = verdict.identity_generation == identity_generation &&
                 verdict.data_generation == data_generation &&
                 (verdict.keep || verdict.transaction == MyProc->lxid);
  // Data changed in the middle of this statement (e.g. by the statement itself): the
  // verdict stands until the next one.
  bool same_statement = verdict.identity_generation == identity_generation &&
                        verdict.statement == GetCurrentStatementStartTimestamp() &&
                        verdict.transaction == MyProc->lxid;
  if (!decided && !same_statement && !context_still_active(*value)) return std::nullopt;
  if ((decided || same_statement) && !verdict.active) return std::nullopt;
  return identity;
}

const char* current_claims_json() noexcept {
  return current_value != nullptr ? current_value->claims : nullptr;
}

std::uint64_t authz_generation() noexcept { return identity_generation + data_generation; }
std::uint64_t authz_data_generation() noexcept { return data_generation; }
void bump_authz_generation() noexcept { ++data_generation; }

namespace {

ExecutorStart_hook_type previous_executor_start = nullptr;

// Before each statement: a context that no longer counts (refused by a failed authenticate,
// or its user, institution or membership no longer active) is cleared, so parallel workers,
// which read the setting but not this backend's memory, never act on it either. Only where
// a setting may change: not in a worker, not while a parallel query runs. Invalidations
// committed by others are read first: a statement that touches no table (a bare SELECT
// fitness.current_user_id()) takes no lock that would read them.
void context_guard_start(QueryDesc* query, int eflags) {
  if (current_value != nullptr && current_value->set && !checking_identity && !IsParallelWorker() &&
      !IsInParallelMode())
    (void)pg::guard([&]() -> Datum {
      pg::pg_call([] { AcceptInvalidationMessages(); });
      if (!current_identity()) write_context("", false);
      return static_cast<Datum>(0);
    });
  if (previous_executor_start != nullptr)
    previous_executor_start(query, eflags);
  else
    standard_ExecutorStart(query, eflags);
}

}  // namespace

// Outermost: the guard clears a context that stopped counting before any other hook (the
// policy proof evaluates helpers at executor start) can use it.
FITNESS_LOAD_STEP(context_guard, pg::LoadPhase::kOutermostHooks) {
  pg::register_cache(&sign_in_stats);
  // The stamp trigger (common/) asks through this hook, not by including identity/.
  set_acting_user_source([]() -> std::optional<Uuid> {
    std::optional<Identity> identity = current_identity();
    if (!identity) return std::nullopt;
    return identity->user;
  });
  previous_executor_start = ExecutorStart_hook;
  ExecutorStart_hook = context_guard_start;
}

// Last of all steps: reserves the fitness. prefix once every setting is defined.
FITNESS_LOAD_STEP(identity_settings, pg::LoadPhase::kReservePrefix) {
  pg::pg_call([] {
    DefineCustomStringVariable(
        "fitness.context", "Identity context (set only by fitness.set_context/authenticate).",
        nullptr, &context_setting, "", PGC_SUSET,
        GUC_NO_SHOW_ALL | GUC_NOT_IN_SAMPLE | GUC_DISALLOW_IN_FILE | GUC_SUPERUSER_ONLY,
        check_context, assign_context, nullptr);
    DefineCustomStringVariable("fitness.jwt_user_claim",
                               "Token claim that names the app_user (its id or auth_subject).",
                               nullptr, &jwt_user_claim_setting, "sub", PGC_SUSET,
                               GUC_NOT_IN_SAMPLE, nullptr, nullptr, nullptr);
    DefineCustomIntVariable(
        "fitness.jwt_leeway", "Clock skew tolerated on exp and nbf, in seconds.", nullptr,
        &jwt_leeway_setting, 30, 0, 600, PGC_SUSET, GUC_UNIT_S, nullptr, nullptr, nullptr);
    // The HS256 secret used to be a setting; placeholders are readable by every role, so a
    // value left in a configuration file is named here and then removed with the others.
    // (A placeholder whose line was removed lives on, empty, until the server restarts.)
    const char* left_over = GetConfigOption("fitness.jwt_secret", true, false);
    if (left_over != nullptr && left_over[0] != '\0')
      ereport(
          WARNING,
          (errmsg("fitness.jwt_secret is no longer used and is being removed"),
           errdetail("Tokens are verified with the key ring; a setting is readable by every role "
                     "until the "
                     "library is loaded."),
           errhint("Add the secret with SELECT fitness.add_jwt_key('<kid>', 'HS256', '<secret>'), "
                   "then delete "
                   "fitness.jwt_secret from postgresql.conf (or ALTER SYSTEM RESET "
                   "fitness.jwt_secret).")));
    // No placeholder can shadow a fitness.* setting once the library is loaded.
    MarkGUCPrefixReserved("fitness");
  });
}

}  // namespace fitness::identity

using fitness::Uuid;

FITNESS_SQL_FUNCTION(fitness_current_user_id) {
  auto identity = fitness::identity::current_identity();
  if (!identity) PG_RETURN_NULL();
  return identity->user.datum();
}

FITNESS_SQL_FUNCTION(fitness_current_institution_id) {
  auto identity = fitness::identity::current_identity();
  if (!identity || !identity->institution) PG_RETURN_NULL();
  return identity->institution->datum();
}

// fitness.set_context(user_id uuid, institution_id uuid, is_local boolean)
FITNESS_SQL_FUNCTION(fitness_set_context) {
  using namespace fitness;
  if (!pg::current_user_has_role("fitness_service") && !pg::current_user_has_role("fitness_admin"))
    throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE, "permission denied to set the identity context",
                    {},
                    "Only fitness_service and fitness_admin may call fitness.set_context; "
                    "applications sign in with fitness.authenticate(token).");
  try {
    if (PG_ARGISNULL(0))
      throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED, "set_context: user_id must not be NULL");
    Uuid user = Uuid::from(PG_GETARG_UUID_P(0));
    std::optional<Uuid> institution;
    if (!PG_ARGISNULL(1)) institution = Uuid::from(PG_GETARG_UUID_P(1));
    bool is_local = PG_ARGISNULL(2) ? true : PG_GETARG_BOOL(2);
    identity::validate_identity(user, institution);
    identity::write_checked_context(user, institution, is_local);
  } catch (...) {
    identity::refuse_earlier_contexts();  // no earlier context outlives a refused switch
    throw;
  }
  PG_RETURN_VOID();
}

FITNESS_SQL_FUNCTION(fitness_clear_context) {
  (void)fcinfo;
  fitness::identity::write_context("", false);
  PG_RETURN_VOID();
}

namespace {

// authenticate's work; every failure is a pg::Error with SQLSTATE 28000 naming the reason.
Uuid authenticate_token(std::string_view token, bool is_local) {
  using namespace fitness;
  auto refused = [](const identity::JwtError& e) {
    return pg::Error(identity::kReason, std::string("authentication failed: ") + e.what());
  };
  identity::ParsedToken parsed;
  try {
    parsed = identity::parse_token(token);
  } catch (const identity::JwtError& e) {
    throw refused(e);
  }
  const identity::RingKey& key = identity::choose_key(parsed);
  identity::VerifiedToken verified;
  try {
    verified = identity::verify_token(parsed, key.key, key.requirements(),
                                      static_cast<std::int64_t>(std::time(nullptr)),
                                      identity::jwt_leeway_setting);
  } catch (const identity::JwtError& e) {
    throw refused(e);
  }
  // The ring may be reloaded by the look-ups below (they read invalidations): keep copies.
  const bool provision = key.provision;
  const std::string kid = key.kid;
  const std::optional<std::string> issuer = key.issuer;
  const identity::Claims& claims = verified.claims;

  std::string user_claim =
      identity::jwt_user_claim_setting ? identity::jwt_user_claim_setting : "sub";
  auto sub = claims.find(user_claim);
  if (sub == claims.end() || sub->second.kind != identity::Claim::Kind::String ||
      sub->second.text.empty())
    throw pg::Error(identity::kReason, "authentication failed: token has no " +
                                           identity::printable(user_claim) + " claim");
  const std::string& subject = sub->second.text;
  std::optional<Uuid> institution;
  auto inst = claims.find("inst");
  if (inst != claims.end() && inst->second.kind != identity::Claim::Kind::Null) {
    if (inst->second.kind != identity::Claim::Kind::String ||
        !(institution = parse_uuid(inst->second.text)))
      throw pg::Error(identity::kReason, "authentication failed: token claim inst is not a uuid");
  }
  // Changes committed by others count from here: read their invalidations first.
  pg::pg_call([] { AcceptInvalidationMessages(); });
  std::string cache_key = identity::sign_in_key(subject, issuer, institution);
  if (const Uuid* known = identity::cached_sign_in(cache_key)) {
    Uuid user = *known;
    identity::write_checked_context(user, institution, is_local, verified.payload_json);
    return user;
  }
  std::uint64_t generation = identity::authz_data_generation();
  auto resolved = identity::resolve_subject(subject, issuer);
  // An account id (canonical uuid) names an account that exists or none: never provisioned.
  if (!resolved && provision && !identity::account_id_of_subject(subject))
    resolved = identity::ResolvedUser{identity::provision_account(subject, issuer, claims, kid),
                                      true, true};
  if (!resolved)
    throw pg::Error(identity::kReason,
                    "authentication failed: unknown user \"" + identity::printable(subject) + "\"");
  if (!resolved->active)
    throw pg::Error(identity::kReason, "authentication failed: user \"" +
                                           identity::printable(subject) + "\" is inactive");
  bool latest = false;
  try {
    latest = identity::validate_identity(resolved->id, institution);
  } catch (const pg::Error& e) {
    throw pg::Error(identity::kReason, std::string("authentication failed: ") + e.what());
  }
  // Kept only if nothing behind it changed while it was looked up, and not if this
  // transaction wrote the account (created it, provisioning included): it may roll back.
  if (latest && !resolved->written_here && generation == identity::authz_data_generation())
    identity::remember_sign_in(cache_key, resolved->id);
  identity::write_checked_context(resolved->id, institution, is_local, verified.payload_json);
  return resolved->id;
}

}  // namespace

// fitness.authenticate(token text, is_local boolean) RETURNS uuid
FITNESS_SQL_FUNCTION(fitness_authenticate) {
  using namespace fitness;
  Uuid user;
  try {
    if (PG_ARGISNULL(0)) throw pg::Error(identity::kReason, "authentication failed: no token");
    bool is_local = PG_ARGISNULL(1) ? true : PG_GETARG_BOOL(1);
    text* token_text = pg::pg_call([&] { return PG_GETARG_TEXT_PP(0); });  // may detoast
    user = authenticate_token(
        std::string_view(VARDATA_ANY(token_text), VARSIZE_ANY_EXHDR(token_text)), is_local);
  } catch (pg::Error& e) {
    identity::refuse_earlier_contexts();  // no context is left, not even an earlier one
    e.hide_statement();                   // the statement's text may hold the token
    throw;
  } catch (pg::PgError& e) {
    identity::refuse_earlier_contexts();
    e.keep_out_of_log();  // the statement's text, and so a deadlock report, may hold the token
    throw;
  } catch (...) {
    identity::refuse_earlier_contexts();
    throw;
  }
  return user.datum();
}

// fitness.current_claims() RETURNS jsonb: the verified payload behind the current context.
FITNESS_SQL_FUNCTION(fitness_current_claims) {
  (void)fcinfo;
  if (!fitness::identity::current_identity()) PG_RETURN_NULL();
  const char* claims = fitness::identity::current_claims_json();
  if (claims == nullptr) PG_RETURN_NULL();
  return fitness::pg::pg_call(
      [&] { return DirectFunctionCall1(jsonb_in, CStringGetDatum(claims)); });
}
