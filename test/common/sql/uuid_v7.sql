-- fitness.uuid_generate_v7(): RFC 9562 layout, monotonic, time-ordered, usable as default.

-- version 7 and RFC variant on every id
SELECT count(*) AS ids,
       count(*) FILTER (WHERE substr(id::text, 15, 1) = '7') AS version_7,
       count(*) FILTER (WHERE substr(id::text, 20, 1) IN ('8', '9', 'a', 'b')) AS rfc_variant,
       count(DISTINCT id) AS distinct_ids
FROM (SELECT fitness.uuid_generate_v7() AS id FROM generate_series(1, 100000)) g;

-- strictly increasing within a backend, in generation order (many per millisecond)
WITH g AS (
    SELECT n, fitness.uuid_generate_v7() AS id FROM generate_series(1, 100000) n
)
SELECT count(*) FILTER (WHERE prev >= id) AS out_of_order
FROM (SELECT id, lag(id) OVER (ORDER BY n) AS prev FROM g) s;

-- the embedded timestamp is the generation time (to the millisecond)
SELECT abs(extract(epoch FROM fitness.uuid_v7_time(fitness.uuid_generate_v7()) - clock_timestamp())) < 1
       AS time_matches;

-- ids made later sort later
SELECT fitness.uuid_generate_v7() AS a \gset
SELECT pg_sleep(0.01);
SELECT fitness.uuid_generate_v7() > :'a'::uuid AS later_sorts_higher;

-- uuid_v7_time refuses other versions, naming the value
SELECT fitness.uuid_v7_time('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.uuid_v7_time(NULL) IS NULL AS null_in_null_out;

-- it is the default of every primary key of an entity table
SELECT count(*) AS id_columns_without_v7_default
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname IN ('core', 'user_mgmt', 'content', 'platform')
  AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND a.attname = 'id'
  AND coalesce(pg_get_expr(d.adbin, d.adrelid), '') <> 'fitness.uuid_generate_v7()';
