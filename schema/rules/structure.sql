-- Workout and program structure (src/rules/workouts.cpp, src/rules/programs.cpp): checked at
-- commit by deferred constraint triggers, so sets and schedules may be built and renumbered
-- in any order inside a transaction. SET CONSTRAINTS ... IMMEDIATE checks earlier.
CREATE FUNCTION fitness.workout_set_structure() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_workout_set_structure' LANGUAGE C;
COMMENT ON FUNCTION fitness.workout_set_structure() IS
    'Deferred constraint trigger on content.workout_set: at commit, each changed workout''s active sets take positions 1..n (23514 workout_set_positions) and each superset group has at least two exercises sharing one rounds count (23514 workout_set_superset)';
REVOKE ALL ON FUNCTION fitness.workout_set_structure() FROM PUBLIC;
CREATE CONSTRAINT TRIGGER workout_set_structure AFTER INSERT OR UPDATE OR DELETE ON content.workout_set
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fitness.workout_set_structure();

CREATE FUNCTION fitness.program_structure() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_program_structure' LANGUAGE C;
COMMENT ON FUNCTION fitness.program_structure() IS
    'Deferred constraint trigger on content.program, content.program_schedule and content.schedule_workout: at commit, each changed program''s schedule lies within duration_weeks (23514 program_schedule_week), schedules only workouts its owner may use (23503 schedule_workout_usable), and, when published, has a workout on every training day (23514 program_published_complete)';
REVOKE ALL ON FUNCTION fitness.program_structure() FROM PUBLIC;
CREATE CONSTRAINT TRIGGER program_structure AFTER INSERT OR UPDATE OF duration_weeks, status, owner_id, institution_id, is_active
    ON content.program
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fitness.program_structure();
CREATE CONSTRAINT TRIGGER program_structure AFTER INSERT OR UPDATE OR DELETE ON content.program_schedule
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fitness.program_structure();
CREATE CONSTRAINT TRIGGER program_structure AFTER INSERT OR UPDATE OR DELETE ON content.schedule_workout
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fitness.program_structure();
