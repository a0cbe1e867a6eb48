// The bridge between C++ exceptions and PostgreSQL's ereport/longjmp.
//
//   guard(fn)    every SQL-callable function's body: runs fn in try; any exception is
//                captured into trivially destructible storage, the C++ scope is left
//                (destructors have run), and only then is ereport called.
//   pg_call(fn)  runs PostgreSQL code that may ereport from C++: the error is caught with
//                PG_TRY, copied, and rethrown as PgError so C++ unwinds normally.
//
// Rules: fn given to pg_call holds no C++ object with a destructor (it is C code in C++
// syntax); a PgError is never swallowed (the transaction must abort), it goes up to guard.
// Every SQL-callable function is declared with FITNESS_SQL_FUNCTION (pg/function.hpp),
// which puts its body under guard; _PG_init runs under guard too. Server headers are
// included only through pg/postgres.hpp.
//
// What a destructor may call. A destructor runs while a C++ exception unwinds, outside any
// pg_call, so it may call only PostgreSQL functions that do not raise for the state the
// constructor left. The complete list (scripts/check-bridge.sh fails on any other call in
// a destructor body):
//   SPI_finish                 SpiSession: returns an error code, never raises
//   AtEOXact_GUC               SpiSession: restores the caller's search_path (no checks run)
//   PopActiveSnapshot          LatestSnapshotScope: pops what the constructor pushed
//   SetUserIdAndSecContext     ScopedOwnerSwitch: assigns two globals
//   RollbackAndReleaseCurrentSubTransaction
//                              SubTransaction: abort processing, as PL/pgSQL's exception
//                              blocks run it; PostgreSQL itself treats an error there as fatal
//   MemoryContextSwitchTo      assigns a global
// Transaction and relcache callbacks have no C++ frame to jump over; the plan cache frees
// retired plans there with SPI_freeplan and MemoryContextDelete, which only release memory.
#pragma once

#include <exception>
#include <type_traits>

#include "pg/error.hpp"
#include "pg/postgres.hpp"

namespace fitness::pg {

// What the guard re-raises. Trivially destructible on purpose: ereport may jump over it.
struct PendingError {
  ErrorData* pg_error = nullptr;  // re-raised as is when set
  int sqlstate = 0;
  const char* message = nullptr;
  const char* detail = nullptr;
  const char* hint = nullptr;
  bool hide_statement = false;
  const char* schema_name = nullptr;  // a business rule's table and name (Error::on_rule)
  const char* table_name = nullptr;
  const char* constraint_name = nullptr;
};
static_assert(std::is_trivially_destructible_v<PendingError>);

// Called inside a catch handler: records the in-flight exception. Never throws, never ereports.
void capture_current_exception(PendingError& out) noexcept;

// Raises the captured error with ereport(ERROR); does not return.
[[noreturn]] void raise_pending(const PendingError& pending);

// Memory context that a caught PostgreSQL error is copied into: the one current when the
// innermost guard was entered, which outlives any SPI session opened below it.
extern MemoryContext error_copy_context;

template <typename Fn>
Datum guard(Fn&& fn) {
  static_assert(std::is_trivially_destructible_v<std::decay_t<Fn>>,
                "capture by reference: ereport must not jump over the closure's destructor");
  MemoryContext outer_copy_context = error_copy_context;
  error_copy_context = CurrentMemoryContext;
  PendingError pending;
  try {
    Datum result = fn();
    error_copy_context = outer_copy_context;
    return result;
  } catch (...) {
    capture_current_exception(pending);
  }
  // The exception object and everything fn built are gone here.
  error_copy_context = outer_copy_context;
  raise_pending(pending);
}

// Runs body(arg) under PG_TRY. Returns the copied ErrorData of a PostgreSQL error, or
// nullptr. The setjmp lives in this one non-template function, away from C++ locals.
ErrorData* run_catching_pg_error(void (*body)(void*), void* arg) noexcept;

template <typename Fn>
auto pg_call(Fn&& fn) -> decltype(fn()) {
  using Result = decltype(fn());
  static_assert(std::is_void_v<Result> || std::is_trivially_destructible_v<Result>,
                "pg_call returns plain C values only");
  struct Call {
    Fn* fn;
    std::conditional_t<std::is_void_v<Result>, int, Result> result{};
    std::exception_ptr cpp_exception;  // a C++ exception must not fly through PG_TRY
  } call{&fn};

  ErrorData* caught = run_catching_pg_error(
      [](void* arg) {
        Call* c = static_cast<Call*>(arg);
        try {
          if constexpr (std::is_void_v<Result>) {
            (*c->fn)();
          } else {
            c->result = (*c->fn)();
          }
        } catch (...) {
          c->cpp_exception = std::current_exception();
        }
      },
      &call);

  if (caught != nullptr) throw PgError(caught);
  if (call.cpp_exception) std::rethrow_exception(call.cpp_exception);
  if constexpr (!std::is_void_v<Result>) return call.result;
}

}  // namespace fitness::pg
