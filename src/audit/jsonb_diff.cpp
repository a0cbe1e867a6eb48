// fitness.audit_diff(old jsonb, new jsonb, ignore text[]): the top-level keys of new whose
// values differ from old, as an object; NULL when nothing but the ignored keys changed.
// The audit trigger uses it so an UPDATE that changes nothing writes nothing, and
// new_data holds only what changed.

#include "pg/function.hpp"
#include "pg/guard.hpp"

namespace fitness::audit {

Jsonb* jsonb_diff(Jsonb* old_doc, Jsonb* new_doc, const char* const* ignore, const int* ignore_len,
                  int n_ignore);

namespace {

bool scalar_equal(const JsonbValue& a, const JsonbValue& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case jbvNull:
      return true;
    case jbvBool:
      return a.val.boolean == b.val.boolean;
    case jbvString:
      return a.val.string.len == b.val.string.len &&
             memcmp(a.val.string.val, b.val.string.val, a.val.string.len) == 0;
    case jbvNumeric:
      return DatumGetBool(DirectFunctionCall2(numeric_eq, NumericGetDatum(a.val.numeric),
                                              NumericGetDatum(b.val.numeric)));
    case jbvBinary:
      return compareJsonbContainers(a.val.binary.data, b.val.binary.data) == 0;
    default:
      return false;
  }
}

bool ignored(const JsonbValue& key, const char* const* ignore, const int* ignore_len, int n) {
  for (int i = 0; i < n; i++)
    if (ignore_len[i] == key.val.string.len &&
        memcmp(ignore[i], key.val.string.val, key.val.string.len) == 0)
      return true;
  return false;
}

}  // namespace

// Plain C over PostgreSQL data; runs inside pg_call.
Jsonb* jsonb_diff(Jsonb* old_doc, Jsonb* new_doc, const char* const* ignore, const int* ignore_len,
                  int n_ignore) {
  JsonbParseState* state = nullptr;
  pushJsonbValue(&state, WJB_BEGIN_OBJECT, nullptr);
  bool any_change = false;
  JsonbIterator* it = JsonbIteratorInit(&new_doc->root);
  JsonbValue key, value;
  JsonbIteratorToken token;
  bool expect_value = false;
  JsonbValue current_key;
  while ((token = JsonbIteratorNext(&it, &value, true)) != WJB_DONE) {
    if (token == WJB_KEY) {
      current_key = value;
      expect_value = true;
      continue;
    }
    if (token != WJB_VALUE || !expect_value) continue;
    expect_value = false;
    key = current_key;
    JsonbValue* before = getKeyJsonValueFromContainer(&old_doc->root, key.val.string.val,
                                                      key.val.string.len, nullptr);
    if (before != nullptr && scalar_equal(*before, value)) continue;
    if (!ignored(key, ignore, ignore_len, n_ignore)) any_change = true;
    pushJsonbValue(&state, WJB_KEY, &key);
    pushJsonbValue(&state, WJB_VALUE, &value);
  }
  JsonbValue* result = pushJsonbValue(&state, WJB_END_OBJECT, nullptr);
  return any_change ? JsonbValueToJsonb(result) : nullptr;
}

}  // namespace fitness::audit

FITNESS_SQL_FUNCTION(fitness_audit_diff) {
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1)) PG_RETURN_NULL();
  Jsonb* result = fitness::pg::pg_call([&] {
    Jsonb* old_doc = PG_GETARG_JSONB_P(0);
    Jsonb* new_doc = PG_GETARG_JSONB_P(1);
    if (!JB_ROOT_IS_OBJECT(old_doc) || !JB_ROOT_IS_OBJECT(new_doc))
      ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                      errmsg("audit_diff: both arguments must be JSON objects")));
    int n_ignore = 0;
    Datum* elems = nullptr;
    bool* elem_nulls = nullptr;
    if (!PG_ARGISNULL(2))
      deconstruct_array(PG_GETARG_ARRAYTYPE_P(2), TEXTOID, -1, false, TYPALIGN_INT, &elems,
                        &elem_nulls, &n_ignore);
    const char** ignore = static_cast<const char**>(palloc(sizeof(char*) * (n_ignore + 1)));
    int* ignore_len = static_cast<int*>(palloc(sizeof(int) * (n_ignore + 1)));
    int kept = 0;
    for (int i = 0; i < n_ignore; i++) {
      if (elem_nulls[i]) continue;
      text* t = DatumGetTextPP(elems[i]);
      ignore[kept] = VARDATA_ANY(t);
      ignore_len[kept] = VARSIZE_ANY_EXHDR(t);
      kept++;
    }
    return fitness::audit::jsonb_diff(old_doc, new_doc, ignore, ignore_len, kept);
  });
  if (result == nullptr) PG_RETURN_NULL();
  PG_RETURN_JSONB_P(result);
}
