// The key ring (fitness.jwt_key): verification keys kept in backend memory, chosen per token
// by kid, invalidated on commit of any change (relcache invalidation, like the RBAC cache).
#pragma once

#include <optional>
#include <string>

#include "identity/jwt.hpp"
#include "pg/guard.hpp"

namespace fitness::identity {

struct RingKey {
  std::string kid;
  VerificationKey key;
  std::optional<std::string> issuer;
  std::optional<std::string> audience;
  TimestampTz expires_at;  // DT_NOEND when the key does not expire
  bool provision;

  KeyRequirements requirements() const {
    return {issuer ? &*issuer : nullptr, audience ? &*audience : nullptr};
  }
};

// The active key that verifies this token: the one its kid names, or, for a token without a
// kid, the only active key. Unknown, retired and expired keys, and a token without kid when
// several keys are active: pg::Error 28000 naming the reason. The reference is valid until
// the next call.
const RingKey& choose_key(const ParsedToken& token);

}  // namespace fitness::identity
