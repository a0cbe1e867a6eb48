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

