// SPI helpers: a scoped connection and plans prepared once per backend (SPI_keepplan).
#pragma once

#include <string>

#include <cstdint>
#include <vector>

#include "pg/guard.hpp"

namespace fitness::pg {

// SPI_connect for the lifetime of the object, with search_path pinned to
// "pg_catalog, pg_temp" meanwhile: our statements run as table owners, so no caller's schema
// may lend them an operator or function (the functions themselves need no SET clause, which
// would cost every call, also those answered from a cache). SPI_finish in the destructor never
// raises, so unwinding after a PgError is safe; the transaction abort cleans up the rest. (If the
// error came from a nested SPI user that never finished, this pops that level instead of
// ours; harmless because a PgError always aborts the (sub)transaction.)
class SpiSession {
 public:
  SpiSession();
  ~SpiSession();
  SpiSession(const SpiSession&) = delete;
  SpiSession& operator=(const SpiSession&) = delete;

  // Memory context of the caller, for results that must outlive the session.
  MemoryContext caller_context() const noexcept { return caller_context_; }

 private:
  MemoryContext caller_context_;
  int guc_nest_level_;
};

// A statement prepared on first use and kept for the life of the backend. The plan cache
// re-plans it when the objects it uses change, so it never goes stale. Instances are meant
// to be function-local statics; the destructor deliberately frees nothing (process exit).
class KeptPlan {
 public:
  KeptPlan(const char* sql, std::vector<Oid> arg_types) noexcept
      : sql_(sql), arg_types_(std::move(arg_types)) {}

  // Runs the plan inside an open SpiSession; returns SPI_processed. max_rows (0: all) is
  // for SELECTs only: a data-modifying statement stopped at a row limit never finishes its
  // ModifyTable node, so its AFTER STATEMENT triggers (audit, RBAC invalidation) would not
  // fire; asking for that is refused as an internal error.
  std::uint64_t execute(const Datum* values, const char* nulls, bool read_only, long max_rows = 0);

  static std::int64_t prepared_count() noexcept;
  static std::int64_t reuse_count() noexcept;

 private:
  const char* sql_;
  std::vector<Oid> arg_types_;
  SPIPlanPtr plan_ = nullptr;
  bool is_select_ = false;
};

// The first column of the first row of the last SPI result (is_null when there is none),
// copied into the memory context of the caller of the SPI session.
Datum spi_first_value(bool* is_null);

// Column `column` (1-based) of the first row of the last SPI result as text; "" for NULL or
// no row.
std::string spi_first_text(int column);

// The latest snapshot as the active one, for the lifetime of the object: for look-ups whose
// answer is kept until an invalidation says otherwise (a commit is visible to new snapshots
// before its invalidations arrive, so a look-up with an older snapshot could keep a state
// no invalidation will correct). Popping cannot raise; after an error the (sub)transaction
// abort pops it as well. In parallel mode (a parallel query's leader or worker) no new
// snapshot may be taken: the query's own is used, and callers keep the answer for this
// transaction only (taken_latest() says which).
class LatestSnapshotScope {
 public:
  LatestSnapshotScope() : pushed_(!IsInParallelMode()) {
    if (pushed_) pg_call([] { PushActiveSnapshot(GetLatestSnapshot()); });
  }
  ~LatestSnapshotScope() {
    if (pushed_) PopActiveSnapshot();
  }
  LatestSnapshotScope(const LatestSnapshotScope&) = delete;
  LatestSnapshotScope& operator=(const LatestSnapshotScope&) = delete;
  bool taken_latest() const noexcept { return pushed_; }

 private:
  bool pushed_;
};

}  // namespace fitness::pg
