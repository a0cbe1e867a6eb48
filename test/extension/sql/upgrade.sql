-- ALTER EXTENSION fitness UPDATE: a database installed at 1.0 and updated to the default
-- version has the catalogue of a fresh install (functions with their bodies, settings and
-- privileges; tables, columns, defaults, constraints, indexes, policies, triggers, grants;
-- views, sequences, types; the reference data's row counts). The 1.0 script is the one
-- released (versions/fitness--1.0.sql); the update runs the scripts in versions/.
\set SHOW_CONTEXT never
SET client_min_messages = warning;
CREATE TABLE public.upgrade_catalogue (install text, kind text, name text, definition text);

CREATE FUNCTION pg_temp.snapshot(install text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE t record; n bigint; total bigint := 0;
BEGIN
    CREATE TEMP TABLE members ON COMMIT DROP AS
        SELECT d.classid, d.objid FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
         WHERE e.extname = 'fitness' AND d.deptype = 'e';
    INSERT INTO public.upgrade_catalogue
    SELECT install, 'function', p.oid::regprocedure::text,
           concat_ws(' | ', pg_get_function_result(p.oid), l.lanname, md5(p.prosrc), p.probin,
                     p.provolatile, p.proparallel, p.prosecdef, p.proleakproof, p.proisstrict,
                     p.proconfig::text, p.proacl::text)
      FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
     WHERE p.oid IN (SELECT objid FROM members WHERE classid = 'pg_proc'::regclass)
    UNION ALL
    SELECT install, 'relation', c.oid::regclass::text,
           concat_ws(' | ', c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity,
                     c.relacl::text, c.reloptions::text, pg_get_partkeydef(c.oid),
                     pg_get_expr(c.relpartbound, c.oid),
                     CASE WHEN c.relkind IN ('v', 'm') THEN md5(pg_get_viewdef(c.oid)) END,
                     obj_description(c.oid, 'pg_class'))
      FROM pg_class c
     WHERE c.oid IN (SELECT objid FROM members WHERE classid = 'pg_class'::regclass)
    UNION ALL
    SELECT install, 'column', a.attrelid::regclass::text || '.' || a.attname,
           concat_ws(' | ', a.attnum, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                     pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated, a.attacl::text,
                     col_description(a.attrelid, a.attnum))
      FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
     WHERE a.attrelid IN (SELECT objid FROM members WHERE classid = 'pg_class'::regclass)
       AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT install, 'constraint', co.conrelid::regclass::text || '.' || co.conname, pg_get_constraintdef(co.oid)
      FROM pg_constraint co
     WHERE co.conrelid IN (SELECT objid FROM members WHERE classid = 'pg_class'::regclass)
    UNION ALL
    SELECT install, 'index', i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
      FROM pg_index i
     WHERE i.indrelid IN (SELECT objid FROM members WHERE classid = 'pg_class'::regclass)
    UNION ALL
    SELECT install, 'policy', po.polrelid::regclass::text || '.' || po.polname,
           concat_ws(' | ', po.polcmd, po.polpermissive, po.polroles::regrole[]::text,
                     pg_get_expr(po.polqual, po.polrelid), pg_get_expr(po.polwithcheck, po.polrelid))
      FROM pg_policy po
     WHERE po.polrelid IN (SELECT objid FROM members WHERE classid = 'pg_class'::regclass)
    UNION ALL
    SELECT install, 'trigger', tg.tgrelid::regclass::text || '.' || tg.tgname,
           concat_ws(' | ', pg_get_triggerdef(tg.oid), tg.tgenabled)
      FROM pg_trigger tg
     WHERE NOT tg.tgisinternal
       AND tg.tgrelid IN (SELECT objid FROM members WHERE classid = 'pg_class'::regclass)
    UNION ALL
    SELECT install, 'event trigger', et.evtname, concat_ws(' | ', et.evtevent, et.evtfoid::regproc, et.evttags::text)
      FROM pg_event_trigger et
     WHERE et.oid IN (SELECT objid FROM members WHERE classid = 'pg_event_trigger'::regclass)
    UNION ALL
    SELECT install, 'type', ty.oid::regtype::text, concat_ws(' | ', ty.typtype, ty.typacl::text)
      FROM pg_type ty
     WHERE ty.oid IN (SELECT objid FROM members WHERE classid = 'pg_type'::regclass)
    UNION ALL
    SELECT install, 'schema', ns.nspname, concat_ws(' | ', ns.nspacl::text, obj_description(ns.oid, 'pg_namespace'))
      FROM pg_namespace ns
     WHERE ns.oid IN (SELECT objid FROM members WHERE classid = 'pg_namespace'::regclass);
    -- reference data: rows per table (not the audit log's: the update's changes to reference
    -- data are audited like any other)
    FOR t IN SELECT c.oid::regclass AS rel FROM pg_class c
              WHERE c.oid IN (SELECT objid FROM members WHERE classid = 'pg_class'::regclass)
                AND c.relkind IN ('r', 'p')
                AND c.oid NOT IN ('platform.audit_log'::regclass, 'platform.audit_log_default'::regclass)
              ORDER BY 1
    LOOP
        EXECUTE format('SELECT count(*) FROM %s', t.rel) INTO n;
        INSERT INTO public.upgrade_catalogue VALUES (install, 'rows', t.rel::text, n::text);
    END LOOP;
    SELECT count(*) INTO total FROM public.upgrade_catalogue c WHERE c.install = snapshot.install;
    RETURN total;
END $$;

DROP EXTENSION IF EXISTS fitness;
CREATE EXTENSION fitness VERSION '1.0' CASCADE;
SELECT extversion AS installed FROM pg_extension WHERE extname = 'fitness';
ALTER EXTENSION fitness UPDATE;
SELECT extversion = default_version AS updated_to_default
  FROM pg_extension e JOIN pg_available_extensions a ON a.name = e.extname WHERE e.extname = 'fitness';
-- The dated log partitions 1.0's script made are ordinary tables now (pg_dump keeps them),
-- still attached.
SELECT count(*) FILTER (WHERE d.objid IS NOT NULL) AS dated_partitions_in_the_extension,
       count(*) > 0 AS dated_partitions_attached
  FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid
  LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = i.inhrelid AND d.deptype = 'e'
 WHERE i.inhparent IN ('platform.audit_log'::regclass, 'platform.system_event'::regclass)
   AND pg_get_expr(k.relpartbound, k.oid) <> 'DEFAULT';
BEGIN;
SELECT pg_temp.snapshot('updated') > 1000 AS updated_catalogue_read;
COMMIT;

DROP EXTENSION fitness;
CREATE EXTENSION fitness CASCADE;
BEGIN;
SELECT pg_temp.snapshot('fresh') > 1000 AS fresh_catalogue_read;
COMMIT;

-- Differences, both ways: none.
(SELECT 'only after the update' AS side, kind, name, definition FROM public.upgrade_catalogue WHERE install = 'updated'
 EXCEPT SELECT 'only after the update', kind, name, definition FROM public.upgrade_catalogue WHERE install = 'fresh')
UNION ALL
(SELECT 'only in a fresh install', kind, name, definition FROM public.upgrade_catalogue WHERE install = 'fresh'
 EXCEPT SELECT 'only in a fresh install', kind, name, definition FROM public.upgrade_catalogue WHERE install = 'updated')
ORDER BY 1, 2, 3;
DROP TABLE public.upgrade_catalogue;
