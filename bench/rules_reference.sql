-- The reference of bench/scenarios/rules.sh: the set-log rules of src/rules/set_logs.cpp
-- written as a PL/pgSQL trigger, the way they are written today: look the exercise and the
-- session up for every row, then the same checks and messages.
CREATE SCHEMA IF NOT EXISTS bench_ref;

CREATE OR REPLACE FUNCTION bench_ref.set_log_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_type text;
    v_active boolean;
    v_status text;
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.session_id, NEW.exercise_id, NEW.reps, NEW.weight_kg, NEW.duration_s,
                             NEW.distance_m, NEW.is_active, NEW.set_type)
        IS NOT DISTINCT FROM (OLD.session_id, OLD.exercise_id, OLD.reps, OLD.weight_kg, OLD.duration_s,
                              OLD.distance_m, OLD.is_active, OLD.set_type) THEN
        RETURN NEW;
    END IF;
    SELECT s.status INTO v_status FROM user_mgmt.user_workout_session s WHERE s.id = NEW.session_id;
    IF v_status NOT IN ('planned', 'in_progress') AND NOT pg_has_role('fitness_admin', 'MEMBER') THEN
        RAISE EXCEPTION 'user_set_log %: session % is %: its sets are final', NEW.id, NEW.session_id, v_status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'set_log_session_open';
    END IF;
    SELECT e.tracking_type, e.is_active INTO v_type, v_active FROM content.exercise e WHERE e.id = NEW.exercise_id;
    IF NOT FOUND OR (NEW.reps IS NULL AND NEW.duration_s IS NULL AND NEW.distance_m IS NULL) THEN
        RETURN NEW;
    END IF;
    IF NOT v_active THEN
        RAISE EXCEPTION 'user_set_log %: exercise % is deleted', NEW.id, NEW.exercise_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'set_log_exercise';
    END IF;
    IF (v_type = 'reps_weight' AND (NEW.reps IS NULL OR NEW.duration_s IS NOT NULL OR NEW.distance_m IS NOT NULL))
       OR (v_type = 'reps' AND (NEW.reps IS NULL OR NEW.weight_kg IS NOT NULL OR NEW.duration_s IS NOT NULL OR NEW.distance_m IS NOT NULL))
       OR (v_type = 'duration' AND (NEW.duration_s IS NULL OR NEW.reps IS NOT NULL OR NEW.weight_kg IS NOT NULL OR NEW.distance_m IS NOT NULL))
       OR (v_type = 'distance' AND (NEW.distance_m IS NULL OR NEW.reps IS NOT NULL OR NEW.weight_kg IS NOT NULL))
       OR (v_type = 'duration_distance' AND (NEW.duration_s IS NULL OR NEW.distance_m IS NULL OR NEW.reps IS NOT NULL OR NEW.weight_kg IS NOT NULL)) THEN
        RAISE EXCEPTION 'user_set_log %: the measures do not fit a % exercise', NEW.id, v_type
            USING ERRCODE = 'check_violation', CONSTRAINT = 'set_log_tracking';
    END IF;
    RETURN NEW;
END $$;
