#include "i18n/access.hpp"

#include <unordered_map>

#include "i18n/invalidation.hpp"
#include "pg/load_steps.hpp"
#include "pg/security.hpp"

namespace fitness::i18n {
namespace {

std::unordered_map<std::uint64_t, Access> access_by_role;
std::uint64_t access_generation = 0;

// Role memberships and role attributes (BYPASSRLS) change what a role may see.
void role_syscache_callback(Datum, int, uint32) { access_by_role.clear(); }

}  // namespace

Access caller_access(Oid relid) {
  if (access_generation != generation(kTexts)) {
    access_by_role.clear();
    access_generation = generation(kTexts);
  }
  Oid role = GetUserId();
  std::uint64_t key = (static_cast<std::uint64_t>(role) << 32) | relid;
  auto found = access_by_role.find(key);
  if (found != access_by_role.end()) return found->second;
  Access access{};
  pg::pg_call([&] {
    access.can_select = pg_class_aclcheck(relid, role, ACL_SELECT) == ACLCHECK_OK;
    access.sees_all = check_enable_rls(relid, InvalidOid, true) != RLS_ENABLED;
  });
  access.sees_all = access.sees_all || pg::current_user_has_role("fitness_admin");
  access.public_rule =
      pg::current_user_has_role("fitness_app") || pg::current_user_has_role("fitness_service");
  if (access_by_role.size() > 4096) access_by_role.clear();
  access_by_role.emplace(key, access);
  return access;
}

FITNESS_LOAD_STEP(i18n_role_callbacks, pg::LoadPhase::kCallbacks) {
  pg::pg_call([] {
    CacheRegisterSyscacheCallback(AUTHMEMROLEMEM, role_syscache_callback, static_cast<Datum>(0));
    CacheRegisterSyscacheCallback(AUTHOID, role_syscache_callback, static_cast<Datum>(0));
  });
}

}  // namespace fitness::i18n
