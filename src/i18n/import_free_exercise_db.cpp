// The free-exercise-db reader: its exercises.json, an array of
//   {id, name, force, level, mechanic, equipment, primaryMuscles, secondaryMuscles,
//    instructions, category, images}
// in English, released into the public domain. Images are not imported (the files are
// not part of the data).

#include <unordered_map>

#include "i18n/import.hpp"
#include "pg/spi.hpp"

namespace fitness::i18n {
namespace {

bool one_of(const std::optional<std::string>& value, std::initializer_list<const char*> allowed) {
  if (!value) return true;
  for (const char* a : allowed)
    if (*value == a) return true;
  return false;
}

std::string shown(const std::optional<std::string>& value) {
  return value ? "\"" + *value + "\"" : "null";
}

}  // namespace

std::vector<ExerciseRecord> read_free_exercise_db(Datum source, const Catalogues& catalogues) {
  static pg::KeptPlan shape_plan("SELECT jsonb_typeof($1)", {JSONBOID});
  // One row per record: its JSON type, the types and text of each member, arrays of
  // strings as text[] (NULL when the member is not an array of strings).
  static pg::KeptPlan records_plan(
      "SELECT r.n, jsonb_typeof(r.j),"
      "       jsonb_typeof(r.j -> 'id'), r.j ->> 'id', jsonb_typeof(r.j -> 'name'), r.j ->> 'name',"
      "       r.j ->> 'force', r.j ->> 'level', r.j ->> 'mechanic', r.j ->> 'equipment',"
      "       r.j ->> 'category', s.primary_muscles, s.secondary_muscles, s.instructions"
      "  FROM jsonb_array_elements($1) WITH ORDINALITY AS r (j, n)"
      "  CROSS JOIN LATERAL (SELECT"
      "       (SELECT array_agg(e ->> 0) FILTER (WHERE jsonb_typeof(e) = 'string')"
      "          FROM jsonb_array_elements(CASE jsonb_typeof(r.j -> 'primaryMuscles') WHEN 'array'"
      "               THEN r.j -> 'primaryMuscles' END) e) AS primary_muscles,"
      "       (SELECT array_agg(e ->> 0) FROM jsonb_array_elements(CASE jsonb_typeof(r.j ->"
      "               'secondaryMuscles') WHEN 'array' THEN r.j -> 'secondaryMuscles' END) e)"
      "               AS secondary_muscles,"
      "       (SELECT array_agg(e ->> 0) FROM jsonb_array_elements(CASE jsonb_typeof(r.j ->"
      "               'instructions') WHEN 'array' THEN r.j -> 'instructions' END) e)"
      "               AS instructions) AS s"
      " ORDER BY r.n",
      {JSONBOID});
  shape_plan.execute(&source, nullptr, true);
  std::optional<std::string> shape = column_text(0, 1);
  if (shape != std::optional<std::string>("array"))
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    "a free-exercise-db source is a JSON array of exercises, not " +
                        (shape ? "a JSON " + *shape : std::string("null")),
                    {}, "Pass the content of its exercises.json.");
  records_plan.execute(&source, nullptr, true);
  std::uint64_t rows = SPI_processed;
  std::vector<ExerciseRecord> records;
  std::unordered_map<std::string, std::string> seen;  // id -> where
  for (std::uint64_t i = 0; i < rows; i++) {
    ExerciseRecord r;
    r.where = "record " + std::to_string(i + 1);
    if (column_text(i, 2) != std::optional<std::string>("object"))
      reject(ERRCODE_INVALID_PARAMETER_VALUE, r.where, "not a JSON object");
    if (column_text(i, 3) != std::optional<std::string>("string"))
      reject(ERRCODE_INVALID_PARAMETER_VALUE, r.where, "id is missing or not a string");
    r.ref = *column_text(i, 4);
    if (r.ref.empty() || r.ref.size() > 200 ||
        r.ref.find_first_not_of(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") !=
            std::string::npos)
      reject(ERRCODE_INVALID_PARAMETER_VALUE, r.where,
             "id \"" + r.ref.substr(0, 200) + "\" is not letters, digits, '_' and '-'");
    r.where += " (id " + r.ref + ")";
    auto [previous, fresh] = seen.emplace(r.ref, r.where);
    if (!fresh) reject(ERRCODE_INVALID_PARAMETER_VALUE, r.where, "repeats " + previous->second);
    if (column_text(i, 5) != std::optional<std::string>("string"))
      reject(ERRCODE_INVALID_PARAMETER_VALUE, r.where, "name is null");
    r.name = *column_text(i, 6);
    if (r.name.find_first_not_of(" \t\r\n") == std::string::npos)
      reject(ERRCODE_INVALID_PARAMETER_VALUE, r.where, "name is blank");
    if (r.name.size() > 200)
      reject(ERRCODE_CHECK_VIOLATION, r.where, "name is longer than 200 characters");
    r.force = column_text(i, 7);
    r.level = column_text(i, 8);
    r.mechanic = column_text(i, 9);
    if (!one_of(r.force, {"push", "pull", "static"}))
      reject(ERRCODE_CHECK_VIOLATION, r.where,
             "force " + shown(r.force) + " is not push, pull or static");
    if (!one_of(r.level, {"beginner", "intermediate", "expert"}))
      reject(ERRCODE_CHECK_VIOLATION, r.where,
             "level " + shown(r.level) + " is not beginner, intermediate or expert");
    if (!one_of(r.mechanic, {"compound", "isolation"}))
      reject(ERRCODE_CHECK_VIOLATION, r.where,
             "mechanic " + shown(r.mechanic) + " is not compound or isolation");
    std::optional<std::string> equipment = column_text(i, 10);
    if (equipment) {
      std::optional<Uuid> id = catalogues.equipment(*equipment);
      if (!id)
        reject(ERRCODE_FOREIGN_KEY_VIOLATION, r.where,
               "unknown equipment \"" + *equipment + "\" (content.equipment.source_names)");
      r.equipment.push_back(*id);
      if (*equipment == "body only") r.load_mode = "bodyweight";
    }
    std::optional<std::string> category = column_text(i, 11);
    if (!category) reject(ERRCODE_INVALID_PARAMETER_VALUE, r.where, "category is null");
    r.category = catalogues.category(*category);
    if (!r.category)
      reject(ERRCODE_FOREIGN_KEY_VIOLATION, r.where,
             "unknown category \"" + *category + "\" (core.category, domain exercise)");
    if (*category == "stretching" || *category == "cardio") r.tracking_type = "duration";
    for (int column : {12, 13}) {
      std::optional<std::vector<std::string>> muscles = column_texts(i, column);
      for (const std::string& name : muscles.value_or(std::vector<std::string>{})) {
        std::optional<Uuid> id = catalogues.muscle(name);
        if (!id)
          reject(ERRCODE_FOREIGN_KEY_VIOLATION, r.where,
                 "unknown muscle \"" + name + "\" (core.muscle)");
        (column == 12 ? r.primary_muscles : r.secondary_muscles).push_back(*id);
      }
    }
    std::optional<std::vector<std::string>> instructions = column_texts(i, 14);
    for (const std::string& step : instructions.value_or(std::vector<std::string>{}))
      if (step.find_first_not_of(" \t\r\n") != std::string::npos) r.instructions.push_back(step);
    r.license_code = "public-domain";
    r.source_url = "https://github.com/yuhonas/free-exercise-db";
    r.attribution = "{\"license\": \"public domain (free-exercise-db)\"}";
    records.push_back(std::move(r));
  }
  return records;
}

}  // namespace fitness::i18n
