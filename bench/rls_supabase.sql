-- Reference for bench/scenarios/tenancy.sh: Supabase-style RLS helpers, SQL functions that read
-- the JWT claims from a setting the client sets (request.jwt.claims), as in Supabase's
-- auth.uid() and the membership helpers its documentation recommends (SECURITY DEFINER so
-- that they can read the membership table past its own policies).
CREATE SCHEMA bench_rls;
GRANT USAGE ON SCHEMA bench_rls TO fitness_app;

CREATE FUNCTION bench_rls.auth_uid() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT (current_setting('request.jwt.claims', true)::jsonb ->> 'sub')::uuid $$;

CREATE FUNCTION bench_rls.is_member_of(inst uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
    AS $$ SELECT EXISTS (SELECT 1 FROM user_mgmt.institution_member m
                          WHERE m.institution_id = inst AND m.user_id = bench_rls.auth_uid()
                            AND m.is_active AND m.status = 'active') $$;

-- What a coach needs on top: the members assigned to them.
CREATE FUNCTION bench_rls.is_coach_of(member uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
    AS $$ SELECT EXISTS (SELECT 1 FROM user_mgmt.coach_assignment a
                          WHERE a.member_id = member AND a.coach_id = bench_rls.auth_uid() AND a.is_active) $$;

-- bench_rls.policies(table, wrapped): Supabase-style policy for fitness_app on a copy of
-- content.workout, helpers called per row (wrapped = false) or wrapped in (select ...).
CREATE FUNCTION bench_rls.policies(target regclass, wrapped boolean) RETURNS void
    LANGUAGE plpgsql AS $fn$
DECLARE
    uid    text := CASE WHEN wrapped THEN '(SELECT bench_rls.auth_uid())' ELSE 'bench_rls.auth_uid()' END;
    member text := CASE WHEN wrapped THEN '(SELECT bench_rls.is_member_of(institution_id))' ELSE 'bench_rls.is_member_of(institution_id)' END;
    coach  text := CASE WHEN wrapped THEN '(SELECT bench_rls.is_coach_of(owner_id))' ELSE 'bench_rls.is_coach_of(owner_id)' END;
BEGIN
    EXECUTE format('DROP POLICY IF EXISTS supabase_select ON %s', target);
    EXECUTE format('CREATE POLICY supabase_select ON %s FOR SELECT TO fitness_app USING (is_active AND (owner_id = %s'
                   ' OR visibility = ''public'' OR (visibility = ''institution'' AND %s) OR %s))',
                   target, uid, member, coach);
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('GRANT SELECT ON %s TO fitness_app', target);
END
$fn$;
