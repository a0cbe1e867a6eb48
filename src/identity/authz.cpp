#include "identity/authz.hpp"

#include "identity/shared_authz.hpp"

#include <array>
#include <memory>

#include "pg/cache_stats.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/load_steps.hpp"

namespace fitness::identity {
namespace {

pg::CacheStats authz_stats{"authz", nullptr};

// Authorization data of the users this backend acted for recently (a pooled connection
// serves many), kept across transactions. An entry is used while
//  - no RBAC table changed: writes here bump the data generation at once; committed writes
//    of other backends arrive as relcache invalidations of the written table (the trigger
//    queues one), which every backend reads at its next transaction start;
//  - statement_timestamp() is before valid_until: the first expiry among the loaded grants,
//    or the next local midnight (coach assignments are dated), whichever comes first;
//  - the session's time zone is the one "midnight" was computed in.
struct CachedAuthz {
  std::unique_ptr<Authz> data;
  TimestampTz valid_until;
  const pg_tz* timezone;
  // Loaded in parallel mode or by a transaction that has written (its rows may be among
  // what was read, and may roll back): this transaction only (else Invalid).
  LocalTransactionId only_in;
  std::uint64_t last_used;
};
std::unordered_map<Uuid, CachedAuthz, UuidHash> cached;
std::uint64_t cached_generation = 0;  // data generation the entries were loaded under
std::uint64_t use_clock = 0;
int cache_size_setting = 128;  // fitness.authz_cache_size

// The RBAC tables whose relcache invalidations invalidate every entry (filled at first
// load); app_user is among them for its is_active (a context of an inactive user stops
// counting, see context.cpp).
constexpr int kRbacTables = 8;
std::array<Oid, kRbacTables> rbac_relids{};

void rbac_relcache_callback(Datum, Oid relid) {
  bool rbac = relid == InvalidOid;  // cache reset (e.g. invalidation queue overflow)
  for (Oid table : rbac_relids) rbac = rbac || table == relid;
  if (!rbac) return;
  bump_authz_generation();
  shared_authz_bump();  // also on a hot standby, where the invalidation is replayed
  rbac_relids = {};     // looked up again at the next load: the tables may have been re-created
}

}  // namespace

void watch_rbac_tables() {
  if (rbac_relids[0] != InvalidOid) return;
  const char* tables[kRbacTables][2] = {{"user_mgmt", "user_role"},
                                        {"user_mgmt", "institution_member"},
                                        {"user_mgmt", "coach_assignment"},
                                        {"user_mgmt", "institution"},
                                        {"core", "role"},
                                        {"core", "role_permission"},
                                        {"core", "permission"},
                                        {"user_mgmt", "app_user"}};
  std::array<Oid, kRbacTables> relids{};
  for (int i = 0; i < kRbacTables; i++) relids[i] = pg::relation_oid(tables[i][0], tables[i][1]);
  rbac_relids = relids;
}

namespace {

// Copies a text or uuid column of the current SPI row (called inside pg_call).
void read_text(HeapTuple row, TupleDesc desc, int column, std::string* out, bool* is_null) {
  char* value = SPI_getvalue(row, desc, column);
  *is_null = value == nullptr;
  if (value != nullptr) out->assign(value);
}
void read_uuid(HeapTuple row, TupleDesc desc, int column, Uuid* out, bool* is_null) {
  Datum value = SPI_getbinval(row, desc, column, is_null);
  if (!*is_null) std::memcpy(out->bytes.data(), DatumGetUUIDP(value)->data, UUID_LEN);
}

// Runs fn(row index) for each row of the last SPI result; fn does the C++ work outside
// pg_call, row access happens inside it.
template <typename Row, typename Read, typename Use>
void for_each_row(Read&& read, Use&& use) {
  std::uint64_t rows = SPI_processed;
  for (std::uint64_t i = 0; i < rows; i++) {
    Row row{};
    pg::pg_call([&] { read(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, row); });
    use(row);
  }
}

std::unique_ptr<Authz> load(const Uuid& user, TimestampTz* valid_until) {
  static pg::KeptPlan grants_plan(
      "SELECT r.code, ur.institution_id, p.code"
      " FROM user_mgmt.user_role ur"
      " JOIN core.role r ON r.id = ur.role_id AND r.is_active"
      " LEFT JOIN core.role_permission rp ON rp.role_id = r.id AND rp.is_active"
      " LEFT JOIN core.permission p ON p.id = rp.permission_id AND p.is_active"
      " WHERE ur.user_id = $1 AND ur.is_active"
      "   AND (ur.expires_at IS NULL OR ur.expires_at > statement_timestamp())",
      {UUIDOID});
  static pg::KeptPlan expiry_plan(
      "SELECT least((SELECT min(ur.expires_at) FROM user_mgmt.user_role ur"
      "               WHERE ur.user_id = $1 AND ur.is_active AND ur.expires_at > "
      "statement_timestamp()),"
      "             (current_date + 1)::timestamptz)",
      {UUIDOID});
  static pg::KeptPlan membership_plan(
      "SELECT m.institution_id, m.member_role FROM user_mgmt.institution_member m"
      " JOIN user_mgmt.institution i ON i.id = m.institution_id AND i.is_active"
      " WHERE m.user_id = $1 AND m.is_active AND m.status = 'active'",
      {UUIDOID});
  static pg::KeptPlan assignment_plan(
      "SELECT a.institution_id, a.member_id FROM user_mgmt.coach_assignment a"
      " WHERE a.coach_id = $1 AND a.is_active AND a.starts_on <= current_date"
      "   AND (a.ends_on IS NULL OR a.ends_on >= current_date)",
      {UUIDOID});
  static pg::KeptPlan members_plan(
      "SELECT m.institution_id, m.user_id FROM user_mgmt.institution_member m"
      " WHERE m.institution_id = ANY ($1) AND m.is_active AND m.status = 'active'",
      {UUIDARRAYOID});

  auto authz = std::make_unique<Authz>();
  authz->user = user;
  pg::SpiSession spi;
  // Read with the latest snapshot, not the statement's or the transaction's: this backend
  // may already have processed the invalidation of a revoke committed after that snapshot
  // was taken, and an entry loaded from the older view would be kept with no invalidation
  // left to drop it. (A commit is visible to new snapshots before its invalidations go out.)
  pg::LatestSnapshotScope latest;
  pg::ScopedOwnerSwitch owner(pg::relation_oid("user_mgmt", "user_role"));
  Datum user_arg = user.datum();

  expiry_plan.execute(&user_arg, nullptr, true, 1);
  bool no_expiry = false;
  *valid_until = DatumGetTimestampTz(pg::spi_first_value(&no_expiry));
  if (no_expiry) *valid_until = DT_NOBEGIN;  // cannot happen (midnight is never NULL): do not keep

  struct GrantRow {
    std::string role, permission;
    Uuid institution;
    bool platform_scope, no_permission;
  };
  grants_plan.execute(&user_arg, nullptr, true);
  for_each_row<GrantRow>(
      [](HeapTuple row, TupleDesc desc, GrantRow& out) {
        bool null_role = false;
        read_text(row, desc, 1, &out.role, &null_role);
        read_uuid(row, desc, 2, &out.institution, &out.platform_scope);
        read_text(row, desc, 3, &out.permission, &out.no_permission);
      },
      [&](const GrantRow& row) {
        if (row.platform_scope) {
          authz->platform_roles.insert(row.role);
          if (!row.no_permission) authz->platform_permissions.insert(row.permission);
        } else {
          authz->institution_roles[row.institution].insert(row.role);
          if (!row.no_permission)
            authz->institution_permissions[row.institution].insert(row.permission);
        }
      });

  struct MemberRow {
    Uuid institution;
    std::string role;
  };
  membership_plan.execute(&user_arg, nullptr, true);
  for_each_row<MemberRow>(
      [](HeapTuple row, TupleDesc desc, MemberRow& out) {
        bool is_null = false;
        read_uuid(row, desc, 1, &out.institution, &is_null);
        read_text(row, desc, 2, &out.role, &is_null);
      },
      [&](const MemberRow& row) {
        authz->membership_rank[row.institution] = member_rank(row.role);
      });

  struct PairRow {
    Uuid institution, user;
  };
  auto read_pair = [](HeapTuple row, TupleDesc desc, PairRow& out) {
    bool is_null = false;
    read_uuid(row, desc, 1, &out.institution, &is_null);
    read_uuid(row, desc, 2, &out.user, &is_null);
  };
  assignment_plan.execute(&user_arg, nullptr, true);
  for_each_row<PairRow>(read_pair, [&](const PairRow& row) {
    authz->assigned_members[row.institution].push_back(row.user);
  });

  std::vector<Uuid> led = authz->institutions_with_rank(kAdmin);
  if (!led.empty()) {
    Datum array = uuid_array(led);
    members_plan.execute(&array, nullptr, true);
    for_each_row<PairRow>(read_pair, [&](const PairRow& row) {
      authz->all_members[row.institution].push_back(row.user);
    });
  }
  return authz;
}

}  // namespace

int member_rank(const std::string& role) {
  if (role == "member") return kMember;
  if (role == "coach") return kCoach;
  if (role == "admin") return kAdmin;
  if (role == "owner") return kOwner;
  throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE, "unknown member role \"" + role + "\"", {},
                  "member roles, lowest first: member, coach, admin, owner");
}

bool Authz::has_permission(const std::string& permission, const Uuid* institution) const {
  if (platform_permissions.count(permission) != 0) return true;
  if (institution == nullptr) return false;
  auto found = institution_permissions.find(*institution);
  return found != institution_permissions.end() && found->second.count(permission) != 0;
}

bool Authz::has_role(const std::string& role, const Uuid* institution) const {
  if (institution == nullptr) return platform_roles.count(role) != 0;
  auto found = institution_roles.find(*institution);
  return found != institution_roles.end() && found->second.count(role) != 0;
}

int Authz::rank_in(const Uuid& institution) const {
  auto found = membership_rank.find(institution);
  return found == membership_rank.end() ? kNotMember : found->second;
}

std::vector<Uuid> Authz::institutions_with_rank(int min_rank) const {
  std::vector<Uuid> out;
  for (const auto& [institution, rank] : membership_rank)
    if (rank >= min_rank) out.push_back(institution);
  return out;
}

std::vector<Uuid> Authz::institutions_with_permission(const std::string& permission) const {
  std::vector<Uuid> out;
  for (const auto& [institution, permissions] : institution_permissions)
    if (permissions.count(permission) != 0) out.push_back(institution);
  return out;
}

const std::vector<Uuid>& Authz::readable_user_ids(const std::string& permission) {
  auto cached = readable_users.find(permission);
  if (cached != readable_users.end()) return cached->second;
  std::vector<Uuid> users;
  for (const Uuid& institution : institutions_with_permission(permission)) {
    // Admins and owners read every member; coaches only the members assigned to them.
    const auto& source = rank_in(institution) >= kAdmin ? all_members : assigned_members;
    auto found = source.find(institution);
    if (found != source.end())
      users.insert(users.end(), found->second.begin(), found->second.end());
  }
  return readable_users.emplace(permission, std::move(users)).first->second;
}

Authz* current_authz() {
  static bool registered = false;
  if (!registered) {
    authz_stats.entries = [] { return static_cast<std::int64_t>(cached.size()); };
    pg::register_cache(&authz_stats);
    registered = true;
  }
  auto identity = current_identity();
  if (!identity) return nullptr;
  if (cached_generation != authz_data_generation()) {
    if (!cached.empty()) ++authz_stats.invalidations;
    cached.clear();
    cached_generation = authz_data_generation();
  }
  TimestampTz now = GetCurrentStatementStartTimestamp();
  auto found = cached.find(identity->user);
  if (found != cached.end()) {
    if (now < found->second.valid_until && found->second.timezone == session_timezone &&
        (found->second.only_in == InvalidLocalTransactionId ||
         found->second.only_in == MyProc->lxid)) {
      ++authz_stats.hits;
      found->second.last_used = ++use_clock;
      return found->second.data.get();
    }
    ++authz_stats
          .invalidations;  // a grant expired, the date or time zone changed, or parallel-mode load
    cached.erase(found);
  }
  ++authz_stats.misses;
  watch_rbac_tables();
  // Read what other backends committed up to now before taking the generation the load
  // belongs to (the load itself reads with the latest snapshot).
  pg::pg_call([] { AcceptInvalidationMessages(); });
  if (cached_generation != authz_data_generation()) {
    cached.clear();
    cached_generation = authz_data_generation();
  }
  std::uint64_t generation = authz_data_generation();
  TimestampTz valid_until = DT_NOBEGIN;
  // The cluster-wide copy, when this lookup may use one (shared_authz.hpp).
  std::uint64_t shared_generation = 0;
  Oid rbac_table = rbac_relids[0];  // copies are per database and per install of the tables
  bool share = rbac_table != InvalidOid && shared_authz_begin(&shared_generation);
  std::unique_ptr<Authz> data =
      share ? shared_authz_find(identity->user, rbac_table, shared_generation, now, &valid_until)
            : nullptr;
  if (data == nullptr) {
    data = load(identity->user, &valid_until);
    // A load that saw its own generation move (cannot happen today: loading writes nothing)
    // is used once and not kept.
    if (generation != authz_data_generation()) valid_until = DT_NOBEGIN;
    if (share && valid_until != DT_NOBEGIN)
      shared_authz_store(*data, rbac_table, shared_generation, valid_until);
  }
  if (static_cast<int>(cached.size()) >= cache_size_setting) {
    auto oldest = cached.begin();
    for (auto it = cached.begin(); it != cached.end(); ++it)
      if (it->second.last_used < oldest->second.last_used) oldest = it;
    cached.erase(oldest);
  }
  auto& entry = cached[identity->user];
  entry.data = std::move(data);
  entry.valid_until = valid_until;
  entry.timezone = session_timezone;
  entry.only_in = IsInParallelMode() || TransactionIdIsValid(GetTopTransactionIdIfAny())
                      ? MyProc->lxid
                      : InvalidLocalTransactionId;
  entry.last_used = ++use_clock;
  return entry.data.get();
}

void note_rbac_write(Relation table) {
  pg::pg_call([&] { CacheInvalidateRelcache(table); });
  bump_authz_generation();
  shared_authz_note_write();
}

FITNESS_LOAD_STEP(authz_invalidation, pg::LoadPhase::kCallbacks) {
  pg::pg_call([] {
    CacheRegisterRelcacheCallback(rbac_relcache_callback, static_cast<Datum>(0));
    DefineCustomIntVariable("fitness.authz_cache_size",
                            "Users whose authorization data a backend keeps between transactions.",
                            nullptr, &cache_size_setting, 128, 1, 10000, PGC_SUSET, 0, nullptr,
                            nullptr, nullptr);
  });
}

}  // namespace fitness::identity
