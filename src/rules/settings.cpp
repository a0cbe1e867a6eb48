// Policy-based settings: platform.system_setting defines every key (type, allowed values,
// bounds, who may override it, whether it is secret); platform.setting holds the overrides of
// a user or an institution.
//  - fitness.setting(key, user_id): the user's override, else the institution's (the
//    context's institution, of which the user is an active member), else the system value;
//    an override of a level the definition does not open is never read.
//  - fitness.setting_check(): BEFORE INSERT OR UPDATE on platform.setting: the key is
//    defined (23503 setting_known), the level may override it (23514 setting_scope), the
//    value fits the definition (23514 setting_value), the user or institution exists
//    (23503 setting_target).
//  - fitness.setting_definition_check(): AFTER UPDATE on platform.system_setting: a new
//    definition must still fit every override of its key (23514 setting_value).
#include <optional>
#include <string>

#include "identity/authz.hpp"
#include "identity/context.hpp"
#include "pg/args.hpp"
#include "pg/function.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"
#include "rules/actor.hpp"
#include "rules/rule.hpp"

namespace fitness::rules {
namespace {

// Column `column` of the first row of the last SPI result, as text ("" for NULL).
std::string text_at(int column) {
  const char* value = pg::pg_call(
      [&] { return SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, column); });
  return value == nullptr ? std::string() : std::string(value);
}

bool bool_at(int column) {
  return pg::pg_call([&] {
    bool is_null = true;
    Datum value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, column, &is_null);
    return !is_null && DatumGetBool(value);
  });
}

// Checks one override (key, scope, scope_id, value) against the key's definition; throws the
// rule it breaks. `where`: "setting 'units_default' of user <id>", for messages.
void check_override(Datum key, const std::string& key_text, const std::string& scope,
                    Datum scope_id, const std::string& scope_id_text, Datum value) {
  static pg::KeptPlan definition(
      "SELECT s.value_type, s.is_user_overridable, s.is_institution_overridable,"
      "       jsonb_typeof($2), left($2::text, 100),"
      "       s.allowed_values IS NULL OR s.allowed_values @> jsonb_build_array($2),"
      "       (SELECT string_agg(v::text, ', ') FROM jsonb_array_elements(s.allowed_values) v),"
      "       CASE WHEN jsonb_typeof($2) = 'number' THEN"
      "         ($2 #>> '{}')::numeric < s.min_value OR ($2 #>> '{}')::numeric > s.max_value"
      "       END,"
      "       s.min_value::text, s.max_value::text"
      "  FROM platform.system_setting s WHERE s.key = $1 AND s.is_active",
      {TEXTOID, JSONBOID});
  static pg::KeptPlan target(
      "SELECT CASE $1 WHEN 'user' THEN EXISTS (SELECT 1 FROM user_mgmt.app_user u"
      "                                         WHERE u.id = $2 AND u.is_active)"
      "               ELSE EXISTS (SELECT 1 FROM user_mgmt.institution i"
      "                             WHERE i.id = $2 AND i.is_active) END",
      {TEXTOID, UUIDOID});
  std::string where = "setting " + shown(key_text) + " of " + scope + " " + scope_id_text;
  Datum args[2] = {key, value};
  pg::SpiSession spi;
  pg::ScopedOwnerSwitch owner(pg::relation_oid("platform", "system_setting"));
  if (definition.execute(args, nullptr, false) == 0)
    violated(rule("setting_known"), where + ": no such setting is defined",
             "platform.system_setting defines the settings; an override needs its key there.");
  std::string type = text_at(1);
  bool user_may = bool_at(2), institution_may = bool_at(3);
  std::string json_type = text_at(4), shown_value = text_at(5);
  bool allowed = bool_at(6);
  std::string allowed_list = text_at(7);
  bool out_of_range = bool_at(8);
  std::string min = text_at(9), max = text_at(10);
  if ((scope == "user" && !user_may) || (scope == "institution" && !institution_may))
    violated(rule("setting_scope"), where + ": the setting cannot be set per " + scope,
             "The definition allows overrides per" + std::string(user_may ? " user" : "") +
                 (institution_may ? (user_may ? " and institution" : " institution") : "") +
                 (user_may || institution_may ? "" : " nothing: it is a system setting") + ".",
             "is_user_overridable and is_institution_overridable of platform.system_setting.");
  bool fits = type == "json" || (type == "boolean" && json_type == "boolean") ||
              (type == "number" && json_type == "number") ||
              ((type == "string" || type == "enum") && json_type == "string");
  if (type == "integer")
    fits = json_type == "number" &&
           shown_value.find_first_not_of("-0123456789") == std::string::npos &&
           !shown_value.empty();
  if (!fits)
    violated(rule("setting_value"), where + ": " + shown_value + " is not a value of type " + type,
             "The value is JSON " + json_type + "; the setting takes " + type + ".");
  if (!allowed)
    violated(rule("setting_value"), where + ": " + shown_value + " is not an allowed value",
             "Allowed: " + allowed_list + ".");
  if (out_of_range)
    violated(rule("setting_value"), where + ": " + shown_value + " is out of range",
             "The setting takes " + (min.empty() ? std::string("any value") : "at least " + min) +
                 (max.empty() ? "" : (min.empty() ? " up to " : " and at most ") + max) + ".");
  Datum target_args[2] = {pg::text_datum(scope), scope_id};
  target.execute(target_args, nullptr, true);
  bool is_null = true;
  if (!DatumGetBool(pg::spi_first_value(&is_null)))
    violated(rule("setting_target"), where + ": no active " + scope + " has that id");
}

}  // namespace
}  // namespace fitness::rules

// setting(key text, user_id uuid DEFAULT NULL) RETURNS jsonb
FITNESS_SQL_FUNCTION(fitness_setting) {
  using namespace fitness;
  if (PG_ARGISNULL(0))
    throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED, "fitness.setting(): key must not be NULL");
  std::string key = pg::text_arg(fcinfo, 0);
  std::optional<identity::Identity> actor = identity::current_identity();
  bool trusted =
      pg::current_user_has_role("fitness_service") || pg::current_user_has_role("fitness_admin");
  std::optional<Uuid> user;
  if (!PG_ARGISNULL(1))
    user = Uuid::from(PG_GETARG_UUID_P(1));
  else if (actor)
    user = actor->user;
  if (user && !trusted && !rules::acts_for(*user))
    throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE,
                    "permission denied to read the settings of user " + user->text(), {},
                    "A user reads their own settings; services and platform admins any.");
  std::optional<Uuid> institution = actor ? actor->institution : std::nullopt;

  static pg::KeptPlan plan(
      "SELECT s.is_secret, coalesce("
      "   (SELECT o.value FROM platform.setting o WHERE s.is_user_overridable"
      "       AND o.scope = 'user' AND o.scope_id = $2 AND o.key = s.key AND o.is_active),"
      "   (SELECT o.value FROM platform.setting o WHERE s.is_institution_overridable"
      "       AND o.scope = 'institution' AND o.scope_id = $3 AND o.key = s.key AND o.is_active"
      "       AND ($2 IS NULL OR EXISTS (SELECT 1 FROM user_mgmt.institution_member m"
      "             WHERE m.institution_id = $3 AND m.user_id = $2 AND m.is_active"
      "               AND m.status = 'active'))),"
      "   s.value)"
      "  FROM platform.system_setting s WHERE s.key = $1 AND s.is_active",
      {TEXTOID, UUIDOID, UUIDOID});
  Datum args[3] = {PG_GETARG_DATUM(0), user ? user->datum() : static_cast<Datum>(0),
                   institution ? institution->datum() : static_cast<Datum>(0)};
  char nulls[4] = "   ";
  if (!user) nulls[1] = 'n';
  if (!institution) nulls[2] = 'n';
  pg::SpiSession spi;
  pg::ScopedOwnerSwitch owner(pg::relation_oid("platform", "system_setting"));
  if (plan.execute(args, nulls, true) == 0)
    throw pg::Error(ERRCODE_UNDEFINED_OBJECT, "unknown setting " + rules::shown(key), {},
                    "platform.system_setting lists the settings.");
  bool is_secret = rules::bool_at(1);
  if (is_secret && !trusted)
    throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE,
                    "permission denied to read secret setting " + rules::shown(key), {},
                    "Secret settings are for fitness_service and fitness_admin.");
  Datum value = pg::pg_call([] {
    bool is_null = true;
    Datum v = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &is_null);
    return SPI_datumTransfer(v, false, -1);
  });
  return value;
}

FITNESS_SQL_FUNCTION(fitness_setting_check) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(fcinfo, "fitness.setting_check",
                                           pg::fired_before_row_write, pg::kBeforeRowWrite);
  bool is_insert = TRIGGER_FIRED_BY_INSERT(trigdata->tg_event);
  HeapTuple row = is_insert ? trigdata->tg_trigtuple : trigdata->tg_newtuple;
  TupleDesc desc = RelationGetDescr(trigdata->tg_relation);
  struct Column {
    Datum value;
    bool is_null;
  } key{}, scope{}, scope_id{}, value{}, active{};
  pg::pg_call([&] {
    key.value = heap_getattr(row, SPI_fnumber(desc, "key"), desc, &key.is_null);
    scope.value = heap_getattr(row, SPI_fnumber(desc, "scope"), desc, &scope.is_null);
    scope_id.value = heap_getattr(row, SPI_fnumber(desc, "scope_id"), desc, &scope_id.is_null);
    value.value = heap_getattr(row, SPI_fnumber(desc, "value"), desc, &value.is_null);
    active.value = heap_getattr(row, SPI_fnumber(desc, "is_active"), desc, &active.is_null);
  });
  // NULLs are the table's NOT NULL errors; an override being deleted is not checked.
  if (key.is_null || scope.is_null || scope_id.is_null || value.is_null ||
      (!active.is_null && !DatumGetBool(active.value)))
    return PointerGetDatum(row);
  std::string key_text = pg::text_value(key.value);
  std::string scope_text = pg::text_value(scope.value);
  if (scope_text != "user" && scope_text != "institution")  // the table's CHECK
    return PointerGetDatum(row);
  Uuid target = Uuid::from(DatumGetUUIDP(scope_id.value));
  rules::check_override(key.value, key_text, scope_text, scope_id.value, target.text(),
                        value.value);
  return PointerGetDatum(row);
}

FITNESS_SQL_FUNCTION(fitness_setting_definition_check) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(fcinfo, "fitness.setting_definition_check");
  if (!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) || !TRIGGER_FIRED_AFTER(trigdata->tg_event))
    throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                    "fitness.setting_definition_check() must be an AFTER ... FOR EACH ROW "
                    "trigger");
  HeapTuple row =
      TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
  TupleDesc desc = RelationGetDescr(trigdata->tg_relation);
  bool is_null = true;
  Datum key =
      pg::pg_call([&] { return heap_getattr(row, SPI_fnumber(desc, "key"), desc, &is_null); });
  static pg::KeptPlan overrides(
      "SELECT scope, scope_id, value FROM platform.setting WHERE key = $1 AND is_active"
      " ORDER BY scope, scope_id",
      {TEXTOID});
  pg::SpiSession spi;
  pg::ScopedOwnerSwitch owner(pg::relation_oid("platform", "setting"));
  std::uint64_t n = overrides.execute(&key, nullptr, false);
  // Each check runs in an SPI session of its own, which leaves this result in place.
  SPITupleTable* rows = pg::pg_call([] { return SPI_tuptable; });
  std::string key_text = pg::text_value(key);
  for (std::uint64_t i = 0; i < n; i++) {
    Datum scope = 0, scope_id = 0, value = 0;
    std::string scope_text, id_text;
    pg::pg_call([&] {
      bool null = false;
      scope = SPI_getbinval(rows->vals[i], rows->tupdesc, 1, &null);
      scope_id = SPI_getbinval(rows->vals[i], rows->tupdesc, 2, &null);
      value = SPI_getbinval(rows->vals[i], rows->tupdesc, 3, &null);
    });
    scope_text = pg::text_value(scope);
    id_text = Uuid::from(DatumGetUUIDP(scope_id)).text();
    rules::check_override(key, key_text, scope_text, scope_id, id_text, value);
  }
  return PointerGetDatum(nullptr);
}
