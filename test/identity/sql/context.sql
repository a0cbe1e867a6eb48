-- Identity context lifetime as a connection pool sees it: transaction-scoped by default
-- (gone at COMMIT and ROLLBACK), session-scoped on request (until cleared, and undone if the
-- transaction that set it rolls back).
\set SHOW_CONTEXT never
SET client_min_messages = warning;
INSERT INTO user_mgmt.app_user (id, email, display_name) VALUES
    ('00000000-0000-7000-8000-00000000c001', 'pool-a@example.com', 'Pool A'),
    ('00000000-0000-7000-8000-00000000c002', 'pool-b@example.com', 'Pool B');

SELECT fitness.current_user_id() AS no_context_yet;

-- transaction-scoped: gone at COMMIT
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-00000000c001');
SELECT fitness.current_user_id() AS inside_transaction;
COMMIT;
SELECT fitness.current_user_id() AS after_commit;

-- transaction-scoped: gone at ROLLBACK
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-00000000c001');
ROLLBACK;
SELECT fitness.current_user_id() AS after_rollback;

-- gone after an error aborted the transaction
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-00000000c001');
SELECT 1 / 0;
ROLLBACK;
SELECT fitness.current_user_id() AS after_failed_transaction;

-- a single autocommit statement is its own transaction
SELECT fitness.set_context('00000000-0000-7000-8000-00000000c001');
SELECT fitness.current_user_id() AS after_autocommit_statement;

-- savepoints: the context a rolled-back savepoint set is undone, an outer one stays
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-00000000c001');
SAVEPOINT s1;
SELECT fitness.set_context('00000000-0000-7000-8000-00000000c002');
SELECT fitness.current_user_id() AS inside_savepoint;
ROLLBACK TO SAVEPOINT s1;
SELECT fitness.current_user_id() AS after_rollback_to_savepoint;
SAVEPOINT s2;
SELECT fitness.set_context('00000000-0000-7000-8000-00000000c002');
RELEASE SAVEPOINT s2;
SELECT fitness.current_user_id() AS after_release_savepoint;
COMMIT;
SELECT fitness.current_user_id() AS after_commit;

-- session-scoped: survives COMMIT and ROLLBACK of later transactions, until cleared
SELECT fitness.set_context('00000000-0000-7000-8000-00000000c001', NULL, false);
BEGIN;
SELECT fitness.current_user_id() AS session_context_in_transaction;
ROLLBACK;
SELECT fitness.current_user_id() AS session_context_after_rollback;
-- a transaction-local context overrides it, then the session value returns
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-00000000c002');
SELECT fitness.current_user_id() AS local_override;
COMMIT;
SELECT fitness.current_user_id() AS session_value_back;
-- a session-scoped change in a transaction that rolls back is undone
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-00000000c002', NULL, false);
ROLLBACK;
SELECT fitness.current_user_id() AS unchanged_by_rolled_back_session_set;
SELECT fitness.clear_context();
SELECT fitness.current_user_id() AS after_clear;
-- DISCARD ALL (a pooler's reset query) also drops a session context
SELECT fitness.set_context('00000000-0000-7000-8000-00000000c001', NULL, false);
DISCARD ALL;
SELECT fitness.current_user_id() AS after_discard_all;

-- the setting is hidden from other roles
SET ROLE fitness_app;
SHOW fitness.context;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SHOW fitness.jwt_secret;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT string_agg(name, ', ' ORDER BY name) AS visible_in_pg_settings FROM pg_settings WHERE name LIKE 'fitness.%';
RESET ROLE;

-- The helpers' SQL runs with a pinned search_path: a caller's schema placed before
-- pg_catalog cannot lend it an operator (it runs as the table owner).
INSERT INTO user_mgmt.user_role (user_id, role_id)
SELECT '00000000-0000-7000-8000-00000000c001', id FROM core.role WHERE code = 'user';
CREATE SCHEMA evil;
CREATE FUNCTION evil.uuid_eq(uuid, uuid) RETURNS boolean LANGUAGE plpgsql AS
    $$ BEGIN RAISE EXCEPTION 'evil operator called'; END $$;
CREATE OPERATOR evil.= (LEFTARG = uuid, RIGHTARG = uuid, FUNCTION = evil.uuid_eq);
SET search_path = evil, pg_catalog, public;
SELECT fitness.uuid_generate_v7() = fitness.uuid_generate_v7() AS evil_operator_is_live;
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-00000000c001');
SELECT fitness.has_role('user') AS helper_ran_unaffected;
COMMIT;
RESET search_path;
DROP SCHEMA evil CASCADE;

-- The authorization cache outlives the transaction: a pooled backend serving the same user
-- again answers from memory (hits, no new load) ...
SELECT fitness.set_context('00000000-0000-7000-8000-00000000c001', NULL, false);
SELECT fitness.has_role('user') AS loads_once;
SELECT misses AS misses_before, hits AS hits_before FROM fitness.cache_stats() WHERE cache_name = 'authz' \gset
SELECT fitness.has_role('user') AS next_transaction;
SELECT fitness.has_role('user') AS and_the_next;
SELECT misses - :misses_before AS new_loads, hits - :hits_before AS cache_hits
FROM fitness.cache_stats() WHERE cache_name = 'authz';
-- ... and another user in the same backend has an entry of its own
SELECT fitness.set_context('00000000-0000-7000-8000-00000000c002', NULL, false);
SELECT fitness.has_role('user') AS other_user_has_no_grant;
SELECT entries AS cached_users FROM fitness.cache_stats() WHERE cache_name = 'authz';
SELECT fitness.set_context('00000000-0000-7000-8000-00000000c001', NULL, false);
SELECT fitness.has_role('user') AS first_user_again;
-- a grant expiring between two transactions stops counting at its expiry, no write needed
SELECT fitness.grant_role('00000000-0000-7000-8000-00000000c001', 'platform_admin', NULL,
                          clock_timestamp() + interval '1 second', 'expiry across transactions') IS NOT NULL AS granted;
SELECT fitness.is_platform_admin() AS admin_before_expiry;
SELECT pg_sleep(1.2);
SELECT fitness.is_platform_admin() AS admin_after_expiry;
SELECT fitness.expire_roles() AS retired_by_maintenance;
-- a write that commits is seen by the next transaction, one rolled back is not
BEGIN;
SELECT fitness.grant_role('00000000-0000-7000-8000-00000000c001', 'platform_admin', NULL, NULL, 'rolled back') IS NOT NULL AS granted;
SELECT fitness.is_platform_admin() AS admin_inside;
ROLLBACK;
SELECT fitness.is_platform_admin() AS admin_after_rollback;
-- the same for a rolled-back savepoint
BEGIN;
SAVEPOINT before_grant;
SELECT fitness.grant_role('00000000-0000-7000-8000-00000000c001', 'platform_admin', NULL, NULL, 'savepoint') IS NOT NULL AS granted;
SELECT fitness.is_platform_admin() AS admin_in_savepoint;
ROLLBACK TO SAVEPOINT before_grant;
SELECT fitness.is_platform_admin() AS admin_after_savepoint_rollback;
COMMIT;
-- an abort that wrote no RBAC table keeps the cache warm (no reload afterwards)
SELECT fitness.is_platform_admin() AS warm;
SELECT misses AS misses_before FROM fitness.cache_stats() WHERE cache_name = 'authz' \gset
BEGIN;
SELECT 1 / 0;
ROLLBACK;
SELECT fitness.is_platform_admin() AS after_unrelated_abort;
SELECT misses - :misses_before AS reloads FROM fitness.cache_stats() WHERE cache_name = 'authz';
-- a write under session_replication_role = replica (logical replication, bulk loads)
-- invalidates too: the triggers fire ALWAYS
SET session_replication_role = replica;
UPDATE user_mgmt.user_role SET is_active = false, deleted_at = now()
WHERE user_id = '00000000-0000-7000-8000-00000000c001' AND is_active;
RESET session_replication_role;
SELECT fitness.has_role('user') AS user_role_after_replica_revoke;
-- a parallel query loads authorization in the leader and in its workers, where no new
-- snapshot may be taken: same answer as without parallelism
CREATE FUNCTION pg_temp.plan_lines(query text) RETURNS SETOF text LANGUAGE plpgsql AS
    $f$ BEGIN RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || query; END $f$;
-- a row only the institution arm (a C++ helper call) can decide, for the workers to see
INSERT INTO user_mgmt.institution (id, name, slug) VALUES ('00000000-0000-7000-9000-00000000c0f1', 'Parallel Gym', 'parallel-gym');
INSERT INTO content.workout (id, owner_id, institution_id, name, visibility)
VALUES ('00000000-0000-7000-8000-00000000c0f1', '00000000-0000-7000-8000-00000000c002',
        '00000000-0000-7000-9000-00000000c0f1', 'Parallel probe', 'institution');
UPDATE core.permission SET code = code WHERE code = 'user.read_self';
BEGIN;
SET LOCAL ROLE fitness_app;
SELECT count(*) AS serial_count FROM content.workout \gset
COMMIT;
UPDATE core.permission SET code = code WHERE code = 'user.read_self';
BEGIN;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
SET LOCAL ROLE fitness_app;
SELECT count(*) FILTER (WHERE line ~ 'Parallel Seq Scan on workout') AS parallel_plan
FROM pg_temp.plan_lines('SELECT count(*) FROM content.workout') AS line;
SELECT count(*) = :serial_count AS parallel_count_matches FROM content.workout;
COMMIT;
SELECT fitness.hard_delete('content.workout', '00000000-0000-7000-8000-00000000c0f1') AS probe_removed,
       fitness.hard_delete('user_mgmt.institution', '00000000-0000-7000-9000-00000000c0f1') AS gym_removed;
-- fitness.authz_cache_size: a positive number of users, set by superusers only
SET fitness.authz_cache_size = 0;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SET fitness.authz_cache_size = 'many';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SET ROLE fitness_app;
SET fitness.authz_cache_size = 10;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
SHOW fitness.authz_cache_size;
-- changing TimeZone drops the entry (its "today" for coach assignments was another day)
SELECT invalidations AS inval_before FROM fitness.cache_stats() WHERE cache_name = 'authz' \gset
SET TimeZone = 'Pacific/Kiritimati';
SELECT fitness.has_role('user') AS after_timezone_change;
RESET TimeZone;
SELECT invalidations - :inval_before >= 1 AS entry_dropped FROM fitness.cache_stats() WHERE cache_name = 'authz';
SELECT fitness.clear_context();
SELECT count(*) FILTER (WHERE fitness.hard_delete('user_mgmt.user_role', id)) AS hard_deleted FROM user_mgmt.user_role WHERE user_id = '00000000-0000-7000-8000-00000000c001';

SELECT count(*) FILTER (WHERE fitness.hard_delete('user_mgmt.app_user', id)) AS hard_deleted FROM user_mgmt.app_user WHERE id IN ('00000000-0000-7000-8000-00000000c001', '00000000-0000-7000-8000-00000000c002');
