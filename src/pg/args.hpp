// Between SQL-callable functions' arguments (and SPI parameters) and C++ values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pg/guard.hpp"

namespace fitness::pg {

// A text argument (not NULL: callers check PG_ARGISNULL first), detoasted and copied.
inline std::string text_arg(FunctionCallInfo fcinfo, int n) {
  struct varlena* value = pg_call([&] { return PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(n)); });
  return std::string(VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value));
}

// A (non-NULL) text datum, a column value or an argument, detoasted and copied.
inline std::string text_value(Datum value) {
  struct varlena* text = pg_call([&] { return PG_DETOAST_DATUM_PACKED(value); });
  return std::string(VARDATA_ANY(text), VARSIZE_ANY_EXHDR(text));
}

// A text argument, or nullopt when it is NULL.
inline std::optional<std::string> optional_text_arg(FunctionCallInfo fcinfo, int n) {
  if (PG_ARGISNULL(n)) return std::nullopt;
  return text_arg(fcinfo, n);
}

// A text datum (palloc'd in the current memory context) holding value, for SPI parameters.
inline Datum text_datum(std::string_view value) {
  const char* data = value.data();
  int length = static_cast<int>(value.size());
  return pg_call([&] { return PointerGetDatum(cstring_to_text_with_len(data, length)); });
}

}  // namespace fitness::pg
