-- Billing (src/rules/billing.cpp): a payment is in its plan's currency. Amounts, payers,
-- provider references and open subscriptions are the tables' CHECKs and unique indexes.
CREATE FUNCTION fitness.payment_rules() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_payment_rules' LANGUAGE C;
COMMENT ON FUNCTION fitness.payment_rules() IS
    'BEFORE INSERT OR UPDATE OF subscription_id, currency row trigger on user_mgmt.payment: the currency of the subscription''s plan (23514 payment_currency)';
REVOKE ALL ON FUNCTION fitness.payment_rules() FROM PUBLIC;
CREATE TRIGGER payment_rules BEFORE INSERT OR UPDATE OF subscription_id, currency ON user_mgmt.payment
    FOR EACH ROW EXECUTE FUNCTION fitness.payment_rules();
