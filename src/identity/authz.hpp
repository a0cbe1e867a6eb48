// Authorization data of the acting user: roles, permissions, memberships and coach
// assignments, loaded into hash tables once and kept across transactions until the RBAC
// tables change (here or in any backend), a grant expires or the date changes, so policy
// helpers are look-ups.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "identity/context.hpp"

namespace fitness::identity {

enum MemberRank { kNotMember = 0, kMember = 1, kCoach = 2, kAdmin = 3, kOwner = 4 };

// Rank of a member_role name; throws 22023 naming the value if unknown.
int member_rank(const std::string& role);

struct Authz {
  Uuid user;
  std::unordered_set<std::string> platform_roles;
  std::unordered_set<std::string> platform_permissions;
  std::unordered_map<Uuid, std::unordered_set<std::string>, UuidHash> institution_roles;
  std::unordered_map<Uuid, std::unordered_set<std::string>, UuidHash> institution_permissions;
  std::unordered_map<Uuid, int, UuidHash> membership_rank;                 // active memberships
  std::unordered_map<Uuid, std::vector<Uuid>, UuidHash> assigned_members;  // I coach them
  std::unordered_map<Uuid, std::vector<Uuid>, UuidHash> all_members;       // where I am admin+
  std::unordered_map<std::string, std::vector<Uuid>> readable_users;       // per permission

  bool is_platform_admin() const { return platform_roles.count("platform_admin") != 0; }
  bool has_permission(const std::string& permission, const Uuid* institution) const;
  bool has_role(const std::string& role, const Uuid* institution) const;
  int rank_in(const Uuid& institution) const;
  std::vector<Uuid> institutions_with_rank(int min_rank) const;
  std::vector<Uuid> institutions_with_permission(const std::string& permission) const;
  const std::vector<Uuid>& readable_user_ids(const std::string& permission);
};

// The acting user's authorization data, or nullptr without a context. The pointer is
// valid until the next call.
Authz* current_authz();

// Makes sure this backend hears of writes to the RBAC tables (and app_user) committed by
// others: their relcache invalidations bump the authorization data generation. Called before
// anything is decided from those tables.
void watch_rbac_tables();

// From the RBAC tables' statement trigger: this backend reloads at once, every other one
// from its next transaction after this one commits.
void note_rbac_write(Relation table);

}  // namespace fitness::identity
