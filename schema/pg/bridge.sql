-- C++ functions of the API that need no domain tables, and the bridge's test hooks.

CREATE FUNCTION fitness.cache_stats()
    RETURNS TABLE (cache_name text, hits bigint, misses bigint, entries bigint, invalidations bigint)
    AS 'MODULE_PATHNAME', 'fitness_cache_stats'
    LANGUAGE C VOLATILE PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.cache_stats() IS
    'Hits, misses, entries and invalidations of this backend''s caches';

CREATE FUNCTION fitness.relation_columns(target regclass) RETURNS text[]
    AS 'MODULE_PATHNAME', 'fitness_relation_columns'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.relation_columns(regclass) IS
    'Live columns of a table as the per-relation metadata cache sees them (invalidated by ALTER TABLE)';

-- Bridge test hooks (test/pg/sql/bridge.sql). Not for applications.
CREATE FUNCTION fitness.bridge_selftest(mode text) RETURNS bigint
    AS 'MODULE_PATHNAME', 'fitness_bridge_selftest'
    LANGUAGE C VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.bridge_selftest(text) IS
    'Test hook: raises an error of the given kind from three C++ frames down (ok, cpp_error, pg_error, spi_error, std_error, bad_alloc, unknown)';

CREATE FUNCTION fitness.bridge_live_objects() RETURNS bigint
    AS 'MODULE_PATHNAME', 'fitness_bridge_live_objects'
    LANGUAGE C VOLATILE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.bridge_live_objects() IS
    'Test hook: C++ objects of bridge_selftest still alive in this backend (0 after any error)';

CREATE FUNCTION fitness.bridge_kept_plan_sum(n integer) RETURNS bigint
    AS 'MODULE_PATHNAME', 'fitness_bridge_kept_plan_sum'
    LANGUAGE C VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.bridge_kept_plan_sum(integer) IS
    'Test hook: runs one kept SPI plan n times (sum of 2*i for i in 1..n)';
