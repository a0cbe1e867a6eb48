// State machines as data: fitness.status_machine(domain, status column [, institution column]),
// a BEFORE INSERT OR UPDATE OF <status> row trigger on every table with a status column.
//  - A change of the status must be an active row of core.status_transition (domain, from,
//    to); its required_permission, if any, must be held by the actor in the row's
//    institution (or platform-wide), else 42501. fitness_admin and superusers hold them all.
//  - A new row starts in an initial status (core.status.is_initial), except when loaded by
//    fitness_admin or a superuser (restores, imports by an operator).
// Both tables are read once into backend memory and read again after any write to them, here
// at once and in other backends from their next transaction after the commit (a relcache
// invalidation of the table, as for the key ring): a DBA changes a workflow with an INSERT or
// a DELETE.
#include <map>
#include <optional>
#include <unordered_map>

#include "identity/authz.hpp"
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

struct Machine {
  std::map<std::string, bool> initial;  // status code -> may start there (ordered: messages)
  // (from, to) -> required permission ("" none)
  std::map<std::pair<std::string, std::string>, std::string> moves;
};

struct Machines {
  std::unordered_map<std::string, Machine> by_domain;
  std::uint64_t generation = 0;
  bool loaded = false;
};
Machines machines;
std::uint64_t machines_generation = 1;
Oid status_table = InvalidOid, transition_table = InvalidOid;

pg::CacheStats machine_stats{"status_machines",
                             [] { return static_cast<std::int64_t>(machines.by_domain.size()); }};

void machines_relcache_callback(Datum, Oid relid) {
  if (relid != InvalidOid && relid != status_table && relid != transition_table) return;
  ++machines_generation;
  ++machine_stats.invalidations;
  status_table = transition_table = InvalidOid;  // the extension may have been re-created
}

// Column `column` of result row `row` as text ("" for NULL), copied out after the SPI call:
// no C++ object is alive while PostgreSQL may raise an error.
std::string text_at(std::uint64_t row, int column) {
  const char* value = pg::pg_call(
      [&] { return SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, column); });
  return value == nullptr ? std::string() : std::string(value);
}

// With the latest snapshot, so what is kept until the next invalidation is never older than
// the invalidations already read.
void load_machines() {
  static pg::KeptPlan statuses("SELECT domain, code, is_initial FROM core.status WHERE is_active",
                               {});
  static pg::KeptPlan moves(
      "SELECT domain, from_code, to_code, coalesce(required_permission, '')"
      " FROM core.status_transition WHERE is_active",
      {});
  std::uint64_t generation = machines_generation;
  Machines loaded;
  pg::SpiSession spi;
  if (status_table == InvalidOid) {
    status_table = pg::relation_oid("core", "status");
    transition_table = pg::relation_oid("core", "status_transition");
  }
  pg::LatestSnapshotScope snapshot;
  pg::ScopedOwnerSwitch owner(status_table);
  std::uint64_t rows = statuses.execute(nullptr, nullptr, true);
  for (std::uint64_t i = 0; i < rows; i++) {
    bool is_initial = pg::pg_call([&] {
      bool is_null = false;
      return DatumGetBool(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 3, &is_null));
    });
    loaded.by_domain[text_at(i, 1)].initial[text_at(i, 2)] = is_initial;
  }
  rows = moves.execute(nullptr, nullptr, true);
  for (std::uint64_t i = 0; i < rows; i++)
    loaded.by_domain[text_at(i, 1)].moves[{text_at(i, 2), text_at(i, 3)}] = text_at(i, 4);
  loaded.loaded = snapshot.taken_latest();  // in parallel mode: this call only
  loaded.generation = generation;
  machines = std::move(loaded);
}

const Machine& machine(const std::string& domain) {
  if (machines.loaded && machines.generation == machines_generation) {
    ++machine_stats.hits;
  } else {
    ++machine_stats.misses;
    load_machines();
  }
  static const Machine none;
  auto found = machines.by_domain.find(domain);
  return found == machines.by_domain.end() ? none : found->second;
}

std::string listed(const std::vector<std::string>& codes) {
  if (codes.empty()) return "none";
  std::string out;
  for (const std::string& code : codes) out += (out.empty() ? "" : ", ") + shown(code);
  return out;
}

struct Row {
  const pg::RelationMeta& meta;
  std::string id;  // for messages
  [[noreturn]] void refuse(const char* rule_name, std::string message, std::string detail,
                           std::string hint) const {
    const Rule& r = rule(rule_name);
    throw pg::Error(r.sqlstate, meta.table_name + " " + id + ": " + message, std::move(detail),
                    std::move(hint))
        .on_rule(meta.schema_name, meta.table_name, r.name);
  }
};

void check_initial(const Row& row, const std::string& domain, const Machine& m,
                   const std::string& status) {
  auto found = m.initial.find(status);
  if (found != m.initial.end() && found->second) return;
  if (is_operator()) return;
  std::vector<std::string> initial;
  for (const auto& [code, is_initial] : m.initial)
    if (is_initial) initial.push_back(code);
  row.refuse("status_initial", "a new row cannot start in status " + shown(status),
             "The state machine " + shown(domain) + " starts in: " + listed(initial) + ".",
             "core.status.is_initial marks the statuses a row may be created in.");
}

void check_move(const Row& row, const std::string& domain, const Machine& m,
                const std::string& from, const std::string& to,
                const std::optional<Uuid>& institution) {
  auto found = m.moves.find({from, to});
  if (found == m.moves.end()) {
    std::vector<std::string> allowed;
    for (const auto& [move, permission] : m.moves)
      if (move.first == from) allowed.push_back(move.second);
    row.refuse("status_transition", "status cannot move from " + shown(from) + " to " + shown(to),
               "The state machine " + shown(domain) + " allows from " + shown(from) + ": " +
                   listed(allowed) + ".",
               "The moves are the active rows of core.status_transition with domain " +
                   shown(domain) + ".");
  }
  const std::string& permission = found->second;
  if (permission.empty() || is_operator()) return;
  identity::Authz* authz = identity::current_authz();
  if (authz != nullptr && authz->has_permission(permission, institution ? &*institution : nullptr))
    return;
  row.refuse("status_permission",
             "permission denied to move the status from " + shown(from) + " to " + shown(to),
             "The move requires permission " + permission +
                 (institution ? " in institution " + institution->text() : std::string()) + ".",
             "core.status_transition.required_permission names the permission of each move.");
}

}  // namespace
}  // namespace fitness::rules

FITNESS_SQL_FUNCTION(fitness_status_machine) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(fcinfo, "fitness.status_machine",
                                           pg::fired_before_row_write, pg::kBeforeRowWrite);
  Trigger* trigger = trigdata->tg_trigger;
  if (trigger->tgnargs < 2 || trigger->tgnargs > 3)
    throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                    "fitness.status_machine() takes the state machine's domain, the status "
                    "column and optionally the institution column");
  Relation rel = trigdata->tg_relation;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
  const pg::ColumnMeta* status_column = meta.find(trigger->tgargs[1]);
  const pg::ColumnMeta* institution_column =
      trigger->tgnargs == 3 ? meta.find(trigger->tgargs[2]) : nullptr;
  if (status_column == nullptr || (trigger->tgnargs == 3 && institution_column == nullptr))
    throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                    "fitness.status_machine(): " + meta.table_name + " has no column " +
                        (status_column == nullptr ? trigger->tgargs[1] : trigger->tgargs[2]));
  TupleDesc desc = RelationGetDescr(rel);
  bool is_insert = TRIGGER_FIRED_BY_INSERT(trigdata->tg_event);
  HeapTuple row = is_insert ? trigdata->tg_trigtuple : trigdata->tg_newtuple;
  auto status_of = [&](HeapTuple tuple) -> std::optional<std::string> {
    // pg_call hands back plain C values only: detoast inside, own the copy outside.
    const char* value_text = pg::pg_call([&]() -> const char* {
      bool is_null = false;
      Datum value = heap_getattr(tuple, status_column->attnum, desc, &is_null);
      return is_null ? nullptr : TextDatumGetCString(value);
    });
    if (value_text == nullptr) return std::nullopt;
    return std::string(value_text);
  };
  std::optional<std::string> status = status_of(row);
  if (!status) return PointerGetDatum(row);  // NOT NULL is the table's business
  std::string domain = trigger->tgargs[0];
  bool id_null = true;
  Datum id = meta.id_attnum == InvalidAttrNumber
                 ? static_cast<Datum>(0)
                 : pg::pg_call([&] { return heap_getattr(row, meta.id_attnum, desc, &id_null); });
  rules::Row subject{meta, id_null ? std::string("(no id)") : Uuid::from(DatumGetUUIDP(id)).text()};
  if (is_insert) {
    rules::check_initial(subject, domain, rules::machine(domain), *status);
    return PointerGetDatum(row);
  }
  std::optional<std::string> old_status = status_of(trigdata->tg_trigtuple);
  if (!old_status || *old_status == *status) return PointerGetDatum(row);
  std::optional<Uuid> institution;
  if (institution_column != nullptr)
    pg::pg_call([&] {
      bool is_null = false;
      Datum value = heap_getattr(row, institution_column->attnum, desc, &is_null);
      if (!is_null) institution = Uuid::from(DatumGetUUIDP(value));
    });
  rules::check_move(subject, domain, rules::machine(domain), *old_status, *status, institution);
  return PointerGetDatum(row);
}

// AFTER ... FOR EACH STATEMENT on core.status and core.status_transition: this backend
// reloads at once, every other one from its next transaction after the commit. ALWAYS.
FITNESS_SQL_FUNCTION(fitness_status_machine_invalidate) {
  using namespace fitness;
  Relation table = pg::trigger_call(fcinfo, "fitness.status_machine_invalidate")->tg_relation;
  pg::pg_call([&] { CacheInvalidateRelcache(table); });
  rules::machines_relcache_callback(static_cast<Datum>(0), InvalidOid);
  return PointerGetDatum(nullptr);
}

FITNESS_LOAD_STEP(status_machine_invalidation, fitness::pg::LoadPhase::kCallbacks) {
  fitness::pg::pg_call([] {
    CacheRegisterRelcacheCallback(fitness::rules::machines_relcache_callback,
                                  static_cast<Datum>(0));
  });
  fitness::pg::register_cache(&fitness::rules::machine_stats);
}
