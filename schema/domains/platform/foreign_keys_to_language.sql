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
