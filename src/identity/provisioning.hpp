// Accounts created on first sign-in, for keys added with provision => true.
#pragma once

#include <optional>
#include <string>

#include "identity/context.hpp"
#include "identity/jwt.hpp"

namespace fitness::identity {

// The app_user of a verified token's subject and its key's issuer (auth_issuer), created from
// its claims (email when well-formed and no other active account's, name, given_name,
// family_name, locale) and recorded as user.provisioned; when a concurrent first request
// created it, that account. A subject held by an account of another issuer: 28000.
Uuid provision_account(const std::string& subject, const std::optional<std::string>& issuer,
                       const Claims& claims, const std::string& kid);

}  // namespace fitness::identity
