// Billing: fitness.payment_rules(), BEFORE INSERT OR UPDATE OF subscription_id, currency ...
// FOR EACH ROW on user_mgmt.payment.
//  - payment_currency (23514): a payment is in the currency of its subscription's plan.
// The other billing rules are the tables' own: amount > 0 (payment_amount_positive), one
// payer (payment_payer_exactly_one), provider_ref unique per provider among active payments
// (payment_provider_provider_ref_active_uq: a webhook delivered twice is INSERT ... ON
// CONFLICT DO NOTHING), one open subscription per subscriber and plan (unique indexes), and
// the status moves (status_machine).
#include <string>

#include "common/uuid.hpp"
#include "pg/args.hpp"
#include "pg/function.hpp"
#include "pg/relation_cache.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"
#include "rules/rule.hpp"

FITNESS_SQL_FUNCTION(fitness_payment_rules) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(fcinfo, "fitness.payment_rules",
                                           pg::fired_before_row_write, pg::kBeforeRowWrite);
  Relation rel = trigdata->tg_relation;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
  const pg::ColumnMeta* subscription_column = meta.find("subscription_id");
  const pg::ColumnMeta* currency_column = meta.find("currency");
  if (subscription_column == nullptr || currency_column == nullptr)
    throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                    "fitness.payment_rules(): " + meta.table_name +
                        " has no subscription_id or currency column");
  bool is_insert = TRIGGER_FIRED_BY_INSERT(trigdata->tg_event);
  HeapTuple row = is_insert ? trigdata->tg_trigtuple : trigdata->tg_newtuple;
  TupleDesc desc = RelationGetDescr(rel);
  Datum subscription = 0, currency = 0, id = 0;
  bool subscription_null = true, currency_null = true, id_null = true;
  pg::pg_call([&] {
    subscription = heap_getattr(row, subscription_column->attnum, desc, &subscription_null);
    currency = heap_getattr(row, currency_column->attnum, desc, &currency_null);
    id = heap_getattr(row, meta.id_attnum, desc, &id_null);
  });
  if (subscription_null || currency_null) return PointerGetDatum(row);  // NOT NULL's error
  static pg::KeptPlan plan(
      "SELECT p.currency::text, p.code, p.currency::text = rtrim($2) FROM user_mgmt.subscription s"
      "  JOIN user_mgmt.billing_plan p ON p.id = s.billing_plan_id WHERE s.id = $1",
      {UUIDOID, TEXTOID});
  std::string currency_text = pg::text_value(currency);  // char(3): laid out as text
  Datum args[2] = {subscription, pg::text_datum(currency_text)};
  pg::SpiSession spi;
  auto owner = pg::ScopedOwnerSwitch::as_role(meta.owner);
  if (plan.execute(args, nullptr, true) == 0) return PointerGetDatum(row);  // the FK's error
  bool same = pg::pg_call([] {
    bool is_null = true;
    Datum value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &is_null);
    return !is_null && DatumGetBool(value);
  });
  if (same) return PointerGetDatum(row);
  std::string plan_currency = pg::spi_first_text(1), plan_code = pg::spi_first_text(2);
  rules::violated(rules::rule("payment_currency"),
                  "payment " +
                      (id_null ? std::string("(no id)") : Uuid::from(DatumGetUUIDP(id)).text()) +
                      ": currency " + rules::shown(currency_text) + " is not the currency " +
                      rules::shown(plan_currency) + " of plan " + rules::shown(plan_code),
                  "A payment is in the currency of its subscription's billing plan.");
}
