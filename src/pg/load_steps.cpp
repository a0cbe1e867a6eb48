#include "pg/load_steps.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "pg/error.hpp"
#include "pg/guard.hpp"

namespace fitness::pg {
namespace {

struct LoadStep {
  const char* name;
  LoadPhase phase;
  void (*run)();
};

// Filled during static initialisation, before _PG_init: no allocation, no exception.
struct LoadSteps {
  std::array<LoadStep, 32> steps{};
  size_t count = 0;
  bool overflow = false;
};
LoadSteps& registered() {
  static LoadSteps steps;
  return steps;
}

}  // namespace

LoadStepRegistration::LoadStepRegistration(const char* name, LoadPhase phase,
                                           void (*run)()) noexcept {
  LoadSteps& all = registered();
  if (all.count == all.steps.size()) {
    all.overflow = true;
    return;
  }
  all.steps[all.count++] = LoadStep{name, phase, run};
}

void run_load_steps() {
  LoadSteps& all = registered();
  if (all.overflow)
    throw Error(ERRCODE_INTERNAL_ERROR, "fitness: more load steps than pg/load_steps.cpp holds");
  std::sort(all.steps.begin(), all.steps.begin() + all.count,
            [](const LoadStep& a, const LoadStep& b) {
              if (a.phase != b.phase) return a.phase < b.phase;
              return std::strcmp(a.name, b.name) < 0;
            });
  for (size_t i = 0; i < all.count; i++) all.steps[i].run();
}

}  // namespace fitness::pg
