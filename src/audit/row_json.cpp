#include "audit/row_json.hpp"

#include <algorithm>

namespace fitness::audit {

enum class ValueKind { Bool, Int, Numeric, Text, Uuid, DateTime, Jsonb, Generic };

struct ColumnPlan {
  NameData name;
  int name_len;
  Oid type_id;
  ValueKind kind;
  bool excluded;
  FmgrInfo to_jsonb_info;  // Generic: to_jsonb bound to this column's type
  // DateTime: the last value encoded and its text. Formatting a timestamp is the dearest
  // part of a row, and consecutive rows mostly share them (created_at = now() in bulk).
  bool has_last;
  int64 last_value;
  const pg_tz* last_timezone;  // timestamptz text depends on the session's TimeZone
  int last_len;
  char* last_text;             // MAXDATELEN + 1, in the plan's memory
};

struct RowJsonPlan {
  Oid type_id;
  int32 typmod;
  uint64 tupdesc_identifier;  // changes with ALTER TABLE ... TYPE (same OID and typmod)
  Datum excluded;             // copy of the exclusion list the plan was built for, or 0
  int natts;
  ColumnPlan* columns;
  int* order;  // column indexes in jsonb key order (length, then bytes): pushing keys
               // presorted lets jsonb's own key sort finish in one pass
};

namespace {

ValueKind kind_of(Oid type_id) {
  switch (type_id) {
    case BOOLOID: return ValueKind::Bool;
    case INT2OID: case INT4OID: case INT8OID: return ValueKind::Int;
    case NUMERICOID: return ValueKind::Numeric;
    case TEXTOID: case VARCHAROID: case BPCHAROID: case NAMEOID: return ValueKind::Text;
    case UUIDOID: return ValueKind::Uuid;
    case DATEOID: case TIMESTAMPOID: case TIMESTAMPTZOID: return ValueKind::DateTime;
    case JSONBOID: return ValueKind::Jsonb;
    default: return ValueKind::Generic;  // arrays, json, floats, ...: exactly as to_jsonb
  }
}

void push_string(JsonbParseState** state, const char* text, int len) {
  JsonbValue v;
  v.type = jbvString;
  v.val.string.val = const_cast<char*>(text);
  v.val.string.len = len;
  pushJsonbValue(state, WJB_VALUE, &v);
}

void push_jsonb(JsonbParseState** state, Jsonb* doc) {
  JsonbValue v;
  if (JB_ROOT_IS_SCALAR(doc)) {  // a scalar document: its single element
    JsonbExtractScalar(&doc->root, &v);
  } else {
    v.type = jbvBinary;
    v.val.binary.data = &doc->root;
    v.val.binary.len = VARSIZE(doc) - VARHDRSZ;
  }
  pushJsonbValue(state, WJB_VALUE, &v);
}

void push_value(JsonbParseState** state, ColumnPlan* column, Datum value) {
  JsonbValue v;
  switch (column->kind) {
    case ValueKind::Bool:
      v.type = jbvBool;
      v.val.boolean = DatumGetBool(value);
      pushJsonbValue(state, WJB_VALUE, &v);
      return;
    case ValueKind::Int: {
      int64 n = column->type_id == INT2OID   ? DatumGetInt16(value)
                : column->type_id == INT4OID ? DatumGetInt32(value)
                                             : DatumGetInt64(value);
      v.type = jbvNumeric;
      v.val.numeric = int64_to_numeric(n);
      pushJsonbValue(state, WJB_VALUE, &v);
      return;
    }
    case ValueKind::Numeric: {
      Numeric n = DatumGetNumeric(value);
      if (numeric_is_nan(n) || numeric_is_inf(n)) break;  // to_jsonb writes these as strings
      v.type = jbvNumeric;
      v.val.numeric = n;
      pushJsonbValue(state, WJB_VALUE, &v);
      return;
    }
    case ValueKind::Text: {
      if (column->type_id == NAMEOID) {
        const char* s = NameStr(*DatumGetName(value));
        push_string(state, s, strlen(s));
      } else {
        text* t = DatumGetTextPP(value);
        push_string(state, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
      }
      return;
    }
    case ValueKind::Uuid: {
      static const char hex[] = "0123456789abcdef";
      pg_uuid_t* id = DatumGetUUIDP(value);
      char* buf = static_cast<char*>(palloc(37));
      int p = 0;
      for (int i = 0; i < UUID_LEN; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) buf[p++] = '-';
        buf[p++] = hex[id->data[i] >> 4];
        buf[p++] = hex[id->data[i] & 0xF];
      }
      buf[p] = '\0';
      push_string(state, buf, 36);
      return;
    }
    case ValueKind::DateTime: {
      // Equal values, equal text (the format is fixed; timestamptz also depends on TimeZone).
      int64 key = column->type_id == DATEOID ? DatumGetInt32(value) : DatumGetInt64(value);  // DateADT is an int32
      if (!column->has_last || column->last_value != key || column->last_timezone != session_timezone) {
        column->has_last = false;
        JsonEncodeDateTime(column->last_text, value, column->type_id, nullptr);
        column->last_len = strlen(column->last_text);
        column->last_value = key;
        column->last_timezone = session_timezone;
        column->has_last = true;
      }
      // A copy: a nested conversion (user code in a Generic column's cast) may reuse the cache
      // before this row is serialised.
      push_string(state, pnstrdup(column->last_text, column->last_len), column->last_len);
      return;
    }
    case ValueKind::Jsonb:
      push_jsonb(state, DatumGetJsonbP(value));
      return;
    case ValueKind::Generic:
      break;
  }
  push_jsonb(state, DatumGetJsonbP(FunctionCall1(&column->to_jsonb_info, value)));
}

}  // namespace

RowJsonPlan* plan_row_json(Oid type_id, int32 typmod, Datum excluded, MemoryContext context) {
  MemoryContext old = MemoryContextSwitchTo(context);
  TupleDesc desc = lookup_rowtype_tupdesc(type_id, typmod);
  RowJsonPlan* plan = static_cast<RowJsonPlan*>(palloc0(sizeof(RowJsonPlan)));
  plan->type_id = type_id;
  plan->typmod = typmod;
  plan->tupdesc_identifier = assign_record_type_identifier(type_id, typmod);
  plan->excluded = excluded != 0 ? datumCopy(excluded, false, -1) : 0;
  plan->natts = desc->natts;
  plan->columns = static_cast<ColumnPlan*>(palloc0(sizeof(ColumnPlan) * (desc->natts + 1)));

  Datum* names = nullptr;
  bool* name_nulls = nullptr;
  int n_excluded = 0;
  if (excluded != 0)
    deconstruct_array(DatumGetArrayTypeP(excluded), TEXTOID, -1, false, TYPALIGN_INT, &names,
                      &name_nulls, &n_excluded);
  for (int i = 0; i < desc->natts; i++) {
    Form_pg_attribute attr = TupleDescAttr(desc, i);
    ColumnPlan* column = &plan->columns[i];
    column->name = attr->attname;
    column->name_len = strlen(NameStr(attr->attname));
    column->type_id = attr->atttypid;
    column->kind = kind_of(attr->atttypid);
    column->excluded = attr->attisdropped;
    if (column->kind == ValueKind::DateTime)
      column->last_text = static_cast<char*>(palloc(MAXDATELEN + 1));
    for (int e = 0; e < n_excluded && !column->excluded; e++)
      if (!name_nulls[e] && strcmp(TextDatumGetCString(names[e]), NameStr(attr->attname)) == 0)
        column->excluded = true;
    // Numeric too: NaN and infinities fall back to to_jsonb (it writes them as strings).
    if ((column->kind == ValueKind::Generic || column->kind == ValueKind::Numeric) && !column->excluded) {
      fmgr_info_cxt(F_TO_JSONB, &column->to_jsonb_info, context);
      Node* arg = reinterpret_cast<Node*>(makeNullConst(attr->atttypid, attr->atttypmod, attr->attcollation));
      column->to_jsonb_info.fn_expr = reinterpret_cast<Node*>(
          makeFuncExpr(F_TO_JSONB, JSONBOID, list_make1(arg), InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL));
    }
  }
  ReleaseTupleDesc(desc);
  plan->order = static_cast<int*>(palloc(sizeof(int) * (plan->natts + 1)));
  for (int i = 0; i < plan->natts; i++) plan->order[i] = i;
  ColumnPlan* columns = plan->columns;
  std::sort(plan->order, plan->order + plan->natts, [columns](int a, int b) {
    if (columns[a].name_len != columns[b].name_len) return columns[a].name_len < columns[b].name_len;
    return memcmp(NameStr(columns[a].name), NameStr(columns[b].name), columns[a].name_len) < 0;
  });
  MemoryContextSwitchTo(old);
  return plan;
}

bool row_json_plan_matches(const RowJsonPlan* plan, Oid type_id, int32 typmod, Datum excluded) {
  if (plan == nullptr || plan->type_id != type_id || plan->typmod != typmod) return false;
  if (plan->tupdesc_identifier != assign_record_type_identifier(type_id, typmod)) return false;
  if ((plan->excluded == 0) != (excluded == 0)) return false;
  return excluded == 0 || datumIsEqual(plan->excluded, excluded, false, -1);
}

Jsonb* row_to_audit_jsonb(RowJsonPlan* plan, Datum row) { return row_to_audit_jsonb_changed(plan, row, 0, nullptr); }

namespace {

// The jsonb object of one row's values (natts of them), only the changed ones if given.
Jsonb* values_to_jsonb(RowJsonPlan* plan, int natts, const Datum* values, const bool* nulls,
                       const bool* changed) {
  JsonbParseState* state = nullptr;
  pushJsonbValue(&state, WJB_BEGIN_OBJECT, nullptr);
  for (int k = 0; k < plan->natts; k++) {
    int i = plan->order[k];
    if (i >= natts) continue;
    ColumnPlan* column = &plan->columns[i];
    if (column->excluded || (changed != nullptr && !changed[i])) continue;
    JsonbValue key;
    key.type = jbvString;
    key.val.string.val = NameStr(column->name);
    key.val.string.len = column->name_len;
    pushJsonbValue(&state, WJB_KEY, &key);
    if (nulls[i]) {
      JsonbValue null_value;
      null_value.type = jbvNull;
      pushJsonbValue(&state, WJB_VALUE, &null_value);
    } else {
      push_value(&state, column, values[i]);
    }
  }
  return JsonbValueToJsonb(pushJsonbValue(&state, WJB_END_OBJECT, nullptr));
}

}  // namespace

Jsonb* slot_to_audit_jsonb(RowJsonPlan* plan, TupleTableSlot* slot) {
  slot_getallattrs(slot);
  return values_to_jsonb(plan, Min(slot->tts_tupleDescriptor->natts, plan->natts), slot->tts_values,
                         slot->tts_isnull, nullptr);
}

Jsonb* row_to_audit_jsonb_changed(RowJsonPlan* plan, Datum row, Datum before, bool* any_change) {
  HeapTupleHeader header = DatumGetHeapTupleHeader(row);
  HeapTupleData tuple;
  tuple.t_len = HeapTupleHeaderGetDatumLength(header);
  ItemPointerSetInvalid(&tuple.t_self);
  tuple.t_tableOid = InvalidOid;
  tuple.t_data = header;
  TupleDesc desc = lookup_rowtype_tupdesc(plan->type_id, plan->typmod);
  Datum* values = static_cast<Datum*>(palloc(sizeof(Datum) * (desc->natts + 1)));
  bool* nulls = static_cast<bool*>(palloc(sizeof(bool) * (desc->natts + 1)));
  heap_deform_tuple(&tuple, desc, values, nulls);
  // With `before`: only the columns whose value differs from it (binary comparison).
  bool* changed = nullptr;
  if (before != 0) {
    HeapTupleHeader old_header = DatumGetHeapTupleHeader(before);
    HeapTupleData old_tuple;
    old_tuple.t_len = HeapTupleHeaderGetDatumLength(old_header);
    ItemPointerSetInvalid(&old_tuple.t_self);
    old_tuple.t_tableOid = InvalidOid;
    old_tuple.t_data = old_header;
    Datum* old_values = static_cast<Datum*>(palloc(sizeof(Datum) * (desc->natts + 1)));
    bool* old_nulls = static_cast<bool*>(palloc(sizeof(bool) * (desc->natts + 1)));
    heap_deform_tuple(&old_tuple, desc, old_values, old_nulls);
    changed = static_cast<bool*>(palloc0(sizeof(bool) * (desc->natts + 1)));
    *any_change = false;
    for (int i = 0; i < desc->natts && i < plan->natts; i++) {
      Form_pg_attribute attr = TupleDescAttr(desc, i);
      if (plan->columns[i].excluded) continue;
      changed[i] = old_nulls[i] != nulls[i] ||
                   (!nulls[i] && !datumIsEqual(old_values[i], values[i], attr->attbyval, attr->attlen));
      // The stamp changes these on every UPDATE; alone they are no change worth recording.
      if (changed[i] && strcmp(NameStr(attr->attname), "updated_at") != 0 &&
          strcmp(NameStr(attr->attname), "updated_by") != 0)
        *any_change = true;
    }
  }
  int natts = Min(desc->natts, plan->natts);
  ReleaseTupleDesc(desc);
  return values_to_jsonb(plan, natts, values, nulls, changed);
}

}  // namespace fitness::audit

extern "C" {
PG_FUNCTION_INFO_V1(fitness_audit_row_jsonb);
Datum fitness_audit_row_jsonb(PG_FUNCTION_ARGS);
}

// fitness.audit_row_jsonb(row record, excluded text[]) RETURNS jsonb: to_jsonb(row) minus the
// excluded columns. The plan lives in fn_extra for the query.
Datum fitness_audit_row_jsonb(PG_FUNCTION_ARGS) {
  if (PG_ARGISNULL(0)) PG_RETURN_NULL();
  return fitness::pg::guard([&]() -> Datum {
    return fitness::pg::pg_call([&] {
      HeapTupleHeader header = PG_GETARG_HEAPTUPLEHEADER(0);
      Oid type_id = HeapTupleHeaderGetTypeId(header);
      int32 typmod = HeapTupleHeaderGetTypMod(header);
      auto* plan = static_cast<fitness::audit::RowJsonPlan*>(fcinfo->flinfo->fn_extra);
      Datum excluded = PG_ARGISNULL(1) ? 0 : PointerGetDatum(PG_DETOAST_DATUM(PG_GETARG_DATUM(1)));
      if (!fitness::audit::row_json_plan_matches(plan, type_id, typmod, excluded)) {
        plan = fitness::audit::plan_row_json(type_id, typmod, excluded, fcinfo->flinfo->fn_mcxt);
        fcinfo->flinfo->fn_extra = plan;
      }
      return JsonbPGetDatum(fitness::audit::row_to_audit_jsonb(plan, PointerGetDatum(header)));
    });
  });
}
