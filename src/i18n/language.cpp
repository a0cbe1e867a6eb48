// Language tags, the language catalogue (platform.language, default_language) and the
// fallback chains built from it, kept per backend until platform.language changes.

#include "i18n/language.hpp"

#include <unordered_map>
#include <unordered_set>

#include "i18n/invalidation.hpp"
#include "identity/context.hpp"
#include "pg/args.hpp"
#include "pg/cache_stats.hpp"
#include "pg/function.hpp"
#include "pg/load_steps.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"

namespace fitness::i18n {
namespace {

constexpr std::size_t kMaxTagLength = 64;

[[noreturn]] void bad_tag(const std::string& tag, const std::string& why) {
  std::string shown = tag.size() > kMaxTagLength ? tag.substr(0, kMaxTagLength) + "..." : tag;
  throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE, "invalid language tag \"" + shown + "\": " + why,
                  {},
                  "A language tag is BCP 47: language[-Script][-REGION][-variant], e.g. en, "
                  "pt-BR, zh-Hant, es-419.");
}

// ASCII only, whatever the server's locale.
bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool ascii_alnum(char c) { return ascii_alpha(c) || ascii_digit(c); }
bool all_of(const std::string& s, bool (*is)(char)) {
  for (char c : s)
    if (!is(c)) return false;
  return true;
}
std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}
std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

// The subtags of a well-formed tag, in canonical case (RFC 5646 langtag; grandfathered
// and private-use-only tags are refused: they name no language a chain could start from).
std::vector<std::string> parse_tag(const std::string& tag) {
  if (tag.empty()) bad_tag(tag, "empty");
  if (tag.find('_') != std::string::npos) bad_tag(tag, "subtags are separated by '-', not '_'");
  if (tag.size() > kMaxTagLength)
    bad_tag(tag, "longer than " + std::to_string(kMaxTagLength) + " characters");
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dash = tag.find('-', start);
    std::string part = tag.substr(start, dash == std::string::npos ? dash : dash - start);
    if (part.empty()) bad_tag(tag, "empty subtag");
    if (part.size() > 8 || !all_of(part, ascii_alnum))
      bad_tag(tag, "subtag \"" + part + "\" is not 1 to 8 letters or digits");
    parts.push_back(part);
    if (dash == std::string::npos) break;
    start = dash + 1;
  }
  std::size_t i = 0;
  if (!(parts[0].size() >= 2 && parts[0].size() <= 3 && all_of(parts[0], ascii_alpha)))
    bad_tag(tag, "the language subtag \"" + parts[0] + "\" is not 2 or 3 letters");
  parts[i] = lower(parts[i]);
  i++;
  // Extended language subtags (zh-yue, ar-aeb): up to three of three letters.
  for (int extlang = 0; extlang < 3 && parts[0].size() <= 3 && i < parts.size() &&
                        parts[i].size() == 3 && all_of(parts[i], ascii_alpha);
       extlang++)
    parts[i] = lower(parts[i]), i++;
  if (i < parts.size() && parts[i].size() == 4 && all_of(parts[i], ascii_alpha)) {  // Script
    parts[i] = lower(parts[i]);
    parts[i][0] = upper(parts[i].substr(0, 1))[0];
    i++;
  }
  if (i < parts.size() && ((parts[i].size() == 2 && all_of(parts[i], ascii_alpha)) ||
                           (parts[i].size() == 3 && all_of(parts[i], ascii_digit)))) {  // REGION
    parts[i] = upper(parts[i]);
    i++;
  }
  auto is_variant = [](const std::string& p) {
    return p.size() >= 5 || (p.size() == 4 && ascii_digit(p[0]));
  };
  while (i < parts.size() && is_variant(parts[i])) {
    parts[i] = lower(parts[i]);
    i++;
  }
  while (i < parts.size()) {  // extensions, then private use (x-...) to the end
    std::string singleton = lower(parts[i]);
    if (singleton.size() != 1) bad_tag(tag, "subtag \"" + parts[i] + "\" is out of place");
    parts[i++] = singleton;
    std::size_t first = i;
    while (i < parts.size() && (singleton == "x" || parts[i].size() >= 2)) {
      parts[i] = lower(parts[i]);
      i++;
    }
    if (i == first) bad_tag(tag, "singleton \"" + singleton + "\" has no subtags");
  }
  return parts;
}

std::string join(const std::vector<std::string>& parts, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; i++) {
    if (i > 0) out += '-';
    out += parts[i];
  }
  return out;
}

struct LanguageRow {
  std::optional<std::string> fallback;
  Oid text_search_config;
  bool active;
};

// The catalogue as last loaded, and the chains resolved from it.
struct Catalogue {
  std::unordered_map<std::string, LanguageRow> languages;
  std::string default_code = "en";
  std::unordered_map<std::string, std::vector<std::string>> chains;  // by requested tag
  std::uint64_t generation = 0;
  bool loaded = false;
};
Catalogue catalogue;
pg::CacheStats language_stats{"language", nullptr};

constexpr std::size_t kMaxChains = 4096;  // distinct requested tags remembered

void load_catalogue(Catalogue& into) {
  static pg::KeptPlan languages_plan(
      "SELECT code, fallback_code, text_search_config::oid, is_active FROM platform.language", {});
  static pg::KeptPlan default_plan(
      "SELECT value #>> '{}' FROM platform.system_setting"
      " WHERE key = 'default_language' AND is_active AND jsonb_typeof(value) = 'string'",
      {});
  pg::SpiSession spi;
  pg::LatestSnapshotScope latest;  // kept until an invalidation: see invalidation.hpp
  pg::ScopedOwnerSwitch owner(pg::relation_oid("platform", "language"));
  languages_plan.execute(nullptr, nullptr, true);
  std::uint64_t rows = SPI_processed;
  for (std::uint64_t i = 0; i < rows; i++) {
    std::string code;
    LanguageRow row{};
    bool has_fallback = false;
    pg::pg_call([&] {
      HeapTuple tuple = SPI_tuptable->vals[i];
      TupleDesc desc = SPI_tuptable->tupdesc;
      bool is_null = false;
      code = SPI_getvalue(tuple, desc, 1);
      char* fallback = SPI_getvalue(tuple, desc, 2);
      has_fallback = fallback != nullptr;
      if (has_fallback) row.fallback = std::string(fallback);
      row.text_search_config = DatumGetObjectId(SPI_getbinval(tuple, desc, 3, &is_null));
      row.active = DatumGetBool(SPI_getbinval(tuple, desc, 4, &is_null));
    });
    into.languages.emplace(std::move(code), std::move(row));
  }
  default_plan.execute(nullptr, nullptr, true, 1);
  if (SPI_processed == 1) {
    char* value = nullptr;
    pg::pg_call([&] { value = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1); });
    if (value != nullptr && into.languages.count(value) != 0) into.default_code = value;
  }
}

Catalogue& current_catalogue() {
  watch_fixed_tables();
  if (catalogue.loaded && catalogue.generation == generation(kLanguages)) return catalogue;
  if (catalogue.loaded) ++language_stats.invalidations;
  accept_invalidations();
  std::uint64_t before = generation(kLanguages);
  Catalogue fresh;
  load_catalogue(fresh);
  fresh.generation = before;
  // Loaded while a change arrived: used for this call, reloaded at the next.
  fresh.loaded = may_keep(before, kLanguages);
  catalogue = std::move(fresh);
  return catalogue;
}

std::vector<std::string> resolve_chain(const Catalogue& cat, const std::string& tag) {
  std::vector<std::string> parts = parse_tag(tag);
  std::string start = cat.default_code;
  for (std::size_t count = parts.size(); count > 0; count--) {
    if (count < parts.size() && parts[count - 1].size() == 1) continue;  // a bare singleton
    auto found = cat.languages.find(join(parts, count));
    if (found != cat.languages.end() && found->second.active) {
      start = found->first;
      break;
    }
  }
  std::vector<std::string> chain;
  std::unordered_set<std::string> seen;
  std::optional<std::string> code = start;
  while (code && seen.insert(*code).second) {
    auto found = cat.languages.find(*code);
    if (found == cat.languages.end()) break;
    if (found->second.active) chain.push_back(*code);
    code = found->second.fallback;
  }
  if (seen.count(cat.default_code) == 0 || chain.empty()) chain.push_back(cat.default_code);
  return chain;  // never empty: the default language last (even when an admin deactivated it)
}

// The acting user's language (user_mgmt.app_user.language_code), per user, until the
// column (or the user's row) changes.
struct UserLanguages {
  std::unordered_map<Uuid, std::string, UuidHash> by_user;
  std::uint64_t generation = 0;
};
UserLanguages user_languages;

std::optional<std::string> acting_user_language() {
  auto identity = identity::current_identity();
  if (!identity) return std::nullopt;
  watch_fixed_tables();
  if (user_languages.generation != generation(kUserLanguage)) {
    user_languages.by_user.clear();
    user_languages.generation = generation(kUserLanguage);
  }
  auto found = user_languages.by_user.find(identity->user);
  if (found != user_languages.by_user.end()) return found->second;
  static pg::KeptPlan user_plan(
      "SELECT language_code FROM user_mgmt.app_user WHERE id = $1 AND is_active", {UUIDOID});
  accept_invalidations();
  std::uint64_t before = generation(kUserLanguage);
  std::optional<std::string> code;
  {
    pg::SpiSession spi;
    pg::LatestSnapshotScope latest;
    pg::ScopedOwnerSwitch owner(pg::relation_oid("user_mgmt", "app_user"));
    Datum user = identity->user.datum();
    user_plan.execute(&user, nullptr, true, 1);
    if (SPI_processed == 1) {
      char* value = nullptr;
      pg::pg_call([&] { value = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1); });
      if (value != nullptr) code = std::string(value);
    }
  }
  if (code && may_keep(before, kUserLanguage) && user_languages.by_user.size() < 1024)
    user_languages.by_user.emplace(identity->user, *code);
  return code;
}

FITNESS_LOAD_STEP(language_stats, pg::LoadPhase::kCallbacks) {
  language_stats.entries = [] { return static_cast<std::int64_t>(catalogue.chains.size()); };
  pg::register_cache(&language_stats);
}

}  // namespace

std::string normalize_tag(const std::string& tag) {
  std::vector<std::string> parts = parse_tag(tag);
  return join(parts, parts.size());
}

const std::vector<std::string>& fallback_chain(const std::string& normalized_tag) {
  Catalogue& cat = current_catalogue();
  auto found = cat.chains.find(normalized_tag);
  if (found != cat.chains.end()) {
    ++language_stats.hits;
    return found->second;
  }
  ++language_stats.misses;
  if (cat.chains.size() >= kMaxChains) cat.chains.clear();
  return cat.chains.emplace(normalized_tag, resolve_chain(cat, normalized_tag)).first->second;
}

Oid text_search_config(const std::string& code) {
  Catalogue& cat = current_catalogue();
  auto found = cat.languages.find(code);
  if (found == cat.languages.end()) found = cat.languages.find(cat.default_code);
  return found == cat.languages.end() ? InvalidOid : found->second.text_search_config;
}

const std::vector<std::string>& requested_chain(FunctionCallInfo fcinfo, int n) {
  if (!PG_ARGISNULL(n)) return fallback_chain(normalize_tag(pg::text_arg(fcinfo, n)));
  std::optional<std::string> code = acting_user_language();
  if (code) return fallback_chain(normalize_tag(*code));
  return fallback_chain(current_catalogue().default_code);
}

}  // namespace fitness::i18n

using namespace fitness;

// normalize_language_tag(tag text) RETURNS text
FITNESS_SQL_FUNCTION(fitness_normalize_language_tag) {
  std::string tag = pg::text_arg(fcinfo, 0);
  PG_RETURN_DATUM(pg::text_datum(i18n::normalize_tag(tag)));
}

// language_chain(tag text DEFAULT NULL) RETURNS text[]
FITNESS_SQL_FUNCTION(fitness_language_chain) {
  const std::vector<std::string>& chain = i18n::requested_chain(fcinfo, 0);
  std::vector<Datum> items;
  for (const std::string& code : chain) items.push_back(pg::text_datum(code));
  return pg::pg_call([&] {
    return PointerGetDatum(construct_array(items.data(), static_cast<int>(items.size()), TEXTOID,
                                           -1, false, TYPALIGN_INT));
  });
}

// AFTER INSERT OR UPDATE ... FOR EACH ROW on platform.language: refuses a fallback_code that
// makes a chain loop. Writers of fallback chains take turns (a transaction-level advisory
// lock) and each reads the latest committed chains, so two sessions that each close half a
// loop cannot both commit.
FITNESS_SQL_FUNCTION(fitness_language_fallback_guard) {
  TriggerData* trigger = pg::trigger_call(fcinfo, "fitness.language_fallback_guard");
  std::string code, fallback;
  bool has_fallback = false;
  pg::pg_call([&] {
    TupleDesc desc = trigger->tg_relation->rd_att;
    HeapTuple row = trigger->tg_newtuple != nullptr ? trigger->tg_newtuple : trigger->tg_trigtuple;
    code = SPI_getvalue(row, desc, SPI_fnumber(desc, "code"));
    char* value = SPI_getvalue(row, desc, SPI_fnumber(desc, "fallback_code"));
    has_fallback = value != nullptr;
    if (has_fallback) fallback = value;
  });
  if (!has_fallback) return PointerGetDatum(nullptr);
  static pg::KeptPlan lock_plan(
      "SELECT pg_catalog.pg_advisory_xact_lock('platform.language'::regclass::oid::integer, 1)",
      {});
  static pg::KeptPlan next_plan("SELECT fallback_code FROM platform.language WHERE code = $1",
                                {TEXTOID});
  pg::SpiSession spi;
  lock_plan.execute(nullptr, nullptr, false, 0);
  pg::pg_call([] { CommandCounterIncrement(); });  // this statement's other rows too
  pg::LatestSnapshotScope latest;
  std::string path = code + " -> " + fallback;
  std::string next = fallback;
  for (int steps = 0; steps < 1000; steps++) {
    if (next == code)
      throw pg::Error(
          ERRCODE_CHECK_VIOLATION,
          "language_fallback_acyclic: the fallback chain of \"" + code + "\" loops: " + path, {},
          "Every chain must end at a language without fallback_code (en).");
    Datum arg = pg::text_datum(next);
    next_plan.execute(&arg, nullptr, true, 1);
    char* value = nullptr;
    if (SPI_processed == 1)
      pg::pg_call([&] { value = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1); });
    if (value == nullptr) return PointerGetDatum(nullptr);
    next = value;
    path += " -> " + next;
  }
  throw pg::Error(ERRCODE_CHECK_VIOLATION, "language_fallback_acyclic: the fallback chain of \"" +
                                               code + "\" is longer than 1000 languages");
}
