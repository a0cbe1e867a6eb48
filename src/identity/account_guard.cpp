// fitness.app_user_identity_guard(): BEFORE INSERT OR UPDATE OF auth_subject row trigger on
// user_mgmt.app_user. authenticate resolves a token's sub as an account id first and as an
// identity provider's subject (auth_subject) otherwise, so the two must never name
// different accounts: an auth_subject may not be the id of another account (in the canonical
// form authenticate reads as an id; other spellings are plain subjects), and a new account
// may not take an id that is already another account's auth_subject. Either would
// hand one person's sign-ins to another account (23505, naming the value).

#include "identity/context.hpp"
#include "pg/function.hpp"
#include "pg/relation_cache.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"

namespace fitness::identity {
namespace {

// Another account whose id is `id` (as the owner: policies hide other people's accounts).
bool other_account_has_id(const Uuid& id, const Uuid& self) {
  static pg::KeptPlan plan("SELECT 1 FROM user_mgmt.app_user WHERE id = $1 AND id <> $2",
                           {UUIDOID, UUIDOID});
  Datum args[2] = {id.datum(), self.datum()};
  return plan.execute(args, nullptr, true, 1) > 0;
}

// Another account whose auth_subject is `id` in the canonical text form (the only one
// authenticate reads as an id).
bool other_account_has_subject(const Uuid& id, const Uuid& self) {
  static pg::KeptPlan plan("SELECT 1 FROM user_mgmt.app_user WHERE auth_subject = $1 AND id <> $2",
                           {TEXTOID, UUIDOID});
  std::string text = id.text();
  const char* text_value = text.c_str();
  Datum args[2] = {pg::pg_call([&] { return CStringGetTextDatum(text_value); }), self.datum()};
  return plan.execute(args, nullptr, true, 1) > 0;
}

}  // namespace
}  // namespace fitness::identity

FITNESS_SQL_FUNCTION(fitness_app_user_identity_guard) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(fcinfo, "fitness.app_user_identity_guard",
                                           pg::fired_before_row_write, pg::kBeforeRowWrite);
  Relation rel = trigdata->tg_relation;
  bool is_insert = TRIGGER_FIRED_BY_INSERT(trigdata->tg_event);
  HeapTuple row = is_insert ? trigdata->tg_trigtuple : trigdata->tg_newtuple;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
  const pg::ColumnMeta* subject_column = meta.find("auth_subject");
  if (meta.id_attnum == InvalidAttrNumber || subject_column == nullptr)
    throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                    "fitness.app_user_identity_guard() needs the columns id and auth_subject");
  TupleDesc desc = RelationGetDescr(rel);
  bool id_null = false, subject_null = false;
  Uuid id;
  std::string subject;
  AttrNumber subject_attnum = subject_column->attnum;
  pg::pg_call([&] {
    Datum id_value = heap_getattr(row, meta.id_attnum, desc, &id_null);
    if (!id_null) std::memcpy(id.bytes.data(), DatumGetUUIDP(id_value)->data, UUID_LEN);
    Datum subject_value = heap_getattr(row, subject_attnum, desc, &subject_null);
    if (!subject_null) {
      char* subject_text = TextDatumGetCString(subject_value);
      subject.assign(subject_text);
      pfree(subject_text);
    }
  });
  if (id_null) return PointerGetDatum(row);  // NOT NULL reports it
  std::optional<Uuid> subject_id =
      subject_null ? std::nullopt : identity::account_id_of_subject(subject);

  pg::SpiSession spi;
  pg::ScopedOwnerSwitch owner = pg::ScopedOwnerSwitch::as_role(meta.owner);
  if (subject_id && *subject_id != id && identity::other_account_has_id(*subject_id, id))
    throw pg::Error(
        ERRCODE_UNIQUE_VIOLATION, "auth_subject \"" + subject + "\" is the id of another account",
        "A token whose sub is an account's id signs in as that account, so this subject would "
        "never reach account " +
            id.text() + ".",
        "Link the account to the identity provider's own subject for this person.");
  if (is_insert && identity::other_account_has_subject(id, id))
    throw pg::Error(ERRCODE_UNIQUE_VIOLATION,
                    "id " + id.text() + " is the auth_subject of another account",
                    "Tokens for that subject would sign in as the new account instead.",
                    "Let the id default (fitness.uuid_generate_v7()).");
  return PointerGetDatum(row);
}
