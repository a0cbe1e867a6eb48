// Multilingual exercise search: the search documents (fitness.exercise_search_document)
// kept by triggers, content.exercise.search_vector, and fitness.search_exercises().

#include "i18n/search.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "common/uuid.hpp"
#include "i18n/language.hpp"
#include "pg/args.hpp"
#include "pg/function.hpp"
#include "pg/load_steps.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"

namespace fitness::i18n {
namespace {

constexpr std::size_t kMaxQueryLength = 1000;

// Exercises whose documents the running statements changed (row triggers), rebuilt by the
// statement trigger, or by the importer at its end while it defers them.
std::unordered_set<Uuid, UuidHash> touched;
int deferring = 0;

void xact_callback(XactEvent event, void*) {
  if (event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT) {
    touched.clear();
    deferring = 0;
  }
}

FITNESS_LOAD_STEP(exercise_search, pg::LoadPhase::kCallbacks) {
  pg::pg_call([] { RegisterXactCallback(xact_callback, nullptr); });
}

// Rebuilds the documents of the given exercises (all of them for nullopt); returns the
// documents written. As the owner: documents cover every exercise, visibility is decided
// when searching.
std::uint64_t rebuild(const std::optional<std::vector<Uuid>>& ids) {
  static pg::KeptPlan delete_plan(
      "DELETE FROM fitness.exercise_search_document WHERE $1 IS NULL OR exercise_id = ANY ($1)",
      {UUIDARRAYOID});
  // Per exercise and language: the name and description (a translation before the own
  // column in the same language), the aliases; one document each.
  static pg::KeptPlan insert_plan(
      "WITH own AS ("
      "  SELECT e.id, e.language_code AS lang, e.name,"
      "         coalesce(e.description, nullif(array_to_string(e.instructions, ' '), '')) AS "
      "description"
      "    FROM content.exercise e"
      "   WHERE e.is_active AND ($1 IS NULL OR e.id = ANY ($1))),"
      " translated AS ("
      "  SELECT t.entity_id AS id, t.language_code AS lang,"
      "         max(t.value) FILTER (WHERE t.field = 'name') AS name,"
      "         max(t.value) FILTER (WHERE t.field = 'description') AS description"
      "    FROM platform.translation t JOIN own ON own.id = t.entity_id"
      "   WHERE t.entity_type = 'exercise' AND t.is_active AND t.field IN ('name', 'description')"
      "   GROUP BY 1, 2),"
      " aliases AS ("
      "  SELECT a.exercise_id AS id, a.language_code AS lang, string_agg(a.alias, ' ' ORDER BY "
      "a.alias) AS aliases"
      "    FROM content.exercise_alias a JOIN own ON own.id = a.exercise_id"
      "   WHERE a.is_active GROUP BY 1, 2),"
      " texts AS ("
      "  SELECT coalesce(t.id, o.id) AS id, coalesce(t.lang, o.lang) AS lang,"
      "         coalesce(t.name, o.name) AS name, coalesce(t.description, o.description) AS "
      "description"
      "    FROM translated t FULL JOIN own o ON o.id = t.id AND o.lang = t.lang)"
      " INSERT INTO fitness.exercise_search_document (exercise_id, language_code, name, names, "
      "document)"
      " SELECT coalesce(x.id, a.id), l.code, x.name, concat_ws(' ', x.name, a.aliases),"
      "        setweight(to_tsvector(l.text_search_config, coalesce(x.name, '')), 'A')"
      "        || setweight(to_tsvector(l.text_search_config, coalesce(a.aliases, '')), 'B')"
      "        || setweight(to_tsvector(l.text_search_config, coalesce(x.description, '')), 'C')"
      "   FROM texts x FULL JOIN aliases a ON a.id = x.id AND a.lang = x.lang"
      "   JOIN platform.language l ON l.code = coalesce(x.lang, a.lang)",
      {UUIDARRAYOID});
  pg::SpiSession spi;
  pg::ScopedOwnerSwitch owner(pg::relation_oid("content", "exercise"));
  Datum arg = ids ? uuid_array(*ids) : static_cast<Datum>(0);
  char nulls[2] = {ids ? ' ' : 'n', '\0'};
  delete_plan.execute(&arg, nulls, false);
  return insert_plan.execute(&arg, nulls, false);
}

void flush_touched() {
  if (touched.empty() || deferring > 0) return;
  std::vector<Uuid> ids(touched.begin(), touched.end());
  touched.clear();
  rebuild(ids);
}

// The SQL of phase 1 of a search, built once per backend: pg_trgm's operators are
// qualified with the schema it is installed in (our statements run with a pinned
// search_path). For one language of the chain: full-text matches (GIN on document), ranked
// above every near match, then, when those are too few, near matches of the name or an
// alias (GIN trigram on names; typos), by trigram word similarity. The language is compared
// as an expression on purpose: an index condition on it (the primary key's second column)
// would make the planner AND a bitmap of every document of that language into the scan.
struct SearchSql {
  std::string full_text, near;
};
const SearchSql& search_sql() {
  static SearchSql sql;
  if (!sql.full_text.empty()) return sql;
  static pg::KeptPlan schema_plan(
      "SELECT quote_ident(n.nspname) FROM pg_catalog.pg_extension e"
      " JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'",
      {});
  std::string trgm;
  {
    pg::SpiSession spi;
    schema_plan.execute(nullptr, nullptr, true, 1);
    if (SPI_processed != 1)
      throw pg::Error(ERRCODE_UNDEFINED_OBJECT, "search_exercises needs the pg_trgm extension");
    pg::pg_call([&] { trgm = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1); });
  }
  // Strict word similarity: the query's words against whole words of the names, so "bech
  // press" finds "Bench Press" before "Push Press - Behind the Neck"; among equals the
  // shorter names (fewer other words) first.
  sql.near = "SELECT d.exercise_id, d.name, " + trgm +
             ".strict_word_similarity($1, d.names)::real AS score"
             "  FROM fitness.exercise_search_document d"
             " WHERE $1 OPERATOR(" +
             trgm +
             ".<<%) d.names AND d.language_code || '' = $2"
             " ORDER BY score DESC, length(d.names), d.exercise_id LIMIT $4";
  sql.full_text =
      "SELECT d.exercise_id, d.name, (1 + ts_rank(d.document, $3))::real AS score"
      "  FROM fitness.exercise_search_document d"
      " WHERE d.document @@ $3 AND d.language_code || '' = $2"
      " ORDER BY score DESC, d.exercise_id LIMIT $4";
  return sql;
}

}  // namespace

SearchDeferral::SearchDeferral() { ++deferring; }
SearchDeferral::~SearchDeferral() {
  if (!finished_ && deferring > 0) --deferring;
}
void SearchDeferral::finish() {
  if (!finished_ && deferring > 0) --deferring;
  finished_ = true;
  flush_touched();
}

}  // namespace fitness::i18n

using namespace fitness;

// BEFORE INSERT OR UPDATE OF name, description, language_code ON content.exercise.
FITNESS_SQL_FUNCTION(fitness_exercise_search_vector) {
  TriggerData* trigger = pg::trigger_call(fcinfo, "fitness.exercise_search_vector",
                                          pg::fired_before_row_write, pg::kBeforeRowWrite);
  HeapTuple row =
      TRIGGER_FIRED_BY_UPDATE(trigger->tg_event) ? trigger->tg_newtuple : trigger->tg_trigtuple;
  std::string language;
  pg::pg_call([&] {
    char* value = SPI_getvalue(row, trigger->tg_relation->rd_att,
                               SPI_fnumber(trigger->tg_relation->rd_att, "language_code"));
    if (value != nullptr) language = value;
  });
  Oid config = i18n::text_search_config(language);
  return pg::pg_call([&] {
    TupleDesc desc = trigger->tg_relation->rd_att;
    int name_col = SPI_fnumber(desc, "name");
    int description_col = SPI_fnumber(desc, "description");
    int vector_col = SPI_fnumber(desc, "search_vector");
    bool is_null = false;
    Datum name = heap_getattr(row, name_col, desc, &is_null);
    Datum vector =
        DirectFunctionCall2(tsvector_setweight,
                            DirectFunctionCall2(to_tsvector_byid, ObjectIdGetDatum(config),
                                                is_null ? CStringGetTextDatum("") : name),
                            CharGetDatum('A'));
    Datum description = heap_getattr(row, description_col, desc, &is_null);
    if (!is_null)
      vector = DirectFunctionCall2(
          tsvector_concat, vector,
          DirectFunctionCall2(
              tsvector_setweight,
              DirectFunctionCall2(to_tsvector_byid, ObjectIdGetDatum(config), description),
              CharGetDatum('C')));
    Datum values[1] = {vector};
    bool nulls[1] = {false};
    int columns[1] = {vector_col};
    return PointerGetDatum(heap_modify_tuple_by_cols(row, desc, 1, columns, values, nulls));
  });
}

// AFTER ... FOR EACH ROW: notes the exercise of the row (argument 1: the column holding its
// id; argument 2, optional: the entity_type the row must have).
FITNESS_SQL_FUNCTION(fitness_exercise_search_note) {
  TriggerData* trigger = pg::trigger_call(fcinfo, "fitness.exercise_search_note");
  Trigger* definition = trigger->tg_trigger;
  if (definition->tgnargs < 1)
    throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                    "fitness.exercise_search_note() needs the id column as its argument");
  std::vector<HeapTuple> rows = {trigger->tg_trigtuple};
  if (trigger->tg_newtuple != nullptr) rows.push_back(trigger->tg_newtuple);
  for (HeapTuple row : rows) {
    bool is_null = true, matches = true;
    Datum id = 0;
    pg::pg_call([&] {
      TupleDesc desc = trigger->tg_relation->rd_att;
      if (definition->tgnargs >= 2) {
        char* type = SPI_getvalue(row, desc, SPI_fnumber(desc, "entity_type"));
        matches = type != nullptr && strcmp(type, definition->tgargs[1]) == 0;
      }
      id = SPI_getbinval(row, desc, SPI_fnumber(desc, definition->tgargs[0]), &is_null);
    });
    if (matches && !is_null) i18n::touched.insert(Uuid::from(DatumGetUUIDP(id)));
  }
  return PointerGetDatum(nullptr);
}

// AFTER ... FOR EACH STATEMENT: rebuilds the documents of the exercises noted.
FITNESS_SQL_FUNCTION(fitness_exercise_search_flush) {
  pg::trigger_call(fcinfo, "fitness.exercise_search_flush");
  i18n::flush_touched();
  return PointerGetDatum(nullptr);
}

// rebuild_exercise_search() RETURNS bigint
FITNESS_SQL_FUNCTION(fitness_rebuild_exercise_search) {
  (void)fcinfo;
  if (!pg::current_user_has_role("fitness_admin"))
    throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE, "permission denied for rebuild_exercise_search",
                    {}, "Only superusers and members of fitness_admin rebuild search documents.");
  PG_RETURN_INT64(static_cast<std::int64_t>(i18n::rebuild(std::nullopt)));
}

// search_exercises(query text, lang text DEFAULT NULL, max_results integer DEFAULT 20)
//   RETURNS TABLE (exercise_id uuid, name text, rank real)
// Phase 1, as the owner: ranked candidates from the documents. Phase 2, as the caller:
// which of them the caller may read (the exercise table's row-level security decides) and
// their names; more candidates are fetched while the readable ones fall short.
FITNESS_SQL_FUNCTION(fitness_search_exercises) {
  pg::pg_call([&] { InitMaterializedSRF(fcinfo, 0); });
  if (PG_ARGISNULL(0)) return static_cast<Datum>(0);
  std::string query = pg::text_arg(fcinfo, 0);
  std::size_t length = 0;
  pg::pg_call([&] { length = pg_mbstrlen_with_len(query.data(), static_cast<int>(query.size())); });
  if (length > i18n::kMaxQueryLength)
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE, "search query is " + std::to_string(length) +
                                                         " characters; at most " +
                                                         std::to_string(i18n::kMaxQueryLength));
  int max_results = PG_ARGISNULL(2) ? 20 : PG_GETARG_INT32(2);
  if (max_results < 1 || max_results > 1000)
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    "max_results must be between 1 and 1000, not " + std::to_string(max_results));
  if (query.find_first_not_of(" \t\r\n") == std::string::npos) return static_cast<Datum>(0);
  const std::vector<std::string> chain = i18n::requested_chain(fcinfo, 1);

  Datum query_arg = pg::text_datum(query);
  static pg::KeptPlan readable_plan(
      "SELECT e.id, e.name FROM content.exercise e WHERE e.id = ANY ($1) AND e.is_active",
      {UUIDARRAYOID});
  // The query parsed once per language (a parameter, not an expression per row).
  static pg::KeptPlan tsquery_plan("SELECT websearch_to_tsquery($1, $2)", {REGCONFIGOID, TEXTOID});
  static pg::KeptPlan full_text_plan(i18n::search_sql().full_text.c_str(),
                                     {TEXTOID, TEXTOID, TSQUERYOID, INT4OID});
  static pg::KeptPlan near_plan(i18n::search_sql().near.c_str(),
                                {TEXTOID, TEXTOID, TSQUERYOID, INT4OID});

  struct Hit {
    Uuid id;
    float rank;
    std::optional<std::string> name;
  };
  std::vector<Hit> results;
  pg::SpiSession spi;
  // A word with one wrong, missing or extra letter keeps a strict word similarity of about
  // 0.33 to 0.4 in words of four or five letters (0.5, pg_trgm's default threshold, misses
  // them); weaker matches rank below, full-text matches above. For this session's
  // statements only (SpiSession restores it).
  pg::pg_call([] {
    (void)set_config_option("pg_trgm.strict_word_similarity_threshold", "0.3", PGC_USERSET,
                            PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
    // The documents table is small enough for the planner to prefer reading all of it, but
    // each row then costs a trigram comparison (pg_trgm costs it as one operator): the GIN
    // indexes are always cheaper here. For our statements only, like the threshold.
    (void)set_config_option("enable_seqscan", "off", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE,
                            true, 0, false);
  });
  for (int limit = std::max(4 * max_results, 50);; limit *= 4) {
    // Phase 1 per language of the chain, as the owner; an exercise found in several keeps
    // its best score (a language further down the chain weighs less: score / position) and
    // the name of the earliest language that has one.
    std::vector<Hit> candidates;
    bool more = false;  // some language had more candidates than the limit
    {
      pg::ScopedOwnerSwitch owner(pg::relation_oid("content", "exercise"));
      std::unordered_map<Uuid, std::size_t, UuidHash> index;
      for (std::size_t position = 1; position <= chain.size(); position++) {
        const std::string& code = chain[position - 1];
        Datum parse[2] = {ObjectIdGetDatum(i18n::text_search_config(code)), query_arg};
        tsquery_plan.execute(parse, nullptr, true, 1);
        bool no_query = false;
        Datum tsquery = pg::spi_first_value(&no_query);
        Datum args[4] = {query_arg, pg::text_datum(code), tsquery, Int32GetDatum(limit)};
        std::uint64_t full_text = full_text_plan.execute(args, nullptr, true);
        for (int pass = 0; pass < 2; pass++) {
          if (pass == 1) {
            if (static_cast<int>(full_text) >= max_results) break;  // no need for near matches
            near_plan.execute(args, nullptr, true);
          }
          std::uint64_t rows = SPI_processed;
          more = more || static_cast<int>(rows) == limit;
          for (std::uint64_t i = 0; i < rows; i++) {
            Hit hit;
            pg::pg_call([&] {
              HeapTuple tuple = SPI_tuptable->vals[i];
              TupleDesc desc = SPI_tuptable->tupdesc;
              bool is_null = false;
              hit.id = Uuid::from(DatumGetUUIDP(SPI_getbinval(tuple, desc, 1, &is_null)));
              char* name = SPI_getvalue(tuple, desc, 2);
              if (name != nullptr) hit.name = std::string(name);
              hit.rank = DatumGetFloat4(SPI_getbinval(tuple, desc, 3, &is_null)) /
                         static_cast<float>(position);
            });
            auto [found, fresh] = index.emplace(hit.id, candidates.size());
            if (fresh) {
              candidates.push_back(std::move(hit));
              continue;
            }
            Hit& known = candidates[found->second];
            known.rank = std::max(known.rank, hit.rank);
            if (!known.name && hit.name) known.name = hit.name;
          }
        }
      }
      std::stable_sort(candidates.begin(), candidates.end(),
                       [](const Hit& a, const Hit& b) { return a.rank > b.rank; });
    }
    std::vector<Uuid> ids;
    for (const Hit& hit : candidates) ids.push_back(hit.id);
    Datum id_array = uuid_array(ids);
    readable_plan.execute(&id_array, nullptr, true);
    std::unordered_map<Uuid, std::string, UuidHash> readable;
    std::uint64_t rows = SPI_processed;
    for (std::uint64_t i = 0; i < rows; i++) {
      Uuid id;
      std::string name;
      pg::pg_call([&] {
        bool is_null = false;
        id = Uuid::from(DatumGetUUIDP(
            SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &is_null)));
        name = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
      });
      readable.emplace(id, std::move(name));
    }
    results.clear();
    for (Hit& hit : candidates) {
      auto found = readable.find(hit.id);
      if (found == readable.end()) continue;
      if (!hit.name) hit.name = found->second;
      results.push_back(std::move(hit));
      if (static_cast<int>(results.size()) == max_results) break;
    }
    if (static_cast<int>(results.size()) == max_results || !more) break;
  }
  auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  for (const Hit& hit : results) {
    Datum values[3] = {hit.id.datum(), pg::text_datum(*hit.name), Float4GetDatum(hit.rank)};
    bool nulls[3] = {false, false, false};
    pg::pg_call([&] { tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls); });
  }
  return static_cast<Datum>(0);
}
