-- Policy proof: when a scan's index condition fixes the owner (WHERE owner_id = '<me>'), the
-- policy's "owner_id = current user" arm is proven once the InitPlan has run, and the policy
-- OR is dropped from the scan's filter. Every query is run with fitness.policy_proof on and
-- off: the helpers below raise when the two disagree, and cache_stats() 'policy_proof' tells
-- whether the proof was made (hits) or not (misses).
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
CREATE FUNCTION pg_temp.proof(query text) RETURNS TABLE (rows bigint, proven bigint, not_proven bigint)
LANGUAGE plpgsql AS $$
DECLARE h0 bigint; m0 bigint; rows_on bigint; rows_off bigint;
BEGIN
    SELECT hits, misses INTO h0, m0 FROM fitness.cache_stats() WHERE cache_name = 'policy_proof';
    EXECUTE query INTO rows_on;
    SELECT hits - h0, misses - m0 INTO proven, not_proven FROM fitness.cache_stats() WHERE cache_name = 'policy_proof';
    PERFORM set_config('fitness.policy_proof', 'off', true);
    EXECUTE query INTO rows_off;
    PERFORM set_config('fitness.policy_proof', 'on', true);
    IF rows_on IS DISTINCT FROM rows_off THEN
        RAISE EXCEPTION 'proof on and off disagree: % rows on, % off, for %', rows_on, rows_off, query;
    END IF;
    rows := rows_on;
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
SELECT rows FROM pg_temp.proof($$SELECT count(*) FROM content.workout WHERE owner_id = '00000000-0000-7000-8000-0000000000fa'$$);
COMMIT;

-- Not only policies: any filter "k = K AND (k = $initplan OR ...)". Shapes where the proof
-- would be wrong must keep the whole filter, so on and off agree.
CREATE TABLE public.proof_t (k int, r real, n name, s text, flag bool);
INSERT INTO public.proof_t SELECT g % 10, (g % 4) / 2.0, 'abc', (ARRAY['abc', 'ABC', 'Abc', 'xyz'])[g % 4 + 1], g % 3 = 0
FROM generate_series(1, 1200) g;
CREATE INDEX ON public.proof_t (k);
CREATE INDEX ON public.proof_t (r);
CREATE INDEX ON public.proof_t (n);
CREATE TABLE public.proof_o (x int);
INSERT INTO public.proof_o VALUES (5), (6), (7);
ANALYZE public.proof_t, public.proof_o;
CREATE FUNCTION pg_temp.on_off(query text) RETURNS TABLE (result text, proven bigint)
LANGUAGE plpgsql AS $$
DECLARE h0 bigint; result_on text; result_off text;
BEGIN
    SELECT hits INTO h0 FROM fitness.cache_stats() WHERE cache_name = 'policy_proof';
    BEGIN
        EXECUTE query INTO result_on;
    EXCEPTION WHEN OTHERS THEN
        result_on := 'ERROR: ' || SQLERRM;
    END;
    SELECT hits - h0 INTO proven FROM fitness.cache_stats() WHERE cache_name = 'policy_proof';
    PERFORM set_config('fitness.policy_proof', 'off', true);
    BEGIN
        EXECUTE query INTO result_off;
    EXCEPTION WHEN OTHERS THEN
        result_off := 'ERROR: ' || SQLERRM;
    END;
    PERFORM set_config('fitness.policy_proof', 'on', true);
    IF result_on IS DISTINCT FROM result_off THEN
        RAISE EXCEPTION 'proof on and off disagree: % on, % off, for %', result_on, result_off, query;
    END IF;
    result := result_on;
    RETURN NEXT;
END $$;
BEGIN;
-- the plain case is proven
SELECT * FROM pg_temp.on_off($$SELECT count(*)::text FROM public.proof_t WHERE k = 5 AND (k = (SELECT 5) OR flag)$$);
-- an InitPlan that reads the outer row is recomputed per outer row: not fixed, not proven
SELECT * FROM pg_temp.on_off($$SELECT string_agg(x || ':' || (SELECT count(*) FROM public.proof_t t
    WHERE t.k = 5 AND (t.k = (SELECT o.x) OR t.flag)), ',' ORDER BY x) FROM public.proof_o o$$);
SELECT * FROM pg_temp.on_off($$SELECT string_agg(o.x || ':' || s.c, ',' ORDER BY o.x) FROM public.proof_o o,
    LATERAL (SELECT count(*) c FROM public.proof_t t WHERE t.k = 5 AND (t.k = (SELECT o.x) OR t.flag)) s$$);
SELECT * FROM pg_temp.on_off($$SELECT string_agg(o.x || ':' || s.c, ',' ORDER BY o.x) FROM public.proof_o o,
    LATERAL (SELECT count(*) c FROM public.proof_t t WHERE t.k = (SELECT o.x) AND (t.k = (SELECT 5) OR t.flag)) s$$);
-- cross-type equality (real = float8, name = text): not proven
SELECT * FROM pg_temp.on_off($$SELECT count(*)::text FROM public.proof_t WHERE r = 1.5::float8 AND (r = (SELECT 0::float8) OR flag)$$);
SELECT * FROM pg_temp.on_off($$SELECT count(*)::text FROM public.proof_t WHERE n = 'abc'::text AND (n = (SELECT chr(28)) OR flag)$$);
-- an InitPlan the filter never needs is never run by the proof (it would fail here)
SELECT * FROM pg_temp.on_off($$SELECT count(*)::text FROM public.proof_t WHERE k = 42 AND (k = (SELECT x FROM public.proof_o) OR flag)$$);
-- a SubPlan left in the filter would be initialised twice: the filter is kept whole
SELECT * FROM pg_temp.on_off($$SELECT count(*)::text FROM public.proof_t t WHERE k = 5 AND (k = (SELECT 5) OR flag)
    AND (SELECT max(o.x) FROM public.proof_o o WHERE o.x > t.k) IS NOT NULL$$);
COMMIT;
-- a nondeterministic collation on the index condition but not on the arm: not proven
CREATE COLLATION pg_temp.proof_ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE INDEX ON public.proof_t (s COLLATE pg_temp.proof_ci);
BEGIN;
SELECT * FROM pg_temp.on_off($$SELECT count(*)::text FROM public.proof_t WHERE s = 'ABC' COLLATE pg_temp.proof_ci AND (s = (SELECT 'ABC') OR flag)$$);
COMMIT;
DROP TABLE public.proof_t, public.proof_o;

-- Readable rows (no WHERE): the policy is specialised for the execution once its InitPlans
-- have run (arms whose guard is false dropped, helper arrays evaluated once and hashed);
-- 'policy_specialized' counts it. On and off agree in seq, bitmap and parallel scans.
CREATE FUNCTION pg_temp.specialized(query text) RETURNS TABLE (rows bigint, specialized bigint)
LANGUAGE plpgsql AS $$
DECLARE h0 bigint; rows_on bigint; rows_off bigint;
BEGIN
    SELECT hits INTO h0 FROM fitness.cache_stats() WHERE cache_name = 'policy_specialized';
    EXECUTE query INTO rows_on;
    SELECT hits - h0 INTO specialized FROM fitness.cache_stats() WHERE cache_name = 'policy_specialized';
    PERFORM set_config('fitness.policy_proof', 'off', true);
    EXECUTE query INTO rows_off;
    PERFORM set_config('fitness.policy_proof', 'on', true);
    IF rows_on IS DISTINCT FROM rows_off THEN
        RAISE EXCEPTION 'proof on and off disagree: % rows on, % off, for %', rows_on, rows_off, query;
    END IF;
    rows := rows_on;
    RETURN NEXT;
END $$;
BEGIN;
SET LOCAL enable_seqscan = on;
SELECT fitness.set_context('00000000-0000-7000-8000-0000000000fa');
SET LOCAL ROLE fitness_app;
SELECT 'A, seq scan' AS scan, * FROM pg_temp.specialized($$SELECT count(*) FROM content.workout WHERE name LIKE 'proof %'$$);
SET LOCAL enable_seqscan = off;
SET LOCAL enable_bitmapscan = on;
SELECT 'A, bitmap' AS scan, * FROM pg_temp.specialized($$SELECT count(*) FROM content.workout$$);
RESET ROLE;
SELECT fitness.set_context('00000000-0000-7000-8000-0000000000fc');
SET LOCAL ROLE fitness_app;
SELECT 'C, bitmap' AS scan, * FROM pg_temp.specialized($$SELECT count(*) FROM content.workout$$);
SET LOCAL force_parallel_mode = on;
SET LOCAL enable_seqscan = on;
SELECT 'C, parallel' AS scan, rows FROM pg_temp.specialized($$SELECT count(*) FROM content.workout WHERE name LIKE 'proof %'$$);
COMMIT;

-- The planner is told what the specialisation costs: a policy with set-valued helper arms
-- is estimated cheaper with the proof on (one call per execution, a hashed probe per row)
-- than with it off (a call and an array scan per row).
CREATE FUNCTION pg_temp.plan_cost(query text) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
    RETURN (plan -> 0 -> 'Plan' ->> 'Total Cost')::numeric;
END $$;
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-0000000000fa');
SET LOCAL ROLE fitness_app;
SET LOCAL enable_seqscan = on;
SELECT pg_temp.plan_cost('SELECT count(*) FROM content.workout') AS cost_on \gset
SET LOCAL fitness.policy_proof = off;
SELECT pg_temp.plan_cost('SELECT count(*) FROM content.workout') AS cost_off \gset
SELECT :cost_on < :cost_off AS specialised_plan_is_cheaper;
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
