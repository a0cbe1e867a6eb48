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

