// Running a privileged look-up on behalf of a caller who may not see the rows (RLS).
#pragma once

#include "pg/guard.hpp"

namespace fitness::pg {

// Acts as the owner of `relid` for the lifetime of the object, ignoring FORCE ROW LEVEL
// SECURITY, the way PostgreSQL's own RI triggers do. The destructor restores the caller;
// an error that aborts the transaction restores it too.
class ScopedOwnerSwitch {
 public:
  explicit ScopedOwnerSwitch(Oid relid);
  // When the owner is already known (RelationMeta::owner): no catalogue look-up.
  static ScopedOwnerSwitch as_role(Oid owner) { return ScopedOwnerSwitch(owner, 0); }
  ~ScopedOwnerSwitch();
  ScopedOwnerSwitch(const ScopedOwnerSwitch&) = delete;
  ScopedOwnerSwitch& operator=(const ScopedOwnerSwitch&) = delete;

 private:
  ScopedOwnerSwitch(Oid owner, int);
  Oid saved_user_;
  int saved_security_context_;
};

// OID of a table by qualified name; the extension's own tables always exist.
Oid relation_oid(const char* schema, const char* table);

// Name of the role that issued the statement (a text datum): the session's role as SET ROLE
// left it, not a table owner our code switched to nor a SECURITY DEFINER function's owner.
// What audit entries record as db_role.
Datum client_role_name();

// Whether the current user is a superuser or has the privileges of one of the named roles.
bool current_user_has_role(const char* role_name);
// The same for a given role (superusers hold every role).
bool role_has_role(Oid role, const char* role_name);

}  // namespace fitness::pg
