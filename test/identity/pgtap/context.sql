-- Identity context: tokens, impersonation attempts, savepoints, role expiry and grants.
-- Tokens are minted here with pgcrypto's HMAC, independently of the C++ verifier.
BEGIN;
SELECT plan(116);

SELECT fitness.add_jwt_key('pgtap', 'HS256', 'test-secret-0123456789-0123456789');
SET LOCAL fitness.jwt_leeway = 30;

-- base64url without padding, and a compact JWS over header/payload signed with secret.
CREATE FUNCTION pg_temp.b64url(data bytea) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT rtrim(translate(encode(data, 'base64'), E'+/\n', '-_'), '=')
$$;
CREATE FUNCTION pg_temp.jws(header jsonb, payload jsonb, secret text DEFAULT 'test-secret-0123456789-0123456789')
RETURNS text LANGUAGE sql AS $$
    SELECT s || '.' || pg_temp.b64url(public.hmac(s, secret, 'sha256'))
    FROM (SELECT pg_temp.b64url(convert_to(header::text, 'UTF8')) || '.' ||
                 pg_temp.b64url(convert_to(payload::text, 'UTF8')) AS s) x
$$;
CREATE FUNCTION pg_temp.token(payload jsonb) RETURNS text LANGUAGE sql AS $$
    SELECT pg_temp.jws('{"alg":"HS256","typ":"JWT"}', payload)
$$;
CREATE FUNCTION pg_temp.claims(sub text, extra jsonb DEFAULT '{}') RETURNS jsonb LANGUAGE sql AS $$
    SELECT jsonb_build_object('sub', sub, 'exp', extract(epoch FROM now() + interval '1 hour')::bigint) || extra
$$;

-- Fixture: alice (by auth subject), bob (by id), carol inactive, institutions 1 and 2.
INSERT INTO user_mgmt.app_user (id, auth_subject, email, display_name) VALUES
    ('00000000-0000-7000-8000-00000000a001', 'idp|alice', 'alice@example.com', 'Alice'),
    ('00000000-0000-7000-8000-00000000a002', NULL, 'bob@example.com', 'Bob');
INSERT INTO user_mgmt.app_user (id, auth_subject, email, display_name, is_active, deleted_at) VALUES
    ('00000000-0000-7000-8000-00000000a003', 'idp|carol', 'carol@example.com', 'Carol', false, now());
INSERT INTO user_mgmt.institution (id, name, slug) VALUES
    ('00000000-0000-7000-8000-00000000b001', 'Gym One', 'gym-one'),
    ('00000000-0000-7000-8000-00000000b002', 'Gym Two', 'gym-two');
INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role) VALUES
    ('00000000-0000-7000-8000-00000000b001', '00000000-0000-7000-8000-00000000a001', 'admin');

-- Valid tokens.
SELECT is(fitness.authenticate(pg_temp.token(pg_temp.claims('idp|alice'))),
          '00000000-0000-7000-8000-00000000a001'::uuid, 'sub resolves by auth_subject');
SELECT is(fitness.current_user_id(), '00000000-0000-7000-8000-00000000a001'::uuid,
          'authenticate sets the context');
SELECT is(fitness.current_institution_id(), NULL, 'no inst claim, no institution');
SELECT is(fitness.current_claims()->>'sub', 'idp|alice', 'current_claims() is the verified payload');
SELECT is(fitness.authenticate(pg_temp.token(pg_temp.claims('00000000-0000-7000-8000-00000000a002'))),
          '00000000-0000-7000-8000-00000000a002'::uuid, 'sub resolves by app_user id');
SELECT is(fitness.authenticate(pg_temp.token(pg_temp.claims('idp|alice',
              '{"inst":"00000000-0000-7000-8000-00000000b001"}'))),
          '00000000-0000-7000-8000-00000000a001'::uuid, 'inst of a member is accepted');
SELECT is(fitness.current_institution_id(), '00000000-0000-7000-8000-00000000b001'::uuid,
          'inst becomes the context institution');
SELECT lives_ok(format('SELECT fitness.authenticate(%L)', pg_temp.token(jsonb_build_object(
              'sub', 'idp|alice', 'exp', extract(epoch FROM now())::bigint - 10))),
          'expired 10 s ago is within the 30 s leeway');

-- Every bad token fails with 28000, says why, and leaves no context.
CREATE FUNCTION pg_temp.refused(token text, reason text, description text) RETURNS SETOF text
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM fitness.clear_context();
    RETURN NEXT throws_like(format('SELECT fitness.authenticate(%L)', token), '%' || reason || '%',
                            description || ': message names the reason');
    RETURN NEXT throws_ok(format('SELECT fitness.authenticate(%L)', token), '28000', NULL,
                          description || ': SQLSTATE 28000');
    RETURN NEXT is(fitness.current_user_id(), NULL, description || ': no context left');
END
$$;

SELECT pg_temp.refused(pg_temp.token(jsonb_build_object('sub', 'idp|alice',
           'exp', extract(epoch FROM now() - interval '1 hour')::bigint)), 'token expired', 'expired');
SELECT pg_temp.refused(pg_temp.token(pg_temp.claims('idp|alice', jsonb_build_object(
           'nbf', extract(epoch FROM now() + interval '1 hour')::bigint))), 'not yet valid', 'nbf in the future');
SELECT pg_temp.refused(pg_temp.jws('{"alg":"HS256"}', pg_temp.claims('idp|alice'), 'another-secret'),
           'signature does not match', 'wrong signature');
SELECT pg_temp.refused(pg_temp.b64url('{"alg":"none"}') || '.' ||
           pg_temp.b64url(convert_to(pg_temp.claims('idp|alice')::text, 'UTF8')) || '.',
           'algorithm "none" is not accepted', 'alg none with empty signature');
SELECT pg_temp.refused(pg_temp.jws('{"alg":"none"}', pg_temp.claims('idp|alice')),
           'algorithm "none" is not accepted', 'alg none');
SELECT pg_temp.refused(pg_temp.jws('{"alg":"RS256"}', pg_temp.claims('idp|alice')),
           'algorithm "RS256" does not match its key''s HS256', 'alg RS256 under an HS256 key');
SELECT pg_temp.refused(left(pg_temp.token(pg_temp.claims('idp|alice')), -5),
           'signature', 'truncated signature');
SELECT pg_temp.refused(split_part(pg_temp.token(pg_temp.claims('idp|alice')), '.', 1) || '.' ||
           split_part(pg_temp.token(pg_temp.claims('idp|alice')), '.', 2),
           'three dot-separated parts', 'two parts only');
SELECT pg_temp.refused('e30@.e30.abc', 'invalid base64url character', 'non-base64 header');
SELECT pg_temp.refused((SELECT s || '.' || pg_temp.b64url(public.hmac(s, 'test-secret-0123456789-0123456789', 'sha256'))
           FROM (SELECT pg_temp.b64url('{"alg":"HS256"}') || '.' || pg_temp.b64url('not json') AS s) x),
           'malformed token payload', 'non-JSON payload with a valid signature');
SELECT pg_temp.refused(pg_temp.token(jsonb_build_object('exp', extract(epoch FROM now() + interval '1 hour')::bigint)),
           'no sub claim', 'missing sub');
SELECT pg_temp.refused(pg_temp.token(jsonb_build_object('sub', 'idp|alice')), 'no exp claim', 'missing exp');
SELECT pg_temp.refused(pg_temp.token(pg_temp.claims('idp|nobody')), 'unknown user', 'unknown user');
SELECT pg_temp.refused(pg_temp.token(pg_temp.claims('idp|carol')), 'inactive', 'inactive user');
SELECT pg_temp.refused(pg_temp.token(pg_temp.claims('idp|alice', '{"inst":"00000000-0000-7000-8000-00000000b002"}')),
           'not an active member of institution', 'inst the user does not belong to');

-- An empty key ring: nothing verifies.
SAVEPOINT ring;
DELETE FROM fitness.jwt_key;
SELECT throws_like(format('SELECT fitness.authenticate(%L)', pg_temp.token(pg_temp.claims('idp|alice'))),
           '%no active key%', 'without a key in the ring no token is accepted');
ROLLBACK TO SAVEPOINT ring;

-- A rolled-back savepoint takes the context it set with it.
SELECT fitness.clear_context();
SAVEPOINT before_auth;
SELECT ok(fitness.authenticate(pg_temp.token(pg_temp.claims('idp|alice'))) IS NOT NULL,
          'authenticated inside a savepoint');
ROLLBACK TO SAVEPOINT before_auth;
SELECT is(fitness.current_user_id(), NULL, 'context set in a rolled-back savepoint is gone');
SELECT is(fitness.current_claims(), NULL, 'and its claims with it');

-- Impersonation: fitness_app cannot change who current_user_id() says.
SELECT fitness.set_context('00000000-0000-7000-8000-00000000a002');
SELECT is(fitness.current_claims(), NULL, 'set_context leaves no claims');
SET LOCAL ROLE fitness_app;
SELECT throws_ok($$SET fitness.context = '00000000-0000-7000-8000-00000000a001'$$, '42501',
          NULL, 'SET fitness.context is refused');
SELECT throws_ok($$SELECT set_config('fitness.context', '00000000-0000-7000-8000-00000000a001', true)$$,
          '42501', NULL, 'set_config(fitness.context) is refused');
SELECT throws_ok($$SET fitness.user_id = '00000000-0000-7000-8000-00000000a001'$$, '42602',
          NULL, 'other fitness.* placeholders are reserved');
SELECT throws_ok($$SELECT fitness.set_context('00000000-0000-7000-8000-00000000a001')$$, '42501',
          NULL, 'set_context is refused for fitness_app');
SET request.jwt.claims = '{"sub":"00000000-0000-7000-8000-00000000a001"}';
SELECT is(current_setting('request.jwt.claims', true)::jsonb ->> 'sub', '00000000-0000-7000-8000-00000000a001',
          'a Supabase-style claims setting naming another user is in force ...');
SELECT is(fitness.current_user_id(), '00000000-0000-7000-8000-00000000a002'::uuid,
          '... but none of it changed the acting user');
RESET ROLE;

-- set_context validates its input.
SELECT throws_ok($$SELECT fitness.set_context('00000000-0000-7000-8000-0000000000ff')$$, '28000',
          'unknown user 00000000-0000-7000-8000-0000000000ff', 'set_context: unknown user');
SELECT throws_ok($$SELECT fitness.set_context('00000000-0000-7000-8000-00000000a003')$$, '28000',
          'user 00000000-0000-7000-8000-00000000a003 is inactive', 'set_context: inactive user');
SELECT throws_ok($$SELECT fitness.set_context(NULL)$$, '22004', NULL, 'set_context: NULL user');
SELECT throws_ok($$SELECT fitness.set_context('00000000-0000-7000-8000-00000000a002', '00000000-0000-7000-8000-00000000b001')$$,
          '28000', NULL, 'set_context: institution the user is not a member of');

-- Helpers over the RBAC data, and expiry without a job.
SELECT fitness.set_context('00000000-0000-7000-8000-00000000a001');
SELECT ok(fitness.is_member('00000000-0000-7000-8000-00000000b001'), 'alice is a member of gym one');
SELECT ok(fitness.is_member('00000000-0000-7000-8000-00000000b001', 'admin'), '... at least admin');
SELECT ok(NOT fitness.is_member('00000000-0000-7000-8000-00000000b001', 'owner'), '... but not owner');
SELECT ok(NOT fitness.is_member('00000000-0000-7000-8000-00000000b002'), 'not a member of gym two');
SELECT throws_ok($$SELECT fitness.is_member('00000000-0000-7000-8000-00000000b001', 'boss')$$, '22023',
          NULL, 'unknown member role is an error naming it');
SELECT is(fitness.my_institution_ids(), ARRAY['00000000-0000-7000-8000-00000000b001'::uuid], 'my_institution_ids');
SELECT ok(NOT fitness.has_role('coach', '00000000-0000-7000-8000-00000000b001'), 'no coach role yet');

INSERT INTO user_mgmt.user_role (user_id, role_id, institution_id, granted_at, expires_at)
SELECT '00000000-0000-7000-8000-00000000a001', id, '00000000-0000-7000-8000-00000000b001',
       now() - interval '1 hour', now() - interval '1 second'
FROM core.role WHERE code = 'coach';
SELECT ok(NOT fitness.has_role('coach', '00000000-0000-7000-8000-00000000b001'),
          'a grant whose expires_at has passed gives nothing');
UPDATE user_mgmt.user_role SET expires_at = now() + interval '1 hour'
WHERE user_id = '00000000-0000-7000-8000-00000000a001';
SELECT ok(fitness.has_role('coach', '00000000-0000-7000-8000-00000000b001'),
          'the same grant counts once unexpired (reloaded within the transaction)');
SELECT ok(fitness.has_permission('session.read_members', '00000000-0000-7000-8000-00000000b001'),
          'and gives the coach permissions in that institution');
SELECT ok(NOT fitness.has_permission('session.read_members', '00000000-0000-7000-8000-00000000b002'),
          'but not in another institution');
SELECT ok(NOT fitness.has_permission('session.read_members'), 'nor at platform scope');
UPDATE user_mgmt.user_role SET expires_at = now() - interval '1 second'
WHERE user_id = '00000000-0000-7000-8000-00000000a001';
SELECT ok(NOT fitness.has_role('coach', '00000000-0000-7000-8000-00000000b001'),
          'expiring it stops it counting at once');

-- grant_role / revoke_role: permission-checked, validated, recorded.
SELECT fitness.set_context('00000000-0000-7000-8000-00000000a002');
SET LOCAL ROLE fitness_app;
SELECT throws_ok($$SELECT fitness.grant_role('00000000-0000-7000-8000-00000000a002', 'platform_admin')$$,
          '42501', NULL, 'a user without role.grant_platform cannot grant platform_admin (not even to self)');
RESET ROLE;
SET LOCAL ROLE fitness_admin;
SELECT isnt(fitness.grant_role('00000000-0000-7000-8000-00000000a002', 'coach',
            '00000000-0000-7000-8000-00000000b001', now() + interval '1 day', 'covering a shift'),
            NULL, 'fitness_admin grants coach in gym one');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM platform.system_event WHERE event_type = 'role.granted'
             AND aggregate_id = '00000000-0000-7000-8000-00000000a002' AND payload->>'reason' = 'covering a shift'
             AND payload->>'role' = 'coach'), 1, 'the grant is recorded with its reason');
SELECT ok(fitness.has_role('coach', '00000000-0000-7000-8000-00000000b001'), 'bob now holds coach in gym one');
SELECT throws_ok($$SELECT fitness.grant_role('00000000-0000-7000-8000-00000000a002', 'no_such_role', NULL)$$,
          '22023', 'unknown role "no_such_role"', 'unknown role');
SELECT throws_ok($$SELECT fitness.grant_role('00000000-0000-7000-8000-00000000a002', 'platform_admin', '00000000-0000-7000-8000-00000000b001')$$,
          '22023', NULL, 'platform role with an institution');
SELECT throws_ok($$SELECT fitness.grant_role('00000000-0000-7000-8000-00000000a002', 'coach', NULL)$$,
          '22023', NULL, 'institution role without an institution');
SELECT throws_ok($$SELECT fitness.grant_role('00000000-0000-7000-8000-00000000a002', 'coach', '00000000-0000-7000-8000-00000000b001', now() - interval '1 day')$$,
          '22023', NULL, 'expires_at in the past');
SELECT throws_ok($$SELECT fitness.grant_role('00000000-0000-7000-8000-0000000000ff', 'coach', '00000000-0000-7000-8000-00000000b001')$$,
          '23503', NULL, 'unknown user');
SELECT throws_ok($$SELECT fitness.grant_role(NULL, 'coach')$$, '22004', NULL, 'NULL user');
SELECT is(fitness.revoke_role('00000000-0000-7000-8000-00000000a002', 'coach', '00000000-0000-7000-8000-00000000b001', 'shift over'),
          1, 'revoke_role revokes the active grant');
SELECT ok(NOT fitness.has_role('coach', '00000000-0000-7000-8000-00000000b001'), 'and it stops counting');
SELECT is((SELECT count(*)::int FROM platform.system_event WHERE event_type = 'role.revoked'
             AND aggregate_id = '00000000-0000-7000-8000-00000000a002'), 1, 'the revoke is recorded');
SELECT is(fitness.expire_roles(), 1, 'expire_roles retires the expired grant of alice');
SELECT is((SELECT count(*)::int FROM platform.system_event WHERE event_type = 'role.expired'
             AND aggregate_id = '00000000-0000-7000-8000-00000000a001'), 1, 'and records the expiry');

-- Delegation: an institution admin grants only below her own rank, only to members.
INSERT INTO user_mgmt.user_role (user_id, role_id, institution_id)
SELECT '00000000-0000-7000-8000-00000000a001', id, '00000000-0000-7000-8000-00000000b001'
FROM core.role WHERE code = 'institution_admin';
INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role) VALUES
    ('00000000-0000-7000-8000-00000000b001', '00000000-0000-7000-8000-00000000a002', 'member');
SELECT fitness.set_context('00000000-0000-7000-8000-00000000a001');
SET LOCAL ROLE fitness_app;
SELECT throws_ok($$SELECT fitness.grant_role('00000000-0000-7000-8000-00000000a001', 'institution_owner', '00000000-0000-7000-8000-00000000b001')$$,
          '42501', NULL, 'an institution admin cannot make herself owner (rank)');
SELECT throws_ok($$SELECT fitness.grant_role('00000000-0000-7000-8000-00000000a002', 'institution_admin', '00000000-0000-7000-8000-00000000b001')$$,
          '42501', NULL, 'nor grant her own rank');
SELECT ok((SELECT fitness.grant_role('00000000-0000-7000-8000-00000000a002', 'coach', '00000000-0000-7000-8000-00000000b001'))
          IS NOT NULL, 'she grants coach, ranked below her, to a member');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM user_mgmt.user_role ur JOIN core.role r ON r.id = ur.role_id
             WHERE ur.user_id = '00000000-0000-7000-8000-00000000a002' AND r.code = 'coach' AND ur.is_active), 1,
          'the grant is stored once');
SELECT is((SELECT payload->>'db_role' FROM platform.system_event WHERE event_type = 'role.granted'
             AND aggregate_id = '00000000-0000-7000-8000-00000000a002' ORDER BY occurred_at DESC, id DESC LIMIT 1),
          'fitness_app', 'the event names the calling database role, not the table owner');
-- Key ring management: bad input gets a SQLSTATE naming the problem and writes nothing.
SET LOCAL client_min_messages = error;  -- the "no issuer/audience" warnings are not the subject here
SELECT throws_ok($$SELECT fitness.add_jwt_key(NULL, 'HS256', repeat('s', 40))$$, '22004', NULL, 'add_jwt_key: NULL kid');
SELECT throws_ok($$SELECT fitness.add_jwt_key('k-null-alg', NULL, repeat('s', 40))$$, '22004', NULL, 'add_jwt_key: NULL alg');
SELECT throws_ok($$SELECT fitness.add_jwt_key('k-null-key', 'HS256', NULL)$$, '22004', NULL, 'add_jwt_key: NULL key');
SELECT throws_like($$SELECT fitness.add_jwt_key('k-bad-alg', 'PS256', repeat('s', 40))$$,
          '%algorithm "PS256" is not accepted%', 'add_jwt_key: an algorithm it does not verify, named');
SELECT throws_ok($$SELECT fitness.add_jwt_key(' padded', 'HS256', repeat('s', 40))$$, '22023', NULL,
          'add_jwt_key: a kid with a leading space');
SELECT throws_ok($$SELECT fitness.add_jwt_key('k-issuer', 'HS256', repeat('s', 40), issuer => E'a\tb')$$, '22023', NULL,
          'add_jwt_key: an issuer with a control character');
SELECT throws_ok($$SELECT fitness.add_jwt_key('k-issuer2', 'HS256', repeat('s', 40), issuer => repeat('i', 256))$$,
          '22023', NULL, 'add_jwt_key: an issuer longer than an account''s auth_issuer may be');
SELECT throws_ok($$SELECT fitness.retire_jwt_key(NULL)$$, '22004', NULL, 'retire_jwt_key: NULL kid');
SELECT throws_ok($$SELECT fitness.retire_jwt_key('never-added')$$, '42704', NULL, 'retire_jwt_key: unknown kid');
SELECT throws_ok($$SELECT fitness.import_jwks(NULL)$$, '22004', NULL, 'import_jwks: NULL document');
SELECT throws_ok($$SELECT fitness.import_jwks('{"keys": "none"}')$$, '22023', NULL, 'import_jwks: keys is not an array');
-- a document whose second key is broken imports nothing, not even its first, valid key
SELECT throws_ok($$SELECT fitness.import_jwks('{"keys": [{"kty": "EC", "crv": "P-256", "kid": "half-1",
    "x": "WfchnRgXZnE083A0DMbPelV2R15LlL1bhvmdR251rSM", "y": "faAPt1AW3BDBdybGfed1il9UUoJ5V6lwVhjtgXGzRtg"},
    {"kty": "EC", "crv": "P-256", "kid": "half-2", "x": "AAAA", "y": "AAAA"}]}')$$, '22023', NULL,
          'import_jwks: a broken key refuses the document');
SELECT is((SELECT count(*)::int FROM fitness.jwt_key WHERE kid LIKE 'half-%' OR kid LIKE 'k-%'), 0,
          'refused key management left nothing in the ring');
SET LOCAL ROLE fitness_app;
SELECT throws_ok($$SELECT fitness.add_jwt_key('k-app', 'HS256', repeat('s', 40))$$, '42501', NULL,
          'fitness_app may not add keys');
SELECT throws_ok($$SELECT count(*) FROM fitness.jwt_key$$, '42501', NULL, 'nor read the key table');
RESET ROLE;
SELECT * FROM finish();
ROLLBACK;
