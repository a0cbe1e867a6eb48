// Workout sessions: fitness.estimate_one_rm and fitness.complete_session.
//
// complete_session(session_id), in the caller's transaction, for the session's own user (or
// a platform admin, fitness_admin, a superuser):
//  1. planned -> in_progress -> completed along the state machine; ended_at (unless set: now,
//     or the last set when that was more than 3 hours ago), duration_s (capped at 24 h, the
//     table's limit) and total_volume_kg (reps x kg of the sets that are not warm-ups);
//  2. estimated_one_rm_kg of every working set (not a warm-up) of 1-10 reps with a load
//     (Epley: longer sets do not estimate a single rep well);
//  3. personal records against the user's sets of the same exercise performed before the
//     session started (warm-ups left out): the best estimated 1RM of an exercise (earlier
//     sets with the estimate their completion stored), and the most reps at a load
//     (bodyweight: load 0). A first-ever set is no record: there is
//     nothing to beat. The set holding a record gets is_personal_record;
//  4. a goal_metric_entry (source 'session') for every active metric of the user's active
//     goals the session measures (one_rm_kg, max_weight_kg, max_reps for its exercise;
//     total_volume_kg, duration_min, workouts_completed); goals.cpp moves progress and
//     achievement from there;
//  5. activity rows (session_completed, personal_record) and events (session.completed with
//     the summary as payload, personal_record.set), in this transaction.
// It returns the summary as jsonb. Completing a completed session changes nothing and returns
// the same summary with "completed_now": false: the records are computed against the history
// before the session's start, so the answer does not drift.
#include <cmath>
#include <string>

#include "pg/args.hpp"
#include "pg/function.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "rules/actor.hpp"
#include "rules/rule.hpp"

namespace fitness::rules {
namespace {

// The sets of the session and of the user's history that take part in records; $1 session,
// $2 user, $3 session start. Static text, shared by the plan that flags the records and by
// the one that reports them.
// The session's record candidates and what they beat; $1 session, $2 user, $3 session
// start. The history is the user's earlier sets of the exercise (warm-ups left out), read
// through user_set_log_record_e1rm_idx and user_set_log_record_reps_idx: one index probe per
// exercise and per load, not a scan of the history. Earlier sets count with the estimated
// 1RM stored when their session was completed. Static text, shared by the plan that flags
// the records and by the one that reports them.
#define FITNESS_RECORDS_CTE                                                                   \
  " work AS ("                                                                                \
  "   SELECT s.id, s.exercise_id, s.set_index, s.reps, coalesce(s.weight_kg, 0) AS load_kg,"  \
  "          CASE WHEN s.reps <= 10 AND s.weight_kg > 0"                                      \
  "               THEN fitness.estimate_one_rm(s.weight_kg, s.reps) END AS e1rm"              \
  "     FROM user_mgmt.user_set_log s"                                                        \
  "    WHERE s.session_id = $1 AND s.is_active AND s.set_type <> 'warmup' AND s.reps IS NOT " \
  "NULL),"                                                                                    \
  " best_e1rm AS (SELECT DISTINCT ON (exercise_id) exercise_id, id, e1rm FROM work"           \
  "   WHERE e1rm IS NOT NULL ORDER BY exercise_id, e1rm DESC, set_index),"                    \
  " best_reps AS (SELECT DISTINCT ON (exercise_id, load_kg) exercise_id, load_kg, id, reps"   \
  "   FROM work ORDER BY exercise_id, load_kg, reps DESC, set_index),"                        \
  " records AS ("                                                                             \
  "   SELECT b.id AS set_id, b.exercise_id, 'estimated_one_rm'::text AS kind,"                \
  "          b.e1rm::numeric AS value, NULL::numeric AS load_kg, h.previous::numeric"         \
  "     FROM best_e1rm b"                                                                     \
  "     CROSS JOIN LATERAL (SELECT h.estimated_one_rm_kg AS previous"                         \
  "        FROM user_mgmt.user_set_log h"                                                     \
  "       WHERE h.user_id = $2 AND h.exercise_id = b.exercise_id AND h.is_active"             \
  "         AND h.set_type <> 'warmup' AND h.estimated_one_rm_kg IS NOT NULL"                 \
  "         AND h.session_id <> $1 AND h.performed_at < $3"                                   \
  "       ORDER BY h.estimated_one_rm_kg DESC LIMIT 1) h"                                     \
  "    WHERE b.e1rm > h.previous"                                                             \
  "   UNION ALL"                                                                              \
  "   SELECT b.id, b.exercise_id, 'reps_at_load', b.reps, b.load_kg, h.previous"              \
  "     FROM best_reps b"                                                                     \
  "     CROSS JOIN LATERAL (SELECT h.reps AS previous FROM user_mgmt.user_set_log h"          \
  "       WHERE h.user_id = $2 AND h.exercise_id = b.exercise_id"                             \
  "         AND coalesce(h.weight_kg, 0) = b.load_kg AND h.is_active"                         \
  "         AND h.set_type <> 'warmup' AND h.reps IS NOT NULL"                                \
  "         AND h.session_id <> $1 AND h.performed_at < $3"                                   \
  "       ORDER BY h.reps DESC LIMIT 1) h"                                                    \
  "    WHERE b.reps > h.previous)"

struct Session {
  Uuid user;
  std::string status;
  Datum started_at = 0;  // timestamptz, by value
  bool started_null = true;
};

// The session as the caller sees it (row-level security applies), locked for the rest of
// the transaction: two calls at once complete it once.
Session lock_session(const Uuid& id) {
  static pg::KeptPlan plan(
      "SELECT user_id, status, started_at FROM user_mgmt.user_workout_session"
      " WHERE id = $1 AND is_active FOR UPDATE",
      {UUIDOID});
  Datum args[1] = {id.datum()};
  plan.execute(args, nullptr, false);
  Session session;
  bool found = pg::pg_call([&] {
    if (SPI_processed == 0) return false;
    HeapTuple row = SPI_tuptable->vals[0];
    TupleDesc desc = SPI_tuptable->tupdesc;
    bool is_null = false;
    session.user = Uuid::from(DatumGetUUIDP(SPI_getbinval(row, desc, 1, &is_null)));
    char* status = SPI_getvalue(row, desc, 2);
    session.status = status == nullptr ? "" : status;
    session.started_at = SPI_getbinval(row, desc, 3, &session.started_null);
    return true;
  });
  if (found) return session;
  // Locking needs the right to update it: a session the caller reads but may not write (a
  // coach's view of a member's) is theirs to see, not to complete.
  static pg::KeptPlan seen(
      "SELECT 1 FROM user_mgmt.user_workout_session WHERE id = $1 AND is_active", {UUIDOID});
  if (seen.execute(args, nullptr, true, 1) > 0)
    throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE,
                    "permission denied to complete workout session " + id.text(), {},
                    "Only the session's own user completes it.");
  throw pg::Error(ERRCODE_NO_DATA_FOUND, "workout session " + id.text() + " not found", {},
                  "It does not exist, was deleted, or is not yours to read.");
}

// The session's own user completes it; a platform admin, fitness_admin or a superuser may
// complete anyone's. A coach who may read a member's sessions may not close them.
void check_actor(const Uuid& session_id, const Session& session) {
  if (acts_for(session.user)) return;
  throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE,
                  "permission denied to complete workout session " + session_id.text(), {},
                  "Only the session's own user completes it.");
}

void complete(const Uuid& id, Session& session) {
  static pg::KeptPlan start(
      "UPDATE user_mgmt.user_workout_session w SET status = 'in_progress',"
      "  started_at = coalesce(w.started_at, (SELECT min(s.performed_at)"
      "    FROM user_mgmt.user_set_log s WHERE s.session_id = w.id AND s.is_active),"
      "    statement_timestamp())"
      " WHERE w.id = $1 RETURNING w.started_at",
      {UUIDOID});
  static pg::KeptPlan flag_sets(
      "WITH" FITNESS_RECORDS_CTE
      " UPDATE user_mgmt.user_set_log s"
      "    SET estimated_one_rm_kg = CASE WHEN s.reps <= 10 AND s.weight_kg > 0"
      "          AND s.set_type <> 'warmup'"
      "          THEN fitness.estimate_one_rm(s.weight_kg, s.reps) END,"
      "        is_personal_record = s.id IN (SELECT set_id FROM records)"
      "  WHERE s.session_id = $1 AND s.is_active",
      {UUIDOID, UUIDOID, TIMESTAMPTZOID});
  // A session closed long after its last set (the app was closed, the user logged it
  // afterwards) ends at its last set, not now.
  static pg::KeptPlan close(
      "WITH ending AS (SELECT w.id, greatest(coalesce(w.ended_at,"
      "     CASE WHEN l.last_set_at < statement_timestamp() - interval '3 hours'"
      "          THEN l.last_set_at ELSE statement_timestamp() END), w.started_at) AS ended_at"
      "   FROM user_mgmt.user_workout_session w,"
      "        LATERAL (SELECT max(s.performed_at) AS last_set_at FROM user_mgmt.user_set_log s"
      "                  WHERE s.session_id = w.id AND s.is_active) l"
      "  WHERE w.id = $1)"
      " UPDATE user_mgmt.user_workout_session w SET status = 'completed', ended_at = e.ended_at,"
      "  duration_s = least(86400, extract(epoch FROM e.ended_at - w.started_at)::integer),"
      "  total_volume_kg = (SELECT coalesce(sum(s.reps * s.weight_kg), 0)"
      "    FROM user_mgmt.user_set_log s WHERE s.session_id = w.id AND s.is_active"
      "     AND s.set_type <> 'warmup')"
      "  FROM ending e WHERE w.id = e.id",
      {UUIDOID});
  static pg::KeptPlan measure_goals(
      "INSERT INTO content.goal_metric_entry (goal_metric_id, value, measured_at, source, "
      "source_id)"
      " SELECT gm.id, v.value, w.ended_at, 'session', w.id"
      "   FROM user_mgmt.user_workout_session w"
      "   JOIN content.user_goal g ON g.user_id = w.user_id AND g.is_active AND g.status = "
      "'active'"
      "   JOIN content.goal_metric gm ON gm.user_goal_id = g.id AND gm.is_active"
      "   CROSS JOIN LATERAL (SELECT CASE gm.metric"
      "       WHEN 'one_rm_kg' THEN max(s.estimated_one_rm_kg)"
      "         FILTER (WHERE s.exercise_id = gm.exercise_id AND s.set_type <> 'warmup')"
      "       WHEN 'max_weight_kg' THEN max(s.weight_kg)"
      "         FILTER (WHERE s.exercise_id = gm.exercise_id AND s.set_type <> 'warmup')"
      "       WHEN 'max_reps' THEN max(s.reps)"
      "         FILTER (WHERE s.exercise_id = gm.exercise_id AND s.set_type <> 'warmup')"
      "       WHEN 'total_volume_kg' THEN w.total_volume_kg"
      "       WHEN 'duration_min' THEN w.duration_s / 60.0"
      "       WHEN 'workouts_completed' THEN (SELECT count(*)"
      "         FROM user_mgmt.user_workout_session c WHERE c.user_id = w.user_id"
      "          AND c.is_active AND c.status = 'completed' AND c.ended_at >= g.start_date)"
      "       END AS value"
      "     FROM user_mgmt.user_set_log s WHERE s.session_id = w.id AND s.is_active) v"
      "  WHERE w.id = $1 AND v.value IS NOT NULL"
      "    AND gm.metric IN ('one_rm_kg', 'max_weight_kg', 'max_reps', 'total_volume_kg',"
      "                      'duration_min', 'workouts_completed')"
      " ON CONFLICT (goal_metric_id, source, source_id) WHERE is_active AND source_id IS NOT "
      "NULL"
      " DO NOTHING",
      {UUIDOID});
  static pg::KeptPlan record_events(
      "WITH" FITNESS_RECORDS_CTE
      ", events AS (INSERT INTO platform.system_event"
      "   (event_type, aggregate_type, aggregate_id, payload, actor_user_id)"
      "   SELECT 'personal_record.set', 'user_set_log', r.set_id,"
      "     jsonb_build_object('user_id', $2::uuid, 'session_id', $1::uuid, 'exercise_id',"
      "       r.exercise_id, 'kind', r.kind, 'value', r.value, 'load_kg', r.load_kg,"
      "       'previous', r.previous), fitness.current_user_id()"
      "     FROM records r RETURNING 1),"
      " activity AS (INSERT INTO platform.activity (user_id, activity_type_id, entity_type, "
      "entity_id, payload)"
      "   SELECT $2, t.id, 'exercise', r.exercise_id, jsonb_build_object('session_id', "
      "$1::uuid,"
      "     'set_id', r.set_id, 'kind', r.kind, 'value', r.value, 'load_kg', r.load_kg,"
      "     'previous', r.previous)"
      "     FROM records r JOIN platform.activity_type t ON t.code = 'personal_record'"
      "   RETURNING 1)"
      " SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM activity)",
      {UUIDOID, UUIDOID, TIMESTAMPTZOID});

  Datum args[3] = {id.datum(), session.user.datum(), session.started_at};
  if (session.status == "planned") {
    start.execute(args, nullptr, false);
    bool is_null = true;
    session.started_at = pg::spi_first_value(&is_null);
    session.started_null = is_null;
    args[2] = session.started_at;
  }
  flag_sets.execute(args, nullptr, false);
  close.execute(args, nullptr, false);
  measure_goals.execute(args, nullptr, false);
  record_events.execute(args, nullptr, false);
}

// The summary, the same whether the session was completed now or before.
Datum summary(const Uuid& id, const Session& session, bool completed_now) {
  static pg::KeptPlan plan(
      "WITH" FITNESS_RECORDS_CTE
      " SELECT jsonb_build_object("
      "   'session_id', w.id, 'status', w.status, 'completed_now', $4::boolean,"
      "   'started_at', w.started_at, 'ended_at', w.ended_at, 'duration_s', w.duration_s,"
      "   'total_volume_kg', w.total_volume_kg,"
      "   'sets', (SELECT count(*) FROM user_mgmt.user_set_log s"
      "             WHERE s.session_id = w.id AND s.is_active),"
      "   'exercises', coalesce((SELECT jsonb_agg(jsonb_build_object('exercise_id', e.id,"
      "       'name', e.name, 'sets', x.sets, 'volume_kg', x.volume_kg,"
      "       'best_estimated_one_rm_kg', x.best) ORDER BY x.first_set)"
      "     FROM (SELECT s.exercise_id, count(*) AS sets, min(s.set_index) AS first_set,"
      "                  coalesce(sum(s.reps * s.weight_kg) FILTER (WHERE s.set_type <> "
      "'warmup'), 0)"
      "                    AS volume_kg, max(s.estimated_one_rm_kg) AS best"
      "             FROM user_mgmt.user_set_log s WHERE s.session_id = w.id AND s.is_active"
      "            GROUP BY s.exercise_id) x"
      "     JOIN content.exercise e ON e.id = x.exercise_id), '[]'::jsonb),"
      "   'personal_records', coalesce((SELECT jsonb_agg(jsonb_build_object('set_id', "
      "r.set_id,"
      "       'exercise_id', r.exercise_id, 'kind', r.kind, 'value', r.value, 'load_kg', "
      "r.load_kg,"
      "       'previous', r.previous) ORDER BY r.exercise_id, r.kind, r.load_kg) FROM records "
      "r),"
      "     '[]'::jsonb),"
      "   'goals', coalesce((SELECT jsonb_agg(jsonb_build_object('user_goal_id', g.id,"
      "       'title', g.title, 'status', g.status, 'progress_pct', g.progress_pct,"
      "       'achieved_at', g.achieved_at) ORDER BY g.id)"
      "     FROM content.user_goal g WHERE g.id IN (SELECT gm.user_goal_id"
      "       FROM content.goal_metric gm JOIN content.goal_metric_entry ge"
      "         ON ge.goal_metric_id = gm.id AND ge.is_active"
      "      WHERE ge.source = 'session' AND ge.source_id = w.id)), '[]'::jsonb))"
      "   FROM user_mgmt.user_workout_session w WHERE w.id = $1",
      {UUIDOID, UUIDOID, TIMESTAMPTZOID, BOOLOID});
  Datum args[4] = {id.datum(), session.user.datum(), session.started_at,
                   BoolGetDatum(completed_now)};
  char nulls[5] = "    ";
  if (session.started_null) nulls[2] = 'n';
  plan.execute(args, nulls, false);  // not read-only: it must see this call's writes
  bool is_null = true;
  return pg::spi_first_value(&is_null);
}

void announce(const Uuid& id, const Session& session, Datum summary_json) {
  static pg::KeptPlan plan(
      "WITH events AS (INSERT INTO platform.system_event"
      "   (event_type, aggregate_type, aggregate_id, payload, actor_user_id)"
      "   VALUES ('session.completed', 'user_workout_session', $1, $3, fitness.current_user_id())"
      "   RETURNING 1)"
      " INSERT INTO platform.activity (user_id, activity_type_id, entity_type, entity_id, "
      "payload)"
      " SELECT $2, t.id, 'user_workout_session', $1, jsonb_build_object("
      "   'duration_s', $3->'duration_s', 'total_volume_kg', $3->'total_volume_kg',"
      "   'sets', $3->'sets', 'personal_records', jsonb_array_length($3->'personal_records'))"
      "   FROM platform.activity_type t WHERE t.code = 'session_completed'",
      {UUIDOID, UUIDOID, JSONBOID});
  Datum args[3] = {id.datum(), session.user.datum(), summary_json};
  plan.execute(args, nullptr, false);
}

double to_double(Datum numeric) {
  return pg::pg_call([&] { return DatumGetFloat8(DirectFunctionCall1(numeric_float8, numeric)); });
}

}  // namespace
}  // namespace fitness::rules

// estimate_one_rm(weight_kg numeric, reps integer, formula text DEFAULT 'epley') RETURNS
// numeric, STRICT: Epley w(1 + r/30), Brzycki 36w/(37 - r), one rep is the weight itself;
// rounded to 0.01 kg.
FITNESS_SQL_FUNCTION(fitness_estimate_one_rm) {
  using namespace fitness;
  Datum weight_datum = PG_GETARG_DATUM(0);
  int reps = PG_GETARG_INT32(1);
  std::string formula = pg::text_arg(fcinfo, 2);
  double weight = rules::to_double(weight_datum);
  if (std::isnan(weight) || weight < 0 || weight > 1500)
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    "fitness.estimate_one_rm(): weight_kg must be between 0 and 1500, not " +
                        std::string(pg::pg_call([&] {
                          return DatumGetCString(DirectFunctionCall1(numeric_out, weight_datum));
                        })));
  if (reps < 1 || reps > 1000)
    throw pg::Error(
        ERRCODE_INVALID_PARAMETER_VALUE,
        "fitness.estimate_one_rm(): reps must be between 1 and 1000, not " + std::to_string(reps));
  double estimate = 0;
  if (formula == "epley") {
    estimate = reps == 1 ? weight : weight * (1.0 + reps / 30.0);
  } else if (formula == "brzycki") {
    if (reps > 36)
      throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                      "fitness.estimate_one_rm(): the brzycki formula holds for 1 to 36 reps, "
                      "not " +
                          std::to_string(reps),
                      {}, "Use 'epley' for longer sets.");
    estimate = weight * 36.0 / (37.0 - reps);
  } else {
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    "fitness.estimate_one_rm(): unknown formula " + rules::shown(formula), {},
                    "The formulas are 'epley' and 'brzycki'.");
  }
  return pg::pg_call([&] {
    Datum value = DirectFunctionCall1(float8_numeric, Float8GetDatum(estimate));
    return DirectFunctionCall2(numeric_round, value, Int32GetDatum(2));
  });
}

// complete_session(session_id uuid) RETURNS jsonb
FITNESS_SQL_FUNCTION(fitness_complete_session) {
  using namespace fitness;
  if (PG_ARGISNULL(0))
    throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED,
                    "fitness.complete_session(): session_id must not be NULL");
  Uuid id = Uuid::from(PG_GETARG_UUID_P(0));
  pg::SpiSession spi;
  rules::Session session = rules::lock_session(id);
  rules::check_actor(id, session);
  bool completed_now = session.status != "completed";
  // The writes touch tables the caller may not write directly (activity, the outbox, goal
  // progress): as the extension's tables' owner, after the checks above.
  pg::ScopedOwnerSwitch owner(pg::relation_oid("user_mgmt", "user_workout_session"));
  if (completed_now) rules::complete(id, session);
  Datum result = rules::summary(id, session, completed_now);
  if (completed_now) rules::announce(id, session, result);
  return result;  // spi_first_value copied it out of SPI's memory
}
