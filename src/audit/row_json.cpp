#include "audit/row_json.hpp"

#include <algorithm>
#include "pg/function.hpp"

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
  char* last_text;  // MAXDATELEN + 1, in the plan's memory
};

struct RowJsonPlan {
  Oid type_id;
  int32 typmod;
  uint64 tupdesc_identifier;  // changes with ALTER TABLE ... TYPE (same OID and typmod)
  Datum excluded;             // copy of the exclusion list the plan was built for, or 0
  int natts;
  ColumnPlan* columns;
  int* order;  // column indexes in jsonb key order (length, then bytes), which the direct
               // jsonb writer relies on: nothing sorts or deduplicates the keys after it
};

namespace {

ValueKind kind_of(Oid type_id) {
  switch (type_id) {
    case BOOLOID:
      return ValueKind::Bool;
    case INT2OID:
    case INT4OID:
    case INT8OID:
      return ValueKind::Int;
    case NUMERICOID:
      return ValueKind::Numeric;
    case TEXTOID:
    case VARCHAROID:
    case BPCHAROID:
    case NAMEOID:
      return ValueKind::Text;
    case UUIDOID:
      return ValueKind::Uuid;
    case DATEOID:
    case TIMESTAMPOID:
    case TIMESTAMPTZOID:
      return ValueKind::DateTime;
    case JSONBOID:
      return ValueKind::Jsonb;
    default:
      return ValueKind::Generic;  // arrays, json, floats, ...: exactly as to_jsonb
  }
}

// The jsonb is written directly in its on-disk form (utils/jsonb.h): one object header, the
// keys' JEntries then the values', then the keys' bytes then the values'. Building it through
// pushJsonbValue instead makes a JsonbValue tree, sorts it, and serialises it again, which
// was most of the cost of an entry. Key order comes from the plan; the layout rules are
// those of convertJsonbObject (jsonb_util.c): every JB_OFFSET_STRIDE-th JEntry holds the end
// offset instead of the length, numerics and containers are int-aligned (padding counted in
// their length).
struct Element {
  uint32 type;  // JENTRY_IS*
  int length;   // bytes appended for it, alignment padding included
};

Element boolean_element(bool b) {
  return {static_cast<uint32>(b ? JENTRY_ISBOOL_TRUE : JENTRY_ISBOOL_FALSE), 0};
}

int pad_to_int(StringInfo buf) {
  int pad = INTALIGN(buf->len) - buf->len;
  if (pad > 0) {
    enlargeStringInfo(buf, pad);
    memset(buf->data + buf->len, 0, pad);
    buf->len += pad;
  }
  return pad;
}

Element put_string(StringInfo buf, const char* text, int len) {
  appendBinaryStringInfo(buf, text, len);
  return {JENTRY_ISSTRING, len};
}

Element put_numeric(StringInfo buf, Numeric n) {
  int pad = pad_to_int(buf);
  int len = VARSIZE_ANY(n);
  appendBinaryStringInfo(buf, reinterpret_cast<const char*>(n), len);
  return {JENTRY_ISNUMERIC, pad + len};
}

// The value of a jsonb document: its scalar, or its container copied as it is (a container's
// layout does not depend on where it sits, only on being int-aligned).
Element put_jsonb(StringInfo buf, Jsonb* doc) {
  if (JB_ROOT_IS_SCALAR(doc)) {
    JsonbValue v;
    JsonbExtractScalar(&doc->root, &v);
    switch (v.type) {
      case jbvNull:
        return {JENTRY_ISNULL, 0};
      case jbvBool:
        return boolean_element(v.val.boolean);
      case jbvString:
        return put_string(buf, v.val.string.val, v.val.string.len);
      case jbvNumeric:
        return put_numeric(buf, v.val.numeric);
      default:
        elog(ERROR, "fitness: unexpected jsonb scalar type %d", static_cast<int>(v.type));
    }
  }
  int pad = pad_to_int(buf);
  int len = VARSIZE(doc) - VARHDRSZ;
  appendBinaryStringInfo(buf, reinterpret_cast<const char*>(&doc->root), len);
  return {JENTRY_ISCONTAINER, pad + len};
}

Element put_value(StringInfo buf, ColumnPlan* column, Datum value) {
  switch (column->kind) {
    case ValueKind::Bool:
      return boolean_element(DatumGetBool(value));
    case ValueKind::Int: {
      int64 n = column->type_id == INT2OID   ? DatumGetInt16(value)
                : column->type_id == INT4OID ? DatumGetInt32(value)
                                             : DatumGetInt64(value);
      return put_numeric(buf, int64_to_numeric(n));
    }
    case ValueKind::Numeric: {
      Numeric n = DatumGetNumeric(value);
      if (numeric_is_nan(n) || numeric_is_inf(n)) break;  // to_jsonb writes these as strings
      return put_numeric(buf, n);
    }
    case ValueKind::Text: {
      if (column->type_id == NAMEOID) {
        const char* s = NameStr(*DatumGetName(value));
        return put_string(buf, s, strlen(s));
      }
      text* t = DatumGetTextPP(value);
      return put_string(buf, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
    }
    case ValueKind::Uuid: {
      static const char hex[] = "0123456789abcdef";
      const pg_uuid_t* id = DatumGetUUIDP(value);
      enlargeStringInfo(buf, 36);
      char* out = buf->data + buf->len;
      int p = 0;
      for (int i = 0; i < UUID_LEN; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out[p++] = '-';
        out[p++] = hex[id->data[i] >> 4];
        out[p++] = hex[id->data[i] & 0xF];
      }
      buf->len += 36;
      return {JENTRY_ISSTRING, 36};
    }
    case ValueKind::DateTime: {
      // Equal values, equal text (the format is fixed; timestamptz also depends on TimeZone).
      int64 key = column->type_id == DATEOID ? DatumGetInt32(value)
                                             : DatumGetInt64(value);  // DateADT is an int32
      if (!column->has_last || column->last_value != key ||
          column->last_timezone != session_timezone) {
        column->has_last = false;
        JsonEncodeDateTime(column->last_text, value, column->type_id, nullptr);
        column->last_len = strlen(column->last_text);
        column->last_value = key;
        column->last_timezone = session_timezone;
        column->has_last = true;
      }
      return put_string(buf, column->last_text, column->last_len);
    }
    case ValueKind::Jsonb:
      return put_jsonb(buf, DatumGetJsonbP(value));
    case ValueKind::Generic:
      break;
  }
  return put_jsonb(buf, DatumGetJsonbP(FunctionCall1(&column->to_jsonb_info, value)));
}

void check_jsonb_size(int64 total) {
  if (total > JENTRY_OFFLENMASK)
    ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("total size of jsonb object elements exceeds the maximum of %d bytes",
                           JENTRY_OFFLENMASK)));
}

// Stores element i's JEntry: its length, or every JB_OFFSET_STRIDE-th its end offset.
void set_jentry(StringInfo buf, int entries_at, int i, Element e, int64 end_offset) {
  uint32 meta = (i % JB_OFFSET_STRIDE) == 0
                    ? (e.type | static_cast<uint32>(end_offset) | JENTRY_HAS_OFF)
                    : (e.type | static_cast<uint32>(e.length));
  memcpy(buf->data + entries_at + sizeof(JEntry) * i, &meta, sizeof(JEntry));
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
    if ((column->kind == ValueKind::Generic || column->kind == ValueKind::Numeric) &&
        !column->excluded) {
      fmgr_info_cxt(F_TO_JSONB, &column->to_jsonb_info, context);
      Node* arg = reinterpret_cast<Node*>(
          makeNullConst(attr->atttypid, attr->atttypmod, attr->attcollation));
      column->to_jsonb_info.fn_expr = reinterpret_cast<Node*>(makeFuncExpr(
          F_TO_JSONB, JSONBOID, list_make1(arg), InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL));
    }
  }
  ReleaseTupleDesc(desc);
  plan->order = static_cast<int*>(palloc(sizeof(int) * (plan->natts + 1)));
  for (int i = 0; i < plan->natts; i++) plan->order[i] = i;
  ColumnPlan* columns = plan->columns;
  auto same_name = [columns](int a, int b) {
    return columns[a].name_len == columns[b].name_len &&
           memcmp(NameStr(columns[a].name), NameStr(columns[b].name), columns[a].name_len) == 0;
  };
  std::sort(plan->order, plan->order + plan->natts, [columns](int a, int b) {
    if (columns[a].name_len != columns[b].name_len)
      return columns[a].name_len < columns[b].name_len;
    int c = memcmp(NameStr(columns[a].name), NameStr(columns[b].name), columns[a].name_len);
    return c != 0 ? c < 0 : a < b;  // equal names (an anonymous record's) by position
  });
  // Keys must be unique: of columns sharing a name (SELECT 1 AS a, 2 AS a) the last one is
  // kept, as to_jsonb keeps it.
  for (int k = 0; k + 1 < plan->natts; k++) {
    int i = plan->order[k];
    if (!columns[i].excluded && same_name(i, plan->order[k + 1])) columns[i].excluded = true;
  }
  MemoryContextSwitchTo(old);
  return plan;
}

bool row_json_plan_matches(const RowJsonPlan* plan, Oid type_id, int32 typmod, Datum excluded) {
  if (plan == nullptr || plan->type_id != type_id || plan->typmod != typmod) return false;
  if (plan->tupdesc_identifier != assign_record_type_identifier(type_id, typmod)) return false;
  if ((plan->excluded == 0) != (excluded == 0)) return false;
  return excluded == 0 || datumIsEqual(plan->excluded, excluded, false, -1);
}

Jsonb* row_to_audit_jsonb(RowJsonPlan* plan, Datum row) {
  return row_to_audit_jsonb_changed(plan, row, 0, nullptr);
}

namespace {

// The jsonb object of one row's values (natts of them), only the changed ones if given.
Jsonb* values_to_jsonb(RowJsonPlan* plan, int natts, const Datum* values, const bool* nulls,
                       const bool* changed) {
  int* included = static_cast<int*>(palloc(sizeof(int) * (plan->natts + 1)));  // in key order
  int n = 0, key_bytes = 0;
  for (int k = 0; k < plan->natts; k++) {
    int i = plan->order[k];
    if (i >= natts || plan->columns[i].excluded || (changed != nullptr && !changed[i])) continue;
    included[n++] = i;
    key_bytes += plan->columns[i].name_len;
  }
  StringInfoData buf;
  initStringInfo(&buf);
  enlargeStringInfo(&buf, VARHDRSZ + sizeof(uint32) + 2 * n * sizeof(JEntry) + key_bytes + 24 * n);
  buf.len = VARHDRSZ;
  uint32 header = static_cast<uint32>(n) | JB_FOBJECT;
  appendBinaryStringInfo(&buf, reinterpret_cast<const char*>(&header), sizeof(header));
  int entries_at = buf.len;
  buf.len += 2 * n * sizeof(JEntry);
  int64 total = 0;  // bytes of keys and values so far: the end offset of the last element
  for (int k = 0; k < n; k++) {
    ColumnPlan* column = &plan->columns[included[k]];
    Element e = put_string(&buf, NameStr(column->name), column->name_len);
    total += e.length;
    set_jentry(&buf, entries_at, k, e, total);
  }
  for (int k = 0; k < n; k++) {
    int i = included[k];
    Element e =
        nulls[i] ? Element{JENTRY_ISNULL, 0} : put_value(&buf, &plan->columns[i], values[i]);
    total += e.length;
    check_jsonb_size(total);
    set_jentry(&buf, entries_at, n + k, e, total);
  }
  check_jsonb_size(buf.len - VARHDRSZ);
  pfree(included);
  SET_VARSIZE(buf.data, buf.len);
  return reinterpret_cast<Jsonb*>(buf.data);
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
      changed[i] =
          old_nulls[i] != nulls[i] ||
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

// fitness.audit_row_jsonb(row record, excluded text[]) RETURNS jsonb: to_jsonb(row) minus the
// excluded columns. The plan lives in fn_extra for the query.
FITNESS_SQL_FUNCTION(fitness_audit_row_jsonb) {
  if (PG_ARGISNULL(0)) PG_RETURN_NULL();
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
}
