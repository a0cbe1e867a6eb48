#include "pg/security.hpp"

namespace fitness::pg {

ScopedOwnerSwitch::ScopedOwnerSwitch(Oid relid) {
  GetUserIdAndSecContext(&saved_user_, &saved_security_context_);
  Oid owner = pg_call([&] {
    HeapTuple tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
    if (!HeapTupleIsValid(tuple)) elog(ERROR, "cache lookup failed for relation %u", relid);
    Oid result = reinterpret_cast<Form_pg_class>(GETSTRUCT(tuple))->relowner;
    ReleaseSysCache(tuple);
    return result;
  });
  SetUserIdAndSecContext(
      owner, saved_security_context_ | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
}

ScopedOwnerSwitch::ScopedOwnerSwitch(Oid owner, int) {
  GetUserIdAndSecContext(&saved_user_, &saved_security_context_);
  SetUserIdAndSecContext(
      owner, saved_security_context_ | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
}

ScopedOwnerSwitch::~ScopedOwnerSwitch() {
  SetUserIdAndSecContext(saved_user_, saved_security_context_);
}

Oid relation_oid(const char* schema, const char* table) {
  return pg_call([&] {
    Oid nsp = get_namespace_oid(schema, false);
    Oid relid = get_relname_relid(table, nsp);
    if (!OidIsValid(relid))
      ereport(ERROR, (errcode(ERRCODE_UNDEFINED_TABLE),
                      errmsg("relation \"%s.%s\" does not exist", schema, table)));
    return relid;
  });
}

Datum client_role_name() {
  return pg_call([] { return CStringGetTextDatum(GetUserNameFromId(GetOuterUserId(), false)); });
}

bool current_user_has_role(const char* role_name) { return role_has_role(GetUserId(), role_name); }

bool role_has_role(Oid member, const char* role_name) {
  return pg_call([&] {
    if (superuser_arg(member)) return true;
    Oid role = get_role_oid(role_name, true);
    return OidIsValid(role) && has_privs_of_role(member, role);
  });
}

}  // namespace fitness::pg
