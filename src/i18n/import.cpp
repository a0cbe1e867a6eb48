// fitness.import_exercises(source jsonb, format text): the shared part of the importers
// (catalogues, the writer, text helpers) and the SQL entry point. The format readers are
// import_free_exercise_db.cpp and import_wger.cpp.

#include "i18n/import.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "i18n/search.hpp"
#include "identity/authz.hpp"
#include "pg/args.hpp"
#include "pg/function.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"

namespace fitness::i18n {

void reject(int sqlstate, const std::string& where, const std::string& what) {
  throw pg::Error(sqlstate, where + ": " + what, {}, "Nothing of this call was imported.");
}

namespace {
bool ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
std::string lower(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = ascii_lower(c);
  return out;
}
}  // namespace

std::string slugify(const std::string& text, std::size_t max_length) {
  std::string out;
  for (char c : text) {
    if (ascii_alnum(c)) {
      out += ascii_lower(c);
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  if (out.size() > max_length) out.resize(max_length);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string name_key(const std::string& name) {
  std::string out;
  for (char c : name)
    if (ascii_alnum(c)) out += ascii_lower(c);
  return out;
}

namespace {
// Named character references beyond the five of XML: the letters and punctuation of the
// languages wger is written in (numeric references cover the rest).
const std::unordered_map<std::string, long> kNamedEntities = {
    {"auml", 0xE4},    {"ouml", 0xF6},    {"uuml", 0xFC},     {"Auml", 0xC4},    {"Ouml", 0xD6},
    {"Uuml", 0xDC},    {"szlig", 0xDF},   {"aacute", 0xE1},   {"eacute", 0xE9},  {"iacute", 0xED},
    {"oacute", 0xF3},  {"uacute", 0xFA},  {"agrave", 0xE0},   {"egrave", 0xE8},  {"ograve", 0xF2},
    {"acirc", 0xE2},   {"ecirc", 0xEA},   {"ocirc", 0xF4},    {"atilde", 0xE3},  {"otilde", 0xF5},
    {"ntilde", 0xF1},  {"ccedil", 0xE7},  {"Eacute", 0xC9},   {"deg", 0xB0},     {"times", 0xD7},
    {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
    {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"laquo", 0xAB},    {"raquo", 0xBB},   {"bdquo", 0x201E},
    {"middot", 0xB7},  {"frac12", 0xBD},  {"frac14", 0xBC}};
}  // namespace

std::string html_to_text(const std::string& html) {
  std::string text;
  for (std::size_t i = 0; i < html.size();) {
    char c = html[i];
    if (c == '<') {
      std::size_t end = html.find('>', i);
      if (end == std::string::npos) break;  // an unterminated tag: drop the rest
      std::string tag = lower(html.substr(i + 1, end - i - 1));
      std::string name = tag.substr(tag[0] == '/' ? 1 : 0);
      name = name.substr(0, name.find_first_of(" /\t\n"));
      if (name == "p" || name == "br" || name == "li" || name == "div" || name == "ul" ||
          name == "ol" || name == "h1" || name == "h2" || name == "h3" || name == "h4")
        text += '\n';
      i = end + 1;
      continue;
    }
    if (c == '&') {
      // An entity is short: look for its ';' in the next few characters only (a search to
      // the end for every '&' would make a text of many '&' quadratic).
      std::size_t window = std::min(html.size(), i + 12);
      std::size_t end = static_cast<std::size_t>(
          std::find(html.begin() + static_cast<std::ptrdiff_t>(i),
                    html.begin() + static_cast<std::ptrdiff_t>(window), ';') -
          html.begin());
      if (end < window) {
        std::string entity = html.substr(i + 1, end - i - 1);
        std::string decoded;
        if (entity == "amp")
          decoded = "&";
        else if (entity == "lt")
          decoded = "<";
        else if (entity == "gt")
          decoded = ">";
        else if (entity == "quot")
          decoded = "\"";
        else if (entity == "apos" || entity == "#39")
          decoded = "'";
        else if (entity == "nbsp")
          decoded = " ";
        else if (!entity.empty()) {
          long code = 0;
          if (entity[0] == '#')
            code = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X')
                       ? std::strtol(entity.c_str() + 2, nullptr, 16)
                       : std::strtol(entity.c_str() + 1, nullptr, 10);
          else if (auto named = kNamedEntities.find(entity); named != kNamedEntities.end())
            code = named->second;
          if (code > 0 && code < 0x110000 && !(code >= 0xD800 && code < 0xE000)) {
            // UTF-8 encoding of the code point.
            unsigned long u = static_cast<unsigned long>(code);
            if (u < 0x80) {
              decoded += static_cast<char>(u);
            } else if (u < 0x800) {
              decoded += static_cast<char>(0xC0 | (u >> 6));
              decoded += static_cast<char>(0x80 | (u & 0x3F));
            } else if (u < 0x10000) {
              decoded += static_cast<char>(0xE0 | (u >> 12));
              decoded += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
              decoded += static_cast<char>(0x80 | (u & 0x3F));
            } else {
              decoded += static_cast<char>(0xF0 | (u >> 18));
              decoded += static_cast<char>(0x80 | ((u >> 12) & 0x3F));
              decoded += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
              decoded += static_cast<char>(0x80 | (u & 0x3F));
            }
          }
        }
        if (!decoded.empty()) {
          text += decoded;
          i = end + 1;
          continue;
        }
      }
    }
    text += c;
    i++;
  }
  // Blank runs become one space; line breaks are kept (one blank line at most), and the
  // text is trimmed.
  std::string out;
  int newlines = 0;
  bool space = false;
  for (char c : text) {
    if (c == '\n') {
      newlines++;
      space = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (!out.empty()) {
      if (newlines > 0)
        out += newlines > 1 ? "\n\n" : "\n";
      else if (space)
        out += ' ';
    }
    newlines = 0;
    space = false;
    out += c;
  }
  return out;
}

std::optional<std::string> column_text(std::uint64_t row, int column) {
  std::optional<std::string> out;
  pg::pg_call([&] {
    char* value = SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, column);
    if (value != nullptr) out.emplace(value);
  });
  return out;
}

Uuid column_uuid(std::uint64_t row, int column) {
  Uuid out;
  pg::pg_call([&] {
    bool is_null = false;
    Datum value = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, column, &is_null);
    if (is_null) elog(ERROR, "unexpected NULL uuid");
    out = Uuid::from(DatumGetUUIDP(value));
  });
  return out;
}

std::optional<std::vector<std::string>> column_texts(std::uint64_t row, int column) {
  std::optional<std::vector<std::string>> out;
  pg::pg_call([&] {
    bool is_null = false;
    Datum value = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, column, &is_null);
    if (is_null) return;
    Datum* items = nullptr;
    bool* nulls = nullptr;
    int count = 0;
    deconstruct_array(DatumGetArrayTypeP(value), TEXTOID, -1, false, TYPALIGN_INT, &items, &nulls,
                      &count);
    out.emplace();
    for (int i = 0; i < count; i++)
      out->emplace_back(nulls[i] ? std::string() : std::string(TextDatumGetCString(items[i])));
  });
  return out;
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

void Catalogues::load() {
  static pg::KeptPlan muscles_plan(
      "SELECT id, code, name, latin_name FROM core.muscle WHERE is_active", {});
  static pg::KeptPlan equipment_plan(
      "SELECT e.id, e.code, n FROM content.equipment e"
      " LEFT JOIN LATERAL unnest(e.source_names) AS n ON true WHERE e.is_active",
      {});
  static pg::KeptPlan categories_plan(
      "SELECT id, code FROM core.category WHERE domain = 'exercise' AND is_active", {});
  auto read = [](pg::KeptPlan& plan, std::unordered_map<std::string, Uuid>& into, int columns) {
    plan.execute(nullptr, nullptr, true);
    std::uint64_t rows = SPI_processed;
    for (std::uint64_t i = 0; i < rows; i++) {
      Uuid id = column_uuid(i, 1);
      for (int c = 2; c <= columns; c++) {
        std::optional<std::string> name = column_text(i, c);
        if (name) into.emplace(lower(*name), id);
      }
    }
  };
  read(muscles_plan, muscles_, 4);
  read(equipment_plan, equipment_, 3);
  read(categories_plan, categories_, 2);
}

namespace {
std::optional<Uuid> find(const std::unordered_map<std::string, Uuid>& map,
                         const std::string& name) {
  auto found = map.find(lower(name));
  if (found == map.end()) {  // "lower back" -> lower_back, "olympic weightlifting" -> ...
    std::string code = slugify(name, 200);
    std::replace(code.begin(), code.end(), '-', '_');
    found = map.find(code);
  }
  if (found == map.end()) return std::nullopt;
  return found->second;
}
}  // namespace

std::optional<Uuid> Catalogues::muscle(const std::string& name) const {
  return find(muscles_, name);
}
std::optional<Uuid> Catalogues::equipment(const std::string& name) const {
  return find(equipment_, name);
}
std::optional<Uuid> Catalogues::category(const std::string& name) const {
  return find(categories_, name);
}

namespace {

// SPI parameters built up in order; nullopt values are NULLs.
struct Params {
  std::vector<Datum> values;
  std::string nulls;
  void add(Datum value) {
    values.push_back(value);
    nulls += ' ';
  }
  void add(const std::optional<std::string>& value) {
    values.push_back(value ? pg::text_datum(*value) : static_cast<Datum>(0));
    nulls += value ? ' ' : 'n';
  }
  void add(const std::string& value) { add(pg::text_datum(value)); }
  void add(const std::optional<Uuid>& value) {
    values.push_back(value ? value->datum() : static_cast<Datum>(0));
    nulls += value ? ' ' : 'n';
  }
  void add_texts(const std::vector<std::string>& items) {
    std::vector<Datum> datums;
    for (const std::string& item : items) datums.push_back(pg::text_datum(item));
    add(pg::pg_call([&] {
      return PointerGetDatum(construct_array(datums.data(), static_cast<int>(datums.size()),
                                             TEXTOID, -1, false, TYPALIGN_INT));
    }));
  }
  void add_uuids(const std::vector<Uuid>& items) { add(uuid_array(items)); }
};

// The exercise's own columns in the order the insert and the update statements take them.
void add_exercise_columns(Params& params, const ExerciseRecord& r) {
  params.add(r.name);
  params.add(r.description);
  params.add_texts(r.instructions);
  params.add(r.language);
  params.add(r.category);
  params.add(r.mechanic);
  params.add(r.force);
  params.add(r.level);
  params.add(r.tracking_type);
  params.add(r.load_mode);
  params.add(r.license_code);
  params.add(r.license_author);
  params.add(r.source_url);
}

std::optional<Uuid> first_uuid() {
  if (SPI_processed == 0) return std::nullopt;
  return column_uuid(0, 1);
}

}  // namespace

void LibraryWriter::write(const ExerciseRecord& r,
                          const std::unordered_map<std::string, int>& name_keys) {
  static pg::KeptPlan mapped_plan(
      "SELECT i.exercise_id, e.is_active, (e.source = i.source AND e.source_ref = i.source_ref)"
      "  FROM fitness.exercise_import i JOIN content.exercise e ON e.id = i.exercise_id"
      " WHERE i.source = $1 AND i.source_ref = $2",
      {TEXTOID, TEXTOID});
  static pg::KeptPlan match_plan(
      "SELECT DISTINCT i.exercise_id FROM fitness.exercise_import i"
      "  JOIN content.exercise e ON e.id = i.exercise_id AND e.is_active"
      " WHERE i.name_key = $1 AND i.source <> $2"
      "   AND NOT EXISTS (SELECT 1 FROM fitness.exercise_import j"
      "                    WHERE j.exercise_id = i.exercise_id AND j.source = $2)",
      {TEXTOID, TEXTOID});
  static pg::KeptPlan shares_primary_plan(
      "SELECT NOT EXISTS (SELECT 1 FROM content.exercise_muscle m WHERE m.exercise_id = $1"
      "                      AND m.role = 'primary' AND m.is_active)"
      "    OR cardinality($2::uuid[]) = 0"
      "    OR EXISTS (SELECT 1 FROM content.exercise_muscle m WHERE m.exercise_id = $1"
      "                  AND m.role = 'primary' AND m.is_active AND m.muscle_id = ANY ($2))",
      {UUIDOID, UUIDARRAYOID});
  static pg::KeptPlan slug_taken_plan(
      "SELECT 1 FROM content.exercise WHERE slug = $1 AND owner_id IS NULL"
      "   AND institution_id IS NULL AND is_active",
      {TEXTOID});
  static pg::KeptPlan insert_plan(
      "INSERT INTO content.exercise (slug, name, description, instructions, language_code,"
      "       category_id, mechanic, force, level, tracking_type, load_mode, license_code,"
      "       license_author, source_url, source, source_ref, visibility, status)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
      "         'public', 'published') RETURNING id",
      {TEXTOID, TEXTOID, TEXTOID, TEXTARRAYOID, TEXTOID, UUIDOID, TEXTOID, TEXTOID, TEXTOID,
       TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID});
  static pg::KeptPlan update_plan(
      "UPDATE content.exercise SET name = $2, description = $3, instructions = $4,"
      "       language_code = $5, category_id = $6, mechanic = $7, force = $8, level = $9,"
      "       tracking_type = $10, load_mode = $11, license_code = $12, license_author = $13,"
      "       source_url = $14"
      " WHERE id = $1 AND (name, description, instructions, language_code, category_id,"
      "       mechanic, force, level, tracking_type, load_mode, license_code, license_author,"
      "       source_url) IS DISTINCT FROM ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
      "$14)",
      {UUIDOID, TEXTOID, TEXTOID, TEXTARRAYOID, TEXTOID, UUIDOID, TEXTOID, TEXTOID, TEXTOID,
       TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID});
  // Child rows: the origin source replaces them, a second source only adds.
  // A merged exercise keeps the union of its sources' muscles and equipment (each source
  // re-importing would otherwise drop what the other added).
  static pg::KeptPlan other_source_plan(
      "SELECT 1 FROM fitness.exercise_import WHERE exercise_id = $1 AND source <> $2",
      {UUIDOID, TEXTOID});
  static pg::KeptPlan drop_muscles_plan(
      "DELETE FROM content.exercise_muscle m WHERE m.exercise_id = $1 AND m.is_active"
      "   AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::text[]) AS w (muscle_id, role)"
      "                    WHERE w.muscle_id = m.muscle_id AND w.role = m.role)",
      {UUIDOID, UUIDARRAYOID, TEXTARRAYOID});
  static pg::KeptPlan add_muscles_plan(
      "INSERT INTO content.exercise_muscle (exercise_id, muscle_id, role)"
      " SELECT $1, w.muscle_id, w.role FROM unnest($2::uuid[], $3::text[]) AS w (muscle_id, role)"
      " ON CONFLICT (exercise_id, muscle_id) WHERE is_active DO NOTHING",
      {UUIDOID, UUIDARRAYOID, TEXTARRAYOID});
  static pg::KeptPlan drop_equipment_plan(
      "DELETE FROM content.exercise_equipment x WHERE x.exercise_id = $1 AND x.is_active"
      "   AND x.equipment_id <> ALL ($2)",
      {UUIDOID, UUIDARRAYOID});
  static pg::KeptPlan add_equipment_plan(
      "INSERT INTO content.exercise_equipment (exercise_id, equipment_id)"
      " SELECT $1, unnest($2::uuid[])"
      " ON CONFLICT (exercise_id, equipment_id) WHERE is_active DO NOTHING",
      {UUIDOID, UUIDARRAYOID});
  // An imported translation is refreshed by its source; one a person wrote is kept.
  static pg::KeptPlan translations_plan(
      "INSERT INTO platform.translation AS t (entity_type, entity_id, field, language_code,"
      "       value, origin, provider)"
      " SELECT 'exercise', $1, w.field, w.lang, w.value, 'import', $5"
      "   FROM unnest($2::text[], $3::text[], $4::text[]) AS w (lang, field, value)"
      " ON CONFLICT (entity_type, entity_id, field, language_code) WHERE is_active DO UPDATE"
      "   SET value = EXCLUDED.value"
      " WHERE t.origin = 'import' AND t.provider = EXCLUDED.provider AND t.value <> EXCLUDED.value",
      {UUIDOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTOID});
  static pg::KeptPlan aliases_plan(
      "INSERT INTO content.exercise_alias (exercise_id, language_code, alias)"
      " SELECT $1, w.lang, w.alias FROM unnest($2::text[], $3::text[]) AS w (lang, alias)"
      " ON CONFLICT (exercise_id, language_code, lower(alias)) WHERE is_active DO NOTHING",
      {UUIDOID, TEXTARRAYOID, TEXTARRAYOID});
  static pg::KeptPlan mapping_plan(
      "INSERT INTO fitness.exercise_import AS i (source, source_ref, exercise_id, name_key,"
      "       license_code, license_author, attribution)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)"
      " ON CONFLICT (source, source_ref) DO UPDATE SET name_key = EXCLUDED.name_key,"
      "       license_code = EXCLUDED.license_code, license_author = EXCLUDED.license_author,"
      "       attribution = EXCLUDED.attribution, imported_at = now()"
      " WHERE (i.name_key, i.license_code, i.license_author, i.attribution)"
      "       IS DISTINCT FROM (EXCLUDED.name_key, EXCLUDED.license_code, EXCLUDED.license_author,"
      "                         EXCLUDED.attribution)",
      {TEXTOID, TEXTOID, UUIDOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID});

  std::string key = name_key(r.name);
  Params lookup;
  lookup.add(source_);
  lookup.add(r.ref);
  mapped_plan.execute(lookup.values.data(), lookup.nulls.c_str(), false);
  std::optional<Uuid> exercise;
  bool origin = false, is_new = false, changed = false;
  if (SPI_processed == 1) {
    exercise = first_uuid();
    std::optional<std::string> active = column_text(0, 2), own = column_text(0, 3);
    if (active && *active == "f") {  // deleted in the library since: left deleted
      counts_.unchanged++;
      return;
    }
    origin = own && *own == "t";
  } else {
    auto same_name = name_keys.find(key);
    if (!key.empty() && same_name != name_keys.end() && same_name->second == 1) {
      Params match;
      match.add(key);
      match.add(source_);
      match_plan.execute(match.values.data(), match.nulls.c_str(), false);
      if (SPI_processed == 1) {
        std::optional<Uuid> candidate = first_uuid();
        Params shares;
        shares.add(candidate);
        shares.add_uuids(r.primary_muscles);
        shares_primary_plan.execute(shares.values.data(), shares.nulls.c_str(), false);
        if (column_text(0, 1) == std::optional<std::string>("t")) {
          exercise = candidate;
          counts_.merged++;
          is_new = true;  // new to this source: counted as merged, not as updated
        }
      }
    }
    if (!exercise) {
      std::string slug = slugify(r.name);
      if (slug.empty()) slug = slugify(source_ + "-" + r.ref);
      Datum slug_arg = pg::text_datum(slug);
      slug_taken_plan.execute(&slug_arg, nullptr, false, 1);
      if (SPI_processed > 0) slug = slugify(slug.substr(0, 80) + "-" + source_ + "-" + r.ref);
      Params insert;
      insert.add(slug);
      add_exercise_columns(insert, r);
      insert.add(source_);
      insert.add(r.ref);
      insert_plan.execute(insert.values.data(), insert.nulls.c_str(), false);
      exercise = first_uuid();
      origin = is_new = true;
      counts_.created++;
    }
  }

  std::vector<Uuid> muscles = r.primary_muscles;
  std::vector<std::string> roles(r.primary_muscles.size(), "primary");
  for (const Uuid& m : r.secondary_muscles)
    if (std::find(muscles.begin(), muscles.end(), m) == muscles.end()) {
      muscles.push_back(m);
      roles.push_back("secondary");
    }
  Params children;
  children.add(exercise);
  children.add_uuids(muscles);
  children.add_texts(roles);
  Params equipment;
  equipment.add(exercise);
  equipment.add_uuids(r.equipment);
  if (origin && !is_new) {
    Params update;
    update.add(exercise);
    add_exercise_columns(update, r);
    changed |= update_plan.execute(update.values.data(), update.nulls.c_str(), false) > 0;
    Params other;
    other.add(exercise);
    other.add(source_);
    if (other_source_plan.execute(other.values.data(), other.nulls.c_str(), false, 1) == 0) {
      changed |=
          drop_muscles_plan.execute(children.values.data(), children.nulls.c_str(), false) > 0;
      changed |=
          drop_equipment_plan.execute(equipment.values.data(), equipment.nulls.c_str(), false) > 0;
    }
  }
  changed |= add_muscles_plan.execute(children.values.data(), children.nulls.c_str(), false) > 0;
  changed |=
      add_equipment_plan.execute(equipment.values.data(), equipment.nulls.c_str(), false) > 0;

  std::vector<std::string> t_lang, t_field, t_value, a_lang, a_alias;
  auto add_translation = [&](const std::string& lang, const std::string& field,
                             const std::string& value) {
    t_lang.push_back(lang);
    t_field.push_back(field);
    t_value.push_back(value);
  };
  for (const ImportedText& t : r.translations) add_translation(t.language, t.field, t.value);
  if (!origin && r.language != "en") {  // a merged record's own text in another language
    add_translation(r.language, "name", r.name);
    if (r.description) add_translation(r.language, "description", *r.description);
  }
  if (!t_lang.empty()) {
    Params texts;
    texts.add(exercise);
    texts.add_texts(t_lang);
    texts.add_texts(t_field);
    texts.add_texts(t_value);
    texts.add(source_);
    changed |= translations_plan.execute(texts.values.data(), texts.nulls.c_str(), false) > 0;
  }
  for (const ImportedText& a : r.aliases) {
    a_lang.push_back(a.language);
    a_alias.push_back(a.value);
  }
  if (!a_lang.empty()) {
    Params aliases;
    aliases.add(exercise);
    aliases.add_texts(a_lang);
    aliases.add_texts(a_alias);
    changed |= aliases_plan.execute(aliases.values.data(), aliases.nulls.c_str(), false) > 0;
  }
  Params mapping;
  mapping.add(source_);
  mapping.add(r.ref);
  mapping.add(exercise);
  mapping.add(key);
  mapping.add(r.license_code);
  mapping.add(r.license_author);
  mapping.add(r.attribution);
  changed |= mapping_plan.execute(mapping.values.data(), mapping.nulls.c_str(), false) > 0;
  if (!is_new) (changed ? counts_.updated : counts_.unchanged)++;
}

}  // namespace fitness::i18n

using namespace fitness;

// import_exercises(source jsonb, format text) RETURNS integer
FITNESS_SQL_FUNCTION(fitness_import_exercises) {
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
    throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED, "import_exercises needs a source and a format");
  std::string format = pg::text_arg(fcinfo, 1);
  if (format != "free-exercise-db" && format != "wger")
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    "unknown exercise library format \"" + format + "\"", {},
                    "Formats: free-exercise-db, wger.");
  bool allowed = pg::current_user_has_role("fitness_admin");
  if (!allowed) {
    identity::Authz* authz = identity::current_authz();
    allowed = authz != nullptr && authz->has_permission("exercise.import", nullptr);
  }
  if (!allowed)
    throw pg::Error(
        ERRCODE_INSUFFICIENT_PRIVILEGE, "permission denied for import_exercises", {},
        "Imports are for fitness_admin and users holding the exercise.import permission.");

  Datum source = PG_GETARG_DATUM(0);
  pg::SpiSession spi;
  pg::ScopedOwnerSwitch owner(pg::relation_oid("content", "exercise"));
  i18n::Catalogues catalogues;
  catalogues.load();
  std::vector<i18n::ExerciseRecord> records = format == "wger"
                                                  ? i18n::read_wger(source, catalogues)
                                                  : i18n::read_free_exercise_db(source, catalogues);
  std::unordered_map<std::string, int> name_keys;
  for (const auto& record : records) name_keys[i18n::name_key(record.name)]++;
  i18n::SearchDeferral deferral;  // each exercise's search documents rebuilt once, at the end
  i18n::LibraryWriter writer(format);
  for (const auto& record : records) {
    try {
      writer.write(record, name_keys);
    } catch (const pg::PgError& error) {
      // A constraint the readers did not foresee: name the record.
      throw pg::Error(error.sqlstate(), record.where + ": " + error.what(), {},
                      "Nothing of this call was imported.");
    }
  }
  deferral.finish();
  // An import changes most of the search documents at once: fresh statistics, or the first
  // searches are planned for the table as it was (autovacuum would analyze it later).
  static pg::KeptPlan analyze_plan("ANALYZE fitness.exercise_search_document", {});
  analyze_plan.execute(nullptr, nullptr, false);
  const i18n::ImportCounts& counts = writer.counts();
  std::string summary = format + ": " + std::to_string(records.size()) + " records, " +
                        std::to_string(counts.created) + " exercises created, " +
                        std::to_string(counts.merged) + " merged into another source's, " +
                        std::to_string(counts.updated) + " updated, " +
                        std::to_string(counts.unchanged) + " unchanged";
  pg::pg_call([&] { ereport(NOTICE, (errmsg("%s", summary.c_str()))); });
  PG_RETURN_INT32(static_cast<int>(records.size()));
}
