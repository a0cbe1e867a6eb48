-- Institutions (src/rules/institutions.cpp): the member_role hierarchy, max_members and the
-- last owner, decided one institution at a time (the institution row is locked).
CREATE FUNCTION fitness.institution_member_rules() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_institution_member_rules' LANGUAGE C;
COMMENT ON FUNCTION fitness.institution_member_rules() IS
    'BEFORE INSERT OR UPDATE OR DELETE row trigger on user_mgmt.institution_member: roles only below the actor''s rank (42501 member_role_rank), at most max_members invited or active (23514 institution_max_members), never without an active owner (P0001 institution_last_owner)';
REVOKE ALL ON FUNCTION fitness.institution_member_rules() FROM PUBLIC;
CREATE TRIGGER institution_member_rules BEFORE INSERT OR UPDATE OR DELETE ON user_mgmt.institution_member
    FOR EACH ROW EXECUTE FUNCTION fitness.institution_member_rules();
