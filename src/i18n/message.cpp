// fitness.message(key, lang, args): interface and notification strings of
// platform.ui_message along the language's fallback chain, with {name} placeholders filled
// from a jsonb object. The whole table is kept per backend (it is small) until it changes.

#include <unordered_map>

#include "i18n/invalidation.hpp"
#include "i18n/language.hpp"
#include "pg/args.hpp"
#include "pg/cache_stats.hpp"
#include "pg/function.hpp"
#include "pg/load_steps.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"

namespace fitness::i18n {
namespace {

struct Messages {
  std::unordered_map<std::string, std::unordered_map<std::string, std::string>> by_key;
  std::uint64_t generation = 0;
  bool loaded = false;
};
Messages messages;
pg::CacheStats message_stats{"message", nullptr};

Messages& current_messages() {
  watch_fixed_tables();
  if (messages.loaded && messages.generation == generation(kMessages)) {
    ++message_stats.hits;
    return messages;
  }
  ++message_stats.misses;
  if (messages.loaded) ++message_stats.invalidations;
  static pg::KeptPlan plan(
      "SELECT key, language_code, text FROM platform.ui_message WHERE is_active", {});
  accept_invalidations();
  std::uint64_t before = generation(kMessages);
  Messages fresh;
  {
    pg::SpiSession spi;
    pg::LatestSnapshotScope latest;
    pg::ScopedOwnerSwitch owner(pg::relation_oid("platform", "ui_message"));
    plan.execute(nullptr, nullptr, true);
    std::uint64_t rows = SPI_processed;
    for (std::uint64_t i = 0; i < rows; i++) {
      std::string key, language, text;
      pg::pg_call([&] {
        HeapTuple tuple = SPI_tuptable->vals[i];
        TupleDesc desc = SPI_tuptable->tupdesc;
        key = SPI_getvalue(tuple, desc, 1);
        language = SPI_getvalue(tuple, desc, 2);
        text = SPI_getvalue(tuple, desc, 3);
      });
      fresh.by_key[key].emplace(std::move(language), std::move(text));
    }
  }
  fresh.generation = before;
  fresh.loaded = may_keep(before, kMessages);
  messages = std::move(fresh);
  return messages;
}

bool identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool identifier_part(char c) { return identifier_start(c) || (c >= '0' && c <= '9'); }

// The argument's text: a string as is, a number or boolean as JSON writes it, an object or
// array as JSON text; nullopt for a JSON null or a missing key (the placeholder stays).
std::optional<std::string> argument_text(Jsonb* args, const std::string& name) {
  std::optional<std::string> out;
  pg::pg_call([&] {
    JsonbValue* value = getKeyJsonValueFromContainer(&args->root, name.data(),
                                                     static_cast<int>(name.size()), nullptr);
    if (value == nullptr || value->type == jbvNull) return;
    char* text = nullptr;
    switch (value->type) {
      case jbvString:
        out.emplace(value->val.string.val, value->val.string.len);
        return;
      case jbvNumeric:
        text =
            DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value->val.numeric)));
        break;
      case jbvBool:
        text = const_cast<char*>(value->val.boolean ? "true" : "false");
        break;
      default:
        text = JsonbToCString(nullptr, value->val.binary.data, value->val.binary.len);
        break;
    }
    out.emplace(text);
  });
  return out;
}

std::string fill_placeholders(const std::string& text, Jsonb* args) {
  if (args == nullptr) return text;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '{' && i + 1 < text.size() && identifier_start(text[i + 1])) {
      std::size_t end = i + 1;
      while (end < text.size() && identifier_part(text[end])) end++;
      if (end < text.size() && text[end] == '}') {
        std::optional<std::string> value = argument_text(args, text.substr(i + 1, end - i - 1));
        out += value ? *value : text.substr(i, end - i + 1);
        i = end + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace
}  // namespace fitness::i18n

using namespace fitness;

// message(key text, lang text DEFAULT NULL, args jsonb DEFAULT NULL) RETURNS text
FITNESS_SQL_FUNCTION(fitness_message) {
  if (PG_ARGISNULL(0)) PG_RETURN_NULL();
  std::string key = pg::text_arg(fcinfo, 0);
  const std::vector<std::string>& chain = i18n::requested_chain(fcinfo, 1);
  Jsonb* args = nullptr;
  if (!PG_ARGISNULL(2)) {
    args = pg::pg_call([&] { return PG_GETARG_JSONB_P(2); });
    if (!JB_ROOT_IS_OBJECT(args) || JB_ROOT_IS_SCALAR(args))
      throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                      "message arguments must be a JSON object, not " +
                          std::string(JB_ROOT_IS_SCALAR(args) ? "a scalar" : "an array"),
                      {}, "e.g. '{\"name\": \"Ana\"}' fills {name}.");
  }
  const i18n::Messages& all = i18n::current_messages();
  auto found = all.by_key.find(key);
  if (found == all.by_key.end()) PG_RETURN_NULL();
  for (const std::string& language : chain) {
    auto text = found->second.find(language);
    if (text != found->second.end())
      PG_RETURN_DATUM(pg::text_datum(i18n::fill_placeholders(text->second, args)));
  }
  PG_RETURN_NULL();
}

namespace fitness::i18n {
FITNESS_LOAD_STEP(message_stats, pg::LoadPhase::kCallbacks) {
  message_stats.entries = [] { return static_cast<std::int64_t>(messages.by_key.size()); };
  pg::register_cache(&message_stats);
}
}  // namespace fitness::i18n
