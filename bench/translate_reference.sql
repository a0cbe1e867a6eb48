-- The references of bench/scenarios/i18n.sh: what a translation look-up costs as plain SQL,
-- the design people write today. translate resolves the language chain with a recursive
-- CTE over platform.language and picks the first translation along it, else the entity's
-- own column; cached_translation looks the digest up in platform.translation_cache.
CREATE SCHEMA IF NOT EXISTS bench_ref;

CREATE OR REPLACE FUNCTION bench_ref.translate(p_type text, p_id uuid, p_field text, p_lang text)
RETURNS text LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
WITH RECURSIVE chain (code, depth) AS (
    SELECT l.code, 1 FROM platform.language l WHERE l.code = p_lang AND l.is_active
    UNION ALL
    SELECT l.fallback_code, c.depth + 1
      FROM chain c JOIN platform.language l ON l.code = c.code
     WHERE l.fallback_code IS NOT NULL
)
SELECT coalesce(
    (SELECT t.value FROM platform.translation t JOIN chain c ON c.code = t.language_code
      WHERE t.entity_type = p_type AND t.entity_id = p_id AND t.field = p_field AND t.is_active
      ORDER BY c.depth LIMIT 1),
    (SELECT e.name FROM content.exercise e WHERE e.id = p_id))
$$;

CREATE OR REPLACE FUNCTION bench_ref.cached_translation(p_text text, p_source text, p_target text)
RETURNS text LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT c.translated_text FROM platform.translation_cache c
 WHERE c.source_hash = sha256(convert_to(p_source || E'\n' || p_text, 'UTF8'))
   AND c.target_lang = p_target AND c.is_active
   AND (c.expires_at IS NULL OR c.expires_at > now())
$$;
