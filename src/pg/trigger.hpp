// The trigger-protocol check every C++ trigger function starts with.
#pragma once

#include <string>

#include "pg/error.hpp"

namespace fitness::pg {

// The call's TriggerData. Throws 39P01 "<function>() must be called as a trigger" outside a
// trigger call, and "<function>() must be <shape> trigger" when fired_as(tg_event) is false
// (fired_as nullptr: any event).
inline TriggerData* trigger_call(FunctionCallInfo fcinfo, const char* function,
                                 bool (*fired_as)(TriggerEvent) = nullptr, const char* shape = nullptr) {
  if (!CALLED_AS_TRIGGER(fcinfo))
    throw Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED, std::string(function) + "() must be called as a trigger");
  auto* trigdata = reinterpret_cast<TriggerData*>(fcinfo->context);
  if (fired_as != nullptr && !fired_as(trigdata->tg_event))
    throw Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                std::string(function) + "() must be " + shape + " trigger");
  return trigdata;
}

}  // namespace fitness::pg
