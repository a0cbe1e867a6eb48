#include "identity/shared_authz.hpp"

#include <cstring>
#include <string>

#include "pg/cache_stats.hpp"
#include "pg/guard.hpp"
#include "pg/load_steps.hpp"

namespace fitness::identity {
namespace {

constexpr int kWays = 8;             // slots per bucket (a user's copy lives in one bucket)
constexpr size_t kSlotBytes = 4000;  // larger copies (admins of big institutions) stay local
int entries_setting = 1024;          // fitness.shared_authz_entries (preload only)

struct Slot {
  // A copy is one database's: the user's id, the database and the RBAC tables it was read
  // from (a copied database, or the extension dropped and created again, has other ones).
  pg_uuid_t user;
  Oid database;
  Oid rbac_table;
  bool used;
  std::uint64_t generation;
  TimestampTz valid_until;
  pg_atomic_uint64 last_used;
  char timezone[TZ_STRLEN_MAX + 1];  // valid_until is a local midnight of this zone
  std::uint32_t length;
  char data[kSlotBytes];
};

struct Shared {
  LWLock* lock;
  pg_atomic_uint64 generation;
  pg_atomic_uint32 committing;  // transactions with RBAC writes between PRE_COMMIT and the end
  pg_atomic_uint64 clock;
  int buckets;
};

Shared* shared = nullptr;
Slot* slots = nullptr;
shmem_request_hook_type previous_request = nullptr;
shmem_startup_hook_type previous_startup = nullptr;
pg::CacheStats shared_stats{"authz_shared", [] {
                              std::int64_t used = 0;
                              if (shared != nullptr)
                                for (int i = 0; i < shared->buckets * kWays; i++)
                                  used += slots[i].used ? 1 : 0;
                              return used;
                            }};

int bucket_count() { return (entries_setting + kWays - 1) / kWays; }
Size shared_size() {
  return add_size(MAXALIGN(sizeof(Shared)),
                  mul_size(static_cast<Size>(bucket_count()) * kWays, sizeof(Slot)));
}

// PostgreSQL calls these in the postmaster (C code, no C++ object alive).
void request_shared_memory() {
  if (previous_request != nullptr) previous_request();
  if (entries_setting == 0) return;
  RequestAddinShmemSpace(shared_size());
  RequestNamedLWLockTranche("fitness_shared_authz", 1);
}
void attach_shared_memory() {
  if (previous_startup != nullptr) previous_startup();
  if (entries_setting == 0) return;
  LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
  bool found = false;
  auto* base = static_cast<char*>(ShmemInitStruct("fitness shared authz", shared_size(), &found));
  shared = reinterpret_cast<Shared*>(base);
  slots = reinterpret_cast<Slot*>(base + MAXALIGN(sizeof(Shared)));
  if (!found) {
    std::memset(base, 0, shared_size());
    shared->lock = &(GetNamedLWLockTranche("fitness_shared_authz"))->lock;
    pg_atomic_init_u64(&shared->generation, 1);
    pg_atomic_init_u32(&shared->committing, 0);
    pg_atomic_init_u64(&shared->clock, 1);
    shared->buckets = bucket_count();
    for (int i = 0; i < shared->buckets * kWays; i++) pg_atomic_init_u64(&slots[i].last_used, 0);
  }
  LWLockRelease(AddinShmemInitLock);
}

bool same_owner(const Slot& slot, const Uuid& user, Oid rbac_table) {
  return std::memcmp(slot.user.data, user.bytes.data(), UUID_LEN) == 0 &&
         slot.database == MyDatabaseId && slot.rbac_table == rbac_table;
}

Slot* bucket_of(const Uuid& user) {
  return &slots[(UuidHash{}(user) % static_cast<size_t>(shared->buckets)) * kWays];
}

// A flat copy of Authz: counts, then strings as length + bytes and uuids as 16 bytes.
class Writer {
 public:
  void count(size_t n) { put(static_cast<std::uint32_t>(n)); }
  void text(const std::string& s) {
    count(s.size());
    out_.append(s);
  }
  void uuid(const Uuid& u) { out_.append(reinterpret_cast<const char*>(u.bytes.data()), UUID_LEN); }
  void put(std::uint32_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void texts(const std::unordered_set<std::string>& set) {
    count(set.size());
    for (const std::string& s : set) text(s);
  }
  void uuids(const std::vector<Uuid>& list) {
    count(list.size());
    for (const Uuid& u : list) uuid(u);
  }
  const std::string& bytes() const { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  Reader(const char* data, size_t length) : p_(data), end_(data + length) {}
  bool ok() const { return ok_; }
  std::uint32_t get() {
    std::uint32_t v = 0;
    if (!take(sizeof v)) return 0;
    std::memcpy(&v, p_ - sizeof v, sizeof v);
    return v;
  }
  std::string text() {
    std::uint32_t n = get();
    if (!take(n)) return {};
    return std::string(p_ - n, n);
  }
  Uuid uuid() {
    Uuid u;
    if (take(UUID_LEN)) std::memcpy(u.bytes.data(), p_ - UUID_LEN, UUID_LEN);
    return u;
  }
  void texts(std::unordered_set<std::string>& set) {
    for (std::uint32_t n = get(); ok_ && n > 0; n--) set.insert(text());
  }
  void uuids(std::vector<Uuid>& list) {
    for (std::uint32_t n = get(); ok_ && n > 0; n--) list.push_back(uuid());
  }

 private:
  bool take(size_t n) {
    if (!ok_ || static_cast<size_t>(end_ - p_) < n) return ok_ = false;
    p_ += n;
    return true;
  }
  const char* p_;
  const char* end_;
  bool ok_ = true;
};

std::string serialise(const Authz& a) {
  Writer w;
  w.texts(a.platform_roles);
  w.texts(a.platform_permissions);
  for (const auto* map : {&a.institution_roles, &a.institution_permissions}) {
    w.count(map->size());
    for (const auto& [institution, names] : *map) {
      w.uuid(institution);
      w.texts(names);
    }
  }
  w.count(a.membership_rank.size());
  for (const auto& [institution, rank] : a.membership_rank) {
    w.uuid(institution);
    w.put(static_cast<std::uint32_t>(rank));
  }
  for (const auto* map : {&a.assigned_members, &a.all_members}) {
    w.count(map->size());
    for (const auto& [institution, users] : *map) {
      w.uuid(institution);
      w.uuids(users);
    }
  }
  return w.bytes();
}

std::unique_ptr<Authz> deserialise(const char* data, size_t length, const Uuid& user) {
  Reader r(data, length);
  auto a = std::make_unique<Authz>();
  a->user = user;
  r.texts(a->platform_roles);
  r.texts(a->platform_permissions);
  for (auto* map : {&a->institution_roles, &a->institution_permissions})
    for (std::uint32_t n = r.get(); r.ok() && n > 0; n--) {
      Uuid institution = r.uuid();
      r.texts((*map)[institution]);
    }
  for (std::uint32_t n = r.get(); r.ok() && n > 0; n--) {
    Uuid institution = r.uuid();
    a->membership_rank[institution] = static_cast<int>(r.get());
  }
  for (auto* map : {&a->assigned_members, &a->all_members})
    for (std::uint32_t n = r.get(); r.ok() && n > 0; n--) {
      Uuid institution = r.uuid();
      r.uuids((*map)[institution]);
    }
  if (!r.ok()) return nullptr;  // cannot happen (written by serialise): load instead
  return a;
}

}  // namespace

namespace {

LocalTransactionId written_in = InvalidLocalTransactionId;  // wrote RBAC rows (uncommitted)
bool holding_commit = false;  // this backend counts in shared->committing

// No copy is read or stored while a transaction that wrote RBAC rows commits (between its
// PRE_COMMIT and the generation bump after its commit became visible). Read in this order:
// `committing` first, then the generation, so a commit that ends between the two reads has
// already moved the generation.
bool quiet(std::uint64_t generation) {
  return pg_atomic_read_u32(&shared->committing) == 0 &&
         pg_atomic_read_u64(&shared->generation) == generation;
}

void commit_callback(XactEvent event, void*) {
  if (shared == nullptr) return;
  if (event == XACT_EVENT_PRE_COMMIT && written_in == MyProc->lxid && !holding_commit) {
    pg_atomic_fetch_add_u32(&shared->committing, 1);
    holding_commit = true;
  } else if ((event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
              event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT) &&
             holding_commit) {
    pg_atomic_fetch_add_u64(&shared->generation, 1);
    pg_atomic_fetch_sub_u32(&shared->committing, 1);
    holding_commit = false;
  }
}

// COMMIT PREPARED makes a prepared transaction's rows visible outside any callback of the
// transaction that wrote them (in another backend, maybe after a restart or a failover), so
// every one counts as committing, whatever it wrote: from here until the end of the
// statement's own transaction, whose commit or abort callback moves the generation.
ProcessUtility_hook_type previous_utility = nullptr;
void commit_prepared_guard(PlannedStmt* pstmt, const char* query, bool read_only_tree,
                           ProcessUtilityContext context, ParamListInfo params,
                           QueryEnvironment* env, DestReceiver* dest, QueryCompletion* qc) {
  if (shared != nullptr && !holding_commit && IsA(pstmt->utilityStmt, TransactionStmt) &&
      castNode(TransactionStmt, pstmt->utilityStmt)->kind == TRANS_STMT_COMMIT_PREPARED) {
    pg_atomic_fetch_add_u32(&shared->committing, 1);
    holding_commit = true;
  }
  if (previous_utility != nullptr)
    previous_utility(pstmt, query, read_only_tree, context, params, env, dest, qc);
  else
    standard_ProcessUtility(pstmt, query, read_only_tree, context, params, env, dest, qc);
}

}  // namespace

bool shared_authz_begin(std::uint64_t* generation) noexcept {
  // A transaction with an xid has written: a row it wrote may be among what a load reads
  // (before its RBAC trigger fires at the end of the statement) and may roll back.
  if (shared == nullptr || written_in == MyProc->lxid || IsInParallelMode() ||
      TransactionIdIsValid(GetTopTransactionIdIfAny()) || RecoveryInProgress() ||
      pg_atomic_read_u32(&shared->committing) != 0)
    return false;
  *generation = pg_atomic_read_u64(&shared->generation);
  return true;
}

void shared_authz_bump() noexcept {
  if (shared != nullptr) pg_atomic_fetch_add_u64(&shared->generation, 1);
}

void shared_authz_note_write() noexcept { written_in = MyProc->lxid; }

std::unique_ptr<Authz> shared_authz_find(const Uuid& user, Oid rbac_table, std::uint64_t generation,
                                         TimestampTz now, TimestampTz* valid_until) {
  if (shared == nullptr) return nullptr;
  std::string copy(kSlotBytes, '\0');
  char* buffer = copy.data();
  std::uint32_t length = 0;
  bool found = false;
  pg::pg_call([&] {
    const char* zone = pg_get_timezone_name(session_timezone);
    LWLockAcquire(shared->lock, LW_SHARED);
    Slot* bucket = bucket_of(user);
    for (int i = 0; i < kWays && !found; i++) {
      Slot& slot = bucket[i];
      if (!slot.used || !same_owner(slot, user, rbac_table)) continue;
      if (quiet(generation) && slot.generation == generation && now < slot.valid_until &&
          std::strcmp(slot.timezone, zone) == 0) {
        std::memcpy(buffer, slot.data, slot.length);
        length = slot.length;
        *valid_until = slot.valid_until;
        pg_atomic_write_u64(&slot.last_used, pg_atomic_fetch_add_u64(&shared->clock, 1));
        found = true;
      }
      break;  // a user has one slot
    }
    LWLockRelease(shared->lock);
  });
  if (!found) {
    ++shared_stats.misses;
    return nullptr;
  }
  std::unique_ptr<Authz> authz = deserialise(buffer, length, user);
  if (authz != nullptr) ++shared_stats.hits;
  return authz;
}

void shared_authz_store(const Authz& authz, Oid rbac_table, std::uint64_t generation,
                        TimestampTz valid_until) {
  if (shared == nullptr) return;
  std::string bytes = serialise(authz);
  if (bytes.size() > kSlotBytes) return;
  const char* data = bytes.data();
  auto length = static_cast<std::uint32_t>(bytes.size());
  const Uuid& user = authz.user;
  pg::pg_call([&] {
    const char* zone = pg_get_timezone_name(session_timezone);
    LWLockAcquire(shared->lock, LW_EXCLUSIVE);
    // A copy loaded under a generation that has moved on would never be used; one loaded
    // while a change commits may predate it.
    if (quiet(generation)) {
      // The user's slot, else a free one, else the one used longest ago.
      Slot* bucket = bucket_of(user);
      Slot* same = nullptr;
      Slot* free = nullptr;
      Slot* oldest = nullptr;
      for (int i = 0; i < kWays; i++) {
        Slot& slot = bucket[i];
        if (!slot.used) {
          if (free == nullptr) free = &slot;
        } else if (same_owner(slot, user, rbac_table)) {
          same = &slot;
        } else if (oldest == nullptr ||
                   pg_atomic_read_u64(&slot.last_used) < pg_atomic_read_u64(&oldest->last_used)) {
          oldest = &slot;
        }
      }
      Slot* target = same != nullptr ? same : free != nullptr ? free : oldest;
      std::memcpy(target->user.data, user.bytes.data(), UUID_LEN);
      target->database = MyDatabaseId;
      target->rbac_table = rbac_table;
      target->used = true;
      target->generation = generation;
      target->valid_until = valid_until;
      strlcpy(target->timezone, zone, sizeof target->timezone);
      target->length = length;
      std::memcpy(target->data, data, length);
      pg_atomic_write_u64(&target->last_used, pg_atomic_fetch_add_u64(&shared->clock, 1));
    }
    LWLockRelease(shared->lock);
  });
}

// Only while the postmaster loads shared_preload_libraries can shared memory be asked for
// (and a PGC_POSTMASTER setting be defined); loaded later, a backend keeps its own cache.
FITNESS_LOAD_STEP(shared_authz, pg::LoadPhase::kSettings) {
  if (!process_shared_preload_libraries_in_progress) return;
  pg::pg_call([] {
    DefineCustomIntVariable(
        "fitness.shared_authz_entries",
        "Users whose authorization data the cluster keeps in shared memory (0: none).",
        "Needs the library in shared_preload_libraries; about 4 kB per entry.", &entries_setting,
        1024, 0, 1000000, PGC_POSTMASTER, 0, nullptr, nullptr, nullptr);
    previous_request = shmem_request_hook;
    shmem_request_hook = request_shared_memory;
    previous_startup = shmem_startup_hook;
    shmem_startup_hook = attach_shared_memory;
    RegisterXactCallback(commit_callback, nullptr);
    previous_utility = ProcessUtility_hook;
    ProcessUtility_hook = commit_prepared_guard;
  });
  pg::register_cache(&shared_stats);
}

}  // namespace fitness::identity
