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
