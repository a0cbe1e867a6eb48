-- Audit trail and stamps (API.md "Audit", "Stamps and ids"). The triggers are C++
-- (src/audit/); the functions here attach them. 97_register.sql attaches them to every
-- entity table at install; fitness.register_entities() does the same for tables added later.

-- The entity tables of DOMAINS.md, derived from the catalogue (single definition, also used
-- by the conventions test).
CREATE VIEW fitness.entity_tables AS
SELECT c.oid::regclass AS entity_table
FROM pg_catalog.pg_class c
WHERE c.relnamespace IN ('core'::regnamespace, 'user_mgmt'::regnamespace,
                         'content'::regnamespace, 'platform'::regnamespace)
  AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND c.oid NOT IN ('platform.audit_log'::regclass, 'platform.system_event'::regclass,
                    'platform.activity'::regclass, 'platform.cache_metrics'::regclass,
                    'platform.translation_request'::regclass);
COMMENT ON VIEW fitness.entity_tables IS
    'Every entity table (DOMAINS.md): ordinary tables of core, user_mgmt, content, platform except logs, queues and partitions';

CREATE FUNCTION fitness.stamp() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_stamp' LANGUAGE C;
COMMENT ON FUNCTION fitness.stamp() IS
    'BEFORE INSERT OR UPDATE row trigger: created_at/by, updated_at/by from the context and now(); id, created_at, created_by immutable';

CREATE FUNCTION fitness.audit_statement() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_audit_statement' LANGUAGE C;
COMMENT ON FUNCTION fitness.audit_statement() IS
    'AFTER ... FOR EACH STATEMENT audit trigger with transition tables; arguments: excluded columns';

CREATE FUNCTION fitness.audit_diff(old_data jsonb, new_data jsonb, ignore text[] DEFAULT '{}')
    RETURNS jsonb
    AS 'MODULE_PATHNAME', 'fitness_audit_diff'
    LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.audit_diff(jsonb, jsonb, text[]) IS
    'Top-level keys of new_data whose values differ from old_data; NULL when only ignored keys changed';

CREATE FUNCTION fitness.audit_row_jsonb(row_value record, excluded text[] DEFAULT '{}')
    RETURNS jsonb
    AS 'MODULE_PATHNAME', 'fitness_audit_row_jsonb'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.audit_row_jsonb(record, text[]) IS
    'to_jsonb(row) without the excluded columns, with per-row-type planning (the audit triggers'' converter)';

CREATE FUNCTION fitness.audit_log_guard() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_audit_log_guard' LANGUAGE C;
COMMENT ON FUNCTION fitness.audit_log_guard() IS 'Refuses UPDATE, DELETE and TRUNCATE of platform.audit_log';

CREATE FUNCTION fitness.record_history(target regclass, record_id uuid)
    RETURNS SETOF platform.audit_log
    AS 'MODULE_PATHNAME', 'fitness_record_history'
    LANGUAGE C STABLE PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.record_history(regclass, uuid) IS
    'Audit history of one record, oldest first; for its owner, platform admins (audit.read) and fitness_admin';

CREATE FUNCTION fitness.enable_audit(target regclass, exclude_columns text[] DEFAULT '{}')
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    col text;
    args text;
BEGIN
    IF target IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'enable_audit: target must not be NULL';
    END IF;
    IF target = 'platform.audit_log'::regclass THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'platform.audit_log cannot audit itself';
    END IF;
    IF NOT (SELECT r.rolsuper FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE c.oid = target) THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('enable_audit: %s is not owned by a superuser; only such tables can be audited', target);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = target AND attname = 'id'
                     AND atttypid = 'uuid'::regtype AND NOT attisdropped) THEN
        RAISE EXCEPTION USING ERRCODE = '42703',
            MESSAGE = format('enable_audit: %s has no uuid column "id" to identify audited rows', target);
    END IF;
    FOREACH col IN ARRAY coalesce(exclude_columns, '{}') LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = target AND attname = col
                         AND attnum > 0 AND NOT attisdropped) THEN
            RAISE EXCEPTION USING ERRCODE = '42703',
                MESSAGE = format('enable_audit: column "%s" of %s does not exist', col, target);
        END IF;
    END LOOP;
    PERFORM fitness.disable_audit(target);
    SELECT string_agg(quote_literal(c), ', ') INTO args FROM unnest(exclude_columns) c;
    args := coalesce(args, '');
    EXECUTE format('CREATE TRIGGER fitness_audit_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS fitness_audit_new'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION fitness.audit_statement(%s)', target, args);
    EXECUTE format('CREATE TRIGGER fitness_audit_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS fitness_audit_old'
                   ' NEW TABLE AS fitness_audit_new FOR EACH STATEMENT EXECUTE FUNCTION fitness.audit_statement(%s)',
                   target, args);
    EXECUTE format('CREATE TRIGGER fitness_audit_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS fitness_audit_old'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION fitness.audit_statement(%s)', target, args);
    EXECUTE format('CREATE TRIGGER fitness_audit_truncate AFTER TRUNCATE ON %s'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION fitness.audit_statement(%s)', target, args);
END
$$;
COMMENT ON FUNCTION fitness.enable_audit(regclass, text[]) IS
    'Attaches the C++ audit triggers to a table; exclude_columns never reach the log';

CREATE FUNCTION fitness.disable_audit(target regclass) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT tgname FROM pg_trigger WHERE tgrelid = target AND tgname IN
                 ('fitness_audit_insert', 'fitness_audit_update', 'fitness_audit_delete', 'fitness_audit_truncate')
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', t, target);
    END LOOP;
END
$$;
COMMENT ON FUNCTION fitness.disable_audit(regclass) IS 'Removes the audit triggers from a table';

-- The catalogue-driven step: every entity table gets the stamp trigger, the audit triggers
-- (existing exclusions kept) and the soft-delete trigger (75_softdelete.sql). Returns the number of tables it attached anything to.
CREATE FUNCTION fitness.register_entities() RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t regclass;
    done integer := 0;
BEGIN
    FOR t IN SELECT entity_table FROM fitness.entity_tables ORDER BY 1::text LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = t AND tgname = 'fitness_stamp') THEN
            EXECUTE format('CREATE TRIGGER fitness_stamp BEFORE INSERT OR UPDATE ON %s'
                           ' FOR EACH ROW EXECUTE FUNCTION fitness.stamp()', t);
            -- Defaults equal to what the stamp sets, so it has nothing to rewrite on INSERT.
            IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = t AND attname = 'created_by' AND NOT attisdropped) THEN
                EXECUTE format('ALTER TABLE %s ALTER COLUMN created_by SET DEFAULT fitness.current_user_id(),'
                               ' ALTER COLUMN updated_by SET DEFAULT fitness.current_user_id()', t);
            END IF;
            done := done + 1;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = t AND tgname = 'fitness_audit_insert') THEN
            PERFORM fitness.enable_audit(t);
            done := done + 1;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = t AND tgname = 'zz_soft_delete') THEN
            EXECUTE format('CREATE TRIGGER zz_soft_delete BEFORE DELETE ON %s'
                           ' FOR EACH ROW EXECUTE FUNCTION fitness.soft_delete()', t);
            done := done + 1;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = t AND tgname = 'zz_soft_delete_flush') THEN
            EXECUTE format('CREATE TRIGGER zz_soft_delete_flush AFTER DELETE ON %s'
                           ' FOR EACH STATEMENT EXECUTE FUNCTION fitness.soft_delete_flush()', t);
        END IF;
    END LOOP;
    PERFORM fitness.protect_audit_log();
    RETURN done;
END
$$;

-- Append-only log: row triggers reach every partition; TRUNCATE triggers are per table, so
-- each partition gets its own (partition maintenance calls this for new ones).
CREATE FUNCTION fitness.protect_audit_log() RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t regclass;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'platform.audit_log'::regclass
                     AND tgname = 'audit_log_append_only') THEN
        CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON platform.audit_log
            FOR EACH ROW EXECUTE FUNCTION fitness.audit_log_guard();
    END IF;
    FOR t IN SELECT 'platform.audit_log'::regclass
             UNION ALL SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'platform.audit_log'::regclass
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = t AND tgname = 'audit_log_no_truncate') THEN
            EXECUTE format('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON %s'
                           ' FOR EACH STATEMENT EXECUTE FUNCTION fitness.audit_log_guard()', t);
        END IF;
    END LOOP;
END
$$;

-- Trigger functions run with the rights of whoever attaches them to a table; nobody but
-- admins may attach them (audit rows are written as the log's owner).
REVOKE ALL ON FUNCTION fitness.stamp(), fitness.audit_statement(), fitness.audit_log_guard(),
    fitness.audit_row_jsonb(record, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.stamp(), fitness.audit_statement(), fitness.audit_log_guard(),
    fitness.audit_row_jsonb(record, text[]) TO fitness_admin;

REVOKE ALL ON FUNCTION fitness.enable_audit(regclass, text[]), fitness.disable_audit(regclass),
    fitness.register_entities(), fitness.protect_audit_log(), fitness.record_history(regclass, uuid)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.enable_audit(regclass, text[]), fitness.disable_audit(regclass),
    fitness.register_entities(), fitness.protect_audit_log() TO fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.record_history(regclass, uuid) TO fitness_app, fitness_service, fitness_admin;
