// The one way to declare an SQL-callable function (after pg_duckdb's declaration helper):
//
//   FITNESS_SQL_FUNCTION(fitness_foo) {
//     ... C++: may throw pg::Error, calls PostgreSQL through pg_call ...
//     return datum;   // or PG_RETURN_*(...)
//   }
//
// generates the C entry point, its PG_FUNCTION_INFO_V1 record and the pg::guard around the
// body, so no exception reaches PostgreSQL and no ereport jumps over a destructor.
// In the body, PG_ARGISNULL, PG_GETARG_DATUM and the by-value getters (OID, INT32, UUID_P,
// ...) are plain reads; a getter that may detoast (TEXT_PP, JSONB_P, ARRAYTYPE_P,
// HEAPTUPLEHEADER) goes through pg_call or pg/args.hpp. scripts/check-bridge.sh checks that
// no other file declares a function with PG_FUNCTION_INFO_V1.
#pragma once

#include "pg/guard.hpp"

#define FITNESS_SQL_FUNCTION(name)                                               \
  static Datum name##_body(FunctionCallInfo fcinfo);                             \
  extern "C" {                                                                   \
  PG_FUNCTION_INFO_V1(name);                                                     \
  Datum name(PG_FUNCTION_ARGS);                                                  \
  }                                                                              \
  Datum name(PG_FUNCTION_ARGS) {                                                 \
    return ::fitness::pg::guard([&]() -> Datum { return name##_body(fcinfo); }); \
  }                                                                              \
  static Datum name##_body(FunctionCallInfo fcinfo)
