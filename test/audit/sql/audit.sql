-- Audit trail and stamps: what each operation writes to platform.audit_log, exclusions,
-- rollbacks, definition changes mid-session, tamper attempts, record_history.
\set SHOW_CONTEXT never
SET client_min_messages = warning;
INSERT INTO user_mgmt.app_user (id, email, display_name) VALUES
    ('00000000-0000-7000-8000-0000000a0001', 'auditor-a@example.com', 'Audit A'),
    ('00000000-0000-7000-8000-0000000a0002', 'auditor-b@example.com', 'Audit B');
-- The log's monthly partition for now (the install makes only the default partition).
SELECT count(*) > 0 AS partitions_made FROM fitness.run_maintenance();
CREATE TEMP VIEW log AS
SELECT operation, table_name, changed_columns,
       (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(new_data) k) AS new_keys,
       old_data IS NOT NULL AS has_old, actor_user_id, db_role, record_id
FROM platform.audit_log WHERE table_schema = 'core' AND table_name = 'tag'
  AND record_id = '00000000-0000-7000-8000-0000000a1001';

-- Every entity table is stamped and audited from install.
SELECT count(*) AS entity_tables_without_stamp_or_audit
FROM fitness.entity_tables e
WHERE NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = e.entity_table AND tgname = 'fitness_stamp')
   OR NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = e.entity_table AND tgname = 'fitness_audit_update');

-- INSERT: one row, full new_data, the actor from the context; forged stamps are ignored.
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-0000000a0001');
INSERT INTO core.tag (id, code, name, created_by, created_at, updated_by)
VALUES ('00000000-0000-7000-8000-0000000a1001', 'audit_demo', 'Audit demo',
        '00000000-0000-7000-8000-0000000a0002', '2000-01-01', '00000000-0000-7000-8000-0000000a0002');
COMMIT;
SELECT operation, new_keys, has_old, actor_user_id, db_role FROM log;
SELECT created_by, updated_by, created_at > '2020-01-01' AS created_now, created_at = updated_at AS same_clock
FROM core.tag WHERE id = '00000000-0000-7000-8000-0000000a1001';

-- UPDATE: old row in full, only what changed in new_data; a no-op UPDATE writes nothing.
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-0000000a0002');
UPDATE core.tag SET name = 'Audit demo, renamed' WHERE id = '00000000-0000-7000-8000-0000000a1001';
UPDATE core.tag SET name = name WHERE id = '00000000-0000-7000-8000-0000000a1001';
UPDATE core.tag SET name = 'Audit demo, renamed', description = NULL WHERE id = '00000000-0000-7000-8000-0000000a1001';
COMMIT;
SELECT operation, changed_columns, new_keys, has_old, actor_user_id FROM log WHERE operation = 'UPDATE';
SELECT updated_by FROM core.tag WHERE id = '00000000-0000-7000-8000-0000000a1001';

-- id, created_at, created_by cannot change.
UPDATE core.tag SET created_by = '00000000-0000-7000-8000-0000000a0002' WHERE id = '00000000-0000-7000-8000-0000000a1001';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE core.tag SET created_at = now() - interval '1 day' WHERE id = '00000000-0000-7000-8000-0000000a1001';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE core.tag SET id = fitness.uuid_generate_v7() WHERE id = '00000000-0000-7000-8000-0000000a1001';
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- Soft delete and restore are told apart from plain updates.
UPDATE core.tag SET is_active = false, deleted_at = now() WHERE id = '00000000-0000-7000-8000-0000000a1001';
UPDATE core.tag SET is_active = true, deleted_at = NULL WHERE id = '00000000-0000-7000-8000-0000000a1001';
SELECT operation, changed_columns FROM log WHERE operation IN ('SOFT_DELETE', 'RESTORE') ORDER BY operation DESC;
-- (changed_columns lists is_active, deleted_at and the stamp's updated_at)

-- ROLLBACK and a rolled-back savepoint leave nothing of what they undid.
SELECT count(*) AS before_rollbacks FROM platform.audit_log \gset
BEGIN;
UPDATE core.tag SET name = 'never committed' WHERE id = '00000000-0000-7000-8000-0000000a1001';
ROLLBACK;
BEGIN;
SAVEPOINT s;
UPDATE core.tag SET name = 'rolled back to savepoint' WHERE id = '00000000-0000-7000-8000-0000000a1001';
ROLLBACK TO SAVEPOINT s;
UPDATE core.tag SET description = 'kept' WHERE id = '00000000-0000-7000-8000-0000000a1001';
COMMIT;
SELECT count(*) - :before_rollbacks AS rows_added_by_rollbacks_and_one_kept_update FROM platform.audit_log;
SELECT new_data - 'updated_at' AS new_data FROM platform.audit_log WHERE record_id = '00000000-0000-7000-8000-0000000a1001'
ORDER BY occurred_at DESC, id DESC LIMIT 1;

-- DELETE keeps the row (soft delete, audited as SOFT_DELETE); a hard delete by an admin
-- writes DELETE with the full old row.
DELETE FROM core.tag WHERE id = '00000000-0000-7000-8000-0000000a1001';
SELECT fitness.hard_delete('core.tag', '00000000-0000-7000-8000-0000000a1001');
SELECT operation, has_old, new_keys FROM log WHERE operation IN ('SOFT_DELETE', 'DELETE') ORDER BY operation;

-- Bulk: 10,000 rows in one statement give 10,000 correct entries (one INSERT into the log).
INSERT INTO core.tag (code, name, tag_group)
SELECT 'bulk_' || g, 'Bulk ' || g, 'bulk' FROM generate_series(1, 10000) g;
SELECT count(*) AS entries,
       count(*) FILTER (WHERE a.new_data->>'id' = a.record_id::text
                          AND a.new_data->>'code' = t.code AND a.operation = 'INSERT') AS correct
FROM platform.audit_log a JOIN core.tag t ON t.id = a.record_id
WHERE t.tag_group = 'bulk';
UPDATE core.tag SET description = 'bulk update' WHERE tag_group = 'bulk';
SELECT count(*) AS bulk_update_entries FROM platform.audit_log a JOIN core.tag t ON t.id = a.record_id
WHERE t.tag_group = 'bulk' AND a.operation = 'UPDATE' AND a.changed_columns @> '{description}';

-- Other tables: enable_audit with excluded columns, TRUNCATE, columns added mid-session.
-- (columns named like the trigger's row aliases, o and n, must not confuse it)
CREATE TABLE public.audit_probe (id uuid PRIMARY KEY DEFAULT fitness.uuid_generate_v7(), note text, secret text, o integer, n integer);
SELECT fitness.enable_audit('public.audit_probe', '{secret}');
INSERT INTO public.audit_probe (id, note, secret) VALUES ('00000000-0000-7000-8000-0000000a2001', 'first', 's3cr3t');
UPDATE public.audit_probe SET secret = 'changed only the secret';
UPDATE public.audit_probe SET note = 'second', secret = 'again';
ALTER TABLE public.audit_probe ADD COLUMN extra integer;
UPDATE public.audit_probe SET extra = 42;
ALTER TABLE public.audit_probe DROP COLUMN note;
UPDATE public.audit_probe SET extra = 43;
TRUNCATE public.audit_probe;
SELECT operation, changed_columns, new_data, old_data - 'id' AS old_data_without_id
FROM platform.audit_log WHERE table_name = 'audit_probe' ORDER BY occurred_at, id;
SELECT count(*) AS secret_anywhere_in_log FROM platform.audit_log
WHERE table_name = 'audit_probe' AND (old_data ? 'secret' OR new_data ? 'secret' OR 'secret' = ANY (changed_columns));
SELECT fitness.enable_audit('public.audit_probe', '{no_such_column}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.enable_audit('platform.audit_log');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.disable_audit('public.audit_probe');
INSERT INTO public.audit_probe (id) VALUES (fitness.uuid_generate_v7());
SELECT count(*) AS entries_after_disable FROM platform.audit_log WHERE table_name = 'audit_probe' AND operation = 'INSERT';
DROP TABLE public.audit_probe;

-- The converter the triggers use gives exactly to_jsonb(row), for every column type.
CREATE TABLE public.json_probe (i2 int2, i4 int4, i8 int8, num numeric, nan numeric, f8 float8,
    t text, vc varchar(10), ch char(3), b bool, u uuid, d date, ts timestamp, tstz timestamptz,
    jb jsonb, jbs jsonb, js json, arr text[], iv interval, ip inet, nm name);
INSERT INTO public.json_probe VALUES
    (-2, 40000, 9000000000, 12.50, 'NaN', 0.1, 'tab	"quote" \ é', 'v', 'ab', true,
     '00000000-0000-7000-8000-0000000a4001', '2024-02-29', '2024-02-29 13:14:15.5',
     '2024-02-29 13:14:15.123456+00', '{"a": [1, {"b": null}]}', '"scalar"', '{"x": 1}',
     '{one,"two words",NULL}', '1 day 02:00', '10.1.2.3/32', 'nm'),
    (NULL, NULL, NULL, NULL, 'Infinity', 'NaN', NULL, NULL, NULL, NULL, NULL, 'infinity', NULL,
     NULL, 'null', '[]', NULL, '{}', NULL, NULL, NULL);
SELECT count(*) AS rows, count(*) FILTER (WHERE fitness.audit_row_jsonb(p.*) = to_jsonb(p.*)) AS identical
FROM public.json_probe p;
SELECT fitness.audit_row_jsonb(p.*, '{t,arr,jb}') = to_jsonb(p.*) - '{t,arr,jb}'::text[] AS exclusion_identical
FROM public.json_probe p LIMIT 1;
-- The jsonb is written in its binary form directly: the same text and size, containment both ways,
-- and every key found by look-up (a binary search over the sorted keys and their offsets).
CREATE FUNCTION pg_temp.same_jsonb(a jsonb, b jsonb) RETURNS boolean LANGUAGE sql AS $f$
    SELECT a::text = b::text AND pg_column_size(a) = pg_column_size(b) AND a @> b AND b @> a
       AND (SELECT coalesce(bool_and(a ? k AND a -> k = b -> k), true) FROM jsonb_object_keys(b) k)
$f$;
SELECT count(*) FILTER (WHERE pg_temp.same_jsonb(fitness.audit_row_jsonb(p.*), to_jsonb(p.*))) AS same_layout
FROM public.json_probe p;
DROP TABLE public.json_probe;
-- an anonymous record may repeat a column name: one key, the last value, as to_jsonb
SELECT fitness.audit_row_jsonb(x) AS repeated_names, pg_temp.same_jsonb(fitness.audit_row_jsonb(x), to_jsonb(x)) AS same_layout
FROM (SELECT 1 AS a, 2 AS b, 3 AS a, 4 AS a) x;
-- 40 columns: 80 JEntries, of which every 32nd holds an end offset instead of a length
DO $d$ BEGIN
    EXECUTE 'CREATE TABLE public.wide_probe (' ||
        (SELECT string_agg(format('c%s %s', g, (ARRAY['numeric', 'uuid', 'text'])[g % 3 + 1]), ', ')
         FROM generate_series(1, 40) g) || ')';
END $d$;
INSERT INTO public.wide_probe
SELECT (jsonb_populate_record(NULL::public.wide_probe, jsonb_object_agg('c' || g,
           CASE WHEN r = 2 AND g % 4 = 0 THEN NULL
                WHEN g % 3 = 0 THEN to_jsonb(g * 1.5)
                WHEN g % 3 = 1 THEN to_jsonb(gen_random_uuid())
                ELSE to_jsonb(repeat('w', g * r)) END))).*
FROM generate_series(1, 2) r, generate_series(1, 40) g GROUP BY r;
SELECT count(*) AS rows, count(*) FILTER (WHERE pg_temp.same_jsonb(fitness.audit_row_jsonb(p.*), to_jsonb(p.*))) AS same_layout
FROM public.wide_probe p;
DROP TABLE public.wide_probe;

-- The log is append-only for everyone, its owner (this superuser) included.
-- The DETAIL names the partition hit, which depends on the month the test runs in.
CREATE FUNCTION pg_temp.refusal(stmt text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE st text; msg text; det text; hint text;
BEGIN
  EXECUTE stmt;
  RETURN 'not refused';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
  RETURN st || ' ' || msg || ' | ' ||
         regexp_replace(det, 'audit_log_p[0-9]{6}', 'audit_log_pYYYYMM') || ' | ' || hint;
END $f$;
SELECT pg_temp.refusal($$UPDATE platform.audit_log SET operation = 'INSERT' WHERE table_name = 'tag'$$);
SELECT pg_temp.refusal($$DELETE FROM platform.audit_log WHERE table_name = 'tag'$$);
TRUNCATE platform.audit_log;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT format('TRUNCATE platform.%I', c.relname) AS truncate_partition
FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = 'platform.audit_log'::regclass ORDER BY c.relname LIMIT 1 \gset
:truncate_partition;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SET ROLE fitness_admin;
UPDATE platform.audit_log SET operation = 'INSERT';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM platform.audit_log;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER TABLE platform.audit_log DISABLE TRIGGER audit_log_append_only;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) > 0 AS admin_reads_the_log FROM platform.audit_log;
RESET ROLE;
SET ROLE fitness_app;
SELECT count(*) FROM platform.audit_log;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;

-- record_history: the owner of a record and admins; nobody else.
INSERT INTO user_mgmt.user_measurement (id, user_id, metric, value)
VALUES ('00000000-0000-7000-8000-0000000a3001', '00000000-0000-7000-8000-0000000a0001', 'body_weight_kg', 80);
UPDATE user_mgmt.user_measurement SET value = 79.5 WHERE id = '00000000-0000-7000-8000-0000000a3001';
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-0000000a0001');
SET LOCAL ROLE fitness_app;
SELECT operation, changed_columns FROM fitness.record_history('user_mgmt.user_measurement', '00000000-0000-7000-8000-0000000a3001');
COMMIT;
BEGIN;
SELECT fitness.set_context('00000000-0000-7000-8000-0000000a0002');
SET LOCAL ROLE fitness_app;
SELECT count(*) FROM fitness.record_history('user_mgmt.user_measurement', '00000000-0000-7000-8000-0000000a3001');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
SET ROLE fitness_admin;
SELECT count(*) AS admin_sees FROM fitness.record_history('user_mgmt.user_measurement', '00000000-0000-7000-8000-0000000a3001');
RESET ROLE;
-- Only tables owned by a superuser are served, and the application cannot attach the audit
-- trigger itself (both would let a caller's code run as the log's owner).
SET ROLE fitness_app;
CREATE TEMP TABLE mine (id uuid);
\set VERBOSITY sqlstate
SELECT count(*) FROM fitness.record_history('pg_temp.mine', '00000000-0000-7000-8000-0000000a3001');
\set VERBOSITY default
CREATE TRIGGER t AFTER INSERT ON pg_temp.mine REFERENCING NEW TABLE AS fitness_audit_new
    FOR EACH STATEMENT EXECUTE FUNCTION fitness.audit_statement();
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DROP TABLE pg_temp.mine;
RESET ROLE;
SELECT fitness.record_history('user_mgmt.user_measurement', NULL);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- The log writer (heap inserts, no INSERT statement per audited statement) fills what the
-- column defaults would: occurred_at = now(), txid = txid_current(), a v7 id, the client
-- address; one-row and multi-row statements alike.
CREATE TABLE public.writer_probe (id uuid PRIMARY KEY DEFAULT fitness.uuid_generate_v7(), v integer);
SELECT fitness.enable_audit('public.writer_probe');
BEGIN;
INSERT INTO public.writer_probe (v) VALUES (1);
INSERT INTO public.writer_probe (v) SELECT g FROM generate_series(2, 4) g;
DELETE FROM public.writer_probe WHERE v > 2;
SELECT operation, count(*) AS entries,
       bool_and(occurred_at = now()) AS at_now, bool_and(txid = txid_current()) AS this_txid,
       bool_and(fitness.uuid_v7_time(id) BETWEEN now() - interval '1 minute' AND clock_timestamp()) AS v7_ids,
       bool_and(client_addr IS NOT DISTINCT FROM inet_client_addr()) AS client_addr,
       bool_and(db_role = current_user) AS db_role
FROM platform.audit_log WHERE table_name = 'writer_probe' GROUP BY operation ORDER BY operation;
COMMIT;
-- Multi-row UPDATE, through the writer and through SQL (writer off): the same entries, one
-- per changed row, with the old row and only what changed.
INSERT INTO public.writer_probe (v) VALUES (50), (51), (52), (60), (61), (62);
UPDATE public.writer_probe SET v = CASE WHEN v = 52 THEN 52 ELSE v + 100 END WHERE v BETWEEN 50 AND 52;
SET fitness.audit_log_writer = off;
UPDATE public.writer_probe SET v = CASE WHEN v = 62 THEN 62 ELSE v + 100 END WHERE v BETWEEN 60 AND 62;
RESET fitness.audit_log_writer;
SELECT old_data - 'id' AS old_data, new_data, changed_columns, old_data->>'id' = record_id::text AS old_has_id
FROM platform.audit_log WHERE table_name = 'writer_probe' AND operation = 'UPDATE' ORDER BY (old_data->>'v')::int;
-- Ids changed by a multi-row UPDATE (a table without the stamp trigger, which forbids it)
-- are logged under the old ids.
CREATE TEMP TABLE old_ids AS SELECT id FROM public.writer_probe WHERE v IN (150, 151);
UPDATE public.writer_probe SET id = fitness.uuid_generate_v7() WHERE v IN (150, 151);
SELECT count(*) AS logged_under_old_ids FROM platform.audit_log
WHERE table_name = 'writer_probe' AND operation = 'UPDATE' AND record_id IN (SELECT id FROM old_ids)
  AND changed_columns = '{id}';
-- Only superusers may send the log's writes through SQL (fitness.audit_log_writer).
SET ROLE fitness_app;
SET fitness.audit_log_writer = off;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
SET fitness.audit_log_writer = 'sometimes';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SHOW fitness.audit_log_writer;
-- An UPDATE audit trigger must see both transition tables (a hand-made one without OLD
-- TABLE is refused, not run).
CREATE TABLE public.writer_probe_bad (id uuid PRIMARY KEY DEFAULT fitness.uuid_generate_v7(), v integer);
CREATE TRIGGER bad_audit AFTER UPDATE ON public.writer_probe_bad REFERENCING NEW TABLE AS fitness_audit_new
    FOR EACH STATEMENT EXECUTE FUNCTION fitness.audit_statement();
INSERT INTO public.writer_probe_bad (v) VALUES (1), (2);
UPDATE public.writer_probe_bad SET v = v + 1;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DROP TABLE public.writer_probe_bad;
-- A CHECK constraint a DBA adds to the log is enforced on that path too, and the refused
-- statement leaves nothing.
ALTER TABLE platform.audit_log ADD CONSTRAINT audit_log_probe_check CHECK (new_data->>'v' IS DISTINCT FROM '13');
\set VERBOSITY sqlstate
INSERT INTO public.writer_probe (v) VALUES (13);
INSERT INTO public.writer_probe (v) SELECT g FROM generate_series(12, 14) g;
\set VERBOSITY default
SELECT count(*) AS rows_after_refusals FROM public.writer_probe WHERE v BETWEEN 12 AND 14;
ALTER TABLE platform.audit_log DROP CONSTRAINT audit_log_probe_check;
-- An INSERT trigger on the log, or a column with a default, sends the writes through SQL,
-- which fires the trigger and fills the default.
CREATE TABLE public.writer_probe_seen (n integer);
CREATE FUNCTION public.writer_probe_count() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN INSERT INTO public.writer_probe_seen VALUES (1); RETURN NULL; END $$;
CREATE TRIGGER writer_probe_count AFTER INSERT ON platform.audit_log FOR EACH ROW EXECUTE FUNCTION public.writer_probe_count();
INSERT INTO public.writer_probe (v) VALUES (20);
INSERT INTO public.writer_probe (v) SELECT g FROM generate_series(21, 22) g;
SELECT count(*) AS log_trigger_fired FROM public.writer_probe_seen;
DROP TRIGGER writer_probe_count ON platform.audit_log;
DROP TABLE public.writer_probe_seen;
DROP FUNCTION public.writer_probe_count();
ALTER TABLE platform.audit_log ADD COLUMN probe_note text DEFAULT 'filled by default';
INSERT INTO public.writer_probe (v) VALUES (30);
INSERT INTO public.writer_probe (v) SELECT g FROM generate_series(31, 32) g;
SELECT new_data->>'v' AS v, probe_note FROM platform.audit_log
WHERE table_name = 'writer_probe' AND (new_data->>'v')::int BETWEEN 30 AND 39 ORDER BY 1;
ALTER TABLE platform.audit_log DROP COLUMN probe_note;
-- and with the column dropped again the writer takes over once more
INSERT INTO public.writer_probe (v) SELECT g FROM generate_series(40, 41) g;
SELECT count(*) AS entries_after_drop_column FROM platform.audit_log
WHERE table_name = 'writer_probe' AND (new_data->>'v')::int BETWEEN 40 AND 49;
DROP TABLE public.writer_probe;

SELECT count(*) FILTER (WHERE fitness.hard_delete('user_mgmt.user_measurement', id)) AS hard_deleted FROM user_mgmt.user_measurement WHERE id = '00000000-0000-7000-8000-0000000a3001';
SELECT count(*) FILTER (WHERE fitness.hard_delete('core.tag', id)) AS hard_deleted FROM core.tag WHERE tag_group = 'bulk';
SELECT count(*) FILTER (WHERE fitness.hard_delete('user_mgmt.app_user', id)) AS hard_deleted FROM user_mgmt.app_user WHERE id IN ('00000000-0000-7000-8000-0000000a0001', '00000000-0000-7000-8000-0000000a0002');
