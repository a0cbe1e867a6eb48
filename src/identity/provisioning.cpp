// Accounts created from a verified token (keys added with provision => true): the first
// token of a subject without an app_user creates it from its claims, once, also when two
// first requests race (the unique index on active auth_subjects decides; the loser reads the
// winner's row).
#include "identity/provisioning.hpp"

#include <cctype>

#include "pg/args.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/subtransaction.hpp"

namespace fitness::identity {
namespace {

constexpr int kReason = ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION;  // 28000

// Whether text holds a control character: C0, DEL or C1 (U+0080..U+009F, as UTF-8).
bool has_control(const std::string& text) {
  for (size_t i = 0; i < text.size(); i++) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) return true;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F)
      return true;
  }
  return false;
}

// A name claim, control characters turned into spaces; nullopt when absent or blank.
std::optional<std::string> string_claim(const Claims& claims, const char* name) {
  auto found = claims.find(name);
  if (found == claims.end() || found->second.kind != Claim::Kind::String) return std::nullopt;
  std::string text = found->second.text;
  for (size_t i = 0; i < text.size(); i++) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) text[i] = ' ';
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F)
      text.replace(i, 2, " ");
  }
  if (text.find_first_not_of(' ') == std::string::npos) return std::nullopt;
  return text;
}

// "en_us", "EN-US", "pt-br" -> "en-US", "pt-BR"; the account gets that language if the
// platform has it, else its primary language (de-AT -> de), else English.
std::string language_tag(std::string tag) {
  for (char& c : tag) c = c == '_' ? '-' : c;
  size_t start = 0;
  for (int part = 0; start <= tag.size(); part++) {
    size_t end = tag.find('-', start);
    if (end == std::string::npos) end = tag.size();
    size_t length = end - start;
    for (size_t i = start; i < end; i++) {
      unsigned char c = static_cast<unsigned char>(tag[i]);
      bool upper = part > 0 && length == 2;                // region: BR
      bool title = part > 0 && length == 4 && i == start;  // script: Hant
      tag[i] = static_cast<char>(upper || title ? std::toupper(c) : std::tolower(c));
    }
    start = end + 1;
  }
  return tag;
}

std::string display_name_of(const Claims& claims) {
  if (auto name = string_claim(claims, "name")) return *name;
  auto given = string_claim(claims, "given_name");
  auto family = string_claim(claims, "family_name");
  if (given && family) return *given + " " + *family;
  if (given) return *given;
  for (const char* name : {"preferred_username", "nickname"})
    if (auto value = string_claim(claims, name)) return *value;
  if (auto email = string_claim(claims, "email")) {
    std::string local = email->substr(0, email->find('@'));
    if (!local.empty()) return local;
  }
  return "New user";
}

// The (uuid, boolean) first row of the last SPI result.
void read_id_and_flag(Uuid* id, bool* flag) {
  pg::pg_call([&] {
    bool is_null = false;
    Datum value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &is_null);
    std::memcpy(id->bytes.data(), DatumGetUUIDP(value)->data, UUID_LEN);
    *flag = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &is_null));
  });
}

}  // namespace

Uuid provision_account(const std::string& subject, const std::optional<std::string>& issuer,
                       const Claims& claims, const std::string& kid) {
  // What app_user's CHECK would refuse is refused here, as 28000: its error would show the
  // row (the token's claims) in its detail.
  size_t characters = 0;
  for (unsigned char c : subject) characters += (c & 0xC0) != 0x80;
  if (characters > 255 || has_control(subject) ||
      subject.find_first_not_of(' ') == std::string::npos)
    throw pg::Error(
        kReason,
        "authentication failed: the subject cannot name a new account (1 to 255 characters,"
        " not blank, no control characters)");
  // Names longer than the table allows are cut (left() counts characters); an email that
  // is malformed or already another active account's is left out rather than linked: an
  // account is never joined to another by its email.
  static pg::KeptPlan insert_plan(
      "INSERT INTO user_mgmt.app_user (auth_subject, auth_issuer, email, email_verified_at, "
      "display_name,"
      " given_name, family_name, language_code)"
      " SELECT $1, $8, e.email, CASE WHEN $3 AND e.email IS NOT NULL THEN now() END,"
      "  left(btrim($4), 100), left(btrim($5), 100), left(btrim($6), 100),"
      "  coalesce((SELECT l.code FROM platform.language l WHERE l.code = $7),"
      "           (SELECT l.code FROM platform.language l WHERE l.code = split_part($7, '-', 1)), "
      "'en')"
      " FROM (SELECT CASE WHEN length($2) <= 254 AND $2 ~ "
      "'^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'"
      "   AND NOT EXISTS (SELECT 1 FROM user_mgmt.app_user u WHERE lower(u.email) = lower($2) AND "
      "u.is_active)"
      "   THEN $2 END AS email) e"
      " ON CONFLICT (auth_subject) WHERE is_active DO NOTHING RETURNING id, email IS NULL AND $2 "
      "IS NOT NULL",
      {TEXTOID, TEXTOID, BOOLOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID});
  // The active account that holds the subject (unique among active accounts), and whether
  // it is this issuer's.
  static pg::KeptPlan winner_plan(
      "SELECT id, auth_issuer IS NOT DISTINCT FROM $8 FROM user_mgmt.app_user WHERE auth_subject = "
      "$1 AND is_active",
      {TEXTOID, TEXTOID, BOOLOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID});
  static pg::KeptPlan event_plan(
      "INSERT INTO platform.system_event (event_type, aggregate_type, aggregate_id, payload)"
      " VALUES ('user.provisioned', 'app_user', $1, jsonb_strip_nulls(jsonb_build_object("
      " 'kid', $2::text, 'email_left_out', nullif($3, false))))",
      {UUIDOID, TEXTOID, BOOLOID});

  std::optional<std::string> email = string_claim(claims, "email");
  auto verified = claims.find("email_verified");
  bool email_verified = verified != claims.end() && verified->second.kind == Claim::Kind::Bool &&
                        verified->second.number != 0;
  std::optional<std::string> given = string_claim(claims, "given_name");
  std::optional<std::string> family = string_claim(claims, "family_name");
  std::optional<std::string> locale = string_claim(claims, "locale");
  std::string display = display_name_of(claims);
  std::string language = locale ? language_tag(*locale) : "en";

  auto text = [](const std::optional<std::string>& value) -> Datum {
    return value ? pg::text_datum(*value) : static_cast<Datum>(0);
  };
  pg::SpiSession spi;
  pg::ScopedOwnerSwitch owner(pg::relation_oid("user_mgmt", "app_user"));
  Datum args[8] = {text(subject),  text(email), BoolGetDatum(email_verified),
                   text(display),  text(given), text(family),
                   text(language), text(issuer)};
  const char nulls[9] = {' ', email ? ' ' : 'n',  ' ', ' ', given ? ' ' : 'n', family ? ' ' : 'n',
                         ' ', issuer ? ' ' : 'n', '\0'};
  // The insert runs in a subtransaction: a concurrent first sign-in of another subject with
  // the same email (unique among active accounts) makes it fail; the account is then
  // created without the email. Any other failure is reported without its detail.
  auto insert = [&]() -> bool {
    char row_nulls[9];
    std::memcpy(row_nulls, nulls, sizeof row_nulls);
    for (bool with_email : {true, false}) {
      if (!with_email) row_nulls[1] = 'n';
      try {
        pg::SubTransaction attempt;
        bool created = insert_plan.execute(args, row_nulls, false) == 1;
        attempt.commit();
        return created;
      } catch (const pg::PgError& e) {  // rolled back with the subtransaction
        if (with_email && email && e.sqlstate() == ERRCODE_UNIQUE_VIOLATION) continue;
        // Cancels, timeouts, serialization failures and lack of resources stay what they are.
        char category[3] = {PGUNSIXBIT(e.sqlstate()), PGUNSIXBIT(e.sqlstate() >> 6), '\0'};
        if (std::string_view(category) == "40" || std::string_view(category) == "57" ||
            std::string_view(category) == "53")
          throw;
        throw pg::Error(kReason,
                        "authentication failed: the account of this subject could not be created");
      }
    }
    return false;
  };
  Uuid id;
  if (insert()) {
    bool email_left_out = false;
    read_id_and_flag(&id, &email_left_out);
    Datum event[3] = {id.datum(), text(kid), BoolGetDatum(email_left_out)};
    event_plan.execute(event, nullptr, false);
    return id;
  }
  // The subject is held already: another session created it first (ON CONFLICT waited for
  // its commit; read its row with a new snapshot: read committed, under repeatable read the
  // insert raised 40001), or an account of another issuer holds it.
  pg::LatestSnapshotScope latest;
  if (winner_plan.execute(args, nulls, true, 1) == 0)
    throw pg::Error(
        kReason,
        "authentication failed: the account of this subject was created and removed concurrently");
  bool same_issuer = false;
  read_id_and_flag(&id, &same_issuer);
  if (!same_issuer)
    throw pg::Error(kReason,
                    "authentication failed: the subject belongs to an account of another issuer");
  return id;
}

}  // namespace fitness::identity
