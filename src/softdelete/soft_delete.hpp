// Soft delete (soft_delete.cpp): the row trigger keeps each deleted row for its table's
// statement trigger, which soft-deletes a statement's rows together.
#pragma once

namespace fitness::softdelete {

// From _PG_init: rows kept by an aborted (sub)transaction are dropped with it.
void register_soft_delete_callbacks();

}  // namespace fitness::softdelete
