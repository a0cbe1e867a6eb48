// The cache of machine translations: fitness.cached_translation() answers from a
// per-backend map in front of platform.translation_cache, queues a miss once per
// (source, target) in platform.translation_request with NOTIFY fitness_translation (on a
// primary that may write), and counts hits in memory, written to platform.cache_metrics in
// batches. fitness.store_translation() is what the
// external worker calls with a result.
//
// Only found translations are remembered, so a stored one needs no invalidation to be
// found; a changed or removed one (UPDATE of the text or expiry, DELETE) invalidates.

#include <openssl/evp.h>

#include <array>
#include <cstring>
#include <unordered_map>

#include "common/uuid.hpp"
#include "i18n/invalidation.hpp"
#include "i18n/language.hpp"
#include "identity/context.hpp"
#include "pg/args.hpp"
#include "pg/cache_stats.hpp"
#include "pg/function.hpp"
#include "pg/load_steps.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"

namespace fitness::i18n {
namespace {

constexpr std::size_t kMaxSourceBytes = 65536;

using Digest = std::array<unsigned char, 32>;

struct MachineKey {
  Digest source;  // sha256(source_lang || '\n' || source_text), as the table keeps it
  std::string target;
  bool operator==(const MachineKey& o) const { return source == o.source && target == o.target; }
};
struct MachineKeyHash {
  size_t operator()(const MachineKey& k) const noexcept {
    std::uint64_t h;
    std::memcpy(&h, k.source.data(), sizeof h);
    return static_cast<size_t>(h ^ std::hash<std::string>{}(k.target));
  }
};

struct Cached {
  std::string text;
  TimestampTz expires_at;  // infinity: never
};

struct MachineCache {
  std::unordered_map<MachineKey, Cached, MachineKeyHash> entries;
  std::size_t bytes = 0;  // of the kept texts: the budget below bounds them
  std::uint64_t generation = 0;
  std::int64_t pending_hits = 0, pending_misses = 0;
  std::int64_t in_flight_hits = 0, in_flight_misses = 0;  // flushed by the open transaction
  TimestampTz last_flush = 0;
};
MachineCache machine;
pg::CacheStats machine_stats{"translation_cache", nullptr};
int max_entries = 50000;  // fitness.translation_cache_entries
constexpr std::size_t kMaxCacheBytes = 32 * 1024 * 1024;
int requests_per_minute = 60;  // fitness.translation_requests_per_minute

// Requests this backend queued per acting user in the current minute: a caller cannot
// flood the queue (and the paid provider behind it) through one connection.
struct RequestBudget {
  TimestampTz minute_start = 0;
  std::unordered_map<Uuid, int, UuidHash> used;
};
RequestBudget request_budget;

// Whether this call may queue a request: an acting user within the budget, or a trusted
// backend (fitness_service, fitness_admin) acting for nobody. The app without a context
// reads the cache only.
bool may_queue(const std::optional<identity::Identity>& who, TimestampTz now) {
  if (!who)
    return pg::current_user_has_role("fitness_service") ||
           pg::current_user_has_role("fitness_admin");
  if (now - request_budget.minute_start >= 60 * USECS_PER_SEC) {
    request_budget.used.clear();
    request_budget.minute_start = now;
  }
  return request_budget.used[who->user] < requests_per_minute;
}
int flush_every_hits = 1000;  // fitness.cache_metrics_flush_hits

Digest source_digest(const std::string& source_lang, const std::string& source_text) {
  std::string input = source_lang + "\n" + source_text;
  if (GetDatabaseEncoding() != PG_UTF8) {
    char* converted = pg::pg_call(
        [&] { return pg_server_to_any(input.data(), static_cast<int>(input.size()), PG_UTF8); });
    if (converted != input.data()) input.assign(converted);
  }
  // One digest context for the backend (allocating one per call costs as much as hashing).
  static EVP_MD_CTX* context = EVP_MD_CTX_new();
  Digest digest{};
  unsigned int length = 0;
  if (context == nullptr || EVP_DigestInit_ex(context, EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(context, input.data(), input.size()) != 1 ||
      EVP_DigestFinal_ex(context, digest.data(), &length) != 1 || length != digest.size())
    throw pg::Error(ERRCODE_INTERNAL_ERROR, "sha256 of the source text failed");
  return digest;
}

Datum bytea_datum(const Digest& digest) {
  return pg::pg_call([&] {
    bytea* out = static_cast<bytea*>(palloc(VARHDRSZ + digest.size()));
    SET_VARSIZE(out, VARHDRSZ + digest.size());
    std::memcpy(VARDATA(out), digest.data(), digest.size());
    return PointerGetDatum(out);
  });
}

// A configured language for the cache (its rows reference platform.language): the tag
// normalized; 22023 when it is not a configured language. Tags as callers spell them are
// remembered until the languages change.
std::string configured_language(const std::string& tag, const char* argument) {
  static std::unordered_map<std::string, std::string> known;
  static std::uint64_t known_generation = 0;
  if (known_generation != generation(kLanguages)) {
    known.clear();
    known_generation = generation(kLanguages);
  }
  auto found = known.find(tag);
  if (found != known.end()) return found->second;
  std::string code = normalize_tag(tag);
  const std::vector<std::string>& chain = fallback_chain(code);
  if (chain.empty() || chain.front() != code)
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    std::string(argument) + " \"" + code + "\" is not a configured language", {},
                    "platform.language lists the languages translations are kept for.");
  if (known.size() < 1024) known.emplace(tag, code);
  return code;
}

std::string required_text(FunctionCallInfo fcinfo, int n, const char* name) {
  if (PG_ARGISNULL(n))
    throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED, std::string(name) + " must not be NULL");
  std::string value = pg::text_arg(fcinfo, n);
  if (value.size() > kMaxSourceBytes)
    throw pg::Error(ERRCODE_STRING_DATA_RIGHT_TRUNCATION,
                    std::string(name) + " is " + std::to_string(value.size()) +
                        " bytes; machine translations are kept for texts of at most " +
                        std::to_string(kMaxSourceBytes) + " bytes");
  return value;
}

bool can_write_here() { return !RecoveryInProgress() && !XactReadOnly && !IsInParallelMode(); }

// Writes the counters gathered since the last flush as one platform.cache_metrics row, in
// the caller's transaction (if it rolls back, the counts are written again later). Hits are
// counted per backend, not per row: a write per hit, or per translation hit, would turn
// every read into a write (and an audited one).
void flush_counters() {
  if (machine.pending_hits == 0 && machine.pending_misses == 0) return;
  static pg::KeptPlan metrics_plan(
      "INSERT INTO platform.cache_metrics (cache_name, layer, hits, misses, invalidations,"
      " entries, backend_pid) VALUES ('translation_cache', 'L1', $1, $2, $3, $4,"
      " pg_catalog.pg_backend_pid())",
      {INT8OID, INT8OID, INT8OID, INT8OID});
  pg::SpiSession spi;
  pg::ScopedOwnerSwitch owner(pg::relation_oid("platform", "cache_metrics"));
  Datum metrics[4] = {Int64GetDatum(machine.pending_hits), Int64GetDatum(machine.pending_misses),
                      Int64GetDatum(machine_stats.invalidations),
                      Int64GetDatum(static_cast<std::int64_t>(machine.entries.size()))};
  metrics_plan.execute(metrics, nullptr, false);
  machine.in_flight_hits += machine.pending_hits;
  machine.in_flight_misses += machine.pending_misses;
  machine.pending_hits = machine.pending_misses = 0;
  machine.last_flush = GetCurrentStatementStartTimestamp();
}

void maybe_flush() {
  TimestampTz now = GetCurrentStatementStartTimestamp();
  if (machine.last_flush == 0) machine.last_flush = now;
  bool due = machine.pending_hits + machine.pending_misses >= flush_every_hits ||
             now - machine.last_flush >= 60 * USECS_PER_SEC;
  if (due && can_write_here()) flush_counters();
}

void xact_callback(XactEvent event, void*) {
  if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_PARALLEL_COMMIT) {
    machine.in_flight_hits = machine.in_flight_misses = 0;
  } else if (event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT) {
    // The metrics row was rolled back: count those hits again.
    machine.pending_hits += machine.in_flight_hits;
    machine.pending_misses += machine.in_flight_misses;
    machine.in_flight_hits = machine.in_flight_misses = 0;
  }
}

void drop_stale_entries() {
  watch_fixed_tables();
  if (machine.generation != generation(kMachine)) {
    if (!machine.entries.empty()) ++machine_stats.invalidations;
    machine.entries.clear();
    machine.bytes = 0;
    machine.generation = generation(kMachine);
  }
}

FITNESS_LOAD_STEP(machine_translation, pg::LoadPhase::kCallbacks) {
  machine_stats.entries = [] { return static_cast<std::int64_t>(machine.entries.size()); };
  pg::register_cache(&machine_stats);
  pg::pg_call([] { RegisterXactCallback(xact_callback, nullptr); });
}

FITNESS_LOAD_STEP(machine_translation_settings, pg::LoadPhase::kSettings) {
  pg::pg_call([] {
    DefineCustomIntVariable("fitness.translation_cache_entries",
                            "Machine translations fitness.cached_translation() keeps per backend.",
                            nullptr, &max_entries, 50000, 100, 10000000, PGC_SUSET, 0, nullptr,
                            nullptr, nullptr);
    DefineCustomIntVariable(
        "fitness.translation_requests_per_minute",
        "Machine-translation requests a backend queues per acting user and minute.", nullptr,
        &requests_per_minute, 60, 0, 1000000, PGC_SUSET, 0, nullptr, nullptr, nullptr);
    DefineCustomIntVariable(
        "fitness.cache_metrics_flush_hits",
        "Cache hits and misses a backend gathers before writing them to platform.cache_metrics.",
        nullptr, &flush_every_hits, 1000, 1, 100000000, PGC_SUSET, 0, nullptr, nullptr, nullptr);
  });
}

}  // namespace
}  // namespace fitness::i18n

using namespace fitness;

// cached_translation(source_text text, source_lang text, target_lang text) RETURNS text
FITNESS_SQL_FUNCTION(fitness_cached_translation) {
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2)) PG_RETURN_NULL();
  std::string source_text = i18n::required_text(fcinfo, 0, "source_text");
  std::string source_lang = i18n::configured_language(pg::text_arg(fcinfo, 1), "source_lang");
  std::string target_lang = i18n::configured_language(pg::text_arg(fcinfo, 2), "target_lang");
  if (source_lang == target_lang) PG_RETURN_DATUM(pg::text_datum(source_text));
  i18n::MachineKey key{i18n::source_digest(source_lang, source_text), target_lang};
  i18n::drop_stale_entries();
  TimestampTz now = GetCurrentStatementStartTimestamp();

  auto found = i18n::machine.entries.find(key);
  if (found != i18n::machine.entries.end() && found->second.expires_at > now) {
    ++i18n::machine_stats.hits;
    ++i18n::machine.pending_hits;
    Datum result = pg::text_datum(found->second.text);
    i18n::maybe_flush();
    PG_RETURN_DATUM(result);
  }

  static pg::KeptPlan lookup_plan(
      "SELECT translated_text, coalesce(expires_at, 'infinity') FROM platform.translation_cache"
      " WHERE source_hash = $1 AND target_lang = $2 AND is_active",
      {BYTEAOID, TEXTOID});
  static pg::KeptPlan queue_plan(
      "WITH queued AS (INSERT INTO platform.translation_request (source_hash, source_text,"
      "                       source_lang, target_lang, requested_by)"
      "    VALUES ($1, $3, $4, $2, $5)"
      "    ON CONFLICT (source_hash, target_lang) WHERE status IN ('pending', 'processing')"
      "    DO NOTHING RETURNING id)"
      " SELECT pg_catalog.pg_notify('fitness_translation', id::text) FROM queued",
      {BYTEAOID, TEXTOID, TEXTOID, TEXTOID, UUIDOID});
  i18n::accept_invalidations();
  std::uint64_t before = i18n::generation(i18n::kMachine);
  std::optional<std::string> text;
  // Decided as the caller, before the owner switch below.
  std::optional<identity::Identity> who = identity::current_identity();
  bool queue_allowed = i18n::may_queue(who, now);
  {
    pg::SpiSession spi;
    pg::LatestSnapshotScope latest;
    pg::ScopedOwnerSwitch owner(pg::relation_oid("platform", "translation_cache"));
    Datum args[4] = {i18n::bytea_datum(key.source), pg::text_datum(target_lang),
                     pg::text_datum(source_text), pg::text_datum(source_lang)};
    lookup_plan.execute(args, nullptr, true, 1);
    if (SPI_processed == 1) {
      i18n::Cached entry;
      pg::pg_call([&] {
        HeapTuple tuple = SPI_tuptable->vals[0];
        TupleDesc desc = SPI_tuptable->tupdesc;
        bool is_null = false;
        entry.text = SPI_getvalue(tuple, desc, 1);
        entry.expires_at = DatumGetTimestampTz(SPI_getbinval(tuple, desc, 2, &is_null));
      });
      if (entry.expires_at > now) {
        text = entry.text;
        if (i18n::may_keep(before, i18n::kMachine)) {
          std::size_t bytes = entry.text.size() + key.target.size() + 96;
          if (static_cast<int>(i18n::machine.entries.size()) >= i18n::max_entries ||
              i18n::machine.bytes + bytes > i18n::kMaxCacheBytes) {
            i18n::machine.entries.clear();
            i18n::machine.bytes = 0;
          }
          i18n::machine.bytes += bytes;
          i18n::machine.entries[key] = std::move(entry);
        }
      }
    }
    // A miss (or an expired entry, to be refreshed): ask the worker, once, where writing
    // is possible. A standby or a read-only transaction only answers NULL.
    if (!text && i18n::can_write_here()) {
      if (queue_allowed) {
        Datum queue_args[5] = {args[0], args[1], args[2], args[3],
                               who ? who->user.datum() : static_cast<Datum>(0)};
        char nulls[6] = {' ', ' ', ' ', ' ', who ? ' ' : 'n', '\0'};
        if (queue_plan.execute(queue_args, nulls, false) > 0 && who)
          ++i18n::request_budget.used[who->user];
      }
    }
  }
  if (text) {
    ++i18n::machine_stats.hits;
    ++i18n::machine.pending_hits;
  } else {
    ++i18n::machine_stats.misses;
    ++i18n::machine.pending_misses;
  }
  i18n::maybe_flush();
  if (text) PG_RETURN_DATUM(pg::text_datum(*text));
  PG_RETURN_NULL();
}

// store_translation(source_text, source_lang, target_lang, translated_text, provider) RETURNS void
FITNESS_SQL_FUNCTION(fitness_store_translation) {
  if (!pg::current_user_has_role("fitness_service") && !pg::current_user_has_role("fitness_admin"))
    throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE, "permission denied for store_translation", {},
                    "The translation worker stores results as a member of fitness_service.");
  std::string source_text = i18n::required_text(fcinfo, 0, "source_text");
  if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
    throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED, "source_lang and target_lang must not be NULL");
  std::string source_lang = i18n::configured_language(pg::text_arg(fcinfo, 1), "source_lang");
  std::string target_lang = i18n::configured_language(pg::text_arg(fcinfo, 2), "target_lang");
  std::string translated = i18n::required_text(fcinfo, 3, "translated_text");
  std::string provider = i18n::required_text(fcinfo, 4, "provider");
  if (source_lang == target_lang)
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    "target_lang \"" + target_lang + "\" is the source language");
  if (translated.empty())
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE, "translated_text must not be empty");

  static pg::KeptPlan store_plan(
      "INSERT INTO platform.translation_cache AS c (source_hash, source_lang, target_lang,"
      "       source_text, translated_text, provider, expires_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, statement_timestamp() + make_interval(days =>"
      "   coalesce((SELECT (s.value #>> '{}')::integer FROM platform.system_setting s"
      "              WHERE s.key = 'translation.cache_ttl_days' AND s.is_active), 180)))"
      " ON CONFLICT (source_hash, target_lang) WHERE is_active DO UPDATE"
      "   SET translated_text = EXCLUDED.translated_text, provider = EXCLUDED.provider,"
      "       expires_at = EXCLUDED.expires_at, updated_at = statement_timestamp()"
      " WHERE (c.translated_text, c.provider) IS DISTINCT FROM (EXCLUDED.translated_text, "
      "EXCLUDED.provider)"
      "    OR c.expires_at <= statement_timestamp()",
      {BYTEAOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID});
  static pg::KeptPlan close_plan(
      "UPDATE platform.translation_request SET status = 'done', processed_at = "
      "statement_timestamp()"
      " WHERE source_hash = $1 AND target_lang = $2 AND status IN ('pending', 'processing')",
      {BYTEAOID, TEXTOID});
  i18n::Digest digest = i18n::source_digest(source_lang, source_text);
  pg::SpiSession spi;
  pg::ScopedOwnerSwitch owner(pg::relation_oid("platform", "translation_cache"));
  Datum args[6] = {i18n::bytea_datum(digest),   pg::text_datum(source_lang),
                   pg::text_datum(target_lang), pg::text_datum(source_text),
                   pg::text_datum(translated),  pg::text_datum(provider)};
  store_plan.execute(args, nullptr, false);
  Datum request[2] = {args[0], args[2]};
  close_plan.execute(request, nullptr, false);
  PG_RETURN_VOID();
}

// flush_cache_metrics() RETURNS void: writes this backend's gathered counters now.
FITNESS_SQL_FUNCTION(fitness_flush_cache_metrics) {
  (void)fcinfo;
  if (!i18n::can_write_here())
    throw pg::Error(ERRCODE_READ_ONLY_SQL_TRANSACTION,
                    "cache metrics cannot be written in a read-only transaction or on a standby");
  i18n::flush_counters();
  PG_RETURN_VOID();
}
