-- Policy proof: when a scan's index condition fixes the owner (WHERE owner_id = '<me>'), the
-- policy's "owner_id = current user" arm is proven once the InitPlan has run, and the policy
-- OR is dropped from the scan's filter. Every query is run with fitness.policy_proof on and
-- off: the rows must be the same, and cache_stats() 'policy_proof' tells whether the proof
-- was made (hits) or not (misses).
\set SHOW_CONTEXT never
SET client_min_messages = warning;
SET session_replication_role = replica;  -- rows as given: no stamps or audit
INSERT INTO user_mgmt.institution (id, name, slug) VALUES
    ('00000000-0000-7000-9000-0000000000f1', 'Proof gym 1', 'proof-gym-1'),
    ('00000000-0000-7000-9000-0000000000f2', 'Proof gym 2', 'proof-gym-2');
INSERT INTO user_mgmt.app_user (id, email, display_name) VALUES
    ('00000000-0000-7000-8000-0000000000fa', 'proof-a@example.com', 'Proof A'),
    ('00000000-0000-7000-8000-0000000000fb', 'proof-b@example.com', 'Proof B'),
    ('00000000-0000-7000-8000-0000000000fc', 'proof-c@example.com', 'Proof C');
INSERT INTO user_mgmt.institution_member (institution_id, user_id) VALUES
    ('00000000-0000-7000-9000-0000000000f1', '00000000-0000-7000-8000-0000000000fa'),
    ('00000000-0000-7000-9000-0000000000f1', '00000000-0000-7000-8000-0000000000fb'),
    ('00000000-0000-7000-9000-0000000000f2', '00000000-0000-7000-8000-0000000000fc');
-- per owner: 3 private, 2 institution, 1 public, 1 soft-deleted private
INSERT INTO content.workout (owner_id, institution_id, name, visibility, is_active, deleted_at)
SELECT u.id, u.inst, 'proof ' || v.visibility || ' ' || g, v.visibility, NOT v.deleted,
       CASE WHEN v.deleted THEN now() END
FROM (VALUES ('00000000-0000-7000-8000-0000000000fa'::uuid, '00000000-0000-7000-9000-0000000000f1'::uuid),
             ('00000000-0000-7000-8000-0000000000fb', '00000000-0000-7000-9000-0000000000f1'),
             ('00000000-0000-7000-8000-0000000000fc', '00000000-0000-7000-9000-0000000000f2')) u(id, inst),
     (VALUES ('private', 3, false), ('institution', 2, false), ('public', 1, false), ('private', 1, true))
         v(visibility, n, deleted),
     generate_series(1, v.n) g;
RESET session_replication_role;
ANALYZE content.workout;

-- Counts a query's rows with the proof on and off, and what the proof did meanwhile.
CREATE FUNCTION pg_temp.proof(query text) RETURNS TABLE (rows_on bigint, rows_off bigint, proven bigint, not_proven bigint)
LANGUAGE plpgsql AS $$
DECLARE h0 bigint; m0 bigint;
BEGIN
    SELECT hits, misses INTO h0, m0 FROM fitness.cache_stats() WHERE cache_name = 'policy_proof';
    EXECUTE query INTO rows_on;
    SELECT hits - h0, misses - m0 INTO proven, not_proven FROM fitness.cache_stats() WHERE cache_name = 'policy_proof';
    PERFORM set_config('fitness.policy_proof', 'off', true);
    EXECUTE query INTO rows_off;
    PERFORM set_config('fitness.policy_proof', 'on', true);
    RETURN NEXT;
END $$;
SET enable_seqscan = off;    -- the tables are small: make the planner use the owner index
SET enable_bitmapscan = off;

-- A's own rows as A: proven; the soft-deleted one stays invisible
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-0000000000fa');
SET LOCAL ROLE fitness_app;
SELECT * FROM pg_temp.proof($$SELECT count(*) FROM content.workout WHERE owner_id = '00000000-0000-7000-8000-0000000000fa'$$);
-- B's rows as A (same institution): not proven, the policy decides (institution + public)
SELECT * FROM pg_temp.proof($$SELECT count(*) FROM content.workout WHERE owner_id = '00000000-0000-7000-8000-0000000000fb'$$);
-- C's rows as A (other institution): public only
SELECT * FROM pg_temp.proof($$SELECT count(*) FROM content.workout WHERE owner_id = '00000000-0000-7000-8000-0000000000fc'$$);
-- the owner as an InitPlan, as an application would write it
SELECT * FROM pg_temp.proof($$SELECT count(*) FROM content.workout WHERE owner_id = (SELECT fitness.current_user_id())$$);
-- a further condition stays in the filter
SELECT * FROM pg_temp.proof($$SELECT count(*) FROM content.workout WHERE owner_id = '00000000-0000-7000-8000-0000000000fa' AND visibility = 'private'$$);
-- the proof is per scan: a join of two owner scans proves one, not the other
SELECT * FROM pg_temp.proof($$SELECT count(*) FROM content.workout a, content.workout b
    WHERE a.owner_id = '00000000-0000-7000-8000-0000000000fa' AND b.owner_id = '00000000-0000-7000-8000-0000000000fc'$$);
-- bitmap scans prove it too
SET LOCAL enable_indexscan = off;
SET LOCAL enable_bitmapscan = on;
SELECT * FROM pg_temp.proof($$SELECT count(*) FROM content.workout WHERE owner_id = '00000000-0000-7000-8000-0000000000fa'$$);
COMMIT;

-- no context: nothing is proven and nothing is visible
BEGIN;
SET LOCAL ROLE fitness_app;
SELECT * FROM pg_temp.proof($$SELECT count(*) FROM content.workout WHERE owner_id = '00000000-0000-7000-8000-0000000000fa'$$);
COMMIT;

-- a generic plan kept by a pooled session serves two users: proven for the owner only
SET plan_cache_mode = force_generic_plan;
PREPARE owned(uuid) AS SELECT count(*) FROM content.workout WHERE owner_id = $1;
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-0000000000fa');
SET LOCAL ROLE fitness_app;
SELECT * FROM pg_temp.proof($$EXECUTE owned('00000000-0000-7000-8000-0000000000fa')$$);
COMMIT;
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-0000000000fc');
SET LOCAL ROLE fitness_app;
SELECT * FROM pg_temp.proof($$EXECUTE owned('00000000-0000-7000-8000-0000000000fa')$$);
SELECT * FROM pg_temp.proof($$EXECUTE owned('00000000-0000-7000-8000-0000000000fc')$$);
COMMIT;
DEALLOCATE owned;
RESET plan_cache_mode;

-- writes: A's UPDATE of its rows is proven and changes them all; C's UPDATE of A's private
-- rows is not proven and changes none
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-0000000000fa');
SET LOCAL ROLE fitness_app;
SELECT hits AS h0 FROM fitness.cache_stats() WHERE cache_name = 'policy_proof' \gset
WITH changed AS (UPDATE content.workout SET description = 'mine'
                 WHERE owner_id = '00000000-0000-7000-8000-0000000000fa' RETURNING 1)
SELECT count(*) AS updated_by_owner FROM changed;
SELECT hits - :h0 AS proven_in_update FROM fitness.cache_stats() WHERE cache_name = 'policy_proof';
COMMIT;
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-0000000000fc');
SET LOCAL ROLE fitness_app;
SELECT hits AS h0 FROM fitness.cache_stats() WHERE cache_name = 'policy_proof' \gset
WITH changed AS (UPDATE content.workout SET description = 'not yours'
                 WHERE owner_id = '00000000-0000-7000-8000-0000000000fa' AND visibility = 'private' RETURNING 1)
SELECT count(*) AS updated_by_other FROM changed;
SELECT hits - :h0 AS proven_in_update FROM fitness.cache_stats() WHERE cache_name = 'policy_proof';
COMMIT;
SELECT description, count(*) FROM content.workout WHERE owner_id = '00000000-0000-7000-8000-0000000000fa'
GROUP BY 1 ORDER BY 1;

-- EXPLAIN runs nothing and proves nothing; EXPLAIN ANALYZE runs the query and proves it
CREATE FUNCTION pg_temp.proven_by(statement text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE h0 bigint; line text;
BEGIN
    SELECT hits INTO h0 FROM fitness.cache_stats() WHERE cache_name = 'policy_proof';
    FOR line IN EXECUTE statement LOOP END LOOP;
    RETURN (SELECT hits - h0 FROM fitness.cache_stats() WHERE cache_name = 'policy_proof');
END $$;
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-0000000000fa');
SET LOCAL ROLE fitness_app;
SELECT pg_temp.proven_by($$EXPLAIN SELECT count(*) FROM content.workout WHERE owner_id = '00000000-0000-7000-8000-0000000000fa'$$) AS explain,
       pg_temp.proven_by($$EXPLAIN ANALYZE SELECT count(*) FROM content.workout WHERE owner_id = '00000000-0000-7000-8000-0000000000fa'$$) AS explain_analyze;
-- parallel workers keep the whole filter (they get the InitPlans' values, not the InitPlans)
SET LOCAL force_parallel_mode = on;
SELECT rows_on, rows_off FROM pg_temp.proof($$SELECT count(*) FROM content.workout WHERE owner_id = '00000000-0000-7000-8000-0000000000fa'$$);
COMMIT;

-- the setting: a boolean any role may change
SET fitness.policy_proof = 'sometimes';
SET ROLE fitness_app;
SET fitness.policy_proof = off;
SHOW fitness.policy_proof;
RESET fitness.policy_proof;
RESET ROLE;

RESET enable_seqscan;
RESET enable_bitmapscan;
SET session_replication_role = replica;
DELETE FROM content.workout WHERE name LIKE 'proof %';
DELETE FROM user_mgmt.institution_member WHERE user_id IN
    ('00000000-0000-7000-8000-0000000000fa', '00000000-0000-7000-8000-0000000000fb', '00000000-0000-7000-8000-0000000000fc');
DELETE FROM user_mgmt.app_user WHERE email LIKE 'proof-_@example.com';
DELETE FROM user_mgmt.institution WHERE slug LIKE 'proof-gym-_';
RESET session_replication_role;
