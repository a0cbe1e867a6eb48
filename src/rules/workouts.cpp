// Workout structure: fitness.workout_set_structure(), a deferred constraint trigger (AFTER
// INSERT OR UPDATE OR DELETE ... DEFERRABLE INITIALLY DEFERRED FOR EACH ROW) on
// content.workout_set. At commit (or SET CONSTRAINTS ... IMMEDIATE) every workout whose sets
// changed is checked once:
//  - workout_set_positions (23514): the active sets' positions are 1..n without a gap
//    (unique among active sets is the table's index). Deferred, so a transaction may delete a
//    set and renumber the rest, or insert sets in any order.
//  - workout_set_superset (23514): the sets of one superset_group name at least two
//    different exercises and share one rounds count.
// The workout row is locked (FOR NO KEY UPDATE) before its sets are read again with a fresh
// snapshot, so two transactions editing one workout's sets are checked one after the other:
// what each saw alone cannot combine into a gap at commit.
#include <string>

#include "common/uuid.hpp"
#include "pg/function.hpp"
#include "pg/relation_cache.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"
#include "rules/deferred_checks.hpp"
#include "rules/rule.hpp"

namespace fitness::rules {
namespace {

DeferredChecks checked;  // see deferred_checks.hpp

void check_workout(const Uuid& workout, Oid owner) {
  static pg::KeptPlan lock("SELECT 1 FROM content.workout w WHERE w.id = $1 FOR NO KEY UPDATE",
                           {UUIDOID});
  // One row per problem, positions first: (rule, message detail).
  static pg::KeptPlan problems(
      "WITH s AS (SELECT position, exercise_id, rounds, superset_group FROM content.workout_set"
      "            WHERE workout_id = $1 AND is_active)"
      " SELECT 'workout_set_positions',"
      "        'the sets are at positions ' || (SELECT string_agg(position::text, ', ' ORDER BY "
      "position)"
      "          FROM (SELECT position FROM s ORDER BY position LIMIT 20) p)"
      "        || CASE WHEN count(*) > 20 THEN ', ...' ELSE '' END"
      "        || '; ' || count(*) || ' sets take positions 1 to ' || count(*)"
      "   FROM s HAVING count(*) <> coalesce(max(position), 0)"
      " UNION ALL"
      " SELECT 'workout_set_superset',"
      "        'superset group ' || superset_group || ' has ' || count(DISTINCT exercise_id)"
      "        || ' exercise(s) and rounds ' || string_agg(DISTINCT rounds::text, ', ')"
      "   FROM s WHERE superset_group IS NOT NULL GROUP BY superset_group"
      "  HAVING count(DISTINCT exercise_id) < 2 OR count(DISTINCT rounds) > 1",
      {UUIDOID});
  Datum arg = workout.datum();
  pg::SpiSession spi;
  auto as_owner = pg::ScopedOwnerSwitch::as_role(owner);
  if (lock.execute(&arg, nullptr, false) == 0) return;  // the workout is gone: nothing to keep
  // Read with the latest snapshot (also under REPEATABLE READ): the locker before us has
  // committed, and what it left is what this transaction's changes must fit with.
  {
    pg::LatestSnapshotScope latest;
    if (problems.execute(&arg, nullptr, true, 1) == 0) return;
  }
  std::string rule_name = pg::spi_first_text(1), detail = pg::spi_first_text(2);
  const Rule& r = rule(rule_name.c_str());
  if (rule_name == "workout_set_positions")
    violated(r, "workout " + workout.text() + ": set positions are not 1..n without gaps", detail,
             "Renumber the remaining sets in the same transaction (the check runs at commit).");
  violated(r, "workout " + workout.text() + ": " + detail,
           "A superset groups sets of at least two different exercises, all with the same rounds.");
}

}  // namespace
}  // namespace fitness::rules

FITNESS_SQL_FUNCTION(fitness_workout_set_structure) {
  using namespace fitness;
  TriggerData* trigdata =
      pg::trigger_call(fcinfo, "fitness.workout_set_structure", pg::fired_after_row, pg::kAfterRow);
  Relation rel = trigdata->tg_relation;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
  const pg::ColumnMeta* workout_column = meta.find("workout_id");
  if (workout_column == nullptr)
    throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                    "fitness.workout_set_structure(): " + meta.table_name + " has no workout_id");
  TupleDesc desc = RelationGetDescr(rel);
  TriggerEvent event = trigdata->tg_event;
  // The workouts the row was in before and after (both when a set moved between workouts).
  HeapTuple rows[2] = {trigdata->tg_trigtuple,
                       TRIGGER_FIRED_BY_UPDATE(event) ? trigdata->tg_newtuple : nullptr};
  Oid workout_owner =
      pg::RelationMetaCache::instance().get(pg::relation_oid("content", "workout")).owner;
  for (HeapTuple row : rows) {
    if (row == nullptr) continue;
    bool is_null = true;
    Datum workout =
        pg::pg_call([&] { return heap_getattr(row, workout_column->attnum, desc, &is_null); });
    if (is_null) continue;
    Uuid id = Uuid::from(DatumGetUUIDP(workout));
    rules::checked.once(id, [&] { rules::check_workout(id, workout_owner); });
  }
  return PointerGetDatum(nullptr);
}
