-- fitness extension install script, generated from schema/*.sql by make. Do not edit the
-- generated fitness--1.0.sql; edit the sources in schema/.

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
-- ============================================================================================
-- core: lookups, status machines, RBAC, anatomy, tags, categories, entity-type registry.
--
-- Conventions (schema/README.md): every table starts with id (uuid v7) and ends with the
-- audit and soft-delete columns; natural keys are unique among active rows only, except the
-- keys a foreign key points at (those must be full unique constraints):
--   core.status (domain, code)        <- core.status_transition (domain, from_code / to_code)
--   core.permission (code)            <- core.status_transition (required_permission)
--   core.entity_type (code)           <- core.entity_tag (entity_type), and the polymorphic
--                                        references of content/platform tables
--   core.category (id, domain)        <- core.category (parent_id, domain): same-domain parent
-- Reference data is in 80_seed_core.sql.
-- ============================================================================================

-- --------------------------------------------------------------------------------------------
-- core.entity_type: registry of the tables a polymorphic reference (entity_type, entity_id)
-- may point at: favorites, ratings, activity, translations, tags.
-- --------------------------------------------------------------------------------------------
CREATE TABLE core.entity_type (
    id                   uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code                 text NOT NULL,
    name                 text NOT NULL,
    description          text,
    table_name           regclass NOT NULL,
    owner_column         text,
    institution_column   text,
    visibility_column    text,
    translatable_columns text[] NOT NULL DEFAULT '{}',
    is_taggable          boolean NOT NULL DEFAULT false,
    is_rateable          boolean NOT NULL DEFAULT false,
    is_favoritable       boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT entity_type_pkey PRIMARY KEY (id),
    CONSTRAINT entity_type_code_key UNIQUE (code),
    CONSTRAINT entity_type_code_format CHECK (code ~ '^[a-z][a-z0-9_]*$' AND length(code) <= 63),
    CONSTRAINT entity_type_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT entity_type_owner_column_identifier
        CHECK (owner_column IS NULL OR owner_column ~ '^[a-z_][a-z0-9_]*$'),
    CONSTRAINT entity_type_institution_column_identifier
        CHECK (institution_column IS NULL OR institution_column ~ '^[a-z_][a-z0-9_]*$'),
    CONSTRAINT entity_type_visibility_column_identifier
        CHECK (visibility_column IS NULL OR visibility_column ~ '^[a-z_][a-z0-9_]*$'),
    CONSTRAINT entity_type_translatable_columns_no_nulls
        CHECK (array_position(translatable_columns, NULL) IS NULL),
    CONSTRAINT entity_type_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE core.entity_type IS
    'Registry of polymorphic reference targets: entity_type code -> table, and the columns that carry its owner, institution and visibility (used by RLS helpers, existence checks and soft-delete cascades of favorites, ratings, activity, translations and tags)';
COMMENT ON COLUMN core.entity_type.code IS 'Value stored in the entity_type column of polymorphic references; full unique because foreign keys point at it';
COMMENT ON COLUMN core.entity_type.table_name IS 'The table whose id the entity_id of a polymorphic reference holds';
COMMENT ON COLUMN core.entity_type.owner_column IS 'Column of table_name holding the owning app_user id (NULL: no single owner, e.g. a lookup)';
COMMENT ON COLUMN core.entity_type.institution_column IS 'Column of table_name holding the owning institution id (NULL: not institution-owned)';
COMMENT ON COLUMN core.entity_type.visibility_column IS 'Column of table_name holding private/institution/public (NULL: readable as a lookup, or by owner only)';
COMMENT ON COLUMN core.entity_type.translatable_columns IS 'Columns of table_name that platform.translation may translate (the field of a translation row)';
COMMENT ON CONSTRAINT entity_type_code_format ON core.entity_type IS 'entity type code is lower-case snake_case, at most 63 characters';
COMMENT ON CONSTRAINT entity_type_name_not_blank ON core.entity_type IS 'entity type name must not be blank';
COMMENT ON CONSTRAINT entity_type_owner_column_identifier ON core.entity_type IS 'owner_column is a plain lower-case column name';
COMMENT ON CONSTRAINT entity_type_institution_column_identifier ON core.entity_type IS 'institution_column is a plain lower-case column name';
COMMENT ON CONSTRAINT entity_type_visibility_column_identifier ON core.entity_type IS 'visibility_column is a plain lower-case column name';
COMMENT ON CONSTRAINT entity_type_translatable_columns_no_nulls ON core.entity_type IS 'translatable_columns holds no NULL element';
COMMENT ON CONSTRAINT entity_type_soft_delete_state ON core.entity_type IS 'a row is active exactly when deleted_at is NULL';
CREATE UNIQUE INDEX entity_type_table_name_active_uq ON core.entity_type (table_name) WHERE is_active;

-- --------------------------------------------------------------------------------------------
-- core.visibility: who may read shareable content.
-- --------------------------------------------------------------------------------------------
CREATE TABLE core.visibility (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code        text NOT NULL,
    name        text NOT NULL,
    description text,
    sort_order  integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT visibility_pkey PRIMARY KEY (id),
    CONSTRAINT visibility_code_allowed CHECK (code IN ('private', 'institution', 'public')),
    CONSTRAINT visibility_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT visibility_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE core.visibility IS
    'Visibility levels of shareable content (private: owner only; institution: members of the owning institution; public: everyone). Content tables use the same values in a CHECK';
COMMENT ON CONSTRAINT visibility_code_allowed ON core.visibility IS 'visibility code is one of private, institution, public';
COMMENT ON CONSTRAINT visibility_name_not_blank ON core.visibility IS 'visibility name must not be blank';
COMMENT ON CONSTRAINT visibility_soft_delete_state ON core.visibility IS 'a row is active exactly when deleted_at is NULL';
CREATE UNIQUE INDEX visibility_code_active_uq ON core.visibility (code) WHERE is_active;

-- --------------------------------------------------------------------------------------------
-- core.tag and core.entity_tag: free classification of any registered entity.
-- --------------------------------------------------------------------------------------------
CREATE TABLE core.tag (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code        text NOT NULL,
    name        text NOT NULL,
    tag_group   text NOT NULL DEFAULT 'general',
    description text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT tag_pkey PRIMARY KEY (id),
    CONSTRAINT tag_code_format CHECK (code ~ '^[a-z0-9][a-z0-9_]*$' AND length(code) <= 63),
    CONSTRAINT tag_name_length CHECK (btrim(name) <> '' AND length(name) <= 100),
    CONSTRAINT tag_tag_group_format CHECK (tag_group ~ '^[a-z][a-z0-9_]*$' AND length(tag_group) <= 63),
    CONSTRAINT tag_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE core.tag IS 'Free classification labels, grouped by tag_group; attached to entities through core.entity_tag';
COMMENT ON CONSTRAINT tag_code_format ON core.tag IS 'tag code is lower-case snake_case, at most 63 characters';
COMMENT ON CONSTRAINT tag_name_length ON core.tag IS 'tag name is not blank and at most 100 characters';
COMMENT ON CONSTRAINT tag_tag_group_format ON core.tag IS 'tag group is lower-case snake_case, at most 63 characters';
COMMENT ON CONSTRAINT tag_soft_delete_state ON core.tag IS 'a row is active exactly when deleted_at is NULL';
CREATE UNIQUE INDEX tag_tag_group_code_active_uq ON core.tag (tag_group, code) WHERE is_active;

CREATE TABLE core.entity_tag (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    entity_type text NOT NULL,
    entity_id   uuid NOT NULL,
    tag_id      uuid NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT entity_tag_pkey PRIMARY KEY (id),
    CONSTRAINT entity_tag_entity_type_fkey FOREIGN KEY (entity_type)
        REFERENCES core.entity_type (code) ON UPDATE CASCADE,
    CONSTRAINT entity_tag_tag_id_fkey FOREIGN KEY (tag_id)
        REFERENCES core.tag (id) ON DELETE CASCADE,
    CONSTRAINT entity_tag_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE core.entity_tag IS
    'A tag attached to any registered entity (polymorphic: entity_type names the table in core.entity_type, entity_id its row; existence is checked by trigger)';
COMMENT ON CONSTRAINT entity_tag_soft_delete_state ON core.entity_tag IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX entity_tag_entity_type_idx ON core.entity_tag (entity_type, entity_id);
CREATE INDEX entity_tag_tag_id_idx ON core.entity_tag (tag_id);
CREATE UNIQUE INDEX entity_tag_entity_type_entity_id_tag_id_active_uq
    ON core.entity_tag (entity_type, entity_id, tag_id) WHERE is_active;

-- --------------------------------------------------------------------------------------------
-- core.category: hierarchical categories per domain.
-- --------------------------------------------------------------------------------------------
CREATE TABLE core.category (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    domain      text NOT NULL,
    code        text NOT NULL,
    name        text NOT NULL,
    description text,
    parent_id   uuid,
    sort_order  integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT category_pkey PRIMARY KEY (id),
    CONSTRAINT category_id_domain_key UNIQUE (id, domain),
    CONSTRAINT category_parent_id_fkey FOREIGN KEY (parent_id, domain)
        REFERENCES core.category (id, domain) ON DELETE CASCADE,
    CONSTRAINT category_domain_allowed
        CHECK (domain IN ('exercise', 'workout', 'program', 'equipment', 'goal', 'media', 'institution')),
    CONSTRAINT category_code_format CHECK (code ~ '^[a-z0-9][a-z0-9_]*$' AND length(code) <= 63),
    CONSTRAINT category_name_length CHECK (btrim(name) <> '' AND length(name) <= 100),
    CONSTRAINT category_parent_id_not_self CHECK (parent_id IS DISTINCT FROM id),
    CONSTRAINT category_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE core.category IS
    'Hierarchical categories per domain (exercise: strength, cardio ...; workout; program ...). A parent belongs to the same domain (composite foreign key); cycles longer than one are refused by trigger';
COMMENT ON COLUMN core.category.parent_id IS 'Parent category of the same domain; NULL for a root';
COMMENT ON CONSTRAINT category_domain_allowed ON core.category IS 'category domain is one of exercise, workout, program, equipment, goal, media, institution';
COMMENT ON CONSTRAINT category_code_format ON core.category IS 'category code is lower-case snake_case, at most 63 characters';
COMMENT ON CONSTRAINT category_name_length ON core.category IS 'category name is not blank and at most 100 characters';
COMMENT ON CONSTRAINT category_parent_id_not_self ON core.category IS 'a category cannot be its own parent';
COMMENT ON CONSTRAINT category_soft_delete_state ON core.category IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX category_parent_id_idx ON core.category (parent_id, domain);
CREATE UNIQUE INDEX category_domain_code_active_uq ON core.category (domain, code) WHERE is_active;

-- --------------------------------------------------------------------------------------------
-- RBAC: core.permission, core.role, core.role_permission.
-- --------------------------------------------------------------------------------------------
CREATE TABLE core.permission (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code        text NOT NULL,
    domain      text NOT NULL,
    description text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT permission_pkey PRIMARY KEY (id),
    CONSTRAINT permission_code_key UNIQUE (code),
    CONSTRAINT permission_code_format CHECK (code ~ '^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$' AND length(code) <= 100),
    CONSTRAINT permission_domain_matches_code CHECK (domain = split_part(code, '.', 1)),
    CONSTRAINT permission_description_not_blank CHECK (btrim(description) <> ''),
    CONSTRAINT permission_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE core.permission IS
    'Permissions checked by fitness.has_permission and the RLS policies: <domain>.<action> (e.g. workout.read_members)';
COMMENT ON COLUMN core.permission.code IS 'domain.action; full unique because core.status_transition.required_permission points at it';
COMMENT ON CONSTRAINT permission_code_format ON core.permission IS 'permission code is <domain>.<action>, both lower-case snake_case';
COMMENT ON CONSTRAINT permission_domain_matches_code ON core.permission IS 'permission domain equals the part of the code before the dot';
COMMENT ON CONSTRAINT permission_description_not_blank ON core.permission IS 'every permission is documented by a non-blank description';
COMMENT ON CONSTRAINT permission_soft_delete_state ON core.permission IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX permission_domain_idx ON core.permission (domain) WHERE is_active;

CREATE TABLE core.role (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code        text NOT NULL,
    name        text NOT NULL,
    description text,
    scope       text NOT NULL,
    rank        integer NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT role_pkey PRIMARY KEY (id),
    CONSTRAINT role_code_format CHECK (code ~ '^[a-z][a-z0-9_]*$' AND length(code) <= 63),
    CONSTRAINT role_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT role_scope_allowed CHECK (scope IN ('platform', 'institution')),
    CONSTRAINT role_rank_range CHECK (rank BETWEEN 0 AND 1000),
    CONSTRAINT role_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE core.role IS
    'Roles (platform_admin, institution_owner, institution_admin, coach, member, user). Platform-scope roles are granted without an institution, institution-scope roles within one';
COMMENT ON COLUMN core.role.rank IS 'Hierarchy: a higher rank includes the permissions of lower-ranked roles of the same scope and may grant only roles of lower rank';
COMMENT ON CONSTRAINT role_code_format ON core.role IS 'role code is lower-case snake_case, at most 63 characters';
COMMENT ON CONSTRAINT role_name_not_blank ON core.role IS 'role name must not be blank';
COMMENT ON CONSTRAINT role_scope_allowed ON core.role IS 'role scope is platform or institution';
COMMENT ON CONSTRAINT role_rank_range ON core.role IS 'role rank is between 0 and 1000';
COMMENT ON CONSTRAINT role_soft_delete_state ON core.role IS 'a row is active exactly when deleted_at is NULL';
CREATE UNIQUE INDEX role_code_active_uq ON core.role (code) WHERE is_active;

CREATE TABLE core.role_permission (
    id            uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    role_id       uuid NOT NULL,
    permission_id uuid NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT role_permission_pkey PRIMARY KEY (id),
    CONSTRAINT role_permission_role_id_fkey FOREIGN KEY (role_id)
        REFERENCES core.role (id) ON DELETE CASCADE,
    CONSTRAINT role_permission_permission_id_fkey FOREIGN KEY (permission_id)
        REFERENCES core.permission (id) ON DELETE CASCADE,
    CONSTRAINT role_permission_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE core.role_permission IS 'The permissions a role grants';
COMMENT ON CONSTRAINT role_permission_soft_delete_state ON core.role_permission IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX role_permission_role_id_idx ON core.role_permission (role_id);
CREATE INDEX role_permission_permission_id_idx ON core.role_permission (permission_id);
CREATE UNIQUE INDEX role_permission_role_id_permission_id_active_uq
    ON core.role_permission (role_id, permission_id) WHERE is_active;

-- --------------------------------------------------------------------------------------------
-- State machines: core.status and core.status_transition.
-- --------------------------------------------------------------------------------------------
CREATE TABLE core.status (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    domain      text NOT NULL,
    code        text NOT NULL,
    name        text NOT NULL,
    description text,
    is_initial  boolean NOT NULL DEFAULT false,
    is_terminal boolean NOT NULL DEFAULT false,
    sort_order  integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT status_pkey PRIMARY KEY (id),
    CONSTRAINT status_domain_code_key UNIQUE (domain, code),
    CONSTRAINT status_domain_format CHECK (domain ~ '^[a-z][a-z0-9_]*$' AND length(domain) <= 63),
    CONSTRAINT status_code_format CHECK (code ~ '^[a-z][a-z0-9_]*$' AND length(code) <= 63),
    CONSTRAINT status_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT status_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE core.status IS
    'Status values per domain (the table or state machine they belong to, e.g. subscription, user_workout_session). The status columns of those tables carry a CHECK with the same values; moves between them follow core.status_transition';
COMMENT ON COLUMN core.status.domain IS 'State machine name: usually the table name (subscription, payment ...) or the content kind (exercise, workout, program)';
COMMENT ON COLUMN core.status.is_initial IS 'A row may be created in this status';
COMMENT ON COLUMN core.status.is_terminal IS 'No transition leaves this status';
COMMENT ON CONSTRAINT status_domain_format ON core.status IS 'status domain is lower-case snake_case, at most 63 characters';
COMMENT ON CONSTRAINT status_code_format ON core.status IS 'status code is lower-case snake_case, at most 63 characters';
COMMENT ON CONSTRAINT status_name_not_blank ON core.status IS 'status name must not be blank';
COMMENT ON CONSTRAINT status_soft_delete_state ON core.status IS 'a row is active exactly when deleted_at is NULL';

CREATE TABLE core.status_transition (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    domain              text NOT NULL,
    from_code           text NOT NULL,
    to_code             text NOT NULL,
    required_permission text,
    description         text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT status_transition_pkey PRIMARY KEY (id),
    CONSTRAINT status_transition_from_code_fkey FOREIGN KEY (domain, from_code)
        REFERENCES core.status (domain, code) ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT status_transition_to_code_fkey FOREIGN KEY (domain, to_code)
        REFERENCES core.status (domain, code) ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT status_transition_required_permission_fkey FOREIGN KEY (required_permission)
        REFERENCES core.permission (code) ON UPDATE CASCADE,
    CONSTRAINT status_transition_to_code_differs CHECK (from_code <> to_code),
    CONSTRAINT status_transition_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE core.status_transition IS
    'Allowed moves of a state machine (policy-driven business rules): a status change not listed here is refused by the rule triggers';
COMMENT ON COLUMN core.status_transition.required_permission IS
    'Permission the actor needs (in the row''s institution, or platform-wide) to make this move; NULL: the row''s owner or the system may make it';
COMMENT ON CONSTRAINT status_transition_to_code_differs ON core.status_transition IS 'a transition moves to a different status';
COMMENT ON CONSTRAINT status_transition_soft_delete_state ON core.status_transition IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX status_transition_from_code_idx ON core.status_transition (domain, from_code);
CREATE INDEX status_transition_to_code_idx ON core.status_transition (domain, to_code);
CREATE INDEX status_transition_required_permission_idx ON core.status_transition (required_permission);
CREATE UNIQUE INDEX status_transition_domain_from_code_to_code_active_uq
    ON core.status_transition (domain, from_code, to_code) WHERE is_active;

-- --------------------------------------------------------------------------------------------
-- Anatomy: core.muscle_group and core.muscle.
-- --------------------------------------------------------------------------------------------
CREATE TABLE core.muscle_group (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code        text NOT NULL,
    name        text NOT NULL,
    body_region text NOT NULL,
    description text,
    sort_order  integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT muscle_group_pkey PRIMARY KEY (id),
    CONSTRAINT muscle_group_code_format CHECK (code ~ '^[a-z][a-z0-9_]*$' AND length(code) <= 63),
    CONSTRAINT muscle_group_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT muscle_group_body_region_allowed CHECK (body_region IN ('upper_body', 'core', 'lower_body')),
    CONSTRAINT muscle_group_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE core.muscle_group IS 'Muscle groups (chest, back, shoulders, arms, core, legs, neck) used to group muscles in filters and body maps';
COMMENT ON CONSTRAINT muscle_group_code_format ON core.muscle_group IS 'muscle group code is lower-case snake_case, at most 63 characters';
COMMENT ON CONSTRAINT muscle_group_name_not_blank ON core.muscle_group IS 'muscle group name must not be blank';
COMMENT ON CONSTRAINT muscle_group_body_region_allowed ON core.muscle_group IS 'body region is one of upper_body, core, lower_body';
COMMENT ON CONSTRAINT muscle_group_soft_delete_state ON core.muscle_group IS 'a row is active exactly when deleted_at is NULL';
CREATE UNIQUE INDEX muscle_group_code_active_uq ON core.muscle_group (code) WHERE is_active;

CREATE TABLE core.muscle (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code            text NOT NULL,
    name            text NOT NULL,
    muscle_group_id uuid NOT NULL,
    body_region     text NOT NULL,
    latin_name      text,
    is_front        boolean,
    description     text,
    sort_order      integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT muscle_pkey PRIMARY KEY (id),
    CONSTRAINT muscle_muscle_group_id_fkey FOREIGN KEY (muscle_group_id)
        REFERENCES core.muscle_group (id),
    CONSTRAINT muscle_code_format CHECK (code ~ '^[a-z][a-z0-9_]*$' AND length(code) <= 63),
    CONSTRAINT muscle_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT muscle_body_region_allowed CHECK (body_region IN ('upper_body', 'core', 'lower_body')),
    CONSTRAINT muscle_latin_name_not_blank CHECK (latin_name IS NULL OR btrim(latin_name) <> ''),
    CONSTRAINT muscle_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE core.muscle IS
    'Muscles targeted by exercises (content.exercise_muscle). Codes of the free-exercise-db muscle names are snake_case (lower back -> lower_back); wger muscles match by latin_name or name';
COMMENT ON COLUMN core.muscle.latin_name IS 'Anatomical (Latin) name where one applies, e.g. Biceps brachii';
COMMENT ON COLUMN core.muscle.is_front IS 'Shown on the front (true) or back (false) of a body map; NULL: both or neither';
COMMENT ON CONSTRAINT muscle_code_format ON core.muscle IS 'muscle code is lower-case snake_case, at most 63 characters';
COMMENT ON CONSTRAINT muscle_name_not_blank ON core.muscle IS 'muscle name must not be blank';
COMMENT ON CONSTRAINT muscle_body_region_allowed ON core.muscle IS 'body region is one of upper_body, core, lower_body';
COMMENT ON CONSTRAINT muscle_latin_name_not_blank ON core.muscle IS 'latin name is NULL or not blank';
COMMENT ON CONSTRAINT muscle_soft_delete_state ON core.muscle IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX muscle_muscle_group_id_idx ON core.muscle (muscle_group_id);
CREATE UNIQUE INDEX muscle_code_active_uq ON core.muscle (code) WHERE is_active;
-- ============================================================================================
-- user_mgmt: users, roles granted to them, institutions and memberships, coaching, progress
-- (sessions, set logs, measurements, program enrollments) and billing.
--
-- Columns declared here whose foreign keys are added by later files (their tables do not
-- exist yet; the index on each column is created here):
--   30_content.sql adds
--     user_mgmt.user_workout_session.workout_id          -> content.workout (id)           ON DELETE SET NULL
--     user_mgmt.user_workout_session.schedule_workout_id -> content.schedule_workout (id)  ON DELETE SET NULL
--     user_mgmt.user_set_log.exercise_id                  -> content.exercise (id)          (RESTRICT)
--     user_mgmt.user_set_log.exercise_variant_id          -> content.exercise_variant (id)  ON DELETE SET NULL
--     user_mgmt.user_set_log.workout_set_id               -> content.workout_set (id)       ON DELETE SET NULL
--     user_mgmt.user_program_enrollment.program_id        -> content.program (id)           (RESTRICT)
--   40_platform.sql adds
--     user_mgmt.app_user.language_code                    -> platform.language (code)
--     user_mgmt.institution.language_code                 -> platform.language (code)
--
-- Tenancy: per-user rows carry user_id, institution-owned rows institution_id. Child rows
-- repeat the tenant key of their parent (user_set_log.user_id, payment.user_id /
-- institution_id) and a composite foreign key keeps it equal to the parent's, so RLS
-- policies never need a join and a distributed (Citus) layout can co-locate them.
--
-- Who-did-it columns (user_role.granted_by, institution_member.invited_by,
-- user_program_enrollment.assigned_by) are audit data like created_by: no foreign key, so
-- they survive the erasure of that user and a soft delete of the actor does not cascade.
-- ============================================================================================

-- --------------------------------------------------------------------------------------------
-- user_mgmt.app_user: identity.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.app_user (
    id                uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    auth_subject      text,
    auth_issuer       text,
    email             text,
    email_verified_at timestamptz,
    phone             text,
    display_name      text NOT NULL,
    given_name        text,
    family_name       text,
    birth_date        date,
    sex               text,
    height_cm         numeric(5,1),
    language_code     text NOT NULL DEFAULT 'en',
    timezone          text NOT NULL DEFAULT 'UTC',
    unit_system       text NOT NULL DEFAULT 'metric',
    last_seen_at      timestamptz,
    anonymized_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT app_user_pkey PRIMARY KEY (id),
    CONSTRAINT app_user_auth_subject_not_blank CHECK (auth_subject IS NULL OR (btrim(auth_subject) <> '' AND length(auth_subject) <= 255)),
    CONSTRAINT app_user_auth_issuer_with_subject CHECK (auth_issuer IS NULL OR (auth_subject IS NOT NULL AND btrim(auth_issuer) <> '' AND length(auth_issuer) <= 255)),
    CONSTRAINT app_user_email_format CHECK (email IS NULL OR email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    CONSTRAINT app_user_email_length CHECK (email IS NULL OR length(email) <= 254),
    CONSTRAINT app_user_email_verified_at_requires_email CHECK (email_verified_at IS NULL OR email IS NOT NULL),
    CONSTRAINT app_user_phone_e164 CHECK (phone IS NULL OR phone ~ '^\+[1-9][0-9]{6,14}$'),
    CONSTRAINT app_user_display_name_length CHECK (btrim(display_name) <> '' AND length(display_name) <= 100),
    CONSTRAINT app_user_given_name_length CHECK (given_name IS NULL OR (btrim(given_name) <> '' AND length(given_name) <= 100)),
    CONSTRAINT app_user_family_name_length CHECK (family_name IS NULL OR (btrim(family_name) <> '' AND length(family_name) <= 100)),
    CONSTRAINT app_user_birth_date_range CHECK (birth_date IS NULL OR birth_date >= DATE '1900-01-01'),
    CONSTRAINT app_user_sex_allowed CHECK (sex IS NULL OR sex IN ('female', 'male', 'other', 'prefer_not_to_say')),
    CONSTRAINT app_user_height_cm_range CHECK (height_cm IS NULL OR height_cm BETWEEN 50 AND 272),
    CONSTRAINT app_user_language_code_bcp47 CHECK (language_code ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$'),
    CONSTRAINT app_user_timezone_not_blank CHECK (btrim(timezone) <> '' AND length(timezone) <= 64),
    CONSTRAINT app_user_unit_system_allowed CHECK (unit_system IN ('metric', 'imperial')),
    CONSTRAINT app_user_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.app_user IS
    'Application users (the seed''s USER). auth_subject links to the external identity provider; email is unique among active users, case-insensitively';
COMMENT ON COLUMN user_mgmt.app_user.auth_subject IS 'pii: identifier';
COMMENT ON COLUMN user_mgmt.app_user.auth_issuer IS 'Issuer (iss) whose keys sign this account in by auth_subject; NULL: the platform''s own keys (keys without issuer)';
COMMENT ON COLUMN user_mgmt.app_user.email IS 'pii: email';
COMMENT ON COLUMN user_mgmt.app_user.phone IS 'pii: phone';
COMMENT ON COLUMN user_mgmt.app_user.display_name IS 'pii: name';
COMMENT ON COLUMN user_mgmt.app_user.given_name IS 'pii: name';
COMMENT ON COLUMN user_mgmt.app_user.family_name IS 'pii: name';
COMMENT ON COLUMN user_mgmt.app_user.birth_date IS 'pii: birth_date';
COMMENT ON COLUMN user_mgmt.app_user.sex IS 'pii: health';
COMMENT ON COLUMN user_mgmt.app_user.height_cm IS 'pii: health';
COMMENT ON COLUMN user_mgmt.app_user.last_seen_at IS 'pii: activity';
COMMENT ON COLUMN user_mgmt.app_user.anonymized_at IS 'Set by fitness.forget_user when the personal data of this user was erased';
COMMENT ON CONSTRAINT app_user_auth_subject_not_blank ON user_mgmt.app_user IS 'auth_subject is NULL or a non-blank identity-provider subject of at most 255 characters';
COMMENT ON CONSTRAINT app_user_auth_issuer_with_subject ON user_mgmt.app_user IS 'auth_issuer is NULL or the non-blank issuer (at most 255 characters) of the account''s auth_subject';
COMMENT ON CONSTRAINT app_user_email_format ON user_mgmt.app_user IS 'email has the form local@domain.tld, without spaces';
COMMENT ON CONSTRAINT app_user_email_length ON user_mgmt.app_user IS 'email is at most 254 characters (RFC 5321)';
COMMENT ON CONSTRAINT app_user_email_verified_at_requires_email ON user_mgmt.app_user IS 'email_verified_at needs an email';
COMMENT ON CONSTRAINT app_user_phone_e164 ON user_mgmt.app_user IS 'phone is in E.164 form: + and 7 to 15 digits';
COMMENT ON CONSTRAINT app_user_display_name_length ON user_mgmt.app_user IS 'display name is not blank and at most 100 characters';
COMMENT ON CONSTRAINT app_user_given_name_length ON user_mgmt.app_user IS 'given name is NULL or not blank and at most 100 characters';
COMMENT ON CONSTRAINT app_user_family_name_length ON user_mgmt.app_user IS 'family name is NULL or not blank and at most 100 characters';
COMMENT ON CONSTRAINT app_user_birth_date_range ON user_mgmt.app_user IS 'birth date is not before 1900-01-01 (not in the future: checked by trigger)';
COMMENT ON CONSTRAINT app_user_sex_allowed ON user_mgmt.app_user IS 'sex is one of female, male, other, prefer_not_to_say';
COMMENT ON CONSTRAINT app_user_height_cm_range ON user_mgmt.app_user IS 'height is between 50 and 272 cm';
COMMENT ON CONSTRAINT app_user_language_code_bcp47 ON user_mgmt.app_user IS 'language code is a BCP 47 tag language[-Script][-REGION] (e.g. en, pt-BR, zh-Hant, es-419)';
COMMENT ON CONSTRAINT app_user_timezone_not_blank ON user_mgmt.app_user IS 'timezone is a non-blank IANA zone name of at most 64 characters';
COMMENT ON CONSTRAINT app_user_unit_system_allowed ON user_mgmt.app_user IS 'unit system is metric or imperial';
COMMENT ON CONSTRAINT app_user_soft_delete_state ON user_mgmt.app_user IS 'a row is active exactly when deleted_at is NULL';
CREATE UNIQUE INDEX app_user_email_active_uq ON user_mgmt.app_user (lower(email)) WHERE is_active;
CREATE UNIQUE INDEX app_user_auth_subject_active_uq ON user_mgmt.app_user (auth_subject) WHERE is_active;
CREATE INDEX app_user_language_code_idx ON user_mgmt.app_user (language_code);

-- --------------------------------------------------------------------------------------------
-- user_mgmt.institution: gyms, studios, clubs.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.institution (
    id            uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    name          text NOT NULL,
    slug          text NOT NULL,
    kind          text NOT NULL DEFAULT 'gym',
    description   text,
    status        text NOT NULL DEFAULT 'active',
    timezone      text NOT NULL DEFAULT 'UTC',
    language_code text NOT NULL DEFAULT 'en',
    max_members   integer,
    contact_email text,
    contact_phone text,
    website_url   text,
    address_line1 text,
    address_line2 text,
    postal_code   text,
    city          text,
    region        text,
    country_code  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT institution_pkey PRIMARY KEY (id),
    CONSTRAINT institution_name_length CHECK (btrim(name) <> '' AND length(name) <= 200),
    CONSTRAINT institution_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 63),
    CONSTRAINT institution_kind_allowed CHECK (kind IN ('gym', 'studio', 'club', 'team', 'school', 'clinic', 'corporate', 'other')),
    CONSTRAINT institution_status_allowed CHECK (status IN ('active', 'suspended', 'closed')),
    CONSTRAINT institution_timezone_not_blank CHECK (btrim(timezone) <> '' AND length(timezone) <= 64),
    CONSTRAINT institution_language_code_bcp47 CHECK (language_code ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$'),
    CONSTRAINT institution_max_members_positive CHECK (max_members IS NULL OR max_members >= 1),
    CONSTRAINT institution_contact_email_format CHECK (contact_email IS NULL OR (contact_email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' AND length(contact_email) <= 254)),
    CONSTRAINT institution_contact_phone_e164 CHECK (contact_phone IS NULL OR contact_phone ~ '^\+[1-9][0-9]{6,14}$'),
    CONSTRAINT institution_website_url_http CHECK (website_url IS NULL OR website_url ~ '^https?://[^[:space:]]+$'),
    CONSTRAINT institution_country_code_iso3166 CHECK (country_code IS NULL OR country_code ~ '^[A-Z]{2}$'),
    CONSTRAINT institution_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.institution IS
    'Organisations (gyms, studios, clubs ...) that have members, coaches and shared content. max_members is enforced under concurrency by trigger';
COMMENT ON COLUMN user_mgmt.institution.max_members IS 'Upper bound of active members; NULL: unlimited';
COMMENT ON CONSTRAINT institution_name_length ON user_mgmt.institution IS 'institution name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT institution_slug_format ON user_mgmt.institution IS 'slug is lower-case letters and digits in hyphen-separated words, at most 63 characters';
COMMENT ON CONSTRAINT institution_kind_allowed ON user_mgmt.institution IS 'institution kind is one of gym, studio, club, team, school, clinic, corporate, other';
COMMENT ON CONSTRAINT institution_status_allowed ON user_mgmt.institution IS 'institution status is one of active, suspended, closed';
COMMENT ON CONSTRAINT institution_timezone_not_blank ON user_mgmt.institution IS 'timezone is a non-blank IANA zone name of at most 64 characters';
COMMENT ON CONSTRAINT institution_language_code_bcp47 ON user_mgmt.institution IS 'language code is a BCP 47 tag language[-Script][-REGION] (e.g. en, pt-BR, zh-Hant, es-419)';
COMMENT ON CONSTRAINT institution_max_members_positive ON user_mgmt.institution IS 'max_members is NULL (unlimited) or at least 1';
COMMENT ON CONSTRAINT institution_contact_email_format ON user_mgmt.institution IS 'contact email has the form local@domain.tld, at most 254 characters';
COMMENT ON CONSTRAINT institution_contact_phone_e164 ON user_mgmt.institution IS 'contact phone is in E.164 form: + and 7 to 15 digits';
COMMENT ON CONSTRAINT institution_website_url_http ON user_mgmt.institution IS 'website URL starts with http:// or https:// and has no spaces';
COMMENT ON CONSTRAINT institution_country_code_iso3166 ON user_mgmt.institution IS 'country code is an ISO 3166-1 alpha-2 code in upper case';
COMMENT ON CONSTRAINT institution_soft_delete_state ON user_mgmt.institution IS 'a row is active exactly when deleted_at is NULL';
CREATE UNIQUE INDEX institution_slug_active_uq ON user_mgmt.institution (slug) WHERE is_active;
CREATE INDEX institution_language_code_idx ON user_mgmt.institution (language_code);

-- --------------------------------------------------------------------------------------------
-- user_mgmt.user_role: role grants (temporary elevation is a row with expires_at).
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.user_role (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id        uuid NOT NULL,
    role_id        uuid NOT NULL,
    institution_id uuid,
    granted_by     uuid,
    granted_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz,
    reason         text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT user_role_pkey PRIMARY KEY (id),
    CONSTRAINT user_role_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT user_role_role_id_fkey FOREIGN KEY (role_id)
        REFERENCES core.role (id),
    CONSTRAINT user_role_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE CASCADE,
    CONSTRAINT user_role_expires_at_after_granted_at CHECK (expires_at IS NULL OR expires_at > granted_at),
    CONSTRAINT user_role_reason_length CHECK (reason IS NULL OR length(reason) <= 1000),
    CONSTRAINT user_role_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.user_role IS
    'Roles granted to users: institution_id NULL for platform-scope roles, set for institution-scope roles (scope match checked by trigger). A revoke is a soft delete; an expired grant stays active but no longer counts';
COMMENT ON COLUMN user_mgmt.user_role.granted_by IS 'app_user who granted the role (audit data: no foreign key)';
COMMENT ON COLUMN user_mgmt.user_role.expires_at IS 'End of a temporary elevation; NULL: permanent';
COMMENT ON CONSTRAINT user_role_expires_at_after_granted_at ON user_mgmt.user_role IS 'a grant expires after it was granted';
COMMENT ON CONSTRAINT user_role_reason_length ON user_mgmt.user_role IS 'reason is at most 1000 characters';
COMMENT ON CONSTRAINT user_role_soft_delete_state ON user_mgmt.user_role IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX user_role_user_id_idx ON user_mgmt.user_role (user_id);
CREATE INDEX user_role_role_id_idx ON user_mgmt.user_role (role_id);
CREATE INDEX user_role_institution_id_idx ON user_mgmt.user_role (institution_id);
CREATE INDEX user_role_user_id_active_idx ON user_mgmt.user_role (user_id)
    INCLUDE (role_id, institution_id, expires_at) WHERE is_active;
CREATE UNIQUE INDEX user_role_user_id_role_id_institution_id_active_uq
    ON user_mgmt.user_role (user_id, role_id, institution_id) NULLS NOT DISTINCT WHERE is_active;

-- --------------------------------------------------------------------------------------------
-- user_mgmt.institution_member: membership of a user in an institution.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.institution_member (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    institution_id uuid NOT NULL,
    user_id        uuid NOT NULL,
    member_role    text NOT NULL DEFAULT 'member',
    status         text NOT NULL DEFAULT 'active',
    invited_by     uuid,
    invited_at     timestamptz,
    joined_at      timestamptz DEFAULT now(),
    left_at        timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT institution_member_pkey PRIMARY KEY (id),
    CONSTRAINT institution_member_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE CASCADE,
    CONSTRAINT institution_member_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT institution_member_member_role_allowed CHECK (member_role IN ('owner', 'admin', 'coach', 'member')),
    CONSTRAINT institution_member_status_allowed CHECK (status IN ('invited', 'active', 'suspended', 'left', 'removed')),
    CONSTRAINT institution_member_joined_at_required CHECK (status NOT IN ('active', 'suspended') OR joined_at IS NOT NULL),
    CONSTRAINT institution_member_left_at_state CHECK ((status IN ('left', 'removed')) = (left_at IS NOT NULL)),
    CONSTRAINT institution_member_left_at_after_joined_at CHECK (left_at IS NULL OR joined_at IS NULL OR left_at >= joined_at),
    CONSTRAINT institution_member_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.institution_member IS
    'Membership of a user in an institution, with its role (owner > admin > coach > member). One current membership per (institution, user); an institution keeps at least one active owner (trigger)';
COMMENT ON COLUMN user_mgmt.institution_member.invited_by IS 'app_user who sent the invitation (audit data: no foreign key)';
COMMENT ON CONSTRAINT institution_member_member_role_allowed ON user_mgmt.institution_member IS 'member role is one of owner, admin, coach, member';
COMMENT ON CONSTRAINT institution_member_status_allowed ON user_mgmt.institution_member IS 'membership status is one of invited, active, suspended, left, removed';
COMMENT ON CONSTRAINT institution_member_joined_at_required ON user_mgmt.institution_member IS 'an active or suspended membership has a joined_at';
COMMENT ON CONSTRAINT institution_member_left_at_state ON user_mgmt.institution_member IS 'left_at is set exactly when the status is left or removed';
COMMENT ON CONSTRAINT institution_member_left_at_after_joined_at ON user_mgmt.institution_member IS 'a member leaves after joining';
COMMENT ON CONSTRAINT institution_member_soft_delete_state ON user_mgmt.institution_member IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX institution_member_institution_id_idx ON user_mgmt.institution_member (institution_id, member_role);
CREATE INDEX institution_member_user_id_idx ON user_mgmt.institution_member (user_id);
CREATE INDEX institution_member_user_id_active_idx ON user_mgmt.institution_member (user_id)
    INCLUDE (institution_id, member_role, status) WHERE is_active;
CREATE UNIQUE INDEX institution_member_institution_id_user_id_active_uq
    ON user_mgmt.institution_member (institution_id, user_id)
    WHERE is_active AND status IN ('invited', 'active', 'suspended');

-- --------------------------------------------------------------------------------------------
-- user_mgmt.coach_assignment: which members a coach looks after in an institution.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.coach_assignment (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    institution_id uuid NOT NULL,
    coach_id       uuid NOT NULL,
    member_id      uuid NOT NULL,
    starts_on      date NOT NULL DEFAULT CURRENT_DATE,
    ends_on        date,
    notes          text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT coach_assignment_pkey PRIMARY KEY (id),
    CONSTRAINT coach_assignment_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE CASCADE,
    CONSTRAINT coach_assignment_coach_id_fkey FOREIGN KEY (coach_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT coach_assignment_member_id_fkey FOREIGN KEY (member_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT coach_assignment_member_id_not_coach CHECK (member_id <> coach_id),
    CONSTRAINT coach_assignment_ends_on_after_starts_on CHECK (ends_on IS NULL OR ends_on >= starts_on),
    CONSTRAINT coach_assignment_notes_length CHECK (notes IS NULL OR length(notes) <= 10000),
    CONSTRAINT coach_assignment_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.coach_assignment IS
    'A coach of an institution looks after a member of the same institution (both memberships checked by trigger); grants the coach read access to that member''s progress';
COMMENT ON COLUMN user_mgmt.coach_assignment.notes IS 'pii: free_text';
COMMENT ON CONSTRAINT coach_assignment_member_id_not_coach ON user_mgmt.coach_assignment IS 'a coach cannot be assigned to themself';
COMMENT ON CONSTRAINT coach_assignment_ends_on_after_starts_on ON user_mgmt.coach_assignment IS 'an assignment ends on or after its start';
COMMENT ON CONSTRAINT coach_assignment_notes_length ON user_mgmt.coach_assignment IS 'notes are at most 10000 characters';
COMMENT ON CONSTRAINT coach_assignment_soft_delete_state ON user_mgmt.coach_assignment IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX coach_assignment_institution_id_idx ON user_mgmt.coach_assignment (institution_id);
CREATE INDEX coach_assignment_coach_id_idx ON user_mgmt.coach_assignment (coach_id);
CREATE INDEX coach_assignment_member_id_idx ON user_mgmt.coach_assignment (member_id);
CREATE INDEX coach_assignment_coach_id_active_idx ON user_mgmt.coach_assignment (coach_id)
    INCLUDE (member_id, institution_id) WHERE is_active;
CREATE UNIQUE INDEX coach_assignment_institution_id_coach_id_member_id_active_uq
    ON user_mgmt.coach_assignment (institution_id, coach_id, member_id) WHERE is_active;

-- --------------------------------------------------------------------------------------------
-- user_mgmt.user_program_enrollment: a user following a program.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.user_program_enrollment (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id        uuid NOT NULL,
    program_id     uuid NOT NULL,   -- FK to content.program added by 30_content.sql
    institution_id uuid,
    assigned_by    uuid,
    status         text NOT NULL DEFAULT 'active',
    started_on     date NOT NULL DEFAULT CURRENT_DATE,
    ended_on       date,
    current_week   integer NOT NULL DEFAULT 1,
    current_day    smallint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT user_program_enrollment_pkey PRIMARY KEY (id),
    CONSTRAINT user_program_enrollment_id_user_id_key UNIQUE (id, user_id),
    CONSTRAINT user_program_enrollment_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT user_program_enrollment_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE SET NULL,
    CONSTRAINT user_program_enrollment_status_allowed CHECK (status IN ('scheduled', 'active', 'paused', 'completed', 'abandoned')),
    CONSTRAINT user_program_enrollment_ended_on_after_started_on CHECK (ended_on IS NULL OR ended_on >= started_on),
    CONSTRAINT user_program_enrollment_ended_on_state CHECK ((status IN ('completed', 'abandoned')) = (ended_on IS NOT NULL)),
    CONSTRAINT user_program_enrollment_current_week_range CHECK (current_week BETWEEN 1 AND 520),
    CONSTRAINT user_program_enrollment_current_day_range CHECK (current_day BETWEEN 1 AND 7),
    CONSTRAINT user_program_enrollment_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.user_program_enrollment IS
    'A user following a program (self-enrolled, or assigned by a coach of institution_id). One open enrollment per user and program; current_week is within the program''s duration (trigger)';
COMMENT ON COLUMN user_mgmt.user_program_enrollment.program_id IS 'content.program followed (foreign key added in 30_content.sql)';
COMMENT ON COLUMN user_mgmt.user_program_enrollment.assigned_by IS 'coach who assigned the program (audit data: no foreign key); NULL: self-enrolled';
COMMENT ON CONSTRAINT user_program_enrollment_status_allowed ON user_mgmt.user_program_enrollment IS 'enrollment status is one of scheduled, active, paused, completed, abandoned';
COMMENT ON CONSTRAINT user_program_enrollment_ended_on_after_started_on ON user_mgmt.user_program_enrollment IS 'an enrollment ends on or after its start';
COMMENT ON CONSTRAINT user_program_enrollment_ended_on_state ON user_mgmt.user_program_enrollment IS 'ended_on is set exactly when the enrollment is completed or abandoned';
COMMENT ON CONSTRAINT user_program_enrollment_current_week_range ON user_mgmt.user_program_enrollment IS 'current week is between 1 and 520';
COMMENT ON CONSTRAINT user_program_enrollment_current_day_range ON user_mgmt.user_program_enrollment IS 'current day is between 1 and 7';
COMMENT ON CONSTRAINT user_program_enrollment_soft_delete_state ON user_mgmt.user_program_enrollment IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX user_program_enrollment_user_id_idx ON user_mgmt.user_program_enrollment (user_id, started_on DESC);
CREATE INDEX user_program_enrollment_program_id_idx ON user_mgmt.user_program_enrollment (program_id);
CREATE INDEX user_program_enrollment_institution_id_idx ON user_mgmt.user_program_enrollment (institution_id);
CREATE UNIQUE INDEX user_program_enrollment_user_id_program_id_active_uq
    ON user_mgmt.user_program_enrollment (user_id, program_id)
    WHERE is_active AND status IN ('scheduled', 'active', 'paused');

-- --------------------------------------------------------------------------------------------
-- user_mgmt.user_workout_session: one training session of a user.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.user_workout_session (
    id                    uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id               uuid NOT NULL,
    workout_id            uuid,   -- FK to content.workout added by 30_content.sql
    schedule_workout_id   uuid,   -- FK to content.schedule_workout added by 30_content.sql
    program_enrollment_id uuid,
    name                  text,
    status                text NOT NULL DEFAULT 'in_progress',
    scheduled_for         timestamptz,
    started_at            timestamptz DEFAULT now(),
    ended_at              timestamptz,
    perceived_exertion    smallint,
    notes                 text,
    total_volume_kg       numeric(12,2),
    duration_s            integer,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT user_workout_session_pkey PRIMARY KEY (id),
    CONSTRAINT user_workout_session_id_user_id_key UNIQUE (id, user_id),
    CONSTRAINT user_workout_session_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT user_workout_session_program_enrollment_id_fkey FOREIGN KEY (program_enrollment_id, user_id)
        REFERENCES user_mgmt.user_program_enrollment (id, user_id) ON DELETE SET NULL (program_enrollment_id),
    CONSTRAINT user_workout_session_name_length CHECK (name IS NULL OR (btrim(name) <> '' AND length(name) <= 200)),
    CONSTRAINT user_workout_session_status_allowed CHECK (status IN ('planned', 'in_progress', 'completed', 'abandoned')),
    CONSTRAINT user_workout_session_started_at_required CHECK (status = 'planned' OR started_at IS NOT NULL),
    CONSTRAINT user_workout_session_ended_at_state CHECK (CASE status WHEN 'completed' THEN ended_at IS NOT NULL WHEN 'abandoned' THEN true ELSE ended_at IS NULL END),
    CONSTRAINT user_workout_session_ended_at_after_started_at CHECK (ended_at IS NULL OR (started_at IS NOT NULL AND ended_at >= started_at)),
    CONSTRAINT user_workout_session_perceived_exertion_range CHECK (perceived_exertion IS NULL OR perceived_exertion BETWEEN 1 AND 10),
    CONSTRAINT user_workout_session_notes_length CHECK (notes IS NULL OR length(notes) <= 10000),
    CONSTRAINT user_workout_session_total_volume_kg_nonnegative CHECK (total_volume_kg IS NULL OR total_volume_kg >= 0),
    CONSTRAINT user_workout_session_duration_s_range CHECK (duration_s IS NULL OR duration_s BETWEEN 0 AND 86400),
    CONSTRAINT user_workout_session_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.user_workout_session IS
    'A training session of a user, from a workout, a program''s scheduled workout, or ad hoc. At most one in-progress session per user; fitness.complete_session fills total_volume_kg and duration_s';
COMMENT ON COLUMN user_mgmt.user_workout_session.workout_id IS 'content.workout performed (foreign key added in 30_content.sql); NULL: ad hoc';
COMMENT ON COLUMN user_mgmt.user_workout_session.schedule_workout_id IS 'content.schedule_workout this session fulfils (foreign key added in 30_content.sql)';
COMMENT ON COLUMN user_mgmt.user_workout_session.program_enrollment_id IS 'Enrollment of the same user this session belongs to';
COMMENT ON COLUMN user_mgmt.user_workout_session.perceived_exertion IS 'Session RPE on the CR-10 scale (1-10)';
COMMENT ON COLUMN user_mgmt.user_workout_session.notes IS 'pii: free_text';
COMMENT ON COLUMN user_mgmt.user_workout_session.total_volume_kg IS 'Computed: sum of reps x weight of the session''s working sets';
COMMENT ON COLUMN user_mgmt.user_workout_session.duration_s IS 'Computed: seconds from started_at to ended_at';
COMMENT ON CONSTRAINT user_workout_session_name_length ON user_mgmt.user_workout_session IS 'session name is NULL or not blank and at most 200 characters';
COMMENT ON CONSTRAINT user_workout_session_status_allowed ON user_mgmt.user_workout_session IS 'session status is one of planned, in_progress, completed, abandoned';
COMMENT ON CONSTRAINT user_workout_session_started_at_required ON user_mgmt.user_workout_session IS 'a session that is not planned has a started_at';
COMMENT ON CONSTRAINT user_workout_session_ended_at_state ON user_mgmt.user_workout_session IS 'a completed session has an ended_at; a planned or in-progress one has none (an abandoned one may have either)';
COMMENT ON CONSTRAINT user_workout_session_ended_at_after_started_at ON user_mgmt.user_workout_session IS 'a session ends at or after it started';
COMMENT ON CONSTRAINT user_workout_session_perceived_exertion_range ON user_mgmt.user_workout_session IS 'perceived exertion is between 1 and 10';
COMMENT ON CONSTRAINT user_workout_session_notes_length ON user_mgmt.user_workout_session IS 'notes are at most 10000 characters';
COMMENT ON CONSTRAINT user_workout_session_total_volume_kg_nonnegative ON user_mgmt.user_workout_session IS 'total volume is not negative';
COMMENT ON CONSTRAINT user_workout_session_duration_s_range ON user_mgmt.user_workout_session IS 'duration is between 0 and 86400 seconds';
COMMENT ON CONSTRAINT user_workout_session_soft_delete_state ON user_mgmt.user_workout_session IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX user_workout_session_user_id_started_at_idx ON user_mgmt.user_workout_session (user_id, started_at DESC);
CREATE INDEX user_workout_session_workout_id_idx ON user_mgmt.user_workout_session (workout_id);
CREATE INDEX user_workout_session_schedule_workout_id_idx ON user_mgmt.user_workout_session (schedule_workout_id);
CREATE INDEX user_workout_session_program_enrollment_id_idx ON user_mgmt.user_workout_session (program_enrollment_id, user_id);
CREATE UNIQUE INDEX user_workout_session_user_id_in_progress_active_uq
    ON user_mgmt.user_workout_session (user_id) WHERE is_active AND status = 'in_progress';

-- --------------------------------------------------------------------------------------------
-- user_mgmt.user_set_log: one performed set.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.user_set_log (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    session_id          uuid NOT NULL,
    user_id             uuid NOT NULL,
    exercise_id         uuid NOT NULL,   -- FK to content.exercise added by 30_content.sql
    exercise_variant_id uuid,            -- FK to content.exercise_variant added by 30_content.sql
    workout_set_id      uuid,            -- FK to content.workout_set added by 30_content.sql
    set_index           integer NOT NULL,
    set_type            text NOT NULL DEFAULT 'normal',
    reps                integer,
    weight_kg           numeric(6,2),
    duration_s          integer,
    distance_m          numeric(9,2),
    rpe                 numeric(3,1),
    rir                 numeric(3,1),
    rest_s              integer,
    estimated_one_rm_kg numeric(7,2),
    is_personal_record  boolean NOT NULL DEFAULT false,
    performed_at        timestamptz NOT NULL DEFAULT now(),
    notes               text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT user_set_log_pkey PRIMARY KEY (id),
    CONSTRAINT user_set_log_session_id_fkey FOREIGN KEY (session_id, user_id)
        REFERENCES user_mgmt.user_workout_session (id, user_id) ON DELETE CASCADE,
    CONSTRAINT user_set_log_set_index_positive CHECK (set_index >= 1),
    CONSTRAINT user_set_log_set_type_allowed CHECK (set_type IN ('normal', 'warmup', 'drop', 'failure', 'amrap')),
    CONSTRAINT user_set_log_measure_present CHECK (num_nonnulls(reps, duration_s, distance_m) >= 1),
    CONSTRAINT user_set_log_reps_range CHECK (reps IS NULL OR reps BETWEEN 1 AND 1000),
    CONSTRAINT user_set_log_weight_kg_range CHECK (weight_kg IS NULL OR weight_kg BETWEEN 0 AND 1500),
    CONSTRAINT user_set_log_duration_s_range CHECK (duration_s IS NULL OR duration_s BETWEEN 1 AND 86400),
    CONSTRAINT user_set_log_distance_m_range CHECK (distance_m IS NULL OR distance_m BETWEEN 0 AND 1000000),
    CONSTRAINT user_set_log_rpe_half_steps CHECK (rpe IS NULL OR (rpe BETWEEN 1 AND 10 AND rpe * 2 = trunc(rpe * 2))),
    CONSTRAINT user_set_log_rir_half_steps CHECK (rir IS NULL OR (rir BETWEEN 0 AND 10 AND rir * 2 = trunc(rir * 2))),
    CONSTRAINT user_set_log_rest_s_range CHECK (rest_s IS NULL OR rest_s BETWEEN 0 AND 3600),
    CONSTRAINT user_set_log_estimated_one_rm_kg_nonnegative CHECK (estimated_one_rm_kg IS NULL OR estimated_one_rm_kg >= 0),
    CONSTRAINT user_set_log_notes_length CHECK (notes IS NULL OR length(notes) <= 2000),
    CONSTRAINT user_set_log_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.user_set_log IS
    'One performed set of a session. user_id repeats the session''s user (composite foreign key), so logs can only go into the user''s own session and RLS needs no join. Values must fit the exercise''s tracking type (trigger)';
COMMENT ON COLUMN user_mgmt.user_set_log.user_id IS 'Owner: always the user of the session (enforced by the composite foreign key)';
COMMENT ON COLUMN user_mgmt.user_set_log.exercise_id IS 'content.exercise performed (foreign key added in 30_content.sql)';
COMMENT ON COLUMN user_mgmt.user_set_log.exercise_variant_id IS 'content.exercise_variant performed, if any (foreign key added in 30_content.sql)';
COMMENT ON COLUMN user_mgmt.user_set_log.workout_set_id IS 'content.workout_set this set carries out, if planned (foreign key added in 30_content.sql)';
COMMENT ON COLUMN user_mgmt.user_set_log.set_index IS 'Order of the set within the session, from 1';
COMMENT ON COLUMN user_mgmt.user_set_log.estimated_one_rm_kg IS 'Computed when the session completes (fitness.estimate_one_rm)';
COMMENT ON COLUMN user_mgmt.user_set_log.is_personal_record IS 'Computed by fitness.complete_session';
COMMENT ON COLUMN user_mgmt.user_set_log.notes IS 'pii: free_text';
COMMENT ON CONSTRAINT user_set_log_set_index_positive ON user_mgmt.user_set_log IS 'set index starts at 1';
COMMENT ON CONSTRAINT user_set_log_set_type_allowed ON user_mgmt.user_set_log IS 'set type is one of normal, warmup, drop, failure, amrap';
COMMENT ON CONSTRAINT user_set_log_measure_present ON user_mgmt.user_set_log IS 'a set records at least one of reps, duration_s, distance_m';
COMMENT ON CONSTRAINT user_set_log_reps_range ON user_mgmt.user_set_log IS 'reps are between 1 and 1000';
COMMENT ON CONSTRAINT user_set_log_weight_kg_range ON user_mgmt.user_set_log IS 'weight is between 0 and 1500 kg';
COMMENT ON CONSTRAINT user_set_log_duration_s_range ON user_mgmt.user_set_log IS 'duration is between 1 and 86400 seconds';
COMMENT ON CONSTRAINT user_set_log_distance_m_range ON user_mgmt.user_set_log IS 'distance is between 0 and 1000000 m';
COMMENT ON CONSTRAINT user_set_log_rpe_half_steps ON user_mgmt.user_set_log IS 'RPE is between 1 and 10 in steps of 0.5';
COMMENT ON CONSTRAINT user_set_log_rir_half_steps ON user_mgmt.user_set_log IS 'RIR is between 0 and 10 in steps of 0.5';
COMMENT ON CONSTRAINT user_set_log_rest_s_range ON user_mgmt.user_set_log IS 'rest is between 0 and 3600 seconds';
COMMENT ON CONSTRAINT user_set_log_estimated_one_rm_kg_nonnegative ON user_mgmt.user_set_log IS 'estimated 1RM is not negative';
COMMENT ON CONSTRAINT user_set_log_notes_length ON user_mgmt.user_set_log IS 'notes are at most 2000 characters';
COMMENT ON CONSTRAINT user_set_log_soft_delete_state ON user_mgmt.user_set_log IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX user_set_log_session_id_idx ON user_mgmt.user_set_log (session_id, user_id);
CREATE UNIQUE INDEX user_set_log_session_id_set_index_active_uq
    ON user_mgmt.user_set_log (session_id, set_index) WHERE is_active;
CREATE INDEX user_set_log_exercise_id_idx ON user_mgmt.user_set_log (exercise_id, user_id);
CREATE INDEX user_set_log_exercise_variant_id_idx ON user_mgmt.user_set_log (exercise_variant_id);
CREATE INDEX user_set_log_workout_set_id_idx ON user_mgmt.user_set_log (workout_set_id);
CREATE INDEX user_set_log_user_id_performed_at_idx ON user_mgmt.user_set_log (user_id, performed_at DESC);

-- --------------------------------------------------------------------------------------------
-- user_mgmt.user_measurement: body metrics over time.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.user_measurement (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id     uuid NOT NULL,
    metric      text NOT NULL,
    value       numeric(10,3) NOT NULL,
    measured_at timestamptz NOT NULL DEFAULT now(),
    source      text NOT NULL DEFAULT 'manual',
    notes       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT user_measurement_pkey PRIMARY KEY (id),
    CONSTRAINT user_measurement_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT user_measurement_metric_allowed CHECK (metric IN (
        'body_weight_kg', 'body_fat_pct', 'muscle_mass_kg', 'height_cm',
        'waist_cm', 'hip_cm', 'chest_cm', 'neck_cm', 'arm_cm', 'thigh_cm', 'calf_cm',
        'resting_heart_rate_bpm', 'blood_pressure_systolic_mmhg', 'blood_pressure_diastolic_mmhg',
        'vo2max_ml_kg_min')),
    CONSTRAINT user_measurement_value_range CHECK (CASE metric
        WHEN 'body_weight_kg' THEN value BETWEEN 20 AND 500
        WHEN 'body_fat_pct' THEN value BETWEEN 1 AND 75
        WHEN 'muscle_mass_kg' THEN value BETWEEN 5 AND 250
        WHEN 'height_cm' THEN value BETWEEN 50 AND 272
        WHEN 'resting_heart_rate_bpm' THEN value BETWEEN 20 AND 250
        WHEN 'blood_pressure_systolic_mmhg' THEN value BETWEEN 50 AND 300
        WHEN 'blood_pressure_diastolic_mmhg' THEN value BETWEEN 20 AND 200
        WHEN 'vo2max_ml_kg_min' THEN value BETWEEN 5 AND 100
        ELSE value BETWEEN 5 AND 300   -- circumferences in cm
    END),
    CONSTRAINT user_measurement_source_allowed CHECK (source IN ('manual', 'device', 'import', 'coach')),
    CONSTRAINT user_measurement_notes_length CHECK (notes IS NULL OR length(notes) <= 2000),
    CONSTRAINT user_measurement_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.user_measurement IS 'Body metrics of a user over time (weight, body fat, circumferences, heart rate ...); the unit is part of the metric code';
COMMENT ON COLUMN user_mgmt.user_measurement.value IS 'pii: health';
COMMENT ON COLUMN user_mgmt.user_measurement.notes IS 'pii: free_text';
COMMENT ON CONSTRAINT user_measurement_metric_allowed ON user_mgmt.user_measurement IS 'metric is one of body_weight_kg, body_fat_pct, muscle_mass_kg, height_cm, waist_cm, hip_cm, chest_cm, neck_cm, arm_cm, thigh_cm, calf_cm, resting_heart_rate_bpm, blood_pressure_systolic_mmhg, blood_pressure_diastolic_mmhg, vo2max_ml_kg_min';
COMMENT ON CONSTRAINT user_measurement_value_range ON user_mgmt.user_measurement IS 'value is plausible for its metric: body weight 20-500 kg, body fat 1-75 %, muscle mass 5-250 kg, height 50-272 cm, resting heart rate 20-250 bpm, systolic 50-300 and diastolic 20-200 mmHg, VO2max 5-100, circumferences 5-300 cm';
COMMENT ON CONSTRAINT user_measurement_source_allowed ON user_mgmt.user_measurement IS 'source is one of manual, device, import, coach';
COMMENT ON CONSTRAINT user_measurement_notes_length ON user_mgmt.user_measurement IS 'notes are at most 2000 characters';
COMMENT ON CONSTRAINT user_measurement_soft_delete_state ON user_mgmt.user_measurement IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX user_measurement_user_id_metric_measured_at_idx
    ON user_mgmt.user_measurement (user_id, metric, measured_at DESC);
CREATE UNIQUE INDEX user_measurement_user_id_metric_measured_at_active_uq
    ON user_mgmt.user_measurement (user_id, metric, measured_at) WHERE is_active;

-- --------------------------------------------------------------------------------------------
-- Billing: user_mgmt.billing_plan, user_mgmt.subscription, user_mgmt.payment.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.billing_plan (
    id               uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    institution_id   uuid,
    code             text NOT NULL,
    name             text NOT NULL,
    description      text,
    amount           numeric(12,2) NOT NULL,
    currency         char(3) NOT NULL,
    billing_interval text NOT NULL DEFAULT 'month',
    interval_count   integer NOT NULL DEFAULT 1,
    trial_days       integer NOT NULL DEFAULT 0,
    max_members      integer,
    features         jsonb NOT NULL DEFAULT '{}',
    is_public        boolean NOT NULL DEFAULT true,
    provider         text,
    provider_ref     text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT billing_plan_pkey PRIMARY KEY (id),
    CONSTRAINT billing_plan_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE CASCADE,
    CONSTRAINT billing_plan_code_format CHECK (code ~ '^[a-z0-9][a-z0-9_]*$' AND length(code) <= 63),
    CONSTRAINT billing_plan_name_length CHECK (btrim(name) <> '' AND length(name) <= 200),
    CONSTRAINT billing_plan_amount_positive CHECK (amount > 0),
    CONSTRAINT billing_plan_currency_iso4217 CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT billing_plan_billing_interval_allowed CHECK (billing_interval IN ('day', 'week', 'month', 'year')),
    CONSTRAINT billing_plan_interval_count_range CHECK (interval_count BETWEEN 1 AND 365),
    CONSTRAINT billing_plan_trial_days_range CHECK (trial_days BETWEEN 0 AND 365),
    CONSTRAINT billing_plan_max_members_positive CHECK (max_members IS NULL OR max_members >= 1),
    CONSTRAINT billing_plan_features_object CHECK (jsonb_typeof(features) = 'object'),
    CONSTRAINT billing_plan_provider_format CHECK (provider IS NULL OR provider ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT billing_plan_provider_ref_requires_provider CHECK (provider_ref IS NULL OR provider IS NOT NULL),
    CONSTRAINT billing_plan_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.billing_plan IS
    'Prices users or institutions subscribe to: a platform plan (institution_id NULL) or a membership plan an institution sells to its members';
COMMENT ON COLUMN user_mgmt.billing_plan.amount IS 'Price per billing period (interval_count x billing_interval), in currency';
COMMENT ON COLUMN user_mgmt.billing_plan.max_members IS 'For institution plans: members allowed; NULL: unlimited';
COMMENT ON COLUMN user_mgmt.billing_plan.provider_ref IS 'Price id at the payment provider (e.g. Stripe price_...)';
COMMENT ON CONSTRAINT billing_plan_code_format ON user_mgmt.billing_plan IS 'plan code is lower-case snake_case, at most 63 characters';
COMMENT ON CONSTRAINT billing_plan_name_length ON user_mgmt.billing_plan IS 'plan name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT billing_plan_amount_positive ON user_mgmt.billing_plan IS 'plan amount is positive';
COMMENT ON CONSTRAINT billing_plan_currency_iso4217 ON user_mgmt.billing_plan IS 'currency is an ISO 4217 code: three upper-case letters';
COMMENT ON CONSTRAINT billing_plan_billing_interval_allowed ON user_mgmt.billing_plan IS 'billing interval is one of day, week, month, year';
COMMENT ON CONSTRAINT billing_plan_interval_count_range ON user_mgmt.billing_plan IS 'interval count is between 1 and 365';
COMMENT ON CONSTRAINT billing_plan_trial_days_range ON user_mgmt.billing_plan IS 'trial days are between 0 and 365';
COMMENT ON CONSTRAINT billing_plan_max_members_positive ON user_mgmt.billing_plan IS 'max_members is NULL (unlimited) or at least 1';
COMMENT ON CONSTRAINT billing_plan_features_object ON user_mgmt.billing_plan IS 'features is a JSON object';
COMMENT ON CONSTRAINT billing_plan_provider_format ON user_mgmt.billing_plan IS 'provider is a lower-case snake_case name (stripe, paddle, manual ...)';
COMMENT ON CONSTRAINT billing_plan_provider_ref_requires_provider ON user_mgmt.billing_plan IS 'a provider reference needs a provider';
COMMENT ON CONSTRAINT billing_plan_soft_delete_state ON user_mgmt.billing_plan IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX billing_plan_institution_id_idx ON user_mgmt.billing_plan (institution_id);
CREATE UNIQUE INDEX billing_plan_institution_id_code_active_uq
    ON user_mgmt.billing_plan (institution_id, code) NULLS NOT DISTINCT WHERE is_active;
CREATE UNIQUE INDEX billing_plan_provider_provider_ref_active_uq
    ON user_mgmt.billing_plan (provider, provider_ref) WHERE is_active AND provider_ref IS NOT NULL;

CREATE TABLE user_mgmt.subscription (
    id                   uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id              uuid,
    institution_id       uuid,
    billing_plan_id      uuid NOT NULL,
    status               text NOT NULL DEFAULT 'active',
    quantity             integer NOT NULL DEFAULT 1,
    current_period_start timestamptz NOT NULL DEFAULT now(),
    current_period_end   timestamptz,
    trial_end            timestamptz,
    cancel_at            timestamptz,
    canceled_at          timestamptz,
    ended_at             timestamptz,
    provider             text NOT NULL DEFAULT 'manual',
    provider_ref         text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT subscription_pkey PRIMARY KEY (id),
    CONSTRAINT subscription_id_user_id_key UNIQUE (id, user_id),
    CONSTRAINT subscription_id_institution_id_key UNIQUE (id, institution_id),
    CONSTRAINT subscription_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE RESTRICT,
    CONSTRAINT subscription_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE RESTRICT,
    CONSTRAINT subscription_billing_plan_id_fkey FOREIGN KEY (billing_plan_id)
        REFERENCES user_mgmt.billing_plan (id) ON DELETE RESTRICT,
    CONSTRAINT subscription_subscriber_exactly_one CHECK (num_nonnulls(user_id, institution_id) = 1),
    CONSTRAINT subscription_status_allowed CHECK (status IN ('trialing', 'active', 'past_due', 'canceled', 'expired')),
    CONSTRAINT subscription_quantity_positive CHECK (quantity >= 1),
    CONSTRAINT subscription_current_period_end_after_start CHECK (current_period_end IS NULL OR current_period_end > current_period_start),
    CONSTRAINT subscription_trial_end_required CHECK (status <> 'trialing' OR trial_end IS NOT NULL),
    CONSTRAINT subscription_canceled_at_required CHECK (status <> 'canceled' OR canceled_at IS NOT NULL),
    CONSTRAINT subscription_ended_at_required CHECK (status <> 'expired' OR ended_at IS NOT NULL),
    CONSTRAINT subscription_provider_format CHECK (provider ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT subscription_provider_ref_not_blank CHECK (provider_ref IS NULL OR (btrim(provider_ref) <> '' AND length(provider_ref) <= 255)),
    CONSTRAINT subscription_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.subscription IS
    'A subscriber (exactly one of user_id, institution_id) on a billing plan. Status moves along core.status_transition (domain subscription); one open subscription per subscriber and plan. Financial record: references are RESTRICT, erasure anonymizes';
COMMENT ON COLUMN user_mgmt.subscription.quantity IS 'Seats or units billed';
COMMENT ON COLUMN user_mgmt.subscription.provider_ref IS 'pii: payment_ref';
COMMENT ON CONSTRAINT subscription_subscriber_exactly_one ON user_mgmt.subscription IS 'the subscriber is exactly one of user_id and institution_id';
COMMENT ON CONSTRAINT subscription_status_allowed ON user_mgmt.subscription IS 'subscription status is one of trialing, active, past_due, canceled, expired';
COMMENT ON CONSTRAINT subscription_quantity_positive ON user_mgmt.subscription IS 'quantity is at least 1';
COMMENT ON CONSTRAINT subscription_current_period_end_after_start ON user_mgmt.subscription IS 'the current period ends after it starts';
COMMENT ON CONSTRAINT subscription_trial_end_required ON user_mgmt.subscription IS 'a trialing subscription has a trial_end';
COMMENT ON CONSTRAINT subscription_canceled_at_required ON user_mgmt.subscription IS 'a canceled subscription has a canceled_at';
COMMENT ON CONSTRAINT subscription_ended_at_required ON user_mgmt.subscription IS 'an expired subscription has an ended_at';
COMMENT ON CONSTRAINT subscription_provider_format ON user_mgmt.subscription IS 'provider is a lower-case snake_case name (stripe, paddle, manual ...)';
COMMENT ON CONSTRAINT subscription_provider_ref_not_blank ON user_mgmt.subscription IS 'provider reference is NULL or not blank and at most 255 characters';
COMMENT ON CONSTRAINT subscription_soft_delete_state ON user_mgmt.subscription IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX subscription_user_id_idx ON user_mgmt.subscription (user_id);
CREATE INDEX subscription_institution_id_idx ON user_mgmt.subscription (institution_id);
CREATE INDEX subscription_billing_plan_id_idx ON user_mgmt.subscription (billing_plan_id);
CREATE UNIQUE INDEX subscription_provider_provider_ref_active_uq
    ON user_mgmt.subscription (provider, provider_ref) WHERE is_active AND provider_ref IS NOT NULL;
CREATE UNIQUE INDEX subscription_user_id_billing_plan_id_active_uq
    ON user_mgmt.subscription (user_id, billing_plan_id)
    WHERE is_active AND user_id IS NOT NULL AND status IN ('trialing', 'active', 'past_due');
CREATE UNIQUE INDEX subscription_institution_id_billing_plan_id_active_uq
    ON user_mgmt.subscription (institution_id, billing_plan_id)
    WHERE is_active AND institution_id IS NOT NULL AND status IN ('trialing', 'active', 'past_due');

CREATE TABLE user_mgmt.payment (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    subscription_id uuid NOT NULL,
    user_id         uuid,
    institution_id  uuid,
    amount          numeric(12,2) NOT NULL,
    currency        char(3) NOT NULL,
    status          text NOT NULL DEFAULT 'pending',
    description     text,
    period_start    timestamptz,
    period_end      timestamptz,
    paid_at         timestamptz,
    refunded_at     timestamptz,
    amount_refunded numeric(12,2) NOT NULL DEFAULT 0,
    provider        text NOT NULL DEFAULT 'manual',
    provider_ref    text,
    card_brand      text,
    card_last4      text,
    failure_code    text,
    failure_reason  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT payment_pkey PRIMARY KEY (id),
    CONSTRAINT payment_subscription_id_user_id_fkey FOREIGN KEY (subscription_id, user_id)
        REFERENCES user_mgmt.subscription (id, user_id) ON DELETE RESTRICT,
    CONSTRAINT payment_subscription_id_institution_id_fkey FOREIGN KEY (subscription_id, institution_id)
        REFERENCES user_mgmt.subscription (id, institution_id) ON DELETE RESTRICT,
    CONSTRAINT payment_payer_exactly_one CHECK (num_nonnulls(user_id, institution_id) = 1),
    CONSTRAINT payment_amount_positive CHECK (amount > 0),
    CONSTRAINT payment_currency_iso4217 CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT payment_status_allowed CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded')),
    CONSTRAINT payment_paid_at_required CHECK (status NOT IN ('succeeded', 'refunded') OR paid_at IS NOT NULL),
    CONSTRAINT payment_refunded_at_state CHECK ((status = 'refunded') = (refunded_at IS NOT NULL)),
    CONSTRAINT payment_amount_refunded_range CHECK (amount_refunded >= 0 AND amount_refunded <= amount),
    CONSTRAINT payment_period_end_after_start CHECK (period_end IS NULL OR period_start IS NULL OR period_end > period_start),
    CONSTRAINT payment_provider_format CHECK (provider ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT payment_provider_ref_not_blank CHECK (provider_ref IS NULL OR (btrim(provider_ref) <> '' AND length(provider_ref) <= 255)),
    CONSTRAINT payment_card_last4_digits CHECK (card_last4 IS NULL OR card_last4 ~ '^[0-9]{4}$'),
    CONSTRAINT payment_failure_reason_length CHECK (failure_reason IS NULL OR length(failure_reason) <= 2000),
    CONSTRAINT payment_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.payment IS
    'A charge of a subscription. user_id / institution_id repeat the subscription''s subscriber (composite foreign keys). provider_ref is unique per provider so webhooks are idempotent; currency equals the plan''s (trigger). Kept (anonymized) on erasure as the law requires';
COMMENT ON COLUMN user_mgmt.payment.provider_ref IS 'pii: payment_ref';
COMMENT ON COLUMN user_mgmt.payment.card_brand IS 'pii: payment_ref';
COMMENT ON COLUMN user_mgmt.payment.card_last4 IS 'pii: payment_ref';
COMMENT ON CONSTRAINT payment_payer_exactly_one ON user_mgmt.payment IS 'the payer is exactly one of user_id and institution_id, the subscription''s subscriber';
COMMENT ON CONSTRAINT payment_amount_positive ON user_mgmt.payment IS 'payment amount is positive';
COMMENT ON CONSTRAINT payment_currency_iso4217 ON user_mgmt.payment IS 'currency is an ISO 4217 code: three upper-case letters';
COMMENT ON CONSTRAINT payment_status_allowed ON user_mgmt.payment IS 'payment status is one of pending, succeeded, failed, refunded';
COMMENT ON CONSTRAINT payment_paid_at_required ON user_mgmt.payment IS 'a succeeded or refunded payment has a paid_at';
COMMENT ON CONSTRAINT payment_refunded_at_state ON user_mgmt.payment IS 'refunded_at is set exactly when the payment is refunded';
COMMENT ON CONSTRAINT payment_amount_refunded_range ON user_mgmt.payment IS 'refunded amount is between 0 and the payment amount';
COMMENT ON CONSTRAINT payment_period_end_after_start ON user_mgmt.payment IS 'the billed period ends after it starts';
COMMENT ON CONSTRAINT payment_provider_format ON user_mgmt.payment IS 'provider is a lower-case snake_case name (stripe, paddle, manual ...)';
COMMENT ON CONSTRAINT payment_provider_ref_not_blank ON user_mgmt.payment IS 'provider reference is NULL or not blank and at most 255 characters';
COMMENT ON CONSTRAINT payment_card_last4_digits ON user_mgmt.payment IS 'card_last4 is four digits';
COMMENT ON CONSTRAINT payment_failure_reason_length ON user_mgmt.payment IS 'failure reason is at most 2000 characters';
COMMENT ON CONSTRAINT payment_soft_delete_state ON user_mgmt.payment IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX payment_subscription_id_user_id_idx ON user_mgmt.payment (subscription_id, user_id);
CREATE INDEX payment_subscription_id_institution_id_idx ON user_mgmt.payment (subscription_id, institution_id);
CREATE INDEX payment_user_id_idx ON user_mgmt.payment (user_id);
CREATE INDEX payment_institution_id_idx ON user_mgmt.payment (institution_id);
CREATE UNIQUE INDEX payment_provider_provider_ref_active_uq
    ON user_mgmt.payment (provider, provider_ref) WHERE is_active AND provider_ref IS NOT NULL;
-- content: equipment, media, exercises, workouts, programs, goals (DOMAINS.md "content").
-- Conventions: schema/README.md. Business rules that need more than one row (dense
-- positions, tracking type of the exercise, week_number <= duration_weeks, ...) are C++
-- triggers added later; the CHECKs here are the single-row part of those rules.
-- Needs core.category, core.muscle (10_core.sql) and user_mgmt.app_user,
-- user_mgmt.institution (20_user_mgmt.sql). The foreign keys from user_mgmt into content
-- are added at the end of this file.

------------------------------------------------------------------------------------------
-- equipment
------------------------------------------------------------------------------------------
CREATE TABLE content.equipment_category (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code        text NOT NULL,
    name        text NOT NULL,
    description text,
    sort_order  integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT equipment_category_pkey PRIMARY KEY (id),
    CONSTRAINT equipment_category_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT equipment_category_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT equipment_category_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.equipment_category IS 'Groups of the equipment catalogue (free weights, machines, ...)';
COMMENT ON CONSTRAINT equipment_category_code_format ON content.equipment_category IS 'code is snake_case: a lower-case letter, then lower-case letters, digits or _, at most 63 characters';
COMMENT ON CONSTRAINT equipment_category_name_length ON content.equipment_category IS 'name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT equipment_category_soft_delete_state ON content.equipment_category IS 'is_active is false exactly when deleted_at is set';
CREATE UNIQUE INDEX equipment_category_code_active_uq ON content.equipment_category (code) WHERE is_active;

CREATE TABLE content.equipment (
    id                    uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    equipment_category_id uuid NOT NULL,
    code                  text NOT NULL,
    name                  text NOT NULL,
    description           text,
    source_names          text[] NOT NULL DEFAULT '{}',
    sort_order            integer NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    created_by            uuid,
    updated_by            uuid,
    is_active             boolean NOT NULL DEFAULT true,
    deleted_at            timestamptz,
    deleted_by            uuid,
    CONSTRAINT equipment_pkey PRIMARY KEY (id),
    CONSTRAINT equipment_equipment_category_id_fkey FOREIGN KEY (equipment_category_id)
        REFERENCES content.equipment_category (id) ON DELETE RESTRICT,
    CONSTRAINT equipment_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT equipment_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT equipment_source_names_lowercase CHECK (
        array_position(source_names, NULL) IS NULL
        AND source_names::text = lower(source_names::text)),
    CONSTRAINT equipment_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.equipment IS 'Platform catalogue of training equipment';
COMMENT ON COLUMN content.equipment.source_names IS 'Lower-case names this equipment has in import sources (free-exercise-db "body only", wger "none (bodyweight exercise)"); fitness.import_exercises maps source equipment through code or these names';
COMMENT ON CONSTRAINT equipment_code_format ON content.equipment IS 'code is snake_case: a lower-case letter, then lower-case letters, digits or _, at most 63 characters';
COMMENT ON CONSTRAINT equipment_name_length ON content.equipment IS 'name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT equipment_source_names_lowercase ON content.equipment IS 'source_names holds lower-case names and no NULL';
COMMENT ON CONSTRAINT equipment_soft_delete_state ON content.equipment IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX equipment_equipment_category_id_idx ON content.equipment (equipment_category_id);
CREATE UNIQUE INDEX equipment_code_active_uq ON content.equipment (code) WHERE is_active;
CREATE INDEX equipment_source_names_idx ON content.equipment USING gin (source_names);

------------------------------------------------------------------------------------------
-- media
------------------------------------------------------------------------------------------
CREATE TABLE content.media_type (
    id                 uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code               text NOT NULL,
    name               text NOT NULL,
    allowed_mime_types text[] NOT NULL,
    max_bytes          bigint NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    created_by         uuid,
    updated_by         uuid,
    is_active          boolean NOT NULL DEFAULT true,
    deleted_at         timestamptz,
    deleted_by         uuid,
    CONSTRAINT media_type_pkey PRIMARY KEY (id),
    CONSTRAINT media_type_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT media_type_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT media_type_allowed_mime_types_format CHECK (
        cardinality(allowed_mime_types) >= 1
        AND array_position(allowed_mime_types, NULL) IS NULL
        AND array_to_string(allowed_mime_types, ',')
            ~ '^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*(,[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*)*$'),
    CONSTRAINT media_type_max_bytes_positive CHECK (max_bytes > 0),
    CONSTRAINT media_type_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.media_type IS 'Kinds of media (image, video, audio, document): the MIME types and the size each accepts';
COMMENT ON CONSTRAINT media_type_code_format ON content.media_type IS 'code is snake_case: a lower-case letter, then lower-case letters, digits or _, at most 63 characters';
COMMENT ON CONSTRAINT media_type_name_length ON content.media_type IS 'name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT media_type_allowed_mime_types_format ON content.media_type IS 'allowed_mime_types lists at least one lower-case MIME type of the form type/subtype and no NULL';
COMMENT ON CONSTRAINT media_type_max_bytes_positive ON content.media_type IS 'max_bytes is greater than 0';
COMMENT ON CONSTRAINT media_type_soft_delete_state ON content.media_type IS 'is_active is false exactly when deleted_at is set';
CREATE UNIQUE INDEX media_type_code_active_uq ON content.media_type (code) WHERE is_active;

CREATE TABLE content.media (
    id                uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    media_type_id     uuid NOT NULL,
    owner_id          uuid,
    institution_id    uuid,
    visibility        text NOT NULL DEFAULT 'private',
    storage_key       text NOT NULL,
    original_filename text,
    mime_type         text NOT NULL,
    byte_size         bigint,
    width             integer,
    height            integer,
    duration_s        numeric(10,3),
    sha256            text,
    status            text NOT NULL DEFAULT 'uploading',
    alt_text          text,
    license           text,
    attribution       text,
    source_url        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    created_by        uuid,
    updated_by        uuid,
    is_active         boolean NOT NULL DEFAULT true,
    deleted_at        timestamptz,
    deleted_by        uuid,
    CONSTRAINT media_pkey PRIMARY KEY (id),
    CONSTRAINT media_media_type_id_fkey FOREIGN KEY (media_type_id)
        REFERENCES content.media_type (id) ON DELETE RESTRICT,
    CONSTRAINT media_owner_id_fkey FOREIGN KEY (owner_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE RESTRICT,
    CONSTRAINT media_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE RESTRICT,
    CONSTRAINT media_visibility_allowed CHECK (visibility IN ('private', 'institution', 'public')),
    CONSTRAINT media_visibility_institution_scope CHECK (visibility <> 'institution' OR institution_id IS NOT NULL),
    CONSTRAINT media_storage_key_length CHECK (char_length(storage_key) BETWEEN 1 AND 1024),
    CONSTRAINT media_mime_type_format CHECK (
        mime_type ~ '^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$'),
    CONSTRAINT media_byte_size_non_negative CHECK (byte_size >= 0),
    CONSTRAINT media_width_positive CHECK (width > 0),
    CONSTRAINT media_height_positive CHECK (height > 0),
    CONSTRAINT media_duration_s_non_negative CHECK (duration_s >= 0),
    CONSTRAINT media_sha256_hex CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT media_status_allowed CHECK (status IN ('uploading', 'ready', 'failed')),
    CONSTRAINT media_status_ready_complete CHECK (status <> 'ready' OR (byte_size IS NOT NULL AND sha256 IS NOT NULL)),
    CONSTRAINT media_source_url_http CHECK (source_url ~ '^https?://'),
    CONSTRAINT media_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.media IS 'Stored files (exercise images and videos, user uploads); owner_id NULL = platform library';
COMMENT ON COLUMN content.media.owner_id IS 'Uploading user; NULL for platform library media';
COMMENT ON COLUMN content.media.storage_key IS 'pii: user_file (object-store key of the file; for user uploads the file itself is personal data and is deleted on erasure)';
COMMENT ON COLUMN content.media.original_filename IS 'pii: free_text';
COMMENT ON COLUMN content.media.alt_text IS 'pii: free_text';
COMMENT ON COLUMN content.media.sha256 IS 'Lower-case hex SHA-256 of the stored bytes (deduplication, integrity)';
COMMENT ON CONSTRAINT media_visibility_allowed ON content.media IS 'visibility is one of private, institution, public';
COMMENT ON CONSTRAINT media_visibility_institution_scope ON content.media IS 'institution visibility needs an institution_id';
COMMENT ON CONSTRAINT media_storage_key_length ON content.media IS 'storage_key is 1 to 1024 characters';
COMMENT ON CONSTRAINT media_mime_type_format ON content.media IS 'mime_type is a lower-case MIME type of the form type/subtype';
COMMENT ON CONSTRAINT media_byte_size_non_negative ON content.media IS 'byte_size is 0 or more';
COMMENT ON CONSTRAINT media_width_positive ON content.media IS 'width in pixels is greater than 0';
COMMENT ON CONSTRAINT media_height_positive ON content.media IS 'height in pixels is greater than 0';
COMMENT ON CONSTRAINT media_duration_s_non_negative ON content.media IS 'duration_s is 0 or more seconds';
COMMENT ON CONSTRAINT media_sha256_hex ON content.media IS 'sha256 is 64 lower-case hexadecimal digits';
COMMENT ON CONSTRAINT media_status_allowed ON content.media IS 'status is one of uploading, ready, failed';
COMMENT ON CONSTRAINT media_status_ready_complete ON content.media IS 'a ready media row has its byte_size and sha256';
COMMENT ON CONSTRAINT media_source_url_http ON content.media IS 'source_url is an http or https URL';
COMMENT ON CONSTRAINT media_soft_delete_state ON content.media IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX media_media_type_id_idx ON content.media (media_type_id);
CREATE INDEX media_owner_id_idx ON content.media (owner_id);
CREATE INDEX media_institution_id_idx ON content.media (institution_id);
CREATE UNIQUE INDEX media_storage_key_active_uq ON content.media (storage_key) WHERE is_active;
CREATE INDEX media_sha256_idx ON content.media (sha256) WHERE sha256 IS NOT NULL;

CREATE TABLE content.media_metadata (
    id         uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    media_id   uuid NOT NULL,
    key        text NOT NULL,
    value      jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    updated_by uuid,
    is_active  boolean NOT NULL DEFAULT true,
    deleted_at timestamptz,
    deleted_by uuid,
    CONSTRAINT media_metadata_pkey PRIMARY KEY (id),
    CONSTRAINT media_metadata_media_id_fkey FOREIGN KEY (media_id)
        REFERENCES content.media (id) ON DELETE CASCADE,
    CONSTRAINT media_metadata_key_format CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$'),
    CONSTRAINT media_metadata_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.media_metadata IS 'Key/value metadata of a media file (EXIF, codec, transcoding results)';
COMMENT ON COLUMN content.media_metadata.value IS 'pii: location (EXIF of user uploads can hold GPS position and device data)';
COMMENT ON CONSTRAINT media_metadata_key_format ON content.media_metadata IS 'key is 1 to 128 characters of letters, digits, _ . : -, starting with a letter or digit';
COMMENT ON CONSTRAINT media_metadata_soft_delete_state ON content.media_metadata IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX media_metadata_media_id_idx ON content.media_metadata (media_id);
CREATE UNIQUE INDEX media_metadata_media_id_key_active_uq ON content.media_metadata (media_id, key) WHERE is_active;

------------------------------------------------------------------------------------------
-- exercise
------------------------------------------------------------------------------------------
CREATE TABLE content.exercise (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    slug           text NOT NULL,
    name           text NOT NULL,
    description    text,
    instructions   text[] NOT NULL DEFAULT '{}',
    language_code  text NOT NULL DEFAULT 'en',
    category_id    uuid,
    mechanic       text,
    force          text,
    level          text,
    tracking_type  text NOT NULL DEFAULT 'reps_weight',
    load_mode      text NOT NULL DEFAULT 'external',
    is_unilateral  boolean NOT NULL DEFAULT false,
    owner_id       uuid,
    institution_id uuid,
    visibility     text NOT NULL DEFAULT 'private',
    status         text NOT NULL DEFAULT 'draft',
    license_code   text,
    license_author text,
    source         text,
    source_ref     text,
    source_url     text,
    search_vector  tsvector,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    created_by     uuid,
    updated_by     uuid,
    is_active      boolean NOT NULL DEFAULT true,
    deleted_at     timestamptz,
    deleted_by     uuid,
    CONSTRAINT exercise_pkey PRIMARY KEY (id),
    CONSTRAINT exercise_category_id_fkey FOREIGN KEY (category_id)
        REFERENCES core.category (id) ON DELETE RESTRICT,
    CONSTRAINT exercise_owner_id_fkey FOREIGN KEY (owner_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE RESTRICT,
    CONSTRAINT exercise_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE RESTRICT,
    CONSTRAINT exercise_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(slug) <= 128),
    CONSTRAINT exercise_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT exercise_instructions_no_nulls CHECK (array_position(instructions, NULL) IS NULL),
    CONSTRAINT exercise_language_code_bcp47 CHECK (language_code ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$'),
    CONSTRAINT exercise_mechanic_allowed CHECK (mechanic IN ('compound', 'isolation')),
    CONSTRAINT exercise_force_allowed CHECK (force IN ('push', 'pull', 'static')),
    CONSTRAINT exercise_level_allowed CHECK (level IN ('beginner', 'intermediate', 'expert')),
    CONSTRAINT exercise_tracking_type_allowed CHECK (
        tracking_type IN ('reps_weight', 'reps', 'duration', 'distance', 'duration_distance')),
    CONSTRAINT exercise_load_mode_allowed CHECK (load_mode IN ('external', 'bodyweight', 'assisted')),
    CONSTRAINT exercise_visibility_allowed CHECK (visibility IN ('private', 'institution', 'public')),
    CONSTRAINT exercise_visibility_institution_scope CHECK (visibility <> 'institution' OR institution_id IS NOT NULL),
    CONSTRAINT exercise_status_allowed CHECK (status IN ('draft', 'published', 'archived')),
    CONSTRAINT exercise_source_format CHECK (source ~ '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    CONSTRAINT exercise_source_ref_pair CHECK ((source IS NULL) = (source_ref IS NULL)),
    CONSTRAINT exercise_source_url_http CHECK (source_url ~ '^https?://'),
    CONSTRAINT exercise_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.exercise IS 'Exercise library: platform rows (owner_id and institution_id NULL), institution rows and user rows';
COMMENT ON COLUMN content.exercise.slug IS 'URL name; unique among active rows of the same scope: platform library, one institution''s library, one user''s exercises';
COMMENT ON COLUMN content.exercise.name IS 'Name in language_code; other languages live in platform.translation';
COMMENT ON COLUMN content.exercise.instructions IS 'Ordered instruction steps in language_code';
COMMENT ON COLUMN content.exercise.language_code IS 'Language (BCP 47) of name, description and instructions';
COMMENT ON COLUMN content.exercise.tracking_type IS 'What a performed set records: reps_weight, reps, duration, distance, duration_distance';
COMMENT ON COLUMN content.exercise.load_mode IS 'external load, bodyweight, or assisted (load reduces the bodyweight)';
COMMENT ON COLUMN content.exercise.owner_id IS 'Creating user; NULL = platform or institution library';
COMMENT ON COLUMN content.exercise.source IS 'Import source (free-exercise-db, wger); with source_ref the idempotency key of fitness.import_exercises';
COMMENT ON COLUMN content.exercise.source_ref IS 'Id of the exercise in its import source';
COMMENT ON COLUMN content.exercise.search_vector IS 'Full-text search document (names, aliases, description), maintained by trigger';
COMMENT ON CONSTRAINT exercise_slug_format ON content.exercise IS 'slug is lower-case letters and digits in words joined by single hyphens, at most 128 characters';
COMMENT ON CONSTRAINT exercise_name_length ON content.exercise IS 'name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT exercise_instructions_no_nulls ON content.exercise IS 'instructions holds no NULL step';
COMMENT ON CONSTRAINT exercise_language_code_bcp47 ON content.exercise IS 'language code is a BCP 47 tag language[-Script][-REGION] (e.g. en, pt-BR, zh-Hant, es-419)';
COMMENT ON CONSTRAINT exercise_mechanic_allowed ON content.exercise IS 'mechanic is compound or isolation';
COMMENT ON CONSTRAINT exercise_force_allowed ON content.exercise IS 'force is push, pull or static';
COMMENT ON CONSTRAINT exercise_level_allowed ON content.exercise IS 'level is beginner, intermediate or expert';
COMMENT ON CONSTRAINT exercise_tracking_type_allowed ON content.exercise IS 'tracking_type is one of reps_weight, reps, duration, distance, duration_distance';
COMMENT ON CONSTRAINT exercise_load_mode_allowed ON content.exercise IS 'load_mode is external, bodyweight or assisted';
COMMENT ON CONSTRAINT exercise_visibility_allowed ON content.exercise IS 'visibility is one of private, institution, public';
COMMENT ON CONSTRAINT exercise_visibility_institution_scope ON content.exercise IS 'institution visibility needs an institution_id';
COMMENT ON CONSTRAINT exercise_status_allowed ON content.exercise IS 'status is draft, published or archived';
COMMENT ON CONSTRAINT exercise_source_format ON content.exercise IS 'source is a lower-case source code such as free-exercise-db or wger';
COMMENT ON CONSTRAINT exercise_source_ref_pair ON content.exercise IS 'source and source_ref are both set or both NULL';
COMMENT ON CONSTRAINT exercise_source_url_http ON content.exercise IS 'source_url is an http or https URL';
COMMENT ON CONSTRAINT exercise_soft_delete_state ON content.exercise IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX exercise_category_id_idx ON content.exercise (category_id);
CREATE INDEX exercise_owner_id_idx ON content.exercise (owner_id);
CREATE INDEX exercise_institution_id_idx ON content.exercise (institution_id);
-- Slug scopes: the platform library, an institution's library (no owner), a user's own.
CREATE UNIQUE INDEX exercise_slug_platform_active_uq ON content.exercise (slug)
    WHERE is_active AND owner_id IS NULL AND institution_id IS NULL;
CREATE UNIQUE INDEX exercise_institution_id_slug_active_uq ON content.exercise (institution_id, slug)
    WHERE is_active AND owner_id IS NULL AND institution_id IS NOT NULL;
CREATE UNIQUE INDEX exercise_owner_id_slug_active_uq ON content.exercise (owner_id, slug)
    WHERE is_active AND owner_id IS NOT NULL;
CREATE UNIQUE INDEX exercise_source_source_ref_active_uq ON content.exercise (source, source_ref)
    WHERE is_active AND source IS NOT NULL;
CREATE INDEX exercise_institution_id_visibility_active_idx ON content.exercise (institution_id, visibility)
    WHERE is_active;
CREATE INDEX exercise_visibility_status_active_idx ON content.exercise (visibility, status)
    WHERE is_active;
CREATE INDEX exercise_search_vector_idx ON content.exercise USING gin (search_vector);

CREATE TABLE content.exercise_muscle (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    exercise_id uuid NOT NULL,
    muscle_id   uuid NOT NULL,
    role        text NOT NULL DEFAULT 'primary',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT exercise_muscle_pkey PRIMARY KEY (id),
    CONSTRAINT exercise_muscle_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE CASCADE,
    CONSTRAINT exercise_muscle_muscle_id_fkey FOREIGN KEY (muscle_id)
        REFERENCES core.muscle (id) ON DELETE RESTRICT,
    CONSTRAINT exercise_muscle_role_allowed CHECK (role IN ('primary', 'secondary')),
    CONSTRAINT exercise_muscle_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.exercise_muscle IS 'Muscles an exercise works, primary or secondary';
COMMENT ON CONSTRAINT exercise_muscle_role_allowed ON content.exercise_muscle IS 'role is primary or secondary';
COMMENT ON CONSTRAINT exercise_muscle_soft_delete_state ON content.exercise_muscle IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX exercise_muscle_exercise_id_idx ON content.exercise_muscle (exercise_id);
CREATE INDEX exercise_muscle_muscle_id_idx ON content.exercise_muscle (muscle_id);
CREATE UNIQUE INDEX exercise_muscle_exercise_id_muscle_id_active_uq ON content.exercise_muscle (exercise_id, muscle_id)
    WHERE is_active;

CREATE TABLE content.exercise_equipment (
    id           uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    exercise_id  uuid NOT NULL,
    equipment_id uuid NOT NULL,
    is_required  boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   uuid,
    updated_by   uuid,
    is_active    boolean NOT NULL DEFAULT true,
    deleted_at   timestamptz,
    deleted_by   uuid,
    CONSTRAINT exercise_equipment_pkey PRIMARY KEY (id),
    CONSTRAINT exercise_equipment_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE CASCADE,
    CONSTRAINT exercise_equipment_equipment_id_fkey FOREIGN KEY (equipment_id)
        REFERENCES content.equipment (id) ON DELETE RESTRICT,
    CONSTRAINT exercise_equipment_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.exercise_equipment IS 'Equipment an exercise uses';
COMMENT ON CONSTRAINT exercise_equipment_soft_delete_state ON content.exercise_equipment IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX exercise_equipment_exercise_id_idx ON content.exercise_equipment (exercise_id);
CREATE INDEX exercise_equipment_equipment_id_idx ON content.exercise_equipment (equipment_id);
CREATE UNIQUE INDEX exercise_equipment_exercise_id_equipment_id_active_uq
    ON content.exercise_equipment (exercise_id, equipment_id) WHERE is_active;

CREATE TABLE content.exercise_alias (
    id            uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    exercise_id   uuid NOT NULL,
    language_code text NOT NULL,
    alias         text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    created_by    uuid,
    updated_by    uuid,
    is_active     boolean NOT NULL DEFAULT true,
    deleted_at    timestamptz,
    deleted_by    uuid,
    CONSTRAINT exercise_alias_pkey PRIMARY KEY (id),
    CONSTRAINT exercise_alias_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE CASCADE,
    CONSTRAINT exercise_alias_language_code_bcp47 CHECK (language_code ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$'),
    CONSTRAINT exercise_alias_alias_length CHECK (char_length(btrim(alias)) BETWEEN 1 AND 200),
    CONSTRAINT exercise_alias_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.exercise_alias IS 'Other names of an exercise per language, used by search';
COMMENT ON CONSTRAINT exercise_alias_language_code_bcp47 ON content.exercise_alias IS 'language code is a BCP 47 tag language[-Script][-REGION] (e.g. en, pt-BR, zh-Hant, es-419)';
COMMENT ON CONSTRAINT exercise_alias_alias_length ON content.exercise_alias IS 'alias is not blank and at most 200 characters';
COMMENT ON CONSTRAINT exercise_alias_soft_delete_state ON content.exercise_alias IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX exercise_alias_exercise_id_idx ON content.exercise_alias (exercise_id);
CREATE UNIQUE INDEX exercise_alias_exercise_id_language_code_alias_active_uq
    ON content.exercise_alias (exercise_id, language_code, lower(alias)) WHERE is_active;

-- Trigram indexes: pg_trgm's operator class lives in whatever schema pg_trgm was
-- installed into, so it is looked up rather than assumed.
DO $trgm$
DECLARE
    opc_schema name;
BEGIN
    SELECT n.nspname INTO opc_schema
      FROM pg_catalog.pg_opclass o
      JOIN pg_catalog.pg_namespace n ON n.oid = o.opcnamespace
     WHERE o.opcname = 'gin_trgm_ops'
       AND o.opcmethod = (SELECT a.oid FROM pg_catalog.pg_am a WHERE a.amname = 'gin')
     ORDER BY (o.opcnamespace = (SELECT e.extnamespace FROM pg_catalog.pg_extension e
                                  WHERE e.extname = 'pg_trgm')) DESC NULLS LAST
     LIMIT 1;
    IF opc_schema IS NULL THEN
        RAISE EXCEPTION 'fitness needs the pg_trgm extension (operator class gin_trgm_ops not found)'
            USING ERRCODE = 'undefined_object',
                  HINT = 'CREATE EXTENSION fitness CASCADE installs it.';
    END IF;
    EXECUTE pg_catalog.format(
        'CREATE INDEX exercise_name_trgm_idx ON content.exercise USING gin (name %I.gin_trgm_ops)',
        opc_schema);
    EXECUTE pg_catalog.format(
        'CREATE INDEX exercise_alias_alias_trgm_idx ON content.exercise_alias USING gin (alias %I.gin_trgm_ops)',
        opc_schema);
END
$trgm$;

CREATE TABLE content.exercise_variant (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    exercise_id         uuid NOT NULL,
    base_exercise_id    uuid NOT NULL,
    variant_type        text NOT NULL,
    difficulty_delta    smallint NOT NULL DEFAULT 0,
    accessibility_notes text,
    notes               text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT exercise_variant_pkey PRIMARY KEY (id),
    CONSTRAINT exercise_variant_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE CASCADE,
    CONSTRAINT exercise_variant_base_exercise_id_fkey FOREIGN KEY (base_exercise_id)
        REFERENCES content.exercise (id) ON DELETE CASCADE,
    CONSTRAINT exercise_variant_base_exercise_id_differs CHECK (exercise_id <> base_exercise_id),
    CONSTRAINT exercise_variant_variant_type_allowed CHECK (
        variant_type IN ('progression', 'regression', 'alternative', 'accessibility')),
    CONSTRAINT exercise_variant_difficulty_delta_range CHECK (difficulty_delta BETWEEN -5 AND 5),
    CONSTRAINT exercise_variant_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.exercise_variant IS 'exercise_id is a variant (progression, regression, alternative, accessibility) of base_exercise_id';
COMMENT ON COLUMN content.exercise_variant.difficulty_delta IS 'Difficulty relative to the base exercise, -5 (much easier) to 5 (much harder)';
COMMENT ON CONSTRAINT exercise_variant_base_exercise_id_differs ON content.exercise_variant IS 'an exercise is not a variant of itself (exercise_id <> base_exercise_id)';
COMMENT ON CONSTRAINT exercise_variant_variant_type_allowed ON content.exercise_variant IS 'variant_type is progression, regression, alternative or accessibility';
COMMENT ON CONSTRAINT exercise_variant_difficulty_delta_range ON content.exercise_variant IS 'difficulty_delta is between -5 and 5';
COMMENT ON CONSTRAINT exercise_variant_soft_delete_state ON content.exercise_variant IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX exercise_variant_exercise_id_idx ON content.exercise_variant (exercise_id);
CREATE INDEX exercise_variant_base_exercise_id_idx ON content.exercise_variant (base_exercise_id);
CREATE UNIQUE INDEX exercise_variant_exercise_id_base_exercise_id_type_active_uq
    ON content.exercise_variant (exercise_id, base_exercise_id, variant_type) WHERE is_active;

CREATE TABLE content.exercise_media (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    exercise_id uuid NOT NULL,
    media_id    uuid NOT NULL,
    role        text NOT NULL DEFAULT 'image',
    position    integer NOT NULL DEFAULT 1,
    is_primary  boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT exercise_media_pkey PRIMARY KEY (id),
    CONSTRAINT exercise_media_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE CASCADE,
    CONSTRAINT exercise_media_media_id_fkey FOREIGN KEY (media_id)
        REFERENCES content.media (id) ON DELETE CASCADE,
    CONSTRAINT exercise_media_role_allowed CHECK (role IN ('thumbnail', 'image', 'video')),
    CONSTRAINT exercise_media_position_positive CHECK (position >= 1),
    CONSTRAINT exercise_media_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.exercise_media IS 'Images, thumbnails and videos of an exercise, ordered by position';
COMMENT ON CONSTRAINT exercise_media_role_allowed ON content.exercise_media IS 'role is thumbnail, image or video';
COMMENT ON CONSTRAINT exercise_media_position_positive ON content.exercise_media IS 'position is 1 or more';
COMMENT ON CONSTRAINT exercise_media_soft_delete_state ON content.exercise_media IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX exercise_media_exercise_id_role_position_idx ON content.exercise_media (exercise_id, role, position);
CREATE INDEX exercise_media_media_id_idx ON content.exercise_media (media_id);
CREATE UNIQUE INDEX exercise_media_exercise_id_media_id_active_uq ON content.exercise_media (exercise_id, media_id)
    WHERE is_active;
CREATE UNIQUE INDEX exercise_media_exercise_id_role_primary_active_uq ON content.exercise_media (exercise_id, role)
    WHERE is_active AND is_primary;

------------------------------------------------------------------------------------------
-- workout
------------------------------------------------------------------------------------------
CREATE TABLE content.workout (
    id                     uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    owner_id               uuid,
    institution_id         uuid,
    name                   text NOT NULL,
    description            text,
    category_id            uuid,
    difficulty             text,
    estimated_duration_min integer,
    visibility             text NOT NULL DEFAULT 'private',
    status                 text NOT NULL DEFAULT 'draft',
    is_template            boolean NOT NULL DEFAULT false,
    version                integer NOT NULL DEFAULT 1,
    source_workout_id      uuid,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    created_by             uuid,
    updated_by             uuid,
    is_active              boolean NOT NULL DEFAULT true,
    deleted_at             timestamptz,
    deleted_by             uuid,
    CONSTRAINT workout_pkey PRIMARY KEY (id),
    CONSTRAINT workout_owner_id_fkey FOREIGN KEY (owner_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE RESTRICT,
    CONSTRAINT workout_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE RESTRICT,
    CONSTRAINT workout_category_id_fkey FOREIGN KEY (category_id)
        REFERENCES core.category (id) ON DELETE RESTRICT,
    CONSTRAINT workout_source_workout_id_fkey FOREIGN KEY (source_workout_id)
        REFERENCES content.workout (id) ON DELETE SET NULL,
    CONSTRAINT workout_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT workout_difficulty_allowed CHECK (difficulty IN ('beginner', 'intermediate', 'expert')),
    CONSTRAINT workout_estimated_duration_min_range CHECK (estimated_duration_min BETWEEN 1 AND 1440),
    CONSTRAINT workout_visibility_allowed CHECK (visibility IN ('private', 'institution', 'public')),
    CONSTRAINT workout_visibility_institution_scope CHECK (visibility <> 'institution' OR institution_id IS NOT NULL),
    CONSTRAINT workout_status_allowed CHECK (status IN ('draft', 'published', 'archived')),
    CONSTRAINT workout_version_positive CHECK (version >= 1),
    CONSTRAINT workout_source_workout_id_differs CHECK (source_workout_id <> id),
    CONSTRAINT workout_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.workout IS 'A workout: ordered sets of exercises; owner_id NULL = platform or institution library';
COMMENT ON COLUMN content.workout.version IS 'Current version number; earlier versions are snapshots in content.workout_version';
COMMENT ON COLUMN content.workout.source_workout_id IS 'Template or workout this one was copied from';
COMMENT ON CONSTRAINT workout_name_length ON content.workout IS 'name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT workout_difficulty_allowed ON content.workout IS 'difficulty is beginner, intermediate or expert';
COMMENT ON CONSTRAINT workout_estimated_duration_min_range ON content.workout IS 'estimated_duration_min is between 1 and 1440 minutes';
COMMENT ON CONSTRAINT workout_visibility_allowed ON content.workout IS 'visibility is one of private, institution, public';
COMMENT ON CONSTRAINT workout_visibility_institution_scope ON content.workout IS 'institution visibility needs an institution_id';
COMMENT ON CONSTRAINT workout_status_allowed ON content.workout IS 'status is draft, published or archived';
COMMENT ON CONSTRAINT workout_version_positive ON content.workout IS 'version is 1 or more';
COMMENT ON CONSTRAINT workout_source_workout_id_differs ON content.workout IS 'a workout is not copied from itself';
COMMENT ON CONSTRAINT workout_soft_delete_state ON content.workout IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX workout_owner_id_idx ON content.workout (owner_id);
CREATE INDEX workout_institution_id_idx ON content.workout (institution_id);
CREATE INDEX workout_category_id_idx ON content.workout (category_id);
CREATE INDEX workout_source_workout_id_idx ON content.workout (source_workout_id);
CREATE INDEX workout_owner_id_active_idx ON content.workout (owner_id) WHERE is_active;
CREATE INDEX workout_institution_id_visibility_active_idx ON content.workout (institution_id, visibility)
    WHERE is_active;
CREATE INDEX workout_visibility_status_active_idx ON content.workout (visibility, status) WHERE is_active;

CREATE TABLE content.workout_set (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    workout_id          uuid NOT NULL,
    position            integer NOT NULL,
    exercise_id         uuid NOT NULL,
    exercise_variant_id uuid,
    set_type            text NOT NULL DEFAULT 'normal',
    rounds              smallint NOT NULL DEFAULT 1,
    superset_group      smallint,
    target_reps_min     integer,
    target_reps_max     integer,
    target_weight_kg    numeric(6,2),
    target_rpe          numeric(3,1),
    target_rir          numeric(3,1),
    target_duration_s   integer,
    target_distance_m   numeric(10,2),
    rest_s              integer,
    tempo               text,
    notes               text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT workout_set_pkey PRIMARY KEY (id),
    CONSTRAINT workout_set_workout_id_fkey FOREIGN KEY (workout_id)
        REFERENCES content.workout (id) ON DELETE CASCADE,
    CONSTRAINT workout_set_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE RESTRICT,
    CONSTRAINT workout_set_exercise_variant_id_fkey FOREIGN KEY (exercise_variant_id)
        REFERENCES content.exercise_variant (id) ON DELETE SET NULL,
    CONSTRAINT workout_set_position_positive CHECK (position >= 1),
    CONSTRAINT workout_set_set_type_allowed CHECK (set_type IN ('normal', 'warmup', 'drop', 'failure', 'amrap')),
    CONSTRAINT workout_set_rounds_range CHECK (rounds BETWEEN 1 AND 100),
    CONSTRAINT workout_set_superset_group_positive CHECK (superset_group >= 1),
    CONSTRAINT workout_set_target_reps_min_range CHECK (target_reps_min BETWEEN 1 AND 1000),
    CONSTRAINT workout_set_target_reps_max_range CHECK (target_reps_max BETWEEN 1 AND 1000),
    CONSTRAINT workout_set_target_reps_order CHECK (target_reps_min <= target_reps_max),
    CONSTRAINT workout_set_target_weight_kg_range CHECK (target_weight_kg BETWEEN 0 AND 1500),
    CONSTRAINT workout_set_target_rpe_range CHECK (
        target_rpe BETWEEN 1 AND 10 AND target_rpe * 2 = trunc(target_rpe * 2)),
    CONSTRAINT workout_set_target_rir_range CHECK (
        target_rir BETWEEN 0 AND 10 AND target_rir * 2 = trunc(target_rir * 2)),
    CONSTRAINT workout_set_target_duration_s_range CHECK (target_duration_s BETWEEN 1 AND 86400),
    CONSTRAINT workout_set_target_distance_m_range CHECK (target_distance_m > 0 AND target_distance_m <= 1000000),
    CONSTRAINT workout_set_rest_s_range CHECK (rest_s BETWEEN 0 AND 3600),
    CONSTRAINT workout_set_tempo_format CHECK (tempo ~ '^([0-9X]{4}|[0-9X](-[0-9X]){3})$'),
    CONSTRAINT workout_set_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.workout_set IS 'One prescribed line of a workout: an exercise, its targets and rest, at a position';
COMMENT ON COLUMN content.workout_set.position IS 'Order within the workout, 1-based; unique among active sets and dense (trigger)';
COMMENT ON COLUMN content.workout_set.rounds IS 'How many times the set is performed; sets of one superset group share the count (trigger)';
COMMENT ON COLUMN content.workout_set.superset_group IS 'Sets with the same number in a workout form a superset (at least two exercises, trigger)';
COMMENT ON COLUMN content.workout_set.tempo IS 'Eccentric, bottom pause, concentric, top pause in seconds, X = explosive: 3120 or 3-1-2-0';
COMMENT ON CONSTRAINT workout_set_position_positive ON content.workout_set IS 'position is 1 or more';
COMMENT ON CONSTRAINT workout_set_set_type_allowed ON content.workout_set IS 'set_type is normal, warmup, drop, failure or amrap';
COMMENT ON CONSTRAINT workout_set_rounds_range ON content.workout_set IS 'rounds is between 1 and 100';
COMMENT ON CONSTRAINT workout_set_superset_group_positive ON content.workout_set IS 'superset_group is 1 or more';
COMMENT ON CONSTRAINT workout_set_target_reps_min_range ON content.workout_set IS 'target_reps_min is between 1 and 1000 reps';
COMMENT ON CONSTRAINT workout_set_target_reps_max_range ON content.workout_set IS 'target_reps_max is between 1 and 1000 reps';
COMMENT ON CONSTRAINT workout_set_target_reps_order ON content.workout_set IS 'target_reps_min is not above target_reps_max';
COMMENT ON CONSTRAINT workout_set_target_weight_kg_range ON content.workout_set IS 'target_weight_kg is between 0 and 1500 kg';
COMMENT ON CONSTRAINT workout_set_target_rpe_range ON content.workout_set IS 'target_rpe is between 1 and 10 in steps of 0.5';
COMMENT ON CONSTRAINT workout_set_target_rir_range ON content.workout_set IS 'target_rir is between 0 and 10 in steps of 0.5';
COMMENT ON CONSTRAINT workout_set_target_duration_s_range ON content.workout_set IS 'target_duration_s is between 1 and 86400 seconds';
COMMENT ON CONSTRAINT workout_set_target_distance_m_range ON content.workout_set IS 'target_distance_m is above 0 and at most 1000000 metres';
COMMENT ON CONSTRAINT workout_set_rest_s_range ON content.workout_set IS 'rest_s is between 0 and 3600 seconds';
COMMENT ON CONSTRAINT workout_set_tempo_format ON content.workout_set IS 'tempo is four phases of a digit or X, written 3120 or 3-1-2-0';
COMMENT ON CONSTRAINT workout_set_soft_delete_state ON content.workout_set IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX workout_set_workout_id_position_idx ON content.workout_set (workout_id, position);
CREATE UNIQUE INDEX workout_set_workout_id_position_active_uq ON content.workout_set (workout_id, position)
    WHERE is_active;
CREATE INDEX workout_set_exercise_id_idx ON content.workout_set (exercise_id);
CREATE INDEX workout_set_exercise_variant_id_idx ON content.workout_set (exercise_variant_id);

CREATE TABLE content.exercise_instruction (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    workout_set_id uuid NOT NULL,
    position       integer NOT NULL DEFAULT 1,
    instruction    text NOT NULL,
    cue_type       text NOT NULL DEFAULT 'execution',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    created_by     uuid,
    updated_by     uuid,
    is_active      boolean NOT NULL DEFAULT true,
    deleted_at     timestamptz,
    deleted_by     uuid,
    CONSTRAINT exercise_instruction_pkey PRIMARY KEY (id),
    CONSTRAINT exercise_instruction_workout_set_id_fkey FOREIGN KEY (workout_set_id)
        REFERENCES content.workout_set (id) ON DELETE CASCADE,
    CONSTRAINT exercise_instruction_position_positive CHECK (position >= 1),
    CONSTRAINT exercise_instruction_instruction_length CHECK (char_length(btrim(instruction)) BETWEEN 1 AND 2000),
    CONSTRAINT exercise_instruction_cue_type_allowed CHECK (
        cue_type IN ('setup', 'execution', 'breathing', 'tempo', 'safety', 'focus', 'other')),
    CONSTRAINT exercise_instruction_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.exercise_instruction IS 'Coaching cues for an exercise as it is done in one workout set';
COMMENT ON CONSTRAINT exercise_instruction_position_positive ON content.exercise_instruction IS 'position is 1 or more';
COMMENT ON CONSTRAINT exercise_instruction_instruction_length ON content.exercise_instruction IS 'instruction is not blank and at most 2000 characters';
COMMENT ON CONSTRAINT exercise_instruction_cue_type_allowed ON content.exercise_instruction IS 'cue_type is setup, execution, breathing, tempo, safety, focus or other';
COMMENT ON CONSTRAINT exercise_instruction_soft_delete_state ON content.exercise_instruction IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX exercise_instruction_workout_set_id_position_idx ON content.exercise_instruction (workout_set_id, position);
CREATE UNIQUE INDEX exercise_instruction_workout_set_id_position_active_uq
    ON content.exercise_instruction (workout_set_id, position) WHERE is_active;

CREATE TABLE content.workout_version (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    workout_id  uuid NOT NULL,
    version     integer NOT NULL,
    snapshot    jsonb NOT NULL,
    change_note text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT workout_version_pkey PRIMARY KEY (id),
    CONSTRAINT workout_version_workout_id_fkey FOREIGN KEY (workout_id)
        REFERENCES content.workout (id) ON DELETE CASCADE,
    CONSTRAINT workout_version_version_positive CHECK (version >= 1),
    CONSTRAINT workout_version_snapshot_object CHECK (jsonb_typeof(snapshot) = 'object'),
    CONSTRAINT workout_version_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.workout_version IS 'Snapshots of earlier versions of a workout (the workout row with its sets)';
COMMENT ON CONSTRAINT workout_version_version_positive ON content.workout_version IS 'version is 1 or more';
COMMENT ON CONSTRAINT workout_version_snapshot_object ON content.workout_version IS 'snapshot is a JSON object';
COMMENT ON CONSTRAINT workout_version_soft_delete_state ON content.workout_version IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX workout_version_workout_id_version_idx ON content.workout_version (workout_id, version);
CREATE UNIQUE INDEX workout_version_workout_id_version_active_uq ON content.workout_version (workout_id, version)
    WHERE is_active;

------------------------------------------------------------------------------------------
-- program
------------------------------------------------------------------------------------------
CREATE TABLE content.program (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    owner_id       uuid,
    institution_id uuid,
    name           text NOT NULL,
    description    text,
    category_id    uuid,
    duration_weeks integer NOT NULL,
    days_per_week  integer NOT NULL,
    level          text,
    goal_type      text,
    visibility     text NOT NULL DEFAULT 'private',
    status         text NOT NULL DEFAULT 'draft',
    is_template    boolean NOT NULL DEFAULT false,
    version        integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    created_by     uuid,
    updated_by     uuid,
    is_active      boolean NOT NULL DEFAULT true,
    deleted_at     timestamptz,
    deleted_by     uuid,
    CONSTRAINT program_pkey PRIMARY KEY (id),
    CONSTRAINT program_owner_id_fkey FOREIGN KEY (owner_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE RESTRICT,
    CONSTRAINT program_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE RESTRICT,
    CONSTRAINT program_category_id_fkey FOREIGN KEY (category_id)
        REFERENCES core.category (id) ON DELETE RESTRICT,
    CONSTRAINT program_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT program_duration_weeks_range CHECK (duration_weeks BETWEEN 1 AND 104),
    CONSTRAINT program_days_per_week_range CHECK (days_per_week BETWEEN 1 AND 7),
    CONSTRAINT program_level_allowed CHECK (level IN ('beginner', 'intermediate', 'expert')),
    CONSTRAINT program_goal_type_allowed CHECK (
        goal_type IN ('strength', 'hypertrophy', 'endurance', 'body_composition', 'habit')),
    CONSTRAINT program_visibility_allowed CHECK (visibility IN ('private', 'institution', 'public')),
    CONSTRAINT program_visibility_institution_scope CHECK (visibility <> 'institution' OR institution_id IS NOT NULL),
    CONSTRAINT program_status_allowed CHECK (status IN ('draft', 'published', 'archived')),
    CONSTRAINT program_version_positive CHECK (version >= 1),
    CONSTRAINT program_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.program IS 'A training program: workouts scheduled over weeks; owner_id NULL = platform or institution library';
COMMENT ON COLUMN content.program.goal_type IS 'What the program trains for (the goal_type values of content.goal)';
COMMENT ON CONSTRAINT program_name_length ON content.program IS 'name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT program_duration_weeks_range ON content.program IS 'duration_weeks is between 1 and 104';
COMMENT ON CONSTRAINT program_days_per_week_range ON content.program IS 'days_per_week is between 1 and 7';
COMMENT ON CONSTRAINT program_level_allowed ON content.program IS 'level is beginner, intermediate or expert';
COMMENT ON CONSTRAINT program_goal_type_allowed ON content.program IS 'goal_type is strength, hypertrophy, endurance, body_composition or habit';
COMMENT ON CONSTRAINT program_visibility_allowed ON content.program IS 'visibility is one of private, institution, public';
COMMENT ON CONSTRAINT program_visibility_institution_scope ON content.program IS 'institution visibility needs an institution_id';
COMMENT ON CONSTRAINT program_status_allowed ON content.program IS 'status is draft, published or archived';
COMMENT ON CONSTRAINT program_version_positive ON content.program IS 'version is 1 or more';
COMMENT ON CONSTRAINT program_soft_delete_state ON content.program IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX program_owner_id_idx ON content.program (owner_id);
CREATE INDEX program_institution_id_idx ON content.program (institution_id);
CREATE INDEX program_category_id_idx ON content.program (category_id);
CREATE INDEX program_owner_id_active_idx ON content.program (owner_id) WHERE is_active;
CREATE INDEX program_institution_id_visibility_active_idx ON content.program (institution_id, visibility)
    WHERE is_active;
CREATE INDEX program_visibility_status_active_idx ON content.program (visibility, status) WHERE is_active;

CREATE TABLE content.program_schedule (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    program_id  uuid NOT NULL,
    week_number integer NOT NULL,
    day_number  integer NOT NULL,
    name        text,
    notes       text,
    is_rest_day boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT program_schedule_pkey PRIMARY KEY (id),
    CONSTRAINT program_schedule_program_id_fkey FOREIGN KEY (program_id)
        REFERENCES content.program (id) ON DELETE CASCADE,
    CONSTRAINT program_schedule_week_number_positive CHECK (week_number >= 1),
    CONSTRAINT program_schedule_day_number_range CHECK (day_number BETWEEN 1 AND 7),
    CONSTRAINT program_schedule_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.program_schedule IS 'A day of a program (week_number, day_number), a training day or a rest day';
COMMENT ON COLUMN content.program_schedule.week_number IS 'Week of the program, 1..program.duration_weeks (trigger checks the upper bound)';
COMMENT ON CONSTRAINT program_schedule_week_number_positive ON content.program_schedule IS 'week_number is 1 or more';
COMMENT ON CONSTRAINT program_schedule_day_number_range ON content.program_schedule IS 'day_number is between 1 and 7';
COMMENT ON CONSTRAINT program_schedule_soft_delete_state ON content.program_schedule IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX program_schedule_program_id_week_number_day_number_idx
    ON content.program_schedule (program_id, week_number, day_number);
CREATE UNIQUE INDEX program_schedule_program_id_week_number_day_number_active_uq
    ON content.program_schedule (program_id, week_number, day_number) WHERE is_active;

CREATE TABLE content.schedule_workout (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    program_schedule_id uuid NOT NULL,
    workout_id          uuid NOT NULL,
    position            integer NOT NULL DEFAULT 1,
    notes               text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT schedule_workout_pkey PRIMARY KEY (id),
    CONSTRAINT schedule_workout_program_schedule_id_fkey FOREIGN KEY (program_schedule_id)
        REFERENCES content.program_schedule (id) ON DELETE CASCADE,
    CONSTRAINT schedule_workout_workout_id_fkey FOREIGN KEY (workout_id)
        REFERENCES content.workout (id) ON DELETE RESTRICT,
    CONSTRAINT schedule_workout_position_positive CHECK (position >= 1),
    CONSTRAINT schedule_workout_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.schedule_workout IS 'The workouts of a program day, in order';
COMMENT ON CONSTRAINT schedule_workout_position_positive ON content.schedule_workout IS 'position is 1 or more';
COMMENT ON CONSTRAINT schedule_workout_soft_delete_state ON content.schedule_workout IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX schedule_workout_program_schedule_id_position_idx ON content.schedule_workout (program_schedule_id, position);
CREATE UNIQUE INDEX schedule_workout_program_schedule_id_position_active_uq
    ON content.schedule_workout (program_schedule_id, position) WHERE is_active;
CREATE INDEX schedule_workout_workout_id_idx ON content.schedule_workout (workout_id);

------------------------------------------------------------------------------------------
-- goals
------------------------------------------------------------------------------------------
CREATE TABLE content.goal (
    id                uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code              text NOT NULL,
    name              text NOT NULL,
    description       text,
    goal_type         text NOT NULL,
    default_metric    text,
    default_unit      text,
    default_direction text,
    sort_order        integer NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    created_by        uuid,
    updated_by        uuid,
    is_active         boolean NOT NULL DEFAULT true,
    deleted_at        timestamptz,
    deleted_by        uuid,
    CONSTRAINT goal_pkey PRIMARY KEY (id),
    CONSTRAINT goal_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT goal_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT goal_goal_type_allowed CHECK (
        goal_type IN ('strength', 'hypertrophy', 'endurance', 'body_composition', 'habit')),
    CONSTRAINT goal_default_metric_allowed CHECK (default_metric IN (
        'body_weight_kg', 'body_fat_pct', 'muscle_mass_kg', 'waist_cm', 'hip_cm', 'chest_cm',
        'neck_cm', 'arm_cm', 'thigh_cm', 'calf_cm', 'resting_heart_rate_bpm',
        'blood_pressure_systolic_mmhg', 'blood_pressure_diastolic_mmhg', 'vo2max_ml_kg_min',
        'one_rm_kg', 'max_reps', 'max_weight_kg', 'total_volume_kg', 'sessions_per_week',
        'workouts_completed', 'distance_km', 'duration_min', 'pace_s_per_km', 'steps_per_day',
        'custom')),
    CONSTRAINT goal_default_unit_length CHECK (char_length(default_unit) BETWEEN 1 AND 16),
    CONSTRAINT goal_default_direction_allowed CHECK (default_direction IN ('increase', 'decrease')),
    CONSTRAINT goal_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.goal IS 'Catalogue of goal kinds users can pick (lose weight, raise a 1RM, train 3x a week, ...)';
COMMENT ON CONSTRAINT goal_code_format ON content.goal IS 'code is snake_case: a lower-case letter, then lower-case letters, digits or _, at most 63 characters';
COMMENT ON CONSTRAINT goal_name_length ON content.goal IS 'name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT goal_goal_type_allowed ON content.goal IS 'goal_type is strength, hypertrophy, endurance, body_composition or habit';
COMMENT ON CONSTRAINT goal_default_metric_allowed ON content.goal IS 'default_metric is one of the metrics of content.goal_metric';
COMMENT ON CONSTRAINT goal_default_unit_length ON content.goal IS 'default_unit is 1 to 16 characters';
COMMENT ON CONSTRAINT goal_default_direction_allowed ON content.goal IS 'default_direction is increase or decrease';
COMMENT ON CONSTRAINT goal_soft_delete_state ON content.goal IS 'is_active is false exactly when deleted_at is set';
CREATE UNIQUE INDEX goal_code_active_uq ON content.goal (code) WHERE is_active;

CREATE TABLE content.user_goal (
    id           uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id      uuid NOT NULL,
    goal_id      uuid,
    title        text NOT NULL,
    description  text,
    start_date   date NOT NULL DEFAULT CURRENT_DATE,
    target_date  date,
    status       text NOT NULL DEFAULT 'active',
    progress_pct numeric(5,2) NOT NULL DEFAULT 0,
    achieved_at  timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   uuid,
    updated_by   uuid,
    is_active    boolean NOT NULL DEFAULT true,
    deleted_at   timestamptz,
    deleted_by   uuid,
    CONSTRAINT user_goal_pkey PRIMARY KEY (id),
    CONSTRAINT user_goal_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT user_goal_goal_id_fkey FOREIGN KEY (goal_id)
        REFERENCES content.goal (id) ON DELETE RESTRICT,
    CONSTRAINT user_goal_title_length CHECK (char_length(btrim(title)) BETWEEN 1 AND 200),
    CONSTRAINT user_goal_target_date_order CHECK (target_date >= start_date),
    CONSTRAINT user_goal_status_allowed CHECK (status IN ('active', 'achieved', 'abandoned', 'expired')),
    CONSTRAINT user_goal_progress_pct_range CHECK (progress_pct BETWEEN 0 AND 100),
    CONSTRAINT user_goal_achieved_at_state CHECK ((status = 'achieved') = (achieved_at IS NOT NULL)),
    CONSTRAINT user_goal_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.user_goal IS 'A goal a user has set, measured by its goal_metric rows';
COMMENT ON COLUMN content.user_goal.title IS 'pii: free_text';
COMMENT ON COLUMN content.user_goal.description IS 'pii: free_text';
COMMENT ON COLUMN content.user_goal.progress_pct IS 'Computed from the metrics (current vs baseline/target in their direction) by trigger';
COMMENT ON CONSTRAINT user_goal_title_length ON content.user_goal IS 'title is not blank and at most 200 characters';
COMMENT ON CONSTRAINT user_goal_target_date_order ON content.user_goal IS 'target_date is not before start_date';
COMMENT ON CONSTRAINT user_goal_status_allowed ON content.user_goal IS 'status is active, achieved, abandoned or expired';
COMMENT ON CONSTRAINT user_goal_progress_pct_range ON content.user_goal IS 'progress_pct is between 0 and 100';
COMMENT ON CONSTRAINT user_goal_achieved_at_state ON content.user_goal IS 'achieved_at is set exactly when status is achieved';
COMMENT ON CONSTRAINT user_goal_soft_delete_state ON content.user_goal IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX user_goal_user_id_status_idx ON content.user_goal (user_id, status);
CREATE INDEX user_goal_goal_id_idx ON content.user_goal (goal_id);

CREATE TABLE content.goal_metric (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_goal_id   uuid NOT NULL,
    metric         text NOT NULL,
    exercise_id    uuid,
    unit           text NOT NULL,
    direction      text NOT NULL,
    baseline_value numeric(12,3),
    target_value   numeric(12,3) NOT NULL,
    current_value  numeric(12,3),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    created_by     uuid,
    updated_by     uuid,
    is_active      boolean NOT NULL DEFAULT true,
    deleted_at     timestamptz,
    deleted_by     uuid,
    CONSTRAINT goal_metric_pkey PRIMARY KEY (id),
    CONSTRAINT goal_metric_user_goal_id_fkey FOREIGN KEY (user_goal_id)
        REFERENCES content.user_goal (id) ON DELETE CASCADE,
    CONSTRAINT goal_metric_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE RESTRICT,
    CONSTRAINT goal_metric_metric_allowed CHECK (metric IN (
        'body_weight_kg', 'body_fat_pct', 'muscle_mass_kg', 'waist_cm', 'hip_cm', 'chest_cm',
        'neck_cm', 'arm_cm', 'thigh_cm', 'calf_cm', 'resting_heart_rate_bpm',
        'blood_pressure_systolic_mmhg', 'blood_pressure_diastolic_mmhg', 'vo2max_ml_kg_min',
        'one_rm_kg', 'max_reps', 'max_weight_kg', 'total_volume_kg', 'sessions_per_week',
        'workouts_completed', 'distance_km', 'duration_min', 'pace_s_per_km', 'steps_per_day',
        'custom')),
    CONSTRAINT goal_metric_exercise_id_required CHECK (
        metric NOT IN ('one_rm_kg', 'max_reps', 'max_weight_kg') OR exercise_id IS NOT NULL),
    CONSTRAINT goal_metric_unit_length CHECK (char_length(unit) BETWEEN 1 AND 16),
    CONSTRAINT goal_metric_direction_allowed CHECK (direction IN ('increase', 'decrease')),
    CONSTRAINT goal_metric_target_value_differs CHECK (target_value <> baseline_value),
    CONSTRAINT goal_metric_target_value_direction CHECK (
        baseline_value IS NULL
        OR (direction = 'increase' AND target_value > baseline_value)
        OR (direction = 'decrease' AND target_value < baseline_value)),
    CONSTRAINT goal_metric_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.goal_metric IS 'A measurable target of a user goal: metric, direction, baseline, target and current value';
COMMENT ON COLUMN content.goal_metric.metric IS 'What is measured; body metrics use the codes of user_mgmt.user_measurement.metric so measurements feed goals directly';
COMMENT ON COLUMN content.goal_metric.exercise_id IS 'The exercise of per-exercise metrics (one_rm_kg, max_reps, max_weight_kg)';
COMMENT ON COLUMN content.goal_metric.baseline_value IS 'pii: health';
COMMENT ON COLUMN content.goal_metric.target_value IS 'pii: health';
COMMENT ON COLUMN content.goal_metric.current_value IS 'pii: health';
COMMENT ON CONSTRAINT goal_metric_metric_allowed ON content.goal_metric IS 'metric is a body metric of user_mgmt.user_measurement (body_weight_kg, body_fat_pct, muscle_mass_kg, waist_cm, hip_cm, chest_cm, neck_cm, arm_cm, thigh_cm, calf_cm, resting_heart_rate_bpm, blood_pressure_systolic_mmhg, blood_pressure_diastolic_mmhg, vo2max_ml_kg_min) or one of one_rm_kg, max_reps, max_weight_kg, total_volume_kg, sessions_per_week, workouts_completed, distance_km, duration_min, pace_s_per_km, steps_per_day, custom';
COMMENT ON CONSTRAINT goal_metric_exercise_id_required ON content.goal_metric IS 'per-exercise metrics (one_rm_kg, max_reps, max_weight_kg) need an exercise_id';
COMMENT ON CONSTRAINT goal_metric_unit_length ON content.goal_metric IS 'unit is 1 to 16 characters';
COMMENT ON CONSTRAINT goal_metric_direction_allowed ON content.goal_metric IS 'direction is increase or decrease';
COMMENT ON CONSTRAINT goal_metric_target_value_differs ON content.goal_metric IS 'target_value differs from baseline_value';
COMMENT ON CONSTRAINT goal_metric_target_value_direction ON content.goal_metric IS 'target_value lies beyond baseline_value in the metric''s direction (above it to increase, below it to decrease)';
COMMENT ON CONSTRAINT goal_metric_soft_delete_state ON content.goal_metric IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX goal_metric_user_goal_id_idx ON content.goal_metric (user_goal_id);
CREATE INDEX goal_metric_exercise_id_idx ON content.goal_metric (exercise_id);
CREATE UNIQUE INDEX goal_metric_user_goal_id_metric_exercise_id_active_uq
    ON content.goal_metric (user_goal_id, metric, exercise_id) NULLS NOT DISTINCT WHERE is_active;

CREATE TABLE content.goal_metric_entry (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    goal_metric_id uuid NOT NULL,
    value          numeric(12,3) NOT NULL,
    measured_at    timestamptz NOT NULL DEFAULT now(),
    source         text NOT NULL DEFAULT 'manual',
    source_id      uuid,
    note           text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    created_by     uuid,
    updated_by     uuid,
    is_active      boolean NOT NULL DEFAULT true,
    deleted_at     timestamptz,
    deleted_by     uuid,
    CONSTRAINT goal_metric_entry_pkey PRIMARY KEY (id),
    CONSTRAINT goal_metric_entry_goal_metric_id_fkey FOREIGN KEY (goal_metric_id)
        REFERENCES content.goal_metric (id) ON DELETE CASCADE,
    CONSTRAINT goal_metric_entry_source_allowed CHECK (source IN ('manual', 'session', 'measurement')),
    CONSTRAINT goal_metric_entry_source_id_required CHECK (source = 'manual' OR source_id IS NOT NULL),
    CONSTRAINT goal_metric_entry_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.goal_metric_entry IS 'Values of a goal metric over time';
COMMENT ON COLUMN content.goal_metric_entry.value IS 'pii: health';
COMMENT ON COLUMN content.goal_metric_entry.note IS 'pii: free_text';
COMMENT ON COLUMN content.goal_metric_entry.source_id IS 'user_mgmt.user_workout_session.id (source session) or user_mgmt.user_measurement.id (source measurement)';
COMMENT ON CONSTRAINT goal_metric_entry_source_allowed ON content.goal_metric_entry IS 'source is manual, session or measurement';
COMMENT ON CONSTRAINT goal_metric_entry_source_id_required ON content.goal_metric_entry IS 'entries from a session or a measurement name it in source_id';
COMMENT ON CONSTRAINT goal_metric_entry_soft_delete_state ON content.goal_metric_entry IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX goal_metric_entry_goal_metric_id_measured_at_idx ON content.goal_metric_entry (goal_metric_id, measured_at);
CREATE UNIQUE INDEX goal_metric_entry_goal_metric_id_source_source_id_active_uq
    ON content.goal_metric_entry (goal_metric_id, source, source_id) WHERE is_active AND source_id IS NOT NULL;

------------------------------------------------------------------------------------------
-- Foreign keys from user_mgmt into content (20_user_mgmt.sql runs first and cannot
-- declare them; their indexes are created there).
------------------------------------------------------------------------------------------
ALTER TABLE user_mgmt.user_workout_session
    ADD CONSTRAINT user_workout_session_workout_id_fkey FOREIGN KEY (workout_id)
        REFERENCES content.workout (id) ON DELETE SET NULL,
    ADD CONSTRAINT user_workout_session_schedule_workout_id_fkey FOREIGN KEY (schedule_workout_id)
        REFERENCES content.schedule_workout (id) ON DELETE SET NULL;
ALTER TABLE user_mgmt.user_set_log
    ADD CONSTRAINT user_set_log_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE RESTRICT,
    ADD CONSTRAINT user_set_log_exercise_variant_id_fkey FOREIGN KEY (exercise_variant_id)
        REFERENCES content.exercise_variant (id) ON DELETE SET NULL,
    ADD CONSTRAINT user_set_log_workout_set_id_fkey FOREIGN KEY (workout_set_id)
        REFERENCES content.workout_set (id) ON DELETE SET NULL;
ALTER TABLE user_mgmt.user_program_enrollment
    ADD CONSTRAINT user_program_enrollment_program_id_fkey FOREIGN KEY (program_id)
        REFERENCES content.program (id) ON DELETE RESTRICT;
-- =====================================================================================
-- platform: i18n, cache, activity, favorites, ratings, audit, events, notifications,
-- settings, errors, data lifecycle (DOMAINS.md "platform", API.md).
--
-- Entity tables follow schema/README.md (id, audit and soft-delete columns, named CHECKs
-- with comments, FK indexes, partial unique indexes WHERE is_active). The append-only
-- logs and queues (audit_log, system_event, activity, cache_metrics, translation_request)
-- have a uuid v7 id but no audit/soft-delete columns.
--
-- Polymorphic references (entity_type, entity_id): entity_type is a foreign key to
-- core.entity_type (code); that entity_id exists, is active and readable is checked by the
-- C++ triggers (ARCHITECTURE.md "Polymorphic references").
-- =====================================================================================


-- -------------------------------------------------------------------------------------
-- i18n
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.language (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code                text NOT NULL,
    name                text NOT NULL,
    native_name         text NOT NULL,
    fallback_code       text,
    text_search_config  regconfig NOT NULL DEFAULT 'pg_catalog.simple'::regconfig,
    is_rtl              boolean NOT NULL DEFAULT false,
    sort_order          integer NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT language_pkey PRIMARY KEY (id),
    -- Full (not partial) unique constraint: foreign keys from every language_code column
    -- point at it, and a partial index cannot be a foreign-key target.
    CONSTRAINT language_code_key UNIQUE (code),
    CONSTRAINT language_fallback_code_fkey FOREIGN KEY (fallback_code)
        REFERENCES platform.language (code) ON UPDATE CASCADE,
    CONSTRAINT language_code_bcp47 CHECK (
        code ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$'),
    CONSTRAINT language_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT language_native_name_not_blank CHECK (btrim(native_name) <> ''),
    CONSTRAINT language_fallback_code_not_self CHECK (fallback_code <> code),
    CONSTRAINT language_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.language IS
    'Languages the platform serves, with an explicit fallback chain (pt-BR -> pt -> en) ending at en';
COMMENT ON COLUMN platform.language.code IS 'BCP 47 tag: language[-Script][-REGION], e.g. en, pt-BR, zh-Hant';
COMMENT ON COLUMN platform.language.fallback_code IS 'Next language tried when a text is missing; NULL only for the root language (en)';
COMMENT ON COLUMN platform.language.text_search_config IS 'Text search configuration used for full-text search in this language';
COMMENT ON CONSTRAINT language_code_bcp47 ON platform.language IS
    'code must be a BCP 47 tag of the form language[-Script][-REGION] (e.g. en, pt-BR, zh-Hant, es-419)';
COMMENT ON CONSTRAINT language_name_not_blank ON platform.language IS 'name must not be blank';
COMMENT ON CONSTRAINT language_native_name_not_blank ON platform.language IS 'native_name must not be blank';
COMMENT ON CONSTRAINT language_fallback_code_not_self ON platform.language IS
    'a language cannot fall back to itself';
COMMENT ON CONSTRAINT language_soft_delete_state ON platform.language IS
    'is_active is true exactly when deleted_at is NULL';
CREATE INDEX language_fallback_code_idx ON platform.language (fallback_code);


CREATE TABLE platform.translation (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    entity_type     text NOT NULL,
    entity_id       uuid NOT NULL,
    field           text NOT NULL,
    language_code   text NOT NULL,
    value           text NOT NULL,
    origin          text NOT NULL DEFAULT 'human',
    provider        text,
    is_verified     boolean NOT NULL DEFAULT false,
    verified_by     uuid,
    verified_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT translation_pkey PRIMARY KEY (id),
    CONSTRAINT translation_language_code_fkey FOREIGN KEY (language_code)
        REFERENCES platform.language (code) ON UPDATE CASCADE,
    CONSTRAINT translation_entity_type_fkey FOREIGN KEY (entity_type)
        REFERENCES core.entity_type (code) ON UPDATE CASCADE,
    CONSTRAINT translation_field_format CHECK (field ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    CONSTRAINT translation_value_not_empty CHECK (value <> ''),
    CONSTRAINT translation_origin_allowed CHECK (origin IN ('human', 'machine', 'import')),
    CONSTRAINT translation_provider_required CHECK (origin <> 'machine' OR provider IS NOT NULL),
    CONSTRAINT translation_verified_at_required CHECK (NOT is_verified OR verified_at IS NOT NULL),
    CONSTRAINT translation_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.translation IS
    'Translated text of one field of one entity (polymorphic entity_type, entity_id) in one language';
COMMENT ON COLUMN platform.translation.field IS 'Column (or path, e.g. instructions.3) of the entity this text translates';
COMMENT ON COLUMN platform.translation.provider IS 'Machine translation provider (deepl, google) or import source';
COMMENT ON CONSTRAINT translation_field_format ON platform.translation IS
    'field must be a lower-case column name, optionally followed by .key parts';
COMMENT ON CONSTRAINT translation_value_not_empty ON platform.translation IS 'value must not be empty';
COMMENT ON CONSTRAINT translation_origin_allowed ON platform.translation IS
    'origin must be one of human, machine, import';
COMMENT ON CONSTRAINT translation_provider_required ON platform.translation IS
    'a machine translation must name its provider';
COMMENT ON CONSTRAINT translation_verified_at_required ON platform.translation IS
    'a verified translation must have verified_at';
COMMENT ON CONSTRAINT translation_soft_delete_state ON platform.translation IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX translation_entity_field_language_active_uq
    ON platform.translation (entity_type, entity_id, field, language_code) WHERE is_active;
CREATE INDEX translation_language_code_idx ON platform.translation (language_code);


CREATE TABLE platform.ui_message (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    key             text NOT NULL,
    language_code   text NOT NULL,
    text            text NOT NULL,
    description     text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT ui_message_pkey PRIMARY KEY (id),
    CONSTRAINT ui_message_language_code_fkey FOREIGN KEY (language_code)
        REFERENCES platform.language (code) ON UPDATE CASCADE,
    CONSTRAINT ui_message_key_format CHECK (key ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    CONSTRAINT ui_message_text_not_empty CHECK (text <> ''),
    CONSTRAINT ui_message_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.ui_message IS
    'Interface and notification strings by key and language; {name} placeholders are filled by fitness.message()';
COMMENT ON CONSTRAINT ui_message_key_format ON platform.ui_message IS
    'key must be dot-separated lower-case words, e.g. notification.workout_reminder.title';
COMMENT ON CONSTRAINT ui_message_text_not_empty ON platform.ui_message IS 'text must not be empty';
COMMENT ON CONSTRAINT ui_message_soft_delete_state ON platform.ui_message IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX ui_message_key_language_code_active_uq
    ON platform.ui_message (key, language_code) WHERE is_active;
CREATE INDEX ui_message_language_code_idx ON platform.ui_message (language_code);


CREATE TABLE platform.translation_cache (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    source_hash     bytea NOT NULL,
    source_lang     text NOT NULL,
    target_lang     text NOT NULL,
    source_text     text NOT NULL,
    translated_text text NOT NULL,
    provider        text NOT NULL,
    quality         numeric(4,3),
    hit_count       bigint NOT NULL DEFAULT 0,
    last_hit_at     timestamptz,
    expires_at      timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT translation_cache_pkey PRIMARY KEY (id),
    CONSTRAINT translation_cache_source_lang_fkey FOREIGN KEY (source_lang)
        REFERENCES platform.language (code) ON UPDATE CASCADE,
    CONSTRAINT translation_cache_target_lang_fkey FOREIGN KEY (target_lang)
        REFERENCES platform.language (code) ON UPDATE CASCADE,
    CONSTRAINT translation_cache_source_hash_sha256 CHECK (octet_length(source_hash) = 32),
    CONSTRAINT translation_cache_target_lang_differs CHECK (target_lang <> source_lang),
    CONSTRAINT translation_cache_provider_allowed CHECK (provider IN ('deepl', 'google', 'manual')),
    CONSTRAINT translation_cache_quality_range CHECK (quality BETWEEN 0 AND 1),
    CONSTRAINT translation_cache_hit_count_nonnegative CHECK (hit_count >= 0),
    CONSTRAINT translation_cache_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.translation_cache IS
    'Results of external machine translation (DeepL, Google) or manual entries, keyed by the hash of source language and text';
COMMENT ON COLUMN platform.translation_cache.source_hash IS
    'sha256(convert_to(source_lang || E''\n'' || source_text, ''UTF8'')): 32 bytes';
COMMENT ON COLUMN platform.translation_cache.quality IS 'Provider or reviewer quality estimate, 0..1';
COMMENT ON COLUMN platform.translation_cache.expires_at IS 'After this the entry is stale and may be re-requested; NULL = never';
COMMENT ON CONSTRAINT translation_cache_source_hash_sha256 ON platform.translation_cache IS
    'source_hash must be a sha256 digest (32 bytes)';
COMMENT ON CONSTRAINT translation_cache_target_lang_differs ON platform.translation_cache IS
    'target_lang must differ from source_lang';
COMMENT ON CONSTRAINT translation_cache_provider_allowed ON platform.translation_cache IS
    'provider must be one of deepl, google, manual';
COMMENT ON CONSTRAINT translation_cache_quality_range ON platform.translation_cache IS
    'quality must lie between 0 and 1';
COMMENT ON CONSTRAINT translation_cache_hit_count_nonnegative ON platform.translation_cache IS
    'hit_count cannot be negative';
COMMENT ON CONSTRAINT translation_cache_soft_delete_state ON platform.translation_cache IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX translation_cache_source_hash_target_lang_active_uq
    ON platform.translation_cache (source_hash, target_lang) WHERE is_active;
CREATE INDEX translation_cache_source_lang_idx ON platform.translation_cache (source_lang);
CREATE INDEX translation_cache_target_lang_idx ON platform.translation_cache (target_lang);
CREATE INDEX translation_cache_expires_at_idx
    ON platform.translation_cache (expires_at) WHERE is_active AND expires_at IS NOT NULL;


-- Queue (not an entity table): cache misses waiting for the external translation worker.
CREATE TABLE platform.translation_request (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    source_hash     bytea NOT NULL,
    source_text     text NOT NULL,
    source_lang     text NOT NULL,
    target_lang     text NOT NULL,
    status          text NOT NULL DEFAULT 'pending',
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text,
    requested_at    timestamptz NOT NULL DEFAULT now(),
    processed_at    timestamptz,
    CONSTRAINT translation_request_pkey PRIMARY KEY (id),
    CONSTRAINT translation_request_source_lang_fkey FOREIGN KEY (source_lang)
        REFERENCES platform.language (code) ON UPDATE CASCADE,
    CONSTRAINT translation_request_target_lang_fkey FOREIGN KEY (target_lang)
        REFERENCES platform.language (code) ON UPDATE CASCADE,
    CONSTRAINT translation_request_source_hash_sha256 CHECK (octet_length(source_hash) = 32),
    CONSTRAINT translation_request_target_lang_differs CHECK (target_lang <> source_lang),
    CONSTRAINT translation_request_status_allowed CHECK (
        status IN ('pending', 'processing', 'done', 'failed', 'canceled')),
    CONSTRAINT translation_request_attempts_nonnegative CHECK (attempts >= 0),
    CONSTRAINT translation_request_processed_at_required CHECK (
        (status IN ('pending', 'processing')) = (processed_at IS NULL))
);
COMMENT ON TABLE platform.translation_request IS
    'Queue of translation cache misses for the external worker (NOTIFY fitness_translation); one open request per (source_hash, target_lang)';
COMMENT ON COLUMN platform.translation_request.source_hash IS
    'Same digest as platform.translation_cache.source_hash';
COMMENT ON CONSTRAINT translation_request_source_hash_sha256 ON platform.translation_request IS
    'source_hash must be a sha256 digest (32 bytes)';
COMMENT ON CONSTRAINT translation_request_target_lang_differs ON platform.translation_request IS
    'target_lang must differ from source_lang';
COMMENT ON CONSTRAINT translation_request_status_allowed ON platform.translation_request IS
    'status must be one of pending, processing, done, failed, canceled';
COMMENT ON CONSTRAINT translation_request_attempts_nonnegative ON platform.translation_request IS
    'attempts cannot be negative';
COMMENT ON CONSTRAINT translation_request_processed_at_required ON platform.translation_request IS
    'processed_at is set exactly when the request is finished (done, failed, canceled)';
CREATE UNIQUE INDEX translation_request_source_hash_target_lang_open_uq
    ON platform.translation_request (source_hash, target_lang)
    WHERE status IN ('pending', 'processing');
CREATE INDEX translation_request_pending_idx
    ON platform.translation_request (requested_at) WHERE status = 'pending';
CREATE INDEX translation_request_source_lang_idx ON platform.translation_request (source_lang);
CREATE INDEX translation_request_target_lang_idx ON platform.translation_request (target_lang);


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


-- -------------------------------------------------------------------------------------
-- activity
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.activity_type (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code                text NOT NULL,
    name                text NOT NULL,
    description         text,
    default_visibility  text NOT NULL DEFAULT 'private',
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT activity_type_pkey PRIMARY KEY (id),
    CONSTRAINT activity_type_code_format CHECK (code ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    CONSTRAINT activity_type_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT activity_type_default_visibility_allowed CHECK (
        default_visibility IN ('private', 'institution', 'public')),
    CONSTRAINT activity_type_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.activity_type IS 'Kinds of user activity (feed items) and their default visibility';
COMMENT ON CONSTRAINT activity_type_code_format ON platform.activity_type IS
    'code must be dot-separated lower-case words';
COMMENT ON CONSTRAINT activity_type_name_not_blank ON platform.activity_type IS 'name must not be blank';
COMMENT ON CONSTRAINT activity_type_default_visibility_allowed ON platform.activity_type IS
    'default_visibility must be one of private, institution, public';
COMMENT ON CONSTRAINT activity_type_soft_delete_state ON platform.activity_type IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX activity_type_code_active_uq ON platform.activity_type (code) WHERE is_active;


-- Log (not an entity table), HASH-partitioned by user_id (seed: user-based partitioning).
CREATE TABLE platform.activity (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id             uuid NOT NULL,
    activity_type_id    uuid NOT NULL,
    entity_type         text,
    entity_id           uuid,
    occurred_at         timestamptz NOT NULL DEFAULT now(),
    payload             jsonb NOT NULL DEFAULT '{}'::jsonb,
    visibility          text NOT NULL DEFAULT 'private',
    CONSTRAINT activity_pkey PRIMARY KEY (id, user_id),
    CONSTRAINT activity_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT activity_activity_type_id_fkey FOREIGN KEY (activity_type_id)
        REFERENCES platform.activity_type (id),
    CONSTRAINT activity_entity_type_fkey FOREIGN KEY (entity_type)
        REFERENCES core.entity_type (code) ON UPDATE CASCADE,
    CONSTRAINT activity_entity_reference_complete CHECK ((entity_type IS NULL) = (entity_id IS NULL)),
    CONSTRAINT activity_payload_object CHECK (jsonb_typeof(payload) = 'object'),
    CONSTRAINT activity_visibility_allowed CHECK (visibility IN ('private', 'institution', 'public'))
) PARTITION BY HASH (user_id);
COMMENT ON TABLE platform.activity IS
    'User activity feed (append-only), hash-partitioned by user_id into activity_p0..activity_p7';
COMMENT ON COLUMN platform.activity.payload IS 'pii: free_text';
COMMENT ON CONSTRAINT activity_entity_reference_complete ON platform.activity IS
    'entity_type and entity_id are both set or both NULL';
COMMENT ON CONSTRAINT activity_payload_object ON platform.activity IS 'payload must be a JSON object';
COMMENT ON CONSTRAINT activity_visibility_allowed ON platform.activity IS
    'visibility must be one of private, institution, public';
CREATE INDEX activity_user_id_occurred_at_idx ON platform.activity (user_id, occurred_at DESC);
CREATE INDEX activity_activity_type_id_idx ON platform.activity (activity_type_id);
CREATE INDEX activity_entity_type_entity_id_idx
    ON platform.activity (entity_type, entity_id, occurred_at DESC);

CREATE TABLE platform.activity_p0 PARTITION OF platform.activity FOR VALUES WITH (MODULUS 8, REMAINDER 0);
CREATE TABLE platform.activity_p1 PARTITION OF platform.activity FOR VALUES WITH (MODULUS 8, REMAINDER 1);
CREATE TABLE platform.activity_p2 PARTITION OF platform.activity FOR VALUES WITH (MODULUS 8, REMAINDER 2);
CREATE TABLE platform.activity_p3 PARTITION OF platform.activity FOR VALUES WITH (MODULUS 8, REMAINDER 3);
CREATE TABLE platform.activity_p4 PARTITION OF platform.activity FOR VALUES WITH (MODULUS 8, REMAINDER 4);
CREATE TABLE platform.activity_p5 PARTITION OF platform.activity FOR VALUES WITH (MODULUS 8, REMAINDER 5);
CREATE TABLE platform.activity_p6 PARTITION OF platform.activity FOR VALUES WITH (MODULUS 8, REMAINDER 6);
CREATE TABLE platform.activity_p7 PARTITION OF platform.activity FOR VALUES WITH (MODULUS 8, REMAINDER 7);


-- -------------------------------------------------------------------------------------
-- favorites
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.favorite_collection (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id         uuid NOT NULL,
    name            text NOT NULL,
    description     text,
    is_public       boolean NOT NULL DEFAULT false,
    position        integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT favorite_collection_pkey PRIMARY KEY (id),
    -- Target of favorite's (collection_id, user_id) foreign key: a favorite can only be
    -- filed in a collection of the same user.
    CONSTRAINT favorite_collection_id_user_id_key UNIQUE (id, user_id),
    CONSTRAINT favorite_collection_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT favorite_collection_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT favorite_collection_position_nonnegative CHECK (position >= 0),
    CONSTRAINT favorite_collection_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.favorite_collection IS 'Named lists of favorites of a user';
COMMENT ON COLUMN platform.favorite_collection.name IS 'pii: free_text';
COMMENT ON COLUMN platform.favorite_collection.description IS 'pii: free_text';
COMMENT ON CONSTRAINT favorite_collection_name_not_blank ON platform.favorite_collection IS
    'name must not be blank';
COMMENT ON CONSTRAINT favorite_collection_position_nonnegative ON platform.favorite_collection IS
    'position cannot be negative';
COMMENT ON CONSTRAINT favorite_collection_soft_delete_state ON platform.favorite_collection IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX favorite_collection_user_id_name_active_uq
    ON platform.favorite_collection (user_id, lower(name)) WHERE is_active;
CREATE INDEX favorite_collection_user_id_idx ON platform.favorite_collection (user_id);


CREATE TABLE platform.favorite (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id         uuid NOT NULL,
    entity_type     text NOT NULL,
    entity_id       uuid NOT NULL,
    collection_id   uuid,
    note            text,
    position        integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT favorite_pkey PRIMARY KEY (id),
    CONSTRAINT favorite_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT favorite_collection_id_fkey FOREIGN KEY (collection_id, user_id)
        REFERENCES platform.favorite_collection (id, user_id) ON DELETE CASCADE,
    CONSTRAINT favorite_entity_type_fkey FOREIGN KEY (entity_type)
        REFERENCES core.entity_type (code) ON UPDATE CASCADE,
    CONSTRAINT favorite_position_nonnegative CHECK (position >= 0),
    CONSTRAINT favorite_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.favorite IS
    'A user''s favorite entity (polymorphic), optionally filed in one of their collections';
COMMENT ON COLUMN platform.favorite.collection_id IS 'NULL = not in a collection; (collection_id, user_id) must be the user''s own collection';
COMMENT ON COLUMN platform.favorite.note IS 'pii: free_text';
COMMENT ON CONSTRAINT favorite_position_nonnegative ON platform.favorite IS 'position cannot be negative';
COMMENT ON CONSTRAINT favorite_soft_delete_state ON platform.favorite IS
    'is_active is true exactly when deleted_at is NULL';
-- One active favorite per (user, entity, collection); NULL collection counts as a value.
CREATE UNIQUE INDEX favorite_user_entity_collection_active_uq
    ON platform.favorite (user_id, entity_type, entity_id, collection_id) NULLS NOT DISTINCT
    WHERE is_active;
CREATE INDEX favorite_user_id_idx ON platform.favorite (user_id, created_at DESC);
CREATE INDEX favorite_collection_id_idx ON platform.favorite (collection_id, user_id)
    WHERE collection_id IS NOT NULL;
CREATE INDEX favorite_entity_type_entity_id_idx ON platform.favorite (entity_type, entity_id);


-- -------------------------------------------------------------------------------------
-- ratings
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.rating_status (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code            text NOT NULL,
    name            text NOT NULL,
    description     text,
    is_public       boolean NOT NULL DEFAULT false,
    is_terminal     boolean NOT NULL DEFAULT false,
    sort_order      integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT rating_status_pkey PRIMARY KEY (id),
    CONSTRAINT rating_status_code_format CHECK (code ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT rating_status_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT rating_status_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.rating_status IS 'Moderation states of a rating (pending, published, rejected, flagged)';
COMMENT ON COLUMN platform.rating_status.is_public IS 'Ratings in this state are visible to others and count in rating_summary';
COMMENT ON CONSTRAINT rating_status_code_format ON platform.rating_status IS
    'code must be a lower-case identifier';
COMMENT ON CONSTRAINT rating_status_name_not_blank ON platform.rating_status IS 'name must not be blank';
COMMENT ON CONSTRAINT rating_status_soft_delete_state ON platform.rating_status IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX rating_status_code_active_uq ON platform.rating_status (code) WHERE is_active;


CREATE TABLE platform.rating (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id             uuid NOT NULL,
    entity_type         text NOT NULL,
    entity_id           uuid NOT NULL,
    score               smallint NOT NULL,
    title               text,
    review              text,
    rating_status_id    uuid NOT NULL,
    moderated_by        uuid,
    moderated_at        timestamptz,
    moderation_note     text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT rating_pkey PRIMARY KEY (id),
    CONSTRAINT rating_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT rating_rating_status_id_fkey FOREIGN KEY (rating_status_id)
        REFERENCES platform.rating_status (id),
    CONSTRAINT rating_moderated_by_fkey FOREIGN KEY (moderated_by)
        REFERENCES user_mgmt.app_user (id) ON DELETE SET NULL,
    CONSTRAINT rating_entity_type_fkey FOREIGN KEY (entity_type)
        REFERENCES core.entity_type (code) ON UPDATE CASCADE,
    CONSTRAINT rating_score_range CHECK (score BETWEEN 1 AND 5),
    CONSTRAINT rating_review_length CHECK (length(review) <= 10000),
    CONSTRAINT rating_moderated_at_required CHECK (moderated_by IS NULL OR moderated_at IS NOT NULL),
    CONSTRAINT rating_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.rating IS
    'A user''s score (1-5) and review of an entity; one active rating per user and entity';
COMMENT ON COLUMN platform.rating.title IS 'pii: free_text';
COMMENT ON COLUMN platform.rating.review IS 'pii: free_text';
COMMENT ON COLUMN platform.rating.moderation_note IS 'pii: free_text';
COMMENT ON CONSTRAINT rating_score_range ON platform.rating IS 'score must be between 1 and 5';
COMMENT ON CONSTRAINT rating_review_length ON platform.rating IS 'review must be at most 10000 characters';
COMMENT ON CONSTRAINT rating_moderated_at_required ON platform.rating IS
    'a moderated rating must have moderated_at';
COMMENT ON CONSTRAINT rating_soft_delete_state ON platform.rating IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX rating_user_id_entity_active_uq
    ON platform.rating (user_id, entity_type, entity_id) WHERE is_active;
CREATE INDEX rating_user_id_idx ON platform.rating (user_id);
CREATE INDEX rating_rating_status_id_idx ON platform.rating (rating_status_id);
CREATE INDEX rating_moderated_by_idx ON platform.rating (moderated_by) WHERE moderated_by IS NOT NULL;
CREATE INDEX rating_entity_type_entity_id_idx
    ON platform.rating (entity_type, entity_id, created_at DESC);


CREATE TABLE platform.rating_summary (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    entity_type     text NOT NULL,
    entity_id       uuid NOT NULL,
    rating_count    integer NOT NULL DEFAULT 0,
    score_sum       bigint NOT NULL DEFAULT 0,
    average         numeric(3,2) GENERATED ALWAYS AS (
                        CASE WHEN rating_count > 0
                             THEN round(score_sum::numeric / rating_count, 2) END) STORED,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT rating_summary_pkey PRIMARY KEY (id),
    CONSTRAINT rating_summary_entity_type_fkey FOREIGN KEY (entity_type)
        REFERENCES core.entity_type (code) ON UPDATE CASCADE,
    CONSTRAINT rating_summary_rating_count_nonnegative CHECK (rating_count >= 0),
    CONSTRAINT rating_summary_score_sum_range CHECK (
        score_sum BETWEEN rating_count AND 5::bigint * rating_count),
    CONSTRAINT rating_summary_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.rating_summary IS
    'Count and sum of the public ratings of an entity, kept exact by the rating trigger; average is derived';
COMMENT ON COLUMN platform.rating_summary.average IS 'score_sum / rating_count rounded to 2 places; NULL without ratings (generated)';
COMMENT ON CONSTRAINT rating_summary_rating_count_nonnegative ON platform.rating_summary IS
    'rating_count cannot be negative';
COMMENT ON CONSTRAINT rating_summary_score_sum_range ON platform.rating_summary IS
    'score_sum must lie between rating_count (all 1s) and 5 * rating_count (all 5s)';
COMMENT ON CONSTRAINT rating_summary_soft_delete_state ON platform.rating_summary IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX rating_summary_entity_type_entity_id_active_uq
    ON platform.rating_summary (entity_type, entity_id) WHERE is_active;


-- -------------------------------------------------------------------------------------
-- audit and events
-- -------------------------------------------------------------------------------------

-- Log (not an entity table), RANGE-partitioned monthly on occurred_at (UTC month bounds).
-- Written only by the C++ audit triggers; append-only (API.md "Audit").
CREATE TABLE platform.audit_log (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    occurred_at         timestamptz NOT NULL DEFAULT now(),
    table_schema        text NOT NULL,
    table_name          text NOT NULL,
    record_id           uuid,
    operation           text NOT NULL,
    old_data            jsonb,
    new_data            jsonb,
    changed_columns     text[],
    actor_user_id       uuid,
    db_role             text NOT NULL DEFAULT CURRENT_USER,
    application_name    text,
    client_addr         inet,
    txid                bigint NOT NULL DEFAULT txid_current(),
    CONSTRAINT audit_log_pkey PRIMARY KEY (id, occurred_at),
    CONSTRAINT audit_log_operation_allowed CHECK (
        operation IN ('INSERT', 'UPDATE', 'DELETE', 'SOFT_DELETE', 'RESTORE', 'TRUNCATE')),
    CONSTRAINT audit_log_record_id_required CHECK (operation = 'TRUNCATE' OR record_id IS NOT NULL),
    CONSTRAINT audit_log_old_data_object CHECK (jsonb_typeof(old_data) = 'object'),
    CONSTRAINT audit_log_new_data_object CHECK (jsonb_typeof(new_data) = 'object')
) PARTITION BY RANGE (occurred_at);
COMMENT ON TABLE platform.audit_log IS
    'Append-only audit trail of every entity table, partitioned monthly (audit_log_pYYYYMM, UTC months) with a default partition';
COMMENT ON COLUMN platform.audit_log.record_id IS 'id of the audited row; NULL only for TRUNCATE';
COMMENT ON COLUMN platform.audit_log.old_data IS 'pii: free_text (full row before the change)';
COMMENT ON COLUMN platform.audit_log.new_data IS 'pii: free_text (INSERT: full row; UPDATE: changed columns only)';
COMMENT ON COLUMN platform.audit_log.actor_user_id IS 'Application user from the identity context; no FK: survives erasure';
COMMENT ON COLUMN platform.audit_log.client_addr IS 'pii: ip_address';
COMMENT ON COLUMN platform.audit_log.txid IS 'Top-level transaction id (txid_current())';
COMMENT ON CONSTRAINT audit_log_operation_allowed ON platform.audit_log IS
    'operation must be one of INSERT, UPDATE, DELETE, SOFT_DELETE, RESTORE, TRUNCATE';
COMMENT ON CONSTRAINT audit_log_record_id_required ON platform.audit_log IS
    'record_id is required except for TRUNCATE';
COMMENT ON CONSTRAINT audit_log_old_data_object ON platform.audit_log IS 'old_data must be a JSON object';
COMMENT ON CONSTRAINT audit_log_new_data_object ON platform.audit_log IS 'new_data must be a JSON object';
-- Lean on purpose: every audited write pays for these. Record ids are uuid v7 and unique
-- across tables, so (record_id, occurred_at) serves record_history without the names.
CREATE INDEX audit_log_record_id_occurred_at_idx
    ON platform.audit_log (record_id, occurred_at);
CREATE INDEX audit_log_actor_user_id_occurred_at_idx
    ON platform.audit_log (actor_user_id, occurred_at) WHERE actor_user_id IS NOT NULL;


-- Log / outbox (not an entity table), RANGE-partitioned daily on occurred_at (UTC days).
CREATE TABLE platform.system_event (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    event_type          text NOT NULL,
    aggregate_type      text NOT NULL,
    aggregate_id        uuid,
    payload             jsonb NOT NULL DEFAULT '{}'::jsonb,
    actor_user_id       uuid,
    institution_id      uuid,
    occurred_at         timestamptz NOT NULL DEFAULT now(),
    processed_at        timestamptz,
    txid                bigint NOT NULL DEFAULT txid_current(),
    CONSTRAINT system_event_pkey PRIMARY KEY (id, occurred_at),
    CONSTRAINT system_event_event_type_format CHECK (event_type ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    CONSTRAINT system_event_aggregate_type_format CHECK (aggregate_type ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT system_event_payload_object CHECK (jsonb_typeof(payload) = 'object')
) PARTITION BY RANGE (occurred_at);
COMMENT ON TABLE platform.system_event IS
    'Domain events (transactional outbox, NOTIFY fitness_events), partitioned daily (system_event_pYYYYMMDD, UTC days) with a default partition';
COMMENT ON COLUMN platform.system_event.actor_user_id IS 'Application user from the identity context; no FK: survives erasure';
COMMENT ON COLUMN platform.system_event.institution_id IS 'Tenant of the event, if any; no FK (log)';
COMMENT ON COLUMN platform.system_event.processed_at IS 'Set by the consumer; NULL = not yet processed';
COMMENT ON COLUMN platform.system_event.payload IS 'pii: free_text';
COMMENT ON CONSTRAINT system_event_event_type_format ON platform.system_event IS
    'event_type must be dot-separated lower-case words, e.g. session.completed';
COMMENT ON CONSTRAINT system_event_aggregate_type_format ON platform.system_event IS
    'aggregate_type must be a lower-case identifier';
COMMENT ON CONSTRAINT system_event_payload_object ON platform.system_event IS 'payload must be a JSON object';
CREATE INDEX system_event_unprocessed_idx
    ON platform.system_event (occurred_at) WHERE processed_at IS NULL;
CREATE INDEX system_event_aggregate_idx
    ON platform.system_event (aggregate_type, aggregate_id, occurred_at);
CREATE INDEX system_event_event_type_occurred_at_idx
    ON platform.system_event (event_type, occurred_at);


-- Initial partitions, relative to the install date (UTC bounds). fitness.run_maintenance()
-- creates the following ones; rows outside every range land in the default partitions.
DO $partitions$
DECLARE
    month_start timestamp := pg_catalog.date_trunc('month', pg_catalog.now() AT TIME ZONE 'UTC');
    day_start   timestamp := pg_catalog.date_trunc('day', pg_catalog.now() AT TIME ZONE 'UTC');
    lo          timestamp;
    i           integer;
BEGIN
    FOR i IN 0..3 LOOP
        lo := month_start + pg_catalog.make_interval(months => i);
        EXECUTE pg_catalog.format(
            'CREATE TABLE %I.%I PARTITION OF platform.audit_log FOR VALUES FROM (%L) TO (%L)',
            'platform', 'audit_log_p' || pg_catalog.to_char(lo, 'YYYYMM'),
            (lo AT TIME ZONE 'UTC'), ((lo + interval '1 month') AT TIME ZONE 'UTC'));
    END LOOP;
    EXECUTE pg_catalog.format('CREATE TABLE %I.%I PARTITION OF platform.audit_log DEFAULT',
                              'platform', 'audit_log_default');

    FOR i IN 0..7 LOOP
        lo := day_start + pg_catalog.make_interval(days => i);
        EXECUTE pg_catalog.format(
            'CREATE TABLE %I.%I PARTITION OF platform.system_event FOR VALUES FROM (%L) TO (%L)',
            'platform', 'system_event_p' || pg_catalog.to_char(lo, 'YYYYMMDD'),
            (lo AT TIME ZONE 'UTC'), ((lo + interval '1 day') AT TIME ZONE 'UTC'));
    END LOOP;
    EXECUTE pg_catalog.format('CREATE TABLE %I.%I PARTITION OF platform.system_event DEFAULT',
                              'platform', 'system_event_default');
END
$partitions$;


-- -------------------------------------------------------------------------------------
-- notifications
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.notification_type (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code                text NOT NULL,
    name                text NOT NULL,
    description         text,
    default_channels    text[] NOT NULL DEFAULT '{in_app}',
    title_key           text NOT NULL,
    body_key            text NOT NULL,
    is_transactional    boolean NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT notification_type_pkey PRIMARY KEY (id),
    CONSTRAINT notification_type_code_format CHECK (code ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT notification_type_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT notification_type_default_channels_allowed CHECK (
        cardinality(default_channels) > 0
        AND default_channels <@ ARRAY['in_app', 'email', 'push', 'sms']::text[]),
    CONSTRAINT notification_type_title_key_format CHECK (title_key ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    CONSTRAINT notification_type_body_key_format CHECK (body_key ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    CONSTRAINT notification_type_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.notification_type IS
    'Kinds of notification: default channels, message keys (platform.ui_message) and whether it can be muted';
COMMENT ON COLUMN platform.notification_type.is_transactional IS 'Transactional notifications (password reset, payment failed) are delivered even when muted';
COMMENT ON CONSTRAINT notification_type_code_format ON platform.notification_type IS
    'code must be a lower-case identifier';
COMMENT ON CONSTRAINT notification_type_name_not_blank ON platform.notification_type IS 'name must not be blank';
COMMENT ON CONSTRAINT notification_type_default_channels_allowed ON platform.notification_type IS
    'default_channels must be a non-empty subset of in_app, email, push, sms';
COMMENT ON CONSTRAINT notification_type_title_key_format ON platform.notification_type IS
    'title_key must be a ui_message key (dot-separated lower-case words)';
COMMENT ON CONSTRAINT notification_type_body_key_format ON platform.notification_type IS
    'body_key must be a ui_message key (dot-separated lower-case words)';
COMMENT ON CONSTRAINT notification_type_soft_delete_state ON platform.notification_type IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX notification_type_code_active_uq ON platform.notification_type (code) WHERE is_active;


CREATE TABLE platform.notification (
    id                      uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id                 uuid NOT NULL,
    notification_type_id    uuid NOT NULL,
    channel                 text NOT NULL,
    title                   text NOT NULL,
    body                    text,
    payload                 jsonb NOT NULL DEFAULT '{}'::jsonb,
    status                  text NOT NULL DEFAULT 'pending',
    scheduled_at            timestamptz NOT NULL DEFAULT now(),
    sent_at                 timestamptz,
    delivered_at            timestamptz,
    read_at                 timestamptz,
    attempts                integer NOT NULL DEFAULT 0,
    last_error              text,
    dedupe_key              text,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    created_by              uuid,
    updated_by              uuid,
    is_active               boolean NOT NULL DEFAULT true,
    deleted_at              timestamptz,
    deleted_by              uuid,
    CONSTRAINT notification_pkey PRIMARY KEY (id),
    CONSTRAINT notification_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT notification_notification_type_id_fkey FOREIGN KEY (notification_type_id)
        REFERENCES platform.notification_type (id),
    CONSTRAINT notification_channel_allowed CHECK (channel IN ('in_app', 'email', 'push', 'sms')),
    CONSTRAINT notification_status_allowed CHECK (
        status IN ('pending', 'sent', 'delivered', 'read', 'failed', 'canceled')),
    CONSTRAINT notification_attempts_nonnegative CHECK (attempts >= 0),
    CONSTRAINT notification_payload_object CHECK (jsonb_typeof(payload) = 'object'),
    CONSTRAINT notification_sent_at_required CHECK (
        status NOT IN ('sent', 'delivered', 'read') OR sent_at IS NOT NULL),
    CONSTRAINT notification_delivered_at_required CHECK (status <> 'delivered' OR delivered_at IS NOT NULL),
    CONSTRAINT notification_read_at_required CHECK (status <> 'read' OR read_at IS NOT NULL),
    CONSTRAINT notification_dedupe_key_not_blank CHECK (btrim(dedupe_key) <> ''),
    CONSTRAINT notification_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.notification IS
    'A notification to a user on one channel; status moves pending -> sent -> delivered -> read (or failed, canceled)';
COMMENT ON COLUMN platform.notification.title IS 'pii: free_text';
COMMENT ON COLUMN platform.notification.body IS 'pii: free_text';
COMMENT ON COLUMN platform.notification.payload IS 'pii: free_text';
COMMENT ON COLUMN platform.notification.dedupe_key IS 'Caller-chosen key; a second active notification with the same key is refused';
COMMENT ON CONSTRAINT notification_channel_allowed ON platform.notification IS
    'channel must be one of in_app, email, push, sms';
COMMENT ON CONSTRAINT notification_status_allowed ON platform.notification IS
    'status must be one of pending, sent, delivered, read, failed, canceled';
COMMENT ON CONSTRAINT notification_attempts_nonnegative ON platform.notification IS 'attempts cannot be negative';
COMMENT ON CONSTRAINT notification_payload_object ON platform.notification IS 'payload must be a JSON object';
COMMENT ON CONSTRAINT notification_sent_at_required ON platform.notification IS
    'a sent, delivered or read notification must have sent_at';
COMMENT ON CONSTRAINT notification_delivered_at_required ON platform.notification IS
    'a delivered notification must have delivered_at';
COMMENT ON CONSTRAINT notification_read_at_required ON platform.notification IS
    'a read notification must have read_at';
COMMENT ON CONSTRAINT notification_dedupe_key_not_blank ON platform.notification IS
    'dedupe_key must not be blank (use NULL for no deduplication)';
COMMENT ON CONSTRAINT notification_soft_delete_state ON platform.notification IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX notification_dedupe_key_active_uq
    ON platform.notification (dedupe_key) WHERE is_active AND dedupe_key IS NOT NULL;
CREATE INDEX notification_user_id_idx ON platform.notification (user_id, created_at DESC);
CREATE INDEX notification_notification_type_id_idx ON platform.notification (notification_type_id);
CREATE INDEX notification_pending_idx
    ON platform.notification (scheduled_at) WHERE status = 'pending' AND is_active;
CREATE INDEX notification_unread_idx
    ON platform.notification (user_id, created_at DESC)
    WHERE read_at IS NULL AND channel = 'in_app' AND is_active;


CREATE TABLE platform.notification_preference (
    id                      uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id                 uuid NOT NULL,
    notification_type_id    uuid NOT NULL,
    channel                 text NOT NULL,
    enabled                 boolean NOT NULL DEFAULT true,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    created_by              uuid,
    updated_by              uuid,
    is_active               boolean NOT NULL DEFAULT true,
    deleted_at              timestamptz,
    deleted_by              uuid,
    CONSTRAINT notification_preference_pkey PRIMARY KEY (id),
    CONSTRAINT notification_preference_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT notification_preference_notification_type_id_fkey FOREIGN KEY (notification_type_id)
        REFERENCES platform.notification_type (id) ON DELETE CASCADE,
    CONSTRAINT notification_preference_channel_allowed CHECK (channel IN ('in_app', 'email', 'push', 'sms')),
    CONSTRAINT notification_preference_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.notification_preference IS
    'A user''s choice per notification type and channel; absent row = the type''s default channels';
COMMENT ON CONSTRAINT notification_preference_channel_allowed ON platform.notification_preference IS
    'channel must be one of in_app, email, push, sms';
COMMENT ON CONSTRAINT notification_preference_soft_delete_state ON platform.notification_preference IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX notification_preference_user_type_channel_active_uq
    ON platform.notification_preference (user_id, notification_type_id, channel) WHERE is_active;
CREATE INDEX notification_preference_user_id_idx ON platform.notification_preference (user_id);
CREATE INDEX notification_preference_notification_type_id_idx
    ON platform.notification_preference (notification_type_id);


-- -------------------------------------------------------------------------------------
-- settings
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.system_setting (
    id                          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    key                         text NOT NULL,
    value                       jsonb NOT NULL,
    value_type                  text NOT NULL,
    allowed_values              jsonb,
    min_value                   numeric,
    max_value                   numeric,
    description                 text NOT NULL,
    is_secret                   boolean NOT NULL DEFAULT false,
    is_institution_overridable  boolean NOT NULL DEFAULT false,
    is_user_overridable         boolean NOT NULL DEFAULT false,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    created_by                  uuid,
    updated_by                  uuid,
    is_active                   boolean NOT NULL DEFAULT true,
    deleted_at                  timestamptz,
    deleted_by                  uuid,
    CONSTRAINT system_setting_pkey PRIMARY KEY (id),
    CONSTRAINT system_setting_key_format CHECK (key ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$'),
    CONSTRAINT system_setting_value_type_allowed CHECK (
        value_type IN ('boolean', 'integer', 'number', 'string', 'enum', 'json')),
    CONSTRAINT system_setting_value_matches_type CHECK (
        CASE value_type
            WHEN 'boolean' THEN jsonb_typeof(value) = 'boolean'
            WHEN 'integer' THEN jsonb_typeof(value) = 'number'
                                AND (value #>> '{}') ~ '^-?[0-9]+$'
            WHEN 'number'  THEN jsonb_typeof(value) = 'number'
            WHEN 'string'  THEN jsonb_typeof(value) = 'string'
            WHEN 'enum'    THEN jsonb_typeof(value) = 'string'
            ELSE true
        END),
    CONSTRAINT system_setting_allowed_values_array CHECK (
        jsonb_typeof(allowed_values) = 'array'
        AND jsonb_array_length(allowed_values) > 0),
    CONSTRAINT system_setting_allowed_values_required CHECK (
        value_type <> 'enum' OR allowed_values IS NOT NULL),
    CONSTRAINT system_setting_value_allowed CHECK (
        allowed_values IS NULL OR allowed_values @> jsonb_build_array(value)),
    CONSTRAINT system_setting_bounds_numeric_only CHECK (
        (min_value IS NULL AND max_value IS NULL) OR value_type IN ('integer', 'number')),
    CONSTRAINT system_setting_bounds_ordered CHECK (min_value <= max_value),
    CONSTRAINT system_setting_value_range CHECK (
        value_type NOT IN ('integer', 'number')
        OR ((min_value IS NULL OR (value #>> '{}')::numeric >= min_value)
            AND (max_value IS NULL OR (value #>> '{}')::numeric <= max_value))),
    CONSTRAINT system_setting_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.system_setting IS
    'Setting definitions (type, allowed values, bounds) and their platform-wide values; platform.setting overrides per institution or user';
COMMENT ON COLUMN platform.system_setting.value IS 'Platform value, of value_type; secret values are hidden from non-admins';
COMMENT ON COLUMN platform.system_setting.allowed_values IS 'JSON array of the permitted values (required for enum)';
COMMENT ON CONSTRAINT system_setting_key_format ON platform.system_setting IS
    'key must be dot-separated lower-case identifiers, e.g. audit.retention_months';
COMMENT ON CONSTRAINT system_setting_value_type_allowed ON platform.system_setting IS
    'value_type must be one of boolean, integer, number, string, enum, json';
COMMENT ON CONSTRAINT system_setting_value_matches_type ON platform.system_setting IS
    'value must be a JSON value of value_type (integer: a whole number; enum: a string)';
COMMENT ON CONSTRAINT system_setting_allowed_values_array ON platform.system_setting IS
    'allowed_values must be a non-empty JSON array';
COMMENT ON CONSTRAINT system_setting_allowed_values_required ON platform.system_setting IS
    'an enum setting must list its allowed_values';
COMMENT ON CONSTRAINT system_setting_value_allowed ON platform.system_setting IS
    'value must be one of allowed_values';
COMMENT ON CONSTRAINT system_setting_bounds_numeric_only ON platform.system_setting IS
    'min_value and max_value apply only to integer and number settings';
COMMENT ON CONSTRAINT system_setting_bounds_ordered ON platform.system_setting IS
    'min_value must not exceed max_value';
COMMENT ON CONSTRAINT system_setting_value_range ON platform.system_setting IS
    'value must lie between min_value and max_value';
COMMENT ON CONSTRAINT system_setting_soft_delete_state ON platform.system_setting IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX system_setting_key_active_uq ON platform.system_setting (key) WHERE is_active;


CREATE TABLE platform.setting (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    scope           text NOT NULL,
    scope_id        uuid NOT NULL,
    key             text NOT NULL,
    value           jsonb NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT setting_pkey PRIMARY KEY (id),
    CONSTRAINT setting_scope_allowed CHECK (scope IN ('institution', 'user')),
    CONSTRAINT setting_key_format CHECK (key ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$'),
    CONSTRAINT setting_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.setting IS
    'Overrides of a system_setting for one institution or user (resolved user -> institution -> system by fitness.setting()); values are type-checked against system_setting by trigger';
COMMENT ON COLUMN platform.setting.scope_id IS 'user_mgmt.institution.id or user_mgmt.app_user.id, as scope says';
COMMENT ON COLUMN platform.setting.key IS 'platform.system_setting.key of the setting overridden';
COMMENT ON CONSTRAINT setting_scope_allowed ON platform.setting IS 'scope must be one of institution, user';
COMMENT ON CONSTRAINT setting_key_format ON platform.setting IS
    'key must be dot-separated lower-case identifiers, e.g. units_default';
COMMENT ON CONSTRAINT setting_soft_delete_state ON platform.setting IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX setting_scope_scope_id_key_active_uq
    ON platform.setting (scope, scope_id, key) WHERE is_active;
CREATE INDEX setting_key_idx ON platform.setting (key);


-- -------------------------------------------------------------------------------------
-- errors
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.error_type (
    id                          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code                        text NOT NULL,
    name                        text NOT NULL,
    description                 text,
    severity                    text NOT NULL DEFAULT 'error',
    alert_threshold_per_hour    integer,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    created_by                  uuid,
    updated_by                  uuid,
    is_active                   boolean NOT NULL DEFAULT true,
    deleted_at                  timestamptz,
    deleted_by                  uuid,
    CONSTRAINT error_type_pkey PRIMARY KEY (id),
    CONSTRAINT error_type_code_format CHECK (code ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    CONSTRAINT error_type_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT error_type_severity_allowed CHECK (
        severity IN ('debug', 'info', 'warning', 'error', 'critical')),
    CONSTRAINT error_type_alert_threshold_per_hour_positive CHECK (alert_threshold_per_hour > 0),
    CONSTRAINT error_type_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.error_type IS 'Classes of tracked errors with severity and alert threshold';
COMMENT ON COLUMN platform.error_type.alert_threshold_per_hour IS 'Alert when more occurrences than this arrive within an hour; NULL = never';
COMMENT ON CONSTRAINT error_type_code_format ON platform.error_type IS
    'code must be dot-separated lower-case words';
COMMENT ON CONSTRAINT error_type_name_not_blank ON platform.error_type IS 'name must not be blank';
COMMENT ON CONSTRAINT error_type_severity_allowed ON platform.error_type IS
    'severity must be one of debug, info, warning, error, critical';
COMMENT ON CONSTRAINT error_type_alert_threshold_per_hour_positive ON platform.error_type IS
    'alert_threshold_per_hour must be positive';
COMMENT ON CONSTRAINT error_type_soft_delete_state ON platform.error_type IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX error_type_code_active_uq ON platform.error_type (code) WHERE is_active;


CREATE TABLE platform.error (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    error_type_id       uuid NOT NULL,
    fingerprint         text NOT NULL,
    sqlstate            text,
    message             text NOT NULL,
    detail              jsonb NOT NULL DEFAULT '{}'::jsonb,
    context             jsonb NOT NULL DEFAULT '{}'::jsonb,
    first_seen_at       timestamptz NOT NULL DEFAULT now(),
    last_seen_at        timestamptz NOT NULL DEFAULT now(),
    occurrence_count    bigint NOT NULL DEFAULT 1,
    status              text NOT NULL DEFAULT 'open',
    resolved_at         timestamptz,
    resolved_by         uuid,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT error_pkey PRIMARY KEY (id),
    CONSTRAINT error_error_type_id_fkey FOREIGN KEY (error_type_id)
        REFERENCES platform.error_type (id),
    CONSTRAINT error_fingerprint_not_blank CHECK (btrim(fingerprint) <> ''),
    CONSTRAINT error_sqlstate_format CHECK (sqlstate ~ '^[0-9A-Z]{5}$'),
    CONSTRAINT error_detail_object CHECK (jsonb_typeof(detail) = 'object'),
    CONSTRAINT error_context_object CHECK (jsonb_typeof(context) = 'object'),
    CONSTRAINT error_last_seen_at_order CHECK (last_seen_at >= first_seen_at),
    CONSTRAINT error_occurrence_count_positive CHECK (occurrence_count >= 1),
    CONSTRAINT error_status_allowed CHECK (status IN ('open', 'acknowledged', 'resolved', 'ignored')),
    CONSTRAINT error_resolved_at_required CHECK (status <> 'resolved' OR resolved_at IS NOT NULL),
    CONSTRAINT error_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.error IS
    'Tracked errors, one row per fingerprint and type, counting occurrences between first_seen_at and last_seen_at';
COMMENT ON COLUMN platform.error.fingerprint IS 'Stable hash of type, SQLSTATE and normalized message used to group occurrences';
COMMENT ON COLUMN platform.error.context IS 'pii: free_text (request context: user, institution, function)';
COMMENT ON COLUMN platform.error.detail IS 'pii: free_text';
COMMENT ON CONSTRAINT error_fingerprint_not_blank ON platform.error IS 'fingerprint must not be blank';
COMMENT ON CONSTRAINT error_sqlstate_format ON platform.error IS 'sqlstate must be 5 digits or upper-case letters';
COMMENT ON CONSTRAINT error_detail_object ON platform.error IS 'detail must be a JSON object';
COMMENT ON CONSTRAINT error_context_object ON platform.error IS 'context must be a JSON object';
COMMENT ON CONSTRAINT error_last_seen_at_order ON platform.error IS
    'last_seen_at cannot be before first_seen_at';
COMMENT ON CONSTRAINT error_occurrence_count_positive ON platform.error IS
    'occurrence_count must be at least 1';
COMMENT ON CONSTRAINT error_status_allowed ON platform.error IS
    'status must be one of open, acknowledged, resolved, ignored';
COMMENT ON CONSTRAINT error_resolved_at_required ON platform.error IS
    'a resolved error must have resolved_at';
COMMENT ON CONSTRAINT error_soft_delete_state ON platform.error IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX error_error_type_id_fingerprint_active_uq
    ON platform.error (error_type_id, fingerprint) WHERE is_active;
CREATE INDEX error_error_type_id_idx ON platform.error (error_type_id, last_seen_at);
CREATE INDEX error_open_idx ON platform.error (last_seen_at DESC) WHERE status = 'open' AND is_active;


-- -------------------------------------------------------------------------------------
-- data lifecycle
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.retention_policy (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    target_table        text NOT NULL,
    timestamp_column    text NOT NULL,
    keep                interval NOT NULL,
    action              text NOT NULL,
    anonymize_columns   text[],
    description         text,
    is_enabled          boolean NOT NULL DEFAULT true,
    last_run_at         timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT retention_policy_pkey PRIMARY KEY (id),
    CONSTRAINT retention_policy_target_table_qualified CHECK (
        target_table ~ '^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$'),
    CONSTRAINT retention_policy_timestamp_column_format CHECK (timestamp_column ~ '^[a-z_][a-z0-9_]*$'),
    CONSTRAINT retention_policy_keep_positive CHECK (keep > interval '0'),
    CONSTRAINT retention_policy_action_allowed CHECK (action IN ('delete', 'anonymize', 'detach_partition')),
    CONSTRAINT retention_policy_anonymize_columns_required CHECK (
        (action = 'anonymize') = (anonymize_columns IS NOT NULL AND cardinality(anonymize_columns) > 0)),
    CONSTRAINT retention_policy_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.retention_policy IS
    'Data lifecycle rules applied by fitness.run_maintenance(): rows (or partitions) older than keep are deleted, anonymized or detached';
COMMENT ON COLUMN platform.retention_policy.target_table IS 'Schema-qualified table name, e.g. platform.audit_log';
COMMENT ON COLUMN platform.retention_policy.timestamp_column IS 'Column whose age is compared with keep (the partition key for detach_partition)';
COMMENT ON COLUMN platform.retention_policy.keep IS 'How long rows are kept';
COMMENT ON CONSTRAINT retention_policy_target_table_qualified ON platform.retention_policy IS
    'target_table must be a schema-qualified lower-case table name (schema.table)';
COMMENT ON CONSTRAINT retention_policy_timestamp_column_format ON platform.retention_policy IS
    'timestamp_column must be a lower-case column name';
COMMENT ON CONSTRAINT retention_policy_keep_positive ON platform.retention_policy IS 'keep must be positive';
COMMENT ON CONSTRAINT retention_policy_action_allowed ON platform.retention_policy IS
    'action must be one of delete, anonymize, detach_partition';
COMMENT ON CONSTRAINT retention_policy_anonymize_columns_required ON platform.retention_policy IS
    'anonymize_columns is given exactly for the anonymize action';
COMMENT ON CONSTRAINT retention_policy_soft_delete_state ON platform.retention_policy IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX retention_policy_target_table_action_active_uq
    ON platform.retention_policy (target_table, action) WHERE is_active;


CREATE TABLE platform.data_subject_request (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id         uuid NOT NULL,
    kind            text NOT NULL,
    regulation      text NOT NULL DEFAULT 'gdpr',
    status          text NOT NULL DEFAULT 'pending',
    reason          text,
    requested_by    uuid,
    requested_at    timestamptz NOT NULL DEFAULT now(),
    completed_at    timestamptz,
    result          jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT data_subject_request_pkey PRIMARY KEY (id),
    CONSTRAINT data_subject_request_kind_allowed CHECK (kind IN ('export', 'erasure')),
    CONSTRAINT data_subject_request_regulation_allowed CHECK (regulation IN ('gdpr', 'ccpa')),
    CONSTRAINT data_subject_request_status_allowed CHECK (
        status IN ('pending', 'in_progress', 'completed', 'rejected', 'failed')),
    CONSTRAINT data_subject_request_completed_at_required CHECK (
        (status IN ('completed', 'rejected', 'failed')) = (completed_at IS NOT NULL)),
    CONSTRAINT data_subject_request_completed_at_order CHECK (completed_at >= requested_at),
    CONSTRAINT data_subject_request_result_object CHECK (jsonb_typeof(result) = 'object'),
    CONSTRAINT data_subject_request_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.data_subject_request IS
    'GDPR/CCPA export and erasure requests; kept after the user is erased (user_id has no foreign key on purpose)';
COMMENT ON COLUMN platform.data_subject_request.user_id IS
    'The data subject (user_mgmt.app_user.id); deliberately no foreign key so the record survives erasure';
COMMENT ON COLUMN platform.data_subject_request.reason IS 'pii: free_text';
COMMENT ON COLUMN platform.data_subject_request.result IS 'Outcome, e.g. rows erased or anonymized per table';
COMMENT ON CONSTRAINT data_subject_request_kind_allowed ON platform.data_subject_request IS
    'kind must be one of export, erasure';
COMMENT ON CONSTRAINT data_subject_request_regulation_allowed ON platform.data_subject_request IS
    'regulation must be one of gdpr, ccpa';
COMMENT ON CONSTRAINT data_subject_request_status_allowed ON platform.data_subject_request IS
    'status must be one of pending, in_progress, completed, rejected, failed';
COMMENT ON CONSTRAINT data_subject_request_completed_at_required ON platform.data_subject_request IS
    'completed_at is set exactly when the request is finished (completed, rejected, failed)';
COMMENT ON CONSTRAINT data_subject_request_completed_at_order ON platform.data_subject_request IS
    'completed_at cannot be before requested_at';
COMMENT ON CONSTRAINT data_subject_request_result_object ON platform.data_subject_request IS
    'result must be a JSON object';
COMMENT ON CONSTRAINT data_subject_request_soft_delete_state ON platform.data_subject_request IS
    'is_active is true exactly when deleted_at is NULL';
CREATE INDEX data_subject_request_user_id_idx ON platform.data_subject_request (user_id, requested_at);
CREATE INDEX data_subject_request_open_idx
    ON platform.data_subject_request (requested_at) WHERE status IN ('pending', 'in_progress');


-- -------------------------------------------------------------------------------------
-- Foreign keys from earlier files to platform.language (their tables exist before it).
-- Index on each referencing column: created by 20_user_mgmt.sql for app_user and
-- institution; created here for content.exercise and content.exercise_alias.
-- -------------------------------------------------------------------------------------
ALTER TABLE user_mgmt.app_user
    ADD CONSTRAINT app_user_language_code_fkey FOREIGN KEY (language_code)
        REFERENCES platform.language (code) ON UPDATE CASCADE;
ALTER TABLE user_mgmt.institution
    ADD CONSTRAINT institution_language_code_fkey FOREIGN KEY (language_code)
        REFERENCES platform.language (code) ON UPDATE CASCADE;

CREATE INDEX exercise_language_code_idx ON content.exercise (language_code);
ALTER TABLE content.exercise
    ADD CONSTRAINT exercise_language_code_fkey FOREIGN KEY (language_code)
        REFERENCES platform.language (code) ON UPDATE CASCADE;

CREATE INDEX exercise_alias_language_code_idx ON content.exercise_alias (language_code);
ALTER TABLE content.exercise_alias
    ADD CONSTRAINT exercise_alias_language_code_fkey FOREIGN KEY (language_code)
        REFERENCES platform.language (code) ON UPDATE CASCADE;
-- Identity context, RBAC and authorization helpers (API.md "Identity context",
-- "Authorization helpers"), all in C++ (src/context/). The helpers that policies call per
-- row carry no SET clause (it would cost every call); the SQL they run to fill their cache
-- goes through an SPI session that pins search_path itself (src/pg/spi.hpp).

CREATE FUNCTION fitness.current_user_id() RETURNS uuid
    AS 'MODULE_PATHNAME', 'fitness_current_user_id'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.current_user_id() IS
    'The acting app_user (NULL without a context). Set only by authenticate/set_context.';

CREATE FUNCTION fitness.current_institution_id() RETURNS uuid
    AS 'MODULE_PATHNAME', 'fitness_current_institution_id'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.current_institution_id() IS
    'The institution the acting user works in, if the context names one';

CREATE FUNCTION fitness.authenticate(token text, is_local boolean DEFAULT true) RETURNS uuid
    AS 'MODULE_PATHNAME', 'fitness_authenticate'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.authenticate(text, boolean) IS
    'Verifies a JWS (HS256, RS256, ES256) with the key ring''s key its kid names (exp/nbf/iat, iss/aud as the key requires; the fitness.jwt_user_claim claim, default sub -> app_user by id, else by auth_subject, created first for provisioning keys; optional inst), sets the context; 28000 with the reason otherwise, and then no context is left, not even an earlier one';

CREATE FUNCTION fitness.set_context(user_id uuid, institution_id uuid DEFAULT NULL,
                                    is_local boolean DEFAULT true) RETURNS void
    AS 'MODULE_PATHNAME', 'fitness_set_context'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.set_context(uuid, uuid, boolean) IS
    'Sets the acting user for a trusted backend (fitness_service, fitness_admin); 42501 for others, 28000 for unknown or inactive users';

CREATE FUNCTION fitness.clear_context() RETURNS void
    AS 'MODULE_PATHNAME', 'fitness_clear_context'
    LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION fitness.clear_context() IS 'Forgets the acting user (transaction and session)';

CREATE FUNCTION fitness.has_permission(permission text, institution_id uuid DEFAULT NULL) RETURNS boolean
    AS 'MODULE_PATHNAME', 'fitness_has_permission'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.has_permission(text, uuid) IS
    'Whether the acting user holds the permission through an active, unexpired role of platform scope or of that institution';

CREATE FUNCTION fitness.has_role(role text, institution_id uuid DEFAULT NULL) RETURNS boolean
    AS 'MODULE_PATHNAME', 'fitness_has_role'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.has_role(text, uuid) IS
    'Whether the acting user holds the role (platform scope when institution_id is NULL)';

CREATE FUNCTION fitness.is_member(institution_id uuid, min_role text DEFAULT 'member') RETURNS boolean
    AS 'MODULE_PATHNAME', 'fitness_is_member'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.is_member(uuid, text) IS
    'Whether the acting user is an active member of the institution with at least min_role (member < coach < admin < owner)';

CREATE FUNCTION fitness.is_platform_admin() RETURNS boolean
    AS 'MODULE_PATHNAME', 'fitness_is_platform_admin'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.is_platform_admin() IS 'Whether the acting user holds platform_admin';

CREATE FUNCTION fitness.can_read(owner_id uuid, institution_id uuid, visibility text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'fitness_can_read'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.can_read(uuid, uuid, text) IS
    'Owner; or public; or institution visibility and membership; or a member whose data the user may read (user.read_members); or platform admin';

CREATE FUNCTION fitness.can_write(owner_id uuid, institution_id uuid) RETURNS boolean
    AS 'MODULE_PATHNAME', 'fitness_can_write'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.can_write(uuid, uuid) IS
    'Owner; institution content for its admins or institution.manage; platform admin';

CREATE FUNCTION fitness.my_institution_ids(min_role text DEFAULT 'member') RETURNS uuid[]
    AS 'MODULE_PATHNAME', 'fitness_my_institution_ids'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.my_institution_ids(text) IS
    'Institutions where the acting user is an active member with at least min_role; for index-friendly policies (= ANY)';

CREATE FUNCTION fitness.permitted_institution_ids(permission text) RETURNS uuid[]
    AS 'MODULE_PATHNAME', 'fitness_permitted_institution_ids'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.permitted_institution_ids(text) IS
    'Institutions where the acting user holds the permission through an institution-scope role';

CREATE FUNCTION fitness.readable_user_ids(permission text) RETURNS uuid[]
    AS 'MODULE_PATHNAME', 'fitness_readable_user_ids'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.readable_user_ids(text) IS
    'Users whose data the acting user may read through the permission: all members where they are admin/owner, assigned members where they coach';

CREATE FUNCTION fitness.grant_role(user_id uuid, role text, institution_id uuid DEFAULT NULL,
                                   expires_at timestamptz DEFAULT NULL, reason text DEFAULT NULL)
    RETURNS uuid
    AS 'MODULE_PATHNAME', 'fitness_grant_role'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.grant_role(uuid, text, uuid, timestamptz, text) IS
    'Grants a role (optionally until expires_at) and records role.granted in platform.system_event; needs role.grant (institution) or role.grant_platform';

CREATE FUNCTION fitness.revoke_role(user_id uuid, role text, institution_id uuid DEFAULT NULL,
                                    reason text DEFAULT NULL) RETURNS integer
    AS 'MODULE_PATHNAME', 'fitness_revoke_role'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.revoke_role(uuid, text, uuid, text) IS
    'Revokes active grants of the role and records role.revoked; returns the number revoked';

CREATE FUNCTION fitness.expire_roles() RETURNS integer
    AS 'MODULE_PATHNAME', 'fitness_expire_roles'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.expire_roles() IS
    'Maintenance: retires grants past expires_at (they already stopped counting) and records role.expired for each';

-- Backends keep each user's authorization data across transactions. It is reloaded when
-- the tables behind it change: at once in the writing transaction, and in every other
-- backend from its next transaction after the writer commits (the trigger queues a relcache
-- invalidation of the written table, which PostgreSQL delivers only on commit). Row-level
-- triggers, because logical replication's apply worker fires only those; they fire ALWAYS,
-- so writes under session_replication_role = replica (a subscriber, bulk loads) invalidate
-- too. TRUNCATE has statement triggers only (not replicated as a trigger event).
CREATE FUNCTION fitness.authz_invalidate() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_authz_invalidate'
    LANGUAGE C VOLATILE;
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['user_mgmt.user_role', 'user_mgmt.institution_member', 'user_mgmt.coach_assignment', 'core.role_permission', 'core.role', 'core.permission', 'user_mgmt.institution'] LOOP
        EXECUTE format('CREATE TRIGGER authz_invalidate AFTER INSERT OR UPDATE OR DELETE ON %s'
                       ' FOR EACH ROW EXECUTE FUNCTION fitness.authz_invalidate()', t);
        EXECUTE format('CREATE TRIGGER authz_invalidate_truncate AFTER TRUNCATE ON %s'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION fitness.authz_invalidate()', t);
        EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER authz_invalidate', t);
        EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER authz_invalidate_truncate', t);
    END LOOP;
END
$$;

-- app_user: a context stops counting when its user is deactivated (soft-deleted, banned) or
-- deleted, and a backend's remembered sign-ins (issuer, subject -> account) when a login
-- subject or its issuer changes, so those changes invalidate too; profile edits do not.
CREATE TRIGGER authz_invalidate AFTER UPDATE ON user_mgmt.app_user
    FOR EACH ROW WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active OR OLD.auth_subject IS DISTINCT FROM NEW.auth_subject
                       OR OLD.auth_issuer IS DISTINCT FROM NEW.auth_issuer)
    EXECUTE FUNCTION fitness.authz_invalidate();
CREATE TRIGGER authz_invalidate_delete AFTER DELETE ON user_mgmt.app_user
    FOR EACH ROW EXECUTE FUNCTION fitness.authz_invalidate();
CREATE TRIGGER authz_invalidate_truncate AFTER TRUNCATE ON user_mgmt.app_user
    FOR EACH STATEMENT EXECUTE FUNCTION fitness.authz_invalidate();
ALTER TABLE user_mgmt.app_user ENABLE ALWAYS TRIGGER authz_invalidate;
ALTER TABLE user_mgmt.app_user ENABLE ALWAYS TRIGGER authz_invalidate_delete;
ALTER TABLE user_mgmt.app_user ENABLE ALWAYS TRIGGER authz_invalidate_truncate;

-- A token's sub is an account id or an identity provider's subject (id first): the two may
-- never name different accounts (src/context/account_guard.cpp).
CREATE FUNCTION fitness.app_user_identity_guard() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_app_user_identity_guard'
    LANGUAGE C VOLATILE;
COMMENT ON FUNCTION fitness.app_user_identity_guard() IS
    'BEFORE INSERT OR UPDATE OF auth_subject on app_user: 23505 when an auth_subject is another account''s id, or a new account''s id is another account''s auth_subject';
CREATE TRIGGER app_user_identity_guard BEFORE INSERT OR UPDATE OF auth_subject ON user_mgmt.app_user
    FOR EACH ROW EXECUTE FUNCTION fitness.app_user_identity_guard();

REVOKE ALL ON FUNCTION fitness.app_user_identity_guard() FROM PUBLIC;
REVOKE ALL ON FUNCTION fitness.authenticate(text, boolean), fitness.set_context(uuid, uuid, boolean),
    fitness.grant_role(uuid, text, uuid, timestamptz, text), fitness.revoke_role(uuid, text, uuid, text),
    fitness.expire_roles(), fitness.authz_invalidate() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.authenticate(text, boolean),
    fitness.grant_role(uuid, text, uuid, timestamptz, text), fitness.revoke_role(uuid, text, uuid, text)
    TO fitness_app, fitness_service, fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.set_context(uuid, uuid, boolean) TO fitness_service, fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.expire_roles() TO fitness_admin;
-- The key ring that fitness.authenticate verifies tokens with (API.md "Identity context";
-- src/context/keyring.cpp). The key material is readable by no role but the extension's
-- own C++ functions (and superusers, who can read anything): PUBLIC, fitness_admin and
-- fitness_service get no privilege on the table at all; DBAs list keys without their
-- material through fitness.jwt_keys().

CREATE TABLE fitness.jwt_key (
    kid          text NOT NULL,
    alg          text NOT NULL,
    key_material text NOT NULL,
    issuer       text,
    audience     text,
    expires_at   timestamptz,
    provision    boolean NOT NULL DEFAULT false,
    source       text NOT NULL DEFAULT 'add_jwt_key',
    fingerprint  text,
    added_at     timestamptz NOT NULL DEFAULT now(),
    added_by     text NOT NULL,
    retired_at   timestamptz,
    retired_by   text,
    CONSTRAINT jwt_key_pkey PRIMARY KEY (kid),
    CONSTRAINT jwt_key_kid_format CHECK (kid ~ '^[!-~]([ -~]*[!-~])?$' AND length(kid) <= 256),
    CONSTRAINT jwt_key_alg_allowed CHECK (alg IN ('HS256', 'RS256', 'ES256')),
    CONSTRAINT jwt_key_issuer_not_blank CHECK (issuer IS NULL OR btrim(issuer) <> ''),
    CONSTRAINT jwt_key_audience_not_blank CHECK (audience IS NULL OR btrim(audience) <> ''),
    CONSTRAINT jwt_key_source_allowed CHECK (source IN ('add_jwt_key', 'import_jwks')),
    CONSTRAINT jwt_key_retired_by_with_retired_at CHECK ((retired_at IS NULL) = (retired_by IS NULL))
);
COMMENT ON TABLE fitness.jwt_key IS
    'Verification keys of fitness.authenticate (HS256 secrets, RS256/ES256 PEM public keys); no role may read it, managed by add_jwt_key, retire_jwt_key, import_jwks';
COMMENT ON COLUMN fitness.jwt_key.key_material IS 'HS256 secret or PEM public key: never shown, logged or recorded in events';
COMMENT ON COLUMN fitness.jwt_key.retired_at IS 'Set by retire_jwt_key: tokens with this kid are refused from then on; kept so the kid is never reused';
REVOKE ALL ON fitness.jwt_key FROM PUBLIC;
-- pg_dump keeps the keys (a restored database must still accept its tokens): dumps of this
-- database hold the secrets, as its backups do.
SELECT pg_catalog.pg_extension_config_dump('fitness.jwt_key', '');

-- Every backend keeps the ring in memory; a change invalidates it in the writing transaction
-- at once and in every other backend from its next transaction after the commit (relcache
-- invalidation of the table, as for the RBAC cache). ALWAYS: also under replication.
CREATE FUNCTION fitness.jwt_key_invalidate() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_jwt_key_invalidate'
    LANGUAGE C VOLATILE;
CREATE TRIGGER jwt_key_invalidate AFTER INSERT OR UPDATE OR DELETE ON fitness.jwt_key
    FOR EACH ROW EXECUTE FUNCTION fitness.jwt_key_invalidate();
CREATE TRIGGER jwt_key_invalidate_truncate AFTER TRUNCATE ON fitness.jwt_key
    FOR EACH STATEMENT EXECUTE FUNCTION fitness.jwt_key_invalidate();
ALTER TABLE fitness.jwt_key ENABLE ALWAYS TRIGGER jwt_key_invalidate;
ALTER TABLE fitness.jwt_key ENABLE ALWAYS TRIGGER jwt_key_invalidate_truncate;

CREATE FUNCTION fitness.add_jwt_key(kid text, alg text, key text, issuer text DEFAULT NULL,
                                    audience text DEFAULT NULL, expires_at timestamptz DEFAULT NULL,
                                    provision boolean DEFAULT false) RETURNS void
    AS 'MODULE_PATHNAME', 'fitness_add_jwt_key'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.add_jwt_key(text, text, text, text, text, timestamptz, boolean) IS
    'Adds a verification key (HS256 secret of at least 32 bytes, or RS256/ES256 PEM public key) with optional issuer, audience, expiry and provisioning; superuser or fitness_admin; recorded as jwt_key.added without the key';

CREATE FUNCTION fitness.retire_jwt_key(kid text) RETURNS void
    AS 'MODULE_PATHNAME', 'fitness_retire_jwt_key'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.retire_jwt_key(text) IS
    'Retires a key: its tokens are refused from the next transaction of every backend; recorded as jwt_key.retired';

CREATE FUNCTION fitness.import_jwks(jwks jsonb, issuer text DEFAULT NULL, audience text DEFAULT NULL)
    RETURNS integer
    AS 'MODULE_PATHNAME', 'fitness_import_jwks'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.import_jwks(jsonb, text, text) IS
    'Adds the RSA and EC P-256 signing keys of a JWKS document (keys already in the ring are skipped); returns how many were added';

CREATE FUNCTION fitness.current_claims() RETURNS jsonb
    AS 'MODULE_PATHNAME', 'fitness_current_claims'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.current_claims() IS
    'The verified token payload of the current context (NULL without one, and for set_context)';

-- What a DBA may know of the ring: everything but the key material.
CREATE FUNCTION fitness.jwt_keys()
    RETURNS TABLE (kid text, alg text, issuer text, audience text, expires_at timestamptz,
                   provision boolean, source text, fingerprint text, added_at timestamptz,
                   added_by text, retired_at timestamptz, retired_by text, state text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
        SELECT k.kid, k.alg, k.issuer, k.audience, k.expires_at, k.provision, k.source,
               k.fingerprint, k.added_at, k.added_by, k.retired_at, k.retired_by,
               CASE WHEN k.retired_at IS NOT NULL THEN 'retired'
                    WHEN k.expires_at <= now() THEN 'expired'
                    ELSE 'active' END
        FROM fitness.jwt_key k
        ORDER BY k.added_at, k.kid
    $$;
COMMENT ON FUNCTION fitness.jwt_keys() IS
    'The key ring without key material (fingerprint: SHA-256 of a public key''s DER, none for secrets); fitness_admin';

REVOKE ALL ON FUNCTION fitness.jwt_key_invalidate(), fitness.add_jwt_key(text, text, text, text, text, timestamptz, boolean),
    fitness.retire_jwt_key(text), fitness.import_jwks(jsonb, text, text), fitness.jwt_keys() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.add_jwt_key(text, text, text, text, text, timestamptz, boolean),
    fitness.retire_jwt_key(text), fitness.import_jwks(jsonb, text, text), fitness.jwt_keys() TO fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.current_claims() TO fitness_app, fitness_service, fitness_admin;
-- =====================================================================================
-- Tenancy: which rows of the user- and institution-owned tables fitness_app and
-- fitness_service may see and write (API.md "Authorization helpers", ARCHITECTURE.md
-- "Performance design", "Security rules").
--
-- fitness.tenancy_map describes every such table once (owner, institution, visibility,
-- parent, permissions); fitness.apply_tenancy() turns a map row into the table's
-- row-level security policies (tenancy_*) and its delete guard trigger. Lookup and
-- reference tables are not in the map: their grants (95_grants.sql) decide alone.
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
-- Needs the context helpers of 50_context.sql.
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
    -- Deferred: the permissions are seeded by 80_seed_core.sql, later in the same
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
-- Shape, for the planner (measured in bench/scenarios/rls.sh):
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

-- --------------------------------------------------------------------------------------------
-- apply_tenancy: (re)creates the tenancy_* policies and the delete guard of one mapped
-- table, or of all of them; returns the number of tables done.
-- --------------------------------------------------------------------------------------------
CREATE FUNCTION fitness.apply_tenancy(target regclass DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    m          fitness.tenancy_map;
    col        name;
    pol        name;
    has_active boolean;
    visible    text;
    writable   text;
    deletable  text;
    target_ok  text;
    ctx        CONSTANT text := '(SELECT fitness.current_user_id()) IS NOT NULL';
    done       integer := 0;
    alias      text;
BEGIN
    IF apply_tenancy.target IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM fitness.tenancy_map t WHERE t.target = apply_tenancy.target) THEN
        RAISE EXCEPTION '% is not in fitness.tenancy_map', apply_tenancy.target
            USING ERRCODE = 'undefined_object',
                  HINT = 'Add a row to fitness.tenancy_map first.';
    END IF;

    FOR m IN
        SELECT * FROM fitness.tenancy_map t
         WHERE apply_tenancy.target IS NULL OR t.target = apply_tenancy.target
         ORDER BY t.target::text
    LOOP
        -- The columns the map names exist.
        FOREACH col IN ARRAY ARRAY[m.owner_column, m.institution_column, m.visibility_column, m.parent_column,
                                   m.entity_type_column, m.entity_id_column] LOOP
            IF col IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM pg_catalog.pg_attribute a
                 WHERE a.attrelid = m.target AND a.attname = col AND a.attnum > 0 AND NOT a.attisdropped) THEN
                RAISE EXCEPTION 'column "%" of % named by fitness.tenancy_map does not exist', col, m.target
                    USING ERRCODE = 'undefined_column';
            END IF;
        END LOOP;
        SELECT c.relname INTO alias FROM pg_catalog.pg_class c WHERE c.oid = m.target;
        has_active := EXISTS (
            SELECT 1 FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = m.target AND a.attname = 'is_active' AND a.atttypid = 'pg_catalog.bool'::pg_catalog.regtype
               AND a.attnum > 0 AND NOT a.attisdropped);

        FOR pol IN
            SELECT p.polname FROM pg_catalog.pg_policy p
             WHERE p.polrelid = m.target AND p.polname LIKE 'tenancy\_%'
        LOOP
            EXECUTE pg_catalog.format('DROP POLICY %I ON %s', pol, m.target);
        END LOOP;
        EXECUTE pg_catalog.format('DROP TRIGGER IF EXISTS tenancy_write_guard ON %s', m.target);

        -- Soft-deleted rows and requests without a context see nothing; a polymorphic
        -- reference is as visible as its target, and written only pointing at a readable one.
        target_ok := fitness.tenancy_target_predicate(m.target, alias);
        visible := pg_catalog.concat_ws(' AND ', CASE WHEN has_active THEN 'is_active' END, ctx,
                                        '(' || fitness.tenancy_predicate(m.target, 'read', alias) || ')',
                                        target_ok);
        EXECUTE pg_catalog.format(
            'CREATE POLICY tenancy_select ON %s AS PERMISSIVE FOR SELECT TO fitness_app, fitness_service USING (%s)',
            m.target, visible);

        IF NOT m.read_only_for_app THEN
            writable := pg_catalog.concat_ws(' AND ', ctx, '(' || fitness.tenancy_predicate(m.target, 'write', alias) || ')',
                                             target_ok);
            deletable := ctx || ' AND (' || fitness.tenancy_predicate(m.target, 'delete', 'old_row') || ')';
            EXECUTE pg_catalog.format(
                'CREATE POLICY tenancy_insert ON %s AS PERMISSIVE FOR INSERT TO fitness_app, fitness_service WITH CHECK (%s)',
                m.target, writable);
            -- USING is visibility, WITH CHECK writability: updating a row one sees but may
            -- not write fails with 42501 instead of silently updating nothing.
            EXECUTE pg_catalog.format(
                'CREATE POLICY tenancy_update ON %s AS PERMISSIVE FOR UPDATE TO fitness_app, fitness_service USING (%s) WITH CHECK (%s)',
                m.target, visible, writable);
            EXECUTE pg_catalog.format(
                'CREATE POLICY tenancy_delete ON %s AS PERMISSIVE FOR DELETE TO fitness_app, fitness_service USING (%s)',
                m.target, visible);
            EXECUTE pg_catalog.format(
                'CREATE TRIGGER tenancy_write_guard BEFORE DELETE ON %s FOR EACH ROW EXECUTE FUNCTION fitness.tenancy_write_guard(%L)',
                m.target, deletable);
        END IF;

        -- Operators see and change everything their grants allow.
        EXECUTE pg_catalog.format(
            'CREATE POLICY tenancy_admin ON %s AS PERMISSIVE FOR ALL TO fitness_admin USING (true) WITH CHECK (true)',
            m.target);
        EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', m.target);
        done := done + 1;
    END LOOP;
    RETURN done;
END
$fn$;
COMMENT ON FUNCTION fitness.apply_tenancy(regclass) IS
    'Recreates the tenancy_* row-level security policies and the tenancy_write_guard trigger of one table of fitness.tenancy_map (or of all when NULL) and enables and forces RLS; returns the number of tables done';

REVOKE ALL ON FUNCTION fitness.tenancy_predicate(regclass, text, text), fitness.tenancy_set_arm(text, text, text),
    fitness.tenancy_target_predicate(regclass, text),
    fitness.apply_tenancy(regclass),
    fitness.tenancy_write_guard() FROM PUBLIC;
REVOKE ALL ON TABLE fitness.tenancy_map FROM PUBLIC;
GRANT SELECT ON TABLE fitness.tenancy_map TO fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.tenancy_predicate(regclass, text, text), fitness.tenancy_target_predicate(regclass, text)
    TO fitness_admin;

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
 'The data subject reads their requests. The app and the service have no privileges on it (95_grants.sql: requests go through fitness.export_user / forget_user); the policies are defence in depth');

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

-- The policies are created by 97_register.sql, once the entity-type registry (80_seed_core.sql)
-- names the targets of the polymorphic references.
-- Audit trail and stamps (API.md "Audit", "Stamps and ids"). The triggers are C++
-- (src/audit/); the functions here attach them. 97_register.sql attaches them to every
-- entity table at install; fitness.register_entities() does the same for tables added later.

-- The entity tables of DOMAINS.md, derived from the catalogue (single definition, also used
-- by the conventions test).
CREATE VIEW fitness.entity_tables AS
SELECT c.oid::regclass AS entity_table
FROM pg_catalog.pg_class c
WHERE c.relnamespace IN ('core'::regnamespace, 'user_mgmt'::regnamespace,
                         'content'::regnamespace, 'platform'::regnamespace)
  AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND c.oid NOT IN ('platform.audit_log'::regclass, 'platform.system_event'::regclass,
                    'platform.activity'::regclass, 'platform.cache_metrics'::regclass,
                    'platform.translation_request'::regclass);
COMMENT ON VIEW fitness.entity_tables IS
    'Every entity table (DOMAINS.md): ordinary tables of core, user_mgmt, content, platform except logs, queues and partitions';

CREATE FUNCTION fitness.stamp() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_stamp' LANGUAGE C;
COMMENT ON FUNCTION fitness.stamp() IS
    'BEFORE INSERT OR UPDATE row trigger: created_at/by, updated_at/by from the context and now(); id, created_at, created_by immutable';

CREATE FUNCTION fitness.audit_statement() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_audit_statement' LANGUAGE C;
COMMENT ON FUNCTION fitness.audit_statement() IS
    'AFTER ... FOR EACH STATEMENT audit trigger with transition tables; arguments: excluded columns';

CREATE FUNCTION fitness.audit_diff(old_data jsonb, new_data jsonb, ignore text[] DEFAULT '{}')
    RETURNS jsonb
    AS 'MODULE_PATHNAME', 'fitness_audit_diff'
    LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.audit_diff(jsonb, jsonb, text[]) IS
    'Top-level keys of new_data whose values differ from old_data; NULL when only ignored keys changed';

CREATE FUNCTION fitness.audit_row_jsonb(row_value record, excluded text[] DEFAULT '{}')
    RETURNS jsonb
    AS 'MODULE_PATHNAME', 'fitness_audit_row_jsonb'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.audit_row_jsonb(record, text[]) IS
    'to_jsonb(row) without the excluded columns, with per-row-type planning (the audit triggers'' converter)';

CREATE FUNCTION fitness.audit_log_guard() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_audit_log_guard' LANGUAGE C;
COMMENT ON FUNCTION fitness.audit_log_guard() IS 'Refuses UPDATE, DELETE and TRUNCATE of platform.audit_log';

CREATE FUNCTION fitness.record_history(target regclass, record_id uuid)
    RETURNS SETOF platform.audit_log
    AS 'MODULE_PATHNAME', 'fitness_record_history'
    LANGUAGE C STABLE PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.record_history(regclass, uuid) IS
    'Audit history of one record, oldest first; for its owner, platform admins (audit.read) and fitness_admin';

CREATE FUNCTION fitness.enable_audit(target regclass, exclude_columns text[] DEFAULT '{}')
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    col text;
    args text;
BEGIN
    IF target IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'enable_audit: target must not be NULL';
    END IF;
    IF target = 'platform.audit_log'::regclass THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'platform.audit_log cannot audit itself';
    END IF;
    IF NOT (SELECT r.rolsuper FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE c.oid = target) THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('enable_audit: %s is not owned by a superuser; only such tables can be audited', target);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = target AND attname = 'id'
                     AND atttypid = 'uuid'::regtype AND NOT attisdropped) THEN
        RAISE EXCEPTION USING ERRCODE = '42703',
            MESSAGE = format('enable_audit: %s has no uuid column "id" to identify audited rows', target);
    END IF;
    FOREACH col IN ARRAY coalesce(exclude_columns, '{}') LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = target AND attname = col
                         AND attnum > 0 AND NOT attisdropped) THEN
            RAISE EXCEPTION USING ERRCODE = '42703',
                MESSAGE = format('enable_audit: column "%s" of %s does not exist', col, target);
        END IF;
    END LOOP;
    PERFORM fitness.disable_audit(target);
    SELECT string_agg(quote_literal(c), ', ') INTO args FROM unnest(exclude_columns) c;
    args := coalesce(args, '');
    EXECUTE format('CREATE TRIGGER fitness_audit_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS fitness_audit_new'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION fitness.audit_statement(%s)', target, args);
    EXECUTE format('CREATE TRIGGER fitness_audit_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS fitness_audit_old'
                   ' NEW TABLE AS fitness_audit_new FOR EACH STATEMENT EXECUTE FUNCTION fitness.audit_statement(%s)',
                   target, args);
    EXECUTE format('CREATE TRIGGER fitness_audit_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS fitness_audit_old'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION fitness.audit_statement(%s)', target, args);
    EXECUTE format('CREATE TRIGGER fitness_audit_truncate AFTER TRUNCATE ON %s'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION fitness.audit_statement(%s)', target, args);
END
$$;
COMMENT ON FUNCTION fitness.enable_audit(regclass, text[]) IS
    'Attaches the C++ audit triggers to a table; exclude_columns never reach the log';

CREATE FUNCTION fitness.disable_audit(target regclass) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT tgname FROM pg_trigger WHERE tgrelid = target AND tgname IN
                 ('fitness_audit_insert', 'fitness_audit_update', 'fitness_audit_delete', 'fitness_audit_truncate')
             ORDER BY tgname
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', t, target);
    END LOOP;
END
$$;
COMMENT ON FUNCTION fitness.disable_audit(regclass) IS 'Removes the audit triggers from a table';

-- The catalogue-driven step: every entity table gets the stamp trigger, the audit triggers
-- (existing exclusions kept) and the soft-delete trigger (75_softdelete.sql). Returns the number of tables it attached anything to.
-- SECURITY DEFINER: fitness_admin may call it, but attaching triggers takes the tables'
-- owner. It only touches tables of the four domain schemas, where nobody but superusers can
-- create tables, and only with the extension's own triggers.
CREATE FUNCTION fitness.register_entities() RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t regclass;
    done integer := 0;
BEGIN
    FOR t IN SELECT entity_table FROM fitness.entity_tables ORDER BY 1::text LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = t AND tgname = 'fitness_stamp') THEN
            EXECUTE format('CREATE TRIGGER fitness_stamp BEFORE INSERT OR UPDATE ON %s'
                           ' FOR EACH ROW EXECUTE FUNCTION fitness.stamp()', t);
            -- Defaults equal to what the stamp sets, so it has nothing to rewrite on INSERT.
            IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = t AND attname = 'created_by' AND NOT attisdropped) THEN
                EXECUTE format('ALTER TABLE %s ALTER COLUMN created_by SET DEFAULT fitness.current_user_id(),'
                               ' ALTER COLUMN updated_by SET DEFAULT fitness.current_user_id()', t);
            END IF;
            done := done + 1;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = t AND tgname = 'fitness_audit_insert') THEN
            PERFORM fitness.enable_audit(t);
            done := done + 1;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = t AND tgname = 'zz_soft_delete') THEN
            EXECUTE format('CREATE TRIGGER zz_soft_delete BEFORE DELETE ON %s'
                           ' FOR EACH ROW EXECUTE FUNCTION fitness.soft_delete()', t);
            done := done + 1;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = t AND tgname = 'zz_soft_delete_flush') THEN
            EXECUTE format('CREATE TRIGGER zz_soft_delete_flush AFTER DELETE ON %s'
                           ' FOR EACH STATEMENT EXECUTE FUNCTION fitness.soft_delete_flush()', t);
        END IF;
    END LOOP;
    PERFORM fitness.protect_audit_log();
    RETURN done;
END
$$;

-- Append-only log: row triggers reach every partition; TRUNCATE triggers are per table, so
-- each partition gets its own (partition maintenance calls this for new ones).
CREATE FUNCTION fitness.protect_audit_log() RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER  -- for fitness_admin (partition maintenance): only adds the guard triggers
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t regclass;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'platform.audit_log'::regclass
                     AND tgname = 'audit_log_append_only') THEN
        CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON platform.audit_log
            FOR EACH ROW EXECUTE FUNCTION fitness.audit_log_guard();
    END IF;
    FOR t IN SELECT 'platform.audit_log'::regclass
             UNION ALL SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'platform.audit_log'::regclass
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = t AND tgname = 'audit_log_no_truncate') THEN
            EXECUTE format('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON %s'
                           ' FOR EACH STATEMENT EXECUTE FUNCTION fitness.audit_log_guard()', t);
        END IF;
    END LOOP;
END
$$;

-- What would let changes escape the audit trail: an entity table without its four audit
-- triggers enabled, the log without its append-only guards, a rule on the log. Empty when
-- the protection is whole. The DBA's check (monitoring can poll it), and what the event
-- trigger below consults after each DDL command.
CREATE FUNCTION fitness.audit_protection_gaps()
RETURNS TABLE (object text, problem text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT e.entity_table::text, pg_catalog.format('audit trigger %s is %s', w.tgname,
               CASE WHEN g.oid IS NULL THEN 'missing' ELSE 'disabled' END)
      FROM fitness.entity_tables e
     CROSS JOIN pg_catalog.unnest(ARRAY['fitness_audit_insert', 'fitness_audit_update',
                                        'fitness_audit_delete', 'fitness_audit_truncate']) AS w (tgname)
      LEFT JOIN pg_catalog.pg_trigger g ON g.tgrelid = e.entity_table AND g.tgname = w.tgname
     WHERE g.oid IS NULL OR g.tgenabled = 'D'
    UNION ALL
    SELECT t.relid::regclass::text, pg_catalog.format('append-only guard %s is %s', w.tgname,
               CASE WHEN g.oid IS NULL THEN 'missing' ELSE 'disabled' END)
      FROM (SELECT 'platform.audit_log'::regclass AS relid, true AS is_parent
            UNION ALL
            SELECT i.inhrelid::regclass, false FROM pg_catalog.pg_inherits i
             WHERE i.inhparent = 'platform.audit_log'::regclass) AS t
     CROSS JOIN pg_catalog.unnest(ARRAY['audit_log_append_only', 'audit_log_no_truncate']) AS w (tgname)
      LEFT JOIN pg_catalog.pg_trigger g ON g.tgrelid = t.relid AND g.tgname = w.tgname
     WHERE (t.is_parent OR w.tgname = 'audit_log_no_truncate') AND (g.oid IS NULL OR g.tgenabled = 'D')
    UNION ALL
    SELECT r.ev_class::regclass::text, pg_catalog.format('rule %s rewrites the log', r.rulename)
      FROM pg_catalog.pg_rewrite r
     WHERE r.ev_class = 'platform.audit_log'::regclass
        OR r.ev_class IN (SELECT i.inhrelid FROM pg_catalog.pg_inherits i
                           WHERE i.inhparent = 'platform.audit_log'::regclass)
    ORDER BY 1, 2
$$;
COMMENT ON FUNCTION fitness.audit_protection_gaps() IS
    'What would let changes escape the audit trail (missing or disabled audit triggers, missing or disabled append-only guards of the log, rules on the log); empty when whole';

-- Detection, not prevention: a superuser can switch the protection off (ALTER TABLE ...
-- DISABLE TRIGGER, DROP TRIGGER, fitness.disable_audit, a rule on the log). Every DDL
-- command that leaves a gap on a table it touched, and every drop of an audit trigger or
-- of a log partition, is recorded in platform.system_event ('audit.protection_changed')
-- in the same transaction and raised as a WARNING. What it cannot see: a superuser's
-- SET session_replication_role = replica (no DDL; every trigger, this one included, is
-- skipped) and ALTER EVENT TRIGGER / DROP EVENT TRIGGER on itself (event triggers do not
-- fire for those); README "Audit trail" says how to watch for them.
CREATE FUNCTION fitness.audit_ddl_watch() RETURNS event_trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c record;
    gap record;
BEGIN
    -- Only superusers can open a gap: audited tables and the log are superuser-owned, and
    -- DDL on a table needs its owner. Everyone else's DDL (a user's temp table) is not ours
    -- to look at, and must not fail on privileges this check needs.
    IF NOT coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user), false) THEN
        RETURN;
    END IF;
    IF TG_EVENT = 'ddl_command_end' THEN
        FOR c IN SELECT DISTINCT d.objid, d.command_tag FROM pg_catalog.pg_event_trigger_ddl_commands() d
                  WHERE d.classid = 'pg_catalog.pg_class'::regclass AND NOT d.in_extension LOOP
            FOR gap IN SELECT g.object, g.problem FROM fitness.audit_protection_gaps() g
                        WHERE g.object = c.objid::regclass::text LOOP
                INSERT INTO platform.system_event (event_type, aggregate_type, payload)
                VALUES ('audit.protection_changed', 'audit_log',
                        pg_catalog.jsonb_build_object('command', c.command_tag, 'object', gap.object,
                                                      'problem', gap.problem, 'role', current_user::text,
                                                      'session_role', session_user::text));
                RAISE WARNING 'audit protection changed: % (%)', gap.problem, gap.object
                    USING HINT = 'fitness.register_entities() and fitness.protect_audit_log() restore it; the change is recorded in platform.system_event.';
            END LOOP;
        END LOOP;
    ELSIF TG_EVENT = 'sql_drop' THEN
        -- (Triggers that go with their table are no gap: the table is gone.)
        FOR c IN SELECT d.object_type, d.object_identity FROM pg_catalog.pg_event_trigger_dropped_objects() d
                  WHERE ((d.object_type = 'trigger'
                          AND d.object_identity ~ '^(fitness_audit_(insert|update|delete|truncate)|audit_log_append_only|audit_log_no_truncate) on ')
                         OR (d.object_type = 'table' AND d.object_identity ~ '^platform\.audit_log(_|$)')
                         OR (d.object_type = 'rule' AND d.object_identity ~ ' on platform\.audit_log'))
                    AND NOT (d.object_type IN ('trigger', 'rule') AND EXISTS (
                            SELECT 1 FROM pg_catalog.pg_event_trigger_dropped_objects() t
                             WHERE t.object_type = 'table' AND d.object_identity LIKE '% on ' || t.object_identity
                               AND t.object_identity !~ '^platform\.audit_log(_|$)')) LOOP
            INSERT INTO platform.system_event (event_type, aggregate_type, payload)
            VALUES ('audit.protection_changed', 'audit_log',
                    pg_catalog.jsonb_build_object('command', TG_TAG, 'object', c.object_identity,
                                                  'problem', c.object_type || ' dropped', 'role', current_user::text,
                                                  'session_role', session_user::text));
            RAISE WARNING 'audit protection changed: % dropped (%)', c.object_type, c.object_identity;
        END LOOP;
    END IF;
END
$$;
COMMENT ON FUNCTION fitness.audit_ddl_watch() IS
    'Event trigger: records DDL that opens a gap in the audit protection (audit.protection_changed in platform.system_event) and warns';
CREATE EVENT TRIGGER fitness_audit_ddl_watch ON ddl_command_end
    WHEN TAG IN ('ALTER TABLE', 'CREATE RULE', 'ALTER TRIGGER', 'CREATE TRIGGER')
    EXECUTE FUNCTION fitness.audit_ddl_watch();
CREATE EVENT TRIGGER fitness_audit_drop_watch ON sql_drop
    EXECUTE FUNCTION fitness.audit_ddl_watch();

-- Trigger functions run with the rights of whoever attaches them to a table; nobody but
-- admins may attach them (audit rows are written as the log's owner).
REVOKE ALL ON FUNCTION fitness.stamp(), fitness.audit_statement(), fitness.audit_log_guard(),
    fitness.audit_row_jsonb(record, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.stamp(), fitness.audit_statement(), fitness.audit_log_guard(),
    fitness.audit_row_jsonb(record, text[]) TO fitness_admin;

REVOKE ALL ON FUNCTION fitness.enable_audit(regclass, text[]), fitness.disable_audit(regclass),
    fitness.register_entities(), fitness.protect_audit_log(), fitness.record_history(regclass, uuid),
    fitness.audit_protection_gaps(), fitness.audit_ddl_watch()
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.audit_protection_gaps() TO fitness_admin;
GRANT SELECT ON fitness.entity_tables TO fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.enable_audit(regclass, text[]), fitness.disable_audit(regclass),
    fitness.register_entities(), fitness.protect_audit_log() TO fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.record_history(regclass, uuid) TO fitness_app, fitness_service, fitness_admin;
-- Soft delete (API.md "Soft delete"); the logic is C++ (src/softdelete/). The trigger is
-- attached to every entity table by fitness.register_entities() (97_register.sql). It is
-- named zz_soft_delete because BEFORE triggers fire in name order and it must come after
-- tenancy_write_guard, which refuses deletes the caller may not make.

CREATE FUNCTION fitness.soft_delete() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_soft_delete' LANGUAGE C;
COMMENT ON FUNCTION fitness.soft_delete() IS
    'BEFORE DELETE row trigger (zz_soft_delete): keeps the row for zz_soft_delete_flush (without that trigger: soft-deletes it and what references it right away)';

CREATE FUNCTION fitness.soft_delete_flush() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_soft_delete_flush' LANGUAGE C;
COMMENT ON FUNCTION fitness.soft_delete_flush() IS
    'AFTER DELETE statement trigger (zz_soft_delete_flush): soft-deletes the rows the statement kept with one UPDATE (is_active=false, deleted_at, deleted_by), then what references them (ON DELETE CASCADE keys, polymorphic references) with one DELETE per reference';

CREATE FUNCTION fitness.restore(target regclass, record_id uuid) RETURNS integer
    AS 'MODULE_PATHNAME', 'fitness_restore'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.restore(regclass, uuid) IS
    'Restores a soft-deleted row and what its cascade soft-deleted with it; returns rows restored; 23505 on a conflict with an active row';

CREATE FUNCTION fitness.purge(target regclass, older_than interval) RETURNS bigint
    AS 'MODULE_PATHNAME', 'fitness_purge'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.purge(regclass, interval) IS
    'fitness_admin: hard-deletes rows soft-deleted longer ago than older_than (audited as DELETE)';

CREATE FUNCTION fitness.hard_delete(target regclass, record_id uuid) RETURNS boolean
    AS 'MODULE_PATHNAME', 'fitness_hard_delete'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.hard_delete(regclass, uuid) IS
    'fitness_admin: deletes one row for real, on purpose (audited as DELETE)';

CREATE FUNCTION fitness.soft_delete_mode() RETURNS text
    AS 'MODULE_PATHNAME', 'fitness_soft_delete_mode'
    LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION fitness.soft_delete_mode() IS
    'This session''s DELETE behaviour on soft-delete tables: transparent (library loaded at session start: DELETE reports the soft-deleted rows, RETURNING returns them) or trigger (DELETE 0, no RETURNING rows)';

REVOKE ALL ON FUNCTION fitness.soft_delete(), fitness.soft_delete_flush() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.soft_delete(), fitness.soft_delete_flush() TO fitness_admin;
REVOKE ALL ON FUNCTION fitness.restore(regclass, uuid), fitness.purge(regclass, interval),
    fitness.hard_delete(regclass, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.restore(regclass, uuid) TO fitness_app, fitness_service, fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.purge(regclass, interval), fitness.hard_delete(regclass, uuid) TO fitness_admin;
-- Business rules enforced in the server for every client (ARCHITECTURE.md "Business rules");
-- the logic is C++ (src/rules/).

-- Ratings: the moderation columns are the server's and the moderators' (src/rules/rating_moderation.cpp).
CREATE FUNCTION fitness.rating_moderation() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_rating_moderation' LANGUAGE C;
COMMENT ON FUNCTION fitness.rating_moderation() IS
    'BEFORE INSERT OR UPDATE on platform.rating: a new rating starts pending or published (system setting rating.moderation_required) whatever the client sent; only moderators (rating.moderate, platform admins, fitness_admin) change the moderation columns (42501 otherwise)';
CREATE TRIGGER rating_moderation BEFORE INSERT OR UPDATE ON platform.rating
    FOR EACH ROW EXECUTE FUNCTION fitness.rating_moderation();

REVOKE ALL ON FUNCTION fitness.rating_moderation() FROM PUBLIC;
-- ============================================================================================
-- Reference data of core: visibility, roles, permissions and their mapping, state machines,
-- anatomy, categories, tags, and the polymorphic entity-type registry.
-- Only core tables are written here; equipment, languages, types and settings are seeded by
-- the files of their domains.
-- ============================================================================================

-- --------------------------------------------------------------------------------------------
-- Visibility
-- --------------------------------------------------------------------------------------------
INSERT INTO core.visibility (code, name, description, sort_order) VALUES
    ('private',     'Private',     'Only the owner (and staff the owner''s data is shared with by permission)', 1),
    ('institution', 'Institution', 'Members of the owning institution', 2),
    ('public',      'Public',      'Everyone', 3);

-- --------------------------------------------------------------------------------------------
-- Roles. rank orders the hierarchy within a scope: a role includes the permissions of every
-- lower-ranked role of its scope (member < coach < institution_admin < institution_owner)
-- and may grant only roles of lower rank. 'user' is what every registered account has.
-- --------------------------------------------------------------------------------------------
INSERT INTO core.role (code, name, description, scope, rank) VALUES
    ('platform_admin',    'Platform administrator', 'Operates the platform: every permission, in every institution', 'platform', 100),
    ('institution_owner', 'Institution owner',      'Owns an institution: its billing, its deletion and everything an admin does', 'institution', 40),
    ('institution_admin', 'Institution administrator', 'Runs an institution: members, invitations, coaches, shared content, settings', 'institution', 30),
    ('coach',             'Coach',                  'Coaches members of an institution: reads their progress, assigns workouts and programs', 'institution', 20),
    ('member',            'Member',                 'Member of an institution: uses the institution''s shared content', 'institution', 10),
    ('user',              'User',                   'Registered account: self-service on its own data and content', 'platform', 0);

-- --------------------------------------------------------------------------------------------
-- Permissions: <domain>.<action>. *_own / *_self act on the actor's own rows, *_members on
-- the rows of members of an institution the actor staffs, *_institution on the
-- institution's shared rows.
-- --------------------------------------------------------------------------------------------
INSERT INTO core.permission (code, domain, description) VALUES
    -- user accounts
    ('user.read_self',               'user',         'Read your own profile, settings and personal data'),
    ('user.update_self',             'user',         'Update your own profile: names, birth date, units, language, timezone'),
    ('user.delete_self',             'user',         'Deactivate (soft-delete) your own account'),
    ('user.read_members',            'user',         'Read the profiles of the members of an institution you staff'),
    ('user.manage',                  'user',         'Create, update, deactivate and restore any user account (platform support)'),
    -- roles
    ('role.read',                    'role',         'List roles and the role grants within your scope'),
    ('role.grant',                   'role',         'Grant or revoke institution roles ranked below your own, within your institution'),
    ('role.grant_platform',          'role',         'Grant or revoke platform roles, including temporary elevation'),
    -- exercise library
    ('exercise.read',                'exercise',     'Read exercises visible to you (public, your institution''s, your own)'),
    ('exercise.create',              'exercise',     'Create your own exercises'),
    ('exercise.update_own',          'exercise',     'Edit exercises you own'),
    ('exercise.delete_own',          'exercise',     'Delete (soft) exercises you own'),
    ('exercise.publish',             'exercise',     'Publish an exercise (draft -> published) into the shared library'),
    ('exercise.manage_institution',  'exercise',     'Create, edit and delete the exercises shared within your institution'),
    ('exercise.manage_library',      'exercise',     'Edit and delete exercises of the platform library (no owner)'),
    ('exercise.import',              'exercise',     'Import exercise libraries (free-exercise-db, wger)'),
    -- workouts
    ('workout.read',                 'workout',      'Read workouts visible to you'),
    ('workout.create',               'workout',      'Create your own workouts'),
    ('workout.update_own',           'workout',      'Edit workouts you own'),
    ('workout.delete_own',           'workout',      'Delete (soft) workouts you own'),
    ('workout.read_members',         'workout',      'Read the private workouts of the members you coach or staff'),
    ('workout.assign',               'workout',      'Assign workouts to members of your institution'),
    ('workout.manage_institution',   'workout',      'Create, edit and delete the workouts shared within your institution'),
    -- programs
    ('program.read',                 'program',      'Read programs visible to you'),
    ('program.create',               'program',      'Create your own programs'),
    ('program.update_own',           'program',      'Edit programs you own'),
    ('program.delete_own',           'program',      'Delete (soft) programs you own'),
    ('program.enroll',               'program',      'Enroll yourself in a program visible to you'),
    ('program.read_members',         'program',      'Read the private programs and enrollments of the members you coach or staff'),
    ('program.assign',               'program',      'Enroll members of your institution in a program'),
    ('program.manage_institution',   'program',      'Create, edit and delete the programs shared within your institution'),
    -- training sessions and set logs
    ('session.read_own',             'session',      'Read your own workout sessions and set logs'),
    ('session.log',                  'session',      'Start, log and complete your own workout sessions'),
    ('session.delete_own',           'session',      'Delete (soft) your own workout sessions and set logs'),
    ('session.read_members',         'session',      'Read the workout sessions and set logs of the members you coach or staff'),
    -- body measurements
    ('measurement.read_own',         'measurement',  'Read your own body measurements'),
    ('measurement.write_own',        'measurement',  'Record, correct and delete your own body measurements'),
    ('measurement.read_members',     'measurement',  'Read the body measurements of the members you coach or staff'),
    -- goals
    ('goal.read_own',                'goal',         'Read your own goals and their progress'),
    ('goal.manage_own',              'goal',         'Create, edit and abandon your own goals'),
    ('goal.read_members',            'goal',         'Read the goals of the members you coach or staff'),
    ('goal.manage_members',          'goal',         'Set and edit goals for the members you coach'),
    ('goal.manage_catalog',          'goal',         'Edit the catalogue of goal kinds'),
    -- media
    ('media.read',                   'media',        'Read media visible to you'),
    ('media.upload',                 'media',        'Upload media you own'),
    ('media.delete_own',             'media',        'Delete (soft) media you own'),
    ('media.manage_institution',     'media',        'Upload, edit and delete the media of your institution'),
    ('media.moderate',               'media',        'Review, reject and take down any media'),
    -- equipment, taxonomy and lookups
    ('equipment.manage',             'equipment',    'Edit the equipment catalogue and its categories'),
    ('tag.apply',                    'tag',          'Attach and detach tags on content you may edit'),
    ('tag.manage',                   'tag',          'Create, rename and delete tags'),
    ('category.manage',              'category',     'Create, move and delete categories'),
    ('lookup.manage',                'lookup',       'Edit lookup tables: statuses and transitions, muscles, visibility, entity types'),
    -- institutions
    ('institution.create',           'institution',  'Create an institution (you become its owner)'),
    ('institution.read',             'institution',  'Read your institution''s profile and member list'),
    ('institution.update',           'institution',  'Edit your institution''s profile and contact data'),
    ('institution.invite',           'institution',  'Invite users to join your institution'),
    ('institution.manage_members',   'institution',  'Change member roles, suspend, reinstate and remove members'),
    ('institution.manage',           'institution',  'Manage an institution fully: everything above, ownership transfer, limits'),
    ('institution.delete',           'institution',  'Close and delete (soft) your institution'),
    ('coach.assign',                 'coach',        'Assign coaches to members of your institution'),
    -- billing
    ('billing.read',                 'billing',      'Read the plans, subscriptions and payments of your institution'),
    ('billing.manage',               'billing',      'Manage plans and subscriptions of your institution, issue refunds'),
    ('billing.manage_plans',         'billing',      'Manage platform billing plans'),
    -- ratings and favorites
    ('rating.create',                'rating',       'Rate and review content visible to you (not your own)'),
    ('rating.moderate',              'rating',       'Publish, flag and reject ratings and reviews'),
    ('favorite.manage_own',          'favorite',     'Keep your own favorites and collections'),
    -- notifications
    ('notification.send',            'notification', 'Send notifications to the members of your institution'),
    ('notification.manage_own',      'notification', 'Read your notifications and set your notification preferences'),
    ('notification.manage_types',    'notification', 'Edit notification types and their default channels'),
    -- internationalisation
    ('i18n.translate',               'i18n',         'Submit and correct translations'),
    ('i18n.manage',                  'i18n',         'Manage languages, verify translations, manage the translation cache'),
    -- audit, settings, operations
    ('audit.read',                   'audit',        'Read the audit log and record histories'),
    ('settings.manage',              'settings',     'Edit system settings and their definitions'),
    ('settings.manage_institution',  'settings',     'Edit the settings of your institution'),
    ('error.read',                   'error',        'Read tracked errors'),
    ('error.manage',                 'error',        'Resolve errors and edit error types and alert thresholds'),
    ('platform.maintain',            'platform',     'Run maintenance: partitions, retention, caches'),
    -- personal data (GDPR/CCPA)
    ('data.export',                  'data',         'Export all data held about you'),
    ('data.erase',                   'data',         'Request the erasure of your personal data'),
    ('data.manage_requests',         'data',         'Process data subject requests (export, erasure) of any user'),
    ('data.purge',                   'data',         'Hard-delete soft-deleted rows (fitness.purge)');

-- --------------------------------------------------------------------------------------------
-- Role -> permission mapping.
-- platform_admin holds every permission. Institution roles get the permissions granted to
-- their own level and to every lower level (a permission listed for 'coach' goes to coach,
-- institution_admin and institution_owner), so owner ⊇ admin ⊇ coach ⊇ member by
-- construction. 'user' is the self-service base of every account.
-- --------------------------------------------------------------------------------------------
INSERT INTO core.role_permission (role_id, permission_id)
SELECT r.id, p.id
FROM core.role AS r
CROSS JOIN core.permission AS p
WHERE r.code = 'platform_admin';

INSERT INTO core.role_permission (role_id, permission_id)
SELECT r.id, p.id
FROM (VALUES
    ('user.read_self'), ('user.update_self'), ('user.delete_self'),
    ('exercise.read'), ('exercise.create'), ('exercise.update_own'), ('exercise.delete_own'),
    ('workout.read'), ('workout.create'), ('workout.update_own'), ('workout.delete_own'),
    ('program.read'), ('program.create'), ('program.update_own'), ('program.delete_own'), ('program.enroll'),
    ('session.read_own'), ('session.log'), ('session.delete_own'),
    ('measurement.read_own'), ('measurement.write_own'),
    ('goal.read_own'), ('goal.manage_own'),
    ('media.read'), ('media.upload'), ('media.delete_own'),
    ('tag.apply'),
    ('institution.create'),
    ('rating.create'), ('favorite.manage_own'),
    ('notification.manage_own'),
    ('data.export'), ('data.erase')
) AS g (permission_code)
JOIN core.permission AS p ON p.code = g.permission_code
JOIN core.role AS r ON r.code = 'user';

INSERT INTO core.role_permission (role_id, permission_id)
SELECT r.id, p.id
FROM (VALUES
    -- member: use the institution's shared content
    ('member', 'institution.read'),
    ('member', 'exercise.read'),
    ('member', 'workout.read'),
    ('member', 'program.read'),
    ('member', 'program.enroll'),
    ('member', 'media.read'),
    -- coach: look after members, build and assign training
    ('coach', 'user.read_members'),
    ('coach', 'workout.read_members'),
    ('coach', 'program.read_members'),
    ('coach', 'session.read_members'),
    ('coach', 'measurement.read_members'),
    ('coach', 'goal.read_members'),
    ('coach', 'goal.manage_members'),
    ('coach', 'exercise.create'),
    ('coach', 'workout.create'),
    ('coach', 'program.create'),
    ('coach', 'workout.assign'),
    ('coach', 'program.assign'),
    ('coach', 'media.upload'),
    ('coach', 'tag.apply'),
    ('coach', 'notification.send'),
    -- institution_admin: run the institution
    ('institution_admin', 'institution.update'),
    ('institution_admin', 'institution.invite'),
    ('institution_admin', 'institution.manage_members'),
    ('institution_admin', 'coach.assign'),
    ('institution_admin', 'role.read'),
    ('institution_admin', 'role.grant'),
    ('institution_admin', 'exercise.manage_institution'),
    ('institution_admin', 'workout.manage_institution'),
    ('institution_admin', 'program.manage_institution'),
    ('institution_admin', 'media.manage_institution'),
    ('institution_admin', 'billing.read'),
    ('institution_admin', 'settings.manage_institution'),
    -- institution_owner: own it
    ('institution_owner', 'institution.manage'),
    ('institution_owner', 'institution.delete'),
    ('institution_owner', 'billing.manage')
) AS g (min_role, permission_code)
JOIN core.role AS m ON m.code = g.min_role AND m.scope = 'institution'
JOIN core.role AS r ON r.scope = 'institution' AND r.rank >= m.rank
JOIN core.permission AS p ON p.code = g.permission_code;

-- --------------------------------------------------------------------------------------------
-- State machines. The status columns of the tables carry CHECKs with the same values;
-- required_permission NULL means the row's owner or the system may make the move.
-- --------------------------------------------------------------------------------------------
INSERT INTO core.status (domain, code, name, description, is_initial, is_terminal, sort_order)
SELECT d.domain, s.code, s.name, s.description, s.is_initial, s.is_terminal, s.sort_order
FROM (VALUES ('exercise'), ('workout'), ('program')) AS d (domain)
CROSS JOIN (VALUES
    ('draft',     'Draft',     'Being written; visible to its owner only', true,  false, 1),
    ('published', 'Published', 'Usable by everyone its visibility allows',  false, false, 2),
    ('archived',  'Archived',  'Withdrawn: kept for history, not offered any more', false, false, 3)
) AS s (code, name, description, is_initial, is_terminal, sort_order);

INSERT INTO core.status (domain, code, name, description, is_initial, is_terminal, sort_order) VALUES
    ('user_workout_session', 'planned',     'Planned',     'Scheduled, not started',                     true,  false, 1),
    ('user_workout_session', 'in_progress', 'In progress', 'Started; sets are being logged',             true,  false, 2),
    ('user_workout_session', 'completed',   'Completed',   'Finished; volume, duration and records computed', false, true, 3),
    ('user_workout_session', 'abandoned',   'Abandoned',   'Stopped or skipped without completing',      false, true,  4),

    ('user_program_enrollment', 'scheduled', 'Scheduled', 'Enrolled; starts on a later date',   true,  false, 1),
    ('user_program_enrollment', 'active',    'Active',    'Being followed',                     true,  false, 2),
    ('user_program_enrollment', 'paused',    'Paused',    'Interrupted; may be resumed',        false, false, 3),
    ('user_program_enrollment', 'completed', 'Completed', 'Followed to its last week',          false, true,  4),
    ('user_program_enrollment', 'abandoned', 'Abandoned', 'Given up before the end',            false, true,  5),

    ('user_goal', 'active',    'Active',    'Being pursued',                          true,  false, 1),
    ('user_goal', 'achieved',  'Achieved',  'Target reached',                         false, true,  2),
    ('user_goal', 'abandoned', 'Abandoned', 'Given up by the user',                   false, true,  3),
    ('user_goal', 'expired',   'Expired',   'Target date passed without reaching it', false, true,  4),

    ('institution_member', 'invited',   'Invited',   'Invitation sent, not yet accepted',  true,  false, 1),
    ('institution_member', 'active',    'Active',    'Current member',                     true,  false, 2),
    ('institution_member', 'suspended', 'Suspended', 'Temporarily without access',         false, false, 3),
    ('institution_member', 'left',      'Left',      'Left the institution or declined the invitation', false, true, 4),
    ('institution_member', 'removed',   'Removed',   'Removed by the institution or invitation revoked', false, true, 5),

    ('subscription', 'trialing', 'Trialing', 'In the free trial period',                      true,  false, 1),
    ('subscription', 'active',   'Active',   'Paid and current',                              true,  false, 2),
    ('subscription', 'past_due', 'Past due', 'A renewal payment failed; retrying',            false, false, 3),
    ('subscription', 'canceled', 'Canceled', 'Canceled; no further renewals',                 false, true,  4),
    ('subscription', 'expired',  'Expired',  'Ended without renewal',                         false, true,  5),

    ('payment', 'pending',   'Pending',   'Initiated, awaiting the provider',   true,  false, 1),
    ('payment', 'succeeded', 'Succeeded', 'Captured',                           false, false, 2),
    ('payment', 'failed',    'Failed',    'Declined or errored',                false, true,  3),
    ('payment', 'refunded',  'Refunded',  'Paid back, fully or partly',         false, true,  4),

    ('notification', 'pending',   'Pending',   'Queued for delivery',            true,  false, 1),
    ('notification', 'sent',      'Sent',      'Handed to the channel',          false, false, 2),
    ('notification', 'delivered', 'Delivered', 'Confirmed delivered',            false, false, 3),
    ('notification', 'read',      'Read',      'Opened by the user',             false, true,  4),
    ('notification', 'failed',    'Failed',    'Delivery failed; may be retried', false, false, 5),
    ('notification', 'canceled',  'Canceled',  'Withdrawn before delivery',      false, true,  6),

    ('media', 'uploading', 'Uploading', 'Upload in progress',               true,  false, 1),
    ('media', 'ready',     'Ready',     'Stored and usable',                false, true,  2),
    ('media', 'failed',    'Failed',    'Upload or processing failed',      false, false, 3),

    ('rating', 'pending',   'Pending',   'Awaiting moderation',                true,  false, 1),
    ('rating', 'published', 'Published', 'Visible and counted in the summary', true,  false, 2),
    ('rating', 'flagged',   'Flagged',   'Reported; awaiting review',          false, false, 3),
    ('rating', 'rejected',  'Rejected',  'Removed by a moderator',             false, true,  4);

INSERT INTO core.status_transition (domain, from_code, to_code, required_permission, description)
SELECT d.domain, t.from_code, t.to_code,
       CASE WHEN d.domain = 'exercise' AND t.to_code = 'published' THEN 'exercise.publish' END,
       t.description
FROM (VALUES ('exercise'), ('workout'), ('program')) AS d (domain)
CROSS JOIN (VALUES
    ('draft',     'published', 'Publish'),
    ('draft',     'archived',  'Discard a draft'),
    ('published', 'draft',     'Unpublish for editing'),
    ('published', 'archived',  'Withdraw'),
    ('archived',  'draft',     'Restore as a draft')
) AS t (from_code, to_code, description);

INSERT INTO core.status_transition (domain, from_code, to_code, required_permission, description) VALUES
    ('user_workout_session', 'planned',     'in_progress', NULL, 'Start the session'),
    ('user_workout_session', 'planned',     'abandoned',   NULL, 'Skip the planned session'),
    ('user_workout_session', 'in_progress', 'completed',   NULL, 'Complete (fitness.complete_session)'),
    ('user_workout_session', 'in_progress', 'abandoned',   NULL, 'Stop without completing'),

    ('user_program_enrollment', 'scheduled', 'active',    NULL, 'Start date reached'),
    ('user_program_enrollment', 'scheduled', 'abandoned', NULL, 'Cancel before starting'),
    ('user_program_enrollment', 'active',    'paused',    NULL, 'Pause'),
    ('user_program_enrollment', 'active',    'completed', NULL, 'Last week finished'),
    ('user_program_enrollment', 'active',    'abandoned', NULL, 'Give up'),
    ('user_program_enrollment', 'paused',    'active',    NULL, 'Resume'),
    ('user_program_enrollment', 'paused',    'abandoned', NULL, 'Give up while paused'),

    ('user_goal', 'active', 'achieved',  NULL, 'Target reached (set by the progress rule)'),
    ('user_goal', 'active', 'abandoned', NULL, 'Give up'),
    ('user_goal', 'active', 'expired',   NULL, 'Target date passed'),

    ('institution_member', 'invited',   'active',    NULL,                          'Invitation accepted'),
    ('institution_member', 'invited',   'left',      NULL,                          'Invitation declined'),
    ('institution_member', 'invited',   'removed',   'institution.invite',          'Invitation revoked'),
    ('institution_member', 'active',    'suspended', 'institution.manage_members',  'Suspend a member'),
    ('institution_member', 'active',    'left',      NULL,                          'Leave the institution'),
    ('institution_member', 'active',    'removed',   'institution.manage_members',  'Remove a member'),
    ('institution_member', 'suspended', 'active',    'institution.manage_members',  'Reinstate a member'),
    ('institution_member', 'suspended', 'left',      NULL,                          'Leave while suspended'),
    ('institution_member', 'suspended', 'removed',   'institution.manage_members',  'Remove a suspended member'),

    ('subscription', 'trialing', 'active',   NULL,             'Trial converted: first payment succeeded'),
    ('subscription', 'trialing', 'past_due', NULL,             'Trial ended, first payment failed'),
    ('subscription', 'trialing', 'canceled', NULL,             'Canceled during the trial'),
    ('subscription', 'trialing', 'expired',  NULL,             'Trial ended without payment method'),
    ('subscription', 'active',   'past_due', NULL,             'Renewal payment failed'),
    ('subscription', 'active',   'canceled', NULL,             'Canceled by the subscriber'),
    ('subscription', 'active',   'expired',  NULL,             'Period ended without renewal'),
    ('subscription', 'past_due', 'active',   NULL,             'Retried payment succeeded'),
    ('subscription', 'past_due', 'canceled', 'billing.manage', 'Canceled for non-payment'),
    ('subscription', 'past_due', 'expired',  NULL,             'Retries exhausted'),

    ('payment', 'pending',   'succeeded', NULL,             'Provider captured the payment'),
    ('payment', 'pending',   'failed',    NULL,             'Provider declined the payment'),
    ('payment', 'succeeded', 'refunded',  'billing.manage', 'Refund issued'),

    ('notification', 'pending',   'sent',      NULL, 'Handed to the channel'),
    ('notification', 'pending',   'failed',    NULL, 'Could not be handed to the channel'),
    ('notification', 'pending',   'canceled',  NULL, 'Withdrawn before delivery'),
    ('notification', 'sent',      'delivered', NULL, 'Channel confirmed delivery'),
    ('notification', 'sent',      'read',      NULL, 'Opened by the user'),
    ('notification', 'sent',      'failed',    NULL, 'Channel reported a failure'),
    ('notification', 'delivered', 'read',      NULL, 'Opened by the user'),
    ('notification', 'failed',    'pending',   NULL, 'Retry'),
    ('notification', 'failed',    'canceled',  NULL, 'Give up retrying'),

    ('media', 'uploading', 'ready',     NULL, 'Upload finished and verified'),
    ('media', 'uploading', 'failed',    NULL, 'Upload or processing failed'),
    ('media', 'failed',    'uploading', NULL, 'Retry the upload'),

    ('rating', 'pending',   'published', 'rating.moderate', 'Approve'),
    ('rating', 'pending',   'rejected',  'rating.moderate', 'Reject'),
    ('rating', 'published', 'flagged',   NULL,              'Reported by a user'),
    ('rating', 'published', 'rejected',  'rating.moderate', 'Take down'),
    ('rating', 'flagged',   'published', 'rating.moderate', 'Report dismissed'),
    ('rating', 'flagged',   'rejected',  'rating.moderate', 'Report upheld');

-- --------------------------------------------------------------------------------------------
-- Anatomy. Muscle codes: the 17 muscle names of free-exercise-db in snake_case, plus the
-- muscles of the wger database that are not one of them. Each wger muscle name (its Latin or
-- English anatomical name) equals the latin_name or the name of exactly one muscle here.
-- --------------------------------------------------------------------------------------------
INSERT INTO core.muscle_group (code, name, body_region, description, sort_order) VALUES
    ('chest',     'Chest',     'upper_body', 'Pectorals and serratus', 1),
    ('back',      'Back',      'upper_body', 'Lats, traps, rhomboids and spinal erectors', 2),
    ('shoulders', 'Shoulders', 'upper_body', 'Deltoids', 3),
    ('arms',      'Arms',      'upper_body', 'Biceps, brachialis, triceps and forearms', 4),
    ('core',      'Core',      'core',       'Abdominals and obliques', 5),
    ('legs',      'Legs',      'lower_body', 'Glutes, hip abductors and adductors, thighs and calves', 6),
    ('neck',      'Neck',      'upper_body', 'Neck flexors and extensors', 7);

INSERT INTO core.muscle (code, name, muscle_group_id, body_region, latin_name, is_front, sort_order)
SELECT m.code, m.name, g.id, m.body_region, m.latin_name, m.is_front, m.sort_order
FROM (VALUES
    -- code                name                 group        region        latin name                                 front  order
    ('chest',             'Chest',             'chest',     'upper_body', 'Pectoralis major',                        true,  1),
    ('serratus_anterior', 'Serratus anterior', 'chest',     'upper_body', 'Serratus anterior',                       true,  2),
    ('lats',              'Lats',              'back',      'upper_body', 'Latissimus dorsi',                        false, 3),
    ('middle_back',       'Middle back',       'back',      'upper_body', 'Rhomboidei',                              false, 4),
    ('lower_back',        'Lower back',        'back',      'core',       'Erector spinae',                          false, 5),
    ('traps',             'Traps',             'back',      'upper_body', 'Trapezius',                               false, 6),
    ('shoulders',         'Shoulders',         'shoulders', 'upper_body', 'Deltoideus',                              NULL,  7),
    ('anterior_deltoid',  'Anterior deltoid',  'shoulders', 'upper_body', 'Pars clavicularis musculi deltoidei',     true,  8),
    ('biceps',            'Biceps',            'arms',      'upper_body', 'Biceps brachii',                          true,  9),
    ('brachialis',        'Brachialis',        'arms',      'upper_body', 'Brachialis',                              true,  10),
    ('triceps',           'Triceps',           'arms',      'upper_body', 'Triceps brachii',                         false, 11),
    ('forearms',          'Forearms',          'arms',      'upper_body', 'Musculi antebrachii',                     NULL,  12),
    ('abdominals',        'Abdominals',        'core',      'core',       'Rectus abdominis',                        true,  13),
    ('obliques',          'Obliques',          'core',      'core',       'Obliquus externus abdominis',             true,  14),
    ('glutes',            'Glutes',            'legs',      'lower_body', 'Gluteus maximus',                         false, 15),
    ('abductors',         'Abductors',         'legs',      'lower_body', 'Gluteus medius',                          NULL,  16),
    ('adductors',         'Adductors',         'legs',      'lower_body', 'Musculi adductores femoris',              true,  17),
    ('quadriceps',        'Quadriceps',        'legs',      'lower_body', 'Quadriceps femoris',                      true,  18),
    ('hamstrings',        'Hamstrings',        'legs',      'lower_body', 'Biceps femoris',                          false, 19),
    ('calves',            'Calves',            'legs',      'lower_body', 'Gastrocnemius',                           false, 20),
    ('soleus',            'Soleus',            'legs',      'lower_body', 'Soleus',                                  false, 21),
    ('neck',              'Neck',              'neck',      'upper_body', 'Sternocleidomastoideus',                  true,  22)
) AS m (code, name, group_code, body_region, latin_name, is_front, sort_order)
JOIN core.muscle_group AS g ON g.code = m.group_code AND g.is_active;

-- --------------------------------------------------------------------------------------------
-- Categories. Exercise roots are the free-exercise-db categories; the body-part categories
-- of wger (Arms, Legs, Abs, Chest, Back, Shoulders, Calves) are children of strength, and
-- wger's Cardio is the cardio root.
-- --------------------------------------------------------------------------------------------
INSERT INTO core.category (domain, code, name, description, sort_order) VALUES
    ('exercise', 'strength',              'Strength',              'Resistance training for strength and muscle', 1),
    ('exercise', 'cardio',                'Cardio',                'Cardiovascular and conditioning work', 2),
    ('exercise', 'stretching',            'Stretching',            'Flexibility and mobility', 3),
    ('exercise', 'plyometrics',           'Plyometrics',           'Jumps and explosive bodyweight drills', 4),
    ('exercise', 'powerlifting',          'Powerlifting',          'Squat, bench press, deadlift and their variations', 5),
    ('exercise', 'olympic_weightlifting', 'Olympic weightlifting', 'Snatch, clean and jerk and their variations', 6),
    ('exercise', 'strongman',             'Strongman',             'Odd-object and loaded carry events', 7),

    ('workout', 'strength',       'Strength',       'Heavy, low-repetition work', 1),
    ('workout', 'hypertrophy',    'Hypertrophy',    'Moderate loads and volume for muscle growth', 2),
    ('workout', 'cardio',         'Cardio',         'Steady-state cardiovascular training', 3),
    ('workout', 'hiit',           'HIIT',           'High-intensity intervals', 4),
    ('workout', 'circuit',        'Circuit',        'Stations performed back to back', 5),
    ('workout', 'endurance',      'Endurance',      'Muscular and aerobic endurance', 6),
    ('workout', 'mobility',       'Mobility',       'Stretching and joint mobility', 7),
    ('workout', 'recovery',       'Recovery',       'Light active recovery', 8),
    ('workout', 'sport_specific', 'Sport-specific', 'Conditioning for a particular sport', 9),

    ('program', 'strength',        'Strength',        'Build maximal strength', 1),
    ('program', 'hypertrophy',     'Hypertrophy',     'Build muscle', 2),
    ('program', 'powerlifting',    'Powerlifting',    'Peak the squat, bench press and deadlift', 3),
    ('program', 'weight_loss',     'Weight loss',     'Reduce body fat', 4),
    ('program', 'endurance',       'Endurance',       'Improve aerobic and muscular endurance', 5),
    ('program', 'general_fitness', 'General fitness', 'Balanced all-round fitness', 6),
    ('program', 'sport_specific',  'Sport-specific',  'Prepare for a sport or season', 7),
    ('program', 'rehabilitation',  'Rehabilitation',  'Return to training after injury', 8);

INSERT INTO core.category (domain, code, name, description, parent_id, sort_order)
SELECT 'exercise', c.code, c.name, c.description, p.id, c.sort_order
FROM (VALUES
    ('arms',      'Arms',      'Biceps, triceps and forearms', 1),
    ('legs',      'Legs',      'Thighs and glutes', 2),
    ('abs',       'Abs',       'Abdominals and obliques', 3),
    ('chest',     'Chest',     'Pectorals', 4),
    ('back',      'Back',      'Lats, traps and lower back', 5),
    ('shoulders', 'Shoulders', 'Deltoids', 6),
    ('calves',    'Calves',    'Gastrocnemius and soleus', 7)
) AS c (code, name, description, sort_order)
JOIN core.category AS p ON p.domain = 'exercise' AND p.code = 'strength' AND p.is_active;

-- --------------------------------------------------------------------------------------------
-- Tags
-- --------------------------------------------------------------------------------------------
INSERT INTO core.tag (tag_group, code, name, description) VALUES
    ('setting', 'home',              'Home',              'Can be done at home'),
    ('setting', 'gym',               'Gym',               'Needs a gym'),
    ('setting', 'outdoor',           'Outdoor',           'Done outdoors'),
    ('feature', 'no_equipment',      'No equipment',      'Needs no equipment'),
    ('feature', 'low_impact',        'Low impact',        'Easy on the joints: no jumping or running'),
    ('feature', 'quick',             'Quick',             'Takes under 20 minutes'),
    ('feature', 'beginner_friendly', 'Beginner friendly', 'Suitable without training experience');

-- --------------------------------------------------------------------------------------------
-- Entity-type registry: every table a polymorphic reference (favorite, rating, activity,
-- translation, entity_tag) may point at. Runs after 30_content.sql and 40_platform.sql in the
-- install script; a table that does not exist is skipped with a WARNING rather than failing
-- the install (test/pgtap/10_core.sql checks that the registry is complete).
-- --------------------------------------------------------------------------------------------
DO $entity_types$
DECLARE
    missing text;
BEGIN
    WITH seed (code, name, table_name, owner_column, institution_column, visibility_column,
               translatable_columns, is_taggable, is_rateable, is_favoritable, description) AS (
        VALUES
        -- core lookups (translatable names)
        ('tag',            'Tag',            'core.tag',          NULL, NULL, NULL, '{name,description}', false, false, false, 'Classification label'),
        ('category',       'Category',       'core.category',     NULL, NULL, NULL, '{name,description}', false, false, false, 'Hierarchical category'),
        ('muscle_group',   'Muscle group',   'core.muscle_group', NULL, NULL, NULL, '{name,description}', false, false, false, 'Group of muscles'),
        ('muscle',         'Muscle',         'core.muscle',       NULL, NULL, NULL, '{name,description}', false, false, false, 'Muscle'),
        ('status',         'Status',         'core.status',       NULL, NULL, NULL, '{name,description}', false, false, false, 'State-machine status'),
        ('role',           'Role',           'core.role',         NULL, NULL, NULL, '{name,description}', false, false, false, 'RBAC role'),
        ('visibility',     'Visibility',     'core.visibility',   NULL, NULL, NULL, '{name,description}', false, false, false, 'Visibility level'),
        -- users, institutions, progress, billing
        ('app_user',       'User',           'user_mgmt.app_user',     'id', NULL, NULL, '{}', false, false, false, 'Application user (activity target: follows, mentions)'),
        ('institution',    'Institution',    'user_mgmt.institution',  NULL, 'id', NULL, '{description}', true, true, true, 'Gym, studio or club'),
        ('billing_plan',   'Billing plan',   'user_mgmt.billing_plan', NULL, 'institution_id', NULL, '{name,description}', false, false, false, 'Price a subscriber pays'),
        ('user_workout_session',    'Workout session',    'user_mgmt.user_workout_session',    'user_id', NULL, NULL, '{}', true, false, false, 'Performed training session'),
        ('user_program_enrollment', 'Program enrollment', 'user_mgmt.user_program_enrollment', 'user_id', 'institution_id', NULL, '{}', false, false, false, 'A user following a program'),
        -- content
        ('exercise',       'Exercise',       'content.exercise',  'owner_id', 'institution_id', 'visibility', '{name,description}', true, true, true, 'Exercise of the library'),
        ('workout',        'Workout',        'content.workout',   'owner_id', 'institution_id', 'visibility', '{name,description}', true, true, true, 'Workout'),
        ('program',        'Program',        'content.program',   'owner_id', 'institution_id', 'visibility', '{name,description}', true, true, true, 'Training program'),
        ('media',          'Media',          'content.media',     'owner_id', 'institution_id', NULL, '{}', true, false, true, 'Image, video or document'),
        ('equipment',      'Equipment',      'content.equipment', NULL, NULL, NULL, '{name}', true, false, true, 'Equipment of the catalogue'),
        ('equipment_category', 'Equipment category', 'content.equipment_category', NULL, NULL, NULL, '{name}', false, false, false, 'Equipment category'),
        ('goal',           'Goal kind',      'content.goal',      NULL, NULL, NULL, '{name}', false, false, false, 'Kind of goal of the catalogue'),
        ('user_goal',      'User goal',      'content.user_goal', 'user_id', NULL, NULL, '{}', false, false, false, 'Goal a user pursues'),
        -- platform
        ('rating',              'Rating',              'platform.rating',              'user_id', NULL, NULL, '{}', false, false, false, 'Rating and review (activity and moderation target)'),
        ('favorite_collection', 'Favorite collection', 'platform.favorite_collection', 'user_id', NULL, NULL, '{}', false, false, true, 'Named collection of favorites'),
        ('activity_type',       'Activity type',       'platform.activity_type',       NULL, NULL, NULL, '{name}', false, false, false, 'Kind of activity-feed entry')
    ), registered AS (
        INSERT INTO core.entity_type (code, name, table_name, owner_column, institution_column,
                                      visibility_column, translatable_columns, is_taggable,
                                      is_rateable, is_favoritable, description)
        SELECT s.code, s.name, pg_catalog.to_regclass(s.table_name), s.owner_column,
               s.institution_column, s.visibility_column, s.translatable_columns::text[],
               s.is_taggable, s.is_rateable, s.is_favoritable, s.description
        FROM seed AS s
        WHERE pg_catalog.to_regclass(s.table_name) IS NOT NULL
        RETURNING code
    )
    SELECT pg_catalog.string_agg(s.table_name, ', ' ORDER BY s.table_name)
      INTO missing
      FROM seed AS s
     WHERE pg_catalog.to_regclass(s.table_name) IS NULL;
    IF missing IS NOT NULL THEN
        RAISE WARNING 'fitness: entity types not registered, their tables do not exist: %', missing;
    END IF;
END
$entity_types$;
-- =====================================================================================
-- Reference data of the platform domain: languages and their fallback chains, activity
-- types, rating statuses, notification types, error types, cache strategies, system
-- settings, retention policies and a few interface strings.
-- =====================================================================================

-- Languages: those of the specification plus every language of the wger exercise data
-- (content.exercise_alias.language_code references platform.language). Every chain ends at
-- en (which has none); parents are inserted before the languages that fall back to them
-- (platform.language.fallback_code references code). Text search configurations are the
-- snowball ones PostgreSQL 15 ships; 'simple' where it has none.
INSERT INTO platform.language (code, name, native_name, fallback_code, text_search_config, is_rtl, sort_order)
VALUES ('en', 'English', 'English', NULL, 'pg_catalog.english', false, 10);

INSERT INTO platform.language (code, name, native_name, fallback_code, text_search_config, is_rtl, sort_order)
VALUES
    ('de', 'German',       'Deutsch',          'en', 'pg_catalog.german',     false, 20),
    ('es', 'Spanish',      'Español',          'en', 'pg_catalog.spanish',    false, 30),
    ('fr', 'French',       'Français',         'en', 'pg_catalog.french',     false, 40),
    ('it', 'Italian',      'Italiano',         'en', 'pg_catalog.italian',    false, 50),
    ('pt', 'Portuguese',   'Português',        'en', 'pg_catalog.portuguese', false, 60),
    ('nl', 'Dutch',        'Nederlands',       'en', 'pg_catalog.dutch',      false, 70),
    ('pl', 'Polish',       'Polski',           'en', 'pg_catalog.simple',     false, 80),
    ('sv', 'Swedish',      'Svenska',          'en', 'pg_catalog.swedish',    false, 90),
    ('da', 'Danish',       'Dansk',            'en', 'pg_catalog.danish',     false, 100),
    ('no', 'Norwegian',    'Norsk',            'en', 'pg_catalog.norwegian',  false, 110),
    ('fi', 'Finnish',      'Suomi',            'en', 'pg_catalog.finnish',    false, 120),
    ('ru', 'Russian',      'Русский',          'en', 'pg_catalog.russian',    false, 130),
    ('uk', 'Ukrainian',    'Українська',       'en', 'pg_catalog.simple',     false, 140),
    ('bg', 'Bulgarian',    'Български',        'en', 'pg_catalog.simple',     false, 150),
    ('cs', 'Czech',        'Čeština',          'en', 'pg_catalog.simple',     false, 160),
    ('sk', 'Slovak',       'Slovenčina',       'en', 'pg_catalog.simple',     false, 170),
    ('sl', 'Slovenian',    'Slovenščina',      'en', 'pg_catalog.simple',     false, 180),
    ('hr', 'Croatian',     'Hrvatski',         'en', 'pg_catalog.simple',     false, 190),
    ('sr', 'Serbian',      'Српски',           'en', 'pg_catalog.serbian',    false, 200),
    ('ro', 'Romanian',     'Română',           'en', 'pg_catalog.romanian',   false, 210),
    ('el', 'Greek',        'Ελληνικά',         'en', 'pg_catalog.greek',      false, 220),
    ('ca', 'Catalan',      'Català',           'en', 'pg_catalog.catalan',    false, 230),
    ('tr', 'Turkish',      'Türkçe',           'en', 'pg_catalog.turkish',    false, 240),
    ('az', 'Azerbaijani',  'Azərbaycan dili',  'en', 'pg_catalog.simple',     false, 250),
    ('eo', 'Esperanto',    'Esperanto',        'en', 'pg_catalog.simple',     false, 260),
    ('id', 'Indonesian',   'Bahasa Indonesia', 'en', 'pg_catalog.indonesian', false, 270),
    ('ta', 'Tamil',        'தமிழ்',              'en', 'pg_catalog.tamil',      false, 280),
    ('th', 'Thai',         'ไทย',               'en', 'pg_catalog.simple',     false, 290),
    ('ja', 'Japanese',     '日本語',             'en', 'pg_catalog.simple',     false, 300),
    ('ko', 'Korean',       '한국어',             'en', 'pg_catalog.simple',     false, 310),
    ('zh', 'Chinese',      '中文',              'en', 'pg_catalog.simple',     false, 320),
    ('ar', 'Arabic',       'العربية',           'en', 'pg_catalog.arabic',     true,  330),
    ('fa', 'Persian',      'فارسی',             'en', 'pg_catalog.simple',     true,  340),
    ('he', 'Hebrew',       'עברית',             'en', 'pg_catalog.simple',     true,  350);

-- Regional variants fall back to their base language, e.g. pt-BR -> pt -> en.
INSERT INTO platform.language (code, name, native_name, fallback_code, text_search_config, is_rtl, sort_order)
VALUES
    ('en-GB', 'English (United Kingdom)', 'English (United Kingdom)', 'en', 'pg_catalog.english',    false, 11),
    ('en-US', 'English (United States)',  'English (United States)',  'en', 'pg_catalog.english',    false, 12),
    ('de-AT', 'German (Austria)',         'Deutsch (Österreich)',     'de', 'pg_catalog.german',     false, 21),
    ('de-CH', 'German (Switzerland)',     'Deutsch (Schweiz)',        'de', 'pg_catalog.german',     false, 22),
    ('es-MX', 'Spanish (Mexico)',         'Español (México)',         'es', 'pg_catalog.spanish',    false, 31),
    ('fr-CA', 'French (Canada)',          'Français (Canada)',        'fr', 'pg_catalog.french',     false, 41),
    ('pt-BR', 'Portuguese (Brazil)',      'Português (Brasil)',       'pt', 'pg_catalog.portuguese', false, 61),
    ('nb',    'Norwegian Bokmål',         'Norsk bokmål',             'no', 'pg_catalog.norwegian',  false, 111),
    ('nn',    'Norwegian Nynorsk',        'Norsk nynorsk',            'no', 'pg_catalog.norwegian',  false, 112);


-- Activity types (feed items) and their default visibility.
INSERT INTO platform.activity_type (code, name, description, default_visibility)
VALUES
    ('session_started',     'Workout started',       'The user started a workout session',            'private'),
    ('session_completed',   'Workout completed',     'The user completed a workout session',          'institution'),
    ('personal_record',     'Personal record',       'A set beat the user''s best for an exercise',   'institution'),
    ('goal_created',        'Goal set',              'The user set a new goal',                       'private'),
    ('goal_achieved',       'Goal achieved',         'The user reached a goal',                       'institution'),
    ('program_enrolled',    'Program started',       'The user enrolled in a program',                'private'),
    ('program_completed',   'Program completed',     'The user finished a program',                   'institution'),
    ('measurement_logged',  'Measurement logged',    'The user recorded a body measurement',          'private'),
    ('workout_created',     'Workout created',       'The user created a workout',                    'private'),
    ('workout_shared',      'Workout shared',        'The user made a workout visible to others',     'public'),
    ('exercise_favorited',  'Exercise favorited',    'The user added something to their favorites',   'private'),
    ('rating_posted',       'Rating posted',         'The user rated an exercise, workout or program','public'),
    ('institution_joined',  'Joined institution',    'The user became a member of an institution',    'institution'),
    ('coach_assigned',      'Coach assigned',        'A coach was assigned to the user',              'private');


-- Moderation states of ratings; only published ratings are public and counted.
INSERT INTO platform.rating_status (code, name, description, is_public, is_terminal, sort_order)
VALUES
    ('pending',   'Pending',   'Waiting for moderation',                false, false, 10),
    ('published', 'Published', 'Visible to others and counted',         true,  false, 20),
    ('rejected',  'Rejected',  'Refused by a moderator',                false, true,  30),
    ('flagged',   'Flagged',   'Reported by users, waiting for review', false, false, 40);


-- Notification types. Title and body texts are platform.ui_message keys.
INSERT INTO platform.notification_type (code, name, description, default_channels, title_key, body_key, is_transactional)
VALUES
    ('workout_reminder',       'Workout reminder',       'A planned workout is due',                 '{push,in_app}',
        'notification.workout_reminder.title',       'notification.workout_reminder.body',       false),
    ('goal_achieved',          'Goal achieved',          'A goal reached its target',                '{in_app,push}',
        'notification.goal_achieved.title',          'notification.goal_achieved.body',          false),
    ('personal_record',        'Personal record',        'A new personal record was set',            '{in_app}',
        'notification.personal_record.title',        'notification.personal_record.body',        false),
    ('program_week_started',   'New program week',       'A new week of an enrolled program begins', '{in_app}',
        'notification.program_week_started.title',   'notification.program_week_started.body',   false),
    ('coach_message',          'Message from coach',     'The user''s coach sent a message',         '{in_app,push}',
        'notification.coach_message.title',          'notification.coach_message.body',          false),
    ('institution_invite',     'Institution invitation', 'An institution invited the user to join',  '{email,in_app}',
        'notification.institution_invite.title',     'notification.institution_invite.body',     false),
    ('subscription_renewed',   'Subscription renewed',   'A subscription was renewed and charged',   '{email,in_app}',
        'notification.subscription_renewed.title',   'notification.subscription_renewed.body',   false),
    ('subscription_expiring',  'Subscription expiring',  'A subscription ends soon',                 '{email,in_app}',
        'notification.subscription_expiring.title',  'notification.subscription_expiring.body',  false),
    ('payment_failed',         'Payment failed',         'A payment could not be collected',         '{email,in_app}',
        'notification.payment_failed.title',         'notification.payment_failed.body',         true),
    ('password_reset',         'Password reset',         'A password reset was requested',           '{email}',
        'notification.password_reset.title',         'notification.password_reset.body',         true),
    ('data_export_ready',      'Data export ready',      'A requested personal data export is ready','{email}',
        'notification.data_export_ready.title',      'notification.data_export_ready.body',      true),
    ('account_erased',         'Account erased',         'The user''s personal data was erased',     '{email}',
        'notification.account_erased.title',         'notification.account_erased.body',         true);


-- Error types.
INSERT INTO platform.error_type (code, name, description, severity, alert_threshold_per_hour)
VALUES
    ('auth.invalid_token',            'Invalid token',               'A JWT failed verification (signature, expiry, format)', 'warning',  100),
    ('auth.permission_denied',        'Permission denied',           'An action was refused by RBAC or RLS',                  'info',     NULL),
    ('validation.business_rule',      'Business rule violation',     'A business-rule trigger rejected a change',             'info',     NULL),
    ('validation.constraint',         'Constraint violation',        'A CHECK, unique or foreign-key constraint failed',      'info',     NULL),
    ('import.malformed_record',       'Malformed import record',     'An exercise import batch was rejected',                 'warning',  NULL),
    ('translation.provider_error',    'Translation provider error',  'DeepL or Google returned an error or timed out',        'error',    20),
    ('notification.delivery_failed',  'Notification delivery failed','A notification could not be delivered on its channel',  'warning',  50),
    ('payment.provider_error',        'Payment provider error',      'The payment provider refused or failed a request',      'error',    5),
    ('partition.maintenance_failed',  'Partition maintenance failed','run_maintenance could not create or retire a partition','critical', 1),
    ('retention.policy_failed',       'Retention policy failed',     'A retention policy could not be applied',               'error',    1),
    ('gdpr.request_failed',           'Data subject request failed', 'An export or erasure request failed',                   'critical', 1),
    ('internal.unexpected',           'Unexpected internal error',   'An error the extension did not anticipate',             'critical', 1);


-- Cache layers: L1 per-backend memory, L2 shared memory (with preload), L3 tables,
-- L4 external (application Redis/CDN, not managed by the extension).
INSERT INTO platform.cache_strategy (cache_name, layer, scope, ttl, max_entries, eviction, invalidated_by, description)
VALUES
    ('translation',       'L1', 'backend',       NULL,               100000, 'lru',
        '{platform.translation,platform.language}',
        'Per-backend cache of fitness.translate(), invalidated after commit in every session (also on standbys)'),
    ('translation',       'L2', 'shared_memory', NULL,               500000, 'lru',
        '{platform.translation,platform.language}',
        'Cluster-wide translation cache in shared memory; only when fitness is preloaded'),
    ('translation_cache', 'L1', 'backend',       interval '1 hour',  50000,  'lru',
        '{platform.translation_cache}',
        'Per-backend cache of fitness.cached_translation() results'),
    ('translation_cache', 'L3', 'table',         interval '180 days', NULL,  'ttl',
        '{}',
        'platform.translation_cache: machine translations persisted until expires_at'),
    ('ui_message',        'L1', 'backend',       NULL,               20000,  'lru',
        '{platform.ui_message,platform.language}',
        'Per-backend cache of fitness.message() strings'),
    ('language',          'L1', 'backend',       NULL,               1000,   'none',
        '{platform.language}',
        'Language fallback chains and text search configurations'),
    ('permission',        'L1', 'backend',       interval '5 minutes', 10000, 'lru',
        '{core.role_permission,core.role,core.permission,user_mgmt.user_role,user_mgmt.institution_member}',
        'Per-backend cache of a user''s effective roles and permissions used by the RLS helpers'),
    ('setting',           'L1', 'backend',       interval '5 minutes', 10000, 'lru',
        '{platform.system_setting,platform.setting}',
        'Resolved settings (user -> institution -> system) of fitness.setting()'),
    ('api_response',      'L4', 'external',      interval '5 minutes', NULL,  'ttl',
        '{}',
        'Application-side response cache (e.g. Redis); configuration only, not managed by the extension');


-- System settings: definitions and platform values.
INSERT INTO platform.system_setting
    (key, value, value_type, allowed_values, min_value, max_value, description, is_secret,
     is_institution_overridable, is_user_overridable)
VALUES
    ('default_language', '"en"', 'string', NULL, NULL, NULL,
        'Language used when neither the user nor the institution chose one (a platform.language code)',
        false, true, true),
    ('units_default', '"metric"', 'enum', '["metric", "imperial"]', NULL, NULL,
        'Unit system for new users',
        false, true, true),
    ('week_start', '"monday"', 'enum', '["monday", "sunday"]', NULL, NULL,
        'First day of the week in schedules and statistics',
        false, true, true),
    ('timezone_default', '"UTC"', 'string', NULL, NULL, NULL,
        'Time zone for users and institutions that did not set one (IANA name)',
        false, true, false),
    ('max_session_duration_hours', '6', 'integer', NULL, 1, 48,
        'A workout session in progress longer than this is closed as abandoned',
        false, true, false),
    ('audit.retention_months', '24', 'integer', NULL, 1, 120,
        'Months of audit_log partitions kept before they are detached',
        false, false, false),
    ('audit.premake_months', '3', 'integer', NULL, 1, 24,
        'Monthly audit_log partitions created ahead of time',
        false, false, false),
    ('system_event.premake_days', '7', 'integer', NULL, 1, 90,
        'Daily system_event partitions created ahead of time',
        false, false, false),
    ('system_event.retention_days', '30', 'integer', NULL, 1, 3650,
        'Days of system_event partitions kept',
        false, false, false),
    ('jwt.leeway_seconds', '30', 'integer', NULL, 0, 300,
        'Clock skew tolerated when checking exp and nbf of a token',
        false, false, false),
    ('notifications.quiet_hours', '{"start": "22:00", "end": "07:00"}', 'json', NULL, NULL, NULL,
        'Local time window in which non-transactional push and sms notifications are held back',
        false, true, true),
    ('notifications.max_attempts', '5', 'integer', NULL, 1, 50,
        'Delivery attempts before a notification is marked failed',
        false, false, false),
    ('notifications.enabled', 'true', 'boolean', NULL, NULL, NULL,
        'Master switch for non-transactional notifications',
        false, true, true),
    ('translation.provider', '"deepl"', 'enum', '["deepl", "google", "manual"]', NULL, NULL,
        'External machine translation provider used by the translation worker',
        false, false, false),
    ('translation.cache_ttl_days', '180', 'integer', NULL, 1, 3650,
        'Days a machine translation stays in translation_cache before it is refreshed',
        false, false, false),
    ('translation.provider_api_key', '""', 'string', NULL, NULL, NULL,
        'API key of the translation provider (read by the worker)',
        true, false, false),
    ('rating.moderation_required', 'false', 'boolean', NULL, NULL, NULL,
        'New ratings start pending (moderated) instead of published',
        false, true, false),
    ('institution.default_max_members', '500', 'integer', NULL, 1, 1000000,
        'Member limit of a new institution',
        false, false, false),
    ('password_reset.token_ttl_minutes', '30', 'integer', NULL, 5, 1440,
        'Validity of a password reset link',
        false, false, false),
    ('search.similarity_threshold', '0.3', 'number', NULL, 0, 1,
        'Minimum trigram similarity for typo-tolerant exercise search',
        false, false, false);


-- Data lifecycle rules applied by fitness.run_maintenance().
INSERT INTO platform.retention_policy (target_table, timestamp_column, keep, action, description)
VALUES
    ('platform.audit_log',           'occurred_at',  interval '24 months', 'detach_partition',
        'Monthly audit partitions older than 24 months are detached (archive, then drop)'),
    ('platform.system_event',        'occurred_at',  interval '30 days',   'detach_partition',
        'Daily event partitions older than 30 days are detached'),
    ('platform.cache_metrics',       'recorded_at',  interval '30 days',   'delete',
        'Cache samples older than 30 days are deleted'),
    ('platform.translation_request', 'requested_at', interval '30 days',   'delete',
        'Finished translation requests older than 30 days are deleted');


-- Interface and notification strings ({name} placeholders are filled by fitness.message()).
INSERT INTO platform.ui_message (key, language_code, text)
VALUES
    ('common.save',                               'en', 'Save'),
    ('common.cancel',                             'en', 'Cancel'),
    ('common.delete',                             'en', 'Delete'),
    ('notification.workout_reminder.title',       'en', 'Time to train'),
    ('notification.workout_reminder.body',        'en', '{workout} is planned for today.'),
    ('notification.goal_achieved.title',          'en', 'Goal achieved!'),
    ('notification.goal_achieved.body',           'en', 'You reached your goal "{goal}".'),
    ('notification.personal_record.title',        'en', 'New personal record'),
    ('notification.personal_record.body',         'en', '{exercise}: {value}'),
    ('notification.program_week_started.title',   'en', 'A new week begins'),
    ('notification.program_week_started.body',    'en', 'Week {week} of {program} starts today.'),
    ('notification.coach_message.title',          'en', 'Message from {coach}'),
    ('notification.coach_message.body',           'en', '{message}'),
    ('notification.institution_invite.title',     'en', 'Invitation to {institution}'),
    ('notification.institution_invite.body',      'en', '{inviter} invited you to join {institution}.'),
    ('notification.subscription_renewed.title',   'en', 'Subscription renewed'),
    ('notification.subscription_renewed.body',    'en', 'Your {plan} subscription was renewed until {period_end}.'),
    ('notification.subscription_expiring.title',  'en', 'Subscription ending soon'),
    ('notification.subscription_expiring.body',   'en', 'Your {plan} subscription ends on {period_end}.'),
    ('notification.payment_failed.title',         'en', 'Payment failed'),
    ('notification.payment_failed.body',          'en', 'We could not collect {amount} for {plan}. Please update your payment method.'),
    ('notification.password_reset.title',         'en', 'Reset your password'),
    ('notification.password_reset.body',          'en', 'Use this link within {minutes} minutes to choose a new password: {link}'),
    ('notification.data_export_ready.title',      'en', 'Your data export is ready'),
    ('notification.data_export_ready.body',       'en', 'Download your data here: {link}'),
    ('notification.account_erased.title',         'en', 'Your account was erased'),
    ('notification.account_erased.body',          'en', 'Your personal data has been erased as requested.'),

    ('common.save',                               'de', 'Speichern'),
    ('common.cancel',                             'de', 'Abbrechen'),
    ('common.delete',                             'de', 'Löschen'),
    ('notification.workout_reminder.title',       'de', 'Zeit zu trainieren'),
    ('notification.workout_reminder.body',        'de', '{workout} steht heute auf dem Plan.'),
    ('notification.goal_achieved.title',          'de', 'Ziel erreicht!'),
    ('notification.goal_achieved.body',           'de', 'Du hast dein Ziel „{goal}“ erreicht.'),
    ('notification.personal_record.title',        'de', 'Neue Bestleistung'),
    ('notification.password_reset.title',         'de', 'Passwort zurücksetzen'),

    ('common.save',                               'pt', 'Guardar'),
    ('common.cancel',                             'pt', 'Cancelar'),
    ('notification.workout_reminder.title',       'pt', 'Hora de treinar'),
    ('notification.goal_achieved.title',          'pt', 'Objetivo alcançado!'),
    ('common.save',                               'pt-BR', 'Salvar'),
    ('notification.goal_achieved.title',          'pt-BR', 'Meta alcançada!');
-- Reference data of the content domain: equipment catalogue, media types, goal catalogue.
-- Equipment covers every equipment value of the free-exercise-db and wger data sets
-- (../shared/data): a free-exercise-db name maps to the row whose code is the name in
-- snake_case ('body only' -> body_only); synonyms from wger ('SZ-Bar', 'Swiss Ball',
-- 'none (bodyweight exercise)', ...) are listed in source_names of the same row, so one
-- piece of equipment has one row whatever the source.

INSERT INTO content.equipment_category (code, name, description, sort_order) VALUES
    ('free_weights',    'Free weights',          'Barbells, dumbbells, kettlebells and bars', 10),
    ('machines',        'Machines',              'Selectorised, plate-loaded and cable machines', 20),
    ('bodyweight',      'Bodyweight',            'No equipment, or a bar or station to hold the body', 30),
    ('benches_racks',   'Benches and racks',     'Benches, racks and platforms', 40),
    ('accessories',     'Accessories',           'Bands, balls, rollers, mats and other small equipment', 50),
    ('cardio_machines', 'Cardio machines',       'Treadmills, rowers, bikes', 60),
    ('other',           'Other',                 'Equipment that fits no other group', 90);

INSERT INTO content.equipment (equipment_category_id, code, name, description, source_names, sort_order)
SELECT c.id, v.code, v.name, v.description, v.source_names, v.sort_order
  FROM (VALUES
    ('free_weights',    'barbell',            'Barbell',             'Olympic or standard barbell',                    ARRAY['barbell'],                                  10),
    ('free_weights',    'dumbbell',           'Dumbbell',            NULL,                                             ARRAY['dumbbell'],                                 20),
    ('free_weights',    'kettlebells',        'Kettlebell',          NULL,                                             ARRAY['kettlebells', 'kettlebell'],                30),
    ('free_weights',    'e_z_curl_bar',       'EZ curl bar',         'Cambered curl bar (SZ bar)',                     ARRAY['e-z curl bar', 'sz-bar'],                   40),
    ('free_weights',    'trap_bar',           'Trap bar',            'Hexagonal deadlift bar',                         ARRAY[]::text[],                                   50),
    ('machines',        'machine',            'Machine',             'Selectorised or plate-loaded machine',           ARRAY['machine'],                                  10),
    ('machines',        'cable',              'Cable machine',       'Cable column or crossover with pulleys',         ARRAY['cable', 'cable machine'],                   20),
    ('machines',        'smith_machine',      'Smith machine',       NULL,                                             ARRAY[]::text[],                                   30),
    ('bodyweight',      'body_only',          'No equipment',        'Bodyweight only',                                ARRAY['body only', 'none (bodyweight exercise)'],  10),
    ('bodyweight',      'pull_up_bar',        'Pull-up bar',         NULL,                                             ARRAY['pull-up bar'],                              20),
    ('bodyweight',      'dip_station',        'Dip station',         'Parallel bars',                                  ARRAY[]::text[],                                   30),
    ('bodyweight',      'suspension_trainer', 'Suspension trainer',  'TRX-style straps',                               ARRAY[]::text[],                                   40),
    ('benches_racks',   'bench',              'Bench',               'Flat bench',                                     ARRAY['bench'],                                    10),
    ('benches_racks',   'incline_bench',      'Incline bench',       'Adjustable or fixed incline bench',              ARRAY['incline bench'],                            20),
    ('benches_racks',   'squat_rack',         'Squat rack',          'Squat or power rack',                            ARRAY[]::text[],                                   30),
    ('benches_racks',   'plyo_box',           'Plyo box',            'Box for jumps and step-ups',                     ARRAY[]::text[],                                   40),
    ('accessories',     'bands',              'Resistance band',     'Loop or tube band',                              ARRAY['bands', 'resistance band'],                 10),
    ('accessories',     'medicine_ball',      'Medicine ball',       NULL,                                             ARRAY['medicine ball'],                            20),
    ('accessories',     'exercise_ball',      'Exercise ball',       'Swiss ball, stability ball',                     ARRAY['exercise ball', 'swiss ball'],              30),
    ('accessories',     'foam_roll',          'Foam roller',         NULL,                                             ARRAY['foam roll'],                                40),
    ('accessories',     'gym_mat',            'Gym mat',             NULL,                                             ARRAY['gym mat'],                                  50),
    ('accessories',     'jump_rope',          'Jump rope',           NULL,                                             ARRAY[]::text[],                                   60),
    ('cardio_machines', 'treadmill',          'Treadmill',           NULL,                                             ARRAY[]::text[],                                   10),
    ('cardio_machines', 'rowing_machine',     'Rowing machine',      NULL,                                             ARRAY[]::text[],                                   20),
    ('cardio_machines', 'stationary_bike',    'Stationary bike',     NULL,                                             ARRAY[]::text[],                                   30),
    ('other',           'other',              'Other',               'Equipment not in the catalogue',                 ARRAY['other'],                                    10)
  ) AS v (category_code, code, name, description, source_names, sort_order)
  JOIN content.equipment_category c ON c.code = v.category_code AND c.is_active;

INSERT INTO content.media_type (code, name, allowed_mime_types, max_bytes) VALUES
    ('image',    'Image',    ARRAY['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif', 'image/heic'],
                             20 * 1024 * 1024),
    ('video',    'Video',    ARRAY['video/mp4', 'video/webm', 'video/quicktime'],
                             500 * 1024 * 1024),
    ('audio',    'Audio',    ARRAY['audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/ogg', 'audio/wav', 'audio/webm'],
                             100 * 1024 * 1024),
    ('document', 'Document', ARRAY['application/pdf', 'text/plain', 'text/markdown', 'text/csv'],
                             25 * 1024 * 1024);

INSERT INTO content.goal (code, name, description, goal_type, default_metric, default_unit, default_direction, sort_order) VALUES
    -- strength
    ('increase_one_rm',         'Increase a one-rep max',        'Raise the estimated 1RM of one exercise',           'strength',         'one_rm_kg',          'kg',       'increase', 10),
    ('increase_max_weight',     'Lift a heavier weight',         'Raise the heaviest weight lifted in one exercise',  'strength',         'max_weight_kg',      'kg',       'increase', 20),
    ('increase_max_reps',       'Do more reps',                  'Raise the most reps in one set of one exercise',    'strength',         'max_reps',           'reps',     'increase', 30),
    -- hypertrophy
    ('build_muscle',            'Build muscle',                  'Gain lean mass',                                    'hypertrophy',      'muscle_mass_kg',     'kg',       'increase', 10),
    ('grow_arms',               'Grow arms',                     'Increase upper-arm circumference',                  'hypertrophy',      'arm_cm',             'cm',       'increase', 20),
    ('increase_training_volume','Increase training volume',      'Lift more total volume per session',                'hypertrophy',      'total_volume_kg',    'kg',       'increase', 30),
    ('gain_weight',             'Gain weight',                   'Increase body weight',                              'hypertrophy',      'body_weight_kg',     'kg',       'increase', 40),
    -- endurance
    ('run_farther',             'Run farther',                   'Increase the distance of a single run',             'endurance',        'distance_km',        'km',       'increase', 10),
    ('run_faster',              'Run faster',                    'Lower the pace per kilometre',                      'endurance',        'pace_s_per_km',      's/km',     'decrease', 20),
    ('train_longer',            'Train longer',                  'Increase the duration of cardio sessions',          'endurance',        'duration_min',       'min',      'increase', 30),
    ('lower_resting_heart_rate','Lower resting heart rate',      'Improve aerobic fitness',                           'endurance',        'resting_heart_rate_bpm', 'bpm',      'decrease', 40),
    -- body composition
    ('lose_weight',             'Lose weight',                   'Reduce body weight',                                'body_composition', 'body_weight_kg',     'kg',       'decrease', 10),
    ('reduce_body_fat',         'Reduce body fat',               'Lower the body-fat percentage',                     'body_composition', 'body_fat_pct',       '%',        'decrease', 20),
    ('reduce_waist',            'Reduce waist',                  'Lower the waist circumference',                     'body_composition', 'waist_cm',           'cm',       'decrease', 30),
    -- habit
    ('train_regularly',         'Train regularly',               'Train a number of sessions every week',             'habit',            'sessions_per_week',  'sessions', 'increase', 10),
    ('complete_workouts',       'Complete workouts',             'Complete a number of workouts',                     'habit',            'workouts_completed', 'workouts', 'increase', 20),
    ('walk_more',               'Walk more',                     'Reach a daily step count',                          'habit',            'steps_per_day',      'steps',    'increase', 30),
    ('custom_habit',            'Custom habit',                  'A habit measured in the user''s own unit',          'habit',            'custom',             NULL,       NULL,       90);
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

-- Bridge test hooks (sql/bridge.sql). Not for applications.
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
-- Privileges, least privilege first. PUBLIC gets nothing on the domain schemas; the three
-- group roles get what their job needs (API.md "Roles"). Row-level security narrows the
-- rows fitness_app and fitness_service see; these grants decide which tables at all.

REVOKE ALL ON SCHEMA core, user_mgmt, content, platform FROM PUBLIC;
GRANT USAGE ON SCHEMA core, user_mgmt, content, platform, fitness
    TO fitness_app, fitness_service, fitness_admin;

-- Test hooks of the bridge: admins only.
REVOKE ALL ON FUNCTION fitness.bridge_selftest(text), fitness.bridge_live_objects(),
    fitness.bridge_kept_plan_sum(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.bridge_selftest(text), fitness.bridge_live_objects(),
    fitness.bridge_kept_plan_sum(integer) TO fitness_admin;

DO $grants$
DECLARE
    -- Reference data the application reads but never writes (edited by admins).
    app_read CONSTANT text[] := ARRAY[
        'content.equipment', 'content.equipment_category', 'content.media_type', 'content.goal',
        'user_mgmt.billing_plan', 'user_mgmt.subscription', 'user_mgmt.payment', 'user_mgmt.user_role',
        'platform.language', 'platform.activity_type', 'platform.rating_status',
        'platform.rating_summary', 'platform.notification_type', 'platform.system_setting',
        'platform.error_type', 'platform.ui_message', 'platform.translation', 'platform.cache_strategy'];
    -- Tables the application must not touch at all: logs, queues, internals, and requests
    -- that go through API functions.
    app_none CONSTANT text[] := ARRAY[
        'platform.audit_log', 'platform.system_event', 'platform.translation_request',
        'platform.translation_cache', 'platform.cache_metrics', 'platform.error',
        'platform.retention_policy', 'platform.data_subject_request'];
    -- What the trusted backend writes on top of the application's rights.
    -- (platform.error: the service reports errors but does not read them back, below.)
    service_write CONSTANT text[] := ARRAY[
        'user_mgmt.billing_plan', 'user_mgmt.subscription', 'user_mgmt.payment',
        'platform.translation', 'platform.translation_cache', 'platform.translation_request'];
    -- Logs are append-only: admins may read them, nobody gets UPDATE/DELETE/TRUNCATE.
    admin_read_only CONSTANT text[] := ARRAY[
        'platform.audit_log', 'platform.system_event', 'platform.activity', 'platform.cache_metrics'];
    t record;
    qualified text;
BEGIN
    FOR t IN
        SELECT n.nspname, c.relname, c.oid
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('core', 'user_mgmt', 'content', 'platform')
          AND c.relkind IN ('r', 'p')
          AND NOT c.relispartition
    LOOP
        qualified := pg_catalog.format('%I.%I', t.nspname, t.relname);
        EXECUTE pg_catalog.format('REVOKE ALL ON %s FROM PUBLIC', qualified);

        -- fitness_admin: everything but rewriting history.
        IF t.nspname || '.' || t.relname = ANY (admin_read_only) THEN
            EXECUTE pg_catalog.format('GRANT SELECT ON %s TO fitness_admin', qualified);
        ELSE
            -- TRUNCATE: the hard, audited way to empty a table on purpose (admins only).
            EXECUTE pg_catalog.format('GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON %s TO fitness_admin', qualified);
        END IF;

        -- fitness_app and fitness_service.
        IF t.nspname || '.' || t.relname = ANY (app_none) THEN
            NULL;
        ELSIF t.nspname = 'core' OR t.nspname || '.' || t.relname = ANY (app_read) THEN
            EXECUTE pg_catalog.format('GRANT SELECT ON %s TO fitness_app, fitness_service', qualified);
        ELSE
            EXECUTE pg_catalog.format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO fitness_app, fitness_service', qualified);
        END IF;

        IF t.nspname || '.' || t.relname = ANY (service_write) THEN
            EXECUTE pg_catalog.format('GRANT SELECT, INSERT, UPDATE ON %s TO fitness_service', qualified);
        END IF;
    END LOOP;

    -- Accounts: the link to the identity provider (auth_subject, e-mail and its
    -- verification, anonymisation) is written by the trusted backend and operators only. A
    -- user who could set auth_subject or e-mail would receive another person's sign-ins or
    -- claim a subject before its owner signs up. Users edit their profile, and may take the
    -- soft-delete columns (what fitness.restore updates); accounts are created by the service.
    REVOKE INSERT, UPDATE ON user_mgmt.app_user FROM fitness_app;
    GRANT UPDATE (display_name, given_name, family_name, phone, birth_date, sex, height_cm,
                  language_code, timezone, unit_system, last_seen_at, updated_at, updated_by,
                  is_active, deleted_at, deleted_by)
        ON user_mgmt.app_user TO fitness_app;

    -- What fitness_service reads without row-level security, because its job covers every
    -- row: the outbox relay reads and marks system_event; the translation worker reads the
    -- queue and the cache (texts sent for translation). fitness_app has no privilege on
    -- any of them. Errors are reported by the service and read by operators only.
    GRANT INSERT ON platform.error TO fitness_service;

    -- The outbox relay (service) reads events and marks them processed.
    GRANT SELECT ON platform.system_event TO fitness_service;
    GRANT UPDATE (processed_at) ON platform.system_event TO fitness_service;
END
$grants$;
-- Last steps of the install, after the seeds: the row-level security policies of the tenancy
-- map (the polymorphic ones name the entity types 80_seed_core.sql registers), then stamp and
-- audit every entity table (so reference data does not fill the audit log at install).
SELECT fitness.apply_tenancy();
SELECT fitness.register_entities();
