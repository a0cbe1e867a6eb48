// The business rules the server enforces (ARCHITECTURE.md "Business rules"), by name. A
// violation is raised like a constraint's: the SQLSTATE of the rule, a message naming the
// offending value, and the rule's name in the error's constraint field with its table, so an
// application maps it the way it maps a CHECK or UNIQUE violation. fitness.business_rules()
// lists them (catalogue.cpp); the README's table is checked against it.
#pragma once

#include <string>

#include "pg/error.hpp"

namespace fitness::rules {

struct Rule {
  const char* name;  // unique, <table>_<what>, like a constraint name
  const char* schema;
  const char* table;
  int sqlstate;
  const char* description;
};

// Every rule, in catalogue order (catalogue.cpp); the array ends with a null name.
extern const Rule kRules[];

// The rule named `name`; throws XX000 for a name the catalogue lacks (a programming error).
const Rule& rule(const char* name);

// Raises the violation of `r`: message, then detail and hint as PostgreSQL shows them.
[[noreturn]] inline void violated(const Rule& r, std::string message, std::string detail = {},
                                  std::string hint = {}) {
  throw pg::Error(r.sqlstate, std::move(message), std::move(detail), std::move(hint))
      .on_rule(r.schema, r.table, r.name);
}

// A value as it appears in messages: quoted, cut at 60 characters, "NULL" for none.
std::string shown(const char* value);
inline std::string shown(const std::string& value) { return shown(value.c_str()); }

}  // namespace fitness::rules
