-- Policy-based settings (src/rules/settings.cpp): fitness.setting resolves user ->
-- institution -> system; overrides are type-checked against platform.system_setting on every
-- write at every level, and again when a definition changes; secrets never reach fitness_app.
SET TIME ZONE 'UTC';
\set u    '00000000-0000-7000-8000-0000000fe001'
\set u2   '00000000-0000-7000-8000-0000000fe002'
\set own  '00000000-0000-7000-8000-0000000fe003'
\set ins  '00000000-0000-7000-8000-0000000fe101'
\set gone '00000000-0000-7000-8000-0000000fefff'
INSERT INTO user_mgmt.app_user (id, display_name, email) VALUES
    (:'u', 'Settler', 'settler@settings.test'), (:'u2', 'Other', 'other@settings.test'),
    (:'own', 'Gym owner', 'owner@settings.test');
INSERT INTO user_mgmt.institution (id, name, slug) VALUES (:'ins', 'Settings Gym', 'settings-gym');
INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role) VALUES
    (:'ins', :'u', 'member'), (:'ins', :'own', 'owner');
INSERT INTO user_mgmt.user_role (user_id, role_id, institution_id)
SELECT :'own'::uuid, id, :'ins'::uuid FROM core.role WHERE code = 'institution_owner';
CREATE FUNCTION public.setting_violation(stmt text) RETURNS TABLE (state text, rule text, message text, detail text)
LANGUAGE plpgsql AS $f$
BEGIN
  EXECUTE stmt;
  state := 'accepted';
  RETURN NEXT;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, rule = CONSTRAINT_NAME, message = MESSAGE_TEXT,
      detail = PG_EXCEPTION_DETAIL;
  RETURN NEXT;
END $f$;

-- 1. Three levels: system, then the gym's override, then the user's own.
SELECT key, value, value_type, is_institution_overridable AS inst, is_user_overridable AS usr
  FROM platform.system_setting WHERE key IN ('units_default', 'week_start', 'max_session_duration_hours', 'timezone_default') ORDER BY key;
BEGIN;
SELECT fitness.set_context(:'u', :'ins');
SET LOCAL ROLE fitness_app;
SELECT fitness.setting('units_default') AS units, fitness.setting('week_start') AS week_start,
       fitness.setting('max_session_duration_hours') AS max_hours;
COMMIT;
BEGIN;
SELECT fitness.set_context(:'own', :'ins');
SET LOCAL ROLE fitness_app;
INSERT INTO platform.setting (scope, scope_id, key, value) VALUES
    ('institution', :'ins', 'units_default', '"imperial"'), ('institution', :'ins', 'max_session_duration_hours', '3');
COMMIT;
BEGIN;
SELECT fitness.set_context(:'u', :'ins');
SET LOCAL ROLE fitness_app;
SELECT fitness.setting('units_default') AS units, fitness.setting('max_session_duration_hours') AS max_hours;
INSERT INTO platform.setting (scope, scope_id, key, value) VALUES ('user', :'u', 'units_default', '"metric"'), ('user', :'u', 'week_start', '"sunday"');
SELECT fitness.setting('units_default') AS units, fitness.setting('week_start') AS week_start;
COMMIT;
-- without the institution in the context, the gym's override does not apply
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
SELECT fitness.setting('max_session_duration_hours') AS max_hours, fitness.setting('units_default') AS units;
COMMIT;
-- a service reads any user's, with the context's institution only if the user is a member
BEGIN;
SELECT fitness.set_context(:'own', :'ins');
SET LOCAL ROLE fitness_service;
SELECT fitness.setting('week_start', :'u') AS u_week_start, fitness.setting('week_start', :'u2') AS u2_week_start,
       fitness.setting('max_session_duration_hours', :'u') AS u_max_hours, fitness.setting('max_session_duration_hours', :'u2') AS u2_max_hours;
COMMIT;
-- no context at all: the system value
SELECT fitness.setting('units_default') AS units;

-- 2. Wrong types, values and levels, at every level: refused with the rule and the value.
\x on
BEGIN;
SELECT fitness.set_context(:'u', :'ins');
SET LOCAL ROLE fitness_app;
SELECT * FROM setting_violation($$INSERT INTO platform.setting (scope, scope_id, key, value) VALUES ('user', '00000000-0000-7000-8000-0000000fe001', 'notifications.enabled', '"yes"')$$);
SELECT * FROM setting_violation($$INSERT INTO platform.setting (scope, scope_id, key, value) VALUES ('user', '00000000-0000-7000-8000-0000000fe001', 'notifications.enabled', 'null')$$);
SELECT * FROM setting_violation($$INSERT INTO platform.setting (scope, scope_id, key, value) VALUES ('user', '00000000-0000-7000-8000-0000000fe001', 'units_default', '"kilograms"')$$);
SELECT * FROM setting_violation($$INSERT INTO platform.setting (scope, scope_id, key, value) VALUES ('user', '00000000-0000-7000-8000-0000000fe001', 'default_language', '42')$$);
SELECT * FROM setting_violation($$INSERT INTO platform.setting (scope, scope_id, key, value) VALUES ('user', '00000000-0000-7000-8000-0000000fe001', 'rating.moderation_required', 'true')$$);
SELECT * FROM setting_violation($$INSERT INTO platform.setting (scope, scope_id, key, value) VALUES ('user', '00000000-0000-7000-8000-0000000fe001', 'no.such_key', 'true')$$);
SELECT * FROM setting_violation($$UPDATE platform.setting SET value = '"monday; --"' WHERE scope = 'user' AND key = 'week_start'$$);
-- a good value is accepted, and a boolean one
SELECT * FROM setting_violation($$INSERT INTO platform.setting (scope, scope_id, key, value) VALUES ('user', '00000000-0000-7000-8000-0000000fe001', 'notifications.enabled', 'false')$$);
ROLLBACK;
BEGIN;
SELECT fitness.set_context(:'own', :'ins');
SET LOCAL ROLE fitness_app;
-- integer bounds 1..48: 48 fits, 0 and 49 do not; 2.5 is no integer; "3" is a string
SELECT * FROM setting_violation($$UPDATE platform.setting SET value = '48' WHERE scope = 'institution' AND key = 'max_session_duration_hours'$$);
SELECT * FROM setting_violation($$UPDATE platform.setting SET value = '0' WHERE scope = 'institution' AND key = 'max_session_duration_hours'$$);
SELECT * FROM setting_violation($$UPDATE platform.setting SET value = '49' WHERE scope = 'institution' AND key = 'max_session_duration_hours'$$);
SELECT * FROM setting_violation($$UPDATE platform.setting SET value = '2.5' WHERE scope = 'institution' AND key = 'max_session_duration_hours'$$);
SELECT * FROM setting_violation($$UPDATE platform.setting SET value = '"3"' WHERE scope = 'institution' AND key = 'max_session_duration_hours'$$);
-- a JSON setting takes any JSON
SELECT * FROM setting_violation($$INSERT INTO platform.setting (scope, scope_id, key, value) VALUES ('institution', '00000000-0000-7000-8000-0000000fe101', 'notifications.quiet_hours', '{"start": "23:00", "end": "06:00"}')$$);
ROLLBACK;
-- an override for a user or an institution that does not exist (an operator, past RLS)
SELECT * FROM setting_violation($$INSERT INTO platform.setting (scope, scope_id, key, value) VALUES ('user', '00000000-0000-7000-8000-0000000fefff', 'week_start', '"monday"')$$);
SELECT * FROM setting_violation($$INSERT INTO platform.setting (scope, scope_id, key, value) VALUES ('institution', '00000000-0000-7000-8000-0000000fefff', 'week_start', '"monday"')$$);
-- NULLs are the table's NOT NULL errors
SELECT state, rule, message FROM setting_violation($$INSERT INTO platform.setting (scope, scope_id, key, value) VALUES ('user', '00000000-0000-7000-8000-0000000fe001', 'week_start', NULL)$$);

-- 3. A definition change must still fit every override: the gym's "imperial" and the user's
--    "metric" are both in the new list or the change is refused, naming the override.
SELECT * FROM setting_violation($$UPDATE platform.system_setting SET allowed_values = '["metric"]' WHERE key = 'units_default'$$);
SELECT * FROM setting_violation($$UPDATE platform.system_setting SET is_user_overridable = false WHERE key = 'week_start'$$);
SELECT * FROM setting_violation($$UPDATE platform.system_setting SET allowed_values = '["metric", "imperial", "us_customary"]' WHERE key = 'units_default'$$);
SELECT allowed_values FROM platform.system_setting WHERE key = 'units_default';
UPDATE platform.system_setting SET allowed_values = '["metric", "imperial"]' WHERE key = 'units_default';
\x off

-- 4. Secrets: never for fitness_app, with or without a context; services read them.
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
SELECT fitness.setting('translation.provider_api_key');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
BEGIN;
SET LOCAL ROLE fitness_app;
SELECT fitness.setting('translation.provider_api_key');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
BEGIN;
SET LOCAL ROLE fitness_service;
SELECT fitness.setting('translation.provider_api_key') AS service_reads_the_secret;
ROLLBACK;

-- 5. Other users' settings and bad keys.
BEGIN;
SELECT fitness.set_context(:'u2');
SET LOCAL ROLE fitness_app;
SELECT fitness.setting('week_start', :'u');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
SELECT fitness.setting('no.such_key');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.setting(NULL);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.setting(repeat('x', 100000)) IS NULL;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- an unknown user id: no override, the system value
SELECT fitness.setting('week_start', :'gone') AS week_start;
SELECT rule, table_name, sqlstate FROM fitness.business_rules() WHERE rule LIKE 'setting%' ORDER BY 1;
