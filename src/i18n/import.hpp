// What the two exercise-library importers share (import.cpp): the core catalogues the
// sources' muscles, equipment and categories map onto, the record a source is turned into,
// and the writer that makes it an exercise of the platform library.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/uuid.hpp"
#include "pg/error.hpp"

namespace fitness::i18n {

// A record refused: the message names its position ("record 3: name is null").
[[noreturn]] void reject(int sqlstate, const std::string& where, const std::string& what);

// Lower-case ASCII letters and digits joined by '-' ("3/4 Sit-Up" -> "3-4-sit-up").
std::string slugify(const std::string& text, std::size_t max_length = 128);
// Letters and digits only, lower-case: the key that matches names across sources.
std::string name_key(const std::string& name);
// HTML reduced to text: tags removed (block ends become line breaks), entities decoded,
// blank runs collapsed.
std::string html_to_text(const std::string& html);

// The core catalogues, looked up by the names sources use (case-insensitive).
class Catalogues {
 public:
  void load();
  std::optional<Uuid> muscle(const std::string& name) const;     // code, name or latin name
  std::optional<Uuid> equipment(const std::string& name) const;  // code or a source name
  std::optional<Uuid> category(const std::string& name) const;   // exercise category code

 private:
  std::unordered_map<std::string, Uuid> muscles_, equipment_, categories_;
};

struct ImportedText {
  std::string language, field, value;
};

struct ExerciseRecord {
  std::string where;  // "record 3" / "exercises record 3", for messages
  std::string ref;    // the record's id in its source
  std::string name, language = "en";
  std::optional<std::string> description;
  std::vector<std::string> instructions;
  std::optional<std::string> force, level, mechanic;
  std::optional<Uuid> category;
  std::vector<Uuid> primary_muscles, secondary_muscles, equipment;
  std::string tracking_type = "reps_weight", load_mode = "external";
  std::optional<std::string> license_code, license_author, source_url;
  std::vector<ImportedText> translations;  // other languages (field name or description)
  std::vector<ImportedText> aliases;       // field unused
  std::string attribution = "{}";          // jsonb text
};

struct ImportCounts {
  int created = 0, updated = 0, unchanged = 0, merged = 0;
};

// Writes the records of one call (all validated) as the library's owner. name_keys counts
// how many records of this batch share each name key (a match needs a unique one).
class LibraryWriter {
 public:
  explicit LibraryWriter(std::string source) : source_(std::move(source)) {}
  void write(const ExerciseRecord& record, const std::unordered_map<std::string, int>& name_keys);
  const ImportCounts& counts() const { return counts_; }

 private:
  std::string source_;
  ImportCounts counts_;
};

}  // namespace fitness::i18n

namespace fitness::i18n {

// The readers of the two formats (import_free_exercise_db.cpp, import_wger.cpp): every
// record validated and mapped, or the call refused naming the first bad one.
std::vector<ExerciseRecord> read_free_exercise_db(Datum source, const Catalogues& catalogues);
std::vector<ExerciseRecord> read_wger(Datum source, const Catalogues& catalogues);

// Helpers of the readers: a text column of the current SPI row (nullopt for NULL), a
// text[] column, a uuid column (never NULL).
std::optional<std::string> column_text(std::uint64_t row, int column);
std::optional<std::vector<std::string>> column_texts(std::uint64_t row, int column);
Uuid column_uuid(std::uint64_t row, int column);
// A JSON string literal of text (for the attribution documents).
std::string json_string(const std::string& text);

}  // namespace fitness::i18n
