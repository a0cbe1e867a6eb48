// Set logs: fitness.set_log_check(), BEFORE INSERT OR UPDATE ... FOR EACH ROW on
// user_mgmt.user_set_log.
//  - set_log_tracking (23514): the measures fit the exercise's tracking_type:
//      reps_weight        reps; weight_kg optional (unloaded); no duration, no distance
//      reps               reps; no weight, duration or distance
//      duration           duration_s; no reps, weight or distance
//      distance           distance_m; duration_s optional (the time it took); no reps, weight
//      duration_distance  duration_s and distance_m; no reps, weight
//  - set_log_exercise (23503): the exercise is readable by the actor (row-level security:
//    else it is "not found", and no message tells about an exercise the actor cannot see)
//    and active (not deleted).
//  - set_log_session_open (23514): sets are added to a session (inserted or moved there)
//    only while it is planned or in progress. Its sets may still be corrected afterwards;
//    complete_session does not recompute a completed session (its records stand).
// Only the actor's own sets are checked (or any, for a platform admin, fitness_admin or a
// superuser): another user's row is refused by row-level security, and a rule checked first
// would tell about a session that is not the actor's.
// The session belongs to the set's user already (foreign key (session_id, user_id)).
// Exercises' tracking types are kept per backend, dropped when an exercise's tracking_type
// or is_active changes (fitness.set_log_exercise_changed(), a statement trigger that sends a
// relcache invalidation of content.exercise, seen by other backends after the commit). A
// session's status is read once per statement.
#include <cstring>
#include <string>
#include <unordered_map>

#include "common/sanctioned_writes.hpp"
#include "common/uuid.hpp"
#include "pg/cache_stats.hpp"
#include "pg/function.hpp"
#include "pg/load_steps.hpp"
#include "pg/relation_cache.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"
#include "rules/actor.hpp"
#include "rules/rule.hpp"

namespace fitness::rules {
namespace {

struct ExerciseShape {
  std::string tracking_type;
  bool is_active = false;
};

constexpr size_t kMaxExercises = 20000;
std::unordered_map<Uuid, ExerciseShape, UuidHash> exercises;
std::uint64_t exercises_generation = 1, exercises_loaded_generation = 0;
Oid exercise_table = InvalidOid;

pg::CacheStats exercise_stats{"set_log_exercises",
                              [] { return static_cast<std::int64_t>(exercises.size()); }};

void exercises_relcache_callback(Datum, Oid relid) {
  if (relid != InvalidOid && relid != exercise_table) return;
  ++exercises_generation;
  ++exercise_stats.invalidations;
  exercise_table = InvalidOid;
}

const ExerciseShape& exercise_shape(const Uuid& id) {
  if (exercises_loaded_generation != exercises_generation || exercises.size() > kMaxExercises) {
    exercises.clear();
    exercises_loaded_generation = exercises_generation;
  }
  if (exercise_table == InvalidOid) exercise_table = pg::relation_oid("content", "exercise");
  auto found = exercises.find(id);
  if (found != exercises.end()) {
    ++exercise_stats.hits;
    return found->second;
  }
  ++exercise_stats.misses;
  static pg::KeptPlan plan("SELECT tracking_type, is_active FROM content.exercise WHERE id = $1",
                           {UUIDOID});
  std::uint64_t generation = exercises_generation;
  ExerciseShape shape;
  {
    pg::SpiSession spi;
    pg::LatestSnapshotScope latest;  // never keep what is older than the invalidations read
    pg::ScopedOwnerSwitch owner(exercise_table);
    Datum args[1] = {id.datum()};
    if (plan.execute(args, nullptr, true) > 0) {
      const char* type =
          pg::pg_call([] { return SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1); });
      shape.is_active = pg::pg_call([] {
        bool is_null = true;
        Datum active = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &is_null);
        return !is_null && DatumGetBool(active);
      });
      shape.tracking_type = type == nullptr ? "" : type;
    }
  }
  if (generation != exercises_generation) {  // invalidated while loading: do not keep
    static ExerciseShape uncached;
    uncached = shape;
    return uncached;
  }
  return exercises[id] = shape;
}

// The session's status, read (and share-locked) once per statement (a multi-row INSERT logs
// into one session).
struct SessionStatus {
  Uuid id;
  TransactionId xid = InvalidTransactionId;
  CommandId command = InvalidCommandId;
  std::string status;
} last_session;

const std::string& session_status(const Uuid& id) {
  TransactionId xid = pg::pg_call([] { return GetCurrentTransactionIdIfAny(); });
  CommandId command = pg::pg_call([] { return GetCurrentCommandId(false); });
  if (last_session.xid == xid && xid != InvalidTransactionId && last_session.command == command &&
      last_session.id == id)
    return last_session.status;
  // FOR SHARE: the session cannot be closed under a set being added (a concurrent UPDATE to
  // completed waits for this transaction, and this read waits for one already made).
  static pg::KeptPlan plan(
      "SELECT status FROM user_mgmt.user_workout_session WHERE id = $1 FOR SHARE", {UUIDOID});
  pg::SpiSession spi;
  pg::ScopedOwnerSwitch owner(pg::relation_oid("user_mgmt", "user_workout_session"));
  Datum args[1] = {id.datum()};
  std::string status;
  if (plan.execute(args, nullptr, false) > 0) {
    const char* value =
        pg::pg_call([] { return SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1); });
    status = value == nullptr ? "" : value;
  }
  last_session = {id, xid, command, status};
  return last_session.status;
}

// Whether the actor can read the exercise (row-level security applies: run as the actor),
// asked of every set logged for an exercise; the answer is kept for the rest of the
// statement (a multi-row INSERT logs the same exercises over and over) and the same role.
struct Readable {
  Uuid exercise;
  LocalTransactionId transaction = InvalidLocalTransactionId;
  CommandId command = InvalidCommandId;
  Oid role = InvalidOid;
  bool readable = false;
} last_readable;

bool readable_by_actor(const Uuid& exercise) {
  // Operators (fitness_admin, superusers) read every exercise: existence is the foreign
  // key's and the tracking-type cache's to tell.
  if (is_operator()) return true;
  CommandId command = GetCurrentCommandId(false);
  Oid role = acting_role();
  if (last_readable.transaction == MyProc->lxid && last_readable.command == command &&
      last_readable.role == role && last_readable.exercise == exercise)
    return last_readable.readable;
  static pg::KeptPlan plan("SELECT 1 FROM content.exercise WHERE id = $1", {UUIDOID});
  bool readable = false;
  {
    pg::SpiSession spi;
    Datum args[1] = {exercise.datum()};
    // As the acting role: a restore reactivates sets as the table owner, who reads everything.
    auto as_actor = pg::ScopedOwnerSwitch::as_role(acting_role());
    readable = plan.execute(args, nullptr, true) > 0;
  }
  last_readable = {exercise, MyProc->lxid, command, role, readable};
  return readable;
}

struct Measures {
  bool reps, weight, duration, distance;
};

[[noreturn]] void refuse(const char* rule_name, const std::string& set, std::string message,
                         std::string detail = {}) {
  violated(rule(rule_name), "user_set_log " + set + ": " + message, std::move(detail));
}

// The variant and the planned workout set a set names are readable by the actor (the foreign
// keys ignore row-level security: else a set could point into another user's private
// workout, and "not found" against a foreign-key error would tell what exists), and the
// variant is one of the set's exercise.
void check_references(const std::string& set, Datum exercise, const Datum* variant,
                      const Datum* planned_set) {
  if ((variant == nullptr && planned_set == nullptr) || is_operator()) return;
  static pg::KeptPlan plan(
      "SELECT $1::uuid IS NULL OR EXISTS (SELECT 1 FROM content.exercise_variant v"
      "                                    WHERE v.id = $1 AND v.exercise_id = $3),"
      "       $2::uuid IS NULL OR EXISTS (SELECT 1 FROM content.workout_set w WHERE w.id = $2)",
      {UUIDOID, UUIDOID, UUIDOID});
  Datum args[3] = {variant ? *variant : 0, planned_set ? *planned_set : 0, exercise};
  char nulls[3] = {variant ? ' ' : 'n', planned_set ? ' ' : 'n', ' '};
  bool variant_ok = true, planned_ok = true;
  {
    pg::SpiSession spi;
    auto as_actor = pg::ScopedOwnerSwitch::as_role(acting_role());
    plan.execute(args, nulls, true, 1);
    pg::pg_call([&] {
      bool is_null = true;
      variant_ok =
          DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &is_null));
      planned_ok =
          DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &is_null));
    });
  }
  if (!variant_ok)
    refuse("set_log_exercise", set,
           "exercise variant " + Uuid::from(DatumGetUUIDP(*variant)).text() +
               " not found for exercise " + Uuid::from(DatumGetUUIDP(exercise)).text());
  if (!planned_ok)
    refuse("set_log_exercise", set,
           "workout set " + Uuid::from(DatumGetUUIDP(*planned_set)).text() + " not found");
}

// Whether the measures fit the tracking type (check_tracking says how they do not).
bool fits(const std::string& type, const Measures& m) {
  if (type == "reps_weight") return m.reps && !m.duration && !m.distance;
  if (type == "reps") return m.reps && !m.weight && !m.duration && !m.distance;
  if (type == "duration") return m.duration && !m.reps && !m.weight && !m.distance;
  if (type == "distance") return m.distance && !m.reps && !m.weight;
  if (type == "duration_distance") return m.duration && m.distance && !m.reps && !m.weight;
  return true;
}

void check_tracking(const std::string& set, const std::string& type, const Measures& m) {
  auto need = [&](bool present, const char* what) {
    if (!present)
      refuse("set_log_tracking", set, "a set of a " + shown(type) + " exercise needs " + what,
             "The exercise's tracking_type says what a set of it measures.");
  };
  auto none = [&](bool present, const char* what) {
    if (present)
      refuse("set_log_tracking", set, "a set of a " + shown(type) + " exercise has no " + what,
             "The exercise's tracking_type says what a set of it measures.");
  };
  if (type == "reps_weight") {
    need(m.reps, "reps");
    none(m.duration, "duration_s");
    none(m.distance, "distance_m");
  } else if (type == "reps") {
    need(m.reps, "reps");
    none(m.weight, "weight_kg (a loaded variant is tracked reps_weight)");
    none(m.duration, "duration_s");
    none(m.distance, "distance_m");
  } else if (type == "duration") {
    need(m.duration, "duration_s");
    none(m.reps, "reps");
    none(m.weight, "weight_kg");
    none(m.distance, "distance_m");
  } else if (type == "distance") {
    need(m.distance, "distance_m");
    none(m.reps, "reps");
    none(m.weight, "weight_kg");
  } else if (type == "duration_distance") {
    need(m.duration, "duration_s");
    need(m.distance, "distance_m");
    none(m.reps, "reps");
    none(m.weight, "weight_kg");
  }
}

}  // namespace
}  // namespace fitness::rules

FITNESS_SQL_FUNCTION(fitness_set_log_check) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(fcinfo, "fitness.set_log_check",
                                           pg::fired_before_row_write, pg::kBeforeRowWrite);
  Relation rel = trigdata->tg_relation;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
  enum {
    kSession,
    kUser,
    kExercise,
    kReps,
    kWeight,
    kDuration,
    kDistance,
    kActive,
    kVariant,
    kPlannedSet,
    kColumns
  };
  static const char* const kNames[kColumns] = {
      "session_id", "user_id",   "exercise_id",         "reps",          "weight_kg", "duration_s",
      "distance_m", "is_active", "exercise_variant_id", "workout_set_id"};
  AttrNumber at[kColumns];
  for (int i = 0; i < kColumns; i++) {
    const pg::ColumnMeta* column = meta.find(kNames[i]);
    if (column == nullptr)
      throw pg::Error(
          ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
          "fitness.set_log_check(): " + meta.table_name + " has no column " + kNames[i]);
    at[i] = column->attnum;
  }
  bool is_insert = TRIGGER_FIRED_BY_INSERT(trigdata->tg_event);
  HeapTuple row = is_insert ? trigdata->tg_trigtuple : trigdata->tg_newtuple;
  TupleDesc desc = RelationGetDescr(rel);
  Datum values[kColumns];
  bool nulls[kColumns];
  bool measures_changed = is_insert, session_changed = is_insert;
  Oid sessions_relid = common::restoring_root() == InvalidOid
                           ? InvalidOid
                           : pg::relation_oid("user_mgmt", "user_workout_session");
  pg::pg_call([&] {
    for (int i = 0; i < kColumns; i++) values[i] = heap_getattr(row, at[i], desc, &nulls[i]);
    if (is_insert) return;
    for (int i = kExercise; i <= kDistance; i++)
      if (pg::column_changed(trigdata->tg_trigtuple, row, desc, at[i])) measures_changed = true;
    for (int i = kVariant; i <= kPlannedSet; i++)
      if (pg::column_changed(trigdata->tg_trigtuple, row, desc, at[i])) measures_changed = true;
    session_changed = pg::column_changed(trigdata->tg_trigtuple, row, desc, at[kSession]);
    // A restore (is_active false -> true) checks the set's exercise and measures again, and
    // its session is open unless the restore is of the session itself (a restored completed
    // session brings its sets back); a set restored alone is a set added.
    if (pg::column_changed(trigdata->tg_trigtuple, row, desc, at[kActive])) {
      measures_changed = true;
      if (common::restoring_root() != sessions_relid) session_changed = true;
    }
  });
  bool inactive = !nulls[kActive] && !DatumGetBool(values[kActive]);
  // An edit of notes, rest or RPE, or a soft delete (or an edit of a deleted set): nothing
  // to check; a set inserted already deleted is checked like any other (a restore would
  // bring it back). NULLs and another user's rows are the table's and row-level security's
  // to refuse (and a rule checked first would tell about a session that is not the actor's).
  if (!(measures_changed || session_changed) || nulls[kSession] || nulls[kExercise] ||
      nulls[kUser] || (inactive && !is_insert))
    return PointerGetDatum(row);
  if (!rules::acts_for(Uuid::from(DatumGetUUIDP(values[kUser])))) return PointerGetDatum(row);
  bool id_null = true;
  Datum id = pg::pg_call([&] { return heap_getattr(row, meta.id_attnum, desc, &id_null); });
  std::string set = id_null ? std::string("(no id)") : Uuid::from(DatumGetUUIDP(id)).text();

  // A closed session gets no more sets; the sets it has may still be corrected.
  if (session_changed && !rules::is_operator()) {
    Uuid session = Uuid::from(DatumGetUUIDP(values[kSession]));
    const std::string& status = rules::session_status(session);
    if (!status.empty() && status != "planned" && status != "in_progress")
      rules::refuse("set_log_session_open", set,
                    "session " + session.text() + " is " + status + ": it takes no more sets",
                    "Sets are logged while a session is planned or in progress.");
  }
  if (!measures_changed) return PointerGetDatum(row);
  Uuid exercise = Uuid::from(DatumGetUUIDP(values[kExercise]));
  const rules::ExerciseShape& shape = rules::exercise_shape(exercise);
  if (shape.tracking_type.empty()) return PointerGetDatum(row);  // the foreign key's error
  // No measure at all is the table's CHECK user_set_log_measure_present.
  bool measured = !(nulls[kReps] && nulls[kDuration] && nulls[kDistance]);
  rules::Measures measures{!nulls[kReps], !nulls[kWeight], !nulls[kDuration], !nulls[kDistance]};
  // An exercise the actor cannot read is "not found", before anything is said about it.
  if (!rules::readable_by_actor(exercise))
    rules::refuse("set_log_exercise", set, "exercise " + exercise.text() + " not found");
  rules::check_references(set, values[kExercise], nulls[kVariant] ? nullptr : &values[kVariant],
                          nulls[kPlannedSet] ? nullptr : &values[kPlannedSet]);
  if (shape.is_active && (!measured || rules::fits(shape.tracking_type, measures)))
    return PointerGetDatum(row);
  if (!shape.is_active)
    rules::refuse("set_log_exercise", set, "exercise " + exercise.text() + " is deleted");
  rules::check_tracking(set, shape.tracking_type, measures);
  return PointerGetDatum(row);
}

// AFTER UPDATE OF tracking_type, is_active OR DELETE OR TRUNCATE ... FOR EACH STATEMENT on
// content.exercise: every backend forgets the tracking types it keeps.
FITNESS_SQL_FUNCTION(fitness_set_log_exercise_changed) {
  using namespace fitness;
  Relation table = pg::trigger_call(fcinfo, "fitness.set_log_exercise_changed")->tg_relation;
  pg::pg_call([&] { CacheInvalidateRelcache(table); });
  rules::exercises_relcache_callback(static_cast<Datum>(0), InvalidOid);
  return PointerGetDatum(nullptr);
}

FITNESS_LOAD_STEP(set_log_exercise_invalidation, fitness::pg::LoadPhase::kCallbacks) {
  fitness::pg::pg_call([] {
    CacheRegisterRelcacheCallback(fitness::rules::exercises_relcache_callback,
                                  static_cast<Datum>(0));
  });
  fitness::pg::register_cache(&fitness::rules::exercise_stats);
}
