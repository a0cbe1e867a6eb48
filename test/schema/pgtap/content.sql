-- pgTAP suite of schema/domains/content/ and schema/seed/content.sql: every content
-- table (columns, key, foreign keys including those added to user_mgmt tables, indexes),
-- the named CHECK rules, and the seed facts against the source data sets. Equipment names
-- below are the distinct non-null "equipment" values of free-exercise-db/exercises.json and the
-- names of wger/equipment.json.
BEGIN;
SELECT plan(296);
-- structure
SELECT has_table('content', 'equipment_category', 'table content.equipment_category exists');
SELECT col_is_pk('content', 'equipment_category', 'id', 'content.equipment_category.id is the primary key');
SELECT columns_are('content', 'equipment_category', ARRAY['id', 'code', 'name', 'description', 'sort_order', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.equipment_category has exactly its columns');
SELECT has_table('content', 'equipment', 'table content.equipment exists');
SELECT col_is_pk('content', 'equipment', 'id', 'content.equipment.id is the primary key');
SELECT columns_are('content', 'equipment', ARRAY['id', 'equipment_category_id', 'code', 'name', 'description', 'source_names', 'sort_order', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.equipment has exactly its columns');
SELECT col_type_is('content', 'equipment', 'code', 'text', 'content.equipment.code is text');
SELECT col_type_is('content', 'equipment', 'equipment_category_id', 'uuid', 'content.equipment.equipment_category_id is uuid');
SELECT col_type_is('content', 'equipment', 'source_names', 'text[]', 'content.equipment.source_names is text[]');
SELECT has_table('content', 'media_type', 'table content.media_type exists');
SELECT col_is_pk('content', 'media_type', 'id', 'content.media_type.id is the primary key');
SELECT columns_are('content', 'media_type', ARRAY['id', 'code', 'name', 'allowed_mime_types', 'max_bytes', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.media_type has exactly its columns');
SELECT col_type_is('content', 'media_type', 'allowed_mime_types', 'text[]', 'content.media_type.allowed_mime_types is text[]');
SELECT col_type_is('content', 'media_type', 'max_bytes', 'bigint', 'content.media_type.max_bytes is bigint');
SELECT has_table('content', 'media', 'table content.media exists');
SELECT col_is_pk('content', 'media', 'id', 'content.media.id is the primary key');
SELECT columns_are('content', 'media', ARRAY['id', 'media_type_id', 'owner_id', 'institution_id', 'visibility', 'storage_key', 'original_filename', 'mime_type', 'byte_size', 'width', 'height', 'duration_s', 'sha256', 'status', 'alt_text', 'license', 'attribution', 'source_url', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.media has exactly its columns');
SELECT col_type_is('content', 'media', 'media_type_id', 'uuid', 'content.media.media_type_id is uuid');
SELECT col_type_is('content', 'media', 'owner_id', 'uuid', 'content.media.owner_id is uuid');
SELECT col_type_is('content', 'media', 'byte_size', 'bigint', 'content.media.byte_size is bigint');
SELECT col_type_is('content', 'media', 'sha256', 'text', 'content.media.sha256 is text');
SELECT col_type_is('content', 'media', 'duration_s', 'numeric(10,3)', 'content.media.duration_s is numeric(10,3)');
SELECT has_table('content', 'media_metadata', 'table content.media_metadata exists');
SELECT col_is_pk('content', 'media_metadata', 'id', 'content.media_metadata.id is the primary key');
SELECT columns_are('content', 'media_metadata', ARRAY['id', 'media_id', 'key', 'value', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.media_metadata has exactly its columns');
SELECT col_type_is('content', 'media_metadata', 'value', 'jsonb', 'content.media_metadata.value is jsonb');
SELECT has_table('content', 'exercise', 'table content.exercise exists');
SELECT col_is_pk('content', 'exercise', 'id', 'content.exercise.id is the primary key');
SELECT columns_are('content', 'exercise', ARRAY['id', 'slug', 'name', 'description', 'instructions', 'language_code', 'category_id', 'mechanic', 'force', 'level', 'tracking_type', 'load_mode', 'is_unilateral', 'owner_id', 'institution_id', 'visibility', 'status', 'license_code', 'license_author', 'source', 'source_ref', 'source_url', 'search_vector', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.exercise has exactly its columns');
SELECT col_type_is('content', 'exercise', 'slug', 'text', 'content.exercise.slug is text');
SELECT col_type_is('content', 'exercise', 'instructions', 'text[]', 'content.exercise.instructions is text[]');
SELECT col_type_is('content', 'exercise', 'tracking_type', 'text', 'content.exercise.tracking_type is text');
SELECT col_type_is('content', 'exercise', 'owner_id', 'uuid', 'content.exercise.owner_id is uuid');
SELECT col_type_is('content', 'exercise', 'institution_id', 'uuid', 'content.exercise.institution_id is uuid');
SELECT col_type_is('content', 'exercise', 'visibility', 'text', 'content.exercise.visibility is text');
SELECT col_type_is('content', 'exercise', 'search_vector', 'tsvector', 'content.exercise.search_vector is tsvector');
SELECT has_table('content', 'exercise_muscle', 'table content.exercise_muscle exists');
SELECT col_is_pk('content', 'exercise_muscle', 'id', 'content.exercise_muscle.id is the primary key');
SELECT columns_are('content', 'exercise_muscle', ARRAY['id', 'exercise_id', 'muscle_id', 'role', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.exercise_muscle has exactly its columns');
SELECT has_table('content', 'exercise_equipment', 'table content.exercise_equipment exists');
SELECT col_is_pk('content', 'exercise_equipment', 'id', 'content.exercise_equipment.id is the primary key');
SELECT columns_are('content', 'exercise_equipment', ARRAY['id', 'exercise_id', 'equipment_id', 'is_required', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.exercise_equipment has exactly its columns');
SELECT has_table('content', 'exercise_alias', 'table content.exercise_alias exists');
SELECT col_is_pk('content', 'exercise_alias', 'id', 'content.exercise_alias.id is the primary key');
SELECT columns_are('content', 'exercise_alias', ARRAY['id', 'exercise_id', 'language_code', 'alias', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.exercise_alias has exactly its columns');
SELECT has_table('content', 'exercise_variant', 'table content.exercise_variant exists');
SELECT col_is_pk('content', 'exercise_variant', 'id', 'content.exercise_variant.id is the primary key');
SELECT columns_are('content', 'exercise_variant', ARRAY['id', 'exercise_id', 'base_exercise_id', 'variant_type', 'difficulty_delta', 'accessibility_notes', 'notes', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.exercise_variant has exactly its columns');
SELECT col_type_is('content', 'exercise_variant', 'difficulty_delta', 'smallint', 'content.exercise_variant.difficulty_delta is smallint');
SELECT has_table('content', 'exercise_media', 'table content.exercise_media exists');
SELECT col_is_pk('content', 'exercise_media', 'id', 'content.exercise_media.id is the primary key');
SELECT columns_are('content', 'exercise_media', ARRAY['id', 'exercise_id', 'media_id', 'role', 'position', 'is_primary', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.exercise_media has exactly its columns');
SELECT has_table('content', 'workout', 'table content.workout exists');
SELECT col_is_pk('content', 'workout', 'id', 'content.workout.id is the primary key');
SELECT columns_are('content', 'workout', ARRAY['id', 'owner_id', 'institution_id', 'name', 'description', 'category_id', 'difficulty', 'estimated_duration_min', 'visibility', 'status', 'is_template', 'version', 'source_workout_id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.workout has exactly its columns');
SELECT col_type_is('content', 'workout', 'owner_id', 'uuid', 'content.workout.owner_id is uuid');
SELECT col_type_is('content', 'workout', 'version', 'integer', 'content.workout.version is integer');
SELECT col_type_is('content', 'workout', 'is_template', 'boolean', 'content.workout.is_template is boolean');
SELECT has_table('content', 'workout_set', 'table content.workout_set exists');
SELECT col_is_pk('content', 'workout_set', 'id', 'content.workout_set.id is the primary key');
SELECT columns_are('content', 'workout_set', ARRAY['id', 'workout_id', 'position', 'exercise_id', 'exercise_variant_id', 'set_type', 'rounds', 'superset_group', 'target_reps_min', 'target_reps_max', 'target_weight_kg', 'target_rpe', 'target_rir', 'target_duration_s', 'target_distance_m', 'rest_s', 'tempo', 'notes', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.workout_set has exactly its columns');
SELECT col_type_is('content', 'workout_set', 'position', 'integer', 'content.workout_set.position is integer');
SELECT col_type_is('content', 'workout_set', 'target_reps_min', 'integer', 'content.workout_set.target_reps_min is integer');
SELECT col_type_is('content', 'workout_set', 'target_weight_kg', 'numeric(6,2)', 'content.workout_set.target_weight_kg is numeric(6,2)');
SELECT col_type_is('content', 'workout_set', 'target_rpe', 'numeric(3,1)', 'content.workout_set.target_rpe is numeric(3,1)');
SELECT col_type_is('content', 'workout_set', 'target_rir', 'numeric(3,1)', 'content.workout_set.target_rir is numeric(3,1)');
SELECT col_type_is('content', 'workout_set', 'target_distance_m', 'numeric(10,2)', 'content.workout_set.target_distance_m is numeric(10,2)');
SELECT col_type_is('content', 'workout_set', 'rest_s', 'integer', 'content.workout_set.rest_s is integer');
SELECT col_type_is('content', 'workout_set', 'tempo', 'text', 'content.workout_set.tempo is text');
SELECT has_table('content', 'exercise_instruction', 'table content.exercise_instruction exists');
SELECT col_is_pk('content', 'exercise_instruction', 'id', 'content.exercise_instruction.id is the primary key');
SELECT columns_are('content', 'exercise_instruction', ARRAY['id', 'workout_set_id', 'position', 'instruction', 'cue_type', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.exercise_instruction has exactly its columns');
SELECT has_table('content', 'workout_version', 'table content.workout_version exists');
SELECT col_is_pk('content', 'workout_version', 'id', 'content.workout_version.id is the primary key');
SELECT columns_are('content', 'workout_version', ARRAY['id', 'workout_id', 'version', 'snapshot', 'change_note', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.workout_version has exactly its columns');
SELECT col_type_is('content', 'workout_version', 'snapshot', 'jsonb', 'content.workout_version.snapshot is jsonb');
SELECT has_table('content', 'program', 'table content.program exists');
SELECT col_is_pk('content', 'program', 'id', 'content.program.id is the primary key');
SELECT columns_are('content', 'program', ARRAY['id', 'owner_id', 'institution_id', 'name', 'description', 'category_id', 'duration_weeks', 'days_per_week', 'level', 'goal_type', 'visibility', 'status', 'is_template', 'version', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.program has exactly its columns');
SELECT col_type_is('content', 'program', 'duration_weeks', 'integer', 'content.program.duration_weeks is integer');
SELECT col_type_is('content', 'program', 'days_per_week', 'integer', 'content.program.days_per_week is integer');
SELECT has_table('content', 'program_schedule', 'table content.program_schedule exists');
SELECT col_is_pk('content', 'program_schedule', 'id', 'content.program_schedule.id is the primary key');
SELECT columns_are('content', 'program_schedule', ARRAY['id', 'program_id', 'week_number', 'day_number', 'name', 'notes', 'is_rest_day', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.program_schedule has exactly its columns');
SELECT col_type_is('content', 'program_schedule', 'week_number', 'integer', 'content.program_schedule.week_number is integer');
SELECT col_type_is('content', 'program_schedule', 'day_number', 'integer', 'content.program_schedule.day_number is integer');
SELECT col_type_is('content', 'program_schedule', 'is_rest_day', 'boolean', 'content.program_schedule.is_rest_day is boolean');
SELECT has_table('content', 'schedule_workout', 'table content.schedule_workout exists');
SELECT col_is_pk('content', 'schedule_workout', 'id', 'content.schedule_workout.id is the primary key');
SELECT columns_are('content', 'schedule_workout', ARRAY['id', 'program_schedule_id', 'workout_id', 'position', 'notes', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.schedule_workout has exactly its columns');
SELECT has_table('content', 'goal', 'table content.goal exists');
SELECT col_is_pk('content', 'goal', 'id', 'content.goal.id is the primary key');
SELECT columns_are('content', 'goal', ARRAY['id', 'code', 'name', 'description', 'goal_type', 'default_metric', 'default_unit', 'default_direction', 'sort_order', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.goal has exactly its columns');
SELECT has_table('content', 'user_goal', 'table content.user_goal exists');
SELECT col_is_pk('content', 'user_goal', 'id', 'content.user_goal.id is the primary key');
SELECT columns_are('content', 'user_goal', ARRAY['id', 'user_id', 'goal_id', 'title', 'description', 'start_date', 'target_date', 'status', 'progress_pct', 'achieved_at', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.user_goal has exactly its columns');
SELECT col_type_is('content', 'user_goal', 'user_id', 'uuid', 'content.user_goal.user_id is uuid');
SELECT col_type_is('content', 'user_goal', 'progress_pct', 'numeric(5,2)', 'content.user_goal.progress_pct is numeric(5,2)');
SELECT col_type_is('content', 'user_goal', 'target_date', 'date', 'content.user_goal.target_date is date');
SELECT has_table('content', 'goal_metric', 'table content.goal_metric exists');
SELECT col_is_pk('content', 'goal_metric', 'id', 'content.goal_metric.id is the primary key');
SELECT columns_are('content', 'goal_metric', ARRAY['id', 'user_goal_id', 'metric', 'exercise_id', 'unit', 'direction', 'baseline_value', 'target_value', 'current_value', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.goal_metric has exactly its columns');
SELECT col_type_is('content', 'goal_metric', 'baseline_value', 'numeric(12,3)', 'content.goal_metric.baseline_value is numeric(12,3)');
SELECT col_type_is('content', 'goal_metric', 'target_value', 'numeric(12,3)', 'content.goal_metric.target_value is numeric(12,3)');
SELECT has_table('content', 'goal_metric_entry', 'table content.goal_metric_entry exists');
SELECT col_is_pk('content', 'goal_metric_entry', 'id', 'content.goal_metric_entry.id is the primary key');
SELECT columns_are('content', 'goal_metric_entry', ARRAY['id', 'goal_metric_id', 'value', 'measured_at', 'source', 'source_id', 'note', 'created_at', 'updated_at', 'created_by', 'updated_by', 'is_active', 'deleted_at', 'deleted_by'], 'content.goal_metric_entry has exactly its columns');
SELECT col_type_is('content', 'goal_metric_entry', 'value', 'numeric(12,3)', 'content.goal_metric_entry.value is numeric(12,3)');
SELECT col_type_is('content', 'goal_metric_entry', 'measured_at', 'timestamp with time zone', 'content.goal_metric_entry.measured_at is timestamp with time zone');

-- foreign keys, including those added to user_mgmt tables
SELECT fk_ok('content', 'equipment', 'equipment_category_id', 'content', 'equipment_category', 'id', 'content.equipment.equipment_category_id references content.equipment_category.id');
SELECT fk_ok('content', 'media', 'media_type_id', 'content', 'media_type', 'id', 'content.media.media_type_id references content.media_type.id');
SELECT fk_ok('content', 'media', 'owner_id', 'user_mgmt', 'app_user', 'id', 'content.media.owner_id references user_mgmt.app_user.id');
SELECT fk_ok('content', 'media', 'institution_id', 'user_mgmt', 'institution', 'id', 'content.media.institution_id references user_mgmt.institution.id');
SELECT fk_ok('content', 'media_metadata', 'media_id', 'content', 'media', 'id', 'content.media_metadata.media_id references content.media.id');
SELECT fk_ok('content', 'exercise', 'category_id', 'core', 'category', 'id', 'content.exercise.category_id references core.category.id');
SELECT fk_ok('content', 'exercise', 'owner_id', 'user_mgmt', 'app_user', 'id', 'content.exercise.owner_id references user_mgmt.app_user.id');
SELECT fk_ok('content', 'exercise', 'institution_id', 'user_mgmt', 'institution', 'id', 'content.exercise.institution_id references user_mgmt.institution.id');
SELECT fk_ok('content', 'exercise_muscle', 'exercise_id', 'content', 'exercise', 'id', 'content.exercise_muscle.exercise_id references content.exercise.id');
SELECT fk_ok('content', 'exercise_muscle', 'muscle_id', 'core', 'muscle', 'id', 'content.exercise_muscle.muscle_id references core.muscle.id');
SELECT fk_ok('content', 'exercise_equipment', 'exercise_id', 'content', 'exercise', 'id', 'content.exercise_equipment.exercise_id references content.exercise.id');
SELECT fk_ok('content', 'exercise_equipment', 'equipment_id', 'content', 'equipment', 'id', 'content.exercise_equipment.equipment_id references content.equipment.id');
SELECT fk_ok('content', 'exercise_alias', 'exercise_id', 'content', 'exercise', 'id', 'content.exercise_alias.exercise_id references content.exercise.id');
SELECT fk_ok('content', 'exercise_variant', 'exercise_id', 'content', 'exercise', 'id', 'content.exercise_variant.exercise_id references content.exercise.id');
SELECT fk_ok('content', 'exercise_variant', 'base_exercise_id', 'content', 'exercise', 'id', 'content.exercise_variant.base_exercise_id references content.exercise.id');
SELECT fk_ok('content', 'exercise_media', 'exercise_id', 'content', 'exercise', 'id', 'content.exercise_media.exercise_id references content.exercise.id');
SELECT fk_ok('content', 'exercise_media', 'media_id', 'content', 'media', 'id', 'content.exercise_media.media_id references content.media.id');
SELECT fk_ok('content', 'workout', 'owner_id', 'user_mgmt', 'app_user', 'id', 'content.workout.owner_id references user_mgmt.app_user.id');
SELECT fk_ok('content', 'workout', 'institution_id', 'user_mgmt', 'institution', 'id', 'content.workout.institution_id references user_mgmt.institution.id');
SELECT fk_ok('content', 'workout', 'category_id', 'core', 'category', 'id', 'content.workout.category_id references core.category.id');
SELECT fk_ok('content', 'workout', 'source_workout_id', 'content', 'workout', 'id', 'content.workout.source_workout_id references content.workout.id');
SELECT fk_ok('content', 'workout_set', 'workout_id', 'content', 'workout', 'id', 'content.workout_set.workout_id references content.workout.id');
SELECT fk_ok('content', 'workout_set', 'exercise_id', 'content', 'exercise', 'id', 'content.workout_set.exercise_id references content.exercise.id');
SELECT fk_ok('content', 'workout_set', 'exercise_variant_id', 'content', 'exercise_variant', 'id', 'content.workout_set.exercise_variant_id references content.exercise_variant.id');
SELECT fk_ok('content', 'exercise_instruction', 'workout_set_id', 'content', 'workout_set', 'id', 'content.exercise_instruction.workout_set_id references content.workout_set.id');
SELECT fk_ok('content', 'workout_version', 'workout_id', 'content', 'workout', 'id', 'content.workout_version.workout_id references content.workout.id');
SELECT fk_ok('content', 'program', 'owner_id', 'user_mgmt', 'app_user', 'id', 'content.program.owner_id references user_mgmt.app_user.id');
SELECT fk_ok('content', 'program', 'institution_id', 'user_mgmt', 'institution', 'id', 'content.program.institution_id references user_mgmt.institution.id');
SELECT fk_ok('content', 'program', 'category_id', 'core', 'category', 'id', 'content.program.category_id references core.category.id');
SELECT fk_ok('content', 'program_schedule', 'program_id', 'content', 'program', 'id', 'content.program_schedule.program_id references content.program.id');
SELECT fk_ok('content', 'schedule_workout', 'program_schedule_id', 'content', 'program_schedule', 'id', 'content.schedule_workout.program_schedule_id references content.program_schedule.id');
SELECT fk_ok('content', 'schedule_workout', 'workout_id', 'content', 'workout', 'id', 'content.schedule_workout.workout_id references content.workout.id');
SELECT fk_ok('content', 'user_goal', 'user_id', 'user_mgmt', 'app_user', 'id', 'content.user_goal.user_id references user_mgmt.app_user.id');
SELECT fk_ok('content', 'user_goal', 'goal_id', 'content', 'goal', 'id', 'content.user_goal.goal_id references content.goal.id');
SELECT fk_ok('content', 'goal_metric', 'user_goal_id', 'content', 'user_goal', 'id', 'content.goal_metric.user_goal_id references content.user_goal.id');
SELECT fk_ok('content', 'goal_metric', 'exercise_id', 'content', 'exercise', 'id', 'content.goal_metric.exercise_id references content.exercise.id');
SELECT fk_ok('content', 'goal_metric_entry', 'goal_metric_id', 'content', 'goal_metric', 'id', 'content.goal_metric_entry.goal_metric_id references content.goal_metric.id');
SELECT fk_ok('user_mgmt', 'user_workout_session', 'workout_id', 'content', 'workout', 'id', 'user_mgmt.user_workout_session.workout_id references content.workout.id');
SELECT fk_ok('user_mgmt', 'user_workout_session', 'schedule_workout_id', 'content', 'schedule_workout', 'id', 'user_mgmt.user_workout_session.schedule_workout_id references content.schedule_workout.id');
SELECT fk_ok('user_mgmt', 'user_set_log', 'exercise_id', 'content', 'exercise', 'id', 'user_mgmt.user_set_log.exercise_id references content.exercise.id');
SELECT fk_ok('user_mgmt', 'user_set_log', 'exercise_variant_id', 'content', 'exercise_variant', 'id', 'user_mgmt.user_set_log.exercise_variant_id references content.exercise_variant.id');
SELECT fk_ok('user_mgmt', 'user_set_log', 'workout_set_id', 'content', 'workout_set', 'id', 'user_mgmt.user_set_log.workout_set_id references content.workout_set.id');
SELECT fk_ok('user_mgmt', 'user_program_enrollment', 'program_id', 'content', 'program', 'id', 'user_mgmt.user_program_enrollment.program_id references content.program.id');

-- indexes: composite, partial unique, GIN
SELECT has_index('content', 'equipment_category', 'equipment_category_code_active_uq', ARRAY['code'], 'index equipment_category_code_active_uq on content.equipment_category (code)');
SELECT index_is_unique('content', 'equipment_category', 'equipment_category_code_active_uq', 'equipment_category_code_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'equipment_category_code_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.equipment_category_code_active_uq'::regclass;
SELECT has_index('content', 'equipment', 'equipment_code_active_uq', ARRAY['code'], 'index equipment_code_active_uq on content.equipment (code)');
SELECT index_is_unique('content', 'equipment', 'equipment_code_active_uq', 'equipment_code_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'equipment_code_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.equipment_code_active_uq'::regclass;
SELECT has_index('content', 'equipment', 'equipment_source_names_idx', ARRAY['source_names'], 'index equipment_source_names_idx on content.equipment (source_names)');
SELECT index_is_type('content', 'equipment', 'equipment_source_names_idx', 'gin', 'equipment_source_names_idx is a gin index');
SELECT has_index('content', 'media_type', 'media_type_code_active_uq', ARRAY['code'], 'index media_type_code_active_uq on content.media_type (code)');
SELECT index_is_unique('content', 'media_type', 'media_type_code_active_uq', 'media_type_code_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'media_type_code_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.media_type_code_active_uq'::regclass;
SELECT has_index('content', 'media', 'media_storage_key_active_uq', ARRAY['storage_key'], 'index media_storage_key_active_uq on content.media (storage_key)');
SELECT index_is_unique('content', 'media', 'media_storage_key_active_uq', 'media_storage_key_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'media_storage_key_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.media_storage_key_active_uq'::regclass;
SELECT has_index('content', 'media', 'media_sha256_idx', ARRAY['sha256'], 'index media_sha256_idx on content.media (sha256)');
SELECT ok(i.indpred IS NOT NULL, 'media_sha256_idx is partial WHERE sha256 IS NOT NULL') FROM pg_index i WHERE i.indexrelid = 'content.media_sha256_idx'::regclass;
SELECT has_index('content', 'media_metadata', 'media_metadata_media_id_key_active_uq', ARRAY['media_id', 'key'], 'index media_metadata_media_id_key_active_uq on content.media_metadata (media_id, key)');
SELECT index_is_unique('content', 'media_metadata', 'media_metadata_media_id_key_active_uq', 'media_metadata_media_id_key_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'media_metadata_media_id_key_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.media_metadata_media_id_key_active_uq'::regclass;
SELECT has_index('content', 'exercise', 'exercise_slug_platform_active_uq', ARRAY['slug'], 'index exercise_slug_platform_active_uq on content.exercise (slug)');
SELECT index_is_unique('content', 'exercise', 'exercise_slug_platform_active_uq', 'exercise_slug_platform_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'exercise_slug_platform_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.exercise_slug_platform_active_uq'::regclass;
SELECT has_index('content', 'exercise', 'exercise_institution_id_slug_active_uq', ARRAY['institution_id', 'slug'], 'index exercise_institution_id_slug_active_uq on content.exercise (institution_id, slug)');
SELECT index_is_unique('content', 'exercise', 'exercise_institution_id_slug_active_uq', 'exercise_institution_id_slug_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'exercise_institution_id_slug_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.exercise_institution_id_slug_active_uq'::regclass;
SELECT has_index('content', 'exercise', 'exercise_owner_id_slug_active_uq', ARRAY['owner_id', 'slug'], 'index exercise_owner_id_slug_active_uq on content.exercise (owner_id, slug)');
SELECT index_is_unique('content', 'exercise', 'exercise_owner_id_slug_active_uq', 'exercise_owner_id_slug_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'exercise_owner_id_slug_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.exercise_owner_id_slug_active_uq'::regclass;
SELECT has_index('content', 'exercise', 'exercise_source_source_ref_active_uq', ARRAY['source', 'source_ref'], 'index exercise_source_source_ref_active_uq on content.exercise (source, source_ref)');
SELECT index_is_unique('content', 'exercise', 'exercise_source_source_ref_active_uq', 'exercise_source_source_ref_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'exercise_source_source_ref_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.exercise_source_source_ref_active_uq'::regclass;
SELECT has_index('content', 'exercise', 'exercise_institution_id_visibility_active_idx', ARRAY['institution_id', 'visibility'], 'index exercise_institution_id_visibility_active_idx on content.exercise (institution_id, visibility)');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'exercise_institution_id_visibility_active_idx is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.exercise_institution_id_visibility_active_idx'::regclass;
SELECT has_index('content', 'exercise', 'exercise_visibility_status_active_idx', ARRAY['visibility', 'status'], 'index exercise_visibility_status_active_idx on content.exercise (visibility, status)');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'exercise_visibility_status_active_idx is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.exercise_visibility_status_active_idx'::regclass;
SELECT has_index('content', 'exercise', 'exercise_search_vector_idx', ARRAY['search_vector'], 'index exercise_search_vector_idx on content.exercise (search_vector)');
SELECT index_is_type('content', 'exercise', 'exercise_search_vector_idx', 'gin', 'exercise_search_vector_idx is a gin index');
SELECT has_index('content', 'exercise_muscle', 'exercise_muscle_exercise_id_muscle_id_active_uq', ARRAY['exercise_id', 'muscle_id'], 'index exercise_muscle_exercise_id_muscle_id_active_uq on content.exercise_muscle (exercise_id, muscle_id)');
SELECT index_is_unique('content', 'exercise_muscle', 'exercise_muscle_exercise_id_muscle_id_active_uq', 'exercise_muscle_exercise_id_muscle_id_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'exercise_muscle_exercise_id_muscle_id_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.exercise_muscle_exercise_id_muscle_id_active_uq'::regclass;
SELECT has_index('content', 'exercise_equipment', 'exercise_equipment_exercise_id_equipment_id_active_uq', ARRAY['exercise_id', 'equipment_id'], 'index exercise_equipment_exercise_id_equipment_id_active_uq on content.exercise_equipment (exercise_id, equipment_id)');
SELECT index_is_unique('content', 'exercise_equipment', 'exercise_equipment_exercise_id_equipment_id_active_uq', 'exercise_equipment_exercise_id_equipment_id_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'exercise_equipment_exercise_id_equipment_id_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.exercise_equipment_exercise_id_equipment_id_active_uq'::regclass;
SELECT has_index('content', 'exercise_alias', 'exercise_alias_exercise_id_language_code_alias_active_uq', 'index exercise_alias_exercise_id_language_code_alias_active_uq on content.exercise_alias');
SELECT index_is_unique('content', 'exercise_alias', 'exercise_alias_exercise_id_language_code_alias_active_uq', 'exercise_alias_exercise_id_language_code_alias_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'exercise_alias_exercise_id_language_code_alias_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.exercise_alias_exercise_id_language_code_alias_active_uq'::regclass;
SELECT has_index('content', 'exercise', 'exercise_name_trgm_idx', 'index exercise_name_trgm_idx on content.exercise');
SELECT index_is_type('content', 'exercise', 'exercise_name_trgm_idx', 'gin', 'exercise_name_trgm_idx is a gin index');
SELECT has_index('content', 'exercise_alias', 'exercise_alias_alias_trgm_idx', 'index exercise_alias_alias_trgm_idx on content.exercise_alias');
SELECT index_is_type('content', 'exercise_alias', 'exercise_alias_alias_trgm_idx', 'gin', 'exercise_alias_alias_trgm_idx is a gin index');
SELECT has_index('content', 'exercise_variant', 'exercise_variant_exercise_id_base_exercise_id_type_active_uq', ARRAY['exercise_id', 'base_exercise_id', 'variant_type'], 'index exercise_variant_exercise_id_base_exercise_id_type_active_uq on content.exercise_variant (exercise_id, base_exercise_id, variant_type)');
SELECT index_is_unique('content', 'exercise_variant', 'exercise_variant_exercise_id_base_exercise_id_type_active_uq', 'exercise_variant_exercise_id_base_exercise_id_type_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'exercise_variant_exercise_id_base_exercise_id_type_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.exercise_variant_exercise_id_base_exercise_id_type_active_uq'::regclass;
SELECT has_index('content', 'exercise_media', 'exercise_media_exercise_id_role_position_idx', ARRAY['exercise_id', 'role', '"position"'], 'index exercise_media_exercise_id_role_position_idx on content.exercise_media (exercise_id, role, position)');
SELECT has_index('content', 'exercise_media', 'exercise_media_exercise_id_media_id_active_uq', ARRAY['exercise_id', 'media_id'], 'index exercise_media_exercise_id_media_id_active_uq on content.exercise_media (exercise_id, media_id)');
SELECT index_is_unique('content', 'exercise_media', 'exercise_media_exercise_id_media_id_active_uq', 'exercise_media_exercise_id_media_id_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'exercise_media_exercise_id_media_id_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.exercise_media_exercise_id_media_id_active_uq'::regclass;
SELECT has_index('content', 'exercise_media', 'exercise_media_exercise_id_role_primary_active_uq', ARRAY['exercise_id', 'role'], 'index exercise_media_exercise_id_role_primary_active_uq on content.exercise_media (exercise_id, role)');
SELECT index_is_unique('content', 'exercise_media', 'exercise_media_exercise_id_role_primary_active_uq', 'exercise_media_exercise_id_role_primary_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'exercise_media_exercise_id_role_primary_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.exercise_media_exercise_id_role_primary_active_uq'::regclass;
SELECT has_index('content', 'workout', 'workout_owner_id_active_idx', ARRAY['owner_id'], 'index workout_owner_id_active_idx on content.workout (owner_id)');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'workout_owner_id_active_idx is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.workout_owner_id_active_idx'::regclass;
SELECT has_index('content', 'workout', 'workout_institution_id_visibility_active_idx', ARRAY['institution_id', 'visibility'], 'index workout_institution_id_visibility_active_idx on content.workout (institution_id, visibility)');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'workout_institution_id_visibility_active_idx is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.workout_institution_id_visibility_active_idx'::regclass;
SELECT has_index('content', 'workout', 'workout_visibility_status_active_idx', ARRAY['visibility', 'status'], 'index workout_visibility_status_active_idx on content.workout (visibility, status)');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'workout_visibility_status_active_idx is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.workout_visibility_status_active_idx'::regclass;
SELECT has_index('content', 'workout_set', 'workout_set_workout_id_position_idx', ARRAY['workout_id', '"position"'], 'index workout_set_workout_id_position_idx on content.workout_set (workout_id, position)');
SELECT has_index('content', 'workout_set', 'workout_set_workout_id_position_active_uq', ARRAY['workout_id', '"position"'], 'index workout_set_workout_id_position_active_uq on content.workout_set (workout_id, position)');
SELECT index_is_unique('content', 'workout_set', 'workout_set_workout_id_position_active_uq', 'workout_set_workout_id_position_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'workout_set_workout_id_position_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.workout_set_workout_id_position_active_uq'::regclass;
SELECT has_index('content', 'exercise_instruction', 'exercise_instruction_workout_set_id_position_idx', ARRAY['workout_set_id', '"position"'], 'index exercise_instruction_workout_set_id_position_idx on content.exercise_instruction (workout_set_id, position)');
SELECT has_index('content', 'exercise_instruction', 'exercise_instruction_workout_set_id_position_active_uq', ARRAY['workout_set_id', '"position"'], 'index exercise_instruction_workout_set_id_position_active_uq on content.exercise_instruction (workout_set_id, position)');
SELECT index_is_unique('content', 'exercise_instruction', 'exercise_instruction_workout_set_id_position_active_uq', 'exercise_instruction_workout_set_id_position_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'exercise_instruction_workout_set_id_position_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.exercise_instruction_workout_set_id_position_active_uq'::regclass;
SELECT has_index('content', 'workout_version', 'workout_version_workout_id_version_idx', ARRAY['workout_id', 'version'], 'index workout_version_workout_id_version_idx on content.workout_version (workout_id, version)');
SELECT has_index('content', 'workout_version', 'workout_version_workout_id_version_active_uq', ARRAY['workout_id', 'version'], 'index workout_version_workout_id_version_active_uq on content.workout_version (workout_id, version)');
SELECT index_is_unique('content', 'workout_version', 'workout_version_workout_id_version_active_uq', 'workout_version_workout_id_version_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'workout_version_workout_id_version_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.workout_version_workout_id_version_active_uq'::regclass;
SELECT has_index('content', 'program', 'program_owner_id_active_idx', ARRAY['owner_id'], 'index program_owner_id_active_idx on content.program (owner_id)');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'program_owner_id_active_idx is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.program_owner_id_active_idx'::regclass;
SELECT has_index('content', 'program', 'program_institution_id_visibility_active_idx', ARRAY['institution_id', 'visibility'], 'index program_institution_id_visibility_active_idx on content.program (institution_id, visibility)');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'program_institution_id_visibility_active_idx is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.program_institution_id_visibility_active_idx'::regclass;
SELECT has_index('content', 'program', 'program_visibility_status_active_idx', ARRAY['visibility', 'status'], 'index program_visibility_status_active_idx on content.program (visibility, status)');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'program_visibility_status_active_idx is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.program_visibility_status_active_idx'::regclass;
SELECT has_index('content', 'program_schedule', 'program_schedule_program_id_week_number_day_number_idx', ARRAY['program_id', 'week_number', 'day_number'], 'index program_schedule_program_id_week_number_day_number_idx on content.program_schedule (program_id, week_number, day_number)');
SELECT has_index('content', 'program_schedule', 'program_schedule_program_id_week_number_day_number_active_uq', ARRAY['program_id', 'week_number', 'day_number'], 'index program_schedule_program_id_week_number_day_number_active_uq on content.program_schedule (program_id, week_number, day_number)');
SELECT index_is_unique('content', 'program_schedule', 'program_schedule_program_id_week_number_day_number_active_uq', 'program_schedule_program_id_week_number_day_number_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'program_schedule_program_id_week_number_day_number_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.program_schedule_program_id_week_number_day_number_active_uq'::regclass;
SELECT has_index('content', 'schedule_workout', 'schedule_workout_program_schedule_id_position_idx', ARRAY['program_schedule_id', '"position"'], 'index schedule_workout_program_schedule_id_position_idx on content.schedule_workout (program_schedule_id, position)');
SELECT has_index('content', 'schedule_workout', 'schedule_workout_program_schedule_id_position_active_uq', ARRAY['program_schedule_id', '"position"'], 'index schedule_workout_program_schedule_id_position_active_uq on content.schedule_workout (program_schedule_id, position)');
SELECT index_is_unique('content', 'schedule_workout', 'schedule_workout_program_schedule_id_position_active_uq', 'schedule_workout_program_schedule_id_position_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'schedule_workout_program_schedule_id_position_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.schedule_workout_program_schedule_id_position_active_uq'::regclass;
SELECT has_index('content', 'goal', 'goal_code_active_uq', ARRAY['code'], 'index goal_code_active_uq on content.goal (code)');
SELECT index_is_unique('content', 'goal', 'goal_code_active_uq', 'goal_code_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'goal_code_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.goal_code_active_uq'::regclass;
SELECT has_index('content', 'user_goal', 'user_goal_user_id_status_idx', ARRAY['user_id', 'status'], 'index user_goal_user_id_status_idx on content.user_goal (user_id, status)');
SELECT has_index('content', 'goal_metric', 'goal_metric_user_goal_id_metric_exercise_id_active_uq', ARRAY['user_goal_id', 'metric', 'exercise_id'], 'index goal_metric_user_goal_id_metric_exercise_id_active_uq on content.goal_metric (user_goal_id, metric, exercise_id)');
SELECT index_is_unique('content', 'goal_metric', 'goal_metric_user_goal_id_metric_exercise_id_active_uq', 'goal_metric_user_goal_id_metric_exercise_id_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'goal_metric_user_goal_id_metric_exercise_id_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.goal_metric_user_goal_id_metric_exercise_id_active_uq'::regclass;
SELECT has_index('content', 'goal_metric_entry', 'goal_metric_entry_goal_metric_id_measured_at_idx', ARRAY['goal_metric_id', 'measured_at'], 'index goal_metric_entry_goal_metric_id_measured_at_idx on content.goal_metric_entry (goal_metric_id, measured_at)');
SELECT has_index('content', 'goal_metric_entry', 'goal_metric_entry_goal_metric_id_source_source_id_active_uq', ARRAY['goal_metric_id', 'source', 'source_id'], 'index goal_metric_entry_goal_metric_id_source_source_id_active_uq on content.goal_metric_entry (goal_metric_id, source, source_id)');
SELECT index_is_unique('content', 'goal_metric_entry', 'goal_metric_entry_goal_metric_id_source_source_id_active_uq', 'goal_metric_entry_goal_metric_id_source_source_id_active_uq is unique');
SELECT ok(pg_get_expr(i.indpred, i.indrelid) LIKE '%is_active%', 'goal_metric_entry_goal_metric_id_source_source_id_active_uq is partial WHERE is_active') FROM pg_index i WHERE i.indexrelid = 'content.goal_metric_entry_goal_metric_id_source_source_id_active_uq'::regclass;
SELECT index_is_type('content', 'exercise', 'exercise_name_trgm_idx', 'gin', 'exercise_name_trgm_idx is a gin index');
SELECT ok(EXISTS (SELECT 1 FROM pg_index i JOIN pg_opclass o ON o.oid = i.indclass[0] WHERE i.indexrelid = 'content.exercise_name_trgm_idx'::regclass AND o.opcname = 'gin_trgm_ops'), 'exercise_name_trgm_idx uses pg_trgm''s gin_trgm_ops');
SELECT index_is_type('content', 'exercise_alias', 'exercise_alias_alias_trgm_idx', 'gin', 'exercise_alias_alias_trgm_idx is a gin index');
SELECT ok(EXISTS (SELECT 1 FROM pg_index i JOIN pg_opclass o ON o.oid = i.indclass[0] WHERE i.indexrelid = 'content.exercise_alias_alias_trgm_idx'::regclass AND o.opcname = 'gin_trgm_ops'), 'exercise_alias_alias_trgm_idx uses pg_trgm''s gin_trgm_ops');

-- personal data tags
SELECT is(col_description('content.user_goal'::regclass, (SELECT attnum FROM pg_attribute WHERE attrelid = 'content.user_goal'::regclass AND attname = 'title')), 'pii: free_text', 'content.user_goal.title is tagged pii: free_text');
SELECT is(col_description('content.goal_metric_entry'::regclass, (SELECT attnum FROM pg_attribute WHERE attrelid = 'content.goal_metric_entry'::regclass AND attname = 'value')), 'pii: health', 'content.goal_metric_entry.value is tagged pii: health');
SELECT ok(col_description('content.media'::regclass, (SELECT attnum FROM pg_attribute WHERE attrelid = 'content.media'::regclass AND attname = 'storage_key')) LIKE 'pii:%', 'content.media.storage_key (user uploads) is tagged pii');

-- seed: equipment covers the free-exercise-db and wger data sets
SELECT is(ARRAY(
    SELECT v.name FROM (VALUES ('bands'), ('barbell'), ('body only'), ('cable'), ('dumbbell'), ('e-z curl bar'), ('exercise ball'), ('foam roll'), ('kettlebells'), ('machine'), ('medicine ball'), ('other')) AS v (name)
    WHERE NOT EXISTS (SELECT 1 FROM content.equipment e
                      WHERE e.is_active AND e.code = regexp_replace(v.name, '[^a-z0-9]+', '_', 'g')
                        AND v.name = ANY (e.source_names))
    ORDER BY 1), '{}'::text[],
    'every free-exercise-db equipment name (12) is an equipment row: code in snake_case, name in source_names');
SELECT is(ARRAY(
    SELECT v.name FROM (VALUES ('Barbell'), ('Bench'), ('Cable machine'), ('Dumbbell'), ('Gym mat'), ('Incline bench'), ('Kettlebell'), ('Pull-up bar'), ('Resistance band'), ('SZ-Bar'), ('Swiss Ball'), ('none (bodyweight exercise)')) AS v (name)
    WHERE (SELECT count(*) FROM content.equipment e
           WHERE e.is_active AND lower(v.name) = ANY (e.source_names)) <> 1
    ORDER BY 1), '{}'::text[],
    'every wger equipment name (12) maps to exactly one equipment row through source_names');
SELECT is(ARRAY(
    SELECT s FROM content.equipment e, unnest(e.source_names) s WHERE e.is_active
    GROUP BY s HAVING count(*) > 1 ORDER BY 1), '{}'::text[],
    'no source name maps to two equipment rows');
SELECT results_eq(
    'SELECT code FROM content.media_type WHERE is_active ORDER BY code',
    ARRAY['audio', 'document', 'image', 'video'],
    'media types image, video, audio, document are seeded');
SELECT ok((SELECT 'image/jpeg' = ANY (allowed_mime_types) AND max_bytes > 0
            FROM content.media_type WHERE code = 'image' AND is_active),
    'image media accept image/jpeg');
SELECT is(ARRAY(
    SELECT t FROM unnest(ARRAY['strength', 'hypertrophy', 'endurance', 'body_composition', 'habit']) t
    WHERE (SELECT count(*) FROM content.goal g WHERE g.goal_type = t AND g.is_active) < 3
    ORDER BY 1), '{}'::text[],
    'the goal catalogue has at least three goals of every goal_type');

-- rules: named CHECKs and partial unique keys, on rows of this transaction
INSERT INTO content.exercise (id, slug, name, visibility, status)
    VALUES ('00000000-0000-7000-8000-000000000001', 'test-bench-press', 'Test bench press', 'public', 'published'),
           ('00000000-0000-7000-8000-000000000002', 'test-push-up', 'Test push-up', 'public', 'published');
INSERT INTO content.workout (id, name) VALUES ('00000000-0000-7000-8000-000000000011', 'Test workout');
INSERT INTO content.workout_set (id, workout_id, position, exercise_id, target_reps_min, target_reps_max, target_rpe, tempo)
    VALUES ('00000000-0000-7000-8000-000000000021', '00000000-0000-7000-8000-000000000011', 1, '00000000-0000-7000-8000-000000000001', 8, 12, 7.5, '3-1-2-0');
INSERT INTO content.program (id, name, duration_weeks, days_per_week) VALUES ('00000000-0000-7000-8000-000000000031', 'Test program', 4, 3);
SELECT throws_ok('INSERT INTO content.exercise (slug, name, tracking_type) VALUES (''test-x'', ''X'', ''laps'')', '23514', 'new row for relation "exercise" violates check constraint "exercise_tracking_type_allowed"', 'exercise: tracking_type outside the allowed set is refused');
SELECT throws_ok('INSERT INTO content.exercise (slug, name) VALUES (''Bench Press'', ''X'')', '23514', 'new row for relation "exercise" violates check constraint "exercise_slug_format"', 'exercise: a slug with capitals and spaces is refused');
SELECT throws_ok('INSERT INTO content.exercise (slug, name, visibility) VALUES (''test-y'', ''Y'', ''institution'')', '23514', 'new row for relation "exercise" violates check constraint "exercise_visibility_institution_scope"', 'exercise: institution visibility without an institution is refused');
SELECT throws_ok('INSERT INTO content.exercise (slug, name) VALUES (''test-bench-press'', ''Again'')', '23505', NULL, 'exercise: a platform slug is unique among active platform rows');
SELECT lives_ok($$UPDATE content.exercise SET is_active = false, deleted_at = now() WHERE id = '00000000-0000-7000-8000-000000000001'$$, 'exercise: soft delete keeps the row');
SELECT lives_ok($$INSERT INTO content.exercise (slug, name) VALUES ('test-bench-press', 'Again')$$, 'exercise: the slug of a soft-deleted row can be reused');
SELECT throws_ok('INSERT INTO content.exercise_variant (exercise_id, base_exercise_id, variant_type) VALUES (''00000000-0000-7000-8000-000000000001'', ''00000000-0000-7000-8000-000000000001'', ''alternative'')', '23514', 'new row for relation "exercise_variant" violates check constraint "exercise_variant_base_exercise_id_differs"', 'exercise_variant: an exercise is not its own variant');
SELECT throws_ok('INSERT INTO content.workout_set (workout_id, position, exercise_id) VALUES (''00000000-0000-7000-8000-000000000011'', 1, ''00000000-0000-7000-8000-000000000001'')', '23505', NULL, 'workout_set: position is unique among the active sets of a workout');
SELECT throws_ok('INSERT INTO content.workout_set (workout_id, position, exercise_id) VALUES (''00000000-0000-7000-8000-000000000011'', 0, ''00000000-0000-7000-8000-000000000001'')', '23514', 'new row for relation "workout_set" violates check constraint "workout_set_position_positive"', 'workout_set: position 0 is refused');
SELECT throws_ok('INSERT INTO content.workout_set (workout_id, position, exercise_id, target_rpe) VALUES (''00000000-0000-7000-8000-000000000011'', 2, ''00000000-0000-7000-8000-000000000001'', 7.3)', '23514', 'new row for relation "workout_set" violates check constraint "workout_set_target_rpe_range"', 'workout_set: RPE 7.3 (not a 0.5 step) is refused');
SELECT throws_ok('INSERT INTO content.workout_set (workout_id, position, exercise_id, target_rir) VALUES (''00000000-0000-7000-8000-000000000011'', 2, ''00000000-0000-7000-8000-000000000001'', 10.5)', '23514', 'new row for relation "workout_set" violates check constraint "workout_set_target_rir_range"', 'workout_set: RIR 10.5 is refused');
SELECT throws_ok('INSERT INTO content.workout_set (workout_id, position, exercise_id, target_reps_min, target_reps_max) VALUES (''00000000-0000-7000-8000-000000000011'', 2, ''00000000-0000-7000-8000-000000000001'', 12, 8)', '23514', 'new row for relation "workout_set" violates check constraint "workout_set_target_reps_order"', 'workout_set: reps min above max is refused');
SELECT throws_ok('INSERT INTO content.workout_set (workout_id, position, exercise_id, target_reps_min) VALUES (''00000000-0000-7000-8000-000000000011'', 2, ''00000000-0000-7000-8000-000000000001'', 1001)', '23514', 'new row for relation "workout_set" violates check constraint "workout_set_target_reps_min_range"', 'workout_set: 1001 reps is refused');
SELECT throws_ok('INSERT INTO content.workout_set (workout_id, position, exercise_id, target_weight_kg) VALUES (''00000000-0000-7000-8000-000000000011'', 2, ''00000000-0000-7000-8000-000000000001'', 1500.5)', '23514', 'new row for relation "workout_set" violates check constraint "workout_set_target_weight_kg_range"', 'workout_set: 1500.5 kg is refused');
SELECT throws_ok('INSERT INTO content.workout_set (workout_id, position, exercise_id, rest_s) VALUES (''00000000-0000-7000-8000-000000000011'', 2, ''00000000-0000-7000-8000-000000000001'', 3601)', '23514', 'new row for relation "workout_set" violates check constraint "workout_set_rest_s_range"', 'workout_set: rest over 3600 s is refused');
SELECT throws_ok('INSERT INTO content.workout_set (workout_id, position, exercise_id, tempo) VALUES (''00000000-0000-7000-8000-000000000011'', 2, ''00000000-0000-7000-8000-000000000001'', ''3-12-0'')', '23514', 'new row for relation "workout_set" violates check constraint "workout_set_tempo_format"', 'workout_set: a malformed tempo is refused');
SELECT throws_ok('INSERT INTO content.workout_set (workout_id, position, exercise_id, superset_group) VALUES (''00000000-0000-7000-8000-000000000011'', 2, ''00000000-0000-7000-8000-000000000001'', 0)', '23514', 'new row for relation "workout_set" violates check constraint "workout_set_superset_group_positive"', 'workout_set: superset_group 0 is refused');
SELECT throws_ok('INSERT INTO content.program (name, duration_weeks, days_per_week) VALUES (''P'', 105, 3)', '23514', 'new row for relation "program" violates check constraint "program_duration_weeks_range"', 'program: 105 weeks is refused');
SELECT throws_ok('INSERT INTO content.program (name, duration_weeks, days_per_week) VALUES (''P'', 4, 8)', '23514', 'new row for relation "program" violates check constraint "program_days_per_week_range"', 'program: 8 days per week is refused');
SELECT throws_ok('INSERT INTO content.program_schedule (program_id, week_number, day_number) VALUES (''00000000-0000-7000-8000-000000000031'', 1, 8)', '23514', 'new row for relation "program_schedule" violates check constraint "program_schedule_day_number_range"', 'program_schedule: day 8 is refused');
SELECT lives_ok($$INSERT INTO content.program_schedule (id, program_id, week_number, day_number) VALUES ('00000000-0000-7000-8000-000000000041', '00000000-0000-7000-8000-000000000031', 1, 1)$$, 'program_schedule: week 1 day 1 is accepted');
SELECT throws_ok('INSERT INTO content.program_schedule (program_id, week_number, day_number) VALUES (''00000000-0000-7000-8000-000000000031'', 1, 1)', '23505', NULL, 'program_schedule: one active entry per (program, week, day)');
SELECT lives_ok($$INSERT INTO content.schedule_workout (program_schedule_id, workout_id, position) VALUES ('00000000-0000-7000-8000-000000000041', '00000000-0000-7000-8000-000000000011', 1)$$, 'schedule_workout: a workout at position 1 is accepted');
SELECT throws_ok('INSERT INTO content.schedule_workout (program_schedule_id, workout_id, position) VALUES (''00000000-0000-7000-8000-000000000041'', ''00000000-0000-7000-8000-000000000011'', 1)', '23505', NULL, 'schedule_workout: one active workout per (schedule day, position)');
SELECT throws_ok('INSERT INTO content.media (media_type_id, storage_key, mime_type, sha256) VALUES ((SELECT id FROM content.media_type WHERE code = ''image'' AND is_active), ''k1'', ''image/jpeg'', ''XYZ'')', '23514', 'new row for relation "media" violates check constraint "media_sha256_hex"', 'media: a sha256 that is not 64 hex digits is refused');
SELECT throws_ok('INSERT INTO content.media (media_type_id, storage_key, mime_type) VALUES ((SELECT id FROM content.media_type WHERE code = ''image'' AND is_active), ''k1'', ''jpeg'')', '23514', 'new row for relation "media" violates check constraint "media_mime_type_format"', 'media: a MIME type without subtype is refused');
SELECT throws_ok('INSERT INTO content.media (media_type_id, storage_key, mime_type, byte_size) VALUES ((SELECT id FROM content.media_type WHERE code = ''image'' AND is_active), ''k1'', ''image/jpeg'', -1)', '23514', 'new row for relation "media" violates check constraint "media_byte_size_non_negative"', 'media: a negative byte_size is refused');
SELECT throws_ok('INSERT INTO content.media (media_type_id, storage_key, mime_type, status) VALUES ((SELECT id FROM content.media_type WHERE code = ''image'' AND is_active), ''k1'', ''image/jpeg'', ''done'')', '23514', 'new row for relation "media" violates check constraint "media_status_allowed"', 'media: an unknown status is refused');

SELECT * FROM finish();
ROLLBACK;
