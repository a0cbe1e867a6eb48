-- Goals (src/rules/goals.cpp): a metric's current value follows its measurements, a goal's
-- progress and achievement follow its metrics.
CREATE FUNCTION fitness.goal_metric_measured() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_goal_metric_measured' LANGUAGE C;
COMMENT ON FUNCTION fitness.goal_metric_measured() IS
    'AFTER row trigger on content.goal_metric_entry: current_value of the metric = best entry (one_rm_kg, max_reps, max_weight_kg) or latest entry';
CREATE FUNCTION fitness.goal_progress() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_goal_progress' LANGUAGE C;
COMMENT ON FUNCTION fitness.goal_progress() IS
    'AFTER row trigger on content.goal_metric: progress_pct of the goal (least advanced metric, 0-100) and achievement (every metric at target: achieved, activity, goal.achieved event)';
REVOKE ALL ON FUNCTION fitness.goal_metric_measured(), fitness.goal_progress() FROM PUBLIC;
CREATE TRIGGER goal_metric_measured AFTER INSERT OR DELETE OR UPDATE OF value, measured_at, is_active, goal_metric_id
    ON content.goal_metric_entry FOR EACH ROW EXECUTE FUNCTION fitness.goal_metric_measured();
CREATE TRIGGER goal_progress AFTER INSERT OR DELETE OR UPDATE OF current_value, baseline_value, target_value, direction, is_active, user_goal_id
    ON content.goal_metric FOR EACH ROW EXECUTE FUNCTION fitness.goal_progress();
