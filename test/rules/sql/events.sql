-- Domain events, the outbox (src/rules/events.cpp): fitness.emit_event and the change events
-- of subscriptions and memberships are rows of platform.system_event written in the
-- transaction of the change, with the actor and institution; NOTIFY fitness_events carries
-- the event id at commit only (test/rules/prove/outbox_consumer.sh follows a consumer).
SET TIME ZONE 'UTC';
\set u   '00000000-0000-7000-8000-0000000f2001'
\set ins '00000000-0000-7000-8000-0000000f2101'
\set pl  '00000000-0000-7000-8000-0000000f2201'
\set sub '00000000-0000-7000-8000-0000000f2301'
\set mem '00000000-0000-7000-8000-0000000f2401'
\set own '00000000-0000-7000-8000-0000000f2002'
INSERT INTO user_mgmt.app_user (id, display_name, email) VALUES
    (:'u', 'Eventful', 'eventful@events.test'), (:'own', 'Owner', 'owner@events.test');
INSERT INTO user_mgmt.institution (id, name, slug) VALUES (:'ins', 'Event Gym', 'event-gym');
INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role) VALUES (:'ins', :'own', 'owner');
INSERT INTO user_mgmt.billing_plan (id, institution_id, code, name, amount, currency)
VALUES (:'pl', :'ins', 'monthly', 'Monthly', 29.90, 'EUR');
CREATE VIEW recent_events AS
SELECT event_type, aggregate_type, aggregate_id, payload, actor_user_id, institution_id, processed_at IS NULL AS unprocessed
  FROM platform.system_event WHERE occurred_at > now() - interval '1 hour' AND aggregate_type <> 'app_user';

-- 1. emit_event: the actor and institution come from the context; the id is returned.
BEGIN;
SELECT fitness.set_context(:'own', :'ins');
SET LOCAL ROLE fitness_service;
SELECT fitness.emit_event('workout.shared', 'workout', :'u', '{"channel": "link"}') IS NOT NULL AS has_id;
COMMIT;
SELECT *, actor_user_id = :'own' AS by_owner, institution_id = :'ins' AS in_gym FROM recent_events WHERE event_type = 'workout.shared';
-- a NULL payload is an empty object; a NULL aggregate id is allowed (an event about no row)
SELECT fitness.emit_event('platform.checked', 'platform', NULL, NULL) IS NOT NULL AS has_id;
SELECT payload, aggregate_id FROM recent_events WHERE event_type = 'platform.checked';

-- 2. Bad input: a clear error naming the value, nothing written.
\set VERBOSITY default
SELECT fitness.emit_event(NULL, 'workout', NULL, '{}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.emit_event('workout.shared', NULL, NULL, '{}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.emit_event('Workout Shared', 'workout', NULL, '{}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.emit_event('workout..shared', 'workout', NULL, '{}');
SELECT fitness.emit_event('workout.shared.', 'workout', NULL, '{}');
SELECT fitness.emit_event(repeat('a', 201), 'workout', NULL, '{}');
SELECT fitness.emit_event('workout.shared', 'Workout', NULL, '{}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.emit_event('workout.shared', 'workout', NULL, '[1, 2]');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.emit_event('workout.shared', 'workout', NULL, '"text"');
SELECT fitness.emit_event('workout.shared', 'workout', NULL, '{"unclosed": ');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) AS shared_events FROM recent_events WHERE event_type = 'workout.shared'; -- the one of 1.
-- the boundary: 200 characters, digits and underscores
SELECT fitness.emit_event(repeat('a', 196) || '.b_2', 'a9_', NULL, '{}') IS NOT NULL AS accepted;

-- 3. A rolled-back change leaves no event.
BEGIN;
SELECT fitness.emit_event('workout.rolled_back', 'workout', NULL, '{}') IS NOT NULL AS has_id;
ROLLBACK;
SELECT count(*) AS rolled_back_events FROM recent_events WHERE event_type = 'workout.rolled_back';

-- 4. Who may emit: services and operators, not an application user, not PUBLIC.
SELECT r AS role, has_function_privilege(r, 'fitness.emit_event(text, text, uuid, jsonb)', 'EXECUTE') AS may_emit
  FROM unnest(ARRAY['fitness_app', 'fitness_service', 'fitness_admin', 'public']) r;
BEGIN;
SET LOCAL ROLE fitness_app;
SELECT fitness.emit_event('workout.shared', 'workout', NULL, '{}');
ROLLBACK;
-- nobody but the extension writes the outbox directly; fitness_service only marks it
SELECT r AS role, has_table_privilege(r, 'platform.system_event', 'INSERT') AS may_insert,
       has_column_privilege(r, 'platform.system_event', 'processed_at', 'UPDATE') AS may_mark,
       has_column_privilege(r, 'platform.system_event', 'payload', 'UPDATE') AS may_rewrite
  FROM unnest(ARRAY['fitness_app', 'fitness_service', 'fitness_admin']) r;

-- 5. subscription.changed: on creation and on a change of status, plan, quantity, cancel_at,
--    with the old and new values; none for a change of other columns.
INSERT INTO user_mgmt.subscription (id, institution_id, billing_plan_id, status, trial_end)
VALUES (:'sub', :'ins', :'pl', 'trialing', now() + interval '14 days');
UPDATE user_mgmt.subscription SET status = 'active' WHERE id = :'sub';
UPDATE user_mgmt.subscription SET current_period_end = now() + interval '1 month' WHERE id = :'sub';
UPDATE user_mgmt.subscription SET quantity = 3 WHERE id = :'sub';
SELECT event_type, aggregate_id = :'sub' AS is_sub, institution_id = :'ins' AS in_gym,
       payload->>'operation' AS operation, payload->'old' AS old, payload->'new' AS new
  FROM recent_events WHERE aggregate_id = :'sub' ORDER BY payload->'new'->>'quantity', payload->'new'->>'status' DESC;

-- 6. membership.changed: joining, a role change, leaving (the soft delete is a change too).
INSERT INTO user_mgmt.institution_member (id, institution_id, user_id, member_role) VALUES (:'mem', :'ins', :'u', 'member');
UPDATE user_mgmt.institution_member SET member_role = 'coach' WHERE id = :'mem';
UPDATE user_mgmt.institution_member SET joined_at = now() - interval '1 day' WHERE id = :'mem';
DELETE FROM user_mgmt.institution_member WHERE id = :'mem';
SELECT payload->>'operation' AS operation, payload->'old'->>'member_role' AS old_role,
       payload->'new'->>'member_role' AS new_role, payload->'new'->>'is_active' AS active
  FROM recent_events WHERE aggregate_id = :'mem' ORDER BY payload->'new'->>'is_active' DESC, 2 NULLS FIRST;

-- 7. Every event is announced on fitness_events: the trigger is there and enabled.
SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'platform.system_event'::regclass AND tgname = 'system_event_notify';
