-- Set logs (src/rules/set_logs.cpp): the measures of a set fit its exercise's tracking type,
-- the exercise is active, and the session is still open.
CREATE FUNCTION fitness.set_log_check() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_set_log_check' LANGUAGE C;
COMMENT ON FUNCTION fitness.set_log_check() IS
    'BEFORE INSERT OR UPDATE row trigger on user_mgmt.user_set_log: measures fit the exercise''s tracking_type (23514 set_log_tracking), the exercise is active (23503 set_log_exercise), a set is added only to a planned or in-progress session (23514 set_log_session_open)';
CREATE FUNCTION fitness.set_log_exercise_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_set_log_exercise_changed' LANGUAGE C;
COMMENT ON FUNCTION fitness.set_log_exercise_changed() IS
    'AFTER statement trigger on content.exercise: every backend forgets the tracking types it keeps for set_log_check';
REVOKE ALL ON FUNCTION fitness.set_log_check(), fitness.set_log_exercise_changed() FROM PUBLIC;
CREATE TRIGGER set_log_check BEFORE INSERT OR UPDATE ON user_mgmt.user_set_log
    FOR EACH ROW EXECUTE FUNCTION fitness.set_log_check();
CREATE TRIGGER set_log_exercise_changed AFTER UPDATE OF tracking_type, is_active OR DELETE OR TRUNCATE
    ON content.exercise FOR EACH STATEMENT EXECUTE FUNCTION fitness.set_log_exercise_changed();
ALTER TABLE content.exercise ENABLE ALWAYS TRIGGER set_log_exercise_changed;
-- Personal records (fitness.complete_session): the best earlier estimated 1RM of a user and
-- exercise, and the most reps at a load, are one index probe each.
CREATE INDEX user_set_log_record_e1rm_idx ON user_mgmt.user_set_log
    (user_id, exercise_id, estimated_one_rm_kg DESC)
    WHERE is_active AND set_type <> 'warmup' AND estimated_one_rm_kg IS NOT NULL;
CREATE INDEX user_set_log_record_reps_idx ON user_mgmt.user_set_log
    (user_id, exercise_id, (coalesce(weight_kg, 0)), reps DESC)
    WHERE is_active AND set_type <> 'warmup' AND reps IS NOT NULL;
