-- Ratings (src/rules/ratings.cpp): nobody rates their own content, and platform.rating_summary
-- follows every rating write with increments (exact under concurrent writers).
CREATE FUNCTION fitness.rating_rules() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_rating_rules' LANGUAGE C;
COMMENT ON FUNCTION fitness.rating_rules() IS
    'BEFORE INSERT OR UPDATE OF user_id, entity_type, entity_id row trigger on platform.rating: the rater does not own the rated entity (23514 rating_own_content)';
REVOKE ALL ON FUNCTION fitness.rating_rules() FROM PUBLIC;
CREATE TRIGGER rating_rules BEFORE INSERT OR UPDATE OF user_id, entity_type, entity_id ON platform.rating
    FOR EACH ROW EXECUTE FUNCTION fitness.rating_rules();

CREATE FUNCTION fitness.rating_summary_sync() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_rating_summary_sync' LANGUAGE C;
COMMENT ON FUNCTION fitness.rating_summary_sync() IS
    'AFTER INSERT OR UPDATE OR DELETE row trigger on platform.rating: takes back the old row''s contribution to platform.rating_summary and adds the new one (active ratings in a public status), by increments';
REVOKE ALL ON FUNCTION fitness.rating_summary_sync() FROM PUBLIC;
CREATE TRIGGER rating_summary_sync AFTER INSERT OR UPDATE OR DELETE ON platform.rating
    FOR EACH ROW EXECUTE FUNCTION fitness.rating_summary_sync();

-- Recounting: a status that becomes public (or stops being) changes which ratings count.
CREATE FUNCTION fitness.recount_rating_summaries() RETURNS bigint
    AS 'MODULE_PATHNAME', 'fitness_recount_rating_summaries' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION fitness.recount_rating_summaries() IS
    'Recounts every platform.rating_summary from the active ratings in a public status (a repair after a TRUNCATE or manual edits); returns the summaries corrected or created. fitness_admin only';
REVOKE ALL ON FUNCTION fitness.recount_rating_summaries() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.recount_rating_summaries() TO fitness_admin;
CREATE FUNCTION fitness.rating_status_recount() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_recount_rating_summaries' LANGUAGE C;
COMMENT ON FUNCTION fitness.rating_status_recount() IS
    'AFTER INSERT OR DELETE OR UPDATE OF is_public, is_active statement trigger on platform.rating_status: recounts the rating summaries';
REVOKE ALL ON FUNCTION fitness.rating_status_recount() FROM PUBLIC;
CREATE TRIGGER rating_status_recount AFTER INSERT OR DELETE OR UPDATE OF is_public, is_active
    ON platform.rating_status FOR EACH STATEMENT EXECUTE FUNCTION fitness.rating_status_recount();
