-- Exercise library imports (src/i18n/import*.cpp): which exercise each record of a source
-- became. The key of re-imports (a record updates its exercise, never adds one) and of the
-- match between sources (the same exercise from free-exercise-db and wger is one exercise
-- when the match is certain, docs/reference/functions.md "Importers").
CREATE TABLE fitness.exercise_import (
    source          text NOT NULL,
    source_ref      text NOT NULL,
    exercise_id     uuid NOT NULL,
    name_key        text NOT NULL,
    license_code    text,
    license_author  text,
    attribution     jsonb NOT NULL DEFAULT '{}',
    imported_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT exercise_import_pkey PRIMARY KEY (source, source_ref),
    CONSTRAINT exercise_import_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE CASCADE,
    CONSTRAINT exercise_import_source_allowed CHECK (source IN ('free-exercise-db', 'wger'))
);
COMMENT ON TABLE fitness.exercise_import IS
    'Records of imported exercise libraries and the exercise each became (also the second source of a merged exercise), with license and author attribution';
COMMENT ON COLUMN fitness.exercise_import.source_ref IS 'The record''s id in its source (free-exercise-db id, wger exercise uuid)';
COMMENT ON COLUMN fitness.exercise_import.name_key IS 'The English name reduced to lower-case letters and digits: what the match between sources compares';
COMMENT ON COLUMN fitness.exercise_import.attribution IS 'License and authors of the record and of its translations, as the source gives them';
CREATE INDEX exercise_import_exercise_id_idx ON fitness.exercise_import (exercise_id);
CREATE INDEX exercise_import_name_key_idx ON fitness.exercise_import (name_key);
SELECT pg_catalog.pg_extension_config_dump('fitness.exercise_import', '');
REVOKE ALL ON fitness.exercise_import FROM PUBLIC;
GRANT SELECT ON fitness.exercise_import TO fitness_admin;

CREATE FUNCTION fitness.import_exercises(source jsonb, format text) RETURNS integer
    AS 'MODULE_PATHNAME', 'fitness_import_exercises'
    LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION fitness.import_exercises(jsonb, text) IS
    'Loads an exercise library (format free-exercise-db: its exercises.json array; wger: {"exercises", "translations", "languages", "muscles", "equipment", "categories", "licenses"} fixtures) into the platform library; idempotent, all or nothing; returns the records loaded. fitness_admin or the exercise.import permission';
REVOKE ALL ON FUNCTION fitness.import_exercises(jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.import_exercises(jsonb, text) TO fitness_service, fitness_admin;
