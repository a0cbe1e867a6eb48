#include "common/sanctioned_writes.hpp"

namespace fitness::common {
namespace {

bool hard_delete_allowed = false;
Oid moving_relid = InvalidOid;
Oid restore_caller = InvalidOid;
Oid restore_root = InvalidOid;

}  // namespace

HardDeleteScope::HardDeleteScope() noexcept : previous_(hard_delete_allowed) {
  hard_delete_allowed = true;
}
HardDeleteScope::~HardDeleteScope() { hard_delete_allowed = previous_; }
bool hard_delete_running() noexcept { return hard_delete_allowed; }

MovingRowsScope::MovingRowsScope(Oid relid) noexcept : previous_(moving_relid) {
  moving_relid = relid;
}
MovingRowsScope::~MovingRowsScope() { moving_relid = previous_; }
bool moving_rows_of(Oid relid) noexcept { return relid != InvalidOid && relid == moving_relid; }

RestoreScope::RestoreScope(Oid caller, Oid root_relid) noexcept
    : previous_caller_(restore_caller), previous_root_(restore_root) {
  restore_caller = caller;
  restore_root = root_relid;
}
RestoreScope::~RestoreScope() {
  restore_caller = previous_caller_;
  restore_root = previous_root_;
}
Oid restoring_caller() noexcept { return restore_caller; }
Oid restoring_root() noexcept { return restore_root; }

}  // namespace fitness::common
