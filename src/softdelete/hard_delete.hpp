// Real DELETEs of soft-delete tables, for the few callers that must remove rows (purge,
// hard_delete, retention policies, partition maintenance moving rows between partitions).
#pragma once

namespace fitness::softdelete {

// Lets real DELETEs through the soft-delete row trigger for the lifetime of the object.
class HardDeleteScope {
 public:
  HardDeleteScope() noexcept;
  ~HardDeleteScope();
  HardDeleteScope(const HardDeleteScope&) = delete;
  HardDeleteScope& operator=(const HardDeleteScope&) = delete;

 private:
  bool previous_;
};

}  // namespace fitness::softdelete
