-- Billing (src/rules/billing.cpp and the tables' own constraints): a payment is in its
-- plan's currency; amounts are positive; a provider reference is taken once, so a webhook
-- delivered twice is one payment; status moves follow the state machine. Concurrency of
-- open subscriptions: specs/subscription_race.spec.
SET TIME ZONE 'UTC';
\set u   '00000000-0000-7000-8000-0000000f7001'
\set ins '00000000-0000-7000-8000-0000000f7101'
\set pl  '00000000-0000-7000-8000-0000000f7201'
\set sub '00000000-0000-7000-8000-0000000f7301'
\set pay '00000000-0000-7000-8000-0000000f7401'
INSERT INTO user_mgmt.app_user (id, display_name, email) VALUES (:'u', 'Payer', 'payer@billing.test');
INSERT INTO user_mgmt.institution (id, name, slug) VALUES (:'ins', 'Billing Gym', 'billing-gym');
INSERT INTO user_mgmt.billing_plan (id, institution_id, code, name, amount, currency)
VALUES (:'pl', :'ins', 'monthly', 'Monthly', 49.00, 'EUR');
INSERT INTO user_mgmt.subscription (id, user_id, billing_plan_id, status) VALUES (:'sub', :'u', :'pl', 'active');
\set VERBOSITY default

-- 1. The plan's currency: EUR is taken, USD is refused naming both; an UPDATE too.
INSERT INTO user_mgmt.payment (id, subscription_id, user_id, amount, currency, provider, provider_ref)
VALUES (:'pay', :'sub', :'u', 49.00, 'EUR', 'stripe', 'pi_0001');
INSERT INTO user_mgmt.payment (id, subscription_id, user_id, amount, currency)
VALUES ('00000000-0000-7000-8000-0000000f7402', :'sub', :'u', 49.00, 'USD');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE user_mgmt.payment SET currency = 'GBP' WHERE id = :'pay';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- other columns of the payment: not checked again
UPDATE user_mgmt.payment SET description = 'September' WHERE id = :'pay';
SELECT currency, description FROM user_mgmt.payment WHERE id = :'pay';

-- 2. Amounts: 0.01 is the smallest, 0 and a negative one are the table's CHECK.
\set VERBOSITY terse
INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency) VALUES (:'sub', :'u', 0.01, 'EUR');
INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency) VALUES (:'sub', :'u', 0, 'EUR');
INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency) VALUES (:'sub', :'u', -1, 'EUR');
INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency) VALUES (:'sub', :'u', 1, NULL);
\set VERBOSITY default

-- 3. A webhook delivered twice: the second INSERT ... ON CONFLICT on the provider reference
--    writes nothing; without ON CONFLICT it is a unique violation naming the key.
INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency, provider, provider_ref)
VALUES (:'sub', :'u', 49.00, 'EUR', 'stripe', 'pi_0001')
ON CONFLICT (provider, provider_ref) WHERE is_active AND provider_ref IS NOT NULL DO NOTHING
RETURNING id;
SELECT count(*) AS payments_for_pi_0001 FROM user_mgmt.payment WHERE provider_ref = 'pi_0001';
INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency, provider, provider_ref)
VALUES (:'sub', :'u', 49.00, 'EUR', 'stripe', 'pi_0001');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- 4. Status moves: pending -> succeeded; succeeded -> pending is no move. Payments are
--    written by services and operators: the application role may not change one at all.
UPDATE user_mgmt.payment SET status = 'succeeded', paid_at = now() WHERE id = :'pay';
UPDATE user_mgmt.payment SET status = 'pending', paid_at = NULL WHERE id = :'pay';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
UPDATE user_mgmt.payment SET status = 'refunded', refunded_at = now() WHERE id = :'pay';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
SELECT rule, table_name, sqlstate FROM fitness.business_rules() WHERE table_name = 'user_mgmt.payment';
