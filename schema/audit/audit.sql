-- Audit trail and stamps (docs/reference/functions.md "Audit"). The triggers are C++
-- (src/audit/); the functions here attach them. register.sql attaches them to every
-- entity table at install; fitness.register_entities() does the same for tables added later.

-- The entity tables (docs/reference/tables.md), derived from the catalogue (single definition, also used
-- by the conventions test).
CREATE VIEW fitness.entity_tables AS
SELECT c.oid::regclass AS entity_table
FROM pg_catalog.pg_class c
WHERE c.relnamespace IN ('core'::regnamespace, 'user_mgmt'::regnamespace,
                         'content'::regnamespace, 'platform'::regnamespace)
  AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND c.oid NOT IN ('platform.audit_log'::regclass, 'platform.system_event'::regclass,
                    'platform.activity'::regclass, 'platform.cache_metrics'::regclass,
                    'platform.translation_request'::regclass)
  -- old log partitions that retention detached (archives, partition/partition.sql)
  AND c.relname !~ '^(audit_log|system_event)_p[0-9]';
COMMENT ON VIEW fitness.entity_tables IS
    'Every entity table: ordinary tables of core, user_mgmt, content, platform except logs (and their detached partitions), queues and partitions';

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
             ORDER BY tgname
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', t, target);
    END LOOP;
END
$$;
COMMENT ON FUNCTION fitness.disable_audit(regclass) IS 'Removes the audit triggers from a table';

-- The catalogue-driven step: every entity table gets the stamp trigger, the audit triggers
-- (existing exclusions kept) and the soft-delete trigger (softdelete/soft_delete.sql). Returns the number of tables it attached anything to.
-- SECURITY DEFINER: fitness_admin may call it, but attaching triggers takes the tables'
-- owner. It only touches tables of the four domain schemas, where nobody but superusers can
-- create tables, and only with the extension's own triggers.
CREATE FUNCTION fitness.register_entities() RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
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
SECURITY DEFINER  -- for fitness_admin (partition maintenance): only adds the guard triggers
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

-- What would let changes escape the audit trail: an entity table without its four audit
-- triggers enabled, the log without its append-only guards, a rule on the log. Empty when
-- the protection is whole. The DBA's check (monitoring can poll it), and what the event
-- trigger below consults after each DDL command.
CREATE FUNCTION fitness.audit_protection_gaps()
RETURNS TABLE (object text, problem text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT e.entity_table::text, pg_catalog.format('audit trigger %s is %s', w.tgname,
               CASE WHEN g.oid IS NULL THEN 'missing' ELSE 'disabled' END)
      FROM fitness.entity_tables e
     CROSS JOIN pg_catalog.unnest(ARRAY['fitness_audit_insert', 'fitness_audit_update',
                                        'fitness_audit_delete', 'fitness_audit_truncate']) AS w (tgname)
      LEFT JOIN pg_catalog.pg_trigger g ON g.tgrelid = e.entity_table AND g.tgname = w.tgname
     WHERE g.oid IS NULL OR g.tgenabled = 'D'
    UNION ALL
    SELECT t.relid::regclass::text, pg_catalog.format('append-only guard %s is %s', w.tgname,
               CASE WHEN g.oid IS NULL THEN 'missing' ELSE 'disabled' END)
      FROM (SELECT 'platform.audit_log'::regclass AS relid, true AS is_parent
            UNION ALL
            SELECT i.inhrelid::regclass, false FROM pg_catalog.pg_inherits i
             WHERE i.inhparent = 'platform.audit_log'::regclass) AS t
     CROSS JOIN pg_catalog.unnest(ARRAY['audit_log_append_only', 'audit_log_no_truncate']) AS w (tgname)
      LEFT JOIN pg_catalog.pg_trigger g ON g.tgrelid = t.relid AND g.tgname = w.tgname
     WHERE (t.is_parent OR w.tgname = 'audit_log_no_truncate') AND (g.oid IS NULL OR g.tgenabled = 'D')
    UNION ALL
    SELECT r.ev_class::regclass::text, pg_catalog.format('rule %s rewrites the log', r.rulename)
      FROM pg_catalog.pg_rewrite r
     WHERE r.ev_class = 'platform.audit_log'::regclass
        OR r.ev_class IN (SELECT i.inhrelid FROM pg_catalog.pg_inherits i
                           WHERE i.inhparent = 'platform.audit_log'::regclass)
    ORDER BY 1, 2
$$;
COMMENT ON FUNCTION fitness.audit_protection_gaps() IS
    'What would let changes escape the audit trail (missing or disabled audit triggers, missing or disabled append-only guards of the log, rules on the log); empty when whole';

-- Detection, not prevention: a superuser can switch the protection off (ALTER TABLE ...
-- DISABLE TRIGGER, DROP TRIGGER, fitness.disable_audit, a rule on the log). Every DDL
-- command that leaves a gap on a table it touched, and every drop of an audit trigger or
-- of a log partition, is recorded in platform.system_event ('audit.protection_changed')
-- in the same transaction and raised as a WARNING. What it cannot see: a superuser's
-- SET session_replication_role = replica (no DDL; every trigger, this one included, is
-- skipped) and ALTER EVENT TRIGGER / DROP EVENT TRIGGER on itself (event triggers do not
-- fire for those); README "Audit trail" says how to watch for them.
CREATE FUNCTION fitness.audit_ddl_watch() RETURNS event_trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c record;
    gap record;
BEGIN
    -- Only superusers can open a gap: audited tables and the log are superuser-owned, and
    -- DDL on a table needs its owner. Everyone else's DDL (a user's temp table) is not ours
    -- to look at, and must not fail on privileges this check needs.
    IF NOT coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user), false) THEN
        RETURN;
    END IF;
    IF TG_EVENT = 'ddl_command_end' THEN
        FOR c IN SELECT DISTINCT d.objid, d.command_tag FROM pg_catalog.pg_event_trigger_ddl_commands() d
                  WHERE d.classid = 'pg_catalog.pg_class'::regclass AND NOT d.in_extension LOOP
            -- fitness.run_maintenance()'s own DDL: a new partition gets its guards before
            -- it is attached (and the check below costs a catalogue scan per command).
            CONTINUE WHEN fitness.partition_maintenance_active();
            FOR gap IN SELECT g.object, g.problem FROM fitness.audit_protection_gaps() g
                        WHERE g.object = c.objid::regclass::text LOOP
                INSERT INTO platform.system_event (event_type, aggregate_type, payload)
                VALUES ('audit.protection_changed', 'audit_log',
                        pg_catalog.jsonb_build_object('command', c.command_tag, 'object', gap.object,
                                                      'problem', gap.problem, 'role', current_user::text,
                                                      'session_role', session_user::text));
                RAISE WARNING 'audit protection changed: % (%)', gap.problem, gap.object
                    USING HINT = 'fitness.register_entities() and fitness.protect_audit_log() restore it; the change is recorded in platform.system_event.';
            END LOOP;
        END LOOP;
    ELSIF TG_EVENT = 'sql_drop' THEN
        -- (Triggers that go with their table are no gap: the table is gone.)
        FOR c IN SELECT d.object_type, d.object_identity FROM pg_catalog.pg_event_trigger_dropped_objects() d
                  WHERE ((d.object_type = 'trigger'
                          AND d.object_identity ~ '^(fitness_audit_(insert|update|delete|truncate)|audit_log_append_only|audit_log_no_truncate) on ')
                         OR (d.object_type = 'table' AND d.object_identity ~ '^platform\.audit_log(_|$)')
                         OR (d.object_type = 'rule' AND d.object_identity ~ ' on platform\.audit_log'))
                    AND NOT (d.object_type IN ('trigger', 'rule') AND EXISTS (
                            SELECT 1 FROM pg_catalog.pg_event_trigger_dropped_objects() t
                             WHERE t.object_type = 'table' AND d.object_identity LIKE '% on ' || t.object_identity
                               AND t.object_identity !~ '^platform\.audit_log(_|$)')) LOOP
            -- A partition fitness.run_maintenance() retires is on record already
            -- (audit.partition_retired in platform.system_event).
            CONTINUE WHEN fitness.partition_maintenance_active();
            INSERT INTO platform.system_event (event_type, aggregate_type, payload)
            VALUES ('audit.protection_changed', 'audit_log',
                    pg_catalog.jsonb_build_object('command', TG_TAG, 'object', c.object_identity,
                                                  'problem', c.object_type || ' dropped', 'role', current_user::text,
                                                  'session_role', session_user::text));
            RAISE WARNING 'audit protection changed: % dropped (%)', c.object_type, c.object_identity;
        END LOOP;
    END IF;
END
$$;
COMMENT ON FUNCTION fitness.audit_ddl_watch() IS
    'Event trigger: records DDL that opens a gap in the audit protection (audit.protection_changed in platform.system_event) and warns';
CREATE EVENT TRIGGER fitness_audit_ddl_watch ON ddl_command_end
    WHEN TAG IN ('ALTER TABLE', 'CREATE RULE', 'ALTER TRIGGER', 'CREATE TRIGGER')
    EXECUTE FUNCTION fitness.audit_ddl_watch();
CREATE EVENT TRIGGER fitness_audit_drop_watch ON sql_drop
    EXECUTE FUNCTION fitness.audit_ddl_watch();

-- Trigger functions run with the rights of whoever attaches them to a table; nobody but
-- admins may attach them (audit rows are written as the log's owner).
REVOKE ALL ON FUNCTION fitness.stamp(), fitness.audit_statement(), fitness.audit_log_guard(),
    fitness.audit_row_jsonb(record, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.stamp(), fitness.audit_statement(), fitness.audit_log_guard(),
    fitness.audit_row_jsonb(record, text[]) TO fitness_admin;

REVOKE ALL ON FUNCTION fitness.enable_audit(regclass, text[]), fitness.disable_audit(regclass),
    fitness.register_entities(), fitness.protect_audit_log(), fitness.record_history(regclass, uuid),
    fitness.audit_protection_gaps(), fitness.audit_ddl_watch()
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.audit_protection_gaps() TO fitness_admin;
GRANT SELECT ON fitness.entity_tables TO fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.enable_audit(regclass, text[]), fitness.disable_audit(regclass),
    fitness.register_entities(), fitness.protect_audit_log() TO fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.record_history(regclass, uuid) TO fitness_app, fitness_service, fitness_admin;
