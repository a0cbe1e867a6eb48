-- =====================================================================================
-- Tenancy: which rows of the user- and institution-owned tables fitness_app and
-- fitness_service may see and write (docs/reference/functions.md "Row-level security
-- generator and policy proof", docs/reference/roles.md "Row-level security").
--
-- fitness.tenancy_map describes every such table once (owner, institution, visibility,
-- parent, permissions); fitness.apply_tenancy() turns a map row into the table's
-- row-level security policies (tenancy_*) and its delete guard trigger. Lookup and
-- reference tables are not in the map: their grants (grants.sql) decide alone.
--
-- Policy shape (planner-friendly; details above fitness.tenancy_predicate): every branch
-- compares a column an index can serve, e.g. for content.workout (SELECT):
--   is_active AND (SELECT fitness.current_user_id()) IS NOT NULL AND (
--        workout.owner_id = (SELECT fitness.current_user_id())
--     OR ((SELECT fitness.is_platform_admin()) AND workout.id >= CASE WHEN fitness.is_platform_admin()
--                                                   THEN '00000000-0000-0000-0000-000000000000'::uuid END)
--     OR workout.visibility = 'public'
--     OR (workout.visibility = 'institution' AND workout.institution_id = ANY (fitness.my_institution_ids()))
--     OR ((SELECT cardinality(fitness.permitted_institution_ids('workout.manage_institution')) > 0)
--         AND workout.institution_id = ANY (fitness.permitted_institution_ids('workout.manage_institution')))
--     OR ((SELECT cardinality(fitness.readable_user_ids('workout.read_members')) > 0)
--         AND workout.owner_id = ANY (fitness.readable_user_ids('workout.read_members'))))
-- Needs the context helpers of identity/context.sql.
-- =====================================================================================

CREATE TABLE fitness.tenancy_map (
    target                      regclass NOT NULL,
    owner_column                name,
    institution_column          name,
    visibility_column           name,
    parent_column               name,
    parent_table                regclass,
    read_members_permission     text,
    manage_permission           text,
    delete_permission           text,
    institution_read_role       text,
    institution_read_permission text,
    owner_can_write             boolean NOT NULL DEFAULT true,
    read_expression             text,
    write_expression            text,
    read_only_for_app           boolean NOT NULL DEFAULT false,
    note                        text NOT NULL,
    entity_type_column          name,
    entity_id_column            name,
    entity_type_filter          text,
    CONSTRAINT tenancy_map_pkey PRIMARY KEY (target),
    -- Deferred: the permissions are seeded by seed/core.sql, later in the same
    -- transaction as this file; a parent may be listed after its children.
    CONSTRAINT tenancy_map_parent_table_fkey FOREIGN KEY (parent_table)
        REFERENCES fitness.tenancy_map (target) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT tenancy_map_read_members_permission_fkey FOREIGN KEY (read_members_permission)
        REFERENCES core.permission (code) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT tenancy_map_manage_permission_fkey FOREIGN KEY (manage_permission)
        REFERENCES core.permission (code) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT tenancy_map_delete_permission_fkey FOREIGN KEY (delete_permission)
        REFERENCES core.permission (code) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT tenancy_map_institution_read_permission_fkey FOREIGN KEY (institution_read_permission)
        REFERENCES core.permission (code) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT tenancy_map_parent_complete CHECK ((parent_column IS NULL) = (parent_table IS NULL)),
    CONSTRAINT tenancy_map_parent_table_not_self CHECK (parent_table <> target),
    CONSTRAINT tenancy_map_read_members_needs_owner CHECK (read_members_permission IS NULL OR owner_column IS NOT NULL),
    CONSTRAINT tenancy_map_institution_rules_need_institution CHECK (
        institution_column IS NOT NULL
        OR num_nonnulls(manage_permission, delete_permission, institution_read_role, institution_read_permission) = 0),
    CONSTRAINT tenancy_map_institution_read_role_allowed CHECK (
        institution_read_role IN ('member', 'coach', 'admin', 'owner')),
    CONSTRAINT tenancy_map_has_rule CHECK (
        num_nonnulls(owner_column, institution_column, parent_column, read_expression, entity_type_column) > 0),
    CONSTRAINT tenancy_map_entity_reference_complete CHECK ((entity_type_column IS NULL) = (entity_id_column IS NULL)),
    CONSTRAINT tenancy_map_entity_type_filter_needs_reference CHECK (entity_type_filter IS NULL OR entity_type_column IS NOT NULL),
    CONSTRAINT tenancy_map_note_not_blank CHECK (btrim(note) <> '')
);
COMMENT ON TABLE fitness.tenancy_map IS
    'Tenancy of every user- or institution-owned table: the source of its row-level security policies (fitness.apply_tenancy). Extension configuration, not an entity table';
COMMENT ON COLUMN fitness.tenancy_map.target IS 'The table (a partitioned parent carries the policies of its partitions)';
COMMENT ON COLUMN fitness.tenancy_map.owner_column IS 'Column holding the owning app_user id; the owner reads the row (and writes it, see owner_can_write). NULL: no owner';
COMMENT ON COLUMN fitness.tenancy_map.institution_column IS 'Column holding the owning institution id. NULL: not institution-owned';
COMMENT ON COLUMN fitness.tenancy_map.visibility_column IS 'Column holding private/institution/public: public rows are readable by every user with a context, institution rows by the active members of institution_column';
COMMENT ON COLUMN fitness.tenancy_map.parent_column IS 'For child rows: column referencing parent_table (id). The row is readable iff the parent row is (the parent''s own policies apply) and writable iff the parent is writable';
COMMENT ON COLUMN fitness.tenancy_map.parent_table IS 'Table parent_column references; listed in the map itself';
COMMENT ON COLUMN fitness.tenancy_map.read_members_permission IS 'Permission through which coaches (members assigned to them) and institution admins (all members) read the owner''s rows (fitness.readable_user_ids). NULL: not readable by staff';
COMMENT ON COLUMN fitness.tenancy_map.manage_permission IS 'Institution-scope permission that lets its holders read and write every row of their institution (e.g. workout.manage_institution)';
COMMENT ON COLUMN fitness.tenancy_map.delete_permission IS 'Institution-scope permission needed to delete instead of manage_permission (e.g. institution.delete); NULL: manage_permission';
COMMENT ON COLUMN fitness.tenancy_map.institution_read_role IS 'Lowest member_role whose active members read every row of their institution (member < coach < admin < owner); NULL: none';
COMMENT ON COLUMN fitness.tenancy_map.institution_read_permission IS 'Institution-scope permission whose holders read every row of their institution (without writing); NULL: none';
COMMENT ON COLUMN fitness.tenancy_map.owner_can_write IS 'false: the owner reads the row but changes it only through API functions or staff (memberships, coach assignments)';
COMMENT ON COLUMN fitness.tenancy_map.read_expression IS 'Extra SQL condition (over the row''s unqualified columns, helpers in scalar sub-selects) under which the row is readable; trusted text written by the extension or a superuser';
COMMENT ON COLUMN fitness.tenancy_map.write_expression IS 'Extra SQL condition under which the row is writable (insert, update, delete); trusted text like read_expression';
COMMENT ON COLUMN fitness.tenancy_map.read_only_for_app IS 'fitness_app and fitness_service only read (writes go through API functions); no write policies';
COMMENT ON COLUMN fitness.tenancy_map.note IS 'Why the table is mapped this way';
COMMENT ON COLUMN fitness.tenancy_map.entity_type_column IS 'Polymorphic reference (a core.entity_type code): the row is visible, and may be written, only while its target exists, is active and is readable by the actor (the target table''s own policies decide). NULL: no polymorphic reference';
COMMENT ON COLUMN fitness.tenancy_map.entity_id_column IS 'Column holding the target''s id, with entity_type_column';
COMMENT ON COLUMN fitness.tenancy_map.entity_type_filter IS 'SQL condition on core.entity_type naming the types the table may point at (e.g. is_rateable); NULL: every active type whose table fitness_app and fitness_service may read. Trusted text like read_expression. Re-run fitness.apply_tenancy() after changing core.entity_type or those grants';
COMMENT ON CONSTRAINT tenancy_map_entity_reference_complete ON fitness.tenancy_map IS 'entity_type_column and entity_id_column are given together';
COMMENT ON CONSTRAINT tenancy_map_entity_type_filter_needs_reference ON fitness.tenancy_map IS 'entity_type_filter needs a polymorphic reference';
COMMENT ON CONSTRAINT tenancy_map_parent_complete ON fitness.tenancy_map IS 'parent_column and parent_table are given together';
COMMENT ON CONSTRAINT tenancy_map_parent_table_not_self ON fitness.tenancy_map IS 'a table cannot be its own tenancy parent';
COMMENT ON CONSTRAINT tenancy_map_read_members_needs_owner ON fitness.tenancy_map IS 'members'' rows are found through the owner column';
COMMENT ON CONSTRAINT tenancy_map_institution_rules_need_institution ON fitness.tenancy_map IS 'institution permissions and roles need an institution column';
COMMENT ON CONSTRAINT tenancy_map_institution_read_role_allowed ON fitness.tenancy_map IS 'institution_read_role is one of member, coach, admin, owner';
COMMENT ON CONSTRAINT tenancy_map_has_rule ON fitness.tenancy_map IS 'a mapped table names an owner, an institution, a parent or a read expression';
COMMENT ON CONSTRAINT tenancy_map_note_not_blank ON fitness.tenancy_map IS 'every mapping says why';
CREATE INDEX tenancy_map_parent_table_idx ON fitness.tenancy_map (parent_table);

-- --------------------------------------------------------------------------------------------
-- The predicates. kind: 'read' (the row is visible), 'write' (the row may be inserted or
-- updated into this state), 'delete' (the existing row may be deleted). Columns of the
-- target are qualified with alias (the table's name in its policies, old_row in the delete
-- guard, pN inside nested parent checks). The result excludes is_active and the context
-- test, which apply_tenancy adds.
--
-- Shape, for the planner (measured in bench/scenarios/tenancy.sh):
-- * every branch has a column comparison an index can serve, so the planner can combine
--   them in a BitmapOr; one opaque boolean branch would force a sequential scan;
-- * the acting user's id is a scalar sub-select, (SELECT fitness.current_user_id()): an
--   InitPlan evaluated once per query; an equality with it is estimated like any other;
-- * the set-valued helpers (my_institution_ids, permitted_institution_ids,
--   readable_user_ids) are called directly in "column = ANY (fitness.f(...))": the planner
--   folds STABLE calls when it estimates selectivity, so it sees the real arrays. Wrapped
--   in (SELECT ...) they would be InitPlan parameters, estimated as 10-element arrays:
--   with 20 institutions that is 40% of the table per branch, and the plan becomes a
--   sequential scan (bench: 4-7x the floor instead of 1.4-1.7x). An index scan evaluates
--   them once; the heap filter calls them again for the rows that reach them, answered
--   from the per-backend cache of the C++ helpers;
-- * branches bound to a permission (manage, read members) are gated by an InitPlan,
--   (SELECT cardinality(f(p)) > 0): users who hold the permission nowhere skip the call;
-- * platform administrators: "(SELECT fitness.is_platform_admin()) AND id >= CASE WHEN
--   fitness.is_platform_admin() THEN <nil uuid> END": an index can serve it (all rows
--   for an administrator, none otherwise, and estimated that way), and for everyone else
--   the InitPlan is false, so the branch costs one test per row. It comes right after the
--   owner arm: OR stops at the first true arm, and the owner's own rows (the commonest
--   query) then pass on one comparison;
-- * children: EXISTS (SELECT 1 FROM parent AS p1 WHERE p1.id = child.parent_id): one
--   index probe of the parent per row, through the parent's own policies (an uncorrelated
--   "parent_id IN (SELECT id FROM parent)" is planned as a scan of every visible parent).
-- --------------------------------------------------------------------------------------------
-- One "column = ANY (set)" branch for a permission-bound set (permitted_institution_ids,
-- readable_user_ids), gated by an InitPlan: users who hold the permission nowhere (most)
-- skip the per-row call; the planner still estimates from the real set.
CREATE FUNCTION fitness.tenancy_set_arm(col text, helper text, permission text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT pg_catalog.format('((SELECT pg_catalog.cardinality(fitness.%1$I(%3$L)) > 0) AND %2$s = ANY (fitness.%1$I(%3$L)))',
                             helper, col, permission)
$fn$;
COMMENT ON FUNCTION fitness.tenancy_set_arm(text, text, text) IS
    'SQL text of a gated "col = ANY (fitness.helper(permission))" policy branch (used by fitness.tenancy_predicate)';

-- The target condition of a polymorphic reference: one branch per entity type the table may
-- point at, each an index probe of the target through the target's own policies (for the
-- group roles, those hide inactive and unreadable rows; tables without policies are
-- readable lookups, so is_active is tested as well). A NULL reference points at nothing and
-- passes; an unregistered type does not, nor one whose table the group roles may not read
-- (its branch would make every query of the table fail with "permission denied"). NULL when
-- the table has no polymorphic reference.
CREATE FUNCTION fitness.tenancy_target_predicate(target regclass, alias text)
    RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    m        fitness.tenancy_map;
    t        record;
    branches text := '';
    palias   text;
BEGIN
    SELECT * INTO m FROM fitness.tenancy_map tm WHERE tm.target = tenancy_target_predicate.target;
    IF NOT FOUND OR m.entity_type_column IS NULL THEN
        RETURN NULL;
    END IF;
    palias := 'e' || pg_catalog.substring(pg_catalog.md5(alias), 1, 6);
    FOR t IN EXECUTE pg_catalog.format(
        'SELECT e.code, e.table_name FROM core.entity_type e WHERE e.is_active AND (%s)'
        ' AND pg_catalog.has_table_privilege(''fitness_app'', e.table_name, ''SELECT'')'
        ' AND pg_catalog.has_table_privilege(''fitness_service'', e.table_name, ''SELECT'') ORDER BY e.code',
        coalesce(m.entity_type_filter, 'true'))
    LOOP
        branches := branches || pg_catalog.format(
            ' WHEN %L THEN EXISTS (SELECT 1 FROM %s AS %I WHERE %I.id = %I.%I%s)',
            t.code, t.table_name, palias, palias, alias, m.entity_id_column,
            CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                               WHERE a.attrelid = t.table_name AND a.attname = 'is_active' AND NOT a.attisdropped)
                 THEN pg_catalog.format(' AND %I.is_active', palias) ELSE '' END);
    END LOOP;
    RETURN pg_catalog.format('CASE %I.%I%s ELSE %I.%I IS NULL END',
                             alias, m.entity_type_column, branches, alias, m.entity_type_column);
END
$fn$;
COMMENT ON FUNCTION fitness.tenancy_target_predicate(regclass, text) IS
    'SQL text of the "target exists, is active and is readable" condition of a table with a polymorphic reference (NULL for other tables); alias qualifies the table''s columns';

CREATE FUNCTION fitness.tenancy_predicate(target regclass, kind text, alias text)
    RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    m        fitness.tenancy_map;
    arms     text[] := '{}';
    pre      text;
    me       CONSTANT text := '(SELECT fitness.current_user_id())';
    o        text;
    i        text;
    v        text;
    perm     text;
    palias   text;
    admin_arm text;
BEGIN
    IF kind IS NULL OR kind NOT IN ('read', 'write', 'delete') THEN
        RAISE EXCEPTION 'tenancy predicate kind must be read, write or delete, not %', pg_catalog.quote_nullable(kind)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF alias IS NULL OR alias = '' THEN
        RAISE EXCEPTION 'tenancy predicate needs the alias of the row''s table'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO m FROM fitness.tenancy_map t WHERE t.target = tenancy_predicate.target;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% is not in fitness.tenancy_map', tenancy_predicate.target
            USING ERRCODE = 'undefined_object';
    END IF;
    pre := pg_catalog.quote_ident(alias) || '.';
    o := pre || pg_catalog.quote_ident(m.owner_column);
    i := pre || pg_catalog.quote_ident(m.institution_column);
    v := pre || pg_catalog.quote_ident(m.visibility_column);
    palias := 'p' || (coalesce(pg_catalog.substring(alias, '^p([0-9]+)$')::integer, 0) + 1);

    IF kind = 'read' THEN
        IF m.owner_column IS NOT NULL THEN
            arms := arms || pg_catalog.format('%s = %s', o, me);
        END IF;
        IF m.visibility_column IS NOT NULL THEN
            arms := arms || pg_catalog.format('%s = %L', v, 'public');
            IF m.institution_column IS NOT NULL THEN
                arms := arms || pg_catalog.format(
                    '(%s = %L AND %s = ANY (fitness.my_institution_ids()))', v, 'institution', i);
            END IF;
        END IF;
        IF m.institution_read_role IS NOT NULL THEN
            arms := arms || pg_catalog.format('%s = ANY (fitness.my_institution_ids(%L))', i, m.institution_read_role);
        END IF;
        -- What its holders may write (or delete), they may read.
        FOR perm IN
            SELECT DISTINCT p FROM pg_catalog.unnest(ARRAY[m.institution_read_permission, m.manage_permission,
                                                           m.delete_permission]) AS u (p)
             WHERE p IS NOT NULL ORDER BY p
        LOOP
            arms := arms || fitness.tenancy_set_arm(i, 'permitted_institution_ids', perm);
        END LOOP;
        IF m.read_members_permission IS NOT NULL THEN
            arms := arms || fitness.tenancy_set_arm(o, 'readable_user_ids', m.read_members_permission);
        END IF;
        IF m.parent_column IS NOT NULL THEN
            -- The parent's own SELECT policies decide.
            arms := arms || pg_catalog.format('EXISTS (SELECT 1 FROM %s AS %I WHERE %I.%I = %s%I)',
                m.parent_table, palias, palias, 'id', pre, m.parent_column);
        END IF;
        IF m.read_expression IS NOT NULL THEN
            arms := arms || ('(' || m.read_expression || ')');
        END IF;
    ELSE
        IF m.owner_column IS NOT NULL AND m.owner_can_write THEN
            IF kind = 'write' AND m.institution_column IS NOT NULL THEN
                -- Own rows may be put into an institution only by its members.
                arms := arms || pg_catalog.format(
                    '(%s = %s AND (%s IS NULL OR %s = ANY (fitness.my_institution_ids())))', o, me, i, i);
            ELSE
                arms := arms || pg_catalog.format('%s = %s', o, me);
            END IF;
        END IF;
        perm := coalesce(CASE WHEN kind = 'delete' THEN m.delete_permission END, m.manage_permission);
        IF perm IS NOT NULL THEN
            arms := arms || fitness.tenancy_set_arm(i, 'permitted_institution_ids', perm);
        END IF;
        IF m.parent_column IS NOT NULL THEN
            -- A child is written, and deleted, by whoever may write its parent.
            arms := arms || pg_catalog.format('EXISTS (SELECT 1 FROM %s AS %I WHERE %I.%I = %s%I AND (%s))',
                m.parent_table, palias, palias, 'id', pre, m.parent_column,
                fitness.tenancy_predicate(m.parent_table, 'write', palias));
        END IF;
        IF m.write_expression IS NOT NULL THEN
            arms := arms || ('(' || m.write_expression || ')');
        END IF;
    END IF;

    -- Platform administrators right after the owner arm (OR stops at the first true arm, and
    -- "my rows" is the commonest query: its rows pass on one comparison); for everyone but
    -- administrators the InitPlan is false and the arm costs one test per row.
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                WHERE a.attrelid = m.target AND a.attname = 'id' AND a.atttypid = 'pg_catalog.uuid'::pg_catalog.regtype
                  AND a.attnum > 0 AND NOT a.attisdropped) THEN
        admin_arm := pg_catalog.format(
            '((SELECT fitness.is_platform_admin()) AND %sid >= CASE WHEN fitness.is_platform_admin() THEN %L::uuid END)',
            pre, '00000000-0000-0000-0000-000000000000');
    ELSE
        admin_arm := '(SELECT fitness.is_platform_admin())';
    END IF;
    IF m.owner_column IS NOT NULL AND pg_catalog.cardinality(arms) > 0
       AND (arms[1] LIKE o || ' = %' OR arms[1] LIKE '(' || o || ' = %') THEN
        arms := arms[1:1] || admin_arm || arms[2:];
    ELSE
        arms := admin_arm || arms;
    END IF;
    RETURN pg_catalog.array_to_string(arms, ' OR ');
END
$fn$;
COMMENT ON FUNCTION fitness.tenancy_predicate(regclass, text, text) IS
    'SQL text of the read, write or delete condition fitness.tenancy_map gives a table (without is_active and the context test); alias qualifies the table''s columns';

-- --------------------------------------------------------------------------------------------
-- Delete guard: a DELETE policy can only hide rows, so a refused delete of a visible row
-- would silently do nothing. The trigger turns it into 42501. Its argument is the delete
-- predicate of the table (written by apply_tenancy), evaluated on OLD.
-- --------------------------------------------------------------------------------------------
CREATE FUNCTION fitness.tenancy_write_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    privileged boolean;
    allowed    boolean;
BEGIN
    IF TG_OP <> 'DELETE' OR TG_LEVEL <> 'ROW' OR TG_WHEN <> 'BEFORE' OR TG_NARGS <> 1 THEN
        RAISE EXCEPTION 'fitness.tenancy_write_guard() must be a BEFORE DELETE row trigger with one argument'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    SELECT r.rolsuper OR r.rolbypassrls INTO privileged
      FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER;
    -- Operators (superusers, BYPASSRLS, fitness_admin) and roles outside the group roles
    -- are not narrowed here; their grants decide.
    IF coalesce(privileged, false)
       OR pg_catalog.pg_has_role('fitness_admin', 'MEMBER')
       OR NOT (pg_catalog.pg_has_role('fitness_app', 'MEMBER')
               OR pg_catalog.pg_has_role('fitness_service', 'MEMBER')) THEN
        RETURN OLD;
    END IF;
    EXECUTE pg_catalog.format('SELECT %s FROM (SELECT ($1).*) AS %I', TG_ARGV[0], 'old_row')
       INTO allowed USING OLD;
    IF allowed IS NOT TRUE THEN
        RAISE EXCEPTION 'permission denied to delete row % of %',
            pg_catalog.to_jsonb(OLD) ->> 'id',
            coalesce(pg_catalog.pg_partition_root(TG_RELID), TG_RELID)::regclass
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Only the row''s owner, staff holding the institution''s manage permission, or a platform administrator may delete it.';
    END IF;
    RETURN OLD;
END
$fn$;
COMMENT ON FUNCTION fitness.tenancy_write_guard() IS
    'BEFORE DELETE row trigger (tenancy_write_guard): 42501 when fitness_app/fitness_service delete a row they see but may not write';


REVOKE ALL ON FUNCTION fitness.tenancy_predicate(regclass, text, text), fitness.tenancy_set_arm(text, text, text),
    fitness.tenancy_target_predicate(regclass, text),
    fitness.tenancy_write_guard() FROM PUBLIC;
REVOKE ALL ON TABLE fitness.tenancy_map FROM PUBLIC;
GRANT SELECT ON TABLE fitness.tenancy_map TO fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.tenancy_predicate(regclass, text, text), fitness.tenancy_target_predicate(regclass, text)
    TO fitness_admin;
-- tenancy_predicate builds its permission-bound branches with it (text only).
GRANT EXECUTE ON FUNCTION fitness.tenancy_set_arm(text, text, text) TO fitness_admin;

-- --------------------------------------------------------------------------------------------
-- The map. Helpers in read_expression / write_expression are written as scalar sub-selects
-- like the generated branches.
-- --------------------------------------------------------------------------------------------
INSERT INTO fitness.tenancy_map
    (target, owner_column, institution_column, visibility_column, parent_column, parent_table,
     read_members_permission, manage_permission, delete_permission, institution_read_role,
     institution_read_permission, owner_can_write, read_expression, write_expression,
     read_only_for_app, note)
VALUES
-- user_mgmt -------------------------------------------------------------------------------
('user_mgmt.app_user', 'id', NULL, NULL, NULL, NULL,
 'user.read_members', NULL, NULL, NULL, NULL, true, NULL, NULL, false,
 'A user reads and edits their own profile; coaches (assigned members) and institution admins (all members) read it with user.read_members. New accounts are created by operators or an API function: a user cannot insert another account'),
('user_mgmt.user_role', 'user_id', 'institution_id', NULL, NULL, NULL,
 NULL, NULL, NULL, NULL, 'role.read', true, NULL, NULL, true,
 'A user reads their own grants; holders of role.read read the grants within their institution. Written only through fitness.grant_role / revoke_role (the app has SELECT only)'),
('user_mgmt.institution', NULL, 'id', NULL, NULL, NULL,
 NULL, 'institution.update', 'institution.delete', 'member', NULL, true, NULL, NULL, false,
 'Readable by its active members; edited with institution.update, deleted with institution.delete. There is no public-listing flag, so non-members (and invitees) do not see it; creating one (the creator becomes owner) needs an API function'),
('user_mgmt.institution_member', 'user_id', 'institution_id', NULL, NULL, NULL,
 NULL, 'institution.manage_members', NULL, 'member', NULL, false, NULL, NULL, false,
 'A user reads their own memberships and the member list of the institutions they belong to; only institution.manage_members holders write (a member cannot raise their own member_role; joining and leaving go through staff or API functions)'),
('user_mgmt.coach_assignment', 'member_id', 'institution_id', NULL, NULL, NULL,
 NULL, 'coach.assign', NULL, NULL, NULL, false,
 'coach_id = (SELECT fitness.current_user_id())', NULL, false,
 'Read by the member and the coach it names; read and written by coach.assign holders of the institution'),
('user_mgmt.user_program_enrollment', 'user_id', 'institution_id', NULL, NULL, NULL,
 'program.read_members', 'program.assign', NULL, NULL, NULL, true, NULL, NULL, false,
 'Own enrollments; staff read members'' with program.read_members; program.assign holders enroll members of their institution'),
('user_mgmt.user_workout_session', 'user_id', NULL, NULL, NULL, NULL,
 'session.read_members', NULL, NULL, NULL, NULL, true, NULL, NULL, false,
 'Own sessions; staff read members'' with session.read_members'),
('user_mgmt.user_set_log', 'user_id', NULL, NULL, NULL, NULL,
 'session.read_members', NULL, NULL, NULL, NULL, true, NULL, NULL, false,
 'Own set logs (user_id repeats the session''s, composite foreign key); staff read members'' with session.read_members'),
('user_mgmt.user_measurement', 'user_id', NULL, NULL, NULL, NULL,
 'measurement.read_members', NULL, NULL, NULL, NULL, true, NULL, NULL, false,
 'Own body metrics; staff read members'' with measurement.read_members'),
('user_mgmt.billing_plan', NULL, 'institution_id', NULL, NULL, NULL,
 NULL, 'billing.manage', NULL, NULL, 'billing.read', true,
 'institution_id IS NULL OR is_public', NULL, false,
 'Platform plans (institution_id NULL) and public institution plans are readable by every user; billing.read holders read all plans of their institution, billing.manage holders write them (the service role; the app has SELECT only); platform plans are written by platform admins'),
('user_mgmt.subscription', 'user_id', 'institution_id', NULL, NULL, NULL,
 NULL, 'billing.manage', NULL, NULL, 'billing.read', true,
 'billing_plan_id IN (SELECT bp.id FROM user_mgmt.billing_plan AS bp WHERE bp.institution_id = ANY (fitness.permitted_institution_ids(''billing.read'')))',
 NULL, false,
 'A user''s own subscriptions; an institution''s subscriptions and members'' subscriptions to its plans are readable with billing.read, the institution''s own writable with billing.manage (the service role; the app has SELECT only)'),
('user_mgmt.payment', NULL, NULL, NULL, 'subscription_id', 'user_mgmt.subscription',
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false,
 'Visible and writable with its subscription (payer columns repeat the subscription''s subscriber)'),
-- content ---------------------------------------------------------------------------------
('content.media', 'owner_id', 'institution_id', 'visibility', NULL, NULL,
 NULL, 'media.manage_institution', NULL, NULL, NULL, true, NULL, NULL, false,
 'Owner, public, institution members by visibility; media.manage_institution holders manage the institution''s media; owner NULL = platform media (public ones readable)'),
('content.media_metadata', NULL, NULL, NULL, 'media_id', 'content.media',
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false, 'Follows its media'),
('content.exercise', 'owner_id', 'institution_id', 'visibility', NULL, NULL,
 NULL, 'exercise.manage_institution', NULL, NULL, NULL, true, NULL, NULL, false,
 'Owner, public, institution members by visibility; exercise.manage_institution holders manage the institution''s exercises; owner and institution NULL = platform library (readable when public, written by platform admins)'),
('content.exercise_muscle', NULL, NULL, NULL, 'exercise_id', 'content.exercise',
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false, 'Follows its exercise'),
('content.exercise_equipment', NULL, NULL, NULL, 'exercise_id', 'content.exercise',
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false, 'Follows its exercise'),
('content.exercise_alias', NULL, NULL, NULL, 'exercise_id', 'content.exercise',
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false, 'Follows its exercise'),
('content.exercise_variant', NULL, NULL, NULL, 'exercise_id', 'content.exercise',
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false, 'Follows its exercise (exercise_id, the variant; base_exercise_id is only referenced)'),
('content.exercise_media', NULL, NULL, NULL, 'exercise_id', 'content.exercise',
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false, 'Follows its exercise'),
('content.workout', 'owner_id', 'institution_id', 'visibility', NULL, NULL,
 'workout.read_members', 'workout.manage_institution', NULL, NULL, NULL, true, NULL, NULL, false,
 'Owner, public, institution members by visibility; staff read members'' private workouts with workout.read_members; workout.manage_institution holders manage the institution''s workouts; owner NULL = platform library'),
('content.workout_set', NULL, NULL, NULL, 'workout_id', 'content.workout',
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false, 'Follows its workout'),
('content.exercise_instruction', NULL, NULL, NULL, 'workout_set_id', 'content.workout_set',
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false, 'Follows its workout set (and so its workout)'),
('content.workout_version', NULL, NULL, NULL, 'workout_id', 'content.workout',
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false, 'Follows its workout'),
('content.program', 'owner_id', 'institution_id', 'visibility', NULL, NULL,
 'program.read_members', 'program.manage_institution', NULL, NULL, NULL, true, NULL, NULL, false,
 'Owner, public, institution members by visibility; staff read members'' private programs with program.read_members; program.manage_institution holders manage the institution''s programs; owner NULL = platform library'),
('content.program_schedule', NULL, NULL, NULL, 'program_id', 'content.program',
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false, 'Follows its program'),
('content.schedule_workout', NULL, NULL, NULL, 'program_schedule_id', 'content.program_schedule',
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false, 'Follows its program schedule (and so its program)'),
('content.user_goal', 'user_id', NULL, NULL, NULL, NULL,
 'goal.read_members', NULL, NULL, NULL, NULL, true, NULL,
 'user_id = ANY (fitness.readable_user_ids(''goal.manage_members''))', false,
 'Own goals; staff read members'' with goal.read_members; coaches set goals for their members with goal.manage_members'),
('content.goal_metric', NULL, NULL, NULL, 'user_goal_id', 'content.user_goal',
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false, 'Follows its user goal'),
('content.goal_metric_entry', NULL, NULL, NULL, 'goal_metric_id', 'content.goal_metric',
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false, 'Follows its goal metric (and so its user goal)'),
-- platform --------------------------------------------------------------------------------
('platform.activity', 'user_id', NULL, 'visibility', NULL, NULL,
 NULL, NULL, NULL, NULL, NULL, true,
 'visibility = ''institution'' AND user_id IN (SELECT im.user_id FROM user_mgmt.institution_member AS im WHERE im.institution_id = ANY (fitness.my_institution_ids()) AND im.is_active AND im.status = ''active'')',
 NULL, false,
 'Hash-partitioned by user_id: the policies sit on the parent (the app has no privileges on the partitions). No institution column: institution visibility means the active members of any institution the author belongs to (a sub-select over institution_member; a helper returning fellow members would avoid it)'),
('platform.favorite_collection', 'user_id', NULL, NULL, NULL, NULL,
 NULL, NULL, NULL, NULL, NULL, true, 'is_public', NULL, false,
 'Own collections; public ones (is_public) readable by every user'),
('platform.favorite', 'user_id', NULL, NULL, NULL, NULL,
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false, 'Own favorites only'),
('platform.rating', 'user_id', NULL, NULL, NULL, NULL,
 NULL, NULL, NULL, NULL, NULL, true,
 'rating_status_id IN (SELECT rs.id FROM platform.rating_status AS rs WHERE rs.is_public AND rs.is_active)', NULL, false,
 'Own ratings; ratings in a public status (published) readable by every user; moderation by platform admins'),
('platform.notification', 'user_id', NULL, NULL, NULL, NULL,
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false,
 'Own notifications only; notifications to other users are created by the system (API functions, operators), not by DML of another user'),
('platform.notification_preference', 'user_id', NULL, NULL, NULL, NULL,
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, false, 'Own preferences only'),
('platform.setting', NULL, NULL, NULL, NULL, NULL,
 NULL, NULL, NULL, NULL, NULL, true,
 '(scope = ''user'' AND scope_id = (SELECT fitness.current_user_id())) OR (scope = ''institution'' AND scope_id = ANY (fitness.my_institution_ids()))',
 '(scope = ''user'' AND scope_id = (SELECT fitness.current_user_id())) OR (scope = ''institution'' AND scope_id = ANY (fitness.permitted_institution_ids(''settings.manage_institution'')))',
 false,
 'Polymorphic owner (scope, scope_id): user settings by that user; institution settings read by its members and written with settings.manage_institution'),
('platform.data_subject_request', 'user_id', NULL, NULL, NULL, NULL,
 NULL, NULL, NULL, NULL, NULL, true, NULL, NULL, true,
 'The data subject reads their requests. The app and the service have no privileges on it (requests go through fitness.export_user / forget_user); the policies are defence in depth');

-- Polymorphic references (entity_type, entity_id): each row is as visible as what it points
-- at, and is written only pointing at a target that exists, is active and is readable by the
-- actor. Favorites, ratings and activity keep their own rules on top.
UPDATE fitness.tenancy_map SET entity_type_column = 'entity_type', entity_id_column = 'entity_id',
       entity_type_filter = f.filter
  FROM (VALUES ('platform.favorite'::regclass, 'is_favoritable'),
               ('platform.rating'::regclass, 'is_rateable'),
               ('platform.activity'::regclass, NULL)) AS f (target, filter)
 WHERE fitness.tenancy_map.target = f.target;
INSERT INTO fitness.tenancy_map
    (target, read_expression, write_expression, read_only_for_app, entity_type_column, entity_id_column,
     entity_type_filter, note)
VALUES
('core.entity_tag', 'true', NULL, true, 'entity_type', 'entity_id', 'is_taggable',
 'Tags are as visible as the entity they are attached to (a private workout''s tags only to its readers). Attached by operators (the app and the service have SELECT only)'),
('platform.rating_summary', 'true', NULL, true, 'entity_type', 'entity_id', 'is_rateable',
 'An entity''s rating count and average are as visible as the entity. Kept by the server (the app and the service have SELECT only)'),
('platform.translation', 'true', 'true', false, 'entity_type', 'entity_id', 'translatable_columns <> ''{}''',
 'A translation is as visible as the entity it translates. The service writes translations of entities readable in its context (the app has SELECT only)');

-- The policies are created by register.sql, once the entity-type registry (seed/core.sql)
-- names the targets of the polymorphic references.
