// The trigger-protocol check every C++ trigger function starts with, and the changed-column
// test of BEFORE UPDATE triggers.
#pragma once

#include <string>

#include "pg/error.hpp"

namespace fitness::pg {

// The call's TriggerData. Throws 39P01 "<function>() must be called as a trigger" outside a
// trigger call, and "<function>() must be <shape> trigger" when fired_as(tg_event) is false
// (fired_as nullptr: any event).
inline TriggerData* trigger_call(FunctionCallInfo fcinfo, const char* function,
                                 bool (*fired_as)(TriggerEvent) = nullptr,
                                 const char* shape = nullptr) {
  if (!CALLED_AS_TRIGGER(fcinfo))
    throw Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                std::string(function) + "() must be called as a trigger");
  auto* trigdata = reinterpret_cast<TriggerData*>(fcinfo->context);
  if (fired_as != nullptr && !fired_as(trigdata->tg_event))
    throw Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                std::string(function) + "() must be " + shape + " trigger");
  return trigdata;
}

// The shape of a guard on the new row: BEFORE INSERT OR UPDATE ... FOR EACH ROW.
inline bool fired_before_row_write(TriggerEvent e) {
  return TRIGGER_FIRED_FOR_ROW(e) && TRIGGER_FIRED_BEFORE(e) &&
         (TRIGGER_FIRED_BY_INSERT(e) || TRIGGER_FIRED_BY_UPDATE(e));
}
constexpr const char* kBeforeRowWrite = "a BEFORE INSERT OR UPDATE ... FOR EACH ROW";

// The shape of a follower of written rows: AFTER ... FOR EACH ROW (any event).
inline bool fired_after_row(TriggerEvent e) {
  return TRIGGER_FIRED_FOR_ROW(e) && TRIGGER_FIRED_AFTER(e);
}
constexpr const char* kAfterRow = "an AFTER ... FOR EACH ROW";

// Whether column attnum differs between the old and the new row of an UPDATE (binary
// comparison: what a BEFORE trigger compares to tell a changed column from one left alone).
// Plain C calls only: call it inside pg_call or where an ereport may leave.
inline bool column_changed(HeapTuple old_row, HeapTuple new_row, TupleDesc desc,
                           AttrNumber attnum) {
  bool old_null = false, new_null = false;
  Datum old_value = heap_getattr(old_row, attnum, desc, &old_null);
  Datum new_value = heap_getattr(new_row, attnum, desc, &new_null);
  if (old_null || new_null) return old_null != new_null;
  Form_pg_attribute attr = TupleDescAttr(desc, attnum - 1);
  return !datumIsEqual(old_value, new_value, attr->attbyval, attr->attlen);
}

}  // namespace fitness::pg
