-- State machines as data (src/rules/state_machine.cpp): every status column moves only along
-- core.status_transition, its required_permission checked against the actor; new rows start
-- in an initial status. The transitions are cached per backend and re-read after any write
-- to core.status or core.status_transition (here at once, elsewhere after the commit).
CREATE FUNCTION fitness.status_machine() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_status_machine' LANGUAGE C;
COMMENT ON FUNCTION fitness.status_machine() IS
    'BEFORE INSERT OR UPDATE OF <status> row trigger (arguments: state machine domain, status column, institution column or none): moves along core.status_transition only (23514 status_transition), with its required_permission (42501 status_permission); new rows in an initial status (23514 status_initial)';
CREATE FUNCTION fitness.status_machine_invalidate() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_status_machine_invalidate' LANGUAGE C;
COMMENT ON FUNCTION fitness.status_machine_invalidate() IS
    'AFTER statement trigger on core.status and core.status_transition: every backend re-reads the state machines (this one at once, the others after the commit)';
REVOKE ALL ON FUNCTION fitness.status_machine(), fitness.status_machine_invalidate() FROM PUBLIC;

DO $machines$
DECLARE
    m record;
BEGIN
    FOR m IN SELECT * FROM (VALUES
        ('content.exercise',                  'exercise',                'status', 'institution_id'),
        ('content.workout',                   'workout',                 'status', 'institution_id'),
        ('content.program',                   'program',                 'status', 'institution_id'),
        ('content.media',                     'media',                   'status', 'institution_id'),
        ('content.user_goal',                 'user_goal',               'status', NULL),
        ('user_mgmt.user_workout_session',    'user_workout_session',    'status', NULL),
        ('user_mgmt.user_program_enrollment', 'user_program_enrollment', 'status', NULL),
        ('user_mgmt.institution_member',      'institution_member',      'status', 'institution_id'),
        ('user_mgmt.subscription',            'subscription',            'status', 'institution_id'),
        ('user_mgmt.payment',                 'payment',                 'status', NULL),
        ('platform.notification',             'notification',            'status', NULL))
        AS v (target, domain, status_column, institution_column)
    LOOP
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER status_machine BEFORE INSERT OR UPDATE OF %I ON %s FOR EACH ROW'
            ' EXECUTE FUNCTION fitness.status_machine(%L, %L%s)',
            m.status_column, m.target, m.domain, m.status_column,
            CASE WHEN m.institution_column IS NULL THEN ''
                 ELSE pg_catalog.format(', %L', m.institution_column) END);
    END LOOP;
END
$machines$;

CREATE TRIGGER status_machine_invalidate AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON core.status
    FOR EACH STATEMENT EXECUTE FUNCTION fitness.status_machine_invalidate();
CREATE TRIGGER status_machine_invalidate AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON core.status_transition
    FOR EACH STATEMENT EXECUTE FUNCTION fitness.status_machine_invalidate();
ALTER TABLE core.status ENABLE ALWAYS TRIGGER status_machine_invalidate;
ALTER TABLE core.status_transition ENABLE ALWAYS TRIGGER status_machine_invalidate;
