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

#include "pg/guard.hpp"

namespace fitness::context {

struct Uuid {
  std::array<unsigned char, UUID_LEN> bytes{};
  bool operator==(const Uuid& other) const { return bytes == other.bytes; }
  bool operator!=(const Uuid& other) const { return bytes != other.bytes; }
  static Uuid from(const pg_uuid_t* id) {
    Uuid u;
    std::memcpy(u.bytes.data(), id->data, UUID_LEN);
    return u;
  }
  std::string text() const;
  Datum datum() const;  // palloc'd pg_uuid_t in the current memory context
};

struct UuidHash {
  size_t operator()(const Uuid& u) const noexcept {
    std::uint64_t a, b;
    std::memcpy(&a, u.bytes.data(), 8);
    std::memcpy(&b, u.bytes.data() + 8, 8);
    return static_cast<size_t>(a ^ (b * 0x9E3779B97F4A7C15ULL));
  }
};

std::optional<Uuid> parse_uuid(const std::string& text) noexcept;
// The account id a token's sub names, if it is one: a uuid in the canonical form PostgreSQL
// prints (lower-case 8-4-4-4-12). Any other text, also another spelling of a uuid, is an
// identity provider's subject, so the two readings can never meet.
std::optional<Uuid> account_id_of_subject(const std::string& subject) noexcept;
bool parse_uuid_text(const char* text, size_t len, Uuid* out) noexcept;

// A uuid[] datum in the current memory context.
Datum uuid_array(const std::vector<Uuid>& ids);

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

void define_settings();        // from _PG_init
void install_context_guard();  // from _PG_init: clears contexts that stopped counting before each
                               // statement

}  // namespace fitness::context
