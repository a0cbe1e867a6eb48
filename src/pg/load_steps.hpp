// The library's load-time set-up, declared next to the code it sets up (as an SQL function
// is declared next to its body):
//
//   FITNESS_LOAD_STEP(policy_proof, pg::LoadPhase::kHooks) {
//     ... C calls: DefineCustom*Variable, Register*Callback, hook assignments ...
//   }
//
// registers the step when the shared library is mapped (a static object: no PostgreSQL call
// and no allocation happen then); _PG_init (module.cpp) runs every step under its guard, by
// phase and then by name. A step is C++ like any other: its PostgreSQL calls go through
// pg_call. A new capability adds its steps in its own folder; module.cpp does not change.
#pragma once

namespace fitness::pg {

// When a step runs. Hooks chain: a hook installed later runs first (outermost).
enum class LoadPhase {
  kBridge,          // the callbacks of src/pg/'s own caches, before any capability's
  kCallbacks,       // the capabilities' invalidation and transaction callbacks
  kSettings,        // a capability's own configuration parameters
  kHooks,           // planner and executor hooks
  kOutermostHooks,  // hooks that must run before every other one (the identity guard)
  kReservePrefix,   // last: reserves the fitness. prefix, so every setting is defined before
};

class LoadStepRegistration {
 public:
  LoadStepRegistration(const char* name, LoadPhase phase, void (*run)()) noexcept;
};

// From _PG_init: runs the registered steps; ERROR if more steps were registered than the
// table holds.
void run_load_steps();

}  // namespace fitness::pg

#define FITNESS_LOAD_STEP(name, phase)                                                         \
  static void name##_load_step();                                                              \
  static const ::fitness::pg::LoadStepRegistration name##_load_registration(#name, phase,      \
                                                                            name##_load_step); \
  static void name##_load_step()
