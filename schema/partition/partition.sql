-- Partition maintenance and data lifecycle (src/partition/): which RANGE-partitioned parents
-- fitness.run_maintenance() looks after, and how. README "Partitions and data lifecycle".

-- One row per managed parent. Kept by pg_dump (extension configuration table); a restore's
-- rows replace the registrations CREATE EXTENSION made (partition_config_replace below).
CREATE TABLE fitness.partition_config (
    parent              regclass NOT NULL,
    partition_interval  interval NOT NULL,
    premake             integer,
    premake_setting     text,
    retention           interval,
    retention_setting   text,
    retention_mode      text NOT NULL DEFAULT 'detach',
    engine              text NOT NULL DEFAULT 'native',
    registered_at       timestamptz NOT NULL DEFAULT now(),
    registered_by       name NOT NULL DEFAULT CURRENT_USER,
    last_maintenance_at timestamptz,
    last_outcome        text,
    CONSTRAINT partition_config_pkey PRIMARY KEY (parent),
    CONSTRAINT partition_config_premake_range CHECK (premake BETWEEN 0 AND 1000),
    CONSTRAINT partition_config_premake_known CHECK (premake IS NOT NULL OR premake_setting IS NOT NULL),
    CONSTRAINT partition_config_retention_positive CHECK (retention > interval '0'),
    CONSTRAINT partition_config_retention_mode_allowed CHECK (retention_mode IN ('drop', 'detach')),
    CONSTRAINT partition_config_engine_allowed CHECK (engine IN ('native', 'pg_partman'))
);
COMMENT ON TABLE fitness.partition_config IS
    'Parents looked after by fitness.run_maintenance(): written by fitness.manage_partitions(); kept by pg_dump';
COMMENT ON COLUMN fitness.partition_config.partition_interval IS
    'Length of one partition: whole months, whole days or whole hours (UTC bounds)';
COMMENT ON COLUMN fitness.partition_config.premake IS
    'Partitions kept ahead of the one holding now; NULL: the integer system setting premake_setting';
COMMENT ON COLUMN fitness.partition_config.premake_setting IS
    'platform.system_setting key read when premake is NULL (audit.premake_months, system_event.premake_days)';
COMMENT ON COLUMN fitness.partition_config.retention IS
    'Partitions whose upper bound is older than now - retention are retired; NULL: retention_setting, or kept forever';
COMMENT ON COLUMN fitness.partition_config.retention_setting IS
    'platform.system_setting key read when retention is NULL: a count of partition_interval';
COMMENT ON COLUMN fitness.partition_config.retention_mode IS
    'drop: the old partition is dropped; detach: it is detached and kept as a table of its own (an archive)';
COMMENT ON COLUMN fitness.partition_config.engine IS
    'native: fitness.run_maintenance() does the work; pg_partman: handed to pg_partman, run_maintenance delegates';
COMMENT ON COLUMN fitness.partition_config.last_outcome IS
    'What the last fitness.run_maintenance() did for this parent: ok (n actions), skipped: reason, failed: error';
COMMENT ON CONSTRAINT partition_config_premake_range ON fitness.partition_config IS 'premake must be between 0 and 1000';
COMMENT ON CONSTRAINT partition_config_premake_known ON fitness.partition_config IS
    'premake or premake_setting must be given';
COMMENT ON CONSTRAINT partition_config_retention_positive ON fitness.partition_config IS 'retention must be positive';
COMMENT ON CONSTRAINT partition_config_retention_mode_allowed ON fitness.partition_config IS
    'retention_mode must be drop or detach';
COMMENT ON CONSTRAINT partition_config_engine_allowed ON fitness.partition_config IS
    'engine must be native or pg_partman';

-- pg_dump restores this table's rows after CREATE EXTENSION has registered the built-in
-- parents again: a row for a registered parent replaces the registration.
CREATE FUNCTION fitness.partition_config_replace() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    DELETE FROM fitness.partition_config WHERE parent = NEW.parent;
    RETURN NEW;
END
$$;
CREATE TRIGGER partition_config_replace BEFORE INSERT ON fitness.partition_config
    FOR EACH ROW EXECUTE FUNCTION fitness.partition_config_replace();
REVOKE ALL ON FUNCTION fitness.partition_config_replace() FROM PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('fitness.partition_config', '');
REVOKE ALL ON fitness.partition_config FROM PUBLIC;
GRANT SELECT ON fitness.partition_config TO fitness_admin;

-- The logs' default partitions are made at install; the dated ones by run_maintenance, after
-- CREATE EXTENSION, so that they are ordinary tables pg_dump keeps (a partition made by the
-- install script would belong to the extension, and pg_dump leaves extension tables out).
-- The default partitions do belong to it: their rows are dumped as configuration data.
SELECT pg_catalog.pg_extension_config_dump('platform.audit_log_default', '');
SELECT pg_catalog.pg_extension_config_dump('platform.system_event_default', '');

INSERT INTO fitness.partition_config (parent, partition_interval, premake_setting, retention_setting, retention_mode)
VALUES ('platform.audit_log', interval '1 month', 'audit.premake_months', 'audit.retention_months', 'detach'),
       ('platform.system_event', interval '1 day', 'system_event.premake_days', 'system_event.retention_days', 'drop');

CREATE FUNCTION fitness.manage_partitions(parent regclass, partition_interval interval,
                                          premake integer DEFAULT 4, retention interval DEFAULT NULL,
                                          engine text DEFAULT 'native', retention_mode text DEFAULT 'detach')
    RETURNS void
    AS 'MODULE_PATHNAME', 'fitness_manage_partitions'
    LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION fitness.manage_partitions(regclass, interval, integer, interval, text, text) IS
    'Registers (or re-registers) a RANGE-partitioned parent for fitness.run_maintenance(): interval, partitions ahead, retention and its mode (drop or detach), engine native or pg_partman. The parent''s owner or a superuser';

CREATE FUNCTION fitness.run_maintenance()
    RETURNS TABLE (parent regclass, action text, partition text)
    AS 'MODULE_PATHNAME', 'fitness_run_maintenance'
    LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION fitness.run_maintenance() IS
    'For every managed parent: rescues rows from the default partition, creates partitions ahead, retires old ones; then applies platform.retention_policy in batches. One row per action; a concurrent call returns at once';

CREATE FUNCTION fitness.schedule_maintenance(schedule text DEFAULT '15 * * * *') RETURNS bigint
    AS 'MODULE_PATHNAME', 'fitness_schedule_maintenance'
    LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION fitness.schedule_maintenance(text) IS
    'Registers fitness.run_maintenance() with pg_cron as job fitness_maintenance (a second call updates it and keeps its id); returns the job id';

CREATE FUNCTION fitness.partition_status()
    RETURNS TABLE (parent regclass, engine text, partition_interval interval, premake integer,
                   retention interval, retention_mode text, partitions integer,
                   range_from timestamptz, range_to timestamptz, default_rows bigint,
                   next_to_create text, oldest_kept text,
                   last_maintenance_at timestamptz, last_outcome text)
    AS 'MODULE_PATHNAME', 'fitness_partition_status'
    LANGUAGE C STABLE PARALLEL UNSAFE;
COMMENT ON FUNCTION fitness.partition_status() IS
    'Per managed parent: its settings, the partitions and the range they cover, rows in the default partition, the next partition to create, the oldest kept, the last maintenance and its outcome';

CREATE VIEW fitness.partition_ranges AS
    SELECT c.parent, i.inhrelid::regclass AS partition,
           pg_catalog.pg_get_expr(k.relpartbound, k.oid) AS bound,
           k.reltuples::bigint AS rows_estimate
      FROM fitness.partition_config c
      JOIN pg_catalog.pg_inherits i ON i.inhparent = c.parent
      JOIN pg_catalog.pg_class k ON k.oid = i.inhrelid;
COMMENT ON VIEW fitness.partition_ranges IS
    'Every partition of every managed parent with its bound (FOR VALUES FROM ... TO ..., or DEFAULT) and the planner''s row estimate';

-- Whether this backend is inside fitness.run_maintenance(): the audit DDL watch (audit.sql)
-- leaves maintenance's own DDL to it (partitions are protected before they are attached, and
-- retirements are recorded as audit.partition_retired).
CREATE FUNCTION fitness.partition_maintenance_active() RETURNS boolean
    AS 'MODULE_PATHNAME', 'fitness_partition_maintenance_active'
    LANGUAGE C STABLE PARALLEL RESTRICTED;

-- The audit log's partitions leave only through retention: DROP TABLE or DETACH PARTITION of
-- one of them is refused for everyone, superusers included, outside run_maintenance.
CREATE FUNCTION fitness.partition_ddl_guard() RETURNS event_trigger
    AS 'MODULE_PATHNAME', 'fitness_partition_ddl_guard'
    LANGUAGE C;
CREATE EVENT TRIGGER fitness_partition_ddl_guard ON ddl_command_start
    WHEN TAG IN ('DROP TABLE', 'ALTER TABLE')
    EXECUTE FUNCTION fitness.partition_ddl_guard();

REVOKE ALL ON FUNCTION fitness.manage_partitions(regclass, interval, integer, interval, text, text),
    fitness.run_maintenance(), fitness.schedule_maintenance(text), fitness.partition_status(),
    fitness.partition_maintenance_active(), fitness.partition_ddl_guard() FROM PUBLIC;
REVOKE ALL ON fitness.partition_ranges FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.manage_partitions(regclass, interval, integer, interval, text, text),
    fitness.run_maintenance(), fitness.schedule_maintenance(text), fitness.partition_status()
    TO fitness_admin;
GRANT SELECT ON fitness.partition_ranges TO fitness_admin;
