// The key ring: fitness.jwt_key read into backend memory, and its management functions
// add_jwt_key, retire_jwt_key, import_jwks (superuser or fitness_admin). The table is
// read and written only here, as its owner: no SQL role is granted anything on it.
#include "identity/keyring.hpp"

#include <unordered_map>
#include <unordered_set>

#include "pg/cache_stats.hpp"
#include "identity/context.hpp"
#include "pg/args.hpp"
#include "pg/function.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"
#include "pg/load_steps.hpp"

namespace fitness::identity {
namespace {

constexpr int kReason = ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION;  // 28000

struct Ring {
  std::unordered_map<std::string, RingKey> active;  // not retired (may have expired)
  std::unordered_set<std::string> retired;
  std::uint64_t generation = 0;  // invalidation generation it was loaded under
  bool loaded = false;
};
Ring ring;
std::uint64_t ring_generation = 1;  // bumped by every invalidation of the key table
Oid key_table = InvalidOid;

pg::CacheStats keyring_stats{"jwt_keys",
                             [] { return static_cast<std::int64_t>(ring.active.size()); }};

void keyring_relcache_callback(Datum, Oid relid) {
  if (relid != InvalidOid && relid != key_table) return;  // InvalidOid: cache reset
  ++ring_generation;
  ++keyring_stats.invalidations;
  key_table = InvalidOid;  // looked up again: the extension may have been re-created
}

// Values from tokens and callers are named in messages, never raw or at any length.
std::string shown(const std::string& value) { return printable(value); }

// Reads the whole table (a handful of rows) with the latest snapshot, so a ring kept until
// the next invalidation is never older than the invalidations already read.
void load_ring() {
  static pg::KeptPlan plan(
      "SELECT kid, alg, key_material, issuer, audience, expires_at, provision, retired_at IS NOT "
      "NULL"
      " FROM fitness.jwt_key",
      {});
  std::uint64_t generation = ring_generation;
  Ring loaded;
  {
    pg::SpiSession spi;
    if (key_table == InvalidOid) key_table = pg::relation_oid("fitness", "jwt_key");
    pg::LatestSnapshotScope snapshot;
    pg::ScopedOwnerSwitch owner(key_table);
    std::uint64_t rows = plan.execute(nullptr, nullptr, true);
    for (std::uint64_t i = 0; i < rows; i++) {
      struct Row {
        char* text[5];
        TimestampTz expires_at;
        bool provision, retired;
      } row{};
      pg::pg_call([&] {
        HeapTuple tuple = SPI_tuptable->vals[i];
        TupleDesc desc = SPI_tuptable->tupdesc;
        for (int c = 0; c < 5; c++) row.text[c] = SPI_getvalue(tuple, desc, c + 1);
        bool is_null = false;
        Datum expires = SPI_getbinval(tuple, desc, 6, &is_null);
        row.expires_at = is_null ? DT_NOEND : DatumGetTimestampTz(expires);
        row.provision = DatumGetBool(SPI_getbinval(tuple, desc, 7, &is_null));
        row.retired = DatumGetBool(SPI_getbinval(tuple, desc, 8, &is_null));
      });
      std::string kid = row.text[0];
      if (row.retired) {
        loaded.retired.insert(kid);
        continue;
      }
      std::optional<Algorithm> alg = algorithm_named(row.text[1]);
      if (!alg)
        throw pg::Error(ERRCODE_DATA_CORRUPTED,
                        "key ring entry \"" + kid + "\" has an unknown algorithm");
      RingKey key{kid,          VerificationKey{}, std::nullopt,
                  std::nullopt, row.expires_at,    row.provision};
      try {
        key.key = VerificationKey::from_material(*alg, row.text[2]);
      } catch (const JwtError& e) {  // written around add_jwt_key (by a superuser)
        throw pg::Error(ERRCODE_DATA_CORRUPTED,
                        "key ring entry \"" + kid + "\" is unusable: " + e.what());
      }
      if (row.text[3] != nullptr) key.issuer = std::string(row.text[3]);
      if (row.text[4] != nullptr) key.audience = std::string(row.text[4]);
      loaded.active.emplace(kid, std::move(key));
    }
    loaded.loaded = snapshot.taken_latest();  // in parallel mode: this call only
  }
  loaded.generation = generation;
  ring = std::move(loaded);
}

[[noreturn]] void refuse(const std::string& reason) {
  throw pg::Error(kReason, "authentication failed: " + reason);
}

}  // namespace

const RingKey& choose_key(const ParsedToken& token) {
  if (ring.loaded && ring.generation == ring_generation) {
    ++keyring_stats.hits;
  } else {
    ++keyring_stats.misses;
    load_ring();
  }
  TimestampTz now = GetCurrentTimestamp();
  const RingKey* chosen = nullptr;
  if (token.kid) {
    auto found = ring.active.find(*token.kid);
    if (found == ring.active.end()) {
      if (ring.retired.count(*token.kid) != 0)
        refuse("key \"" + shown(*token.kid) + "\" is retired");
      refuse("unknown key \"" + shown(*token.kid) + "\"");
    }
    chosen = &found->second;
  } else {
    int usable = 0;
    for (const auto& [kid, key] : ring.active)
      if (key.expires_at > now) {
        chosen = &key;
        ++usable;
      }
    if (usable == 0) refuse("the key ring has no active key (fitness.add_jwt_key adds one)");
    if (usable > 1)
      refuse("token has no kid and the key ring has " + std::to_string(usable) + " active keys");
  }
  if (chosen->expires_at <= now) refuse("key \"" + shown(chosen->kid) + "\" has expired");
  return *chosen;
}

FITNESS_LOAD_STEP(keyring_invalidation, pg::LoadPhase::kCallbacks) {
  pg::pg_call(
      [] { CacheRegisterRelcacheCallback(keyring_relcache_callback, static_cast<Datum>(0)); });
  pg::register_cache(&keyring_stats);
}

namespace {

// Key management: superusers and fitness_admin only (the functions are granted to
// fitness_admin alone; this check holds also if someone grants them further).
void require_key_manager(const char* function) {
  if (!pg::current_user_has_role("fitness_admin"))
    throw pg::Error(ERRCODE_INSUFFICIENT_PRIVILEGE,
                    std::string("permission denied for ") + function, {},
                    "Only superusers and members of fitness_admin manage the key ring.");
}

std::string required_text(FunctionCallInfo fcinfo, int n, const char* function, const char* name) {
  if (PG_ARGISNULL(n))
    throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED,
                    std::string(function) + ": " + name + " must not be NULL");
  return pg::text_arg(fcinfo, n);
}

// The table's CHECK says the same; it must never be the one to refuse, since its error
// would show the whole row, key material included.
void check_kid(const std::string& kid) {
  bool printable_ascii = true;
  for (unsigned char c : kid) printable_ascii = printable_ascii && c >= 0x20 && c < 0x7f;
  if (kid.empty() || kid.size() > 256 || !printable_ascii || kid.front() == ' ' ||
      kid.back() == ' ')
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    "key id \"" + shown(kid) +
                        "\" is not 1 to 256 printable ASCII characters"
                        " without leading or trailing spaces");
}

// An issuer or audience: NULL (not checked), or 1 to 255 characters without control
// characters and not blank (an account's auth_issuer holds the same).
void check_optional_name(const std::optional<std::string>& value, const char* name) {
  if (!value) return;
  bool control = false;
  size_t characters = 0;
  for (unsigned char c : *value) {
    control = control || c < 0x20 || c == 0x7f;
    characters += (c & 0xC0) != 0x80;
  }
  if (control || characters > 255 || value->find_first_not_of(' ') == std::string::npos)
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    std::string(name) +
                        " must be 1 to 255 characters, not blank, without control characters"
                        " (NULL: not checked)");
}

// A provider's public key without an audience accepts the provider's tokens for every
// application it serves (a shared provider's ID tokens included): said once, as a warning.
// And a public key without an issuer is a platform key: its tokens may name any account by
// its id. An identity provider's keys should say whose they are.
void warn_without_audience(const std::optional<std::string>& audience, const char* what) {
  if (audience) return;
  pg::pg_call([&] {
    ereport(
        WARNING,
        (errmsg("%s has no audience: tokens the issuer made for any application will be accepted",
                what),
         errhint("Pass audience => '<your API's audience>' to accept only tokens made for you.")));
  });
}
void warn_without_issuer(const std::optional<std::string>& issuer, const char* what) {
  if (issuer) return;
  pg::pg_call([&] {
    ereport(
        WARNING,
        (errmsg("%s has no issuer: it is treated as the platform's own, its tokens may name any "
                "account"
                " by its id",
                what),
         errhint(
             "For an identity provider's keys pass issuer => '<its iss>': they then sign in only"
             " that provider's accounts.")));
  });
}

struct NewKey {
  std::string kid;
  Algorithm alg;
  std::string material;
  std::string fingerprint;
  std::optional<std::string> issuer, audience;
  std::optional<TimestampTz> expires_at;
  bool provision = false;
  const char* source;
};

// Inserts the key and its jwt_key.added event (as the table owner, inside an open SPI
// session); false when the kid is already in the ring (retired kids included).
bool insert_key(const NewKey& key) {
  static pg::KeptPlan insert_plan(
      "INSERT INTO fitness.jwt_key (kid, alg, key_material, issuer, audience, expires_at, "
      "provision,"
      " source, fingerprint, added_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
      " ON CONFLICT (kid) DO NOTHING",
      {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TIMESTAMPTZOID, BOOLOID, TEXTOID, TEXTOID,
       TEXTOID});
  static pg::KeptPlan event_plan(
      "INSERT INTO platform.system_event (event_type, aggregate_type, payload, actor_user_id)"
      " VALUES ('jwt_key.added', 'jwt_key', jsonb_strip_nulls(jsonb_build_object('kid', $1::text,"
      " 'alg', $2::text, 'issuer', $3::text, 'audience', $4::text, 'expires_at', $5::timestamptz,"
      " 'provision', $6::boolean, 'source', $7::text, 'fingerprint', $8::text, 'db_role', "
      "$9::text)),"
      " fitness.current_user_id())",
      {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TIMESTAMPTZOID, BOOLOID, TEXTOID, TEXTOID, TEXTOID});
  Datum role = pg::client_role_name();
  Datum kid = pg::text_datum(key.kid);
  Datum alg = pg::text_datum(algorithm_name(key.alg));
  Datum issuer = key.issuer ? pg::text_datum(*key.issuer) : static_cast<Datum>(0);
  Datum audience = key.audience ? pg::text_datum(*key.audience) : static_cast<Datum>(0);
  Datum expires = key.expires_at ? TimestampTzGetDatum(*key.expires_at) : static_cast<Datum>(0);
  Datum fingerprint =
      key.fingerprint.empty() ? static_cast<Datum>(0) : pg::text_datum(key.fingerprint);
  Datum source = pg::text_datum(key.source);
  char n_issuer = key.issuer ? ' ' : 'n', n_audience = key.audience ? ' ' : 'n';
  char n_expires = key.expires_at ? ' ' : 'n', n_fingerprint = key.fingerprint.empty() ? 'n' : ' ';
  Datum row[10] = {kid,         alg,     pg::text_datum(key.material), issuer,
                   audience,    expires, BoolGetDatum(key.provision),  source,
                   fingerprint, role};
  const char row_nulls[11] = {' ', ' ', ' ',           n_issuer, n_audience, n_expires,
                              ' ', ' ', n_fingerprint, ' ',      '\0'};
  if (insert_plan.execute(row, row_nulls, false) == 0) return false;
  Datum event[9] = {kid,    alg,         issuer, audience, expires, BoolGetDatum(key.provision),
                    source, fingerprint, role};
  const char event_nulls[10] = {' ', ' ', n_issuer,      n_audience, n_expires,
                                ' ', ' ', n_fingerprint, ' ',        '\0'};
  event_plan.execute(event, event_nulls, false);
  return true;
}

// Runs a key-management body; no error shows key material: the statement's text (which
// holds the key) stays out of the server log, and a server error's detail (a constraint's
// "Failing row contains (...)") is dropped.
template <typename Body>
Datum managing_keys(Body&& body) {
  try {
    return body();
  } catch (pg::Error& e) {
    e.hide_statement();
    throw;
  } catch (pg::PgError& e) {
    e.keep_out_of_log(true);
    throw;
  }
}

}  // namespace
}  // namespace fitness::identity

using namespace fitness;

// add_jwt_key(kid, alg, key, issuer, audience, expires_at, provision) RETURNS void
FITNESS_SQL_FUNCTION(fitness_add_jwt_key) {
  return identity::managing_keys([&]() -> Datum {
    identity::require_key_manager("fitness.add_jwt_key");
    identity::NewKey key;
    key.kid = identity::required_text(fcinfo, 0, "add_jwt_key", "kid");
    std::string alg = identity::required_text(fcinfo, 1, "add_jwt_key", "alg");
    key.material = identity::required_text(fcinfo, 2, "add_jwt_key", "key");
    identity::check_kid(key.kid);
    std::optional<identity::Algorithm> algorithm = identity::algorithm_named(alg);
    if (!algorithm)
      throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                      "algorithm \"" + identity::shown(alg) + "\" is not accepted", {},
                      "Use HS256 (shared secret), RS256 or ES256 (PEM public key).");
    key.alg = *algorithm;
    try {
      identity::VerificationKey parsed =
          identity::VerificationKey::from_material(key.alg, key.material);
      key.fingerprint = parsed.fingerprint();
      if (!parsed.pem().empty())
        key.material = parsed.pem();  // the key alone, as OpenSSL writes it
    } catch (const identity::JwtError& e) {
      throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                      "key \"" + identity::shown(key.kid) + "\" is not usable: " + e.what());
    }
    key.issuer = pg::optional_text_arg(fcinfo, 3);
    key.audience = pg::optional_text_arg(fcinfo, 4);
    identity::check_optional_name(key.issuer, "issuer");
    identity::check_optional_name(key.audience, "audience");
    if (!PG_ARGISNULL(5)) {
      key.expires_at = PG_GETARG_TIMESTAMPTZ(5);
      if (*key.expires_at <= GetCurrentTransactionStartTimestamp())
        throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                        "key \"" + key.kid + "\": expires_at is not in the future");
    }
    key.provision = !PG_ARGISNULL(6) && PG_GETARG_BOOL(6);
    key.source = "add_jwt_key";
    if (key.alg != identity::Algorithm::HS256) {
      identity::warn_without_issuer(key.issuer, "the key");
      identity::warn_without_audience(key.audience, "the key");
    }
    pg::SpiSession spi;
    pg::ScopedOwnerSwitch owner(pg::relation_oid("fitness", "jwt_key"));
    if (!identity::insert_key(key))
      throw pg::Error(
          ERRCODE_DUPLICATE_OBJECT, "key \"" + key.kid + "\" is already in the key ring", {},
          "A key id is never reused, also after retire_jwt_key: give the new key a new kid.");
    PG_RETURN_VOID();
  });
}

// retire_jwt_key(kid) RETURNS void
FITNESS_SQL_FUNCTION(fitness_retire_jwt_key) {
  return identity::managing_keys([&]() -> Datum {
    identity::require_key_manager("fitness.retire_jwt_key");
    std::string kid = identity::required_text(fcinfo, 0, "retire_jwt_key", "kid");
    static pg::KeptPlan retire_plan(
        "WITH retired AS (UPDATE fitness.jwt_key SET retired_at = now(), retired_by = $2"
        "  WHERE kid = $1 AND retired_at IS NULL RETURNING kid, alg, issuer)"
        " INSERT INTO platform.system_event (event_type, aggregate_type, payload, actor_user_id)"
        " SELECT 'jwt_key.retired', 'jwt_key', jsonb_strip_nulls(jsonb_build_object('kid', r.kid,"
        " 'alg', r.alg, 'issuer', r.issuer, 'db_role', $2)), fitness.current_user_id() FROM "
        "retired r",
        {TEXTOID, TEXTOID});
    static pg::KeptPlan exists_plan("SELECT 1 FROM fitness.jwt_key WHERE kid = $1", {TEXTOID});
    pg::SpiSession spi;
    pg::ScopedOwnerSwitch owner(pg::relation_oid("fitness", "jwt_key"));
    Datum args[2] = {pg::text_datum(kid), pg::client_role_name()};
    if (retire_plan.execute(args, nullptr, false) == 0) {
      if (exists_plan.execute(args, nullptr, true, 1) == 0)
        throw pg::Error(ERRCODE_UNDEFINED_OBJECT,
                        "key \"" + identity::shown(kid) + "\" is not in the key ring");
      std::string name = identity::shown(kid);
      pg::pg_call(
          [&] { ereport(NOTICE, (errmsg("key \"%s\" was already retired", name.c_str()))); });
    }
    PG_RETURN_VOID();
  });
}

// import_jwks(jwks jsonb, issuer text, audience text) RETURNS integer
FITNESS_SQL_FUNCTION(fitness_import_jwks) {
  return identity::managing_keys([&]() -> Datum {
    using identity::shown;
    identity::require_key_manager("fitness.import_jwks");
    if (PG_ARGISNULL(0))
      throw pg::Error(ERRCODE_NULL_VALUE_NOT_ALLOWED, "import_jwks: jwks must not be NULL");
    std::optional<std::string> issuer = pg::optional_text_arg(fcinfo, 1);
    std::optional<std::string> audience = pg::optional_text_arg(fcinfo, 2);
    identity::check_optional_name(issuer, "issuer");
    identity::check_optional_name(audience, "audience");
    // The document is taken apart by SQL (jsonb operators); a member of the wrong JSON
    // type reads as NULL there and is reported below.
    static pg::KeptPlan shape_plan(
        "SELECT jsonb_typeof($1), jsonb_typeof($1 -> 'keys'), jsonb_array_length("
        " CASE WHEN jsonb_typeof($1 -> 'keys') = 'array' THEN $1 -> 'keys' ELSE '[]' END)",
        {JSONBOID});
    static pg::KeptPlan keys_plan(
        "SELECT k.n, CASE WHEN jsonb_typeof(k.j) = 'object' THEN k.j END,"
        " k.j ->> 'kty', k.j ->> 'kid', k.j ->> 'alg', k.j ->> 'use', k.j ->> 'crv',"
        " k.j ->> 'n', k.j ->> 'e', k.j ->> 'x', k.j ->> 'y'"
        " FROM jsonb_array_elements($1 -> 'keys') WITH ORDINALITY AS k (j, n) ORDER BY k.n",
        {JSONBOID});
    static pg::KeptPlan existing_plan(
        "SELECT fingerprint, retired_at IS NOT NULL FROM fitness.jwt_key WHERE kid = $1",
        {TEXTOID});
    constexpr int kMaxKeys = 100;
    Datum document = PG_GETARG_DATUM(0);
    pg::SpiSession spi;
    pg::ScopedOwnerSwitch owner(pg::relation_oid("fitness", "jwt_key"));

    shape_plan.execute(&document, nullptr, true, 1);
    struct Shape {
      char* top;
      char* keys;
      int count;
    } shape{};
    pg::pg_call([&] {
      bool is_null = false;
      shape.top = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
      shape.keys = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
      shape.count =
          DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &is_null));
    });
    if (shape.top == nullptr || std::string(shape.top) != "object" || shape.keys == nullptr ||
        std::string(shape.keys) != "array")
      throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE, "import_jwks: jwks is not a JWKS document",
                      {},
                      "Expected an object with a \"keys\" array (RFC 7517 5), as an identity "
                      "provider publishes.");
    if (shape.count > kMaxKeys)
      throw pg::Error(ERRCODE_PROGRAM_LIMIT_EXCEEDED,
                      "import_jwks: the document has " + std::to_string(shape.count) +
                          " keys, more than " + std::to_string(kMaxKeys));

    struct Jwk {
      std::string n_ordinal;
      bool is_object;
      std::optional<std::string> kty, kid, alg, use, crv, n, e, x, y;
    };
    std::vector<Jwk> jwks;
    std::uint64_t rows = keys_plan.execute(&document, nullptr, true);
    for (std::uint64_t i = 0; i < rows; i++) {
      char* values[11];
      pg::pg_call([&] {
        for (int c = 0; c < 11; c++)
          values[c] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, c + 1);
      });
      Jwk jwk;
      jwk.n_ordinal = values[0];
      jwk.is_object = values[1] != nullptr;
      std::optional<std::string>* fields[9] = {&jwk.kty, &jwk.kid, &jwk.alg, &jwk.use, &jwk.crv,
                                               &jwk.n,   &jwk.e,   &jwk.x,   &jwk.y};
      for (int c = 0; c < 9; c++)
        if (values[c + 2] != nullptr) *fields[c] = std::string(values[c + 2]);
      jwks.push_back(std::move(jwk));
    }

    identity::warn_without_issuer(issuer, "the imported key set");
    identity::warn_without_audience(audience, "the imported key set");
    int imported = 0;
    for (const Jwk& jwk : jwks) {
      std::string where = "import_jwks: key #" + jwk.n_ordinal;
      auto skip = [&](const std::string& why) {
        std::string message =
            where + (jwk.kid ? " (\"" + shown(*jwk.kid) + "\")" : "") + " skipped: " + why;
        pg::pg_call([&] { ereport(NOTICE, (errmsg("%s", message.c_str()))); });
      };
      if (!jwk.is_object)
        throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE, where + " is not a JSON object");
      if (!jwk.kty) throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE, where + " has no kty");
      if (jwk.use && *jwk.use != "sig") {
        skip("its use is \"" + shown(*jwk.use) + "\", not sig");
        continue;
      }
      identity::NewKey key;
      if (*jwk.kty == "RSA" && (!jwk.alg || *jwk.alg == "RS256")) {
        key.alg = identity::Algorithm::RS256;
      } else if (*jwk.kty == "EC" && (!jwk.alg || *jwk.alg == "ES256")) {
        key.alg = identity::Algorithm::ES256;
      } else {
        skip("kty \"" + shown(*jwk.kty) + "\"" +
             (jwk.alg ? " with alg \"" + shown(*jwk.alg) + "\"" : "") +
             " is not an RS256 or ES256 key");
        continue;
      }
      if (!jwk.kid)
        throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE, where + " has no kid", {},
                        "Tokens name their key by kid; a key without one cannot be chosen.");
      key.kid = *jwk.kid;
      identity::check_kid(key.kid);
      where += " (\"" + shown(key.kid) + "\")";
      try {
        if (key.alg == identity::Algorithm::RS256) {
          if (!jwk.n || !jwk.e) throw identity::JwtError("an RSA key needs n and e");
          key.material = identity::VerificationKey::pem_from_rsa_jwk(*jwk.n, *jwk.e);
        } else {
          if (!jwk.crv || !jwk.x || !jwk.y)
            throw identity::JwtError("an EC key needs crv, x and y");
          key.material = identity::VerificationKey::pem_from_ec_jwk(*jwk.crv, *jwk.x, *jwk.y);
        }
        key.fingerprint =
            identity::VerificationKey::from_material(key.alg, key.material).fingerprint();
      } catch (const identity::JwtError& e) {
        throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE, where + " is not usable: " + e.what());
      }
      key.issuer = issuer;
      key.audience = audience;
      key.source = "import_jwks";
      if (identity::insert_key(key)) {
        ++imported;
        continue;
      }
      // Re-importing the provider's current document is a no-op for the keys already held
      // (retired ones stay retired); the same kid with another key is refused.
      Datum kid = pg::text_datum(key.kid);
      existing_plan.execute(&kid, nullptr, true, 1);
      char* held = nullptr;
      pg::pg_call([&] { held = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1); });
      if (held == nullptr || key.fingerprint != held)
        throw pg::Error(ERRCODE_DUPLICATE_OBJECT,
                        where + ": the key ring holds another key under this kid");
    }
    PG_RETURN_INT32(imported);
  });
}

// AFTER trigger on fitness.jwt_key: this backend reloads at once, every other one from its
// next transaction after the commit.
FITNESS_SQL_FUNCTION(fitness_jwt_key_invalidate) {
  Relation table = pg::trigger_call(fcinfo, "fitness.jwt_key_invalidate")->tg_relation;
  pg::pg_call([&] { CacheInvalidateRelcache(table); });
  identity::keyring_relcache_callback(static_cast<Datum>(0), InvalidOid);
  return PointerGetDatum(nullptr);
}
