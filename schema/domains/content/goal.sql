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

