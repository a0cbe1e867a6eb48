// Row -> jsonb for the audit log, as to_jsonb(row) would produce it, minus excluded columns,
// with the per-column work decided once per row type instead of once per value (to_jsonb
// looks up type categories and output functions for every column of every row, and turns
// numbers into text and back).
#pragma once

#include "pg/guard.hpp"

namespace fitness::audit {

struct RowJsonPlan;  // plain C data in a long-lived memory context

// Plans the conversion of rows of (type_id, typmod), leaving out the columns named in
// `excluded` (a text[] datum, or 0 for none). C code: call inside pg_call.
RowJsonPlan* plan_row_json(Oid type_id, int32 typmod, Datum excluded, MemoryContext context);

// Converts one composite datum; the plan must match its row type. C code: call in pg_call.
Jsonb* row_to_audit_jsonb(RowJsonPlan* plan, Datum row);

// The same from a slot holding a row of the plan's type (no composite datum is formed).
Jsonb* slot_to_audit_jsonb(RowJsonPlan* plan, TupleTableSlot* slot);

// Only the columns of `row` whose values differ from `before` (same row type); sets
// *any_change when one other than updated_at/updated_by differs. C code: inside pg_call.
Jsonb* row_to_audit_jsonb_changed(RowJsonPlan* plan, Datum row, Datum before, bool* any_change);

// Whether a plan still fits rows of that type (same definition) and exclusion list.
bool row_json_plan_matches(const RowJsonPlan* plan, Oid type_id, int32 typmod, Datum excluded);

}  // namespace fitness::audit
