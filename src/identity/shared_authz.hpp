// A cluster-wide copy of the authorization data (identity/authz.cpp), in shared memory when
// the library is in shared_preload_libraries. A backend's first fill for a user then
// comes from a copy another backend loaded, without opening the seven RBAC tables
// (building their relation-cache entries alone costs a new backend ~3 ms).
//
// Correctness rests on one generation counter in shared memory:
//  - a transaction that wrote RBAC rows counts itself as committing from PRE_COMMIT and,
//    once its commit is visible, adds one to the generation and stops counting; while any
//    such transaction is committing, no copy is read or stored (backends that process the
//    relcache invalidation of an RBAC table add one as well);
//  - a loader reads the generation (after accepting invalidations) before it takes the
//    latest snapshot it loads with, and stores its copy under that generation; a copy is
//    used only while the generation is unchanged, so a copy loaded before a change is never
//    used after any backend heard of it;
//  - a transaction that wrote RBAC tables itself (it sees its own uncommitted rows), a
//    parallel-mode load and a hot standby (no writer there to move the generation in time)
//    neither read nor write the shared copies.
// The RBAC triggers fire ALWAYS (also under session_replication_role = replica); writes
// with the triggers disabled are not heard of. COMMIT PREPARED always counts as a commit
// that changes RBAC rows; any transaction that has an xid neither reads nor stores copies.
#pragma once

#include <cstdint>
#include <memory>

#include "identity/authz.hpp"

namespace fitness::identity {

// Whether this lookup may use the shared copies, and the generation it belongs to (read
// after AcceptInvalidationMessages, before loading). Not when the library was not
// preloaded, fitness.shared_authz_entries is 0, this transaction wrote RBAC rows, in
// parallel mode, in a transaction that has written anything (an xid), during recovery (a hot
// standby has no writer to bump the generation: its backends keep their own caches), or while a
// transaction with RBAC writes commits.
bool shared_authz_begin(std::uint64_t* generation) noexcept;

// From the RBAC tables' statement trigger: this transaction sees rows nobody else does;
// its commit will move the generation.
void shared_authz_note_write() noexcept;

// From the RBAC relcache callback: every copy stored so far stops counting.
void shared_authz_bump() noexcept;

// The user's copy in this database, read from the RBAC tables whose user_role is
// `rbac_table`, stored under `generation`, still valid at `now` in the session's time zone;
// or nullptr. *valid_until is the copy's.
std::unique_ptr<Authz> shared_authz_find(const Uuid& user, Oid rbac_table, std::uint64_t generation,
                                         TimestampTz now, TimestampTz* valid_until);

// Stores a copy loaded under `generation` (a copy larger than a slot is not stored).
void shared_authz_store(const Authz& authz, Oid rbac_table, std::uint64_t generation,
                        TimestampTz valid_until);

}  // namespace fitness::identity
