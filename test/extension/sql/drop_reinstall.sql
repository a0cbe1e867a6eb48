-- DROP EXTENSION removes everything it created except the cluster-wide roles; CREATE
-- EXTENSION works again afterwards (with the roles already present).
\set SHOW_CONTEXT never
SELECT count(*) AS members_before FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
WHERE e.extname = 'fitness' AND d.deptype = 'e' \gset

DROP EXTENSION fitness;

SELECT nspname AS schema_left_behind FROM pg_namespace
WHERE nspname IN ('core', 'user_mgmt', 'content', 'platform', 'fitness');
SELECT count(*) AS relations_left_behind FROM pg_class
WHERE relnamespace::regnamespace::text IN ('core', 'user_mgmt', 'content', 'platform', 'fitness');
SELECT count(*) AS functions_left_behind FROM pg_proc
WHERE prosrc LIKE 'fitness\_%' AND probin LIKE '%fitness%';
SELECT rolname AS role_kept FROM pg_roles WHERE rolname LIKE 'fitness\_%' ORDER BY 1;

CREATE EXTENSION fitness;
SELECT count(*) = :members_before AS same_objects_after_reinstall
FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
WHERE e.extname = 'fitness' AND d.deptype = 'e';
SELECT count(*) > 0 AS seeded_again FROM core.role;

-- Dropping pg_trgm underneath is refused: fitness depends on it.
DROP EXTENSION pg_trgm;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
