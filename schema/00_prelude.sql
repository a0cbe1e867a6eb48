-- fitness extension install script, generated from schema/*.sql by make. Do not edit the
-- generated fitness--<version>.sql; edit the sources in schema/.

\echo Use "CREATE EXTENSION fitness CASCADE" to load this file. \quit

-- Schemas: "fitness" holds the API; the others the domains. All are extension members, so
-- DROP EXTENSION removes them.
CREATE SCHEMA fitness;
COMMENT ON SCHEMA fitness IS 'fitness: the API (functions, configuration, views)';
CREATE SCHEMA core;
COMMENT ON SCHEMA core IS 'fitness: lookups, RBAC, anatomy, tags, categories, entity registry';
CREATE SCHEMA user_mgmt;
COMMENT ON SCHEMA user_mgmt IS 'fitness: users, institutions, memberships, progress, billing';
CREATE SCHEMA content;
COMMENT ON SCHEMA content IS 'fitness: exercises, workouts, programs, goals, media, equipment';
CREATE SCHEMA platform;
COMMENT ON SCHEMA platform IS 'fitness: i18n, cache, activity, favorites, ratings, audit, events, notifications, settings, errors';

-- Group roles (cluster-wide: they survive DROP EXTENSION and are reused by a re-install).
DO $roles$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['fitness_app', 'fitness_service', 'fitness_admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r);
        END IF;
    END LOOP;
END
$roles$;

-- Time-ordered UUID (RFC 9562 version 7), the default of every primary key.
CREATE FUNCTION fitness.uuid_generate_v7() RETURNS uuid
    AS 'MODULE_PATHNAME', 'fitness_uuid_generate_v7'
    LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fitness.uuid_generate_v7() IS
    'RFC 9562 version 7 UUID: 48-bit Unix ms timestamp, 42-bit counter, monotonic within a backend';

CREATE FUNCTION fitness.uuid_v7_time(id uuid) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'fitness_uuid_v7_time'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fitness.uuid_v7_time(uuid) IS
    'The creation time encoded in a version 7 UUID; 22023 for other versions';
