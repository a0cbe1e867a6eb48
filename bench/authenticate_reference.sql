-- The reference for fitness.authenticate: HS256 verified in SQL with pgcrypto, the way
-- pgjwt's verify() and Supabase-style set-ups do it, then the claims put where SQL helpers
-- read them (request.jwt.claims) and the account looked up by subject. Same checks as ours
-- where SQL can make them: signature, alg, exp, active user.
CREATE SCHEMA IF NOT EXISTS bench_ref;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE OR REPLACE FUNCTION bench_ref.b64url_decode(data text) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $$
    SELECT decode(translate(data, '-_', '+/') || repeat('=', (4 - length(data) % 4) % 4), 'base64')
$$;

CREATE OR REPLACE FUNCTION bench_ref.authenticate(token text, secret text) RETURNS uuid
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    parts text[] := string_to_array(token, '.');
    header jsonb;
    claims jsonb;
    user_id uuid;
BEGIN
    IF array_length(parts, 1) <> 3 THEN RAISE EXCEPTION 'malformed token' USING ERRCODE = '28000'; END IF;
    header := convert_from(bench_ref.b64url_decode(parts[1]), 'UTF8')::jsonb;
    IF header->>'alg' <> 'HS256' THEN RAISE EXCEPTION 'bad alg' USING ERRCODE = '28000'; END IF;
    IF rtrim(translate(encode(public.hmac(parts[1] || '.' || parts[2], secret, 'sha256'), 'base64'), E'+/\n', '-_'), '=')
       <> parts[3] THEN
        RAISE EXCEPTION 'bad signature' USING ERRCODE = '28000';
    END IF;
    claims := convert_from(bench_ref.b64url_decode(parts[2]), 'UTF8')::jsonb;
    IF (claims->>'exp')::numeric <= extract(epoch FROM now()) THEN
        RAISE EXCEPTION 'expired' USING ERRCODE = '28000';
    END IF;
    SELECT u.id INTO user_id FROM user_mgmt.app_user u WHERE u.auth_subject = claims->>'sub' AND u.is_active;
    IF user_id IS NULL THEN RAISE EXCEPTION 'unknown user' USING ERRCODE = '28000'; END IF;
    PERFORM set_config('request.jwt.claims', claims::text, true);
    RETURN user_id;
END
$$;
