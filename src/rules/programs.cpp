// Program structure: fitness.program_structure(), a deferred constraint trigger (AFTER
// INSERT OR UPDATE OR DELETE ... DEFERRABLE INITIALLY DEFERRED FOR EACH ROW) on
// content.program, content.program_schedule and content.schedule_workout. At commit every
// program whose row, schedule or scheduled workouts changed is checked once:
//  - program_schedule_week (23514): every active schedule day lies in weeks
//    1..duration_weeks (also after duration_weeks is lowered); days 1..7 and one entry per
//    (program, week, day) are the table's CHECK and unique index.
//  - schedule_workout_usable (23503): a scheduled workout is active and one the program's
//    owner may use: public, the owner's own, shared within the program's institution
//    (visibility institution), or, for a platform program (no owner, no institution), a
//    platform workout. One message for every refusal: a deleted workout and another
//    user's private one read the same.
//  - program_published_complete (23514): a published program has at least one workout on
//    every training (non-rest) day of its schedule.
// Deferred, so a program is built in any order and published in the same transaction; the
// program row is locked first (FOR NO KEY UPDATE) so concurrent editors are checked in turn.
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

void check_program(const Uuid& program, Oid owner) {
  static pg::KeptPlan lock(
      "SELECT 1 FROM content.program p WHERE p.id = $1 AND p.is_active FOR NO KEY UPDATE",
      {UUIDOID});
  // The first problem: (rule, message). Of a workout the actor named nothing is told beyond
  // whether it may be used (its visibility or owner would tell about another tenant's row).
  static pg::KeptPlan problems(
      "SELECT rule, message FROM ("
      " SELECT 1 AS n, 'program_schedule_week' AS rule,"
      "        'week ' || ps.week_number || ' (day ' || ps.day_number || ') is beyond "
      "duration_weeks '"
      "        || p.duration_weeks AS message"
      "   FROM content.program p JOIN content.program_schedule ps ON ps.program_id = p.id AND "
      "ps.is_active"
      "  WHERE p.id = $1 AND ps.week_number > p.duration_weeks"
      " UNION ALL"
      " SELECT 2, 'schedule_workout_usable',"
      "        'week ' || ps.week_number || ' day ' || ps.day_number || ' schedules workout ' || "
      "w.id"
      "        || ', which the program''s owner may not use (deleted, or not theirs to use)'"
      "   FROM content.program p JOIN content.program_schedule ps ON ps.program_id = p.id AND "
      "ps.is_active"
      "   JOIN content.schedule_workout sw ON sw.program_schedule_id = ps.id AND sw.is_active"
      "   JOIN content.workout w ON w.id = sw.workout_id"
      "  WHERE p.id = $1 AND NOT (w.is_active AND ("
      "        w.visibility = 'public'"
      "     OR (p.owner_id IS NOT NULL AND w.owner_id = p.owner_id)"
      "     OR (p.institution_id IS NOT NULL AND w.institution_id = p.institution_id"
      "         AND w.visibility = 'institution')"
      "     OR (p.owner_id IS NULL AND p.institution_id IS NULL AND w.owner_id IS NULL"
      "         AND w.institution_id IS NULL)))"
      " UNION ALL"
      " SELECT 3, 'program_published_complete',"
      "        'week ' || ps.week_number || ' day ' || ps.day_number || ' is a training day "
      "without a workout'"
      "   FROM content.program p JOIN content.program_schedule ps ON ps.program_id = p.id AND "
      "ps.is_active"
      "  WHERE p.id = $1 AND p.status = 'published' AND NOT ps.is_rest_day"
      "    AND NOT EXISTS (SELECT 1 FROM content.schedule_workout sw"
      "                     WHERE sw.program_schedule_id = ps.id AND sw.is_active)"
      " ) x ORDER BY n, message LIMIT 1",
      {UUIDOID});
  Datum arg = program.datum();
  pg::SpiSession spi;
  auto as_owner = pg::ScopedOwnerSwitch::as_role(owner);
  if (lock.execute(&arg, nullptr, false) == 0) return;  // deleted: nothing to keep
  // Read with the latest snapshot (also under REPEATABLE READ): the locker before us has
  // committed, and what it left is what this transaction's changes must fit with.
  {
    pg::LatestSnapshotScope latest;
    if (problems.execute(&arg, nullptr, true, 1) == 0) return;
  }
  std::string rule_name = pg::spi_first_text(1), message = pg::spi_first_text(2);
  const char* hint = rule_name == "program_schedule_week"
                         ? "Raise duration_weeks or move the day into the program's weeks."
                     : rule_name == "schedule_workout_usable"
                         ? "Schedule a public workout, one of the program owner's, or one of "
                           "the program's institution."
                         : "Add a workout to the day, mark it is_rest_day, or keep the program "
                           "a draft.";
  violated(rule(rule_name.c_str()), "program " + program.text() + ": " + message, {}, hint);
}

// The program a changed row belongs to (NULL datum: none, e.g. a schedule_workout whose
// schedule is gone).
bool program_of(const pg::RelationMeta& meta, HeapTuple row, TupleDesc desc, Uuid& out) {
  const char* column = meta.table_name == "program"            ? "id"
                       : meta.table_name == "program_schedule" ? "program_id"
                                                               : "program_schedule_id";
  const pg::ColumnMeta* found = meta.find(column);
  if (found == nullptr)
    throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                    "fitness.program_structure(): " + meta.table_name + " has no " + column);
  bool is_null = true;
  Datum value = pg::pg_call([&] { return heap_getattr(row, found->attnum, desc, &is_null); });
  if (is_null) return false;
  if (meta.table_name != "schedule_workout") {
    out = Uuid::from(DatumGetUUIDP(value));
    return true;
  }
  static pg::KeptPlan schedule(
      "SELECT ps.program_id FROM content.program_schedule ps WHERE ps.id = $1", {UUIDOID});
  pg::SpiSession spi;
  auto as_owner = pg::ScopedOwnerSwitch::as_role(meta.owner);
  if (schedule.execute(&value, nullptr, true, 1) == 0) return false;
  Datum program = pg::spi_first_value(&is_null);
  out = Uuid::from(DatumGetUUIDP(program));
  return true;
}

}  // namespace
}  // namespace fitness::rules

FITNESS_SQL_FUNCTION(fitness_program_structure) {
  using namespace fitness;
  TriggerData* trigdata =
      pg::trigger_call(fcinfo, "fitness.program_structure", pg::fired_after_row, pg::kAfterRow);
  Relation rel = trigdata->tg_relation;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
  TupleDesc desc = RelationGetDescr(rel);
  HeapTuple rows[2] = {trigdata->tg_trigtuple, TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)
                                                   ? trigdata->tg_newtuple
                                                   : nullptr};
  Oid program_owner =
      pg::RelationMetaCache::instance().get(pg::relation_oid("content", "program")).owner;
  for (HeapTuple row : rows) {
    if (row == nullptr) continue;
    Uuid program{};
    if (!rules::program_of(meta, row, desc, program)) continue;
    rules::checked.once(program, [&] { rules::check_program(program, program_owner); });
  }
  return PointerGetDatum(nullptr);
}
