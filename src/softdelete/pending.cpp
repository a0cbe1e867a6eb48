// Soft delete: the rows the row trigger keeps during the running DELETE statements, per
// table, until that table's statement trigger soft-deletes them in one UPDATE (and
// cascades in one DELETE per reference). Tagged with the subtransaction that kept them: an
// aborted one drops its own; a commit with rows still kept is refused.

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "softdelete/internal.hpp"
#include "pg/load_steps.hpp"

namespace fitness::softdelete {
namespace {

struct PendingTable {
  std::vector<PendingRow> rows;
  std::unordered_set<Uuid, UuidHash> ids;  // a row met twice (DELETE ... USING) counts once
};
std::unordered_map<Oid, PendingTable> pending;

// Pending rows of aborted (sub)transactions are dropped; a commit with rows still pending
// would report deletes that never happened, so it is refused.
void pending_transaction_callback(XactEvent event, void*) {
  if (event == XACT_EVENT_PRE_COMMIT || event == XACT_EVENT_PRE_PREPARE) {
    bool left = false;
    for (const auto& entry : pending) left = left || !entry.second.rows.empty();
    if (left)
      ereport(ERROR,
              (errcode(ERRCODE_INTERNAL_ERROR),
               errmsg("soft delete: rows kept by a DELETE were never soft-deleted"),
               errhint("A table has the zz_soft_delete trigger but its zz_soft_delete_flush "
                       "statement trigger did not fire; fitness.register_entities() adds both.")));
    return;
  }
  if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT || event == XACT_EVENT_PREPARE ||
      event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT) {
    pending.clear();
  }
}

void pending_subtransaction_callback(SubXactEvent event, SubTransactionId subxact, SubTransactionId,
                                     void*) {
  if (event != SUBXACT_EVENT_ABORT_SUB) return;
  for (auto& entry : pending) {
    auto& rows = entry.second.rows;
    for (const PendingRow& r : rows)
      if (r.subxact >= subxact) entry.second.ids.erase(Uuid::from(&r.id));
    rows.erase(std::remove_if(rows.begin(), rows.end(),
                              [&](const PendingRow& r) { return r.subxact >= subxact; }),
               rows.end());
  }
}

}  // namespace

bool keep_pending(Oid relid, const pg_uuid_t& id) {
  PendingRow row{id, GetCurrentSubTransactionId()};
  PendingTable& table = pending[relid];
  table.rows.reserve(table.rows.size() + 1);  // so the push below cannot fail after the insert
  if (!table.ids.insert(Uuid::from(&row.id)).second) return false;
  table.rows.push_back(row);
  return true;
}

std::vector<PendingRow> take_pending(Oid relid) {
  std::vector<PendingRow> taken;
  auto found = pending.find(relid);
  if (found == pending.end()) return taken;
  SubTransactionId current = GetCurrentSubTransactionId();
  auto& rows = found->second.rows;
  auto split = std::stable_partition(rows.begin(), rows.end(),
                                     [&](const PendingRow& r) { return r.subxact < current; });
  taken.assign(split, rows.end());
  rows.erase(split, rows.end());
  for (const PendingRow& r : taken) found->second.ids.erase(Uuid::from(&r.id));
  if (rows.empty()) pending.erase(found);
  return taken;
}

// Rows kept by an aborted (sub)transaction are dropped with it.
FITNESS_LOAD_STEP(soft_delete_callbacks, pg::LoadPhase::kCallbacks) {
  pg::pg_call([] {
    RegisterXactCallback(pending_transaction_callback, nullptr);
    RegisterSubXactCallback(pending_subtransaction_callback, nullptr);
  });
}

}  // namespace fitness::softdelete
