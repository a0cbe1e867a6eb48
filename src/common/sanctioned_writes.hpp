// The few writes a capability's guard trigger lets through because another capability's
// code, not a client, makes them: scopes set by that code around its one statement, read
// by the guard. Plain backend-local flags; no SQL, setting or role can raise them.
//
//   HardDeleteScope   the soft-delete row trigger lets a real DELETE through (purge,
//                     hard_delete, retention policies, partition maintenance moving rows);
//                     the last-owner rule of institutions lets the last owner's row go
//   MovingRowsScope   the audit log's append-only guard lets partition maintenance delete
//                     the rows it moves out of that default partition, in the same statement
//   RestoreScope      fitness.restore reactivates rows as the table owner; the business
//                     rules that fire meanwhile judge the caller (restoring_caller), not the
//                     owner, so a restore is no way around them
#pragma once

#include "pg/postgres.hpp"

namespace fitness::common {

class HardDeleteScope {
 public:
  HardDeleteScope() noexcept;
  ~HardDeleteScope();
  HardDeleteScope(const HardDeleteScope&) = delete;
  HardDeleteScope& operator=(const HardDeleteScope&) = delete;

 private:
  bool previous_;
};
bool hard_delete_running() noexcept;

class MovingRowsScope {
 public:
  explicit MovingRowsScope(Oid relid) noexcept;
  ~MovingRowsScope();
  MovingRowsScope(const MovingRowsScope&) = delete;
  MovingRowsScope& operator=(const MovingRowsScope&) = delete;

 private:
  Oid previous_;
};
bool moving_rows_of(Oid relid) noexcept;

class RestoreScope {
 public:
  RestoreScope(Oid caller, Oid root_relid) noexcept;
  ~RestoreScope();
  RestoreScope(const RestoreScope&) = delete;
  RestoreScope& operator=(const RestoreScope&) = delete;

 private:
  Oid previous_caller_;
  Oid previous_root_;
};

// The role that called fitness.restore while its rows are reactivated; InvalidOid otherwise.
Oid restoring_caller() noexcept;
// The table of the row fitness.restore was asked for (its cascade comes along); InvalidOid
// when no restore runs.
Oid restoring_root() noexcept;

}  // namespace fitness::common
