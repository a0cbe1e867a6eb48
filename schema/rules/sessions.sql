-- Workout sessions (src/rules/sessions.cpp): the one-rep-max estimate and the completion of
-- a session (volume, duration, 1RM per set, personal records, goal measurements, activity,
-- events), in the caller's transaction.
CREATE FUNCTION fitness.estimate_one_rm(weight_kg numeric, reps integer, formula text DEFAULT 'epley')
    RETURNS numeric
    AS 'MODULE_PATHNAME', 'fitness_estimate_one_rm'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fitness.estimate_one_rm(numeric, integer, text) IS
    'Estimated one-rep max in kg, rounded to 0.01: epley w*(1+r/30) (1-1000 reps), brzycki 36w/(37-r) (1-36 reps); one rep is the weight itself; NULL in, NULL out';
CREATE FUNCTION fitness.complete_session(session_id uuid) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'fitness_complete_session'
    LANGUAGE C VOLATILE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.complete_session(uuid) IS
    'Completes the session (status, ended_at, duration, volume, 1RM per set, personal records, goal measurements, activity, events) and returns its summary; completing it again changes nothing and returns the same summary';
REVOKE ALL ON FUNCTION fitness.estimate_one_rm(numeric, integer, text), fitness.complete_session(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.estimate_one_rm(numeric, integer, text), fitness.complete_session(uuid)
    TO fitness_app, fitness_service, fitness_admin;
