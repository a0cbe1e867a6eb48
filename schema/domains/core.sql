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
-- Reference data is in seed/core.sql.
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
