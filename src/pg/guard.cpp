#include "pg/guard.hpp"

#include <cstring>
#include <new>
#include <stdexcept>

namespace fitness::pg {
namespace {

// Copies into the current memory context without ever raising (palloc would ereport on
// out-of-memory inside a catch handler, leaving the C++ runtime mid-catch).
const char* copy_text(const char* text, const char* fallback) noexcept {
  if (text == nullptr || *text == '\0') return fallback;
  size_t len = std::strlen(text) + 1;
  void* copy = MemoryContextAllocExtended(CurrentMemoryContext, len, MCXT_ALLOC_NO_OOM);
  if (copy == nullptr) return fallback;
  std::memcpy(copy, text, len);
  return static_cast<const char*>(copy);
}

const char* copy_optional(const std::string& text) noexcept {
  return text.empty() ? nullptr : copy_text(text.c_str(), nullptr);
}

}  // namespace

void capture_current_exception(PendingError& out) noexcept {
  try {
    throw;
  } catch (const PgError& e) {
    out.pg_error = e.data();
  } catch (const Error& e) {
    out.sqlstate = e.sqlstate();
    out.message = copy_text(e.what(), "fitness error");
    out.detail = copy_optional(e.detail());
    out.hint = copy_optional(e.hint());
    out.hide_statement = e.hides_statement();
    out.schema_name = copy_optional(e.schema_name());
    out.table_name = copy_optional(e.table_name());
    out.constraint_name = copy_optional(e.rule_name());
  } catch (const std::bad_alloc&) {
    out.sqlstate = ERRCODE_OUT_OF_MEMORY;
    out.message = "out of memory in fitness C++ code";
  } catch (const std::exception& e) {
    out.sqlstate = ERRCODE_INTERNAL_ERROR;
    out.message = copy_text(e.what(), "unexpected C++ exception");
    out.detail = "An unexpected C++ exception reached the fitness extension's guard.";
  } catch (...) {
    out.sqlstate = ERRCODE_INTERNAL_ERROR;
    out.message = "unknown C++ exception in fitness";
  }
}

MemoryContext error_copy_context = nullptr;

ErrorData* run_catching_pg_error(void (*body)(void*), void* arg) noexcept {
  // Not the current context: inside an SPI session that is SPI's, freed by SPI_finish
  // while the C++ stack unwinds, before the guard re-raises the error.
  MemoryContext copy_context = error_copy_context ? error_copy_context : CurrentMemoryContext;
  MemoryContext caller_context = CurrentMemoryContext;
  ErrorData* volatile caught = nullptr;
  PG_TRY();
  { body(arg); }
  PG_CATCH();
  {
    MemoryContextSwitchTo(copy_context);
    caught = CopyErrorData();
    FlushErrorState();
    MemoryContextSwitchTo(caller_context);
  }
  PG_END_TRY();
  return caught;
}

void raise_pending(const PendingError& pending) {
  if (pending.pg_error != nullptr) ReThrowError(pending.pg_error);
  ereport(ERROR,
          (errcode(pending.sqlstate), errmsg_internal("%s", pending.message),
           pending.detail ? errdetail_internal("%s", pending.detail) : 0,
           pending.hint ? errhint("%s", pending.hint) : 0, errhidestmt(pending.hide_statement),
           pending.schema_name ? err_generic_string(PG_DIAG_SCHEMA_NAME, pending.schema_name) : 0,
           pending.table_name ? err_generic_string(PG_DIAG_TABLE_NAME, pending.table_name) : 0,
           pending.constraint_name
               ? err_generic_string(PG_DIAG_CONSTRAINT_NAME, pending.constraint_name)
               : 0));
  pg_unreachable();
}

}  // namespace fitness::pg
