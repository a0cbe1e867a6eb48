// Soft delete, the pieces its files share (internal to src/softdelete/; no other folder
// includes it). How it works, in one place: a BEFORE DELETE row trigger on every
// entity table keeps the row (returns NULL) and hands its id to the table's AFTER DELETE
// statement trigger, which turns all of the statement's rows into is_active = false,
// deleted_at = now(), deleted_by = the acting user with one UPDATE, then deletes what
// references them through ON DELETE CASCADE foreign keys and polymorphic references
// (entity_type, entity_id) with one DELETE per reference -- which fires the same triggers on
// the children, so the cascade recurses and stops at rows already inactive (cycles,
// self-references). A table with only the row trigger is handled row by row, in it.
// The row itself is kept (the trigger returns NULL: the client sees DELETE 0, unless the
// library was preloaded: then transparent.cpp reports the row, see there).
// The work runs as the table owner: the DELETE policy and guard already decided whether the
// caller may delete this row; policies that hide inactive rows must not block the update.
// fitness.purge / fitness.hard_delete let a real DELETE through (hard_delete.cpp).
//
//   plans.cpp        the statements per table, built from the catalogue and cached
//   pending.cpp      rows kept by the row trigger until the statement trigger takes them
//   trigger.cpp      the two triggers and the set-based flush with its cascade
//   restore.cpp      fitness.restore
//   hard_delete.cpp  fitness.purge, fitness.hard_delete, which tables these functions accept
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/uuid.hpp"
#include "pg/relation_cache.hpp"
#include "pg/relation_plans.hpp"

namespace fitness::softdelete {

// --- plans.cpp

// One statement that follows a soft-deleted row to what references it.
struct Follow {
  SPIPlanPtr plan;                         // DELETE the active referencing rows
  std::vector<AttrNumber> parent_columns;  // values taken from the deleted row
  Oid entity_type_param = InvalidOid;      // polymorphic: first parameter is the type code
  std::string entity_type_code;
  Oid child_relid = InvalidOid;
  SPIPlanPtr find_deleted = nullptr;  // ids soft-deleted at a given deleted_at (restore)
  SPIPlanPtr plan_many = nullptr;     // the same for an array of one-column keys
};

// A RESTRICT / NO ACTION foreign key: an active referencing row forbids the soft delete,
// as it would forbid a real DELETE.
struct Restrict {
  SPIPlanPtr plan;  // SELECT 1 ... LIMIT 1 over active referencing rows
  std::vector<AttrNumber> parent_columns;
  std::string constraint_name, child_table;
  SPIPlanPtr plan_many = nullptr;  // one-column keys: the first referenced key of an array
};

struct RelationPlans {
  pg::KeptResources kept;  // every plan below
  SPIPlanPtr soft_delete = nullptr;
  SPIPlanPtr soft_delete_many = nullptr;  // ... WHERE id = ANY ($1) AND is_active RETURNING keys
  std::vector<AttrNumber> returned;       // the table's columns RETURNING gives, in order
  std::string returned_list;              // their quoted names, for restore's RETURNING
  std::vector<Follow> follows;
  std::vector<Restrict> restricts;
};

// The table's statements for its current definition (pg::RelationPlanCache: a changed
// table gets a new entry; plans replaced while a nested soft delete may still run them are
// freed at the end of the transaction, never under a caller). Callers hold the pointer.
std::shared_ptr<RelationPlans> plans_for(const pg::RelationMeta& meta);

// The rows the set-based UPDATE returned (their key columns, see finish_many_plan); they
// live in the SPI session's memory.
struct ReturnedRows {
  SPITupleTable* table = nullptr;
  uint64 count = 0;
  const std::vector<AttrNumber>* columns = nullptr;  // table attnum of each returned column

  int position(AttrNumber attnum) const {
    for (size_t i = 0; i < columns->size(); i++)
      if ((*columns)[i] == attnum) return static_cast<int>(i) + 1;
    throw pg::Error(ERRCODE_INTERNAL_ERROR, "soft delete: key column not returned");
  }
  // Values of the given table columns of row i, appended as SPI arguments (inside pg_call).
  void args(uint64 i, const std::vector<int>& positions, std::vector<Datum>& out,
            std::vector<char>& nulls) const {
    for (int p : positions) {
      bool is_null = false;
      out.push_back(SPI_getbinval(table->vals[i], table->tupdesc, p, &is_null));
      nulls.push_back(is_null ? 'n' : ' ');
    }
  }
};

// Arguments of a follow statement from returned row i: the entity type code (polymorphic
// references), then the key columns; room is reserved for `extra` more the caller appends.
void returned_follow_args(const Follow& follow, const ReturnedRows& rows, uint64 i, size_t extra,
                          std::vector<Datum>& args, std::vector<char>& nulls);

// --- pending.cpp

// Rows the row trigger kept during the running DELETE statements, per table, until that
// table's statement trigger soft-deletes them in one UPDATE (and cascades in one DELETE per
// reference). Tagged with the subtransaction that kept them: an aborted one drops its own.
struct PendingRow {
  pg_uuid_t id;
  SubTransactionId subxact;
};

// Keeps a row of `relid` for its statement trigger; false when this statement kept it
// already (DELETE ... USING meets a row twice).
bool keep_pending(Oid relid, const pg_uuid_t& id);

// Takes the table's rows kept at or below the current subtransaction: a DELETE run inside
// a subtransaction (an exception block) while an outer DELETE of the same table is still
// keeping rows must not take -- and, if it rolls back, lose -- the outer statement's rows.
std::vector<PendingRow> take_pending(Oid relid);

// --- hard_delete.cpp

// restore, purge and hard_delete act as the table's owner: only on tables that carry the
// soft-delete trigger (entity tables, or tables an admin registered), never on whatever
// relation a caller names; 22023 otherwise.
void require_soft_delete_table(const pg::RelationMeta& meta, const char* function);

}  // namespace fitness::softdelete
