-- pgTAP: schema and reference data of core (schema/domains/core.sql, schema/seed/core.sql).
-- The entity-type registry tests expect the content and platform tables to exist (full install).
-- Behaviour tests: CHECK and unique rules run with session_replication_role = replica, so
-- that no trigger of other files (stamps, business rules) interferes; foreign-key tests run
-- with triggers on.
BEGIN;
SELECT plan(206);

SELECT has_schema('core', 'schema core exists');
SELECT set_eq(
    $$SELECT c.relname::text FROM pg_catalog.pg_class c
      WHERE c.relnamespace = 'core'::regnamespace AND c.relkind IN ('r', 'p')$$,
    ARRAY['entity_type', 'visibility', 'tag', 'entity_tag', 'category', 'permission', 'role', 'role_permission', 'status', 'status_transition', 'muscle_group', 'muscle'],
    'core holds exactly the tables of docs/reference/tables.md'
);
SELECT has_table('core', 'entity_type', 'table core.entity_type exists');
SELECT col_is_pk('core', 'entity_type', 'id', 'core.entity_type.id is the primary key');
SELECT col_type_is('core', 'entity_type', 'id', 'uuid', 'core.entity_type.id is uuid');
SELECT col_type_is('core', 'entity_type', 'code', 'text', 'core.entity_type.code is text');
SELECT col_type_is('core', 'entity_type', 'name', 'text', 'core.entity_type.name is text');
SELECT col_type_is('core', 'entity_type', 'table_name', 'regclass', 'core.entity_type.table_name is regclass');
SELECT col_type_is('core', 'entity_type', 'owner_column', 'text', 'core.entity_type.owner_column is text');
SELECT col_type_is('core', 'entity_type', 'institution_column', 'text', 'core.entity_type.institution_column is text');
SELECT col_type_is('core', 'entity_type', 'visibility_column', 'text', 'core.entity_type.visibility_column is text');
SELECT col_type_is('core', 'entity_type', 'translatable_columns', 'text[]', 'core.entity_type.translatable_columns is text[]');
SELECT col_not_null('core', 'entity_type', 'is_active', 'core.entity_type.is_active is NOT NULL');
SELECT has_table('core', 'visibility', 'table core.visibility exists');
SELECT col_is_pk('core', 'visibility', 'id', 'core.visibility.id is the primary key');
SELECT col_type_is('core', 'visibility', 'id', 'uuid', 'core.visibility.id is uuid');
SELECT col_type_is('core', 'visibility', 'code', 'text', 'core.visibility.code is text');
SELECT col_type_is('core', 'visibility', 'name', 'text', 'core.visibility.name is text');
SELECT col_not_null('core', 'visibility', 'is_active', 'core.visibility.is_active is NOT NULL');
SELECT has_table('core', 'tag', 'table core.tag exists');
SELECT col_is_pk('core', 'tag', 'id', 'core.tag.id is the primary key');
SELECT col_type_is('core', 'tag', 'id', 'uuid', 'core.tag.id is uuid');
SELECT col_type_is('core', 'tag', 'code', 'text', 'core.tag.code is text');
SELECT col_type_is('core', 'tag', 'name', 'text', 'core.tag.name is text');
SELECT col_type_is('core', 'tag', 'tag_group', 'text', 'core.tag.tag_group is text');
SELECT col_not_null('core', 'tag', 'is_active', 'core.tag.is_active is NOT NULL');
SELECT has_table('core', 'entity_tag', 'table core.entity_tag exists');
SELECT col_is_pk('core', 'entity_tag', 'id', 'core.entity_tag.id is the primary key');
SELECT col_type_is('core', 'entity_tag', 'id', 'uuid', 'core.entity_tag.id is uuid');
SELECT col_type_is('core', 'entity_tag', 'entity_type', 'text', 'core.entity_tag.entity_type is text');
SELECT col_type_is('core', 'entity_tag', 'entity_id', 'uuid', 'core.entity_tag.entity_id is uuid');
SELECT col_type_is('core', 'entity_tag', 'tag_id', 'uuid', 'core.entity_tag.tag_id is uuid');
SELECT col_not_null('core', 'entity_tag', 'is_active', 'core.entity_tag.is_active is NOT NULL');
SELECT has_table('core', 'category', 'table core.category exists');
SELECT col_is_pk('core', 'category', 'id', 'core.category.id is the primary key');
SELECT col_type_is('core', 'category', 'id', 'uuid', 'core.category.id is uuid');
SELECT col_type_is('core', 'category', 'domain', 'text', 'core.category.domain is text');
SELECT col_type_is('core', 'category', 'code', 'text', 'core.category.code is text');
SELECT col_type_is('core', 'category', 'name', 'text', 'core.category.name is text');
SELECT col_type_is('core', 'category', 'parent_id', 'uuid', 'core.category.parent_id is uuid');
SELECT col_not_null('core', 'category', 'is_active', 'core.category.is_active is NOT NULL');
SELECT has_table('core', 'permission', 'table core.permission exists');
SELECT col_is_pk('core', 'permission', 'id', 'core.permission.id is the primary key');
SELECT col_type_is('core', 'permission', 'id', 'uuid', 'core.permission.id is uuid');
SELECT col_type_is('core', 'permission', 'code', 'text', 'core.permission.code is text');
SELECT col_type_is('core', 'permission', 'domain', 'text', 'core.permission.domain is text');
SELECT col_type_is('core', 'permission', 'description', 'text', 'core.permission.description is text');
SELECT col_not_null('core', 'permission', 'is_active', 'core.permission.is_active is NOT NULL');
SELECT has_table('core', 'role', 'table core.role exists');
SELECT col_is_pk('core', 'role', 'id', 'core.role.id is the primary key');
SELECT col_type_is('core', 'role', 'id', 'uuid', 'core.role.id is uuid');
SELECT col_type_is('core', 'role', 'code', 'text', 'core.role.code is text');
SELECT col_type_is('core', 'role', 'name', 'text', 'core.role.name is text');
SELECT col_type_is('core', 'role', 'scope', 'text', 'core.role.scope is text');
SELECT col_type_is('core', 'role', 'rank', 'integer', 'core.role.rank is integer');
SELECT col_not_null('core', 'role', 'is_active', 'core.role.is_active is NOT NULL');
SELECT has_table('core', 'role_permission', 'table core.role_permission exists');
SELECT col_is_pk('core', 'role_permission', 'id', 'core.role_permission.id is the primary key');
SELECT col_type_is('core', 'role_permission', 'id', 'uuid', 'core.role_permission.id is uuid');
SELECT col_type_is('core', 'role_permission', 'role_id', 'uuid', 'core.role_permission.role_id is uuid');
SELECT col_type_is('core', 'role_permission', 'permission_id', 'uuid', 'core.role_permission.permission_id is uuid');
SELECT col_not_null('core', 'role_permission', 'is_active', 'core.role_permission.is_active is NOT NULL');
SELECT has_table('core', 'status', 'table core.status exists');
SELECT col_is_pk('core', 'status', 'id', 'core.status.id is the primary key');
SELECT col_type_is('core', 'status', 'id', 'uuid', 'core.status.id is uuid');
SELECT col_type_is('core', 'status', 'domain', 'text', 'core.status.domain is text');
SELECT col_type_is('core', 'status', 'code', 'text', 'core.status.code is text');
SELECT col_type_is('core', 'status', 'name', 'text', 'core.status.name is text');
SELECT col_type_is('core', 'status', 'is_terminal', 'boolean', 'core.status.is_terminal is boolean');
SELECT col_type_is('core', 'status', 'sort_order', 'integer', 'core.status.sort_order is integer');
SELECT col_not_null('core', 'status', 'is_active', 'core.status.is_active is NOT NULL');
SELECT has_table('core', 'status_transition', 'table core.status_transition exists');
SELECT col_is_pk('core', 'status_transition', 'id', 'core.status_transition.id is the primary key');
SELECT col_type_is('core', 'status_transition', 'id', 'uuid', 'core.status_transition.id is uuid');
SELECT col_type_is('core', 'status_transition', 'domain', 'text', 'core.status_transition.domain is text');
SELECT col_type_is('core', 'status_transition', 'from_code', 'text', 'core.status_transition.from_code is text');
SELECT col_type_is('core', 'status_transition', 'to_code', 'text', 'core.status_transition.to_code is text');
SELECT col_type_is('core', 'status_transition', 'required_permission', 'text', 'core.status_transition.required_permission is text');
SELECT col_not_null('core', 'status_transition', 'is_active', 'core.status_transition.is_active is NOT NULL');
SELECT has_table('core', 'muscle_group', 'table core.muscle_group exists');
SELECT col_is_pk('core', 'muscle_group', 'id', 'core.muscle_group.id is the primary key');
SELECT col_type_is('core', 'muscle_group', 'id', 'uuid', 'core.muscle_group.id is uuid');
SELECT col_type_is('core', 'muscle_group', 'code', 'text', 'core.muscle_group.code is text');
SELECT col_type_is('core', 'muscle_group', 'name', 'text', 'core.muscle_group.name is text');
SELECT col_type_is('core', 'muscle_group', 'body_region', 'text', 'core.muscle_group.body_region is text');
SELECT col_not_null('core', 'muscle_group', 'is_active', 'core.muscle_group.is_active is NOT NULL');
SELECT has_table('core', 'muscle', 'table core.muscle exists');
SELECT col_is_pk('core', 'muscle', 'id', 'core.muscle.id is the primary key');
SELECT col_type_is('core', 'muscle', 'id', 'uuid', 'core.muscle.id is uuid');
SELECT col_type_is('core', 'muscle', 'code', 'text', 'core.muscle.code is text');
SELECT col_type_is('core', 'muscle', 'name', 'text', 'core.muscle.name is text');
SELECT col_type_is('core', 'muscle', 'muscle_group_id', 'uuid', 'core.muscle.muscle_group_id is uuid');
SELECT col_type_is('core', 'muscle', 'body_region', 'text', 'core.muscle.body_region is text');
SELECT col_type_is('core', 'muscle', 'latin_name', 'text', 'core.muscle.latin_name is text');
SELECT col_not_null('core', 'muscle', 'is_active', 'core.muscle.is_active is NOT NULL');
SELECT fk_ok('core', 'entity_tag', ARRAY['entity_type']::name[], 'core', 'entity_type', ARRAY['code']::name[], 'core.entity_tag(entity_type) references core.entity_type(code)');
SELECT fk_ok('core', 'entity_tag', ARRAY['tag_id']::name[], 'core', 'tag', ARRAY['id']::name[], 'core.entity_tag(tag_id) references core.tag(id)');
SELECT fk_ok('core', 'category', ARRAY['parent_id', 'domain']::name[], 'core', 'category', ARRAY['id', 'domain']::name[], 'core.category(parent_id, domain) references core.category(id, domain)');
SELECT fk_ok('core', 'role_permission', ARRAY['role_id']::name[], 'core', 'role', ARRAY['id']::name[], 'core.role_permission(role_id) references core.role(id)');
SELECT fk_ok('core', 'role_permission', ARRAY['permission_id']::name[], 'core', 'permission', ARRAY['id']::name[], 'core.role_permission(permission_id) references core.permission(id)');
SELECT fk_ok('core', 'status_transition', ARRAY['domain', 'from_code']::name[], 'core', 'status', ARRAY['domain', 'code']::name[], 'core.status_transition(domain, from_code) references core.status(domain, code)');
SELECT fk_ok('core', 'status_transition', ARRAY['domain', 'to_code']::name[], 'core', 'status', ARRAY['domain', 'code']::name[], 'core.status_transition(domain, to_code) references core.status(domain, code)');
SELECT fk_ok('core', 'status_transition', ARRAY['required_permission']::name[], 'core', 'permission', ARRAY['code']::name[], 'core.status_transition(required_permission) references core.permission(code)');
SELECT fk_ok('core', 'muscle', ARRAY['muscle_group_id']::name[], 'core', 'muscle_group', ARRAY['id']::name[], 'core.muscle(muscle_group_id) references core.muscle_group(id)');
SELECT is(
    (SELECT count(*)::int FROM pg_catalog.pg_constraint
      WHERE contype = 'f' AND connamespace = 'core'::regnamespace),
    9,
    'core has exactly the foreign keys tested above'
);
SELECT has_index('core', 'entity_type', 'entity_type_table_name_active_uq', ARRAY['table_name']::name[], 'index entity_type_table_name_active_uq on entity_type(table_name)');
SELECT index_is_unique('core', 'entity_type', 'entity_type_table_name_active_uq', 'index entity_type_table_name_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'core.entity_type_table_name_active_uq'::regclass),
    'is_active',
    'index entity_type_table_name_active_uq is partial WHERE is_active'
);
SELECT has_index('core', 'visibility', 'visibility_code_active_uq', ARRAY['code']::name[], 'index visibility_code_active_uq on visibility(code)');
SELECT index_is_unique('core', 'visibility', 'visibility_code_active_uq', 'index visibility_code_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'core.visibility_code_active_uq'::regclass),
    'is_active',
    'index visibility_code_active_uq is partial WHERE is_active'
);
SELECT has_index('core', 'tag', 'tag_tag_group_code_active_uq', ARRAY['tag_group', 'code']::name[], 'index tag_tag_group_code_active_uq on tag(tag_group, code)');
SELECT index_is_unique('core', 'tag', 'tag_tag_group_code_active_uq', 'index tag_tag_group_code_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'core.tag_tag_group_code_active_uq'::regclass),
    'is_active',
    'index tag_tag_group_code_active_uq is partial WHERE is_active'
);
SELECT has_index('core', 'entity_tag', 'entity_tag_entity_type_idx', ARRAY['entity_type', 'entity_id']::name[], 'index entity_tag_entity_type_idx on entity_tag(entity_type, entity_id)');
SELECT has_index('core', 'entity_tag', 'entity_tag_tag_id_idx', ARRAY['tag_id']::name[], 'index entity_tag_tag_id_idx on entity_tag(tag_id)');
SELECT has_index('core', 'entity_tag', 'entity_tag_entity_type_entity_id_tag_id_active_uq', ARRAY['entity_type', 'entity_id', 'tag_id']::name[], 'index entity_tag_entity_type_entity_id_tag_id_active_uq on entity_tag(entity_type, entity_id, tag_id)');
SELECT index_is_unique('core', 'entity_tag', 'entity_tag_entity_type_entity_id_tag_id_active_uq', 'index entity_tag_entity_type_entity_id_tag_id_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'core.entity_tag_entity_type_entity_id_tag_id_active_uq'::regclass),
    'is_active',
    'index entity_tag_entity_type_entity_id_tag_id_active_uq is partial WHERE is_active'
);
SELECT has_index('core', 'category', 'category_parent_id_idx', ARRAY['parent_id', 'domain']::name[], 'index category_parent_id_idx on category(parent_id, domain)');
SELECT has_index('core', 'category', 'category_domain_code_active_uq', ARRAY['domain', 'code']::name[], 'index category_domain_code_active_uq on category(domain, code)');
SELECT index_is_unique('core', 'category', 'category_domain_code_active_uq', 'index category_domain_code_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'core.category_domain_code_active_uq'::regclass),
    'is_active',
    'index category_domain_code_active_uq is partial WHERE is_active'
);
SELECT has_index('core', 'role', 'role_code_active_uq', ARRAY['code']::name[], 'index role_code_active_uq on role(code)');
SELECT index_is_unique('core', 'role', 'role_code_active_uq', 'index role_code_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'core.role_code_active_uq'::regclass),
    'is_active',
    'index role_code_active_uq is partial WHERE is_active'
);
SELECT has_index('core', 'role_permission', 'role_permission_role_id_idx', ARRAY['role_id']::name[], 'index role_permission_role_id_idx on role_permission(role_id)');
SELECT has_index('core', 'role_permission', 'role_permission_permission_id_idx', ARRAY['permission_id']::name[], 'index role_permission_permission_id_idx on role_permission(permission_id)');
SELECT has_index('core', 'role_permission', 'role_permission_role_id_permission_id_active_uq', ARRAY['role_id', 'permission_id']::name[], 'index role_permission_role_id_permission_id_active_uq on role_permission(role_id, permission_id)');
SELECT index_is_unique('core', 'role_permission', 'role_permission_role_id_permission_id_active_uq', 'index role_permission_role_id_permission_id_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'core.role_permission_role_id_permission_id_active_uq'::regclass),
    'is_active',
    'index role_permission_role_id_permission_id_active_uq is partial WHERE is_active'
);
SELECT has_index('core', 'status_transition', 'status_transition_from_code_idx', ARRAY['domain', 'from_code']::name[], 'index status_transition_from_code_idx on status_transition(domain, from_code)');
SELECT has_index('core', 'status_transition', 'status_transition_to_code_idx', ARRAY['domain', 'to_code']::name[], 'index status_transition_to_code_idx on status_transition(domain, to_code)');
SELECT has_index('core', 'status_transition', 'status_transition_required_permission_idx', ARRAY['required_permission']::name[], 'index status_transition_required_permission_idx on status_transition(required_permission)');
SELECT has_index('core', 'status_transition', 'status_transition_domain_from_code_to_code_active_uq', ARRAY['domain', 'from_code', 'to_code']::name[], 'index status_transition_domain_from_code_to_code_active_uq on status_transition(domain, from_code, to_code)');
SELECT index_is_unique('core', 'status_transition', 'status_transition_domain_from_code_to_code_active_uq', 'index status_transition_domain_from_code_to_code_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'core.status_transition_domain_from_code_to_code_active_uq'::regclass),
    'is_active',
    'index status_transition_domain_from_code_to_code_active_uq is partial WHERE is_active'
);
SELECT has_index('core', 'muscle_group', 'muscle_group_code_active_uq', ARRAY['code']::name[], 'index muscle_group_code_active_uq on muscle_group(code)');
SELECT index_is_unique('core', 'muscle_group', 'muscle_group_code_active_uq', 'index muscle_group_code_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'core.muscle_group_code_active_uq'::regclass),
    'is_active',
    'index muscle_group_code_active_uq is partial WHERE is_active'
);
SELECT has_index('core', 'muscle', 'muscle_muscle_group_id_idx', ARRAY['muscle_group_id']::name[], 'index muscle_muscle_group_id_idx on muscle(muscle_group_id)');
SELECT has_index('core', 'muscle', 'muscle_code_active_uq', ARRAY['code']::name[], 'index muscle_code_active_uq on muscle(code)');
SELECT index_is_unique('core', 'muscle', 'muscle_code_active_uq', 'index muscle_code_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'core.muscle_code_active_uq'::regclass),
    'is_active',
    'index muscle_code_active_uq is partial WHERE is_active'
);
SELECT col_is_unique('core', 'entity_type', ARRAY['code']::name[], 'core.entity_type(code) is unique: a foreign key points at it');
SELECT col_is_unique('core', 'permission', ARRAY['code']::name[], 'core.permission(code) is unique: a foreign key points at it');
SELECT col_is_unique('core', 'status', ARRAY['domain', 'code']::name[], 'core.status(domain, code) is unique: a foreign key points at it');
SELECT col_is_unique('core', 'category', ARRAY['id', 'domain']::name[], 'core.category(id, domain) is unique: a foreign key points at it');
SELECT is_empty(
    $$SELECT c.conrelid::regclass::text || '.' || c.conname
        FROM pg_catalog.pg_constraint c
       WHERE c.contype = 'f' AND c.connamespace = 'core'::regnamespace
         AND NOT EXISTS (
             SELECT 1 FROM pg_catalog.pg_index i
              WHERE i.indrelid = c.conrelid AND i.indpred IS NULL
                AND (i.indkey::int2[])[0:pg_catalog.array_length(c.conkey, 1) - 1] @> c.conkey
                AND (i.indkey::int2[])[0:pg_catalog.array_length(c.conkey, 1) - 1] <@ c.conkey)$$,
    'every foreign key of core has a full index led by its columns'
);
SELECT is_empty(
    $$SELECT i.indexrelid::regclass::text
        FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
       WHERE t.relnamespace = 'core'::regnamespace AND i.indisunique AND NOT i.indisprimary
         AND i.indpred IS NULL
         AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint f
                          WHERE f.contype = 'f' AND f.conindid = i.indexrelid)$$,
    'every full unique index of core is the target of a foreign key; the others are partial'
);
SELECT is_empty(
    $$SELECT c.conrelid::regclass::text || '.' || c.conname
        FROM pg_catalog.pg_constraint c
       WHERE c.contype = 'c' AND c.connamespace = 'core'::regnamespace
         AND pg_catalog.obj_description(c.oid, 'pg_constraint') IS NULL$$,
    'every CHECK constraint of core carries a comment stating its rule'
);
SELECT is_empty(
    $$SELECT t.relname::text FROM pg_catalog.pg_class t
       WHERE t.relnamespace = 'core'::regnamespace AND t.relkind = 'r'
         AND (SELECT pg_catalog.string_agg(a.attname::text, ',' ORDER BY a.attnum)
                FROM pg_catalog.pg_attribute a
               WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped)
             !~ '^id,.*,created_at,updated_at,created_by,updated_by,is_active,deleted_at,deleted_by$'$$,
    'every core table starts with id and ends with the audit and soft-delete columns'
);
SELECT is_empty(
    $$SELECT t.relname::text FROM pg_catalog.pg_class t
       WHERE t.relnamespace = 'core'::regnamespace AND t.relkind = 'r'
         AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c
                          WHERE c.conrelid = t.oid AND c.contype = 'c'
                            AND c.conname = t.relname || '_soft_delete_state')$$,
    'every core table has its <table>_soft_delete_state CHECK'
);
SELECT set_eq(
    $$SELECT code || ':' || scope FROM core.role WHERE is_active$$,
    ARRAY['platform_admin:platform', 'institution_owner:institution', 'institution_admin:institution',
          'coach:institution', 'member:institution', 'user:platform'],
    'the six roles exist with their scopes'
);
SELECT results_eq(
    $$SELECT code FROM core.role WHERE scope = 'institution' AND is_active ORDER BY rank$$,
    ARRAY['member', 'coach', 'institution_admin', 'institution_owner'],
    'institution roles rank member < coach < institution_admin < institution_owner'
);
SELECT is(
    (SELECT count(*)::int FROM core.role_permission rp JOIN core.role r ON r.id = rp.role_id
      WHERE r.code = 'platform_admin' AND rp.is_active),
    (SELECT count(*)::int FROM core.permission WHERE is_active),
    'platform_admin holds every permission'
);
SELECT is_empty(
    $$SELECT p.code FROM core.role_permission rp
        JOIN core.role r ON r.id = rp.role_id JOIN core.permission p ON p.id = rp.permission_id
       WHERE r.code = 'member'
      EXCEPT
      SELECT p.code FROM core.role_permission rp
        JOIN core.role r ON r.id = rp.role_id JOIN core.permission p ON p.id = rp.permission_id
       WHERE r.code = 'coach'$$,
    'coach holds every permission of member'
);
SELECT is_empty(
    $$SELECT p.code FROM core.role_permission rp
        JOIN core.role r ON r.id = rp.role_id JOIN core.permission p ON p.id = rp.permission_id
       WHERE r.code = 'coach'
      EXCEPT
      SELECT p.code FROM core.role_permission rp
        JOIN core.role r ON r.id = rp.role_id JOIN core.permission p ON p.id = rp.permission_id
       WHERE r.code = 'institution_admin'$$,
    'institution_admin holds every permission of coach'
);
SELECT is_empty(
    $$SELECT p.code FROM core.role_permission rp
        JOIN core.role r ON r.id = rp.role_id JOIN core.permission p ON p.id = rp.permission_id
       WHERE r.code = 'institution_admin'
      EXCEPT
      SELECT p.code FROM core.role_permission rp
        JOIN core.role r ON r.id = rp.role_id JOIN core.permission p ON p.id = rp.permission_id
       WHERE r.code = 'institution_owner'$$,
    'institution_owner holds every permission of institution_admin'
);
SELECT ok(
    (SELECT count(*) FROM core.role_permission rp JOIN core.role r ON r.id = rp.role_id WHERE r.code = 'coach')
    > (SELECT count(*) FROM core.role_permission rp JOIN core.role r ON r.id = rp.role_id WHERE r.code = 'member'),
    'coach holds more than member'
);
SELECT ok(
    (SELECT count(*) FROM core.role_permission rp JOIN core.role r ON r.id = rp.role_id WHERE r.code = 'institution_admin')
    > (SELECT count(*) FROM core.role_permission rp JOIN core.role r ON r.id = rp.role_id WHERE r.code = 'coach'),
    'institution_admin holds more than coach'
);
SELECT ok(
    (SELECT count(*) FROM core.role_permission rp JOIN core.role r ON r.id = rp.role_id WHERE r.code = 'institution_owner')
    > (SELECT count(*) FROM core.role_permission rp JOIN core.role r ON r.id = rp.role_id WHERE r.code = 'institution_admin'),
    'institution_owner holds more than institution_admin'
);
SELECT bag_eq(
    $$SELECT p.code FROM core.role_permission rp
        JOIN core.role r ON r.id = rp.role_id JOIN core.permission p ON p.id = rp.permission_id
       WHERE r.code = 'user' AND p.code IN ('user.read_self', 'user.update_self', 'session.log',
             'workout.create', 'data.export', 'user.read_members', 'audit.read', 'role.grant')$$,
    ARRAY['user.read_self', 'user.update_self', 'session.log', 'workout.create', 'data.export'],
    'user has self-service permissions and none of staff or administration'
);
SELECT set_eq(
    $$SELECT DISTINCT domain FROM core.permission WHERE is_active$$,
    ARRAY['user', 'role', 'exercise', 'workout', 'program', 'session', 'measurement', 'goal',
          'media', 'equipment', 'tag', 'category', 'lookup', 'institution', 'coach', 'billing',
          'rating', 'favorite', 'notification', 'i18n', 'audit', 'settings', 'error', 'platform',
          'data'],
    'permissions cover every domain'
);
SELECT is(
    (SELECT count(*)::int FROM core.permission
      WHERE code IN ('workout.read_members', 'institution.manage', 'billing.manage', 'rating.moderate',
                     'audit.read', 'i18n.manage', 'data.erase', 'role.grant', 'session.read_members')),
    9,
    'key permissions the helpers and policies name exist'
);
SELECT set_eq(
    $$SELECT code FROM core.status WHERE domain = 'exercise' AND is_active$$,
    ARRAY['draft', 'published', 'archived'],
    'statuses of exercise'
);
SELECT set_eq(
    $$SELECT code FROM core.status WHERE domain = 'workout' AND is_active$$,
    ARRAY['draft', 'published', 'archived'],
    'statuses of workout'
);
SELECT set_eq(
    $$SELECT code FROM core.status WHERE domain = 'program' AND is_active$$,
    ARRAY['draft', 'published', 'archived'],
    'statuses of program'
);
SELECT set_eq(
    $$SELECT code FROM core.status WHERE domain = 'user_workout_session' AND is_active$$,
    ARRAY['planned', 'in_progress', 'completed', 'abandoned'],
    'statuses of user_workout_session'
);
SELECT set_eq(
    $$SELECT code FROM core.status WHERE domain = 'user_program_enrollment' AND is_active$$,
    ARRAY['scheduled', 'active', 'paused', 'completed', 'abandoned'],
    'statuses of user_program_enrollment'
);
SELECT set_eq(
    $$SELECT code FROM core.status WHERE domain = 'user_goal' AND is_active$$,
    ARRAY['active', 'achieved', 'abandoned', 'expired'],
    'statuses of user_goal'
);
SELECT set_eq(
    $$SELECT code FROM core.status WHERE domain = 'institution_member' AND is_active$$,
    ARRAY['invited', 'active', 'suspended', 'left', 'removed'],
    'statuses of institution_member'
);
SELECT set_eq(
    $$SELECT code FROM core.status WHERE domain = 'subscription' AND is_active$$,
    ARRAY['trialing', 'active', 'past_due', 'canceled', 'expired'],
    'statuses of subscription'
);
SELECT set_eq(
    $$SELECT code FROM core.status WHERE domain = 'payment' AND is_active$$,
    ARRAY['pending', 'succeeded', 'failed', 'refunded'],
    'statuses of payment'
);
SELECT set_eq(
    $$SELECT code FROM core.status WHERE domain = 'notification' AND is_active$$,
    ARRAY['pending', 'sent', 'delivered', 'read', 'failed', 'canceled'],
    'statuses of notification'
);
SELECT set_eq(
    $$SELECT code FROM core.status WHERE domain = 'media' AND is_active$$,
    ARRAY['uploading', 'ready', 'failed'],
    'statuses of media'
);
SELECT set_eq(
    $$SELECT code FROM core.status WHERE domain = 'rating' AND is_active$$,
    ARRAY['pending', 'published', 'flagged', 'rejected'],
    'statuses of rating'
);
SELECT is_empty(
    $$SELECT st.domain || ':' || st.from_code FROM core.status_transition st
        JOIN core.status s ON s.domain = st.domain AND s.code = st.from_code
       WHERE s.is_terminal$$,
    'no transition leaves a terminal status'
);
SELECT is_empty(
    $$SELECT s.domain || ':' || s.code FROM core.status s
       WHERE NOT s.is_terminal
         AND NOT EXISTS (SELECT 1 FROM core.status_transition st
                          WHERE st.domain = s.domain AND st.from_code = s.code)$$,
    'every non-terminal status has a way out'
);
SELECT is_empty(
    $$SELECT DISTINCT domain FROM core.status
      EXCEPT SELECT domain FROM core.status WHERE is_initial$$,
    'every state machine has an initial status'
);
SELECT is(
    (SELECT required_permission FROM core.status_transition
      WHERE domain = 'rating' AND from_code = 'pending' AND to_code = 'published'),
    'rating.moderate',
    'publishing a rating requires rating.moderate'
);
SELECT set_eq(
    $$SELECT code FROM core.muscle_group WHERE is_active$$,
    ARRAY['chest', 'back', 'shoulders', 'arms', 'core', 'legs', 'neck'],
    'muscle groups'
);
SELECT is(
    (SELECT count(*)::int FROM core.muscle
      WHERE is_active AND code = ANY (ARRAY['abdominals', 'abductors', 'adductors', 'biceps', 'calves', 'chest', 'forearms', 'glutes', 'hamstrings', 'lats', 'lower_back', 'middle_back', 'neck', 'quadriceps', 'shoulders', 'traps', 'triceps'])),
    17,
    'the 17 free-exercise-db muscles exist (snake_case codes)'
);
SELECT is_empty(
    $$SELECT w.name FROM unnest(ARRAY['Biceps brachii', 'Anterior deltoid', 'Serratus anterior', 'Pectoralis major', 'Triceps brachii', 'Rectus abdominis', 'Gastrocnemius', 'Gluteus maximus', 'Trapezius', 'Quadriceps femoris', 'Biceps femoris', 'Latissimus dorsi', 'Brachialis', 'Obliquus externus abdominis', 'Soleus', 'Erector spinae']) AS w (name)
       WHERE (SELECT count(*) FROM core.muscle m
               WHERE m.is_active AND (lower(m.latin_name) = lower(w.name) OR lower(m.name) = lower(w.name))) <> 1$$,
    'each of the 16 wger muscles matches exactly one muscle by latin_name or name'
);
SELECT is(
    (SELECT g.code FROM core.muscle m JOIN core.muscle_group g ON g.id = m.muscle_group_id WHERE m.code = 'lower_back'),
    'back',
    'lower_back belongs to the back group'
);
SELECT set_eq(
    $$SELECT code FROM core.category WHERE domain = 'exercise' AND parent_id IS NULL AND is_active$$,
    ARRAY['strength', 'cardio', 'stretching', 'plyometrics', 'powerlifting', 'olympic_weightlifting', 'strongman'],
    'exercise root categories are the free-exercise-db categories'
);
SELECT set_eq(
    $$SELECT c.code FROM core.category c JOIN core.category p ON p.id = c.parent_id
       WHERE p.domain = 'exercise' AND p.code = 'strength'$$,
    ARRAY['arms', 'legs', 'abs', 'chest', 'back', 'shoulders', 'calves'],
    'wger body-part categories are children of strength'
);
SELECT ok(
    (SELECT count(*) FROM core.category WHERE domain = 'workout') > 0
    AND (SELECT count(*) FROM core.category WHERE domain = 'program') > 0,
    'workout and program categories exist'
);
SELECT set_eq(
    $$SELECT code FROM core.visibility WHERE is_active$$,
    ARRAY['private', 'institution', 'public'],
    'visibility levels'
);
SELECT set_eq(
    $$SELECT code FROM core.entity_type WHERE is_active$$,
    ARRAY['tag', 'category', 'muscle_group', 'muscle', 'status', 'role', 'visibility',
          'app_user', 'institution', 'billing_plan', 'user_workout_session', 'user_program_enrollment',
          'exercise', 'workout', 'program', 'media', 'equipment', 'equipment_category', 'goal',
          'user_goal', 'rating', 'favorite_collection', 'activity_type'],
    'the entity-type registry lists every polymorphic target'
);
SELECT is_empty(
    $$SELECT e.code || '.' || col
        FROM core.entity_type e
       CROSS JOIN LATERAL unnest(ARRAY[e.owner_column, e.institution_column, e.visibility_column, 'is_active']
                                 || e.translatable_columns) AS col
       WHERE col IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                          WHERE a.attrelid = e.table_name AND a.attname = col
                            AND a.attnum > 0 AND NOT a.attisdropped)$$,
    'every column named by the entity-type registry exists in its table'
);
SELECT is(
    (SELECT owner_column || '/' || institution_column || '/' || visibility_column
       FROM core.entity_type WHERE code = 'exercise'),
    'owner_id/institution_id/visibility',
    'exercise is registered with its owner, institution and visibility columns'
);
-- ---- behaviour: CHECK and unique rules (triggers off) ----
SET LOCAL session_replication_role = replica;
SELECT throws_ok(
    $$INSERT INTO core.permission (code, domain, description) VALUES ('Workout-Read', 'workout', 'bad')$$,
    '23514', NULL,
    'a permission code must be <domain>.<action>'
);
SELECT throws_ok(
    $$INSERT INTO core.permission (code, domain, description) VALUES ('workout.frobnicate', 'program', 'x')$$,
    '23514', NULL,
    'a permission domain must match its code'
);
SELECT throws_ok(
    $$INSERT INTO core.role (code, name, scope, rank) VALUES ('guest', 'Guest', 'global', 1)$$,
    '23514', NULL,
    'role scope is platform or institution'
);
SELECT throws_ok(
    $$INSERT INTO core.muscle (code, name, muscle_group_id, body_region)
      SELECT 'tibialis_anterior', 'Tibialis anterior', id, 'legs' FROM core.muscle_group WHERE code = 'legs'$$,
    '23514', NULL,
    'muscle body_region is upper_body, core or lower_body'
);
SELECT throws_ok(
    $$INSERT INTO core.tag (code, name, is_active) VALUES ('hidden', 'Hidden', false)$$,
    '23514', NULL,
    'is_active and deleted_at must agree'
);
SELECT throws_ok(
    $$INSERT INTO core.status_transition (domain, from_code, to_code) VALUES ('payment', 'pending', 'pending')$$,
    '23514', NULL,
    'a transition moves to a different status'
);
SELECT throws_ok(
    $$INSERT INTO core.category (domain, code, name) VALUES ('exercise', 'cardio', 'Cardio again')$$,
    '23505', NULL,
    'category code is unique per domain among active rows'
);
SELECT lives_ok(
    $$UPDATE core.category SET is_active = false, deleted_at = now() WHERE domain = 'exercise' AND code = 'cardio';
      INSERT INTO core.category (domain, code, name) VALUES ('exercise', 'cardio', 'Cardio again')$$,
    'a soft-deleted category code can be reused'
);
SELECT throws_ok(
    $$INSERT INTO core.entity_type (code, name, table_name) VALUES ('tag', 'Tag again', 'core.visibility')$$,
    '23505', NULL,
    'entity_type.code is unique (a foreign key target)'
);
-- ---- behaviour: foreign keys (triggers on) ----
SET LOCAL session_replication_role = origin;
SELECT throws_ok(
    $$INSERT INTO core.category (domain, code, name, parent_id)
      SELECT 'workout', 'heavy', 'Heavy', id FROM core.category WHERE domain = 'exercise' AND code = 'strength'$$,
    '23503', NULL,
    'a category parent must belong to the same domain'
);
SELECT lives_ok(
    $$INSERT INTO core.category (domain, code, name, parent_id)
      SELECT 'exercise', 'kettlebell', 'Kettlebell', id FROM core.category WHERE domain = 'exercise' AND code = 'strength'$$,
    'a child category of the same domain is accepted'
);
SELECT throws_ok(
    $$INSERT INTO core.status_transition (domain, from_code, to_code) VALUES ('payment', 'pending', 'archived')$$,
    '23503', NULL,
    'a transition must lead to a status of the same domain'
);
SELECT throws_ok(
    $$INSERT INTO core.status_transition (domain, from_code, to_code, required_permission)
      VALUES ('payment', 'failed', 'pending', 'billing.nonexistent')$$,
    '23503', NULL,
    'a transition''s required permission must exist'
);
SELECT throws_ok(
    $$INSERT INTO core.entity_tag (entity_type, entity_id, tag_id)
      SELECT 'no_such_type', '01890000-0000-7000-8000-000000000001', id FROM core.tag WHERE code = 'home'$$,
    '23503', NULL,
    'entity_tag.entity_type must be registered'
);

SELECT * FROM finish();
ROLLBACK;
