-- -------------------------------------------------------------------------------------
-- cache
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.cache_strategy (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    cache_name      text NOT NULL,
    layer           text NOT NULL,
    scope           text NOT NULL,
    ttl             interval,
    max_entries     integer,
    eviction        text NOT NULL DEFAULT 'lru',
    invalidated_by  text[] NOT NULL DEFAULT '{}',
    description     text,
    is_enabled      boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT cache_strategy_pkey PRIMARY KEY (id),
    CONSTRAINT cache_strategy_cache_name_format CHECK (cache_name ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT cache_strategy_layer_allowed CHECK (layer IN ('L1', 'L2', 'L3', 'L4')),
    CONSTRAINT cache_strategy_scope_allowed CHECK (scope IN ('backend', 'shared_memory', 'table', 'external')),
    CONSTRAINT cache_strategy_ttl_positive CHECK (ttl > interval '0'),
    CONSTRAINT cache_strategy_max_entries_positive CHECK (max_entries > 0),
    CONSTRAINT cache_strategy_eviction_allowed CHECK (eviction IN ('lru', 'lfu', 'fifo', 'ttl', 'none')),
    CONSTRAINT cache_strategy_invalidated_by_qualified CHECK (
        array_position(invalidated_by, NULL) IS NULL
        AND array_to_string(invalidated_by, ',') ~ '^([a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*(,|$))*$'),
    CONSTRAINT cache_strategy_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.cache_strategy IS
    'Configuration of each cache layer: L1 per-backend memory, L2 shared memory, L3 tables, L4 external (Redis/CDN)';
COMMENT ON COLUMN platform.cache_strategy.ttl IS 'Time to live of an entry; NULL = until invalidated';
COMMENT ON COLUMN platform.cache_strategy.invalidated_by IS 'Schema-qualified tables whose changes invalidate this cache';
COMMENT ON CONSTRAINT cache_strategy_cache_name_format ON platform.cache_strategy IS
    'cache_name must be a lower-case identifier';
COMMENT ON CONSTRAINT cache_strategy_layer_allowed ON platform.cache_strategy IS
    'layer must be one of L1, L2, L3, L4';
COMMENT ON CONSTRAINT cache_strategy_scope_allowed ON platform.cache_strategy IS
    'scope must be one of backend, shared_memory, table, external';
COMMENT ON CONSTRAINT cache_strategy_ttl_positive ON platform.cache_strategy IS 'ttl must be positive';
COMMENT ON CONSTRAINT cache_strategy_max_entries_positive ON platform.cache_strategy IS
    'max_entries must be positive';
COMMENT ON CONSTRAINT cache_strategy_eviction_allowed ON platform.cache_strategy IS
    'eviction must be one of lru, lfu, fifo, ttl, none';
COMMENT ON CONSTRAINT cache_strategy_invalidated_by_qualified ON platform.cache_strategy IS
    'invalidated_by must list schema-qualified lower-case table names (schema.table)';
COMMENT ON CONSTRAINT cache_strategy_soft_delete_state ON platform.cache_strategy IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX cache_strategy_cache_name_layer_active_uq
    ON platform.cache_strategy (cache_name, layer) WHERE is_active;


-- Log (not an entity table): periodic samples of cache counters. Cleaned by retention_policy.
CREATE TABLE platform.cache_metrics (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    cache_name      text NOT NULL,
    layer           text,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    hits            bigint NOT NULL DEFAULT 0,
    misses          bigint NOT NULL DEFAULT 0,
    evictions       bigint NOT NULL DEFAULT 0,
    invalidations   bigint NOT NULL DEFAULT 0,
    entries         bigint NOT NULL DEFAULT 0,
    backend_pid     integer,
    CONSTRAINT cache_metrics_pkey PRIMARY KEY (id),
    CONSTRAINT cache_metrics_layer_allowed CHECK (layer IN ('L1', 'L2', 'L3', 'L4')),
    CONSTRAINT cache_metrics_counters_nonnegative CHECK (
        hits >= 0 AND misses >= 0 AND evictions >= 0 AND invalidations >= 0 AND entries >= 0)
);
COMMENT ON TABLE platform.cache_metrics IS
    'Samples of cache counters (fitness.cache_stats()) over time; append-only, cleaned by retention_policy';
COMMENT ON COLUMN platform.cache_metrics.backend_pid IS 'Backend that reported a per-backend sample; NULL for cluster-wide samples';
COMMENT ON CONSTRAINT cache_metrics_layer_allowed ON platform.cache_metrics IS
    'layer must be one of L1, L2, L3, L4';
COMMENT ON CONSTRAINT cache_metrics_counters_nonnegative ON platform.cache_metrics IS
    'hits, misses, evictions, invalidations and entries cannot be negative';
CREATE INDEX cache_metrics_cache_name_recorded_at_idx ON platform.cache_metrics (cache_name, recorded_at);
CREATE INDEX cache_metrics_recorded_at_idx ON platform.cache_metrics (recorded_at);


