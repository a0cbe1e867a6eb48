#include "common/actor.hpp"

namespace fitness {
namespace {
ActingUserSource acting_user_source = nullptr;
}

void set_acting_user_source(ActingUserSource source) noexcept { acting_user_source = source; }

std::optional<Uuid> acting_user() {
  if (acting_user_source == nullptr) return std::nullopt;
  return acting_user_source();
}

}  // namespace fitness
