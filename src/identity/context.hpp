// The identity context: who is acting (app_user id) and in which institution. Held in a
// superuser-only custom setting (fitness.context) so that PostgreSQL's own GUC machinery
// gives it exact transaction semantics (SET LOCAL is undone at COMMIT, ROLLBACK and when the
// savepoint that set it rolls back) and carries it into parallel workers. Clients cannot SET
// it: only fitness.set_context/authenticate (C code) write it. The parsed value lives here.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/uuid.hpp"
#include "pg/guard.hpp"

namespace fitness::identity {

// The account id a token's sub names, if it is one: a uuid in the canonical form PostgreSQL
// prints (lower-case 8-4-4-4-12). Any other text, also another spelling of a uuid, is an
// identity provider's subject, so the two readings can never meet.
std::optional<Uuid> account_id_of_subject(const std::string& subject) noexcept;

struct Identity {
  Uuid user;
  std::optional<Uuid> institution;
};

// The acting identity, or nullopt when there is no context or it no longer counts: a later
// authenticate or set_context of this backend failed, or the user, the institution it
// names or the membership behind it is no longer active (checked once per change of the
// context or of the RBAC data, which includes app_user.is_active; a change seen during a
// statement counts from the next one). May run SQL for that check, so it can throw.
std::optional<Identity> current_identity();
// The verified token payload (JSON text) stored with the current context value by
// authenticate; nullptr for set_context. Callers check current_identity() first.
const char* current_claims_json() noexcept;

// Changes whenever the identity or the data behind authorization may have changed
// (context set/cleared, RBAC tables written here or committed elsewhere, abort).
std::uint64_t authz_generation() noexcept;
// Changes only with the data behind authorization (not with the identity).
std::uint64_t authz_data_generation() noexcept;
void bump_authz_generation() noexcept;

}  // namespace fitness::identity
