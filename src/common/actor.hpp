// Who is acting, for the general pieces below the capabilities (the stamp trigger). The
// identity capability says where the answer comes from when the library loads, so nothing
// here includes identity/ (the dependency points down only).
#pragma once

#include <optional>

#include "common/uuid.hpp"

namespace fitness {

using ActingUserSource = std::optional<Uuid> (*)();

// Called once from _PG_init by the identity capability.
void set_acting_user_source(ActingUserSource source) noexcept;

// The acting app user, or nullopt (no identity context, or none registered). May run SQL
// (the identity capability rechecks a context after RBAC changes), so it can throw.
std::optional<Uuid> acting_user();

}  // namespace fitness
