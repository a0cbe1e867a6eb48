-- Internationalisation (src/i18n/): language tags and fallback chains, translate() and
-- message() served from per-backend caches, kept current by PostgreSQL's invalidations.

CREATE FUNCTION fitness.normalize_language_tag(tag text) RETURNS text
    AS 'MODULE_PATHNAME', 'fitness_normalize_language_tag'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fitness.normalize_language_tag(text) IS
    'The BCP 47 tag in canonical case (PT-br -> pt-BR); 22023 naming the tag when it is malformed';

CREATE FUNCTION fitness.language_chain(tag text DEFAULT NULL) RETURNS text[]
    AS 'MODULE_PATHNAME', 'fitness_language_chain'
    LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION fitness.language_chain(text) IS
    'Languages translate() and message() try for a tag, best first (pt-BR -> pt -> en; an unconfigured tag by truncation, pt-PT -> pt); NULL: the acting user''s language';

CREATE FUNCTION fitness.translate(entity_type text, entity_id uuid, field text, lang text DEFAULT NULL)
    RETURNS text
    AS 'MODULE_PATHNAME', 'fitness_translate'
    LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION fitness.translate(text, uuid, text, text) IS
    'The field''s text in lang (NULL: the acting user''s language) along its fallback chain, finally the entity''s own column; NULL when the caller may not read the entity';

CREATE FUNCTION fitness.message(key text, lang text DEFAULT NULL, args jsonb DEFAULT NULL)
    RETURNS text
    AS 'MODULE_PATHNAME', 'fitness_message'
    LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION fitness.message(text, text, jsonb) IS
    'platform.ui_message text of key in lang along its fallback chain, {name} placeholders filled from args (a missing argument leaves its placeholder)';

-- Every table an i18n cache reads invalidates it: at once in the writing backend, in every
-- other backend (and on hot standbys) from its next transaction after the commit. Row
-- triggers, ALWAYS, like the RBAC cache's (logical replication and replica-role loads).
CREATE FUNCTION fitness.i18n_invalidate() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_i18n_invalidate'
    LANGUAGE C VOLATILE;
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['platform.language', 'platform.ui_message', 'platform.translation',
                             'core.entity_type', 'platform.system_setting'] LOOP
        EXECUTE format('CREATE TRIGGER i18n_invalidate AFTER INSERT OR UPDATE OR DELETE ON %s'
                       ' FOR EACH ROW EXECUTE FUNCTION fitness.i18n_invalidate()', t);
        EXECUTE format('CREATE TRIGGER i18n_invalidate_truncate AFTER TRUNCATE ON %s'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION fitness.i18n_invalidate()', t);
        EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER i18n_invalidate', t);
        EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER i18n_invalidate_truncate', t);
    END LOOP;
END
$$;
CREATE TRIGGER i18n_invalidate_language AFTER UPDATE OF language_code ON user_mgmt.app_user
    FOR EACH ROW WHEN (OLD.language_code IS DISTINCT FROM NEW.language_code)
    EXECUTE FUNCTION fitness.i18n_invalidate();
ALTER TABLE user_mgmt.app_user ENABLE ALWAYS TRIGGER i18n_invalidate_language;
-- Machine translations: backends remember only translations they found, so a new one needs
-- no invalidation; a changed, expired-by-hand or removed one does (hit counts do not).
CREATE TRIGGER i18n_invalidate AFTER UPDATE ON platform.translation_cache FOR EACH ROW
    WHEN ((OLD.translated_text, OLD.expires_at, OLD.is_active, OLD.source_hash, OLD.target_lang)
          IS DISTINCT FROM (NEW.translated_text, NEW.expires_at, NEW.is_active, NEW.source_hash, NEW.target_lang))
    EXECUTE FUNCTION fitness.i18n_invalidate();
CREATE TRIGGER i18n_invalidate_delete AFTER DELETE ON platform.translation_cache
    FOR EACH ROW EXECUTE FUNCTION fitness.i18n_invalidate();
CREATE TRIGGER i18n_invalidate_truncate AFTER TRUNCATE ON platform.translation_cache
    FOR EACH STATEMENT EXECUTE FUNCTION fitness.i18n_invalidate();
ALTER TABLE platform.translation_cache ENABLE ALWAYS TRIGGER i18n_invalidate;
ALTER TABLE platform.translation_cache ENABLE ALWAYS TRIGGER i18n_invalidate_delete;
ALTER TABLE platform.translation_cache ENABLE ALWAYS TRIGGER i18n_invalidate_truncate;

-- Translated entity tables (core.entity_type.translatable_columns): a change of a translated
-- column, of what visibility rests on, or a delete. Re-run after registering an entity type.
CREATE FUNCTION fitness.watch_translated_entities() RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    e record;
    cols text[];
    done integer := 0;
BEGIN
    FOR e IN SELECT et.table_name, et.translatable_columns, et.owner_column, et.institution_column,
                    et.visibility_column
               FROM core.entity_type et
              WHERE et.is_active AND et.translatable_columns <> '{}' ORDER BY 1::text LOOP
        SELECT array_agg(a.attname::text ORDER BY a.attnum) INTO cols
          FROM pg_attribute a
         WHERE a.attrelid = e.table_name AND a.attnum > 0 AND NOT a.attisdropped
           AND a.attname = ANY (e.translatable_columns
                                || ARRAY[e.owner_column, e.institution_column, e.visibility_column,
                                         'language_code', 'is_active', 'id']);
        IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = e.table_name AND tgname = 'i18n_invalidate') THEN
            EXECUTE format('DROP TRIGGER i18n_invalidate ON %s', e.table_name);
        ELSE
            EXECUTE format('CREATE TRIGGER i18n_invalidate_delete AFTER DELETE ON %s'
                           ' FOR EACH ROW EXECUTE FUNCTION fitness.i18n_invalidate()', e.table_name);
            EXECUTE format('CREATE TRIGGER i18n_invalidate_truncate AFTER TRUNCATE ON %s'
                           ' FOR EACH STATEMENT EXECUTE FUNCTION fitness.i18n_invalidate()', e.table_name);
            EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER i18n_invalidate_delete', e.table_name);
            EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER i18n_invalidate_truncate', e.table_name);
        END IF;
        EXECUTE format('CREATE TRIGGER i18n_invalidate AFTER UPDATE OF %s ON %s FOR EACH ROW'
                       ' WHEN (%s) EXECUTE FUNCTION fitness.i18n_invalidate()',
                       (SELECT string_agg(quote_ident(c), ', ') FROM unnest(cols) c), e.table_name,
                       (SELECT string_agg(format('OLD.%1$I IS DISTINCT FROM NEW.%1$I', c), ' OR ')
                          FROM unnest(cols) c));
        EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER i18n_invalidate', e.table_name);
        done := done + 1;
    END LOOP;
    RETURN done;
END
$$;
COMMENT ON FUNCTION fitness.watch_translated_entities() IS
    'Creates the triggers through which changes of translated entity tables invalidate translate()''s cache; returns the tables watched. Re-run after changing core.entity_type';

-- Machine translations (src/i18n/machine_translation.cpp).
CREATE FUNCTION fitness.cached_translation(source_text text, source_lang text, target_lang text)
    RETURNS text
    AS 'MODULE_PATHNAME', 'fitness_cached_translation'
    LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION fitness.cached_translation(text, text, text) IS
    'Machine translation of source_text from platform.translation_cache (per-backend cache first); on a miss NULL, and on a primary one platform.translation_request with NOTIFY fitness_translation';
CREATE FUNCTION fitness.store_translation(source_text text, source_lang text, target_lang text,
                                          translated_text text, provider text) RETURNS void
    AS 'MODULE_PATHNAME', 'fitness_store_translation'
    LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION fitness.store_translation(text, text, text, text, text) IS
    'The translation worker''s result: idempotent upsert into platform.translation_cache (expires after translation.cache_ttl_days), closes the open request; fitness_service and fitness_admin';
CREATE FUNCTION fitness.flush_cache_metrics() RETURNS void
    AS 'MODULE_PATHNAME', 'fitness_flush_cache_metrics'
    LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION fitness.flush_cache_metrics() IS
    'Writes the cache hits and misses this backend gathered to platform.cache_metrics now (they are otherwise written in batches)';

-- Fallback chains never loop (src/i18n/language.cpp).
CREATE FUNCTION fitness.language_fallback_guard() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_language_fallback_guard'
    LANGUAGE C VOLATILE;
CREATE TRIGGER language_fallback_acyclic AFTER INSERT OR UPDATE OF code, fallback_code ON platform.language
    FOR EACH ROW EXECUTE FUNCTION fitness.language_fallback_guard();

REVOKE ALL ON FUNCTION fitness.normalize_language_tag(text), fitness.language_chain(text),
    fitness.translate(text, uuid, text, text), fitness.message(text, text, jsonb),
    fitness.i18n_invalidate(), fitness.watch_translated_entities(),
    fitness.language_fallback_guard(), fitness.cached_translation(text, text, text),
    fitness.store_translation(text, text, text, text, text), fitness.flush_cache_metrics() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.normalize_language_tag(text), fitness.language_chain(text),
    fitness.translate(text, uuid, text, text), fitness.message(text, text, jsonb),
    fitness.cached_translation(text, text, text)
    TO fitness_app, fitness_service, fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.store_translation(text, text, text, text, text),
    fitness.flush_cache_metrics() TO fitness_service, fitness_admin;

COMMENT ON COLUMN platform.translation_cache.hit_count IS
    'Not counted per row (a write per hit would make every read a write): fitness.cached_translation() counts hits per backend and writes them to platform.cache_metrics (cache_name translation_cache)';
