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
