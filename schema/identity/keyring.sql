-- The key ring that fitness.authenticate verifies tokens with (docs/reference/functions.md "Key ring";
-- src/identity/keyring.cpp). The key material is readable by no role but the extension's
-- own C++ functions (and superusers, who can read anything): PUBLIC, fitness_admin and
-- fitness_service get no privilege on the table at all; DBAs list keys without their
-- material through fitness.jwt_keys().

CREATE TABLE fitness.jwt_key (
    kid          text NOT NULL,
    alg          text NOT NULL,
    key_material text NOT NULL,
    issuer       text,
    audience     text,
    expires_at   timestamptz,
    provision    boolean NOT NULL DEFAULT false,
    source       text NOT NULL DEFAULT 'add_jwt_key',
    fingerprint  text,
    added_at     timestamptz NOT NULL DEFAULT now(),
    added_by     text NOT NULL,
    retired_at   timestamptz,
    retired_by   text,
    CONSTRAINT jwt_key_pkey PRIMARY KEY (kid),
    CONSTRAINT jwt_key_kid_format CHECK (kid ~ '^[!-~]([ -~]*[!-~])?$' AND length(kid) <= 256),
    CONSTRAINT jwt_key_alg_allowed CHECK (alg IN ('HS256', 'RS256', 'ES256')),
    CONSTRAINT jwt_key_issuer_not_blank CHECK (issuer IS NULL OR btrim(issuer) <> ''),
    CONSTRAINT jwt_key_audience_not_blank CHECK (audience IS NULL OR btrim(audience) <> ''),
    CONSTRAINT jwt_key_source_allowed CHECK (source IN ('add_jwt_key', 'import_jwks')),
    CONSTRAINT jwt_key_retired_by_with_retired_at CHECK ((retired_at IS NULL) = (retired_by IS NULL))
);
COMMENT ON TABLE fitness.jwt_key IS
    'Verification keys of fitness.authenticate (HS256 secrets, RS256/ES256 PEM public keys); no role may read it, managed by add_jwt_key, retire_jwt_key, import_jwks';
COMMENT ON COLUMN fitness.jwt_key.key_material IS 'HS256 secret or PEM public key: never shown, logged or recorded in events';
COMMENT ON COLUMN fitness.jwt_key.retired_at IS 'Set by retire_jwt_key: tokens with this kid are refused from then on; kept so the kid is never reused';
REVOKE ALL ON fitness.jwt_key FROM PUBLIC;
-- pg_dump keeps the keys (a restored database must still accept its tokens): dumps of this
-- database hold the secrets, as its backups do.
SELECT pg_catalog.pg_extension_config_dump('fitness.jwt_key', '');

-- Every backend keeps the ring in memory; a change invalidates it in the writing transaction
-- at once and in every other backend from its next transaction after the commit (relcache
-- invalidation of the table, as for the RBAC cache). ALWAYS: also under replication.
CREATE FUNCTION fitness.jwt_key_invalidate() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_jwt_key_invalidate'
    LANGUAGE C VOLATILE;
CREATE TRIGGER jwt_key_invalidate AFTER INSERT OR UPDATE OR DELETE ON fitness.jwt_key
    FOR EACH ROW EXECUTE FUNCTION fitness.jwt_key_invalidate();
CREATE TRIGGER jwt_key_invalidate_truncate AFTER TRUNCATE ON fitness.jwt_key
    FOR EACH STATEMENT EXECUTE FUNCTION fitness.jwt_key_invalidate();
ALTER TABLE fitness.jwt_key ENABLE ALWAYS TRIGGER jwt_key_invalidate;
ALTER TABLE fitness.jwt_key ENABLE ALWAYS TRIGGER jwt_key_invalidate_truncate;

CREATE FUNCTION fitness.add_jwt_key(kid text, alg text, key text, issuer text DEFAULT NULL,
                                    audience text DEFAULT NULL, expires_at timestamptz DEFAULT NULL,
                                    provision boolean DEFAULT false) RETURNS void
    AS 'MODULE_PATHNAME', 'fitness_add_jwt_key'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.add_jwt_key(text, text, text, text, text, timestamptz, boolean) IS
    'Adds a verification key (HS256 secret of at least 32 bytes, or RS256/ES256 PEM public key) with optional issuer, audience, expiry and provisioning; superuser or fitness_admin; recorded as jwt_key.added without the key';

CREATE FUNCTION fitness.retire_jwt_key(kid text) RETURNS void
    AS 'MODULE_PATHNAME', 'fitness_retire_jwt_key'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.retire_jwt_key(text) IS
    'Retires a key: its tokens are refused from the next transaction of every backend; recorded as jwt_key.retired';

CREATE FUNCTION fitness.import_jwks(jwks jsonb, issuer text DEFAULT NULL, audience text DEFAULT NULL)
    RETURNS integer
    AS 'MODULE_PATHNAME', 'fitness_import_jwks'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.import_jwks(jsonb, text, text) IS
    'Adds the RSA and EC P-256 signing keys of a JWKS document (keys already in the ring are skipped); returns how many were added';

CREATE FUNCTION fitness.current_claims() RETURNS jsonb
    AS 'MODULE_PATHNAME', 'fitness_current_claims'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fitness.current_claims() IS
    'The verified token payload of the current context (NULL without one, and for set_context)';

-- What a DBA may know of the ring: everything but the key material.
CREATE FUNCTION fitness.jwt_keys()
    RETURNS TABLE (kid text, alg text, issuer text, audience text, expires_at timestamptz,
                   provision boolean, source text, fingerprint text, added_at timestamptz,
                   added_by text, retired_at timestamptz, retired_by text, state text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
        SELECT k.kid, k.alg, k.issuer, k.audience, k.expires_at, k.provision, k.source,
               k.fingerprint, k.added_at, k.added_by, k.retired_at, k.retired_by,
               CASE WHEN k.retired_at IS NOT NULL THEN 'retired'
                    WHEN k.expires_at <= now() THEN 'expired'
                    ELSE 'active' END
        FROM fitness.jwt_key k
        ORDER BY k.added_at, k.kid
    $$;
COMMENT ON FUNCTION fitness.jwt_keys() IS
    'The key ring without key material (fingerprint: SHA-256 of a public key''s DER, none for secrets); fitness_admin';

REVOKE ALL ON FUNCTION fitness.jwt_key_invalidate(), fitness.add_jwt_key(text, text, text, text, text, timestamptz, boolean),
    fitness.retire_jwt_key(text), fitness.import_jwks(jsonb, text, text), fitness.jwt_keys() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.add_jwt_key(text, text, text, text, text, timestamptz, boolean),
    fitness.retire_jwt_key(text), fitness.import_jwks(jsonb, text, text), fitness.jwt_keys() TO fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.current_claims() TO fitness_app, fitness_service, fitness_admin;
