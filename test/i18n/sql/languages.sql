-- Language tags and fallback chains: BCP 47 validation and case normalisation, chains along
-- platform.language (truncation of unconfigured tags, inactive languages skipped, the
-- default language last), and fallback cycles refused when written, also by one statement
-- that closes a loop over two rows.
\set SHOW_CONTEXT never
SET client_min_messages = warning;

-- Normalisation: language lower-case, Script title-case, REGION upper-case, the rest lower.
SELECT t AS tag, fitness.normalize_language_tag(t) AS normalized
  FROM unnest(ARRAY['PT-br', 'pt-BR', 'en', 'ZH-HANT-tw', 'es-419', 'de-CH-1996',
                    'en-US-U-CA-Gregory', 'sr-Latn', 'de-AT-x-Wien']) AS t;

-- Malformed tags: 22023 naming the tag.
\set ON_ERROR_STOP off
SELECT fitness.normalize_language_tag('');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.normalize_language_tag('pt_BR');
SELECT fitness.normalize_language_tag('p');
SELECT fitness.normalize_language_tag('english');
SELECT fitness.normalize_language_tag('en--US');
SELECT fitness.normalize_language_tag('en-US-');
SELECT fitness.normalize_language_tag('en-x');
SELECT fitness.normalize_language_tag('en-a-b');
SELECT fitness.normalize_language_tag('en-Ü');
SELECT fitness.normalize_language_tag('en-US-toolongsubtag');
SELECT fitness.normalize_language_tag(repeat('ab-', 40) || 'ab');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.normalize_language_tag(NULL) IS NULL AS null_in_null_out;
SELECT fitness.language_chain('de_AT');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set ON_ERROR_STOP on

-- Chains: configured regional tags, truncation (pt-PT and de-LI are not configured),
-- a tag with nothing configured falls back to the default language, case is normalised.
SELECT t AS tag, fitness.language_chain(t) AS chain
  FROM unnest(ARRAY['pt-BR', 'PT-br', 'pt-PT', 'de-AT', 'de-LI', 'de-AT-1996', 'en',
                    'xx', 'tlh-Latn', 'fr-CA-u-ca-gregory']) AS t;

-- An inactive language on the way is skipped, its own fallback followed; an inactive
-- requested language is truncated past.
UPDATE platform.language SET is_active = false, deleted_at = now() WHERE code = 'de';
SELECT fitness.language_chain('de-AT') AS de_at_without_de, fitness.language_chain('de') AS de_inactive;
UPDATE platform.language SET is_active = true, deleted_at = NULL WHERE code = 'de';
SELECT fitness.language_chain('de-AT') AS de_at_again;

-- The default language (system setting default_language) ends every chain.
UPDATE platform.system_setting SET value = '"de"' WHERE key = 'default_language';
SELECT fitness.language_chain('fr') AS fr_then_en_then_de, fitness.language_chain('xx') AS xx;
UPDATE platform.system_setting SET value = '"en"' WHERE key = 'default_language';
SELECT fitness.language_chain('xx') AS xx_again;

-- A chain that would loop is refused when written (23514), by one row or by one statement
-- over two rows; nothing is written.
\set ON_ERROR_STOP off
UPDATE platform.language SET fallback_code = 'pt-BR' WHERE code = 'pt';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE platform.language SET fallback_code = 'de-AT' WHERE code = 'en';
UPDATE platform.language SET fallback_code = CASE code WHEN 'fr' THEN 'fr-CA' WHEN 'fr-CA' THEN 'fr' END
 WHERE code IN ('fr', 'fr-CA');
\set VERBOSITY terse
INSERT INTO platform.language (code, name, native_name, fallback_code) VALUES ('xx', 'X', 'X', 'xx');
\set VERBOSITY default
\set ON_ERROR_STOP on
SELECT code, fallback_code FROM platform.language WHERE code IN ('pt', 'en', 'fr', 'fr-CA', 'xx') ORDER BY code;

-- A new regional variant joins its chain at once.
INSERT INTO platform.language (code, name, native_name, fallback_code, text_search_config)
VALUES ('pt-AO', 'Portuguese (Angola)', 'Português (Angola)', 'pt', 'pg_catalog.portuguese');
SELECT fitness.language_chain('pt-AO') AS pt_ao;
-- Writing a chain that ends elsewhere is fine (no loop).
UPDATE platform.language SET fallback_code = 'pt-BR' WHERE code = 'pt-AO';
SELECT fitness.language_chain('pt-AO') AS pt_ao_via_brazil;
