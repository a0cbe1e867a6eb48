// fitness.translate(entity_type, entity_id, field, lang): a field's text along the
// language's fallback chain, ending at the entity's own column, as visible as the entity.
//
// Per backend, kept across transactions (invalidation.hpp): the entity-type registry
// (core.entity_type), and per (entity type, entity, field) the field's translations by
// language together with the entity's own text, language and what its visibility rests on.
// Who may see an entity is decided per call: a public, active entity for a caller the
// public rule applies to is answered from memory; anything else asks the table itself, as
// the caller, so its row-level security policies decide exactly.

#include <algorithm>
#include <unordered_map>

#include "i18n/access.hpp"
#include "i18n/invalidation.hpp"
#include "i18n/language.hpp"
#include "identity/context.hpp"
#include "pg/args.hpp"
#include "pg/cache_stats.hpp"
#include "pg/function.hpp"
#include "pg/load_steps.hpp"
#include "pg/relation_plans.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"

namespace fitness::i18n {
namespace {

struct EntityType {
  Oid relid = InvalidOid;
  std::vector<std::string> fields;  // translatable columns, in the registry's order
  std::string visibility_column;    // "" when the table has none
  bool has_language = false;
  // The table has the invalidation trigger (fitness.watch_translated_entities()); without
  // it a change of the entity would go unseen, so its texts are not kept.
  bool watched = false;
};

struct Registry {
  std::unordered_map<std::string, EntityType> by_code;
  std::unordered_map<Oid, const EntityType*> by_relid;
  std::uint64_t generation = 0;
  bool loaded = false;
};
Registry registry;

void load_registry(Registry& into) {
  static pg::KeptPlan plan(
      "SELECT e.code, e.table_name::oid, e.translatable_columns, e.visibility_column,"
      "       EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = e.table_name"
      "                  AND a.attname = 'language_code' AND a.attnum > 0 AND NOT a.attisdropped),"
      "       EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t WHERE t.tgrelid = e.table_name"
      "                  AND t.tgname = 'i18n_invalidate' AND t.tgenabled = 'A')"
      "  FROM core.entity_type e WHERE e.is_active AND e.translatable_columns <> '{}'",
      {});
  pg::SpiSession spi;
  pg::LatestSnapshotScope latest;
  pg::ScopedOwnerSwitch owner(pg::relation_oid("core", "entity_type"));
  plan.execute(nullptr, nullptr, true);
  std::uint64_t rows = SPI_processed;
  for (std::uint64_t i = 0; i < rows; i++) {
    std::string code;
    EntityType type;
    std::vector<std::string> fields;
    pg::pg_call([&] {
      HeapTuple tuple = SPI_tuptable->vals[i];
      TupleDesc desc = SPI_tuptable->tupdesc;
      bool is_null = false;
      code = SPI_getvalue(tuple, desc, 1);
      type.relid = DatumGetObjectId(SPI_getbinval(tuple, desc, 2, &is_null));
      ArrayType* columns = DatumGetArrayTypeP(SPI_getbinval(tuple, desc, 3, &is_null));
      Datum* items = nullptr;
      int count = 0;
      deconstruct_array(columns, TEXTOID, -1, false, TYPALIGN_INT, &items, nullptr, &count);
      for (int c = 0; c < count; c++) fields.emplace_back(TextDatumGetCString(items[c]));
      char* visibility = SPI_getvalue(tuple, desc, 4);
      if (visibility != nullptr) type.visibility_column = visibility;
      type.has_language = DatumGetBool(SPI_getbinval(tuple, desc, 5, &is_null));
      type.watched = DatumGetBool(SPI_getbinval(tuple, desc, 6, &is_null));
    });
    type.fields = std::move(fields);
    into.by_code.emplace(std::move(code), std::move(type));
  }
  for (auto& [code, type] : into.by_code) into.by_relid[type.relid] = &type;
}

Registry& current_registry() {
  watch_fixed_tables();
  if (registry.loaded && registry.generation == generation(kTexts)) return registry;
  accept_invalidations();
  std::uint64_t before = generation(kTexts);
  Registry fresh;
  load_registry(fresh);
  for (const auto& [code, type] : fresh.by_code) watch_entity_table(type.relid);
  fresh.generation = before;
  fresh.loaded = may_keep(before, kTexts);
  registry = std::move(fresh);
  for (auto& [code, type] : registry.by_code) registry.by_relid[type.relid] = &type;
  return registry;
}

const EntityType& entity_type(const std::string& code, const std::string& field) {
  Registry& reg = current_registry();
  auto found = reg.by_code.find(code);
  if (found == reg.by_code.end())
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE, "unknown entity type \"" + code + "\"", {},
                    "core.entity_type lists the entity types with translatable columns.");
  const EntityType& type = found->second;
  if (std::find(type.fields.begin(), type.fields.end(), field) == type.fields.end()) {
    std::string fields;
    for (const std::string& f : type.fields) fields += (fields.empty() ? "" : ", ") + f;
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    "field \"" + field + "\" of entity type \"" + code + "\" is not translatable",
                    {}, "Translatable fields of " + code + ": " + fields + ".");
  }
  return type;
}

// The entity row's own texts and visibility, read as the table's owner (the caller's
// visibility is decided separately); plans per relation.
struct EntityPlans {
  pg::KeptResources kept;
  SPIPlanPtr own_row = nullptr;      // is_active, visibility, language_code, fields...
  SPIPlanPtr visible_row = nullptr;  // as the caller: SELECT 1 ... WHERE id = $1
  std::vector<std::string> fields;
};

void build_entity_plans(const pg::RelationMeta& meta, EntityPlans& plans) {
  auto found = registry.by_relid.find(meta.relid);
  if (found == registry.by_relid.end())
    throw pg::Error(ERRCODE_INTERNAL_ERROR,
                    "relation " + std::to_string(meta.relid) + " is not a translated entity table");
  const EntityType& type = *found->second;
  std::string table = pg::quoted_table(meta.schema_name, meta.table_name);
  std::string sql = "SELECT ";
  sql += meta.is_active_attnum != InvalidAttrNumber ? "is_active" : "true";
  // Public only by a visibility column: a table without one (institutions, billing plans)
  // is never answered from memory for a caller under row-level security.
  sql += type.visibility_column.empty()
             ? ", false"
             : ", (" + pg::quoted_identifier(type.visibility_column) + " = 'public')";
  sql += type.has_language ? ", language_code::text" : ", NULL::text";
  for (const std::string& field : type.fields)
    sql += ", " + pg::quoted_identifier(field) + "::text";
  sql += " FROM " + table + " WHERE id = $1";
  plans.own_row = plans.kept.prepare(sql, {UUIDOID});
  plans.visible_row = plans.kept.prepare("SELECT 1 FROM " + table + " WHERE id = $1", {UUIDOID});
  plans.fields = type.fields;
}

pg::RelationPlanCache<EntityPlans>& entity_plans() {
  static pg::RelationPlanCache<EntityPlans> cache("translate_entity", build_entity_plans);
  return cache;
}

struct TextKey {
  std::string entity_type;
  Uuid entity;
  std::string field;
  bool operator==(const TextKey& o) const {
    return entity == o.entity && field == o.field && entity_type == o.entity_type;
  }
};
struct TextKeyHash {
  size_t operator()(const TextKey& k) const noexcept {
    return UuidHash{}(k.entity) ^ (std::hash<std::string>{}(k.field) * 31) ^
           std::hash<std::string>{}(k.entity_type);
  }
};

struct Texts {
  std::unordered_map<std::string, std::string> by_language;  // platform.translation
  std::optional<std::string> own;                            // the entity's column
  std::optional<std::string> own_language;
  bool active = false;
  bool is_public = false;  // visibility column = 'public'
  std::size_t bytes = 0;   // what the entry holds, for the cache's memory budget
  Oid relid = InvalidOid;
  std::uint64_t last_used = 0;
};

struct TextCache {
  std::unordered_map<TextKey, Texts, TextKeyHash> entries;
  std::size_t bytes = 0;
  std::uint64_t generation = 0;
  std::uint64_t clock = 0;
};
// Memory bounds (the texts are the caller's data, not PostgreSQL memory): an entry larger
// than this is served but not kept, and the kept ones stay under the total.
constexpr std::size_t kMaxEntryBytes = 16 * 1024;
constexpr std::size_t kMaxCacheBytes = 64 * 1024 * 1024;
TextCache texts;
int text_cache_size = 100000;  // fitness.translate_cache_size
pg::CacheStats translate_stats{"translate", nullptr};

void evict_oldest_tenth() {
  std::vector<std::uint64_t> ages;
  ages.reserve(texts.entries.size());
  for (const auto& [key, value] : texts.entries) ages.push_back(value.last_used);
  auto cut = ages.begin() + static_cast<std::ptrdiff_t>(ages.size() / 10);
  std::nth_element(ages.begin(), cut, ages.end());
  std::uint64_t threshold = *cut;
  for (auto it = texts.entries.begin(); it != texts.entries.end();) {
    if (it->second.last_used <= threshold) {
      texts.bytes -= it->second.bytes;
      it = texts.entries.erase(it);
    } else {
      ++it;
    }
  }
}

// nullopt: the entity does not exist.
std::optional<Texts> load_texts(const TextKey& key, const EntityType& type) {
  static pg::KeptPlan translations_plan(
      "SELECT language_code, value FROM platform.translation"
      " WHERE entity_type = $1 AND entity_id = $2 AND field = $3 AND is_active",
      {TEXTOID, UUIDOID, TEXTOID});
  Texts out;
  out.relid = type.relid;
  pg::SpiSession spi;
  pg::LatestSnapshotScope latest;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(type.relid);
  Datum id = key.entity.datum();
  {
    pg::ScopedOwnerSwitch owner = pg::ScopedOwnerSwitch::as_role(meta.owner);
    std::shared_ptr<EntityPlans> plans = entity_plans().get(meta);  // prepared as the owner
    int rc = 0;
    pg::pg_call([&] { rc = SPI_execute_plan(plans->own_row, &id, nullptr, true, 1); });
    if (rc != SPI_OK_SELECT)
      throw pg::Error(ERRCODE_INTERNAL_ERROR, "translate: entity read failed");
    if (SPI_processed == 0) return std::nullopt;
    std::size_t field_column =
        std::find(plans->fields.begin(), plans->fields.end(), key.field) - plans->fields.begin();
    pg::pg_call([&] {
      HeapTuple tuple = SPI_tuptable->vals[0];
      TupleDesc desc = SPI_tuptable->tupdesc;
      bool is_null = false;
      out.active = DatumGetBool(SPI_getbinval(tuple, desc, 1, &is_null));
      Datum is_public = SPI_getbinval(tuple, desc, 2, &is_null);
      out.is_public = !is_null && DatumGetBool(is_public);
      char* language = SPI_getvalue(tuple, desc, 3);
      if (language != nullptr) out.own_language = std::string(language);
      char* own = SPI_getvalue(tuple, desc, 4 + static_cast<int>(field_column));
      if (own != nullptr) out.own = std::string(own);
    });
    Datum args[3] = {pg::text_datum(key.entity_type), id, pg::text_datum(key.field)};
    translations_plan.execute(args, nullptr, true);
    std::uint64_t rows = SPI_processed;
    for (std::uint64_t i = 0; i < rows; i++) {
      std::string language, value;
      pg::pg_call([&] {
        language = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
        value = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
      });
      out.bytes += language.size() + value.size() + 64;
      out.by_language.emplace(std::move(language), std::move(value));
    }
  }
  out.bytes +=
      sizeof(Texts) + key.entity_type.size() + key.field.size() + (out.own ? out.own->size() : 0);
  return out;
}

// The caller's access to an entity table; 42501 when it may not read the table at all.
Access require_select(Oid relid, const std::string& type_code) {
  Access access = caller_access(relid);
  if (!access.can_select) {
    const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(relid);
    throw pg::Error(
        ERRCODE_INSUFFICIENT_PRIVILEGE,
        "permission denied for table " + meta.schema_name + "." + meta.table_name, {},
        "translate() shows a " + type_code + "'s text only to roles that may read the entity.");
  }
  return access;
}

bool caller_sees(const Access& access, const Texts& entry, const TextKey& key) {
  if (access.sees_all) return true;
  if (access.public_rule && entry.active && entry.is_public && identity::current_identity())
    return true;
  // Private, institution, inactive or another role: the table's policies decide.
  pg::SpiSession spi;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(entry.relid);
  std::shared_ptr<EntityPlans> plans = entity_plans().get(meta);
  Datum id = key.entity.datum();
  int rc = 0;
  pg::pg_call([&] { rc = SPI_execute_plan(plans->visible_row, &id, nullptr, true, 1); });
  return rc == SPI_OK_SELECT && SPI_processed == 1;
}

}  // namespace
}  // namespace fitness::i18n

using namespace fitness;

// translate(entity_type text, entity_id uuid, field text, lang text DEFAULT NULL) RETURNS text
FITNESS_SQL_FUNCTION(fitness_translate) {
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2)) PG_RETURN_NULL();
  i18n::TextKey key{pg::text_arg(fcinfo, 0), Uuid::from(PG_GETARG_UUID_P(1)),
                    pg::text_arg(fcinfo, 2)};
  const std::vector<std::string>& chain = i18n::requested_chain(fcinfo, 3);
  const i18n::EntityType& type = i18n::entity_type(key.entity_type, key.field);
  i18n::Access access = i18n::require_select(type.relid, key.entity_type);

  if (i18n::texts.generation != i18n::generation(i18n::kTexts)) {
    if (!i18n::texts.entries.empty()) ++i18n::translate_stats.invalidations;
    i18n::texts.entries.clear();
    i18n::texts.bytes = 0;
    i18n::texts.generation = i18n::generation(i18n::kTexts);
  }
  auto found = i18n::texts.entries.find(key);
  std::optional<i18n::Texts> loaded;
  const i18n::Texts* entry = nullptr;
  if (found != i18n::texts.entries.end()) {
    ++i18n::translate_stats.hits;
    found->second.last_used = ++i18n::texts.clock;
    entry = &found->second;
    if (!i18n::caller_sees(access, *entry, key)) PG_RETURN_NULL();
  } else {
    ++i18n::translate_stats.misses;
    i18n::accept_invalidations();
    std::uint64_t before = i18n::generation(i18n::kTexts);
    loaded = i18n::load_texts(key, type);
    if (!loaded) PG_RETURN_NULL();  // no such entity (not remembered: it may be inserted)
    // Kept only once the caller may see it: what one caller cannot read does not fill the
    // cache (nor tell cache_stats() that the id exists).
    if (!i18n::caller_sees(access, *loaded, key)) PG_RETURN_NULL();
    if (i18n::may_keep(before, i18n::kTexts) && i18n::texts.generation == before && type.watched &&
        loaded->bytes <= i18n::kMaxEntryBytes) {
      if (static_cast<int>(i18n::texts.entries.size()) >= i18n::text_cache_size ||
          i18n::texts.bytes + loaded->bytes > i18n::kMaxCacheBytes)
        i18n::evict_oldest_tenth();
      loaded->last_used = ++i18n::texts.clock;
      i18n::texts.bytes += loaded->bytes;
      entry = &i18n::texts.entries.emplace(key, std::move(*loaded)).first->second;
    } else {
      entry = &*loaded;
    }
  }
  for (const std::string& language : chain) {
    auto text = entry->by_language.find(language);
    if (text != entry->by_language.end()) PG_RETURN_DATUM(pg::text_datum(text->second));
    if (entry->own && entry->own_language == language) PG_RETURN_DATUM(pg::text_datum(*entry->own));
  }
  if (entry->own) PG_RETURN_DATUM(pg::text_datum(*entry->own));
  PG_RETURN_NULL();
}

namespace fitness::i18n {
FITNESS_LOAD_STEP(translate_settings, pg::LoadPhase::kSettings) {
  pg::pg_call([] {
    DefineCustomIntVariable(
        "fitness.translate_cache_size", "Field texts fitness.translate() keeps per backend.",
        nullptr, &text_cache_size, 100000, 100, 10000000, PGC_SUSET, 0, nullptr, nullptr, nullptr);
  });
}
}  // namespace fitness::i18n

namespace fitness::i18n {
FITNESS_LOAD_STEP(translate_stats, pg::LoadPhase::kCallbacks) {
  translate_stats.entries = [] { return static_cast<std::int64_t>(texts.entries.size()); };
  pg::register_cache(&translate_stats);
}
}  // namespace fitness::i18n
