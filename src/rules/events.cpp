// Domain events, the outbox: platform.system_event is written in the transaction of the
// change it records, and every row written there, by fitness.emit_event, by a rule or by the
// extension's own functions, is announced with NOTIFY fitness_events '<event id>'. NOTIFY is
// delivered at commit only, so an event of a rolled-back change is neither stored nor heard.
//  - fitness.emit_event(event_type, aggregate_type, aggregate_id, payload): for services.
//  - fitness.system_event_notify(): AFTER INSERT ... FOR EACH ROW on platform.system_event.
//  - fitness.emit_change_event(event_type, aggregate_type, institution column, column...):
//    AFTER INSERT OR UPDATE ... FOR EACH ROW; an event when a row is created or one of the
//    named columns changes (subscription.changed, membership.changed), payload
//    {"operation", "old": {column: value}, "new": {column: value}}.
#include <cstring>
#include <string>
#include <vector>

#include "pg/args.hpp"
#include "pg/function.hpp"
#include "pg/load_steps.hpp"
#include "pg/relation_cache.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"
#include "rules/rule.hpp"

namespace fitness::rules {
namespace {

constexpr const char* kChannel = "fitness_events";

// fitness.event_notify: off, events are stored but not announced. PostgreSQL refuses to
// PREPARE a transaction that sent NOTIFY; a two-phase commit turns it off for its
// transaction, and consumers find those events by their catch-up read.
bool event_notify = true;

// The format of the table's CHECKs, checked first so the error names the value.
bool is_event_type(const std::string& value) {
  if (value.empty() || value.size() > 200 || value[0] < 'a' || value[0] > 'z') return false;
  bool after_dot = false;
  for (char c : value) {
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (c == '.') {
      if (after_dot) return false;
      after_dot = true;
    } else if (!word) {
      return false;
    } else {
      after_dot = false;
    }
  }
  return !after_dot;
}

bool is_aggregate_type(const std::string& value) {
  if (value.empty() || value.size() > 63 || value[0] < 'a' || value[0] > 'z') return false;
  for (char c : value)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

void check_names(const std::string& event_type, const std::string& aggregate_type) {
  if (!is_event_type(event_type))
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE, "invalid event type " + shown(event_type), {},
                    "An event type is dotted lower-case words: session.completed.");
  if (!is_aggregate_type(aggregate_type))
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    "invalid aggregate type " + shown(aggregate_type), {},
                    "An aggregate type is a lower-case word: user_workout_session.");
}

// Inserts the event as the table's owner (no client role writes system_event) with the
// actor and institution of the context; returns its id.
// institution_from_context: the context's institution instead of `institution`.
Datum insert_event(Datum event_type, Datum aggregate_type, Datum aggregate_id, bool no_aggregate,
                   Datum payload, Datum institution, bool no_institution,
                   bool institution_from_context) {
  static pg::KeptPlan plan(
      "INSERT INTO platform.system_event"
      " (event_type, aggregate_type, aggregate_id, payload, actor_user_id, institution_id)"
      " VALUES ($1, $2, $3, $4, fitness.current_user_id(),"
      "         CASE WHEN $6 THEN fitness.current_institution_id() ELSE $5 END)"
      " RETURNING id",
      {TEXTOID, TEXTOID, UUIDOID, JSONBOID, UUIDOID, BOOLOID});
  Datum args[6] = {event_type, aggregate_type, aggregate_id,
                   payload,    institution,    BoolGetDatum(institution_from_context)};
  char nulls[7] = "      ";
  if (no_aggregate) nulls[2] = 'n';
  if (no_institution) nulls[4] = 'n';
  pg::SpiSession spi;
  pg::ScopedOwnerSwitch owner(pg::relation_oid("platform", "system_event"));
  plan.execute(args, nulls, false);
  bool is_null = true;
  return pg::spi_first_value(&is_null);
}

// A column value as JSON: booleans and numbers as themselves, the rest as strings.
void append_json_value(StringInfo out, Oid type, const char* value) {
  if (value == nullptr) {
    appendStringInfoString(out, "null");
  } else if (type == BOOLOID) {
    appendStringInfoString(out, value[0] == 't' ? "true" : "false");
  } else if ((type == INT2OID || type == INT4OID || type == INT8OID || type == NUMERICOID) &&
             std::strcmp(value, "NaN") != 0) {
    appendStringInfoString(out, value);
  } else {
    escape_json(out, value);
  }
}

}  // namespace
}  // namespace fitness::rules

// fitness.emit_event(event_type text, aggregate_type text, aggregate_id uuid, payload jsonb)
FITNESS_SQL_FUNCTION(fitness_emit_event) {
  using namespace fitness;
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
    throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED,
                    std::string("fitness.emit_event(): ") +
                        (PG_ARGISNULL(0) ? "event_type" : "aggregate_type") + " must not be NULL");
  std::string event_type = pg::text_arg(fcinfo, 0);
  std::string aggregate_type = pg::text_arg(fcinfo, 1);
  rules::check_names(event_type, aggregate_type);
  Datum payload = static_cast<Datum>(0);
  if (PG_ARGISNULL(3)) {
    payload = pg::pg_call([] { return DirectFunctionCall1(jsonb_in, CStringGetDatum("{}")); });
  } else {
    payload = PG_GETARG_DATUM(3);
    bool is_object = pg::pg_call([&] {
      Jsonb* value = DatumGetJsonbP(payload);
      return JB_ROOT_IS_OBJECT(value) && !JB_ROOT_IS_SCALAR(value);
    });
    if (!is_object)
      throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE, "fitness.emit_event(): the payload of " +
                                                           rules::shown(event_type) +
                                                           " must be a JSON object");
  }
  return rules::insert_event(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1),
                             PG_ARGISNULL(2) ? static_cast<Datum>(0) : PG_GETARG_DATUM(2),
                             PG_ARGISNULL(2), payload, static_cast<Datum>(0), true, true);
}

// AFTER INSERT ... FOR EACH ROW on platform.system_event: NOTIFY fitness_events, '<id>'.
FITNESS_SQL_FUNCTION(fitness_system_event_notify) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(fcinfo, "fitness.system_event_notify");
  pg::pg_call([&] {
    if (!rules::event_notify || !TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
        !TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
      return;
    TupleDesc desc = RelationGetDescr(trigdata->tg_relation);
    int id_column = SPI_fnumber(desc, "id");
    char* id = SPI_getvalue(trigdata->tg_trigtuple, desc, id_column);
    if (id != nullptr) Async_Notify(rules::kChannel, id);
  });
  return PointerGetDatum(nullptr);
}

// AFTER INSERT OR UPDATE ... FOR EACH ROW: fitness.emit_change_event(event_type,
// aggregate_type, institution column or '', watched column, ...).
FITNESS_SQL_FUNCTION(fitness_emit_change_event) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(fcinfo, "fitness.emit_change_event");
  TriggerEvent event = trigdata->tg_event;
  if (!TRIGGER_FIRED_FOR_ROW(event) || !TRIGGER_FIRED_AFTER(event) ||
      !(TRIGGER_FIRED_BY_INSERT(event) || TRIGGER_FIRED_BY_UPDATE(event)))
    throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                    "fitness.emit_change_event() must be an AFTER INSERT OR UPDATE ... FOR EACH "
                    "ROW trigger");
  Trigger* trigger = trigdata->tg_trigger;
  if (trigger->tgnargs < 4)
    throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                    "fitness.emit_change_event() takes the event type, the aggregate type, the "
                    "institution column ('' for none) and the columns to watch");
  Relation rel = trigdata->tg_relation;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
  std::vector<AttrNumber> watched;
  for (int i = 3; i < trigger->tgnargs; i++) {
    const pg::ColumnMeta* column = meta.find(trigger->tgargs[i]);
    if (column == nullptr)
      throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                      "fitness.emit_change_event(): " + meta.table_name + " has no column " +
                          trigger->tgargs[i]);
    watched.push_back(column->attnum);
  }
  const pg::ColumnMeta* institution_column =
      trigger->tgargs[2][0] == '\0' ? nullptr : meta.find(trigger->tgargs[2]);
  bool is_insert = TRIGGER_FIRED_BY_INSERT(event);
  HeapTuple row = is_insert ? trigdata->tg_trigtuple : trigdata->tg_newtuple;
  HeapTuple old_row = is_insert ? nullptr : trigdata->tg_trigtuple;
  TupleDesc desc = RelationGetDescr(rel);

  Datum payload = pg::pg_call([&]() -> Datum {
    bool changed = is_insert;
    for (AttrNumber attnum : watched)
      if (!is_insert && pg::column_changed(old_row, row, desc, attnum)) changed = true;
    if (!changed) return static_cast<Datum>(0);
    StringInfoData json;
    initStringInfo(&json);
    appendStringInfo(&json, "{\"operation\": \"%s\"", is_insert ? "insert" : "update");
    for (int side = 0; side < 2; side++) {
      HeapTuple tuple = side == 0 ? old_row : row;
      appendStringInfo(&json, ", \"%s\": ", side == 0 ? "old" : "new");
      if (tuple == nullptr) {
        appendStringInfoString(&json, "null");
        continue;
      }
      appendStringInfoChar(&json, '{');
      for (size_t i = 0; i < watched.size(); i++) {
        if (i > 0) appendStringInfoString(&json, ", ");
        escape_json(&json, NameStr(TupleDescAttr(desc, watched[i] - 1)->attname));
        appendStringInfoString(&json, ": ");
        rules::append_json_value(&json, TupleDescAttr(desc, watched[i] - 1)->atttypid,
                                 SPI_getvalue(tuple, desc, watched[i]));
      }
      appendStringInfoChar(&json, '}');
    }
    appendStringInfoChar(&json, '}');
    return DirectFunctionCall1(jsonb_in, CStringGetDatum(json.data));
  });
  if (payload == static_cast<Datum>(0)) return PointerGetDatum(nullptr);

  bool id_null = true, institution_null = true;
  Datum id = pg::pg_call([&] { return heap_getattr(row, meta.id_attnum, desc, &id_null); });
  Datum institution = institution_column == nullptr ? static_cast<Datum>(0) : pg::pg_call([&] {
    return heap_getattr(row, institution_column->attnum, desc, &institution_null);
  });
  Datum event_type = pg::text_datum(trigger->tgargs[0]);
  Datum aggregate_type = pg::text_datum(trigger->tgargs[1]);
  rules::insert_event(event_type, aggregate_type, id, id_null, payload, institution,
                      institution_null, false);
  return PointerGetDatum(nullptr);
}

FITNESS_LOAD_STEP(event_notify_setting, fitness::pg::LoadPhase::kSettings) {
  fitness::pg::pg_call([] {
    DefineCustomBoolVariable(
        "fitness.event_notify", "Every domain event is announced with NOTIFY fitness_events.",
        "Off: events are stored but not announced (a transaction to be PREPAREd, which "
        "PostgreSQL refuses after a NOTIFY); consumers find them by their catch-up read.",
        &fitness::rules::event_notify, true, PGC_USERSET, 0, nullptr, nullptr, nullptr);
  });
}
