// Who owns a row: the owner column of an entity table by convention (owner_id, user_id;
// app_user: id) and whether the acting user is that owner. Used by record_history and
// restore, which serve a row's owner although policies may hide the row.
#pragma once

#include "identity/context.hpp"
#include "pg/relation_cache.hpp"

namespace fitness::tenancy {

// The owner column's name, or "" when the table has none.
std::string owner_column(const pg::RelationMeta& meta);

// Inside an SPI session, as a role that can see the row: whether `user` owns row record_id.
bool user_owns_row(const pg::RelationMeta& meta, const Uuid& user, Datum record_id);

}  // namespace fitness::tenancy
