-- Business rules enforced in the server for every client (README "What runs in C++");
-- the logic is C++ (src/rules/).

-- Ratings: the moderation columns are the server's and the moderators' (src/rules/rating_moderation.cpp).
CREATE FUNCTION fitness.rating_moderation() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_rating_moderation' LANGUAGE C;
COMMENT ON FUNCTION fitness.rating_moderation() IS
    'BEFORE INSERT OR UPDATE on platform.rating: a new rating starts pending or published (system setting rating.moderation_required) whatever the client sent; only moderators (rating.moderate, platform admins, fitness_admin) change the moderation columns (42501 otherwise)';
CREATE TRIGGER rating_moderation BEFORE INSERT OR UPDATE ON platform.rating
    FOR EACH ROW EXECUTE FUNCTION fitness.rating_moderation();

REVOKE ALL ON FUNCTION fitness.rating_moderation() FROM PUBLIC;
