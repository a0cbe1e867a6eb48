-- Conventions of the domain tables (schema/README.md) checked over the catalogue, for EVERY entity table: a table
-- added later without them fails here. Each check lists its offenders.
BEGIN;
SELECT plan(16);

-- Entity tables: the extension's own definition (ordinary tables of the four domain
-- schemas, minus logs, queues and partitions).
CREATE FUNCTION pg_temp.entity_tables() RETURNS SETOF regclass LANGUAGE sql STABLE AS $$
    SELECT entity_table FROM fitness.entity_tables
$$;

-- Tables whose primary key is not exactly (id uuid DEFAULT fitness.uuid_generate_v7()).
CREATE FUNCTION pg_temp.without_uuid_v7_key() RETURNS SETOF text LANGUAGE sql STABLE AS $$
    SELECT t::text FROM pg_temp.entity_tables() t
    WHERE NOT EXISTS (
        SELECT 1 FROM pg_constraint k
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
        JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE k.conrelid = t AND k.contype = 'p' AND cardinality(k.conkey) = 1
          AND a.attname = 'id' AND a.atttypid = 'uuid'::regtype
          AND pg_get_expr(d.adbin, d.adrelid) = 'fitness.uuid_generate_v7()')
    ORDER BY 1
$$;

-- Tables missing an audit or soft-delete column with the right type and nullability.
CREATE FUNCTION pg_temp.without_audit_columns() RETURNS SETOF text LANGUAGE sql STABLE AS $$
    SELECT t::text || '.' || want.name
    FROM pg_temp.entity_tables() t
    CROSS JOIN (VALUES ('created_at', 'timestamptz'::regtype, true),
                       ('updated_at', 'timestamptz', true),
                       ('created_by', 'uuid', false),
                       ('updated_by', 'uuid', false),
                       ('is_active', 'boolean', true),
                       ('deleted_at', 'timestamptz', false),
                       ('deleted_by', 'uuid', false)) AS want(name, type, not_null)
    WHERE NOT EXISTS (
        SELECT 1 FROM pg_attribute a
        WHERE a.attrelid = t AND a.attname = want.name AND NOT a.attisdropped
          AND a.atttypid = want.type AND a.attnotnull = want.not_null)
    ORDER BY 1
$$;

-- Foreign keys without an index whose leading columns are the referencing columns.
CREATE FUNCTION pg_temp.unindexed_foreign_keys() RETURNS SETOF text LANGUAGE sql STABLE AS $$
    SELECT k.conrelid::regclass::text || ' ' || k.conname
    FROM pg_constraint k
    WHERE k.contype = 'f'
      AND k.connamespace IN ('core'::regnamespace, 'user_mgmt'::regnamespace,
                             'content'::regnamespace, 'platform'::regnamespace)
      AND NOT EXISTS (
          SELECT 1 FROM pg_index i
          WHERE i.indrelid = k.conrelid
            AND (i.indkey::int2[])[0:cardinality(k.conkey) - 1] @> k.conkey
            AND (i.indkey::int2[])[0:cardinality(k.conkey) - 1] <@ k.conkey)
    ORDER BY 1
$$;

SELECT cmp_ok((SELECT count(*) FROM pg_temp.entity_tables())::int, '>=', 65,
              'the four domain schemas hold at least 65 entity tables');

SELECT is(ARRAY(SELECT pg_temp.without_uuid_v7_key()), '{}'::text[],
          'every entity table has PRIMARY KEY (id uuid DEFAULT fitness.uuid_generate_v7())');

SELECT is(ARRAY(SELECT pg_temp.without_audit_columns()), '{}'::text[],
          'every entity table has created_at/updated_at NOT NULL, created_by/updated_by, is_active NOT NULL, deleted_at, deleted_by');

SELECT is(ARRAY(
    SELECT t::text FROM pg_temp.entity_tables() t
    JOIN pg_attribute a ON a.attrelid = t AND a.attname = 'is_active'
    LEFT JOIN pg_attrdef d ON d.adrelid = t AND d.adnum = a.attnum
    WHERE coalesce(pg_get_expr(d.adbin, d.adrelid), '') <> 'true' ORDER BY 1), '{}'::text[],
    'is_active defaults to true everywhere');

SELECT is(ARRAY(
    SELECT t::text FROM pg_temp.entity_tables() t
    WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = t AND k.contype = 'c'
                        AND pg_get_constraintdef(k.oid) LIKE '%is_active = (deleted_at IS NULL)%')
    ORDER BY 1), '{}'::text[],
    'every entity table ties is_active to deleted_at with a CHECK');

SELECT is(ARRAY(
    SELECT k.conrelid::regclass::text || '.' || a.attname
    FROM pg_constraint k
    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
    WHERE k.contype = 'f' AND k.conrelid IN (SELECT pg_temp.entity_tables())
      AND a.attname IN ('created_by', 'updated_by', 'deleted_by') ORDER BY 1), '{}'::text[],
    'audit actor columns carry no foreign key (they survive erasure of the user)');

SELECT is(ARRAY(SELECT pg_temp.unindexed_foreign_keys()), '{}'::text[],
          'every foreign key has an index led by its columns');

SELECT is(ARRAY(
    SELECT i.indexrelid::regclass::text
    FROM pg_index i
    WHERE i.indrelid IN (SELECT pg_temp.entity_tables())
      AND i.indisunique AND NOT i.indisprimary
      AND coalesce(pg_get_expr(i.indpred, i.indrelid), '') NOT LIKE '%is_active%'
      AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.indexrelid)
    ORDER BY 1), '{}'::text[],
    'unique indexes are partial WHERE is_active (except those a foreign key references)');

SELECT is(ARRAY(
    SELECT k.conrelid::regclass::text || ' ' || k.conname
    FROM pg_constraint k
    WHERE k.contype = 'c' AND k.conrelid IN (SELECT pg_temp.entity_tables())
      AND obj_description(k.oid, 'pg_constraint') IS NULL
      AND pg_get_constraintdef(k.oid) NOT LIKE '%is_active = (deleted_at IS NULL)%'
    ORDER BY 1), '{}'::text[],
    'every CHECK constraint has a comment saying the rule');

SELECT is(ARRAY(
    SELECT t.typnamespace::regnamespace::text || '.' || t.typname FROM pg_type t
    WHERE t.typtype = 'e'
      AND t.typnamespace IN ('core'::regnamespace, 'user_mgmt'::regnamespace,
                             'content'::regnamespace, 'platform'::regnamespace,
                             'fitness'::regnamespace)), '{}'::text[],
    'no ENUM types: value sets are lookup tables or CHECKs');

SELECT cmp_ok((SELECT count(*) FROM pg_description d JOIN pg_class c ON c.oid = d.objoid
               WHERE d.classoid = 'pg_class'::regclass AND d.objsubid > 0
                 AND d.description LIKE 'pii:%'
                 AND c.oid IN (SELECT pg_temp.entity_tables()))::int, '>=', 10,
              'personal data columns are tagged pii: for export and erasure');

SELECT is(ARRAY(
    SELECT c.oid::regclass::text FROM pg_class c
    WHERE c.relnamespace IN ('platform'::regnamespace)
      AND c.relname IN ('audit_log', 'system_event', 'activity', 'cache_metrics', 'translation_request')
      AND NOT EXISTS (SELECT 1 FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                      WHERE a.attrelid = c.oid AND a.attname = 'id'
                        AND pg_get_expr(d.adbin, d.adrelid) = 'fitness.uuid_generate_v7()')
    ORDER BY 1), '{}'::text[],
    'logs and queues also use uuid v7 ids');

-- The checks can fail: a table added without the conventions is reported by each of them.
CREATE TABLE content.convention_probe (
    id integer PRIMARY KEY,
    workout_id uuid REFERENCES content.workout (id),
    code text UNIQUE
);
SELECT ok('content.convention_probe' = ANY (ARRAY(SELECT pg_temp.without_uuid_v7_key())),
          'probe: a table without a uuid v7 key is reported');
SELECT ok('content.convention_probe.created_at' = ANY (ARRAY(SELECT pg_temp.without_audit_columns())),
          'probe: a table without audit columns is reported');
SELECT ok('content.convention_probe convention_probe_workout_id_fkey' = ANY (ARRAY(SELECT pg_temp.unindexed_foreign_keys())),
          'probe: a foreign key without an index is reported');
SELECT ok(EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = 'content.convention_probe'::regclass
                    AND i.indisunique AND NOT i.indisprimary AND i.indpred IS NULL),
          'probe: its full unique index is what the partial-unique check looks for');

SELECT * FROM finish();
ROLLBACK;
