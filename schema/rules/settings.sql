-- Policy-based settings (src/rules/settings.cpp): fitness.setting resolves user ->
-- institution -> system; every override is checked against its definition when written,
-- and every override of a key again when its definition changes.
CREATE FUNCTION fitness.setting(key text, user_id uuid DEFAULT NULL) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'fitness_setting'
    LANGUAGE C STABLE PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.setting(text, uuid) IS
    'The value of a setting for the user (default: the context user): their override, else the context institution''s, else the system value. Secret settings only for fitness_service and fitness_admin (42501); unknown keys 42704';
CREATE FUNCTION fitness.setting_check() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_setting_check' LANGUAGE C;
COMMENT ON FUNCTION fitness.setting_check() IS
    'BEFORE INSERT OR UPDATE row trigger on platform.setting: the key is defined (23503 setting_known), the level may override it (23514 setting_scope), the value fits (23514 setting_value), the target exists (23503 setting_target)';
CREATE FUNCTION fitness.setting_definition_check() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_setting_definition_check' LANGUAGE C;
COMMENT ON FUNCTION fitness.setting_definition_check() IS
    'AFTER UPDATE row trigger on platform.system_setting: every override of the key still fits the new definition';
REVOKE ALL ON FUNCTION fitness.setting(text, uuid), fitness.setting_check(),
    fitness.setting_definition_check() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.setting(text, uuid) TO fitness_app, fitness_service, fitness_admin;
CREATE TRIGGER setting_check BEFORE INSERT OR UPDATE ON platform.setting
    FOR EACH ROW EXECUTE FUNCTION fitness.setting_check();
CREATE TRIGGER setting_definition_check
    AFTER UPDATE OF key, value_type, allowed_values, min_value, max_value, is_user_overridable,
                    is_institution_overridable ON platform.system_setting
    FOR EACH ROW EXECUTE FUNCTION fitness.setting_definition_check();
