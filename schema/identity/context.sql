-- Identity context, RBAC and authorization helpers (docs/reference/functions.md "Identity context",
-- "Authorization helpers"), all in C++ (src/identity/). The helpers that policies call per
-- row carry no SET clause (it would cost every call); the SQL they run to fill their cache
-- goes through an SPI session that pins search_path itself (src/pg/spi.hpp).

CREATE FUNCTION fitness.current_user_id() RETURNS uuid
    AS 'MODULE_PATHNAME', 'fitness_current_user_id'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.current_user_id() IS
    'The acting app_user (NULL without a context). Set only by authenticate/set_context.';

CREATE FUNCTION fitness.current_institution_id() RETURNS uuid
    AS 'MODULE_PATHNAME', 'fitness_current_institution_id'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.current_institution_id() IS
    'The institution the acting user works in, if the context names one';

CREATE FUNCTION fitness.authenticate(token text, is_local boolean DEFAULT true) RETURNS uuid
    AS 'MODULE_PATHNAME', 'fitness_authenticate'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.authenticate(text, boolean) IS
    'Verifies a JWS (HS256, RS256, ES256) with the key ring''s key its kid names (exp/nbf/iat, iss/aud as the key requires; the fitness.jwt_user_claim claim, default sub -> app_user by id, else by auth_subject, created first for provisioning keys; optional inst), sets the context; 28000 with the reason otherwise, and then no context is left, not even an earlier one';

CREATE FUNCTION fitness.set_context(user_id uuid, institution_id uuid DEFAULT NULL,
                                    is_local boolean DEFAULT true) RETURNS void
    AS 'MODULE_PATHNAME', 'fitness_set_context'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.set_context(uuid, uuid, boolean) IS
    'Sets the acting user for a trusted backend (fitness_service, fitness_admin); 42501 for others, 28000 for unknown or inactive users';

CREATE FUNCTION fitness.clear_context() RETURNS void
    AS 'MODULE_PATHNAME', 'fitness_clear_context'
    LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION fitness.clear_context() IS 'Forgets the acting user (transaction and session)';

CREATE FUNCTION fitness.has_permission(permission text, institution_id uuid DEFAULT NULL) RETURNS boolean
    AS 'MODULE_PATHNAME', 'fitness_has_permission'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.has_permission(text, uuid) IS
    'Whether the acting user holds the permission through an active, unexpired role of platform scope or of that institution';

CREATE FUNCTION fitness.has_role(role text, institution_id uuid DEFAULT NULL) RETURNS boolean
    AS 'MODULE_PATHNAME', 'fitness_has_role'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.has_role(text, uuid) IS
    'Whether the acting user holds the role (platform scope when institution_id is NULL)';

CREATE FUNCTION fitness.is_member(institution_id uuid, min_role text DEFAULT 'member') RETURNS boolean
    AS 'MODULE_PATHNAME', 'fitness_is_member'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.is_member(uuid, text) IS
    'Whether the acting user is an active member of the institution with at least min_role (member < coach < admin < owner)';

CREATE FUNCTION fitness.is_platform_admin() RETURNS boolean
    AS 'MODULE_PATHNAME', 'fitness_is_platform_admin'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.is_platform_admin() IS 'Whether the acting user holds platform_admin';

CREATE FUNCTION fitness.can_read(owner_id uuid, institution_id uuid, visibility text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'fitness_can_read'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.can_read(uuid, uuid, text) IS
    'Owner; or public; or institution visibility and membership; or a member whose data the user may read (user.read_members); or platform admin';

CREATE FUNCTION fitness.can_write(owner_id uuid, institution_id uuid) RETURNS boolean
    AS 'MODULE_PATHNAME', 'fitness_can_write'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.can_write(uuid, uuid) IS
    'Owner; institution content for its admins or institution.manage; platform admin';

CREATE FUNCTION fitness.my_institution_ids(min_role text DEFAULT 'member') RETURNS uuid[]
    AS 'MODULE_PATHNAME', 'fitness_my_institution_ids'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.my_institution_ids(text) IS
    'Institutions where the acting user is an active member with at least min_role; for index-friendly policies (= ANY)';

CREATE FUNCTION fitness.permitted_institution_ids(permission text) RETURNS uuid[]
    AS 'MODULE_PATHNAME', 'fitness_permitted_institution_ids'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.permitted_institution_ids(text) IS
    'Institutions where the acting user holds the permission through an institution-scope role';

CREATE FUNCTION fitness.readable_user_ids(permission text) RETURNS uuid[]
    AS 'MODULE_PATHNAME', 'fitness_readable_user_ids'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.readable_user_ids(text) IS
    'Users whose data the acting user may read through the permission: all members where they are admin/owner, assigned members where they coach';

CREATE FUNCTION fitness.grant_role(user_id uuid, role text, institution_id uuid DEFAULT NULL,
                                   expires_at timestamptz DEFAULT NULL, reason text DEFAULT NULL)
    RETURNS uuid
    AS 'MODULE_PATHNAME', 'fitness_grant_role'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.grant_role(uuid, text, uuid, timestamptz, text) IS
    'Grants a role (optionally until expires_at) and records role.granted in platform.system_event; needs role.grant (institution) or role.grant_platform';

CREATE FUNCTION fitness.revoke_role(user_id uuid, role text, institution_id uuid DEFAULT NULL,
                                    reason text DEFAULT NULL) RETURNS integer
    AS 'MODULE_PATHNAME', 'fitness_revoke_role'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.revoke_role(uuid, text, uuid, text) IS
    'Revokes active grants of the role and records role.revoked; returns the number revoked';

CREATE FUNCTION fitness.expire_roles() RETURNS integer
    AS 'MODULE_PATHNAME', 'fitness_expire_roles'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.expire_roles() IS
    'Maintenance: retires grants past expires_at (they already stopped counting) and records role.expired for each';

-- Backends keep each user's authorization data across transactions. It is reloaded when
-- the tables behind it change: at once in the writing transaction, and in every other
-- backend from its next transaction after the writer commits (the trigger queues a relcache
-- invalidation of the written table, which PostgreSQL delivers only on commit). Row-level
-- triggers, because logical replication's apply worker fires only those; they fire ALWAYS,
-- so writes under session_replication_role = replica (a subscriber, bulk loads) invalidate
-- too. TRUNCATE has statement triggers only (not replicated as a trigger event).
CREATE FUNCTION fitness.authz_invalidate() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_authz_invalidate'
    LANGUAGE C VOLATILE;
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['user_mgmt.user_role', 'user_mgmt.institution_member', 'user_mgmt.coach_assignment', 'core.role_permission', 'core.role', 'core.permission', 'user_mgmt.institution'] LOOP
        EXECUTE format('CREATE TRIGGER authz_invalidate AFTER INSERT OR UPDATE OR DELETE ON %s'
                       ' FOR EACH ROW EXECUTE FUNCTION fitness.authz_invalidate()', t);
        EXECUTE format('CREATE TRIGGER authz_invalidate_truncate AFTER TRUNCATE ON %s'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION fitness.authz_invalidate()', t);
        EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER authz_invalidate', t);
        EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER authz_invalidate_truncate', t);
    END LOOP;
END
$$;

-- app_user: a context stops counting when its user is deactivated (soft-deleted, banned) or
-- deleted, and a backend's remembered sign-ins (issuer, subject -> account) when a login
-- subject or its issuer changes, so those changes invalidate too; profile edits do not.
CREATE TRIGGER authz_invalidate AFTER UPDATE ON user_mgmt.app_user
    FOR EACH ROW WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active OR OLD.auth_subject IS DISTINCT FROM NEW.auth_subject
                       OR OLD.auth_issuer IS DISTINCT FROM NEW.auth_issuer)
    EXECUTE FUNCTION fitness.authz_invalidate();
CREATE TRIGGER authz_invalidate_delete AFTER DELETE ON user_mgmt.app_user
    FOR EACH ROW EXECUTE FUNCTION fitness.authz_invalidate();
CREATE TRIGGER authz_invalidate_truncate AFTER TRUNCATE ON user_mgmt.app_user
    FOR EACH STATEMENT EXECUTE FUNCTION fitness.authz_invalidate();
ALTER TABLE user_mgmt.app_user ENABLE ALWAYS TRIGGER authz_invalidate;
ALTER TABLE user_mgmt.app_user ENABLE ALWAYS TRIGGER authz_invalidate_delete;
ALTER TABLE user_mgmt.app_user ENABLE ALWAYS TRIGGER authz_invalidate_truncate;

-- A token's sub is an account id or an identity provider's subject (id first): the two may
-- never name different accounts (src/identity/account_guard.cpp).
CREATE FUNCTION fitness.app_user_identity_guard() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_app_user_identity_guard'
    LANGUAGE C VOLATILE;
COMMENT ON FUNCTION fitness.app_user_identity_guard() IS
    'BEFORE INSERT OR UPDATE OF auth_subject on app_user: 23505 when an auth_subject is another account''s id, or a new account''s id is another account''s auth_subject';
CREATE TRIGGER app_user_identity_guard BEFORE INSERT OR UPDATE OF auth_subject ON user_mgmt.app_user
    FOR EACH ROW EXECUTE FUNCTION fitness.app_user_identity_guard();

REVOKE ALL ON FUNCTION fitness.app_user_identity_guard() FROM PUBLIC;
REVOKE ALL ON FUNCTION fitness.authenticate(text, boolean), fitness.set_context(uuid, uuid, boolean),
    fitness.grant_role(uuid, text, uuid, timestamptz, text), fitness.revoke_role(uuid, text, uuid, text),
    fitness.expire_roles(), fitness.authz_invalidate() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.authenticate(text, boolean),
    fitness.grant_role(uuid, text, uuid, timestamptz, text), fitness.revoke_role(uuid, text, uuid, text)
    TO fitness_app, fitness_service, fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.set_context(uuid, uuid, boolean) TO fitness_service, fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.expire_roles() TO fitness_admin;
