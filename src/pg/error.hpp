// Exceptions that carry a PostgreSQL error across C++ code (the bridge: guard.hpp).
#pragma once

#include <exception>
#include <string>

#include "pg/postgres.hpp"

namespace fitness::pg {

// An error raised by our C++ code, with the SQLSTATE the client will see.
class Error : public std::exception {
 public:
  Error(int sqlstate, std::string message, std::string detail = {}, std::string hint = {})
      : sqlstate_(sqlstate),
        message_(std::move(message)),
        detail_(std::move(detail)),
        hint_(std::move(hint)) {}

  const char* what() const noexcept override { return message_.c_str(); }
  int sqlstate() const noexcept { return sqlstate_; }
  const std::string& detail() const noexcept { return detail_; }
  const std::string& hint() const noexcept { return hint_; }
  // Leaves the statement's text out of the server log entry (it may hold a secret, e.g. a
  // token passed as a literal).
  void hide_statement() noexcept { hide_statement_ = true; }
  bool hides_statement() const noexcept { return hide_statement_; }
  // A business rule's violation names its table and the rule, as the constraint name a
  // client reads from the error fields (libpq PG_DIAG_CONSTRAINT_NAME, node-postgres
  // error.constraint), exactly like a CHECK constraint's violation.
  Error& on_rule(std::string schema, std::string table, std::string rule) {
    schema_ = std::move(schema);
    table_ = std::move(table);
    rule_ = std::move(rule);
    return *this;
  }
  const std::string& schema_name() const noexcept { return schema_; }
  const std::string& table_name() const noexcept { return table_; }
  const std::string& rule_name() const noexcept { return rule_; }

 private:
  int sqlstate_;
  std::string message_;
  std::string detail_;
  std::string hint_;
  bool hide_statement_ = false;
  std::string schema_, table_, rule_;
};

// A PostgreSQL error caught under C++ code by pg_call(). It holds the server's own
// ErrorData (palloc'd in the caller's memory context) so the guard re-raises it unchanged:
// SQLSTATE, message, detail, hint and context all survive.
class PgError : public std::exception {
 public:
  explicit PgError(ErrorData* data) noexcept : data_(data) {}
  const char* what() const noexcept override {
    return data_ != nullptr && data_->message != nullptr ? data_->message : "PostgreSQL error";
  }
  ErrorData* data() const noexcept { return data_; }
  int sqlstate() const noexcept { return data_ != nullptr ? data_->sqlerrcode : 0; }
  // For calls whose arguments are secrets (tokens, keys): the statement's text and the
  // log-only detail (a deadlock report quotes every session's statement) stay out of the
  // server log; with drop_detail also the detail and context the client would see (a
  // constraint's "Failing row contains (...)").
  void keep_out_of_log(bool drop_detail = false) noexcept {
    if (data_ == nullptr) return;
    data_->hide_stmt = true;
    data_->detail_log = nullptr;
    if (drop_detail) {
      data_->detail = nullptr;
      data_->context = nullptr;
    }
  }

 private:
  ErrorData* data_;
};

}  // namespace fitness::pg
