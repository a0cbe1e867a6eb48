-- Privileges, least privilege first. PUBLIC gets nothing on the domain schemas; the three
-- group roles get what their job needs (docs/reference/roles.md). Row-level security narrows the
-- rows fitness_app and fitness_service see; these grants decide which tables at all.

REVOKE ALL ON SCHEMA core, user_mgmt, content, platform FROM PUBLIC;
GRANT USAGE ON SCHEMA core, user_mgmt, content, platform, fitness
    TO fitness_app, fitness_service, fitness_admin;

-- Test hooks of the bridge: admins only.
REVOKE ALL ON FUNCTION fitness.bridge_selftest(text), fitness.bridge_live_objects(),
    fitness.bridge_kept_plan_sum(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.bridge_selftest(text), fitness.bridge_live_objects(),
    fitness.bridge_kept_plan_sum(integer) TO fitness_admin;

DO $grants$
DECLARE
    -- Reference data the application reads but never writes (edited by admins).
    app_read CONSTANT text[] := ARRAY[
        'content.equipment', 'content.equipment_category', 'content.media_type', 'content.goal',
        'user_mgmt.billing_plan', 'user_mgmt.subscription', 'user_mgmt.payment', 'user_mgmt.user_role',
        'platform.language', 'platform.activity_type', 'platform.rating_status',
        'platform.rating_summary', 'platform.notification_type', 'platform.system_setting',
        'platform.error_type', 'platform.ui_message', 'platform.translation', 'platform.cache_strategy'];
    -- Tables the application must not touch at all: logs, queues, internals, and requests
    -- that go through API functions.
    app_none CONSTANT text[] := ARRAY[
        'platform.audit_log', 'platform.system_event', 'platform.translation_request',
        'platform.translation_cache', 'platform.cache_metrics', 'platform.error',
        'platform.retention_policy', 'platform.data_subject_request'];
    -- What the trusted backend writes on top of the application's rights.
    -- (platform.error: the service reports errors but does not read them back, below.)
    service_write CONSTANT text[] := ARRAY[
        'user_mgmt.billing_plan', 'user_mgmt.subscription', 'user_mgmt.payment',
        'platform.translation', 'platform.translation_cache', 'platform.translation_request'];
    -- Logs are append-only: admins may read them, nobody gets UPDATE/DELETE/TRUNCATE.
    admin_read_only CONSTANT text[] := ARRAY[
        'platform.audit_log', 'platform.system_event', 'platform.activity', 'platform.cache_metrics'];
    t record;
    qualified text;
BEGIN
    FOR t IN
        SELECT n.nspname, c.relname, c.oid
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('core', 'user_mgmt', 'content', 'platform')
          AND c.relkind IN ('r', 'p')
          AND NOT c.relispartition
    LOOP
        qualified := pg_catalog.format('%I.%I', t.nspname, t.relname);
        EXECUTE pg_catalog.format('REVOKE ALL ON %s FROM PUBLIC', qualified);

        -- fitness_admin: everything but rewriting history.
        IF t.nspname || '.' || t.relname = ANY (admin_read_only) THEN
            EXECUTE pg_catalog.format('GRANT SELECT ON %s TO fitness_admin', qualified);
        ELSE
            -- TRUNCATE: the hard, audited way to empty a table on purpose (admins only).
            EXECUTE pg_catalog.format('GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON %s TO fitness_admin', qualified);
        END IF;

        -- fitness_app and fitness_service.
        IF t.nspname || '.' || t.relname = ANY (app_none) THEN
            NULL;
        ELSIF t.nspname = 'core' OR t.nspname || '.' || t.relname = ANY (app_read) THEN
            EXECUTE pg_catalog.format('GRANT SELECT ON %s TO fitness_app, fitness_service', qualified);
        ELSE
            EXECUTE pg_catalog.format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO fitness_app, fitness_service', qualified);
        END IF;

        IF t.nspname || '.' || t.relname = ANY (service_write) THEN
            EXECUTE pg_catalog.format('GRANT SELECT, INSERT, UPDATE ON %s TO fitness_service', qualified);
        END IF;
    END LOOP;

    -- Accounts: the link to the identity provider (auth_subject, e-mail and its
    -- verification, anonymisation) is written by the trusted backend and operators only. A
    -- user who could set auth_subject or e-mail would receive another person's sign-ins or
    -- claim a subject before its owner signs up. Users edit their profile, and may take the
    -- soft-delete columns (what fitness.restore updates); accounts are created by the service.
    REVOKE INSERT, UPDATE ON user_mgmt.app_user FROM fitness_app;
    GRANT UPDATE (display_name, given_name, family_name, phone, birth_date, sex, height_cm,
                  language_code, timezone, unit_system, last_seen_at, updated_at, updated_by,
                  is_active, deleted_at, deleted_by)
        ON user_mgmt.app_user TO fitness_app;

    -- What fitness_service reads without row-level security, because its job covers every
    -- row: the outbox relay reads and marks system_event; the translation worker reads the
    -- queue and the cache (texts sent for translation). fitness_app has no privilege on
    -- any of them. Errors are reported by the service and read by operators only.
    GRANT INSERT ON platform.error TO fitness_service;

    -- The outbox relay (service) reads events and marks them processed.
    GRANT SELECT ON platform.system_event TO fitness_service;
    GRANT UPDATE (processed_at) ON platform.system_event TO fitness_service;
END
$grants$;

-- Secret settings (is_secret: the translation provider's API key) are for the translation
-- worker (fitness_service) and operators. The application never reads them: row-level
-- security hides those rows from fitness_app. The table is not forced, so the extension's
-- own functions, running as its owner, read every row.
ALTER TABLE platform.system_setting ENABLE ROW LEVEL SECURITY;
CREATE POLICY system_setting_not_secret ON platform.system_setting FOR SELECT TO fitness_app
    USING (NOT is_secret);
CREATE POLICY system_setting_service ON platform.system_setting FOR SELECT TO fitness_service
    USING (true);
CREATE POLICY system_setting_admin ON platform.system_setting TO fitness_admin
    USING (true) WITH CHECK (true);
