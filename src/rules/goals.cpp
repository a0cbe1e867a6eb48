// Goals: progress follows the measurements, achievement follows progress.
//  - fitness.goal_metric_measured(): AFTER INSERT OR UPDATE OR DELETE ... FOR EACH ROW on
//    content.goal_metric_entry. A metric's current_value is its best entry for the maxima
//    (one_rm_kg, max_reps, max_weight_kg), else its latest entry (body weight, pace, ...).
//  - fitness.goal_progress(): AFTER INSERT OR UPDATE OR DELETE ... FOR EACH ROW on
//    content.goal_metric. A goal's progress_pct is that of its least advanced active metric:
//    the share of the way from baseline (0 when not given) to target covered in the metric's
//    direction, clamped to 0..100; a decrease without a baseline is 0 or 100. When every
//    active metric has reached its target an active goal moves to 'achieved' (achieved_at,
//    an activity row, a goal.achieved event). Progress never moves a goal back out of
//    'achieved': a later worse measurement lowers progress_pct only.
// (A data-modifying WITH runs whether or not the query reads it.)
// Both run as the tables' owner: they follow a write row-level security already allowed.
#include <cstring>

#include "pg/function.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"

namespace fitness::rules {
namespace {

// The goal_metric_id (or user_goal_id) column of the changed row, old and new.
void changed_keys(TriggerData* trigdata, const char* column, Datum keys[2], bool present[2]) {
  pg::pg_call([&] {
    TupleDesc desc = RelationGetDescr(trigdata->tg_relation);
    int attnum = SPI_fnumber(desc, column);
    HeapTuple rows[2] = {trigdata->tg_trigtuple, TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)
                                                     ? trigdata->tg_newtuple
                                                     : nullptr};
    for (int i = 0; i < 2; i++) {
      bool is_null = true;
      present[i] = false;
      if (rows[i] == nullptr) continue;
      keys[i] = heap_getattr(rows[i], attnum, desc, &is_null);
      present[i] = !is_null;
    }
    if (present[0] && present[1] &&
        std::memcmp(DatumGetUUIDP(keys[0])->data, DatumGetUUIDP(keys[1])->data, UUID_LEN) == 0)
      present[1] = false;
  });
}

TriggerData* row_trigger(FunctionCallInfo fcinfo, const char* function) {
  TriggerData* trigdata = pg::trigger_call(fcinfo, function);
  if (!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) || !TRIGGER_FIRED_AFTER(trigdata->tg_event))
    throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                    std::string(function) + "() must be an AFTER ... FOR EACH ROW trigger");
  return trigdata;
}

}  // namespace
}  // namespace fitness::rules

FITNESS_SQL_FUNCTION(fitness_goal_metric_measured) {
  using namespace fitness;
  TriggerData* trigdata = rules::row_trigger(fcinfo, "fitness.goal_metric_measured");
  static pg::KeptPlan plan(
      "UPDATE content.goal_metric gm SET current_value = ("
      "   SELECT CASE WHEN gm.metric IN ('one_rm_kg', 'max_reps', 'max_weight_kg')"
      "               THEN max(e.value)"
      "               ELSE (array_agg(e.value ORDER BY e.measured_at DESC, e.id DESC))[1] END"
      "     FROM content.goal_metric_entry e WHERE e.goal_metric_id = gm.id AND e.is_active)"
      " WHERE gm.id = $1",
      {UUIDOID});
  Datum keys[2];
  bool present[2];
  rules::changed_keys(trigdata, "goal_metric_id", keys, present);
  pg::SpiSession spi;
  pg::ScopedOwnerSwitch owner(RelationGetRelid(trigdata->tg_relation));
  for (int i = 0; i < 2; i++)
    if (present[i]) plan.execute(&keys[i], nullptr, false);
  return PointerGetDatum(nullptr);
}

FITNESS_SQL_FUNCTION(fitness_goal_progress) {
  using namespace fitness;
  TriggerData* trigdata = rules::row_trigger(fcinfo, "fitness.goal_progress");
  static pg::KeptPlan plan(
      "WITH metrics AS ("
      "   SELECT gm.user_goal_id,"
      "          CASE WHEN gm.current_value IS NULL THEN 0"
      "               WHEN gm.direction = 'decrease' AND gm.baseline_value IS NULL"
      "                 THEN CASE WHEN gm.current_value <= gm.target_value THEN 100 ELSE 0 END"
      "               WHEN gm.direction = 'decrease'"
      "                 THEN 100 * (gm.baseline_value - gm.current_value)"
      "                          / (gm.baseline_value - gm.target_value)"
      "               WHEN gm.target_value = coalesce(gm.baseline_value, 0) THEN 100"
      "               ELSE 100 * (gm.current_value - coalesce(gm.baseline_value, 0))"
      "                        / (gm.target_value - coalesce(gm.baseline_value, 0)) END AS pct,"
      "          CASE gm.direction WHEN 'increase' THEN gm.current_value >= gm.target_value"
      "                            ELSE gm.current_value <= gm.target_value END AS reached"
      "     FROM content.goal_metric gm WHERE gm.user_goal_id = $1 AND gm.is_active),"
      " progress AS (SELECT user_goal_id, round(least(100, greatest(0, min(pct))), 2) AS pct,"
      "                     bool_and(coalesce(reached, false)) AS reached"
      "                FROM metrics GROUP BY user_goal_id),"
      " before AS (SELECT id, status FROM content.user_goal WHERE id = $1),"
      " changed AS (UPDATE content.user_goal g SET progress_pct = p.pct,"
      "     status = CASE WHEN p.reached AND g.status = 'active' THEN 'achieved' ELSE g.status "
      "END,"
      "     achieved_at = CASE WHEN p.reached AND g.status = 'active' THEN statement_timestamp()"
      "                        ELSE g.achieved_at END"
      "   FROM progress p"
      "  WHERE g.id = p.user_goal_id AND g.is_active"
      "    AND (g.progress_pct IS DISTINCT FROM p.pct OR (p.reached AND g.status = 'active'))"
      "  RETURNING g.id, g.user_id, g.title, g.status, g.progress_pct),"
      " achieved AS (SELECT c.* FROM changed c JOIN before b ON b.id = c.id"
      "               WHERE b.status = 'active' AND c.status = 'achieved'),"
      " events AS (INSERT INTO platform.system_event"
      "   (event_type, aggregate_type, aggregate_id, payload, actor_user_id)"
      "   SELECT 'goal.achieved', 'user_goal', a.id,"
      "          jsonb_build_object('user_id', a.user_id, 'title', a.title),"
      "          fitness.current_user_id() FROM achieved a RETURNING 1)"
      " INSERT INTO platform.activity (user_id, activity_type_id, entity_type, entity_id, "
      "payload)"
      " SELECT a.user_id, t.id, 'user_goal', a.id, jsonb_build_object('title', a.title)"
      "   FROM achieved a JOIN platform.activity_type t ON t.code = 'goal_achieved'",
      {UUIDOID});
  Datum keys[2];
  bool present[2];
  rules::changed_keys(trigdata, "user_goal_id", keys, present);
  pg::SpiSession spi;
  pg::ScopedOwnerSwitch owner(RelationGetRelid(trigdata->tg_relation));
  for (int i = 0; i < 2; i++)
    if (present[i]) plan.execute(&keys[i], nullptr, false);
  return PointerGetDatum(nullptr);
}
