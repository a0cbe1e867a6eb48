-- Multilingual exercise search (src/i18n/search.cpp). One search document per exercise and
-- language it has text in: its own columns in its own language, its translations
-- (platform.translation, fields name and description) and its aliases
-- (content.exercise_alias), weighted name A, aliases B, description C and stemmed with the
-- language's text search configuration. Kept by triggers; read only by
-- fitness.search_exercises(), which returns only exercises the caller may read.
CREATE TABLE fitness.exercise_search_document (
    exercise_id     uuid NOT NULL,
    language_code   text NOT NULL,
    name            text,
    names           text NOT NULL,
    document        tsvector NOT NULL,
    CONSTRAINT exercise_search_document_pkey PRIMARY KEY (exercise_id, language_code),
    CONSTRAINT exercise_search_document_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE CASCADE,
    CONSTRAINT exercise_search_document_language_code_fkey FOREIGN KEY (language_code)
        REFERENCES platform.language (code) ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON TABLE fitness.exercise_search_document IS
    'Search documents of exercises per language (own text, translations, aliases), kept by triggers for fitness.search_exercises(); no client reads it';
COMMENT ON COLUMN fitness.exercise_search_document.name IS 'The exercise''s name in this language, if it has one';
COMMENT ON COLUMN fitness.exercise_search_document.names IS 'Name and aliases in this language: what typo-tolerant (trigram) matching compares';
COMMENT ON COLUMN fitness.exercise_search_document.document IS 'Name (A), aliases (B) and description (C) under the language''s text search configuration';
-- fastupdate off: a search scans a GIN index's pending list linearly until vacuum merges it,
-- and an import fills that list with thousands of documents at once.
CREATE INDEX exercise_search_document_document_idx ON fitness.exercise_search_document
    USING gin (document) WITH (fastupdate = off);
DO $trgm$
DECLARE
    trgm_schema name := (SELECT e.extnamespace::regnamespace::name FROM pg_catalog.pg_extension e
                          WHERE e.extname = 'pg_trgm');
BEGIN
    EXECUTE pg_catalog.format(
        'CREATE INDEX exercise_search_document_names_trgm_idx ON fitness.exercise_search_document'
        ' USING gin (names %I.gin_trgm_ops) WITH (fastupdate = off)', trgm_schema);
END
$trgm$;
REVOKE ALL ON fitness.exercise_search_document FROM PUBLIC;

CREATE FUNCTION fitness.exercise_search_vector() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_exercise_search_vector' LANGUAGE C;
COMMENT ON FUNCTION fitness.exercise_search_vector() IS
    'BEFORE INSERT OR UPDATE on content.exercise: search_vector from name (A) and description (C) in the exercise''s language';
CREATE TRIGGER exercise_search_vector BEFORE INSERT OR UPDATE OF name, description, language_code
    ON content.exercise FOR EACH ROW EXECUTE FUNCTION fitness.exercise_search_vector();

-- A row trigger notes the exercises a statement touched, a statement trigger rebuilds their
-- documents once (an import of thousands of rows rebuilds each exercise once).
CREATE FUNCTION fitness.exercise_search_note() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_exercise_search_note' LANGUAGE C;
CREATE FUNCTION fitness.exercise_search_flush() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_exercise_search_flush' LANGUAGE C;
CREATE TRIGGER exercise_search_note AFTER INSERT OR UPDATE OF name, description, language_code, is_active
    ON content.exercise FOR EACH ROW EXECUTE FUNCTION fitness.exercise_search_note('id');
CREATE TRIGGER exercise_search_note AFTER INSERT OR UPDATE OR DELETE ON content.exercise_alias
    FOR EACH ROW EXECUTE FUNCTION fitness.exercise_search_note('exercise_id');
-- Translations: only those of exercises (the second argument: entity_type to match).
CREATE TRIGGER exercise_search_note AFTER INSERT OR UPDATE OR DELETE ON platform.translation
    FOR EACH ROW EXECUTE FUNCTION fitness.exercise_search_note('entity_id', 'exercise');
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['content.exercise', 'content.exercise_alias', 'platform.translation'] LOOP
        EXECUTE format('CREATE TRIGGER exercise_search_flush AFTER INSERT OR UPDATE OR DELETE ON %s'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION fitness.exercise_search_flush()', t);
    END LOOP;
END
$$;

CREATE FUNCTION fitness.rebuild_exercise_search() RETURNS bigint
    AS 'MODULE_PATHNAME', 'fitness_rebuild_exercise_search'
    LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION fitness.rebuild_exercise_search() IS
    'Rebuilds every exercise''s search documents (after a restore without triggers, or a change of a language''s text search configuration); returns the documents written. fitness_admin';

CREATE FUNCTION fitness.search_exercises(query text, lang text DEFAULT NULL, max_results integer DEFAULT 20)
    RETURNS TABLE (exercise_id uuid, name text, rank real)
    AS 'MODULE_PATHNAME', 'fitness_search_exercises'
    LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION fitness.search_exercises(text, text, integer) IS
    'Exercises whose name, aliases or description match query in lang (NULL: the acting user''s language) and along its fallback chain, full-text with the language''s configuration and tolerant of typos (trigram word similarity), best first; only exercises the caller may read';

REVOKE ALL ON FUNCTION fitness.exercise_search_vector(), fitness.exercise_search_note(),
    fitness.exercise_search_flush(), fitness.rebuild_exercise_search(),
    fitness.search_exercises(text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.search_exercises(text, text, integer)
    TO fitness_app, fitness_service, fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.rebuild_exercise_search() TO fitness_admin;
