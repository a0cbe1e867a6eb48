-- Notifications (src/rules/notifications.cpp and the table's own constraints): a pending
-- notification the user muted is stored as canceled with the reason in last_error; a
-- transactional type is always delivered; dedupe_key keeps a notification from being
-- created twice; the status moves along the notification state machine.
SET TIME ZONE 'UTC';
\set u  '00000000-0000-7000-8000-0000000f9501'
\set u2 '00000000-0000-7000-8000-0000000f9502'
INSERT INTO user_mgmt.app_user (id, display_name, email) VALUES
    (:'u', 'Notified', 'notified@notifications.test'), (:'u2', 'Other', 'other@notifications.test');
-- notify(user, type, channel[, status]): the stored status and reason. Notifications are
-- created by the system (operators, API functions), not by the application's users.
CREATE FUNCTION public.notify(who uuid, type_code text, chan text, initial text DEFAULT 'pending')
RETURNS TABLE (type text, channel text, status text, last_error text)
LANGUAGE sql AS $f$
  INSERT INTO platform.notification (user_id, notification_type_id, channel, title, status)
  SELECT who, t.id, chan, 'Hello', initial FROM platform.notification_type t WHERE t.code = type_code
  RETURNING type_code, channel, status, last_error
$f$;

-- 1. Defaults: workout_reminder goes to push and in_app; sms is not a default channel.
BEGIN;
SELECT * FROM public.notify(:'u', 'workout_reminder', 'push');
SELECT * FROM public.notify(:'u', 'workout_reminder', 'in_app');
SELECT * FROM public.notify(:'u', 'workout_reminder', 'sms');
COMMIT;

-- 2. Preferences: the user turns push reminders off and sms reminders on (as themself).
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
INSERT INTO platform.notification_preference (user_id, notification_type_id, channel, enabled)
SELECT :'u', t.id, c.channel, c.enabled FROM platform.notification_type t,
       (VALUES ('push', false), ('sms', true)) AS c (channel, enabled) WHERE t.code = 'workout_reminder';
COMMIT;
BEGIN;
SELECT * FROM public.notify(:'u', 'workout_reminder', 'push');
SELECT * FROM public.notify(:'u', 'workout_reminder', 'sms');
SELECT * FROM public.notify(:'u', 'workout_reminder', 'in_app');
-- the other user's preferences are their own: unchanged defaults
SELECT * FROM public.notify(:'u2', 'workout_reminder', 'push');
-- transactional types are delivered whatever the user chose
SELECT * FROM public.notify(:'u', 'password_reset', 'email');
COMMIT;

-- 3. The user's setting notifications.enabled = false mutes every non-transactional type,
--    on every channel; payment_failed (transactional) still goes out.
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
INSERT INTO platform.setting (scope, scope_id, key, value) VALUES ('user', :'u', 'notifications.enabled', 'false');
COMMIT;
BEGIN;
SELECT * FROM public.notify(:'u', 'workout_reminder', 'sms');
SELECT * FROM public.notify(:'u', 'goal_achieved', 'in_app');
SELECT * FROM public.notify(:'u', 'payment_failed', 'email');
COMMIT;

-- The recipient's institution decides, not the context of whoever queues it: u2 is a
-- member of a gym that turned notifications.enabled off (u2 has no override of their own);
-- queued with and without an institution in the context, both are muted.
INSERT INTO user_mgmt.institution (id, name, slug) VALUES ('00000000-0000-7000-8000-0000000f9591', 'Quiet Gym', 'quiet-gym');
INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, status)
VALUES ('00000000-0000-7000-8000-0000000f9591', :'u2', 'member', 'active');
INSERT INTO platform.setting (scope, scope_id, key, value)
VALUES ('institution', '00000000-0000-7000-8000-0000000f9591', 'notifications.enabled', 'false');
BEGIN;
SELECT fitness.set_context(:'u2', '00000000-0000-7000-8000-0000000f9591');
SELECT * FROM public.notify(:'u2', 'coach_message', 'in_app');
COMMIT;
SELECT * FROM public.notify(:'u2', 'coach_message', 'in_app');
-- a retry (failed -> pending) of a notification muted since is withdrawn instead
INSERT INTO platform.notification (id, user_id, notification_type_id, channel, title, status, attempts, last_error)
SELECT '00000000-0000-7000-8000-0000000f95a1', :'u', id, 'in_app', 'Retried', 'failed', 1, 'timeout'
  FROM platform.notification_type WHERE code = 'goal_achieved';
UPDATE platform.notification SET status = 'pending' WHERE id = '00000000-0000-7000-8000-0000000f95a1'
RETURNING status, last_error;

-- 4. A row loaded in another status (history, by an operator) is kept as it came.
SELECT type, channel, status, last_error FROM public.notify(:'u', 'goal_achieved', 'in_app', 'canceled');
INSERT INTO platform.notification (user_id, notification_type_id, channel, title, status, sent_at)
SELECT :'u', id, 'in_app', 'Old', 'sent', now() FROM platform.notification_type WHERE code = 'goal_achieved'
RETURNING status, last_error;

-- 5. A canceled notification stays canceled: no move to sent (the state machine).
\set VERBOSITY sqlstate
UPDATE platform.notification SET status = 'sent', sent_at = now()
 WHERE user_id = :'u' AND status = 'canceled' AND channel = 'sms';
\set VERBOSITY terse

-- 6. dedupe_key: the same key twice is one notification (ON CONFLICT DO NOTHING), or 23505.
INSERT INTO platform.notification (user_id, notification_type_id, channel, title, dedupe_key)
SELECT :'u2', id, 'in_app', 'Week 2 begins', 'program_week:u2:2' FROM platform.notification_type WHERE code = 'program_week_started';
INSERT INTO platform.notification (user_id, notification_type_id, channel, title, dedupe_key)
SELECT :'u2', id, 'in_app', 'Week 2 begins', 'program_week:u2:2' FROM platform.notification_type WHERE code = 'program_week_started'
ON CONFLICT (dedupe_key) WHERE is_active AND dedupe_key IS NOT NULL DO NOTHING;
INSERT INTO platform.notification (user_id, notification_type_id, channel, title, dedupe_key)
SELECT :'u2', id, 'in_app', 'Week 2 begins', 'program_week:u2:2' FROM platform.notification_type WHERE code = 'program_week_started';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) AS week_2_notifications FROM platform.notification WHERE dedupe_key = 'program_week:u2:2';

-- 7. NULLs and unknown types: the table's errors, nothing written.
INSERT INTO platform.notification (user_id, notification_type_id, channel, title)
VALUES (:'u', NULL, 'in_app', 'x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.notification (user_id, notification_type_id, channel, title)
VALUES (:'u', '00000000-0000-7000-8000-0000000f95ff', 'in_app', 'x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.notification (user_id, notification_type_id, channel, title)
SELECT :'u', id, 'pager', 'x' FROM platform.notification_type WHERE code = 'goal_achieved';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
SELECT status, count(*) FROM platform.notification WHERE user_id IN (:'u', :'u2') GROUP BY status ORDER BY status;
DROP FUNCTION public.notify(uuid, text, text, text);
