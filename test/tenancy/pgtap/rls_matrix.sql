-- pgTAP: row-level security matrix of every table of fitness.tenancy_map
-- (schema/tenancy/tenancy.sql), generated from the map.
--
-- Fixture: institutions I1 and I2; users A (member of I1), B (member of I2), C1 (coach of
-- I1 with the seeded coach role: the *.read_members permissions, assigned to A), C2
-- (member_role coach in I1 but only the member role: no *.read_members, also assigned to
-- A), AD (institution admin of I1), PA (platform admin), B2 (another member of I2, not an
-- actor) and 'none' (no context). Each mapped table gets rows owned by A and by B (private
-- and, where the table has a visibility column, institution and public), institution rows
-- of I1/I2, platform rows, children under each parent, and a soft-deleted copy.
--
-- The expected outcome of each (actor, row) is computed by an oracle from the map row of
-- the table (its root table for children), the fixture's memberships and the seeded role
-- permissions: the specification, independent of the policy generator. For each table
-- and actor the suite compares, as fitness_app and as fitness_service (set_context is
-- called as superuser before SET LOCAL ROLE):
--   SELECT: which fixture rows are visible;
--   UPDATE: invisible -> 0 rows, visible and writable -> 1 row, visible only -> 42501;
--   DELETE: invisible -> kept, allowed -> deleted (soft or hard, or stopped by a foreign
--           key after the tenancy check), visible only -> 42501 (tenancy_write_guard);
--   INSERT of a copy of each row (new id): allowed or 42501.
-- INSERT and UPDATE run with session_replication_role = replica so that business-rule
-- triggers of other files cannot answer first (RLS applies regardless); DELETE runs with
-- triggers on because the guard is a trigger. Every attempt is rolled back.
BEGIN;
SELECT * FROM no_plan();

-- ---------------------------------------------------------------------------------------
-- Fixture (as superuser, triggers off: stamps and business rules are tested elsewhere)
-- ---------------------------------------------------------------------------------------
SET LOCAL session_replication_role = replica;

CREATE TEMP TABLE fx_inst (label text PRIMARY KEY, id uuid NOT NULL);
CREATE TEMP TABLE fx_actor (label text PRIMARY KEY, user_id uuid, is_actor boolean NOT NULL);
CREATE TEMP TABLE fx (
    tbl     regclass NOT NULL,
    id      uuid NOT NULL,
    label   text NOT NULL,
    owner   text,                           -- actor label owning the row
    inst    text,                           -- institution label
    vis     text,                           -- private / institution / public
    readers text[] NOT NULL DEFAULT '{}',   -- readers through the table's read_expression ('*': every user)
    writers text[] NOT NULL DEFAULT '{}',   -- writers through the table's write_expression
    is_child boolean NOT NULL DEFAULT false,
    deleted boolean NOT NULL DEFAULT false,
    target_tbl regclass,                    -- polymorphic reference: the fixture row it points at
    target_id  uuid,
    PRIMARY KEY (tbl, id),
    UNIQUE (tbl, label)
);

CREATE FUNCTION pg_temp.uid(actor text) RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT user_id FROM fx_actor WHERE label = actor $$;
CREATE FUNCTION pg_temp.iid(inst text) RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT id FROM fx_inst WHERE label = inst $$;
CREATE FUNCTION pg_temp.fid(t regclass, l text) RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT id FROM fx WHERE tbl = t AND label = l $$;

-- Registers a fixture row; children copy the attributes of their parent fixture row.
CREATE FUNCTION pg_temp.fx_add(t regclass, row_id uuid, l text, o text, i text, v text,
                               r text[] DEFAULT '{}', w text[] DEFAULT '{}') RETURNS uuid
LANGUAGE sql AS
$$ INSERT INTO fx (tbl, id, label, owner, inst, vis, readers, writers)
   VALUES (t, row_id, l, o, i, v, r, w) RETURNING id $$;
-- Records the target of a polymorphic fixture row (a fixture row of another table; a target
-- outside the fixture, such as a muscle, is a lookup every user reads).
CREATE FUNCTION pg_temp.fx_target(t regclass, row_id uuid, target regclass, target_id uuid) RETURNS uuid
LANGUAGE sql AS
$$ UPDATE fx SET target_tbl = target, target_id = fx_target.target_id WHERE tbl = t AND id = row_id RETURNING id $$;
CREATE FUNCTION pg_temp.fx_child(t regclass, row_id uuid, parent_tbl regclass, parent_id uuid) RETURNS uuid
LANGUAGE sql AS
$$ INSERT INTO fx (tbl, id, label, owner, inst, vis, readers, writers, is_child)
   SELECT t, row_id, p.label, p.owner, p.inst, p.vis, p.readers, p.writers, true
     FROM fx p WHERE p.tbl = parent_tbl AND p.id = parent_id
   RETURNING id $$;

DO $fixture$
DECLARE
    r        record;
    new_id   uuid;
    lib_ex   uuid;
    alt_ex   uuid;
    lib_wo   uuid;
    lib_pr   uuid;
    lib_me   uuid;
    i1_members CONSTANT text[] := ARRAY['A', 'C1', 'C2', 'AD'];
    i2_members CONSTANT text[] := ARRAY['B', 'B2'];
BEGIN
    INSERT INTO fx_inst VALUES ('I1', gen_random_uuid()), ('I2', gen_random_uuid());
    INSERT INTO fx_actor VALUES
        ('A', gen_random_uuid(), true), ('B', gen_random_uuid(), true), ('C1', gen_random_uuid(), true),
        ('C2', gen_random_uuid(), true), ('AD', gen_random_uuid(), true), ('PA', gen_random_uuid(), true),
        ('B2', gen_random_uuid(), false), ('none', NULL, true);

    -- users, institutions, memberships, roles, coach assignments
    FOR r IN SELECT * FROM fx_actor WHERE user_id IS NOT NULL LOOP
        INSERT INTO user_mgmt.app_user (id, display_name, email)
        VALUES (r.user_id, 'RLS ' || r.label, 'rls-' || lower(r.label) || '@example.test');
        PERFORM pg_temp.fx_add('user_mgmt.app_user', r.user_id, r.label, r.label, NULL, NULL);
    END LOOP;
    FOR r IN SELECT * FROM fx_inst LOOP
        INSERT INTO user_mgmt.institution (id, name, slug)
        VALUES (r.id, 'RLS ' || r.label, 'rls-matrix-' || lower(r.label));
        PERFORM pg_temp.fx_add('user_mgmt.institution', r.id, r.label, NULL, r.label, NULL);
    END LOOP;
    FOR r IN SELECT * FROM (VALUES ('A', 'I1', 'member'), ('C1', 'I1', 'coach'), ('C2', 'I1', 'coach'),
                                   ('AD', 'I1', 'admin'), ('B', 'I2', 'member'), ('B2', 'I2', 'coach'))
                           AS m (actor, inst, member_role) LOOP
        INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, status)
        VALUES (pg_temp.iid(r.inst), pg_temp.uid(r.actor), r.member_role, 'active') RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('user_mgmt.institution_member', new_id, r.actor || '@' || r.inst, r.actor, r.inst, NULL);
    END LOOP;
    FOR r IN SELECT * FROM (VALUES ('A', 'user', NULL), ('B', 'user', NULL), ('C1', 'user', NULL),
                                   ('C2', 'user', NULL), ('AD', 'user', NULL), ('B2', 'user', NULL),
                                   ('A', 'member', 'I1'), ('B', 'member', 'I2'), ('B2', 'member', 'I2'),
                                   ('C1', 'coach', 'I1'), ('C2', 'member', 'I1'),
                                   ('AD', 'institution_admin', 'I1'), ('PA', 'platform_admin', NULL))
                           AS g (actor, role, inst) LOOP
        INSERT INTO user_mgmt.user_role (user_id, role_id, institution_id)
        SELECT pg_temp.uid(r.actor), ro.id, pg_temp.iid(r.inst) FROM core.role ro WHERE ro.code = r.role AND ro.is_active
        RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('user_mgmt.user_role', new_id, r.actor || ':' || r.role || '@' || coalesce(r.inst, 'platform'),
                               r.actor, r.inst, NULL);
    END LOOP;
    FOR r IN SELECT * FROM (VALUES ('C1', 'A', 'I1'), ('C2', 'A', 'I1'), ('B2', 'B', 'I2')) AS a (coach, member, inst) LOOP
        INSERT INTO user_mgmt.coach_assignment (institution_id, coach_id, member_id)
        VALUES (pg_temp.iid(r.inst), pg_temp.uid(r.coach), pg_temp.uid(r.member)) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('user_mgmt.coach_assignment', new_id, r.coach || '>' || r.member, r.member, r.inst, NULL,
                               ARRAY[r.coach]);
    END LOOP;

    -- shareable content: the same nine rows in media, exercise, workout and program
    FOR r IN SELECT * FROM (VALUES
            ('A.private', 'A', NULL, 'private'), ('A.inst', 'A', 'I1', 'institution'), ('A.public', 'A', NULL, 'public'),
            ('B.private', 'B', NULL, 'private'), ('B.inst', 'B', 'I2', 'institution'), ('B.public', 'B', NULL, 'public'),
            ('I1.private', NULL, 'I1', 'private'), ('I1.inst', NULL, 'I1', 'institution'),
            ('LIB.public', NULL, NULL, 'public')) AS c (label, owner, inst, vis) LOOP
        INSERT INTO content.media (media_type_id, owner_id, institution_id, visibility, storage_key, mime_type)
        SELECT t.id, pg_temp.uid(r.owner), pg_temp.iid(r.inst), r.vis, 'rls-matrix/' || r.label, 'image/png'
          FROM content.media_type t WHERE t.code = 'image' RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('content.media', new_id, r.label, r.owner, r.inst, r.vis);
        INSERT INTO content.exercise (slug, name, owner_id, institution_id, visibility, status)
        VALUES ('rls-matrix-' || lower(replace(r.label, '.', '-')), 'RLS ' || r.label,
                pg_temp.uid(r.owner), pg_temp.iid(r.inst), r.vis, 'published') RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('content.exercise', new_id, r.label, r.owner, r.inst, r.vis);
        INSERT INTO content.workout (name, owner_id, institution_id, visibility, status)
        VALUES ('RLS ' || r.label, pg_temp.uid(r.owner), pg_temp.iid(r.inst), r.vis, 'published') RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('content.workout', new_id, r.label, r.owner, r.inst, r.vis);
        INSERT INTO content.program (name, owner_id, institution_id, visibility, status, duration_weeks, days_per_week)
        VALUES ('RLS ' || r.label, pg_temp.uid(r.owner), pg_temp.iid(r.inst), r.vis, 'published', 4, 3) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('content.program', new_id, r.label, r.owner, r.inst, r.vis);
    END LOOP;
    lib_ex := pg_temp.fid('content.exercise', 'LIB.public');
    alt_ex := pg_temp.fid('content.exercise', 'A.public');
    lib_wo := pg_temp.fid('content.workout', 'LIB.public');
    lib_pr := pg_temp.fid('content.program', 'LIB.public');
    lib_me := pg_temp.fid('content.media', 'LIB.public');

    -- their children: one per parent row (grandchildren under each child)
    FOR r IN SELECT * FROM fx WHERE tbl = 'content.media'::regclass LOOP
        INSERT INTO content.media_metadata (media_id, key, value) VALUES (r.id, 'camera', '"x"') RETURNING id INTO new_id;
        PERFORM pg_temp.fx_child('content.media_metadata', new_id, r.tbl, r.id);
    END LOOP;
    FOR r IN SELECT * FROM fx WHERE tbl = 'content.exercise'::regclass LOOP
        INSERT INTO content.exercise_muscle (exercise_id, muscle_id)
        SELECT r.id, m.id FROM core.muscle m WHERE m.code = 'chest' RETURNING id INTO new_id;
        PERFORM pg_temp.fx_child('content.exercise_muscle', new_id, r.tbl, r.id);
        INSERT INTO content.exercise_equipment (exercise_id, equipment_id)
        SELECT r.id, e.id FROM content.equipment e ORDER BY e.code LIMIT 1 RETURNING id INTO new_id;
        PERFORM pg_temp.fx_child('content.exercise_equipment', new_id, r.tbl, r.id);
        INSERT INTO content.exercise_alias (exercise_id, language_code, alias)
        VALUES (r.id, 'en', 'alias ' || r.label) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_child('content.exercise_alias', new_id, r.tbl, r.id);
        INSERT INTO content.exercise_variant (exercise_id, base_exercise_id, variant_type)
        VALUES (r.id, CASE WHEN r.id = lib_ex THEN alt_ex ELSE lib_ex END, 'alternative') RETURNING id INTO new_id;
        PERFORM pg_temp.fx_child('content.exercise_variant', new_id, r.tbl, r.id);
        INSERT INTO content.exercise_media (exercise_id, media_id) VALUES (r.id, lib_me) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_child('content.exercise_media', new_id, r.tbl, r.id);
    END LOOP;
    FOR r IN SELECT * FROM fx WHERE tbl = 'content.workout'::regclass LOOP
        INSERT INTO content.workout_set (workout_id, position, exercise_id, target_reps_min, target_reps_max)
        VALUES (r.id, 1, lib_ex, 5, 8) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_child('content.workout_set', new_id, r.tbl, r.id);
        INSERT INTO content.exercise_instruction (workout_set_id, instruction) VALUES (new_id, 'Brace') RETURNING id INTO new_id;
        PERFORM pg_temp.fx_child('content.exercise_instruction', new_id, 'content.workout_set',
                                 (SELECT workout_set_id FROM content.exercise_instruction WHERE id = new_id));
        INSERT INTO content.workout_version (workout_id, version, snapshot) VALUES (r.id, 1, '{}') RETURNING id INTO new_id;
        PERFORM pg_temp.fx_child('content.workout_version', new_id, r.tbl, r.id);
    END LOOP;
    FOR r IN SELECT * FROM fx WHERE tbl = 'content.program'::regclass LOOP
        INSERT INTO content.program_schedule (program_id, week_number, day_number) VALUES (r.id, 1, 1) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_child('content.program_schedule', new_id, r.tbl, r.id);
        INSERT INTO content.schedule_workout (program_schedule_id, workout_id) VALUES (new_id, lib_wo) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_child('content.schedule_workout', new_id, 'content.program_schedule',
                                 (SELECT program_schedule_id FROM content.schedule_workout WHERE id = new_id));
    END LOOP;

    -- per-user progress
    FOR r IN SELECT * FROM (VALUES ('A', 'I1', lib_pr, 'A@I1'), ('A', NULL, pg_temp.fid('content.program', 'A.public'), 'A'),
                                   ('B', 'I2', lib_pr, 'B@I2')) AS e (actor, inst, program_id, label) LOOP
        INSERT INTO user_mgmt.user_program_enrollment (user_id, program_id, institution_id)
        VALUES (pg_temp.uid(r.actor), r.program_id, pg_temp.iid(r.inst)) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('user_mgmt.user_program_enrollment', new_id, r.label, r.actor, r.inst, NULL);
    END LOOP;
    FOR r IN SELECT * FROM (VALUES ('A'), ('B')) AS u (actor) LOOP
        INSERT INTO user_mgmt.user_workout_session (user_id, workout_id, status, started_at, ended_at)
        VALUES (pg_temp.uid(r.actor), lib_wo, 'completed', now() - interval '1 hour', now()) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('user_mgmt.user_workout_session', new_id, r.actor, r.actor, NULL, NULL);
        INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, weight_kg)
        VALUES (new_id, pg_temp.uid(r.actor), lib_ex, 1, 5, 100) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('user_mgmt.user_set_log', new_id, r.actor, r.actor, NULL, NULL);
        INSERT INTO user_mgmt.user_measurement (user_id, metric, value)
        VALUES (pg_temp.uid(r.actor), 'body_weight_kg', 80) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('user_mgmt.user_measurement', new_id, r.actor, r.actor, NULL, NULL);
        -- coaches holding goal.manage_members (C1 for A, AD for every I1 member) write A's goals
        INSERT INTO content.user_goal (user_id, title) VALUES (pg_temp.uid(r.actor), 'Lose weight') RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('content.user_goal', new_id, r.actor, r.actor, NULL, NULL, '{}',
                               CASE r.actor WHEN 'A' THEN ARRAY['C1', 'AD'] ELSE '{}' END);
        INSERT INTO content.goal_metric (user_goal_id, metric, unit, direction, baseline_value, target_value)
        VALUES (new_id, 'body_weight_kg', 'kg', 'decrease', 80, 70) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_child('content.goal_metric', new_id, 'content.user_goal',
                                 (SELECT user_goal_id FROM content.goal_metric WHERE id = new_id));
        INSERT INTO content.goal_metric_entry (goal_metric_id, value) VALUES (new_id, 79) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_child('content.goal_metric_entry', new_id, 'content.goal_metric',
                                 (SELECT goal_metric_id FROM content.goal_metric_entry WHERE id = new_id));
        INSERT INTO platform.favorite (user_id, entity_type, entity_id) VALUES (pg_temp.uid(r.actor), 'workout', lib_wo)
        RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('platform.favorite', new_id, r.actor, r.actor, NULL, NULL);
        PERFORM pg_temp.fx_target('platform.favorite', new_id, 'content.workout', lib_wo);
        INSERT INTO platform.favorite_collection (user_id, name) VALUES (pg_temp.uid(r.actor), 'Mine') RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('platform.favorite_collection', new_id, r.actor, r.actor, NULL, NULL);
        INSERT INTO platform.favorite_collection (user_id, name, is_public) VALUES (pg_temp.uid(r.actor), 'Shared', true)
        RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('platform.favorite_collection', new_id, r.actor || '.public', r.actor, NULL, NULL, '{*}');
        INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
        SELECT pg_temp.uid(r.actor), 'workout', lib_wo, 4, s.id FROM platform.rating_status s WHERE s.code = 'published'
        RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('platform.rating', new_id, r.actor || '.published', r.actor, NULL, NULL, '{*}');
        PERFORM pg_temp.fx_target('platform.rating', new_id, 'content.workout', lib_wo);
        INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
        SELECT pg_temp.uid(r.actor), 'exercise', lib_ex, 2, s.id FROM platform.rating_status s WHERE s.code = 'pending'
        RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('platform.rating', new_id, r.actor || '.pending', r.actor, NULL, NULL);
        PERFORM pg_temp.fx_target('platform.rating', new_id, 'content.exercise', lib_ex);
        INSERT INTO platform.notification (user_id, notification_type_id, channel, title)
        SELECT pg_temp.uid(r.actor), t.id, 'in_app', 'Train today' FROM platform.notification_type t
         WHERE t.code = 'workout_reminder' RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('platform.notification', new_id, r.actor, r.actor, NULL, NULL);
        INSERT INTO platform.notification_preference (user_id, notification_type_id, channel, enabled)
        SELECT pg_temp.uid(r.actor), t.id, 'email', false FROM platform.notification_type t
         WHERE t.code = 'workout_reminder' RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('platform.notification_preference', new_id, r.actor, r.actor, NULL, NULL);
        INSERT INTO platform.setting (scope, scope_id, key, value)
        VALUES ('user', pg_temp.uid(r.actor), 'units_default', '"imperial"') RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('platform.setting', new_id, r.actor, NULL, NULL, NULL, ARRAY[r.actor], ARRAY[r.actor]);
        INSERT INTO platform.data_subject_request (user_id, kind) VALUES (pg_temp.uid(r.actor), 'export') RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('platform.data_subject_request', new_id, r.actor, r.actor, NULL, NULL);
    END LOOP;
    -- institution settings: read by members, written with settings.manage_institution (AD)
    INSERT INTO platform.setting (scope, scope_id, key, value)
    VALUES ('institution', pg_temp.iid('I1'), 'timezone_default', '"Europe/Berlin"') RETURNING id INTO new_id;
    PERFORM pg_temp.fx_add('platform.setting', new_id, 'I1', NULL, 'I1', NULL, i1_members, ARRAY['AD']);
    INSERT INTO platform.setting (scope, scope_id, key, value)
    VALUES ('institution', pg_temp.iid('I2'), 'timezone_default', '"Europe/Paris"') RETURNING id INTO new_id;
    PERFORM pg_temp.fx_add('platform.setting', new_id, 'I2', NULL, 'I2', NULL, i2_members);

    -- activity feed: institution visibility reaches the members of the author's institutions
    FOR r IN SELECT * FROM (VALUES ('A', 'private', '{}'::text[]), ('A', 'institution', i1_members), ('A', 'public', '{*}'),
                                   ('B', 'private', '{}'), ('B', 'institution', i2_members), ('B', 'public', '{*}'))
                           AS a (actor, vis, readers) LOOP
        INSERT INTO platform.activity (user_id, activity_type_id, visibility)
        SELECT pg_temp.uid(r.actor), t.id, r.vis FROM platform.activity_type t WHERE t.code = 'session_completed'
        RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('platform.activity', new_id, r.actor || '.' || r.vis, r.actor, NULL, r.vis, r.readers);
    END LOOP;

    -- polymorphic references: as visible as their targets, written only pointing at a
    -- readable one (A's private workout: A, her coach C1, admin AD; B's institution workout:
    -- I2's members)
    FOR r IN SELECT * FROM (VALUES ('A', 'A.private'), ('B', 'A.private')) AS f (actor, target) LOOP
        INSERT INTO platform.favorite (user_id, entity_type, entity_id)
        VALUES (pg_temp.uid(r.actor), 'workout', pg_temp.fid('content.workout', r.target)) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('platform.favorite', new_id, r.actor || '>' || r.target, r.actor, NULL, NULL);
        PERFORM pg_temp.fx_target('platform.favorite', new_id, 'content.workout', pg_temp.fid('content.workout', r.target));
    END LOOP;
    INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
    SELECT pg_temp.uid('A'), 'workout', pg_temp.fid('content.workout', 'B.inst'), 5, s.id
      FROM platform.rating_status s WHERE s.code = 'published' RETURNING id INTO new_id;
    PERFORM pg_temp.fx_add('platform.rating', new_id, 'A.published>B.inst', 'A', NULL, NULL, '{*}');
    PERFORM pg_temp.fx_target('platform.rating', new_id, 'content.workout', pg_temp.fid('content.workout', 'B.inst'));
    FOR r IN SELECT * FROM (VALUES ('workout', 'content.workout'::regclass, 'A.private'), ('workout', 'content.workout', 'LIB.public'),
                                   ('workout', 'content.workout', 'B.inst'), ('program', 'content.program', 'I1.inst'))
                           AS t (entity_type, tbl, target) LOOP
        INSERT INTO core.entity_tag (entity_type, entity_id, tag_id)
        SELECT r.entity_type, pg_temp.fid(r.tbl, r.target), g.id FROM core.tag g ORDER BY g.code LIMIT 1 RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('core.entity_tag', new_id, r.entity_type || ':' || r.target, NULL, NULL, NULL, '{*}');
        PERFORM pg_temp.fx_target('core.entity_tag', new_id, r.tbl, pg_temp.fid(r.tbl, r.target));
        INSERT INTO platform.rating_summary (entity_type, entity_id, rating_count, score_sum)
        VALUES (r.entity_type, pg_temp.fid(r.tbl, r.target), 2, 7) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('platform.rating_summary', new_id, r.entity_type || ':' || r.target, NULL, NULL, NULL, '{*}');
        PERFORM pg_temp.fx_target('platform.rating_summary', new_id, r.tbl, pg_temp.fid(r.tbl, r.target));
        INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
        VALUES (r.entity_type, pg_temp.fid(r.tbl, r.target), 'name', 'de', 'Übersetzt ' || r.target) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('platform.translation', new_id, r.entity_type || ':' || r.target, NULL, NULL, NULL, '{*}', '{*}');
        PERFORM pg_temp.fx_target('platform.translation', new_id, r.tbl, pg_temp.fid(r.tbl, r.target));
    END LOOP;
    INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
    SELECT 'muscle', m.id, 'name', 'de', 'Brust' FROM core.muscle m WHERE m.code = 'chest' RETURNING id INTO new_id;
    PERFORM pg_temp.fx_add('platform.translation', new_id, 'muscle:chest', NULL, NULL, NULL, '{*}', '{*}');
    PERFORM pg_temp.fx_target('platform.translation', new_id, 'core.muscle',
                              (SELECT m.id FROM core.muscle m WHERE m.code = 'chest'));
    INSERT INTO platform.activity (user_id, activity_type_id, visibility, entity_type, entity_id)
    SELECT pg_temp.uid('A'), t.id, 'public', 'workout', pg_temp.fid('content.workout', 'A.private')
      FROM platform.activity_type t WHERE t.code = 'session_completed' RETURNING id INTO new_id;
    PERFORM pg_temp.fx_add('platform.activity', new_id, 'A.public>A.private', 'A', NULL, 'public', '{*}');
    PERFORM pg_temp.fx_target('platform.activity', new_id, 'content.workout', pg_temp.fid('content.workout', 'A.private'));

    -- billing: platform plan and public plans readable by all; hidden plans by billing.read (AD)
    FOR r IN SELECT * FROM (VALUES ('LIB.public', NULL, true, '{*}'::text[]), ('I1.public', 'I1', true, '{*}'),
                                   ('I1.hidden', 'I1', false, '{}'), ('I2.hidden', 'I2', false, '{}'))
                           AS p (label, inst, is_public, readers) LOOP
        INSERT INTO user_mgmt.billing_plan (institution_id, code, name, amount, currency, is_public)
        VALUES (pg_temp.iid(r.inst), 'rls_' || lower(replace(r.label, '.', '_')), 'RLS ' || r.label, 10, 'EUR', r.is_public)
        RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('user_mgmt.billing_plan', new_id, r.label, NULL, r.inst, NULL, r.readers);
    END LOOP;
    FOR r IN SELECT * FROM (VALUES ('A', 'A', NULL, 'I1.public', '{AD}'::text[]), ('B', 'B', NULL, 'LIB.public', '{}'),
                                   ('I1', NULL, 'I1', 'LIB.public', '{}'), ('I2', NULL, 'I2', 'LIB.public', '{}'))
                           AS s (label, actor, inst, plan, readers) LOOP
        INSERT INTO user_mgmt.subscription (user_id, institution_id, billing_plan_id)
        VALUES (pg_temp.uid(r.actor), pg_temp.iid(r.inst), pg_temp.fid('user_mgmt.billing_plan', r.plan)) RETURNING id INTO new_id;
        PERFORM pg_temp.fx_add('user_mgmt.subscription', new_id, r.label, r.actor, r.inst, NULL, r.readers);
        INSERT INTO user_mgmt.payment (subscription_id, user_id, institution_id, amount, currency)
        VALUES (new_id, pg_temp.uid(r.actor), pg_temp.iid(r.inst), 10, 'EUR') RETURNING id INTO new_id;
        PERFORM pg_temp.fx_child('user_mgmt.payment', new_id, 'user_mgmt.subscription',
                                 (SELECT subscription_id FROM user_mgmt.payment WHERE id = new_id));
    END LOOP;
END
$fixture$;

-- The columns an INSERT may write (not generated ones such as rating_summary.average).
CREATE FUNCTION pg_temp.stored_columns(t regclass) RETURNS text LANGUAGE sql STABLE AS
$$ SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
    WHERE a.attrelid = t AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' $$;

-- A soft-deleted copy of one row of every mapped table that has is_active: invisible to all.
DO $deleted$
DECLARE
    f   record;
    row jsonb;
    nid uuid;
BEGIN
    FOR f IN
        SELECT DISTINCT ON (x.tbl) x.*
          FROM fx x
          JOIN pg_attribute a ON a.attrelid = x.tbl AND a.attname = 'is_active' AND NOT a.attisdropped
         ORDER BY x.tbl, x.owner = 'A' DESC NULLS LAST, x.label
    LOOP
        nid := gen_random_uuid();
        EXECUTE format('SELECT to_jsonb(t) FROM %s AS t WHERE t.id = $1', f.tbl) INTO row USING f.id;
        EXECUTE format('INSERT INTO %s (%s) SELECT %2$s FROM jsonb_populate_record(NULL::%1$s, $1)',
                       f.tbl, pg_temp.stored_columns(f.tbl))
          USING row || jsonb_build_object('id', nid, 'is_active', false, 'deleted_at', now());
        INSERT INTO fx (tbl, id, label, owner, inst, vis, readers, writers, is_child, deleted, target_tbl, target_id)
        VALUES (f.tbl, nid, f.label || '.deleted', f.owner, f.inst, f.vis, f.readers, f.writers, f.is_child, true,
                f.target_tbl, f.target_id);
    END LOOP;
END
$deleted$;

SET LOCAL session_replication_role = origin;

-- ---------------------------------------------------------------------------------------
-- The oracle: the specification in terms of the map, memberships and seeded permissions
-- ---------------------------------------------------------------------------------------
CREATE FUNCTION pg_temp.rank_of(member_role text) RETURNS integer LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE member_role WHEN 'member' THEN 1 WHEN 'coach' THEN 2 WHEN 'admin' THEN 3 WHEN 'owner' THEN 4 ELSE 0 END $$;
CREATE FUNCTION pg_temp.rank_in(actor text, inst text) RETURNS integer LANGUAGE sql STABLE AS
$$ SELECT coalesce(max(pg_temp.rank_of(m.member_role)), 0) FROM user_mgmt.institution_member m
    WHERE m.user_id = pg_temp.uid(actor) AND m.institution_id = pg_temp.iid(inst) AND m.is_active AND m.status = 'active' $$;
-- Institution-scope permission through an active role grant in that institution.
CREATE FUNCTION pg_temp.holds(actor text, perm text, inst text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT perm IS NOT NULL AND EXISTS (
       SELECT 1 FROM user_mgmt.user_role ur
         JOIN core.role_permission rp ON rp.role_id = ur.role_id AND rp.is_active
         JOIN core.permission p ON p.id = rp.permission_id AND p.is_active
        WHERE ur.user_id = pg_temp.uid(actor) AND ur.institution_id = pg_temp.iid(inst) AND ur.is_active
          AND p.code = perm) $$;
-- Coaches read the members assigned to them, admins and owners every member.
CREATE FUNCTION pg_temp.reads_member(actor text, perm text, owner text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT EXISTS (
       SELECT 1 FROM fx_inst k
        WHERE pg_temp.holds(actor, perm, k.label) AND pg_temp.rank_in(owner, k.label) >= 1
          AND (pg_temp.rank_in(actor, k.label) >= 3
               OR EXISTS (SELECT 1 FROM user_mgmt.coach_assignment a
                           WHERE a.coach_id = pg_temp.uid(actor) AND a.member_id = pg_temp.uid(owner)
                             AND a.institution_id = k.id AND a.is_active))) $$;
-- The map row that decides: children follow their parent up to the root.
CREATE FUNCTION pg_temp.root_map(t regclass) RETURNS fitness.tenancy_map LANGUAGE sql STABLE AS
$$ WITH RECURSIVE up AS (
       SELECT m.*, 0 AS depth FROM fitness.tenancy_map m WHERE m.target = t
       UNION ALL
       SELECT m.*, up.depth + 1 FROM fitness.tenancy_map m JOIN up ON m.target = up.parent_table)
   SELECT (u.target, u.owner_column, u.institution_column, u.visibility_column, u.parent_column, u.parent_table,
           u.read_members_permission, u.manage_permission, u.delete_permission, u.institution_read_role,
           u.institution_read_permission, u.owner_can_write, u.read_expression, u.write_expression,
           u.read_only_for_app, u.note, u.entity_type_column, u.entity_id_column,
           u.entity_type_filter)::fitness.tenancy_map
     FROM up u ORDER BY u.depth DESC LIMIT 1 $$;

-- A polymorphic reference's target is readable (a target outside the fixture is a lookup).
CREATE FUNCTION pg_temp.sees_target(actor text, f fx) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN f.target_tbl IS NULL OR coalesce((SELECT pg_temp.sees(actor, t) FROM fx t
                                              WHERE t.tbl = f.target_tbl AND t.id = f.target_id), actor <> 'none');
END $$;

CREATE FUNCTION pg_temp.sees(actor text, f fx) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
    m fitness.tenancy_map := pg_temp.root_map(f.tbl);
BEGIN
    IF actor = 'none' OR f.deleted THEN RETURN false; END IF;
    IF NOT pg_temp.sees_target(actor, f) THEN RETURN false; END IF;
    IF actor = 'PA' THEN RETURN true; END IF;
    RETURN coalesce(
           (m.owner_column IS NOT NULL AND f.owner = actor)
        OR actor = ANY (f.readers) OR '*' = ANY (f.readers)
        OR (m.visibility_column IS NOT NULL AND f.vis = 'public')
        OR (m.visibility_column IS NOT NULL AND m.institution_column IS NOT NULL AND f.vis = 'institution'
            AND pg_temp.rank_in(actor, f.inst) >= 1)
        OR (m.institution_read_role IS NOT NULL AND pg_temp.rank_in(actor, f.inst) >= pg_temp.rank_of(m.institution_read_role))
        OR pg_temp.holds(actor, m.institution_read_permission, f.inst)
        OR pg_temp.holds(actor, m.manage_permission, f.inst)
        OR pg_temp.holds(actor, m.delete_permission, f.inst)
        OR (m.read_members_permission IS NOT NULL AND f.owner IS NOT NULL
            AND pg_temp.reads_member(actor, m.read_members_permission, f.owner)), false);
END $$;

-- kind 'write': may insert or update the row as it is; 'delete': may delete it. A child is
-- written and deleted by whoever may write its parent.
CREATE FUNCTION pg_temp.writes(actor text, f fx, kind text) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
    m fitness.tenancy_map := pg_temp.root_map(f.tbl);
BEGIN
    IF f.is_child THEN kind := 'write'; END IF;
    IF actor = 'none' THEN RETURN false; END IF;
    IF kind = 'write' AND NOT pg_temp.sees_target(actor, f) THEN RETURN false; END IF;
    IF actor = 'PA' THEN RETURN true; END IF;
    RETURN coalesce(
           (m.owner_can_write AND m.owner_column IS NOT NULL AND f.owner = actor
            AND (kind = 'delete' OR m.institution_column IS NULL OR f.inst IS NULL OR pg_temp.rank_in(actor, f.inst) >= 1))
        OR pg_temp.holds(actor, coalesce(CASE WHEN kind = 'delete' THEN m.delete_permission END, m.manage_permission), f.inst)
        OR actor = ANY (f.writers) OR '*' = ANY (f.writers), false);
END $$;

-- ---------------------------------------------------------------------------------------
-- Acting: context first (as superuser), then the database role
-- ---------------------------------------------------------------------------------------
CREATE FUNCTION pg_temp.act_as(actor text, dbrole text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF actor = 'none' THEN
        PERFORM fitness.clear_context();
    ELSE
        PERFORM fitness.set_context(pg_temp.uid(actor));
    END IF;
    EXECUTE format('SET LOCAL ROLE %I', dbrole);
END $$;

-- Labels of the fixture rows of t that actor sees as dbrole.
CREATE FUNCTION pg_temp.visible(actor text, dbrole text, t regclass) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
    ids  uuid[] := ARRAY(SELECT id FROM fx WHERE tbl = t);
    seen uuid[];
BEGIN
    PERFORM pg_temp.act_as(actor, dbrole);
    EXECUTE format('SELECT array_agg(id) FROM %s WHERE id = ANY ($1)', t) INTO seen USING ids;
    RESET ROLE;
    PERFORM fitness.clear_context();
    RETURN ARRAY(SELECT label FROM fx WHERE tbl = t AND id = ANY (coalesce(seen, '{}')) ORDER BY label);
END $$;

-- Runs one statement as actor/dbrole and rolls it back. Returns 'rows:N', or the SQLSTATE
-- of the error; with check_sql (run as superuser afterwards, inside the rollback) its
-- result is appended.
CREATE FUNCTION pg_temp.attempt(actor text, dbrole text, stmt text, arg jsonb, replica boolean,
                                check_sql text DEFAULT NULL) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    n      bigint;
    after  text;
BEGIN
    BEGIN
        EXECUTE format('SET LOCAL session_replication_role = %s', CASE WHEN replica THEN 'replica' ELSE 'origin' END);
        PERFORM pg_temp.act_as(actor, dbrole);
        EXECUTE stmt USING arg;
        GET DIAGNOSTICS n = ROW_COUNT;
        RESET ROLE;
        IF check_sql IS NOT NULL THEN
            EXECUTE check_sql INTO after USING arg;
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'ZX000', MESSAGE = 'rows:' || n || coalesce(' ' || after, '');
    EXCEPTION WHEN OTHERS THEN
        IF SQLSTATE = 'ZX000' THEN
            RETURN SQLERRM;
        END IF;
        RETURN SQLSTATE;
    END;
END $$;

-- The role that holds the table privilege for op, preferring fitness_app.
CREATE FUNCTION pg_temp.role_for(t regclass, op text) RETURNS text LANGUAGE sql STABLE AS
$$ SELECT r FROM unnest(ARRAY['fitness_app', 'fitness_service']) WITH ORDINALITY AS x (r, o)
    WHERE has_table_privilege(r, t, op) ORDER BY o LIMIT 1 $$;

-- ---------------------------------------------------------------------------------------
-- Structure
-- ---------------------------------------------------------------------------------------
SELECT ok(count(*) >= 30, 'fitness.tenancy_map lists the user- and institution-owned tables')
FROM fitness.tenancy_map;

SELECT is(ARRAY(
    SELECT c.oid::regclass::text FROM pg_class c
     WHERE c.relnamespace IN ('user_mgmt'::regnamespace, 'content'::regnamespace, 'platform'::regnamespace)
       AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND c.oid NOT IN ('platform.audit_log'::regclass, 'platform.system_event'::regclass)
       AND c.oid NOT IN (SELECT target FROM fitness.tenancy_map)
       AND EXISTS (SELECT 1 FROM pg_constraint k
                    WHERE k.conrelid = c.oid AND k.contype = 'f'
                      AND (k.confrelid IN ('user_mgmt.app_user'::regclass, 'user_mgmt.institution'::regclass)
                           OR (k.confdeltype = 'c' AND k.confrelid IN (SELECT target FROM fitness.tenancy_map))))
     ORDER BY 1), '{}'::text[],
    'every table referencing a user or an institution, and every composition child of a mapped table, is in the map');

SELECT is(ARRAY(
    SELECT m.target::text FROM fitness.tenancy_map m JOIN pg_class c ON c.oid = m.target
     WHERE NOT (c.relrowsecurity AND c.relforcerowsecurity) ORDER BY 1), '{}'::text[],
    'every mapped table has row-level security enabled and forced');

SELECT is(ARRAY(
    SELECT m.target::text || ' ' || w.polname FROM fitness.tenancy_map m
     CROSS JOIN unnest(ARRAY['tenancy_select', 'tenancy_insert', 'tenancy_update', 'tenancy_delete', 'tenancy_admin']) AS w (polname)
     WHERE (NOT m.read_only_for_app OR w.polname IN ('tenancy_select', 'tenancy_admin'))
       AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = m.target AND p.polname = w.polname)
     ORDER BY 1), '{}'::text[],
    'every mapped table has its tenancy policies (read-only ones: select and admin only)');

SELECT is(ARRAY(
    SELECT m.target::text FROM fitness.tenancy_map m
     WHERE NOT m.read_only_for_app
       AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = m.target AND g.tgname = 'tenancy_write_guard'
                          AND g.tgenabled = 'O')
     ORDER BY 1), '{}'::text[],
    'every writable mapped table has the tenancy_write_guard delete trigger');

-- Index-friendly shape (schema/tenancy/tenancy.sql): the acting user's id is an InitPlan, and no
-- branch is an opaque per-row boolean helper (it would forbid index use for the whole OR).
SELECT is(ARRAY(
    SELECT p.polrelid::regclass::text || ' ' || p.polname FROM pg_policy p
     WHERE p.polname LIKE 'tenancy\_%'
       AND coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
           ~ 'SELECT fitness\.is_platform_admin\(\) AS is_platform_admin\)( OR|\))|fitness\.(can_read|can_write|has_permission|has_role|is_member)\('
     ORDER BY 1), '{}'::text[],
    'no policy has an opaque per-row boolean helper branch');
SELECT is(ARRAY(
    SELECT p.polrelid::regclass::text || ' ' || p.polname FROM pg_policy p
     WHERE p.polname LIKE 'tenancy\_%' AND p.polname <> 'tenancy_admin'
       AND coalesce(pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
           !~ '^\(*is_active AND \(\( SELECT fitness\.current_user_id\(\) AS current_user_id\) IS NOT NULL\)'
       AND coalesce(pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
           !~ '^\(*\( SELECT fitness\.current_user_id\(\) AS current_user_id\) IS NOT NULL'
     ORDER BY 1), '{}'::text[],
    'every policy starts with the context test (an InitPlan): without a context nothing passes');

SELECT is(ARRAY(
    SELECT p.polrelid::regclass::text || ' ' || p.polname FROM pg_policy p
     WHERE p.polname LIKE 'tenancy\_%'
       AND coalesce(pg_get_expr(p.polqual, p.polrelid), '') || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
           ~ 'current_setting|request\.jwt'
     ORDER BY 1), '{}'::text[],
    'no policy reads a user-settable parameter');

SELECT is(fitness.apply_tenancy('content.workout'), 1, 'apply_tenancy(one table) redoes that table');
SELECT is((SELECT count(*)::integer FROM pg_policy WHERE polrelid = 'content.workout'::regclass), 5,
          'applying twice leaves one set of policies');
SELECT throws_ok($$SELECT fitness.apply_tenancy('content.equipment')$$, '42704', NULL,
                 'apply_tenancy refuses a table that is not in the map');
SELECT ok(NOT EXISTS (SELECT 1 FROM fitness.tenancy_map WHERE target IN
          ('content.equipment'::regclass, 'content.goal'::regclass, 'platform.language'::regclass,
           'platform.audit_log'::regclass)),
          'lookup tables and logs are not in the map');
SELECT ok(NOT has_table_privilege('fitness_app', 'fitness.tenancy_map', 'SELECT')
          AND NOT has_function_privilege('fitness_app', 'fitness.apply_tenancy(regclass)', 'EXECUTE'),
          'fitness_app can neither read the map nor apply it');

-- Logs stay out of the application's reach.
SELECT ok(NOT has_table_privilege('fitness_app', 'platform.audit_log', 'SELECT'), 'fitness_app has no SELECT on platform.audit_log');
SELECT is(pg_temp.attempt('A', 'fitness_app', 'SELECT count(*) FROM platform.audit_log', NULL, false), '42501',
          'fitness_app reading platform.audit_log: permission denied');
SELECT is(pg_temp.attempt('A', 'fitness_app', 'SELECT count(*) FROM platform.activity_p0', NULL, false), '42501',
          'fitness_app cannot bypass the policies of platform.activity through a partition');

-- Policies are exercised on tables the group roles have no privilege on (defence in depth):
-- grant SELECT for this transaction only.
DO $grant$
DECLARE
    t regclass;
BEGIN
    FOR t IN SELECT m.target FROM fitness.tenancy_map m WHERE NOT has_table_privilege('fitness_app', m.target, 'SELECT') LOOP
        EXECUTE format('GRANT SELECT ON %s TO fitness_app, fitness_service', t);
    END LOOP;
END
$grant$;

-- ---------------------------------------------------------------------------------------
-- The matrix
-- ---------------------------------------------------------------------------------------
CREATE FUNCTION pg_temp.matrix() RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    m       fitness.tenancy_map;
    actor   text;
    dbrole  text;
    f       fx;
    got     text[];
    want    text[];
    res     text;
    row     jsonb;
    has_active boolean;
    check_sql  text;
BEGIN
    FOR m IN SELECT * FROM fitness.tenancy_map ORDER BY target::text LOOP
        IF NOT EXISTS (SELECT 1 FROM fx WHERE tbl = m.target) THEN
            RETURN NEXT fail(format('%s: the fixture has rows', m.target));
            CONTINUE;
        END IF;
        has_active := EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = m.target AND a.attname = 'is_active'
                                 AND NOT a.attisdropped);
        FOR actor IN SELECT label FROM fx_actor WHERE is_actor ORDER BY label LOOP
            -- SELECT, as both group roles
            want := ARRAY(SELECT x.label FROM fx x WHERE x.tbl = m.target AND pg_temp.sees(actor, x) ORDER BY x.label);
            FOREACH dbrole IN ARRAY ARRAY['fitness_app', 'fitness_service'] LOOP
                got := pg_temp.visible(actor, dbrole, m.target);
                RETURN NEXT is(got, want, format('%s: %s as %s sees %s', m.target, actor, dbrole, want));
            END LOOP;

            CONTINUE WHEN m.read_only_for_app;

            -- UPDATE of every fixture row (a no-op update: RLS decides)
            dbrole := pg_temp.role_for(m.target, 'UPDATE');
            IF dbrole IS NOT NULL THEN
                got := '{}'; want := '{}';
                FOR f IN SELECT * FROM fx WHERE tbl = m.target ORDER BY label LOOP
                    res := pg_temp.attempt(actor, dbrole, format('UPDATE %s SET id = id WHERE id = ($1 ->> ''id'')::uuid', m.target),
                                           jsonb_build_object('id', f.id), true);
                    got := got || (f.label || '=' || res);
                    -- a row one sees but may not write is left alone, like one not seen
                    want := want || (f.label || '=' || CASE WHEN pg_temp.sees(actor, f) AND pg_temp.writes(actor, f, 'write')
                                                            THEN 'rows:1' ELSE 'rows:0' END);
                END LOOP;
                RETURN NEXT is(got, want, format('%s: %s as %s updates', m.target, actor, dbrole));
            END IF;

            -- DELETE of every fixture row, triggers on. 'deleted': the row is gone or soft-deleted
            -- (or a foreign key kept it after the tenancy checks passed); 'kept': untouched.
            dbrole := pg_temp.role_for(m.target, 'DELETE');
            IF dbrole IS NOT NULL THEN
                check_sql := format('SELECT CASE WHEN EXISTS (SELECT 1 FROM %s WHERE id = ($1 ->> ''id'')::uuid%s) THEN ''kept'' ELSE ''deleted'' END',
                                    m.target, CASE WHEN has_active THEN ' AND is_active = ($1 ->> ''active'')::boolean' ELSE '' END);
                got := '{}'; want := '{}';
                FOR f IN SELECT * FROM fx WHERE tbl = m.target ORDER BY label LOOP
                    res := pg_temp.attempt(actor, dbrole, format('DELETE FROM %s WHERE id = ($1 ->> ''id'')::uuid', m.target),
                                           jsonb_build_object('id', f.id, 'active', NOT f.deleted), false, check_sql);
                    res := CASE WHEN res = '23503' OR res ~ '^rows:[0-9]+ deleted$' THEN 'deleted'
                                WHEN res ~ '^rows:0 kept$' THEN 'kept'
                                ELSE res END;
                    got := got || (f.label || '=' || res);
                    want := want || (f.label || '=' || CASE WHEN f.deleted OR NOT pg_temp.sees(actor, f) THEN 'kept'
                                                            WHEN pg_temp.writes(actor, f, 'delete') THEN 'deleted'
                                                            ELSE '42501' END);
                END LOOP;
                RETURN NEXT is(got, want, format('%s: %s as %s deletes', m.target, actor, dbrole));
            END IF;

            -- INSERT of a copy of every active fixture row (new id). A unique violation means
            -- the policy let it through.
            dbrole := pg_temp.role_for(m.target, 'INSERT');
            IF dbrole IS NOT NULL THEN
                got := '{}'; want := '{}';
                FOR f IN SELECT * FROM fx WHERE tbl = m.target AND NOT deleted ORDER BY label LOOP
                    EXECUTE format('SELECT to_jsonb(t) FROM %s AS t WHERE t.id = $1', m.target) INTO row USING f.id;
                    -- Where the id itself is the owner or the institution, the copy is a new one.
                    IF m.owner_column = 'id' THEN f.owner := NULL; END IF;
                    IF m.institution_column = 'id' THEN f.inst := NULL; END IF;
                    res := pg_temp.attempt(actor, dbrole,
                               format('INSERT INTO %s (%s) SELECT %2$s FROM jsonb_populate_record(NULL::%1$s, $1)',
                                      m.target, pg_temp.stored_columns(m.target)),
                               row || jsonb_build_object('id', gen_random_uuid()), true);
                    res := CASE WHEN res IN ('rows:1', '23505') THEN 'ok' ELSE res END;
                    got := got || (f.label || '=' || res);
                    want := want || (f.label || '=' || CASE WHEN pg_temp.writes(actor, f, 'write') THEN 'ok' ELSE '42501' END);
                END LOOP;
                RETURN NEXT is(got, want, format('%s: %s as %s inserts copies', m.target, actor, dbrole));
            END IF;
        END LOOP;

        IF m.read_only_for_app THEN
            -- No write policies: even the owner cannot change a row through DML.
            f := (SELECT x FROM fx x WHERE x.tbl = m.target AND x.owner = 'A' AND NOT x.deleted ORDER BY x.label LIMIT 1);
            IF f.id IS NOT NULL THEN
                RETURN NEXT ok(pg_temp.attempt('A', 'fitness_app', format('UPDATE %s SET id = id WHERE id = ($1 ->> ''id'')::uuid', m.target),
                                               jsonb_build_object('id', f.id), true) IN ('42501', 'rows:0'),
                               format('%s is read-only for fitness_app: the owner''s update is refused', m.target));
                RETURN NEXT ok(pg_temp.attempt('A', 'fitness_service', format('DELETE FROM %s WHERE id = ($1 ->> ''id'')::uuid', m.target),
                                               jsonb_build_object('id', f.id), false) IN ('42501', 'rows:0'),
                               format('%s is read-only for fitness_service: the owner''s delete is refused', m.target));
            END IF;
        END IF;
    END LOOP;
END $$;

SELECT * FROM pg_temp.matrix();

-- Spelled out once (also covered by the matrix): the other tenant's row.
SELECT is(pg_temp.attempt('A', 'fitness_app', 'UPDATE content.workout SET name = ''x'' WHERE id = ($1 ->> ''id'')::uuid',
                          jsonb_build_object('id', pg_temp.fid('content.workout', 'B.private')), false),
          'rows:0', 'A updating B''s private workout changes nothing (the row is invisible)');
SELECT is(pg_temp.attempt('A', 'fitness_app', 'UPDATE content.workout SET name = ''x'' WHERE id = ($1 ->> ''id'')::uuid',
                          jsonb_build_object('id', pg_temp.fid('content.workout', 'B.public')), false),
          'rows:0', 'A updating B''s public workout changes nothing (visible, not writable)');
SELECT is(pg_temp.attempt('A', 'fitness_app', 'UPDATE content.workout SET owner_id = ($1 ->> ''owner'')::uuid WHERE id = ($1 ->> ''id'')::uuid',
                          jsonb_build_object('id', pg_temp.fid('content.workout', 'B.public'),
                                             'owner', pg_temp.uid('A')), false),
          'rows:0', 'A cannot take B''s public workout over by making itself the owner');
SELECT is(pg_temp.attempt('A', 'fitness_app', 'DELETE FROM content.workout WHERE id = ($1 ->> ''id'')::uuid',
                          jsonb_build_object('id', pg_temp.fid('content.workout', 'B.public')), false),
          '42501', 'A deleting B''s public workout: 42501');
SELECT is(pg_temp.attempt('A', 'fitness_app',
                          'INSERT INTO content.workout (name, owner_id, visibility) VALUES (''mine?'', ($1 ->> ''owner'')::uuid, ''private'')',
                          jsonb_build_object('owner', pg_temp.uid('B')), false),
          '42501', 'A inserting a workout owned by B: 42501');
SELECT is(pg_temp.attempt('A', 'fitness_app',
                          'INSERT INTO content.workout (name, owner_id, institution_id, visibility) VALUES (''x'', ($1 ->> ''owner'')::uuid, ($1 ->> ''inst'')::uuid, ''institution'')',
                          jsonb_build_object('owner', pg_temp.uid('A'), 'inst', pg_temp.iid('I2')), true),
          '42501', 'A cannot put own content into an institution they do not belong to');
SELECT is(pg_temp.attempt('none', 'fitness_app', 'SELECT count(*) FROM content.workout', NULL, false),
          'rows:1', 'without a context a query runs');
SELECT is(pg_temp.visible('none', 'fitness_app', 'content.workout'), '{}'::text[],
          'without a context nothing is visible, not even public rows');

SELECT * FROM finish();
ROLLBACK;
