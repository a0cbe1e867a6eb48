-- The policies of the tenancy map (tenancy.sql): apply_tenancy turns each map row into its
-- table's row-level security. Its own fragment (CREATE OR REPLACE) so that an update script
-- brings a changed version and re-applies it.
-- --------------------------------------------------------------------------------------------
-- apply_tenancy: (re)creates the tenancy_* policies and the delete guard of one mapped
-- table, or of all of them; returns the number of tables done.
-- --------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION fitness.apply_tenancy(target regclass DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    m          fitness.tenancy_map;
    col        name;
    pol        name;
    has_active boolean;
    visible    text;
    writable   text;
    deletable  text;
    target_ok  text;
    ctx        CONSTANT text := '(SELECT fitness.current_user_id()) IS NOT NULL';
    done       integer := 0;
    alias      text;
BEGIN
    IF apply_tenancy.target IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM fitness.tenancy_map t WHERE t.target = apply_tenancy.target) THEN
        RAISE EXCEPTION '% is not in fitness.tenancy_map', apply_tenancy.target
            USING ERRCODE = 'undefined_object',
                  HINT = 'Add a row to fitness.tenancy_map first.';
    END IF;

    FOR m IN
        SELECT * FROM fitness.tenancy_map t
         WHERE apply_tenancy.target IS NULL OR t.target = apply_tenancy.target
         ORDER BY t.target::text
    LOOP
        -- The columns the map names exist.
        FOREACH col IN ARRAY ARRAY[m.owner_column, m.institution_column, m.visibility_column, m.parent_column,
                                   m.entity_type_column, m.entity_id_column] LOOP
            IF col IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM pg_catalog.pg_attribute a
                 WHERE a.attrelid = m.target AND a.attname = col AND a.attnum > 0 AND NOT a.attisdropped) THEN
                RAISE EXCEPTION 'column "%" of % named by fitness.tenancy_map does not exist', col, m.target
                    USING ERRCODE = 'undefined_column';
            END IF;
        END LOOP;
        SELECT c.relname INTO alias FROM pg_catalog.pg_class c WHERE c.oid = m.target;
        has_active := EXISTS (
            SELECT 1 FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = m.target AND a.attname = 'is_active' AND a.atttypid = 'pg_catalog.bool'::pg_catalog.regtype
               AND a.attnum > 0 AND NOT a.attisdropped);

        FOR pol IN
            SELECT p.polname FROM pg_catalog.pg_policy p
             WHERE p.polrelid = m.target AND p.polname LIKE 'tenancy\_%'
        LOOP
            EXECUTE pg_catalog.format('DROP POLICY %I ON %s', pol, m.target);
        END LOOP;
        EXECUTE pg_catalog.format('DROP TRIGGER IF EXISTS tenancy_write_guard ON %s', m.target);

        -- Soft-deleted rows and requests without a context see nothing; a polymorphic
        -- reference is as visible as its target, and written only pointing at a readable one.
        target_ok := fitness.tenancy_target_predicate(m.target, alias);
        visible := pg_catalog.concat_ws(' AND ', CASE WHEN has_active THEN 'is_active' END, ctx,
                                        '(' || fitness.tenancy_predicate(m.target, 'read', alias) || ')',
                                        target_ok);
        EXECUTE pg_catalog.format(
            'CREATE POLICY tenancy_select ON %s AS PERMISSIVE FOR SELECT TO fitness_app, fitness_service USING (%s)',
            m.target, visible);

        IF NOT m.read_only_for_app THEN
            writable := pg_catalog.concat_ws(' AND ', ctx, '(' || fitness.tenancy_predicate(m.target, 'write', alias) || ')',
                                             target_ok);
            deletable := ctx || ' AND (' || fitness.tenancy_predicate(m.target, 'delete', 'old_row') || ')';
            EXECUTE pg_catalog.format(
                'CREATE POLICY tenancy_insert ON %s AS PERMISSIVE FOR INSERT TO fitness_app, fitness_service WITH CHECK (%s)',
                m.target, writable);
            -- USING: rows one sees and may write as they are; WITH CHECK: what they become
            -- must be writable too. A visible row one may not write is not updated (UPDATE 0):
            -- checking only the new row let anyone rewrite a readable row into their own
            -- (owner_id = themselves passes the write check).
            EXECUTE pg_catalog.format(
                'CREATE POLICY tenancy_update ON %s AS PERMISSIVE FOR UPDATE TO fitness_app, fitness_service USING (%s) WITH CHECK (%s)',
                m.target, visible || ' AND (' || fitness.tenancy_predicate(m.target, 'write', alias) || ')', writable);
            EXECUTE pg_catalog.format(
                'CREATE POLICY tenancy_delete ON %s AS PERMISSIVE FOR DELETE TO fitness_app, fitness_service USING (%s)',
                m.target, visible);
            EXECUTE pg_catalog.format(
                'CREATE TRIGGER tenancy_write_guard BEFORE DELETE ON %s FOR EACH ROW EXECUTE FUNCTION fitness.tenancy_write_guard(%L)',
                m.target, deletable);
        END IF;

        -- Operators see and change everything their grants allow.
        EXECUTE pg_catalog.format(
            'CREATE POLICY tenancy_admin ON %s AS PERMISSIVE FOR ALL TO fitness_admin USING (true) WITH CHECK (true)',
            m.target);
        EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', m.target);
        done := done + 1;
    END LOOP;
    RETURN done;
END
$fn$;
COMMENT ON FUNCTION fitness.apply_tenancy(regclass) IS
    'Recreates the tenancy_* row-level security policies and the tenancy_write_guard trigger of one table of fitness.tenancy_map (or of all when NULL) and enables and forces RLS; returns the number of tables done';
REVOKE ALL ON FUNCTION fitness.apply_tenancy(regclass) FROM PUBLIC;
