// Reading SQL-callable functions' arguments into C++ values.
#pragma once

#include <optional>
#include <string>

#include "pg/guard.hpp"

namespace fitness::pg {

// A text argument (not NULL: callers check PG_ARGISNULL first), detoasted and copied.
inline std::string text_arg(FunctionCallInfo fcinfo, int n) {
  struct varlena* value = pg_call([&] { return PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(n)); });
  return std::string(VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value));
}

// A text argument, or nullopt when it is NULL.
inline std::optional<std::string> optional_text_arg(FunctionCallInfo fcinfo, int n) {
  if (PG_ARGISNULL(n)) return std::nullopt;
  return text_arg(fcinfo, n);
}

}  // namespace fitness::pg
