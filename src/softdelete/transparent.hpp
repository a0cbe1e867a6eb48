// Transparent DELETE (docs/reference/functions.md "Soft delete", preload mode). When the library is
// loaded at session start (session_preload_libraries, shared_preload_libraries or
// local_preload_libraries), a DELETE on a soft-delete table reports the rows it soft-deleted
// ("DELETE 3", SPI_processed, GET DIAGNOSTICS) and DELETE ... RETURNING returns them, as a
// real DELETE would. The statement stays a DELETE: DELETE policies, grants and the tenancy
// guard decide, then the soft-delete trigger keeps the row and hands it to the executor
// hook here, which counts it and projects it through the statement's RETURNING list.
// Loaded later (on first use of a fitness function), the session stays in trigger mode for
// its whole life, so one session never mixes the two behaviours. Limits: RETURNING may read
// only the deleted table; a DELETE inside WITH is not reported (nor is one run by an AFTER
// trigger for an outer DELETE); two DELETEs of the same table in one statement (a WITH
// DELETE and the main one) are told apart by table only.
#pragma once

#include "pg/guard.hpp"

namespace fitness::softdelete {

// Whether DELETEs in this session report soft-deleted rows.
bool transparent_delete_active() noexcept;

// From the soft-delete trigger, for a row it has just soft-deleted (not for the rows its
// cascade takes: those are deleted by statements of their own). Counts the row for the
// DELETE that is running, keeps a copy for RETURNING. May raise (PostgreSQL errors).
void note_soft_deleted_row(Relation rel, HeapTuple old_row);

}  // namespace fitness::softdelete
