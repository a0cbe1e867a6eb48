// Who acts, as the rules see it: operators (fitness_admin members, superusers) load and
// correct anything; a platform admin acts for every user; anyone else for themselves.
#pragma once

#include "common/sanctioned_writes.hpp"
#include "identity/authz.hpp"
#include "identity/context.hpp"
#include "pg/security.hpp"

namespace fitness::rules {

// While fitness.restore reactivates rows as their table's owner, the caller is judged.
inline Oid acting_role() {
  Oid restoring = common::restoring_caller();
  return restoring != InvalidOid ? restoring : GetUserId();
}

inline bool is_operator() { return pg::role_has_role(acting_role(), "fitness_admin"); }

inline bool is_platform_admin() {
  identity::Authz* authz = identity::current_authz();
  return authz != nullptr && authz->is_platform_admin();
}

// The actor may act on `user`'s rows: it is that user (the context's), a platform admin or
// an operator.
inline bool acts_for(const Uuid& user) {
  if (is_operator()) return true;
  std::optional<identity::Identity> actor = identity::current_identity();
  return (actor && actor->user == user) || is_platform_admin();
}

}  // namespace fitness::rules
