// fitness.stamp(): BEFORE INSERT OR UPDATE row trigger on every entity table. Sets
// created_at/created_by on INSERT and updated_at/updated_by on both, from the identity
// context and the transaction clock (now()), whatever the client sent; refuses UPDATEs that
// change id, created_at or created_by. Column positions come from the relation cache.

#include "common/actor.hpp"
#include "pg/function.hpp"
#include "pg/relation_cache.hpp"
#include "pg/trigger.hpp"

FITNESS_SQL_FUNCTION(fitness_stamp) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(
      fcinfo, "fitness.stamp",
      [](TriggerEvent e) -> bool { return TRIGGER_FIRED_FOR_ROW(e) && TRIGGER_FIRED_BEFORE(e); },
      "a BEFORE ... FOR EACH ROW");
  Relation rel = trigdata->tg_relation;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
  TupleDesc desc = RelationGetDescr(rel);
  bool is_insert = TRIGGER_FIRED_BY_INSERT(trigdata->tg_event);
  bool is_update = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event);
  if (!is_insert && !is_update)
    throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                    "fitness.stamp() must fire on INSERT or UPDATE");
  HeapTuple row = is_insert ? trigdata->tg_trigtuple : trigdata->tg_newtuple;

  if (is_update) {
    for (AttrNumber attnum : {meta.id_attnum, meta.created_at_attnum, meta.created_by_attnum}) {
      if (attnum != InvalidAttrNumber &&
          pg::column_changed(trigdata->tg_trigtuple, row, desc, attnum))
        throw pg::Error(
            ERRCODE_GENERATED_ALWAYS,
            "column \"" + std::string(NameStr(TupleDescAttr(desc, attnum - 1)->attname)) +
                "\" of " + meta.schema_name + "." + meta.table_name + " cannot be changed",
            {}, "id, created_at and created_by are set once, when the row is inserted");
    }
  }

  std::optional<Uuid> user = acting_user();
  Datum actor = user ? user->datum() : static_cast<Datum>(0);
  Datum now = TimestampTzGetDatum(GetCurrentTransactionStartTimestamp());

  int columns[4];
  Datum values[4];
  bool nulls[4];
  int count = 0;
  // Only columns whose value differs are rewritten: with the column defaults doing the
  // same (now(), fitness.current_user_id()), a plain INSERT needs no tuple copy at all.
  auto set = [&](AttrNumber attnum, Datum value, bool is_null) {
    if (attnum == InvalidAttrNumber) return;
    bool current_null = false;
    Datum current = heap_getattr(row, attnum, desc, &current_null);
    if (current_null == is_null &&
        (is_null || datumIsEqual(current, value, TupleDescAttr(desc, attnum - 1)->attbyval,
                                 TupleDescAttr(desc, attnum - 1)->attlen)))
      return;
    columns[count] = attnum;
    values[count] = value;
    nulls[count] = is_null;
    ++count;
  };
  if (is_insert) {
    set(meta.created_at_attnum, now, false);
    set(meta.created_by_attnum, actor, !user);
  }
  set(meta.updated_at_attnum, now, false);
  set(meta.updated_by_attnum, actor, !user);
  if (count == 0) return PointerGetDatum(row);
  return pg::pg_call([&] {
    return PointerGetDatum(heap_modify_tuple_by_cols(row, desc, count, columns, values, nulls));
  });
}
