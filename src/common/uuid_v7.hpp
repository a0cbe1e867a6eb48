// Version 7 UUIDs (RFC 9562), monotonic within a backend (uuid_v7.cpp).
#pragma once

#include "pg/guard.hpp"

namespace fitness {

// Writes the next id into *out. C++ code: may throw pg::PgError (random source failure), so
// never call it inside pg_call.
void uuid_v7_generate(pg_uuid_t* out);

}  // namespace fitness
