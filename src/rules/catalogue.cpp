// The catalogue of business rules (rule.hpp) and fitness.business_rules(), which lists it.
// A rule whose table is NULL applies to every table of its kind (the error names the table).
#include <cstring>

#include "pg/function.hpp"
#include "rules/rule.hpp"

namespace fitness::rules {

const Rule kRules[] = {
    // state machines (state_machine.cpp): every status column with a core.status domain
    {"status_transition", nullptr, nullptr, ERRCODE_CHECK_VIOLATION,
     "a status changes only along an active core.status_transition of its state machine"},
    {"status_initial", nullptr, nullptr, ERRCODE_CHECK_VIOLATION,
     "a row is created in an initial status of its state machine (core.status.is_initial); "
     "fitness_admin and superusers may load rows in any status"},
    {"status_permission", nullptr, nullptr, ERRCODE_INSUFFICIENT_PRIVILEGE,
     "a transition with a required_permission is made only by an actor holding it (in the "
     "row's institution or platform-wide), fitness_admin or a superuser"},
    // set logs (set_logs.cpp)
    {"set_log_tracking", "user_mgmt", "user_set_log", ERRCODE_CHECK_VIOLATION,
     "a set's measures fit its exercise's tracking_type: reps_weight reps (weight optional), "
     "reps reps only, duration duration_s only, distance distance_m (duration_s optional), "
     "duration_distance both"},
    {"set_log_exercise", "user_mgmt", "user_set_log", ERRCODE_FOREIGN_KEY_VIOLATION,
     "a set is logged for an exercise the actor can read (else: not found) that is active (not "
     "deleted)"},
    {"set_log_session_open", "user_mgmt", "user_set_log", ERRCODE_CHECK_VIOLATION,
     "a set is added to (inserted into or moved to) a session only while it is planned or in "
     "progress; fitness_admin and superusers may add to a closed one"},
    // institutions (institutions.cpp)
    {"member_role_rank", "user_mgmt", "institution_member", ERRCODE_INSUFFICIENT_PRIVILEGE,
     "a member_role is given only below the actor's rank in the institution (an owner may make "
     "owners), to a member ranked below the actor; the founder may be the first owner"},
    {"institution_max_members", "user_mgmt", "institution_member", ERRCODE_CHECK_VIOLATION,
     "at most max_members invited or active members (else institution.default_max_members), "
     "also under concurrent joins"},
    {"institution_last_owner", "user_mgmt", "institution_member", ERRCODE_RAISE_EXCEPTION,
     "the last active owner cannot leave, be removed, suspended, demoted or deleted"},
    // billing (billing.cpp)
    {"payment_currency", "user_mgmt", "payment", ERRCODE_CHECK_VIOLATION,
     "a payment is in the currency of its subscription's billing plan"},
    // workouts and programs (workouts.cpp, programs.cpp): checked at commit
    {"workout_set_positions", "content", "workout_set", ERRCODE_CHECK_VIOLATION,
     "a workout's active sets take positions 1..n without gaps (checked at commit)"},
    {"workout_set_superset", "content", "workout_set", ERRCODE_CHECK_VIOLATION,
     "a superset group holds sets of at least two different exercises, all with the same "
     "rounds (checked at commit)"},
    {"program_schedule_week", "content", "program_schedule", ERRCODE_CHECK_VIOLATION,
     "a schedule day lies in weeks 1..duration_weeks of its program (checked at commit)"},
    {"schedule_workout_usable", "content", "schedule_workout", ERRCODE_FOREIGN_KEY_VIOLATION,
     "a scheduled workout is active and public, the program owner's, shared within the "
     "program's institution, or a platform workout in a platform program (checked at commit)"},
    {"program_published_complete", "content", "program", ERRCODE_CHECK_VIOLATION,
     "a published program has a workout on every training (non-rest) day (checked at commit)"},
    // ratings (ratings.cpp); platform.rating_summary follows every rating by increments
    {"rating_own_content", "platform", "rating", ERRCODE_CHECK_VIOLATION,
     "nobody rates an entity they own (its owner_id or user_id is the rater)"},
    // settings (settings.cpp): overrides in platform.setting of the platform.system_setting keys
    {"setting_known", "platform", "setting", ERRCODE_FOREIGN_KEY_VIOLATION,
     "an override names an active platform.system_setting key"},
    {"setting_scope", "platform", "setting", ERRCODE_CHECK_VIOLATION,
     "a user overrides only a setting with is_user_overridable, an institution only one with "
     "is_institution_overridable"},
    {"setting_value", "platform", "setting", ERRCODE_CHECK_VIOLATION,
     "an override fits its definition: value_type, allowed_values, min_value and max_value "
     "(checked again when a definition changes)"},
    {"setting_target", "platform", "setting", ERRCODE_FOREIGN_KEY_VIOLATION,
     "the user or institution of an override exists and is active"},
    {nullptr, nullptr, nullptr, 0, nullptr},
};

const Rule& rule(const char* name) {
  for (const Rule* r = kRules; r->name != nullptr; r++)
    if (std::strcmp(r->name, name) == 0) return *r;
  throw pg::Error(ERRCODE_INTERNAL_ERROR, std::string("unknown business rule ") + name);
}

std::string shown(const char* value) {
  if (value == nullptr) return "NULL";
  std::string text(value);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return "'" + text + "'";
}

}  // namespace fitness::rules

// fitness.business_rules(): one row per rule.
FITNESS_SQL_FUNCTION(fitness_business_rules) {
  using namespace fitness;
  pg::pg_call([&] { InitMaterializedSRF(fcinfo, 0); });
  auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  for (const rules::Rule* r = rules::kRules; r->name != nullptr; r++) {
    pg::pg_call([&] {
      Datum values[4];
      bool nulls[4] = {false, r->table == nullptr, false, false};
      values[0] = CStringGetTextDatum(r->name);
      if (r->table != nullptr)
        values[1] = CStringGetTextDatum(psprintf("%s.%s", r->schema, r->table));
      values[2] = CStringGetTextDatum(unpack_sql_state(r->sqlstate));
      values[3] = CStringGetTextDatum(r->description);
      tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
    });
  }
  return static_cast<Datum>(0);
}
