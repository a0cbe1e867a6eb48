// The wger reader: Django fixtures of wger's exercise database, passed as one object
//   {"exercises": [...exercises.exercise], "translations": [...exercises.translation,
//    exercises.alias, exercises.exercisecomment], "languages", "muscles", "equipment",
//    "categories", "licenses"}
// Each exercise takes its name and description from its English translation (else its
// first), the other languages become platform.translation rows, further names in one
// language and wger's aliases become aliases. Descriptions are HTML, reduced to text.
// Comments and variation groups are not imported.

#include <algorithm>
#include <map>
#include <unordered_map>

#include "i18n/import.hpp"
#include "i18n/language.hpp"
#include "pg/spi.hpp"

namespace fitness::i18n {
namespace {

struct Translation {
  std::string where;
  long pk = 0;
  long exercise = 0;
  std::string language, name;
  std::optional<std::string> description, license, author;
};

// A pk: a whole number (what fixtures hold); anything else refuses the record.
long to_pk(const std::string& text, const std::string& where) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    reject(ERRCODE_INVALID_PARAMETER_VALUE, where,
           "\"" + text.substr(0, 40) + "\" is not a pk (a whole number)");
  return std::stol(text);
}
long pk_of(const std::optional<std::string>& text, const std::string& where) {
  return text ? to_pk(*text, where) : 0;
}

std::map<long, std::string> read_names(pg::KeptPlan& plan, Datum source, const char* member,
                                       int columns) {
  plan.execute(&source, nullptr, true);
  std::map<long, std::string> out;
  std::uint64_t rows = SPI_processed;
  for (std::uint64_t i = 0; i < rows; i++) {
    std::string where = std::string(member) + " record " + std::to_string(i + 1);
    std::optional<std::string> pk = column_text(i, 1);
    if (!pk) reject(ERRCODE_INVALID_PARAMETER_VALUE, where, "pk is missing or not a number");
    std::optional<std::string> name;
    for (int c = 2; c <= columns + 1 && !name; c++) {
      name = column_text(i, c);
      if (name && name->empty()) name.reset();
    }
    if (!name) reject(ERRCODE_INVALID_PARAMETER_VALUE, where, "name is missing");
    out[to_pk(*pk, where)] = *name;
  }
  return out;
}

}  // namespace

std::vector<ExerciseRecord> read_wger(Datum source, const Catalogues& catalogues) {
  static pg::KeptPlan shape_plan(
      "SELECT jsonb_typeof($1), m.key, jsonb_typeof($1 -> m.key)"
      "  FROM unnest(ARRAY['exercises', 'translations', 'languages', 'muscles', 'equipment',"
      "                    'categories', 'licenses']) AS m (key)",
      {JSONBOID});
  // A pk is read only when it is a JSON number (a pk "12", a string, counts as missing).
  static pg::KeptPlan languages_plan(
      "SELECT CASE jsonb_typeof(r.j -> 'pk') WHEN 'number' THEN r.j ->> 'pk' END,"
      "       r.j -> 'fields' ->> 'short_name'"
      "  FROM jsonb_array_elements($1 -> 'languages') WITH ORDINALITY AS r (j, n) ORDER BY r.n",
      {JSONBOID});
  static pg::KeptPlan muscles_plan(
      "SELECT CASE jsonb_typeof(r.j -> 'pk') WHEN 'number' THEN r.j ->> 'pk' END,"
      "       r.j -> 'fields' ->> 'name', r.j -> 'fields' ->> 'name_en'"
      "  FROM jsonb_array_elements($1 -> 'muscles') WITH ORDINALITY AS r (j, n) ORDER BY r.n",
      {JSONBOID});
  static pg::KeptPlan equipment_plan(
      "SELECT CASE jsonb_typeof(r.j -> 'pk') WHEN 'number' THEN r.j ->> 'pk' END,"
      "       r.j -> 'fields' ->> 'name'"
      "  FROM jsonb_array_elements($1 -> 'equipment') WITH ORDINALITY AS r (j, n) ORDER BY r.n",
      {JSONBOID});
  static pg::KeptPlan categories_plan(
      "SELECT CASE jsonb_typeof(r.j -> 'pk') WHEN 'number' THEN r.j ->> 'pk' END,"
      "       r.j -> 'fields' ->> 'name'"
      "  FROM jsonb_array_elements($1 -> 'categories') WITH ORDINALITY AS r (j, n) ORDER BY r.n",
      {JSONBOID});
  static pg::KeptPlan licenses_plan(
      "SELECT CASE jsonb_typeof(r.j -> 'pk') WHEN 'number' THEN r.j ->> 'pk' END,"
      "       r.j -> 'fields' ->> 'short_name'"
      "  FROM jsonb_array_elements($1 -> 'licenses') WITH ORDINALITY AS r (j, n) ORDER BY r.n",
      {JSONBOID});
  static pg::KeptPlan exercises_plan(
      "SELECT jsonb_typeof(r.j), CASE jsonb_typeof(r.j -> 'pk') WHEN 'number' THEN r.j ->> 'pk' "
      "END,"
      "       f ->> 'uuid', f ->> 'category', f ->> 'license', f ->> 'license_author',"
      "       (SELECT array_agg(e ->> 0) FROM jsonb_array_elements(CASE jsonb_typeof(f -> "
      "'muscles')"
      "               WHEN 'array' THEN f -> 'muscles' END) e),"
      "       (SELECT array_agg(e ->> 0) FROM jsonb_array_elements(CASE jsonb_typeof(f ->"
      "               'muscles_secondary') WHEN 'array' THEN f -> 'muscles_secondary' END) e),"
      "       (SELECT array_agg(e ->> 0) FROM jsonb_array_elements(CASE jsonb_typeof(f -> "
      "'equipment')"
      "               WHEN 'array' THEN f -> 'equipment' END) e),"
      "       r.j ->> 'model'"
      "  FROM jsonb_array_elements($1 -> 'exercises') WITH ORDINALITY AS r (j, n),"
      "       LATERAL (SELECT CASE jsonb_typeof(r.j -> 'fields') WHEN 'object' THEN r.j -> "
      "'fields' END) AS x (f)"
      " ORDER BY r.n",
      {JSONBOID});
  static pg::KeptPlan translations_plan(
      "SELECT jsonb_typeof(r.j), r.j ->> 'model',"
      "       CASE jsonb_typeof(r.j -> 'pk') WHEN 'number' THEN r.j ->> 'pk' END,"
      "       f ->> 'exercise', f ->> 'language', f ->> 'name', f ->> 'description',"
      "       f ->> 'license', f ->> 'license_author', f ->> 'translation', f ->> 'alias'"
      "  FROM jsonb_array_elements($1 -> 'translations') WITH ORDINALITY AS r (j, n),"
      "       LATERAL (SELECT CASE jsonb_typeof(r.j -> 'fields') WHEN 'object' THEN r.j -> "
      "'fields' END) AS x (f)"
      " ORDER BY r.n",
      {JSONBOID});

  shape_plan.execute(&source, nullptr, true);
  if (column_text(0, 1) != std::optional<std::string>("object"))
    throw pg::Error(
        ERRCODE_INVALID_PARAMETER_VALUE, "a wger source is a JSON object of fixture arrays", {},
        "{\"exercises\": ..., \"translations\": ..., \"languages\": ..., \"muscles\": ..., "
        "\"equipment\": ..., \"categories\": ..., \"licenses\": ...}");
  for (std::uint64_t i = 0; i < SPI_processed; i++)
    if (column_text(i, 3) != std::optional<std::string>("array"))
      throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                      "the wger source has no \"" + *column_text(i, 2) + "\" array");

  // Look-ups by pk, each mapped onto our catalogues (unknown ones refused by name).
  std::map<long, std::string> languages = read_names(languages_plan, source, "languages", 1);
  std::map<long, std::string> language_codes;
  for (const auto& [id, short_name] : languages) {
    std::string code = normalize_tag(short_name);
    if (fallback_chain(code).front() != code)
      reject(ERRCODE_FOREIGN_KEY_VIOLATION, "languages pk " + std::to_string(id),
             "language \"" + code + "\" is not configured (platform.language)");
    language_codes[id] = code;
  }
  std::map<long, Uuid> muscles, equipment, categories;
  muscles_plan.execute(&source, nullptr, true);
  for (std::uint64_t i = 0; i < SPI_processed; i++) {
    std::string where = "muscles record " + std::to_string(i + 1);
    std::optional<std::string> id = column_text(i, 1), name = column_text(i, 2),
                               name_en = column_text(i, 3);
    if (!id) reject(ERRCODE_INVALID_PARAMETER_VALUE, where, "pk is missing or not a number");
    std::optional<Uuid> found = name ? catalogues.muscle(*name) : std::nullopt;
    if (!found && name_en && !name_en->empty()) found = catalogues.muscle(*name_en);
    if (!found)
      reject(ERRCODE_FOREIGN_KEY_VIOLATION, where,
             "unknown muscle \"" + name.value_or("") + "\" (core.muscle name or latin_name)");
    muscles[to_pk(*id, where)] = *found;
  }
  for (const auto& [id, name] : read_names(equipment_plan, source, "equipment", 1)) {
    std::optional<Uuid> found = catalogues.equipment(name);
    if (!found)
      reject(ERRCODE_FOREIGN_KEY_VIOLATION, "equipment pk " + std::to_string(id),
             "unknown equipment \"" + name + "\" (content.equipment.source_names)");
    equipment[id] = *found;
  }
  std::map<long, std::string> category_names = read_names(categories_plan, source, "categories", 1);
  for (const auto& [id, name] : category_names) {
    std::optional<Uuid> found = catalogues.category(name);
    if (!found)
      reject(ERRCODE_FOREIGN_KEY_VIOLATION, "categories pk " + std::to_string(id),
             "unknown category \"" + name + "\" (core.category, domain exercise)");
    categories[id] = *found;
  }
  std::map<long, std::string> licenses = read_names(licenses_plan, source, "licenses", 1);

  // Translations and aliases, grouped by exercise pk.
  translations_plan.execute(&source, nullptr, true);
  std::map<long, std::vector<Translation>> by_exercise;
  std::map<long, std::pair<long, std::string>> translation_owner;  // pk -> (exercise, language)
  struct Alias {
    std::string where;
    long translation;
    std::string alias;
  };
  std::vector<Alias> aliases;
  for (std::uint64_t i = 0; i < SPI_processed; i++) {
    std::string where = "translations record " + std::to_string(i + 1);
    if (column_text(i, 1) != std::optional<std::string>("object"))
      reject(ERRCODE_INVALID_PARAMETER_VALUE, where, "not a JSON object");
    std::optional<std::string> model = column_text(i, 2);
    if (model == std::optional<std::string>("exercises.alias")) {
      std::optional<std::string> alias = column_text(i, 11);
      if (!alias || alias->find_first_not_of(" \t") == std::string::npos)
        reject(ERRCODE_INVALID_PARAMETER_VALUE, where, "alias is null");
      aliases.push_back({where, pk_of(column_text(i, 10), where), *alias});
      continue;
    }
    if (model != std::optional<std::string>("exercises.translation")) continue;  // comments
    Translation t;
    t.where = where;
    if (!column_text(i, 3))
      reject(ERRCODE_INVALID_PARAMETER_VALUE, where, "pk is missing or not a number");
    t.pk = to_pk(*column_text(i, 3), where);
    t.where += " (pk " + std::to_string(t.pk) + ")";
    t.exercise = pk_of(column_text(i, 4), t.where);
    auto language = language_codes.find(pk_of(column_text(i, 5), t.where));
    if (language == language_codes.end())
      reject(ERRCODE_FOREIGN_KEY_VIOLATION, t.where,
             "language " + column_text(i, 5).value_or("null") + " is not in languages");
    t.language = language->second;
    std::optional<std::string> name = column_text(i, 6);
    if (!name) reject(ERRCODE_INVALID_PARAMETER_VALUE, t.where, "name is null");
    t.name = html_to_text(*name);
    if (t.name.empty()) reject(ERRCODE_INVALID_PARAMETER_VALUE, t.where, "name is blank");
    if (t.name.size() > 200)
      reject(ERRCODE_CHECK_VIOLATION, t.where, "name is longer than 200 characters");
    std::optional<std::string> description = column_text(i, 7);
    if (description) {
      std::string text = html_to_text(*description);
      if (!text.empty()) t.description = text;
    }
    std::optional<std::string> license = column_text(i, 8);
    if (license) {
      auto found = licenses.find(to_pk(*license, t.where));
      if (found != licenses.end()) t.license = found->second;
    }
    t.author = column_text(i, 9);
    translation_owner[t.pk] = {t.exercise, t.language};
    by_exercise[t.exercise].push_back(std::move(t));
  }

  exercises_plan.execute(&source, nullptr, true);
  std::vector<ExerciseRecord> records;
  std::map<long, std::size_t> record_of;  // exercise pk -> index in records
  std::unordered_map<std::string, std::string> seen;
  int without_text = 0;
  for (std::uint64_t i = 0; i < SPI_processed; i++) {
    ExerciseRecord r;
    r.where = "exercises record " + std::to_string(i + 1);
    if (column_text(i, 1) != std::optional<std::string>("object"))
      reject(ERRCODE_INVALID_PARAMETER_VALUE, r.where, "not a JSON object");
    std::optional<std::string> pk = column_text(i, 2), uuid = column_text(i, 3);
    if (!pk) reject(ERRCODE_INVALID_PARAMETER_VALUE, r.where, "pk is missing or not a number");
    if (!uuid || uuid->size() != 36 ||
        uuid->find_first_not_of("0123456789abcdef-") != std::string::npos)
      reject(ERRCODE_INVALID_PARAMETER_VALUE, r.where, "uuid is missing or not a uuid");
    long id = to_pk(*pk, r.where);
    r.ref = *uuid;
    r.where += " (pk " + *pk + ")";
    auto [previous, fresh] = seen.emplace(r.ref, r.where);
    if (!fresh) reject(ERRCODE_INVALID_PARAMETER_VALUE, r.where, "repeats " + previous->second);
    std::optional<std::string> category = column_text(i, 4);
    if (category) {
      long category_pk = to_pk(*category, r.where);
      auto found = categories.find(category_pk);
      if (found == categories.end())
        reject(ERRCODE_FOREIGN_KEY_VIOLATION, r.where,
               "category " + *category + " is not in categories");
      r.category = found->second;
      if (category_names[category_pk] == "Cardio") r.tracking_type = "duration";
    }
    std::optional<std::string> license = column_text(i, 5);
    if (license && licenses.count(to_pk(*license, r.where)) != 0)
      r.license_code = licenses[to_pk(*license, r.where)];
    r.license_author = column_text(i, 6);
    if (r.license_author && r.license_author->empty()) r.license_author.reset();
    for (int column : {7, 8, 9}) {
      for (const std::string& item : column_texts(i, column).value_or(std::vector<std::string>{})) {
        const std::map<long, Uuid>& lookup = column == 9 ? equipment : muscles;
        auto found = lookup.find(to_pk(item, r.where));
        if (found == lookup.end())
          reject(ERRCODE_FOREIGN_KEY_VIOLATION, r.where,
                 std::string(column == 9 ? "equipment " : "muscle ") + item + " is not in " +
                     (column == 9 ? "equipment" : "muscles"));
        auto& into = column == 7   ? r.primary_muscles
                     : column == 8 ? r.secondary_muscles
                                   : r.equipment;
        if (std::find(into.begin(), into.end(), found->second) == into.end())
          into.push_back(found->second);
      }
    }
    if (std::find(r.equipment.begin(), r.equipment.end(),
                  catalogues.equipment("body only").value_or(Uuid{})) != r.equipment.end())
      r.load_mode = "bodyweight";
    r.source_url = "https://wger.de/en/exercise/" + *pk + "/view/";

    // Name and description from the English translation (else the first); one translation
    // per other language (the first); any further names are aliases.
    auto texts = by_exercise.find(id);
    if (texts == by_exercise.end()) {
      without_text++;  // nothing to call it by: not imported
      continue;
    }
    std::vector<Translation>& list = texts->second;
    std::stable_sort(list.begin(), list.end(),
                     [](const Translation& a, const Translation& b) { return a.pk < b.pk; });
    auto own = std::find_if(list.begin(), list.end(),
                            [](const Translation& t) { return t.language == "en"; });
    if (own == list.end()) own = list.begin();
    r.name = own->name;
    r.language = own->language;
    r.description = own->description;
    std::string attribution = "{\"license\": " + json_string(r.license_code.value_or("")) +
                              ", \"author\": " + json_string(r.license_author.value_or("")) +
                              ", \"translations\": [";
    std::map<std::string, bool> language_done{{own->language, true}};
    bool first = true;
    for (const Translation& t : list) {
      attribution += std::string(first ? "" : ", ") + "{\"pk\": " + std::to_string(t.pk) +
                     ", \"language\": " + json_string(t.language) +
                     ", \"license\": " + json_string(t.license.value_or("")) +
                     ", \"author\": " + json_string(t.author.value_or("")) + "}";
      first = false;
      if (&t == &*own) continue;
      if (language_done[t.language]) {
        if (name_key(t.name) != name_key(r.name)) r.aliases.push_back({t.language, "", t.name});
        continue;
      }
      language_done[t.language] = true;
      r.translations.push_back({t.language, "name", t.name});
      if (t.description) r.translations.push_back({t.language, "description", *t.description});
    }
    r.attribution = attribution + "]}";
    record_of[id] = records.size();
    records.push_back(std::move(r));
  }
  for (const auto& [exercise, list] : by_exercise)
    if (record_of.count(exercise) == 0)
      reject(ERRCODE_FOREIGN_KEY_VIOLATION, list.front().where,
             "exercise " + std::to_string(exercise) + " is not in exercises");
  for (const Alias& alias : aliases) {
    auto owner = translation_owner.find(alias.translation);
    if (owner == translation_owner.end())
      reject(ERRCODE_FOREIGN_KEY_VIOLATION, alias.where,
             "translation " + std::to_string(alias.translation) + " is not in translations");
    if (alias.alias.size() > 200)
      reject(ERRCODE_CHECK_VIOLATION, alias.where, "alias is longer than 200 characters");
    auto record = record_of.find(owner->second.first);
    if (record != record_of.end())
      records[record->second].aliases.push_back({owner->second.second, "", alias.alias});
  }
  if (without_text > 0) {
    std::string note = std::to_string(without_text) +
                       " wger exercises have no translation (no name) and were not imported";
    pg::pg_call([&] { ereport(NOTICE, (errmsg("%s", note.c_str()))); });
  }
  return records;
}

}  // namespace fitness::i18n
