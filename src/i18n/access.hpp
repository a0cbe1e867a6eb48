// What the calling role may see of a table, as row-level security will decide it: for the
// shortcuts of translate() and search_exercises(), which must never show more than the
// table's own policies would.
#pragma once

#include "pg/guard.hpp"

namespace fitness::i18n {

struct Access {
  bool can_select;   // SELECT privilege on the table
  bool sees_all;     // no row-level security applies to the role, or it is fitness_admin
  bool public_rule;  // fitness_app or fitness_service: the policies' public arm applies
};

// Per (role, table), until the table's i18n invalidation or a change of role memberships
// or attributes.
Access caller_access(Oid relid);

}  // namespace fitness::i18n
