#include "pg/spi.hpp"

#include "pg/cache_stats.hpp"

namespace fitness::pg {
namespace {

pg::CacheStats& plan_stats() {
  static pg::CacheStats stats{"spi_plans", nullptr};
  static bool registered = false;
  if (!registered) {
    stats.entries = [] { return stats.misses; };  // every prepare keeps one plan
    pg::register_cache(&stats);
    registered = true;
  }
  return stats;
}

}  // namespace

SpiSession::SpiSession() : caller_context_(CurrentMemoryContext), guc_nest_level_(0) {
  guc_nest_level_ = pg_call([] {
    if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "SPI_connect failed");
    int level = NewGUCNestLevel();
    (void)set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION,
                            GUC_ACTION_SAVE, true, 0, false);
    return level;
  });
}

SpiSession::~SpiSession() {
  AtEOXact_GUC(true, guc_nest_level_);  // restores the caller's search_path
  SPI_finish();
}

std::uint64_t KeptPlan::execute(const Datum* values, const char* nulls, bool read_only,
                                long max_rows) {
  if (plan_ == nullptr) {
    const char* sql = sql_;
    int nargs = static_cast<int>(arg_types_.size());
    Oid* types = arg_types_.data();
    plan_ = pg_call([&] {
      // Generic plan always: custom plans would re-plan on every execution.
      SPIPlanPtr plan = SPI_prepare_cursor(sql, nargs, types, CURSOR_OPT_GENERIC_PLAN);
      if (plan == nullptr)
        elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql, SPI_result_code_string(SPI_result));
      if (SPI_keepplan(plan) != 0) elog(ERROR, "SPI_keepplan failed");
      return plan;
    });
    is_select_ = pg_call([&] {
      List* sources = SPI_plan_get_plan_sources(plan_);
      return list_length(sources) == 1 &&
             static_cast<CachedPlanSource*>(linitial(sources))->commandTag == CMDTAG_SELECT;
    });
    ++plan_stats().misses;
  } else {
    ++plan_stats().hits;
  }
  SPIPlanPtr plan = plan_;
  if (max_rows > 0 && !is_select_)
    throw Error(ERRCODE_INTERNAL_ERROR,
                std::string("row limit on a data-modifying statement: ") + sql_,
                "Its AFTER STATEMENT triggers would not fire.");
  return pg_call([&] {
    int rc = SPI_execute_plan(plan, const_cast<Datum*>(values), nulls, read_only, max_rows);
    if (rc < 0) elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(rc));
    return static_cast<std::uint64_t>(SPI_processed);
  });
}

std::int64_t KeptPlan::prepared_count() noexcept { return plan_stats().misses; }
std::int64_t KeptPlan::reuse_count() noexcept { return plan_stats().hits; }

std::string spi_first_text(int column) {
  const char* text = pg_call([&]() -> const char* {
    if (SPI_processed == 0 || SPI_tuptable == nullptr) return nullptr;
    return SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, column);
  });
  return text == nullptr ? std::string() : std::string(text);
}

Datum spi_first_value(bool* is_null) {
  return pg_call([&] {
    if (SPI_processed == 0 || SPI_tuptable == nullptr) {
      *is_null = true;
      return static_cast<Datum>(0);
    }
    Datum value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, is_null);
    if (*is_null) return value;
    // Copy out of the tuple table, which the next execute or SPI_finish frees.
    Form_pg_attribute attr = TupleDescAttr(SPI_tuptable->tupdesc, 0);
    return attr->attbyval ? value : SPI_datumTransfer(value, attr->attbyval, attr->attlen);
  });
}

}  // namespace fitness::pg
