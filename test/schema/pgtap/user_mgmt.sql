-- pgTAP: schema of user_mgmt (schema/domains/user_mgmt.sql): tables, key columns, foreign keys,
-- indexes, conventions, personal-data tags and the CHECK / unique rules in action.
-- Behaviour tests of CHECK and unique rules run with session_replication_role = replica so
-- that no trigger of other files (stamps, business rules) interferes; foreign-key tests run
-- with triggers on.
BEGIN;
SELECT plan(316);

SELECT has_schema('user_mgmt', 'schema user_mgmt exists');
SELECT set_eq(
    $$SELECT c.relname::text FROM pg_catalog.pg_class c
      WHERE c.relnamespace = 'user_mgmt'::regnamespace AND c.relkind IN ('r', 'p')$$,
    ARRAY['app_user', 'institution', 'user_role', 'institution_member', 'coach_assignment', 'user_program_enrollment', 'user_workout_session', 'user_set_log', 'user_measurement', 'billing_plan', 'subscription', 'payment'],
    'user_mgmt holds exactly the tables of docs/reference/tables.md'
);
SELECT has_table('user_mgmt', 'app_user', 'table user_mgmt.app_user exists');
SELECT col_is_pk('user_mgmt', 'app_user', 'id', 'user_mgmt.app_user.id is the primary key');
SELECT col_type_is('user_mgmt', 'app_user', 'id', 'uuid', 'user_mgmt.app_user.id is uuid');
SELECT col_type_is('user_mgmt', 'app_user', 'auth_subject', 'text', 'user_mgmt.app_user.auth_subject is text');
SELECT col_type_is('user_mgmt', 'app_user', 'email', 'text', 'user_mgmt.app_user.email is text');
SELECT col_type_is('user_mgmt', 'app_user', 'display_name', 'text', 'user_mgmt.app_user.display_name is text');
SELECT col_type_is('user_mgmt', 'app_user', 'given_name', 'text', 'user_mgmt.app_user.given_name is text');
SELECT col_type_is('user_mgmt', 'app_user', 'family_name', 'text', 'user_mgmt.app_user.family_name is text');
SELECT col_type_is('user_mgmt', 'app_user', 'birth_date', 'date', 'user_mgmt.app_user.birth_date is date');
SELECT col_type_is('user_mgmt', 'app_user', 'sex', 'text', 'user_mgmt.app_user.sex is text');
SELECT col_type_is('user_mgmt', 'app_user', 'height_cm', 'numeric(5,1)', 'user_mgmt.app_user.height_cm is numeric(5,1)');
SELECT col_type_is('user_mgmt', 'app_user', 'language_code', 'text', 'user_mgmt.app_user.language_code is text');
SELECT col_type_is('user_mgmt', 'app_user', 'timezone', 'text', 'user_mgmt.app_user.timezone is text');
SELECT col_type_is('user_mgmt', 'app_user', 'unit_system', 'text', 'user_mgmt.app_user.unit_system is text');
SELECT col_type_is('user_mgmt', 'app_user', 'last_seen_at', 'timestamp with time zone', 'user_mgmt.app_user.last_seen_at is timestamp with time zone');
SELECT col_not_null('user_mgmt', 'app_user', 'is_active', 'user_mgmt.app_user.is_active is NOT NULL');
SELECT has_table('user_mgmt', 'institution', 'table user_mgmt.institution exists');
SELECT col_is_pk('user_mgmt', 'institution', 'id', 'user_mgmt.institution.id is the primary key');
SELECT col_type_is('user_mgmt', 'institution', 'id', 'uuid', 'user_mgmt.institution.id is uuid');
SELECT col_type_is('user_mgmt', 'institution', 'name', 'text', 'user_mgmt.institution.name is text');
SELECT col_type_is('user_mgmt', 'institution', 'slug', 'text', 'user_mgmt.institution.slug is text');
SELECT col_type_is('user_mgmt', 'institution', 'kind', 'text', 'user_mgmt.institution.kind is text');
SELECT col_type_is('user_mgmt', 'institution', 'timezone', 'text', 'user_mgmt.institution.timezone is text');
SELECT col_type_is('user_mgmt', 'institution', 'language_code', 'text', 'user_mgmt.institution.language_code is text');
SELECT col_type_is('user_mgmt', 'institution', 'max_members', 'integer', 'user_mgmt.institution.max_members is integer');
SELECT col_type_is('user_mgmt', 'institution', 'contact_email', 'text', 'user_mgmt.institution.contact_email is text');
SELECT col_not_null('user_mgmt', 'institution', 'is_active', 'user_mgmt.institution.is_active is NOT NULL');
SELECT has_table('user_mgmt', 'user_role', 'table user_mgmt.user_role exists');
SELECT col_is_pk('user_mgmt', 'user_role', 'id', 'user_mgmt.user_role.id is the primary key');
SELECT col_type_is('user_mgmt', 'user_role', 'id', 'uuid', 'user_mgmt.user_role.id is uuid');
SELECT col_type_is('user_mgmt', 'user_role', 'user_id', 'uuid', 'user_mgmt.user_role.user_id is uuid');
SELECT col_type_is('user_mgmt', 'user_role', 'role_id', 'uuid', 'user_mgmt.user_role.role_id is uuid');
SELECT col_type_is('user_mgmt', 'user_role', 'institution_id', 'uuid', 'user_mgmt.user_role.institution_id is uuid');
SELECT col_type_is('user_mgmt', 'user_role', 'granted_by', 'uuid', 'user_mgmt.user_role.granted_by is uuid');
SELECT col_type_is('user_mgmt', 'user_role', 'granted_at', 'timestamp with time zone', 'user_mgmt.user_role.granted_at is timestamp with time zone');
SELECT col_type_is('user_mgmt', 'user_role', 'expires_at', 'timestamp with time zone', 'user_mgmt.user_role.expires_at is timestamp with time zone');
SELECT col_type_is('user_mgmt', 'user_role', 'reason', 'text', 'user_mgmt.user_role.reason is text');
SELECT col_not_null('user_mgmt', 'user_role', 'is_active', 'user_mgmt.user_role.is_active is NOT NULL');
SELECT has_table('user_mgmt', 'institution_member', 'table user_mgmt.institution_member exists');
SELECT col_is_pk('user_mgmt', 'institution_member', 'id', 'user_mgmt.institution_member.id is the primary key');
SELECT col_type_is('user_mgmt', 'institution_member', 'id', 'uuid', 'user_mgmt.institution_member.id is uuid');
SELECT col_type_is('user_mgmt', 'institution_member', 'institution_id', 'uuid', 'user_mgmt.institution_member.institution_id is uuid');
SELECT col_type_is('user_mgmt', 'institution_member', 'user_id', 'uuid', 'user_mgmt.institution_member.user_id is uuid');
SELECT col_type_is('user_mgmt', 'institution_member', 'member_role', 'text', 'user_mgmt.institution_member.member_role is text');
SELECT col_type_is('user_mgmt', 'institution_member', 'status', 'text', 'user_mgmt.institution_member.status is text');
SELECT col_type_is('user_mgmt', 'institution_member', 'joined_at', 'timestamp with time zone', 'user_mgmt.institution_member.joined_at is timestamp with time zone');
SELECT col_type_is('user_mgmt', 'institution_member', 'left_at', 'timestamp with time zone', 'user_mgmt.institution_member.left_at is timestamp with time zone');
SELECT col_not_null('user_mgmt', 'institution_member', 'is_active', 'user_mgmt.institution_member.is_active is NOT NULL');
SELECT has_table('user_mgmt', 'coach_assignment', 'table user_mgmt.coach_assignment exists');
SELECT col_is_pk('user_mgmt', 'coach_assignment', 'id', 'user_mgmt.coach_assignment.id is the primary key');
SELECT col_type_is('user_mgmt', 'coach_assignment', 'id', 'uuid', 'user_mgmt.coach_assignment.id is uuid');
SELECT col_type_is('user_mgmt', 'coach_assignment', 'institution_id', 'uuid', 'user_mgmt.coach_assignment.institution_id is uuid');
SELECT col_type_is('user_mgmt', 'coach_assignment', 'coach_id', 'uuid', 'user_mgmt.coach_assignment.coach_id is uuid');
SELECT col_type_is('user_mgmt', 'coach_assignment', 'member_id', 'uuid', 'user_mgmt.coach_assignment.member_id is uuid');
SELECT col_not_null('user_mgmt', 'coach_assignment', 'is_active', 'user_mgmt.coach_assignment.is_active is NOT NULL');
SELECT has_table('user_mgmt', 'user_program_enrollment', 'table user_mgmt.user_program_enrollment exists');
SELECT col_is_pk('user_mgmt', 'user_program_enrollment', 'id', 'user_mgmt.user_program_enrollment.id is the primary key');
SELECT col_type_is('user_mgmt', 'user_program_enrollment', 'id', 'uuid', 'user_mgmt.user_program_enrollment.id is uuid');
SELECT col_type_is('user_mgmt', 'user_program_enrollment', 'user_id', 'uuid', 'user_mgmt.user_program_enrollment.user_id is uuid');
SELECT col_type_is('user_mgmt', 'user_program_enrollment', 'program_id', 'uuid', 'user_mgmt.user_program_enrollment.program_id is uuid');
SELECT col_type_is('user_mgmt', 'user_program_enrollment', 'started_on', 'date', 'user_mgmt.user_program_enrollment.started_on is date');
SELECT col_type_is('user_mgmt', 'user_program_enrollment', 'status', 'text', 'user_mgmt.user_program_enrollment.status is text');
SELECT col_type_is('user_mgmt', 'user_program_enrollment', 'current_week', 'integer', 'user_mgmt.user_program_enrollment.current_week is integer');
SELECT col_not_null('user_mgmt', 'user_program_enrollment', 'is_active', 'user_mgmt.user_program_enrollment.is_active is NOT NULL');
SELECT has_table('user_mgmt', 'user_workout_session', 'table user_mgmt.user_workout_session exists');
SELECT col_is_pk('user_mgmt', 'user_workout_session', 'id', 'user_mgmt.user_workout_session.id is the primary key');
SELECT col_type_is('user_mgmt', 'user_workout_session', 'id', 'uuid', 'user_mgmt.user_workout_session.id is uuid');
SELECT col_type_is('user_mgmt', 'user_workout_session', 'user_id', 'uuid', 'user_mgmt.user_workout_session.user_id is uuid');
SELECT col_type_is('user_mgmt', 'user_workout_session', 'workout_id', 'uuid', 'user_mgmt.user_workout_session.workout_id is uuid');
SELECT col_type_is('user_mgmt', 'user_workout_session', 'schedule_workout_id', 'uuid', 'user_mgmt.user_workout_session.schedule_workout_id is uuid');
SELECT col_type_is('user_mgmt', 'user_workout_session', 'started_at', 'timestamp with time zone', 'user_mgmt.user_workout_session.started_at is timestamp with time zone');
SELECT col_type_is('user_mgmt', 'user_workout_session', 'ended_at', 'timestamp with time zone', 'user_mgmt.user_workout_session.ended_at is timestamp with time zone');
SELECT col_type_is('user_mgmt', 'user_workout_session', 'status', 'text', 'user_mgmt.user_workout_session.status is text');
SELECT col_type_is('user_mgmt', 'user_workout_session', 'perceived_exertion', 'smallint', 'user_mgmt.user_workout_session.perceived_exertion is smallint');
SELECT col_type_is('user_mgmt', 'user_workout_session', 'notes', 'text', 'user_mgmt.user_workout_session.notes is text');
SELECT col_type_is('user_mgmt', 'user_workout_session', 'total_volume_kg', 'numeric(12,2)', 'user_mgmt.user_workout_session.total_volume_kg is numeric(12,2)');
SELECT col_type_is('user_mgmt', 'user_workout_session', 'duration_s', 'integer', 'user_mgmt.user_workout_session.duration_s is integer');
SELECT col_not_null('user_mgmt', 'user_workout_session', 'is_active', 'user_mgmt.user_workout_session.is_active is NOT NULL');
SELECT has_table('user_mgmt', 'user_set_log', 'table user_mgmt.user_set_log exists');
SELECT col_is_pk('user_mgmt', 'user_set_log', 'id', 'user_mgmt.user_set_log.id is the primary key');
SELECT col_type_is('user_mgmt', 'user_set_log', 'id', 'uuid', 'user_mgmt.user_set_log.id is uuid');
SELECT col_type_is('user_mgmt', 'user_set_log', 'session_id', 'uuid', 'user_mgmt.user_set_log.session_id is uuid');
SELECT col_type_is('user_mgmt', 'user_set_log', 'user_id', 'uuid', 'user_mgmt.user_set_log.user_id is uuid');
SELECT col_type_is('user_mgmt', 'user_set_log', 'exercise_id', 'uuid', 'user_mgmt.user_set_log.exercise_id is uuid');
SELECT col_type_is('user_mgmt', 'user_set_log', 'exercise_variant_id', 'uuid', 'user_mgmt.user_set_log.exercise_variant_id is uuid');
SELECT col_type_is('user_mgmt', 'user_set_log', 'set_index', 'integer', 'user_mgmt.user_set_log.set_index is integer');
SELECT col_type_is('user_mgmt', 'user_set_log', 'set_type', 'text', 'user_mgmt.user_set_log.set_type is text');
SELECT col_type_is('user_mgmt', 'user_set_log', 'reps', 'integer', 'user_mgmt.user_set_log.reps is integer');
SELECT col_type_is('user_mgmt', 'user_set_log', 'weight_kg', 'numeric(6,2)', 'user_mgmt.user_set_log.weight_kg is numeric(6,2)');
SELECT col_type_is('user_mgmt', 'user_set_log', 'duration_s', 'integer', 'user_mgmt.user_set_log.duration_s is integer');
SELECT col_type_is('user_mgmt', 'user_set_log', 'distance_m', 'numeric(9,2)', 'user_mgmt.user_set_log.distance_m is numeric(9,2)');
SELECT col_type_is('user_mgmt', 'user_set_log', 'rpe', 'numeric(3,1)', 'user_mgmt.user_set_log.rpe is numeric(3,1)');
SELECT col_type_is('user_mgmt', 'user_set_log', 'rir', 'numeric(3,1)', 'user_mgmt.user_set_log.rir is numeric(3,1)');
SELECT col_type_is('user_mgmt', 'user_set_log', 'rest_s', 'integer', 'user_mgmt.user_set_log.rest_s is integer');
SELECT col_type_is('user_mgmt', 'user_set_log', 'is_personal_record', 'boolean', 'user_mgmt.user_set_log.is_personal_record is boolean');
SELECT col_not_null('user_mgmt', 'user_set_log', 'is_active', 'user_mgmt.user_set_log.is_active is NOT NULL');
SELECT has_table('user_mgmt', 'user_measurement', 'table user_mgmt.user_measurement exists');
SELECT col_is_pk('user_mgmt', 'user_measurement', 'id', 'user_mgmt.user_measurement.id is the primary key');
SELECT col_type_is('user_mgmt', 'user_measurement', 'id', 'uuid', 'user_mgmt.user_measurement.id is uuid');
SELECT col_type_is('user_mgmt', 'user_measurement', 'user_id', 'uuid', 'user_mgmt.user_measurement.user_id is uuid');
SELECT col_type_is('user_mgmt', 'user_measurement', 'metric', 'text', 'user_mgmt.user_measurement.metric is text');
SELECT col_type_is('user_mgmt', 'user_measurement', 'value', 'numeric(10,3)', 'user_mgmt.user_measurement.value is numeric(10,3)');
SELECT col_type_is('user_mgmt', 'user_measurement', 'measured_at', 'timestamp with time zone', 'user_mgmt.user_measurement.measured_at is timestamp with time zone');
SELECT col_type_is('user_mgmt', 'user_measurement', 'source', 'text', 'user_mgmt.user_measurement.source is text');
SELECT col_not_null('user_mgmt', 'user_measurement', 'is_active', 'user_mgmt.user_measurement.is_active is NOT NULL');
SELECT has_table('user_mgmt', 'billing_plan', 'table user_mgmt.billing_plan exists');
SELECT col_is_pk('user_mgmt', 'billing_plan', 'id', 'user_mgmt.billing_plan.id is the primary key');
SELECT col_type_is('user_mgmt', 'billing_plan', 'id', 'uuid', 'user_mgmt.billing_plan.id is uuid');
SELECT col_type_is('user_mgmt', 'billing_plan', 'institution_id', 'uuid', 'user_mgmt.billing_plan.institution_id is uuid');
SELECT col_type_is('user_mgmt', 'billing_plan', 'code', 'text', 'user_mgmt.billing_plan.code is text');
SELECT col_type_is('user_mgmt', 'billing_plan', 'name', 'text', 'user_mgmt.billing_plan.name is text');
SELECT col_type_is('user_mgmt', 'billing_plan', 'amount', 'numeric(12,2)', 'user_mgmt.billing_plan.amount is numeric(12,2)');
SELECT col_type_is('user_mgmt', 'billing_plan', 'currency', 'character(3)', 'user_mgmt.billing_plan.currency is character(3)');
SELECT col_type_is('user_mgmt', 'billing_plan', 'billing_interval', 'text', 'user_mgmt.billing_plan.billing_interval is text');
SELECT col_type_is('user_mgmt', 'billing_plan', 'interval_count', 'integer', 'user_mgmt.billing_plan.interval_count is integer');
SELECT col_type_is('user_mgmt', 'billing_plan', 'trial_days', 'integer', 'user_mgmt.billing_plan.trial_days is integer');
SELECT col_not_null('user_mgmt', 'billing_plan', 'is_active', 'user_mgmt.billing_plan.is_active is NOT NULL');
SELECT has_table('user_mgmt', 'subscription', 'table user_mgmt.subscription exists');
SELECT col_is_pk('user_mgmt', 'subscription', 'id', 'user_mgmt.subscription.id is the primary key');
SELECT col_type_is('user_mgmt', 'subscription', 'id', 'uuid', 'user_mgmt.subscription.id is uuid');
SELECT col_type_is('user_mgmt', 'subscription', 'user_id', 'uuid', 'user_mgmt.subscription.user_id is uuid');
SELECT col_type_is('user_mgmt', 'subscription', 'institution_id', 'uuid', 'user_mgmt.subscription.institution_id is uuid');
SELECT col_type_is('user_mgmt', 'subscription', 'billing_plan_id', 'uuid', 'user_mgmt.subscription.billing_plan_id is uuid');
SELECT col_type_is('user_mgmt', 'subscription', 'status', 'text', 'user_mgmt.subscription.status is text');
SELECT col_type_is('user_mgmt', 'subscription', 'current_period_start', 'timestamp with time zone', 'user_mgmt.subscription.current_period_start is timestamp with time zone');
SELECT col_type_is('user_mgmt', 'subscription', 'current_period_end', 'timestamp with time zone', 'user_mgmt.subscription.current_period_end is timestamp with time zone');
SELECT col_type_is('user_mgmt', 'subscription', 'trial_end', 'timestamp with time zone', 'user_mgmt.subscription.trial_end is timestamp with time zone');
SELECT col_type_is('user_mgmt', 'subscription', 'cancel_at', 'timestamp with time zone', 'user_mgmt.subscription.cancel_at is timestamp with time zone');
SELECT col_type_is('user_mgmt', 'subscription', 'canceled_at', 'timestamp with time zone', 'user_mgmt.subscription.canceled_at is timestamp with time zone');
SELECT col_type_is('user_mgmt', 'subscription', 'provider', 'text', 'user_mgmt.subscription.provider is text');
SELECT col_type_is('user_mgmt', 'subscription', 'provider_ref', 'text', 'user_mgmt.subscription.provider_ref is text');
SELECT col_not_null('user_mgmt', 'subscription', 'is_active', 'user_mgmt.subscription.is_active is NOT NULL');
SELECT has_table('user_mgmt', 'payment', 'table user_mgmt.payment exists');
SELECT col_is_pk('user_mgmt', 'payment', 'id', 'user_mgmt.payment.id is the primary key');
SELECT col_type_is('user_mgmt', 'payment', 'id', 'uuid', 'user_mgmt.payment.id is uuid');
SELECT col_type_is('user_mgmt', 'payment', 'subscription_id', 'uuid', 'user_mgmt.payment.subscription_id is uuid');
SELECT col_type_is('user_mgmt', 'payment', 'amount', 'numeric(12,2)', 'user_mgmt.payment.amount is numeric(12,2)');
SELECT col_type_is('user_mgmt', 'payment', 'currency', 'character(3)', 'user_mgmt.payment.currency is character(3)');
SELECT col_type_is('user_mgmt', 'payment', 'status', 'text', 'user_mgmt.payment.status is text');
SELECT col_type_is('user_mgmt', 'payment', 'paid_at', 'timestamp with time zone', 'user_mgmt.payment.paid_at is timestamp with time zone');
SELECT col_type_is('user_mgmt', 'payment', 'provider', 'text', 'user_mgmt.payment.provider is text');
SELECT col_type_is('user_mgmt', 'payment', 'provider_ref', 'text', 'user_mgmt.payment.provider_ref is text');
SELECT col_type_is('user_mgmt', 'payment', 'failure_reason', 'text', 'user_mgmt.payment.failure_reason is text');
SELECT col_not_null('user_mgmt', 'payment', 'is_active', 'user_mgmt.payment.is_active is NOT NULL');
SELECT fk_ok('user_mgmt', 'user_role', ARRAY['user_id']::name[], 'user_mgmt', 'app_user', ARRAY['id']::name[], 'user_mgmt.user_role(user_id) references user_mgmt.app_user(id)');
SELECT fk_ok('user_mgmt', 'user_role', ARRAY['role_id']::name[], 'core', 'role', ARRAY['id']::name[], 'user_mgmt.user_role(role_id) references core.role(id)');
SELECT fk_ok('user_mgmt', 'user_role', ARRAY['institution_id']::name[], 'user_mgmt', 'institution', ARRAY['id']::name[], 'user_mgmt.user_role(institution_id) references user_mgmt.institution(id)');
SELECT fk_ok('user_mgmt', 'institution_member', ARRAY['institution_id']::name[], 'user_mgmt', 'institution', ARRAY['id']::name[], 'user_mgmt.institution_member(institution_id) references user_mgmt.institution(id)');
SELECT fk_ok('user_mgmt', 'institution_member', ARRAY['user_id']::name[], 'user_mgmt', 'app_user', ARRAY['id']::name[], 'user_mgmt.institution_member(user_id) references user_mgmt.app_user(id)');
SELECT fk_ok('user_mgmt', 'coach_assignment', ARRAY['institution_id']::name[], 'user_mgmt', 'institution', ARRAY['id']::name[], 'user_mgmt.coach_assignment(institution_id) references user_mgmt.institution(id)');
SELECT fk_ok('user_mgmt', 'coach_assignment', ARRAY['coach_id']::name[], 'user_mgmt', 'app_user', ARRAY['id']::name[], 'user_mgmt.coach_assignment(coach_id) references user_mgmt.app_user(id)');
SELECT fk_ok('user_mgmt', 'coach_assignment', ARRAY['member_id']::name[], 'user_mgmt', 'app_user', ARRAY['id']::name[], 'user_mgmt.coach_assignment(member_id) references user_mgmt.app_user(id)');
SELECT fk_ok('user_mgmt', 'user_program_enrollment', ARRAY['user_id']::name[], 'user_mgmt', 'app_user', ARRAY['id']::name[], 'user_mgmt.user_program_enrollment(user_id) references user_mgmt.app_user(id)');
SELECT fk_ok('user_mgmt', 'user_program_enrollment', ARRAY['institution_id']::name[], 'user_mgmt', 'institution', ARRAY['id']::name[], 'user_mgmt.user_program_enrollment(institution_id) references user_mgmt.institution(id)');
SELECT fk_ok('user_mgmt', 'user_workout_session', ARRAY['user_id']::name[], 'user_mgmt', 'app_user', ARRAY['id']::name[], 'user_mgmt.user_workout_session(user_id) references user_mgmt.app_user(id)');
SELECT fk_ok('user_mgmt', 'user_workout_session', ARRAY['program_enrollment_id', 'user_id']::name[], 'user_mgmt', 'user_program_enrollment', ARRAY['id', 'user_id']::name[], 'user_mgmt.user_workout_session(program_enrollment_id, user_id) references user_mgmt.user_program_enrollment(id, user_id)');
SELECT fk_ok('user_mgmt', 'user_set_log', ARRAY['session_id', 'user_id']::name[], 'user_mgmt', 'user_workout_session', ARRAY['id', 'user_id']::name[], 'user_mgmt.user_set_log(session_id, user_id) references user_mgmt.user_workout_session(id, user_id)');
SELECT fk_ok('user_mgmt', 'user_measurement', ARRAY['user_id']::name[], 'user_mgmt', 'app_user', ARRAY['id']::name[], 'user_mgmt.user_measurement(user_id) references user_mgmt.app_user(id)');
SELECT fk_ok('user_mgmt', 'billing_plan', ARRAY['institution_id']::name[], 'user_mgmt', 'institution', ARRAY['id']::name[], 'user_mgmt.billing_plan(institution_id) references user_mgmt.institution(id)');
SELECT fk_ok('user_mgmt', 'subscription', ARRAY['user_id']::name[], 'user_mgmt', 'app_user', ARRAY['id']::name[], 'user_mgmt.subscription(user_id) references user_mgmt.app_user(id)');
SELECT fk_ok('user_mgmt', 'subscription', ARRAY['institution_id']::name[], 'user_mgmt', 'institution', ARRAY['id']::name[], 'user_mgmt.subscription(institution_id) references user_mgmt.institution(id)');
SELECT fk_ok('user_mgmt', 'subscription', ARRAY['billing_plan_id']::name[], 'user_mgmt', 'billing_plan', ARRAY['id']::name[], 'user_mgmt.subscription(billing_plan_id) references user_mgmt.billing_plan(id)');
SELECT fk_ok('user_mgmt', 'payment', ARRAY['subscription_id', 'user_id']::name[], 'user_mgmt', 'subscription', ARRAY['id', 'user_id']::name[], 'user_mgmt.payment(subscription_id, user_id) references user_mgmt.subscription(id, user_id)');
SELECT fk_ok('user_mgmt', 'payment', ARRAY['subscription_id', 'institution_id']::name[], 'user_mgmt', 'subscription', ARRAY['id', 'institution_id']::name[], 'user_mgmt.payment(subscription_id, institution_id) references user_mgmt.subscription(id, institution_id)');
SELECT is(
    (SELECT count(*)::int FROM pg_catalog.pg_constraint
      WHERE contype = 'f' AND connamespace = 'user_mgmt'::regnamespace
        AND confrelid::regclass::text !~ '^(content|platform)\.'),
    20,
    'user_mgmt has exactly the foreign keys tested above (besides those 30_content/40_platform add)'
);
SELECT is(
    (SELECT confdeltype::text FROM pg_catalog.pg_constraint
      WHERE conname = 'user_set_log_session_id_fkey' AND connamespace = 'user_mgmt'::regnamespace),
    'c',
    'user_set_log_session_id_fkey: set logs go with their session'
);
SELECT is(
    (SELECT confdeltype::text FROM pg_catalog.pg_constraint
      WHERE conname = 'user_role_user_id_fkey' AND connamespace = 'user_mgmt'::regnamespace),
    'c',
    'user_role_user_id_fkey: role grants go with their user'
);
SELECT is(
    (SELECT confdeltype::text FROM pg_catalog.pg_constraint
      WHERE conname = 'payment_subscription_id_user_id_fkey' AND connamespace = 'user_mgmt'::regnamespace),
    'r',
    'payment_subscription_id_user_id_fkey: payments are kept: their subscription cannot be deleted'
);
SELECT is(
    (SELECT confdeltype::text FROM pg_catalog.pg_constraint
      WHERE conname = 'subscription_user_id_fkey' AND connamespace = 'user_mgmt'::regnamespace),
    'r',
    'subscription_user_id_fkey: subscriptions are kept: their user cannot be hard-deleted'
);
SELECT is(
    (SELECT confdeltype::text FROM pg_catalog.pg_constraint
      WHERE conname = 'subscription_institution_id_fkey' AND connamespace = 'user_mgmt'::regnamespace),
    'r',
    'subscription_institution_id_fkey: subscriptions are kept: their institution cannot be hard-deleted'
);
SELECT is(
    (SELECT confdeltype::text FROM pg_catalog.pg_constraint
      WHERE conname = 'user_workout_session_program_enrollment_id_fkey' AND connamespace = 'user_mgmt'::regnamespace),
    'n',
    'user_workout_session_program_enrollment_id_fkey: a session survives its enrollment'
);
SELECT has_index('user_mgmt', 'app_user', 'app_user_auth_subject_active_uq', ARRAY['auth_subject']::name[], 'index app_user_auth_subject_active_uq on app_user(auth_subject)');
SELECT index_is_unique('user_mgmt', 'app_user', 'app_user_auth_subject_active_uq', 'index app_user_auth_subject_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.app_user_auth_subject_active_uq'::regclass),
    'is_active',
    'index app_user_auth_subject_active_uq is partial: is_active'
);
SELECT has_index('user_mgmt', 'app_user', 'app_user_language_code_idx', ARRAY['language_code']::name[], 'index app_user_language_code_idx on app_user(language_code)');
SELECT has_index('user_mgmt', 'institution', 'institution_slug_active_uq', ARRAY['slug']::name[], 'index institution_slug_active_uq on institution(slug)');
SELECT index_is_unique('user_mgmt', 'institution', 'institution_slug_active_uq', 'index institution_slug_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.institution_slug_active_uq'::regclass),
    'is_active',
    'index institution_slug_active_uq is partial: is_active'
);
SELECT has_index('user_mgmt', 'institution', 'institution_language_code_idx', ARRAY['language_code']::name[], 'index institution_language_code_idx on institution(language_code)');
SELECT has_index('user_mgmt', 'user_role', 'user_role_user_id_idx', ARRAY['user_id']::name[], 'index user_role_user_id_idx on user_role(user_id)');
SELECT has_index('user_mgmt', 'user_role', 'user_role_role_id_idx', ARRAY['role_id']::name[], 'index user_role_role_id_idx on user_role(role_id)');
SELECT has_index('user_mgmt', 'user_role', 'user_role_institution_id_idx', ARRAY['institution_id']::name[], 'index user_role_institution_id_idx on user_role(institution_id)');
SELECT has_index('user_mgmt', 'user_role', 'user_role_user_id_active_idx', ARRAY['user_id', 'role_id', 'institution_id', 'expires_at']::name[], 'index user_role_user_id_active_idx on user_role(user_id, role_id, institution_id, expires_at)');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.user_role_user_id_active_idx'::regclass),
    'is_active',
    'index user_role_user_id_active_idx is partial: is_active'
);
SELECT has_index('user_mgmt', 'user_role', 'user_role_user_id_role_id_institution_id_active_uq', ARRAY['user_id', 'role_id', 'institution_id']::name[], 'index user_role_user_id_role_id_institution_id_active_uq on user_role(user_id, role_id, institution_id)');
SELECT index_is_unique('user_mgmt', 'user_role', 'user_role_user_id_role_id_institution_id_active_uq', 'index user_role_user_id_role_id_institution_id_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.user_role_user_id_role_id_institution_id_active_uq'::regclass),
    'is_active',
    'index user_role_user_id_role_id_institution_id_active_uq is partial: is_active'
);
SELECT has_index('user_mgmt', 'institution_member', 'institution_member_institution_id_idx', ARRAY['institution_id', 'member_role']::name[], 'index institution_member_institution_id_idx on institution_member(institution_id, member_role)');
SELECT has_index('user_mgmt', 'institution_member', 'institution_member_user_id_idx', ARRAY['user_id']::name[], 'index institution_member_user_id_idx on institution_member(user_id)');
SELECT has_index('user_mgmt', 'institution_member', 'institution_member_user_id_active_idx', ARRAY['user_id', 'institution_id', 'member_role', 'status']::name[], 'index institution_member_user_id_active_idx on institution_member(user_id, institution_id, member_role, status)');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.institution_member_user_id_active_idx'::regclass),
    'is_active',
    'index institution_member_user_id_active_idx is partial: is_active'
);
SELECT has_index('user_mgmt', 'institution_member', 'institution_member_institution_id_user_id_active_uq', ARRAY['institution_id', 'user_id']::name[], 'index institution_member_institution_id_user_id_active_uq on institution_member(institution_id, user_id)');
SELECT index_is_unique('user_mgmt', 'institution_member', 'institution_member_institution_id_user_id_active_uq', 'index institution_member_institution_id_user_id_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.institution_member_institution_id_user_id_active_uq'::regclass),
    '(is_active AND (status = ANY (ARRAY[''invited''::text, ''active''::text, ''suspended''::text])))',
    'index institution_member_institution_id_user_id_active_uq is partial: (is_active AND (status = ANY (ARRAY[invited::text, active::text, suspended::text])))'
);
SELECT has_index('user_mgmt', 'coach_assignment', 'coach_assignment_institution_id_idx', ARRAY['institution_id']::name[], 'index coach_assignment_institution_id_idx on coach_assignment(institution_id)');
SELECT has_index('user_mgmt', 'coach_assignment', 'coach_assignment_coach_id_idx', ARRAY['coach_id']::name[], 'index coach_assignment_coach_id_idx on coach_assignment(coach_id)');
SELECT has_index('user_mgmt', 'coach_assignment', 'coach_assignment_member_id_idx', ARRAY['member_id']::name[], 'index coach_assignment_member_id_idx on coach_assignment(member_id)');
SELECT has_index('user_mgmt', 'coach_assignment', 'coach_assignment_coach_id_active_idx', ARRAY['coach_id', 'member_id', 'institution_id']::name[], 'index coach_assignment_coach_id_active_idx on coach_assignment(coach_id, member_id, institution_id)');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.coach_assignment_coach_id_active_idx'::regclass),
    'is_active',
    'index coach_assignment_coach_id_active_idx is partial: is_active'
);
SELECT has_index('user_mgmt', 'coach_assignment', 'coach_assignment_institution_id_coach_id_member_id_active_uq', ARRAY['institution_id', 'coach_id', 'member_id']::name[], 'index coach_assignment_institution_id_coach_id_member_id_active_uq on coach_assignment(institution_id, coach_id, member_id)');
SELECT index_is_unique('user_mgmt', 'coach_assignment', 'coach_assignment_institution_id_coach_id_member_id_active_uq', 'index coach_assignment_institution_id_coach_id_member_id_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.coach_assignment_institution_id_coach_id_member_id_active_uq'::regclass),
    'is_active',
    'index coach_assignment_institution_id_coach_id_member_id_active_uq is partial: is_active'
);
SELECT has_index('user_mgmt', 'user_program_enrollment', 'user_program_enrollment_user_id_idx', ARRAY['user_id', 'started_on']::name[], 'index user_program_enrollment_user_id_idx on user_program_enrollment(user_id, started_on)');
SELECT has_index('user_mgmt', 'user_program_enrollment', 'user_program_enrollment_program_id_idx', ARRAY['program_id']::name[], 'index user_program_enrollment_program_id_idx on user_program_enrollment(program_id)');
SELECT has_index('user_mgmt', 'user_program_enrollment', 'user_program_enrollment_institution_id_idx', ARRAY['institution_id']::name[], 'index user_program_enrollment_institution_id_idx on user_program_enrollment(institution_id)');
SELECT has_index('user_mgmt', 'user_program_enrollment', 'user_program_enrollment_user_id_program_id_active_uq', ARRAY['user_id', 'program_id']::name[], 'index user_program_enrollment_user_id_program_id_active_uq on user_program_enrollment(user_id, program_id)');
SELECT index_is_unique('user_mgmt', 'user_program_enrollment', 'user_program_enrollment_user_id_program_id_active_uq', 'index user_program_enrollment_user_id_program_id_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.user_program_enrollment_user_id_program_id_active_uq'::regclass),
    '(is_active AND (status = ANY (ARRAY[''scheduled''::text, ''active''::text, ''paused''::text])))',
    'index user_program_enrollment_user_id_program_id_active_uq is partial: (is_active AND (status = ANY (ARRAY[scheduled::text, active::text, paused::text])))'
);
SELECT has_index('user_mgmt', 'user_workout_session', 'user_workout_session_user_id_started_at_idx', ARRAY['user_id', 'started_at']::name[], 'index user_workout_session_user_id_started_at_idx on user_workout_session(user_id, started_at)');
SELECT has_index('user_mgmt', 'user_workout_session', 'user_workout_session_workout_id_idx', ARRAY['workout_id']::name[], 'index user_workout_session_workout_id_idx on user_workout_session(workout_id)');
SELECT has_index('user_mgmt', 'user_workout_session', 'user_workout_session_schedule_workout_id_idx', ARRAY['schedule_workout_id']::name[], 'index user_workout_session_schedule_workout_id_idx on user_workout_session(schedule_workout_id)');
SELECT has_index('user_mgmt', 'user_workout_session', 'user_workout_session_program_enrollment_id_idx', ARRAY['program_enrollment_id', 'user_id']::name[], 'index user_workout_session_program_enrollment_id_idx on user_workout_session(program_enrollment_id, user_id)');
SELECT has_index('user_mgmt', 'user_workout_session', 'user_workout_session_user_id_in_progress_active_uq', ARRAY['user_id']::name[], 'index user_workout_session_user_id_in_progress_active_uq on user_workout_session(user_id)');
SELECT index_is_unique('user_mgmt', 'user_workout_session', 'user_workout_session_user_id_in_progress_active_uq', 'index user_workout_session_user_id_in_progress_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.user_workout_session_user_id_in_progress_active_uq'::regclass),
    '(is_active AND (status = ''in_progress''::text))',
    'index user_workout_session_user_id_in_progress_active_uq is partial: (is_active AND (status = in_progress::text))'
);
SELECT has_index('user_mgmt', 'user_set_log', 'user_set_log_session_id_idx', ARRAY['session_id', 'user_id']::name[], 'index user_set_log_session_id_idx on user_set_log(session_id, user_id)');
SELECT has_index('user_mgmt', 'user_set_log', 'user_set_log_session_id_set_index_active_uq', ARRAY['session_id', 'set_index']::name[], 'index user_set_log_session_id_set_index_active_uq on user_set_log(session_id, set_index)');
SELECT index_is_unique('user_mgmt', 'user_set_log', 'user_set_log_session_id_set_index_active_uq', 'index user_set_log_session_id_set_index_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.user_set_log_session_id_set_index_active_uq'::regclass),
    'is_active',
    'index user_set_log_session_id_set_index_active_uq is partial: is_active'
);
SELECT has_index('user_mgmt', 'user_set_log', 'user_set_log_exercise_id_idx', ARRAY['exercise_id', 'user_id']::name[], 'index user_set_log_exercise_id_idx on user_set_log(exercise_id, user_id)');
SELECT has_index('user_mgmt', 'user_set_log', 'user_set_log_exercise_variant_id_idx', ARRAY['exercise_variant_id']::name[], 'index user_set_log_exercise_variant_id_idx on user_set_log(exercise_variant_id)');
SELECT has_index('user_mgmt', 'user_set_log', 'user_set_log_workout_set_id_idx', ARRAY['workout_set_id']::name[], 'index user_set_log_workout_set_id_idx on user_set_log(workout_set_id)');
SELECT has_index('user_mgmt', 'user_set_log', 'user_set_log_user_id_performed_at_idx', ARRAY['user_id', 'performed_at']::name[], 'index user_set_log_user_id_performed_at_idx on user_set_log(user_id, performed_at)');
SELECT has_index('user_mgmt', 'user_measurement', 'user_measurement_user_id_metric_measured_at_idx', ARRAY['user_id', 'metric', 'measured_at']::name[], 'index user_measurement_user_id_metric_measured_at_idx on user_measurement(user_id, metric, measured_at)');
SELECT has_index('user_mgmt', 'user_measurement', 'user_measurement_user_id_metric_measured_at_active_uq', ARRAY['user_id', 'metric', 'measured_at']::name[], 'index user_measurement_user_id_metric_measured_at_active_uq on user_measurement(user_id, metric, measured_at)');
SELECT index_is_unique('user_mgmt', 'user_measurement', 'user_measurement_user_id_metric_measured_at_active_uq', 'index user_measurement_user_id_metric_measured_at_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.user_measurement_user_id_metric_measured_at_active_uq'::regclass),
    'is_active',
    'index user_measurement_user_id_metric_measured_at_active_uq is partial: is_active'
);
SELECT has_index('user_mgmt', 'billing_plan', 'billing_plan_institution_id_idx', ARRAY['institution_id']::name[], 'index billing_plan_institution_id_idx on billing_plan(institution_id)');
SELECT has_index('user_mgmt', 'billing_plan', 'billing_plan_institution_id_code_active_uq', ARRAY['institution_id', 'code']::name[], 'index billing_plan_institution_id_code_active_uq on billing_plan(institution_id, code)');
SELECT index_is_unique('user_mgmt', 'billing_plan', 'billing_plan_institution_id_code_active_uq', 'index billing_plan_institution_id_code_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.billing_plan_institution_id_code_active_uq'::regclass),
    'is_active',
    'index billing_plan_institution_id_code_active_uq is partial: is_active'
);
SELECT has_index('user_mgmt', 'billing_plan', 'billing_plan_provider_provider_ref_active_uq', ARRAY['provider', 'provider_ref']::name[], 'index billing_plan_provider_provider_ref_active_uq on billing_plan(provider, provider_ref)');
SELECT index_is_unique('user_mgmt', 'billing_plan', 'billing_plan_provider_provider_ref_active_uq', 'index billing_plan_provider_provider_ref_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.billing_plan_provider_provider_ref_active_uq'::regclass),
    '(is_active AND (provider_ref IS NOT NULL))',
    'index billing_plan_provider_provider_ref_active_uq is partial: (is_active AND (provider_ref IS NOT NULL))'
);
SELECT has_index('user_mgmt', 'subscription', 'subscription_user_id_idx', ARRAY['user_id']::name[], 'index subscription_user_id_idx on subscription(user_id)');
SELECT has_index('user_mgmt', 'subscription', 'subscription_institution_id_idx', ARRAY['institution_id']::name[], 'index subscription_institution_id_idx on subscription(institution_id)');
SELECT has_index('user_mgmt', 'subscription', 'subscription_billing_plan_id_idx', ARRAY['billing_plan_id']::name[], 'index subscription_billing_plan_id_idx on subscription(billing_plan_id)');
SELECT has_index('user_mgmt', 'subscription', 'subscription_provider_provider_ref_active_uq', ARRAY['provider', 'provider_ref']::name[], 'index subscription_provider_provider_ref_active_uq on subscription(provider, provider_ref)');
SELECT index_is_unique('user_mgmt', 'subscription', 'subscription_provider_provider_ref_active_uq', 'index subscription_provider_provider_ref_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.subscription_provider_provider_ref_active_uq'::regclass),
    '(is_active AND (provider_ref IS NOT NULL))',
    'index subscription_provider_provider_ref_active_uq is partial: (is_active AND (provider_ref IS NOT NULL))'
);
SELECT has_index('user_mgmt', 'subscription', 'subscription_user_id_billing_plan_id_active_uq', ARRAY['user_id', 'billing_plan_id']::name[], 'index subscription_user_id_billing_plan_id_active_uq on subscription(user_id, billing_plan_id)');
SELECT index_is_unique('user_mgmt', 'subscription', 'subscription_user_id_billing_plan_id_active_uq', 'index subscription_user_id_billing_plan_id_active_uq is unique');
SELECT has_index('user_mgmt', 'subscription', 'subscription_institution_id_billing_plan_id_active_uq', ARRAY['institution_id', 'billing_plan_id']::name[], 'index subscription_institution_id_billing_plan_id_active_uq on subscription(institution_id, billing_plan_id)');
SELECT index_is_unique('user_mgmt', 'subscription', 'subscription_institution_id_billing_plan_id_active_uq', 'index subscription_institution_id_billing_plan_id_active_uq is unique');
SELECT has_index('user_mgmt', 'payment', 'payment_subscription_id_user_id_idx', ARRAY['subscription_id', 'user_id']::name[], 'index payment_subscription_id_user_id_idx on payment(subscription_id, user_id)');
SELECT has_index('user_mgmt', 'payment', 'payment_subscription_id_institution_id_idx', ARRAY['subscription_id', 'institution_id']::name[], 'index payment_subscription_id_institution_id_idx on payment(subscription_id, institution_id)');
SELECT has_index('user_mgmt', 'payment', 'payment_user_id_idx', ARRAY['user_id']::name[], 'index payment_user_id_idx on payment(user_id)');
SELECT has_index('user_mgmt', 'payment', 'payment_institution_id_idx', ARRAY['institution_id']::name[], 'index payment_institution_id_idx on payment(institution_id)');
SELECT has_index('user_mgmt', 'payment', 'payment_provider_provider_ref_active_uq', ARRAY['provider', 'provider_ref']::name[], 'index payment_provider_provider_ref_active_uq on payment(provider, provider_ref)');
SELECT index_is_unique('user_mgmt', 'payment', 'payment_provider_provider_ref_active_uq', 'index payment_provider_provider_ref_active_uq is unique');
SELECT is(
    (SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.payment_provider_provider_ref_active_uq'::regclass),
    '(is_active AND (provider_ref IS NOT NULL))',
    'index payment_provider_provider_ref_active_uq is partial: (is_active AND (provider_ref IS NOT NULL))'
);
SELECT is(
    (SELECT pg_catalog.pg_get_indexdef(i.indexrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.app_user_email_active_uq'::regclass),
    'CREATE UNIQUE INDEX app_user_email_active_uq ON user_mgmt.app_user USING btree (lower(email)) WHERE is_active',
    'email is unique among active users, case-insensitively'
);
SELECT is(
    (SELECT pg_catalog.pg_get_indexdef(i.indexrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.user_workout_session_user_id_started_at_idx'::regclass),
    'CREATE INDEX user_workout_session_user_id_started_at_idx ON user_mgmt.user_workout_session USING btree (user_id, started_at DESC)',
    'sessions are indexed by user, newest first'
);
SELECT is(
    (SELECT pg_catalog.pg_get_indexdef(i.indexrelid) FROM pg_catalog.pg_index i
      WHERE i.indexrelid = 'user_mgmt.user_measurement_user_id_metric_measured_at_idx'::regclass),
    'CREATE INDEX user_measurement_user_id_metric_measured_at_idx ON user_mgmt.user_measurement USING btree (user_id, metric, measured_at DESC)',
    'measurements are indexed by user and metric, newest first'
);
SELECT is_empty(
    $$SELECT x.col FROM (VALUES ('user_workout_session', 'workout_id'), ('user_workout_session', 'schedule_workout_id'),
                                ('user_set_log', 'exercise_id'), ('user_set_log', 'exercise_variant_id'),
                                ('user_set_log', 'workout_set_id'), ('user_program_enrollment', 'program_id'),
                                ('app_user', 'language_code'), ('institution', 'language_code')) AS x (tbl, col)
       WHERE NOT EXISTS (
             SELECT 1 FROM pg_catalog.pg_index i
               JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
              WHERE i.indrelid = ('user_mgmt.' || x.tbl)::regclass AND a.attname = x.col AND i.indpred IS NULL)$$,
    'columns referencing content and platform tables have an index led by them'
);
SELECT is_empty(
    $$SELECT c.conrelid::regclass::text || '.' || c.conname
        FROM pg_catalog.pg_constraint c
       WHERE c.contype = 'f' AND c.connamespace = 'user_mgmt'::regnamespace
         AND NOT EXISTS (
             SELECT 1 FROM pg_catalog.pg_index i
              WHERE i.indrelid = c.conrelid AND i.indpred IS NULL
                AND (i.indkey::int2[])[0:pg_catalog.array_length(c.conkey, 1) - 1] @> c.conkey
                AND (i.indkey::int2[])[0:pg_catalog.array_length(c.conkey, 1) - 1] <@ c.conkey)$$,
    'every foreign key of user_mgmt has a full index led by its columns'
);
SELECT is_empty(
    $$SELECT i.indexrelid::regclass::text
        FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
       WHERE t.relnamespace = 'user_mgmt'::regnamespace AND i.indisunique AND NOT i.indisprimary
         AND (i.indpred IS NULL OR pg_catalog.pg_get_expr(i.indpred, i.indrelid) !~ '\mis_active\M')
         AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint f
                          WHERE f.contype = 'f' AND f.conindid = i.indexrelid)$$,
    'every unique index of user_mgmt is partial on is_active, or the target of a foreign key'
);
SELECT is_empty(
    $$SELECT c.conrelid::regclass::text || '.' || c.conname
        FROM pg_catalog.pg_constraint c
       WHERE c.contype = 'c' AND c.connamespace = 'user_mgmt'::regnamespace
         AND (pg_catalog.obj_description(c.oid, 'pg_constraint') IS NULL
              OR c.conname NOT LIKE (SELECT t.relname FROM pg_catalog.pg_class t WHERE t.oid = c.conrelid) || '\_%')$$,
    'every CHECK of user_mgmt is named <table>_... and carries a comment stating its rule'
);
SELECT is_empty(
    $$SELECT t.relname::text FROM pg_catalog.pg_class t
       WHERE t.relnamespace = 'user_mgmt'::regnamespace AND t.relkind = 'r'
         AND (SELECT pg_catalog.string_agg(a.attname::text, ',' ORDER BY a.attnum)
                FROM pg_catalog.pg_attribute a
               WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped)
             !~ '^id,.*,created_at,updated_at,created_by,updated_by,is_active,deleted_at,deleted_by$'$$,
    'every user_mgmt table starts with id and ends with the audit and soft-delete columns'
);
SELECT is_empty(
    $$SELECT c.relname || '.' || a.attname
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
       WHERE c.relnamespace = 'user_mgmt'::regnamespace AND c.relkind = 'r' AND a.attnum > 0
         AND pg_catalog.format_type(a.atttypid, a.atttypmod) NOT IN ('text', 'text[]', 'uuid', 'boolean', 'date',
             'integer', 'smallint', 'jsonb', 'timestamp with time zone', 'character(3)')
         AND pg_catalog.format_type(a.atttypid, a.atttypmod) !~ '^numeric\('$$,
    'user_mgmt uses no ENUM or other ad-hoc types'
);
SELECT set_eq(
    $$SELECT c.relname || '.' || a.attname || '=' || pg_catalog.col_description(c.oid, a.attnum)
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
       WHERE c.relnamespace = 'user_mgmt'::regnamespace AND a.attnum > 0
         AND pg_catalog.col_description(c.oid, a.attnum) LIKE 'pii: %'$$,
    ARRAY['app_user.auth_subject=pii: identifier', 'app_user.email=pii: email', 'app_user.phone=pii: phone',
          'app_user.display_name=pii: name', 'app_user.given_name=pii: name', 'app_user.family_name=pii: name',
          'app_user.birth_date=pii: birth_date', 'app_user.sex=pii: health', 'app_user.height_cm=pii: health',
          'app_user.last_seen_at=pii: activity',
          'coach_assignment.notes=pii: free_text',
          'user_workout_session.notes=pii: free_text', 'user_set_log.notes=pii: free_text',
          'user_measurement.value=pii: health', 'user_measurement.notes=pii: free_text',
          'subscription.provider_ref=pii: payment_ref', 'payment.provider_ref=pii: payment_ref',
          'payment.card_brand=pii: payment_ref', 'payment.card_last4=pii: payment_ref'],
    'personal-data columns carry their pii comments'
);
-- ---- behaviour: CHECK and unique rules (triggers off, so no stamp or business-rule trigger
-- of a later file interferes; foreign keys are not checked here) ----
SET LOCAL session_replication_role = replica;
INSERT INTO user_mgmt.app_user (id, email, display_name) VALUES
    ('01890000-0000-7000-8000-00000000000a', 'Ann@Example.com', 'Ann'),
    ('01890000-0000-7000-8000-00000000000b', 'bob@example.com', 'Bob');
INSERT INTO user_mgmt.institution (id, name, slug) VALUES
    ('01890000-0000-7000-8000-0000000000c1', 'Iron Gym', 'iron-gym');
INSERT INTO user_mgmt.user_workout_session (id, user_id, status, started_at) VALUES
    ('01890000-0000-7000-8000-0000000000d1', '01890000-0000-7000-8000-00000000000a', 'in_progress', now());
SELECT throws_ok($$INSERT INTO user_mgmt.app_user (display_name, email) VALUES ('X', 'not-an-email')$$, '23514', 'new row for relation "app_user" violates check constraint "app_user_email_format"', 'email format is checked');
SELECT throws_ok($$INSERT INTO user_mgmt.app_user (display_name, email) VALUES ('X', 'ANN@example.COM')$$, '23505', NULL, 'email is unique case-insensitively among active users');
SELECT throws_ok($$INSERT INTO user_mgmt.app_user (display_name, height_cm) VALUES ('X', 20)$$, '23514', 'new row for relation "app_user" violates check constraint "app_user_height_cm_range"', 'height range is checked');
SELECT throws_ok($$INSERT INTO user_mgmt.app_user (display_name, sex) VALUES ('X', 'robot')$$, '23514', 'new row for relation "app_user" violates check constraint "app_user_sex_allowed"', 'sex values are checked');
SELECT throws_ok($$INSERT INTO user_mgmt.app_user (display_name, unit_system) VALUES ('X', 'furlongs')$$, '23514', 'new row for relation "app_user" violates check constraint "app_user_unit_system_allowed"', 'unit system values are checked');
SELECT throws_ok($$INSERT INTO user_mgmt.app_user (display_name, timezone) VALUES ('X', '  ')$$, '23514', 'new row for relation "app_user" violates check constraint "app_user_timezone_not_blank"', 'timezone must not be blank');
SELECT throws_ok($$INSERT INTO user_mgmt.app_user (display_name, language_code) VALUES ('X', 'english')$$, '23514', 'new row for relation "app_user" violates check constraint "app_user_language_code_bcp47"', 'language code has the BCP 47 shape');
SELECT throws_ok($$INSERT INTO user_mgmt.institution (name, slug) VALUES ('Other', 'Iron Gym')$$, '23514', 'new row for relation "institution" violates check constraint "institution_slug_format"', 'institution slug format is checked');
SELECT throws_ok($$INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, joined_at) VALUES ('01890000-0000-7000-8000-0000000000c1', '01890000-0000-7000-8000-00000000000a', 'janitor', now())$$, '23514', 'new row for relation "institution_member" violates check constraint "institution_member_member_role_allowed"', 'member_role values are checked');
SELECT throws_ok($$INSERT INTO user_mgmt.coach_assignment (institution_id, coach_id, member_id) VALUES ('01890000-0000-7000-8000-0000000000c1', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-00000000000a')$$, '23514', 'new row for relation "coach_assignment" violates check constraint "coach_assignment_member_id_not_coach"', 'a coach cannot coach themself');
SELECT throws_ok($$INSERT INTO user_mgmt.user_workout_session (user_id, status, started_at, ended_at) VALUES ('01890000-0000-7000-8000-00000000000b', 'completed', now(), now() - interval '1 hour')$$, '23514', 'new row for relation "user_workout_session" violates check constraint "user_workout_session_ended_at_after_started_at"', 'a session cannot end before it starts');
SELECT throws_ok($$INSERT INTO user_mgmt.user_workout_session (user_id, status, started_at) VALUES ('01890000-0000-7000-8000-00000000000a', 'in_progress', now())$$, '23505', NULL, 'a user has at most one in-progress session');
SELECT throws_ok($$INSERT INTO user_mgmt.user_workout_session (user_id, status, started_at) VALUES ('01890000-0000-7000-8000-00000000000b', 'paused', now())$$, '23514', 'new row for relation "user_workout_session" violates check constraint "user_workout_session_status_allowed"', 'session status values are checked');
SELECT throws_ok($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps) VALUES ('01890000-0000-7000-8000-0000000000d1', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-0000000000e1', 1, 0)$$, '23514', 'new row for relation "user_set_log" violates check constraint "user_set_log_reps_range"', 'reps below 1 are refused');
SELECT throws_ok($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps) VALUES ('01890000-0000-7000-8000-0000000000d1', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-0000000000e1', 1, 1001)$$, '23514', 'new row for relation "user_set_log" violates check constraint "user_set_log_reps_range"', 'reps above 1000 are refused');
SELECT throws_ok($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, weight_kg) VALUES ('01890000-0000-7000-8000-0000000000d1', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-0000000000e1', 1, 5, 1500.5)$$, '23514', 'new row for relation "user_set_log" violates check constraint "user_set_log_weight_kg_range"', 'weight above 1500 kg is refused');
SELECT throws_ok($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, rpe) VALUES ('01890000-0000-7000-8000-0000000000d1', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-0000000000e1', 1, 5, 7.3)$$, '23514', 'new row for relation "user_set_log" violates check constraint "user_set_log_rpe_half_steps"', 'RPE must be in 0.5 steps');
SELECT throws_ok($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, rpe) VALUES ('01890000-0000-7000-8000-0000000000d1', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-0000000000e1', 1, 5, 10.5)$$, '23514', 'new row for relation "user_set_log" violates check constraint "user_set_log_rpe_half_steps"', 'RPE above 10 is refused');
SELECT throws_ok($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, rir) VALUES ('01890000-0000-7000-8000-0000000000d1', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-0000000000e1', 1, 5, 2.25)$$, '23514', 'new row for relation "user_set_log" violates check constraint "user_set_log_rir_half_steps"', 'RIR must be in 0.5 steps');
SELECT throws_ok($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, rest_s) VALUES ('01890000-0000-7000-8000-0000000000d1', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-0000000000e1', 1, 5, 3601)$$, '23514', 'new row for relation "user_set_log" violates check constraint "user_set_log_rest_s_range"', 'rest above 3600 s is refused');
SELECT throws_ok($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, weight_kg) VALUES ('01890000-0000-7000-8000-0000000000d1', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-0000000000e1', 1, 50)$$, '23514', 'new row for relation "user_set_log" violates check constraint "user_set_log_measure_present"', 'a set needs reps, duration or distance');
SELECT throws_ok($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, set_type) VALUES ('01890000-0000-7000-8000-0000000000d1', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-0000000000e1', 1, 5, 'giant')$$, '23514', 'new row for relation "user_set_log" violates check constraint "user_set_log_set_type_allowed"', 'set type values are checked');
SELECT throws_ok($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps) VALUES ('01890000-0000-7000-8000-0000000000d1', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-0000000000e1', 0, 5)$$, '23514', 'new row for relation "user_set_log" violates check constraint "user_set_log_set_index_positive"', 'set index starts at 1');
SELECT lives_ok($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, weight_kg, rpe, rir, rest_s) VALUES ('01890000-0000-7000-8000-0000000000d1', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-0000000000e1', 1, 5, 100, 7.5, 2.5, 180)$$, 'a valid set with RPE 7.5 and RIR 2.5 is accepted');
SELECT throws_ok($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps) VALUES ('01890000-0000-7000-8000-0000000000d1', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-0000000000e1', 1, 6)$$, '23505', NULL, 'set index is unique within a session among active rows');
SELECT lives_ok($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, duration_s, distance_m) VALUES ('01890000-0000-7000-8000-0000000000d1', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-0000000000e1', 2, 600, 2000)$$, 'a timed distance set without reps is accepted');
SELECT lives_ok($$INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, joined_at)
    VALUES ('01890000-0000-7000-8000-0000000000c1', '01890000-0000-7000-8000-00000000000a', 'owner', now())$$,
    'an owner membership is accepted');
SELECT throws_ok($$INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, joined_at)
    VALUES ('01890000-0000-7000-8000-0000000000c1', '01890000-0000-7000-8000-00000000000a', 'member', now())$$,
    '23505', NULL, 'one current membership per institution and user');
SELECT lives_ok($$INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, status, joined_at, left_at)
    VALUES ('01890000-0000-7000-8000-0000000000c1', '01890000-0000-7000-8000-00000000000a', 'member', 'left', now() - interval '1 year', now() - interval '1 month')$$,
    'a past (left) membership does not count as current');
SELECT lives_ok($$INSERT INTO user_mgmt.coach_assignment (institution_id, coach_id, member_id)
    VALUES ('01890000-0000-7000-8000-0000000000c1', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-00000000000b')$$,
    'a coach assignment is accepted');
SELECT throws_ok($$INSERT INTO user_mgmt.coach_assignment (institution_id, coach_id, member_id)
    VALUES ('01890000-0000-7000-8000-0000000000c1', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-00000000000b')$$,
    '23505', NULL, 'a coach assignment is unique per institution, coach and member among active rows');
SELECT throws_ok($$INSERT INTO user_mgmt.user_role (user_id, role_id, institution_id)
    SELECT '01890000-0000-7000-8000-00000000000a'::uuid, id, NULL::uuid FROM core.role WHERE code = 'user'
    UNION ALL
    SELECT '01890000-0000-7000-8000-00000000000a'::uuid, id, NULL::uuid FROM core.role WHERE code = 'user'$$,
    '23505', NULL, 'a platform role is granted once (NULL institution counts as equal)');
SELECT throws_ok($$INSERT INTO user_mgmt.user_measurement (user_id, metric, value) VALUES ('01890000-0000-7000-8000-00000000000a', 'body_weight_kg', 900)$$,
    '23514', 'new row for relation "user_measurement" violates check constraint "user_measurement_value_range"',
    'a body weight of 900 kg is refused');
SELECT lives_ok($$INSERT INTO user_mgmt.user_measurement (user_id, metric, value) VALUES ('01890000-0000-7000-8000-00000000000a', 'body_weight_kg', 82.4)$$,
    'a plausible body weight is accepted');
INSERT INTO user_mgmt.billing_plan (id, code, name, amount, currency) VALUES
    ('01890000-0000-7000-8000-0000000000f1', 'pro_monthly', 'Pro', 9.99, 'EUR');
INSERT INTO user_mgmt.subscription (id, user_id, billing_plan_id, provider, provider_ref) VALUES
    ('01890000-0000-7000-8000-0000000000f2', '01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-0000000000f1', 'stripe', 'sub_123');
SELECT throws_ok($$INSERT INTO user_mgmt.billing_plan (code, name, amount, currency) VALUES ('p2', 'P2', 0, 'EUR')$$, '23514', 'new row for relation "billing_plan" violates check constraint "billing_plan_amount_positive"', 'plan amount must be positive');
SELECT throws_ok($$INSERT INTO user_mgmt.billing_plan (code, name, amount, currency) VALUES ('p2', 'P2', 5, 'eur')$$, '23514', 'new row for relation "billing_plan" violates check constraint "billing_plan_currency_iso4217"', 'currency must be three upper-case letters');
SELECT throws_ok($$INSERT INTO user_mgmt.billing_plan (code, name, amount, currency, billing_interval) VALUES ('p2', 'P2', 5, 'EUR', 'fortnight')$$, '23514', 'new row for relation "billing_plan" violates check constraint "billing_plan_billing_interval_allowed"', 'billing interval values are checked');
SELECT throws_ok($$INSERT INTO user_mgmt.billing_plan (code, name, amount, currency, interval_count) VALUES ('p2', 'P2', 5, 'EUR', 0)$$, '23514', 'new row for relation "billing_plan" violates check constraint "billing_plan_interval_count_range"', 'interval count is at least 1');
SELECT throws_ok($$INSERT INTO user_mgmt.billing_plan (code, name, amount, currency, trial_days) VALUES ('p2', 'P2', 5, 'EUR', -1)$$, '23514', 'new row for relation "billing_plan" violates check constraint "billing_plan_trial_days_range"', 'trial days are not negative');
SELECT throws_ok($$INSERT INTO user_mgmt.billing_plan (code, name, amount, currency) VALUES ('pro_monthly', 'Pro again', 5, 'EUR')$$, '23505', NULL, 'platform plan codes are unique (NULL institution counts as equal)');
SELECT throws_ok($$INSERT INTO user_mgmt.subscription (user_id, institution_id, billing_plan_id) VALUES ('01890000-0000-7000-8000-00000000000b', '01890000-0000-7000-8000-0000000000c1', '01890000-0000-7000-8000-0000000000f1')$$, '23514', 'new row for relation "subscription" violates check constraint "subscription_subscriber_exactly_one"', 'a subscription has exactly one subscriber (not both)');
SELECT throws_ok($$INSERT INTO user_mgmt.subscription (billing_plan_id) VALUES ('01890000-0000-7000-8000-0000000000f1')$$, '23514', 'new row for relation "subscription" violates check constraint "subscription_subscriber_exactly_one"', 'a subscription has exactly one subscriber (not none)');
SELECT throws_ok($$INSERT INTO user_mgmt.subscription (user_id, billing_plan_id, status) VALUES ('01890000-0000-7000-8000-00000000000b', '01890000-0000-7000-8000-0000000000f1', 'paused')$$, '23514', 'new row for relation "subscription" violates check constraint "subscription_status_allowed"', 'subscription status values are checked');
SELECT throws_ok($$INSERT INTO user_mgmt.subscription (user_id, billing_plan_id) VALUES ('01890000-0000-7000-8000-00000000000a', '01890000-0000-7000-8000-0000000000f1')$$, '23505', NULL, 'one open subscription per subscriber and plan');
SELECT throws_ok($$INSERT INTO user_mgmt.subscription (user_id, billing_plan_id, status, canceled_at, provider, provider_ref) VALUES ('01890000-0000-7000-8000-00000000000b', '01890000-0000-7000-8000-0000000000f1', 'canceled', now(), 'stripe', 'sub_123')$$, '23505', NULL, 'provider_ref is unique per provider');
SELECT throws_ok($$INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency) VALUES ('01890000-0000-7000-8000-0000000000f2', '01890000-0000-7000-8000-00000000000a', -1, 'EUR')$$, '23514', 'new row for relation "payment" violates check constraint "payment_amount_positive"', 'payment amount must be positive');
SELECT throws_ok($$INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency) VALUES ('01890000-0000-7000-8000-0000000000f2', '01890000-0000-7000-8000-00000000000a', 9.99, 'EU')$$, '23514', 'new row for relation "payment" violates check constraint "payment_currency_iso4217"', 'payment currency must be ISO 4217');
SELECT throws_ok($$INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency, status) VALUES ('01890000-0000-7000-8000-0000000000f2', '01890000-0000-7000-8000-00000000000a', 9.99, 'EUR', 'succeeded')$$, '23514', 'new row for relation "payment" violates check constraint "payment_paid_at_required"', 'a succeeded payment has paid_at');
SELECT lives_ok($$INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency, status, paid_at, provider, provider_ref)
    VALUES ('01890000-0000-7000-8000-0000000000f2', '01890000-0000-7000-8000-00000000000a', 9.99, 'EUR', 'succeeded', now(), 'stripe', 'pi_1')$$,
    'a valid payment is accepted');
SELECT throws_ok($$INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency, status, provider, provider_ref)
    VALUES ('01890000-0000-7000-8000-0000000000f2', '01890000-0000-7000-8000-00000000000a', 9.99, 'EUR', 'pending', 'stripe', 'pi_1')$$,
    '23505', NULL, 'a webhook delivered twice cannot record the payment twice');
-- ---- behaviour: foreign keys (triggers on) ----
SET LOCAL session_replication_role = origin;
SELECT throws_ok($$INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency, status, paid_at)
    VALUES ('01890000-0000-7000-8000-0000000000f2', '01890000-0000-7000-8000-00000000000b', 9.99, 'EUR', 'succeeded', now())$$,
    '23503', NULL, 'a payment''s user must be its subscription''s subscriber');
SELECT throws_ok($$INSERT INTO user_mgmt.institution_member (institution_id, user_id, joined_at)
    VALUES ('01890000-0000-7000-8000-0000000000c1', '01890000-0000-7000-8000-0000000000ff', now())$$,
    '23503', NULL, 'a membership needs an existing user');
SELECT throws_ok($$INSERT INTO user_mgmt.user_workout_session (user_id, status, started_at, program_enrollment_id)
    VALUES ('01890000-0000-7000-8000-00000000000b', 'planned', NULL, '01890000-0000-7000-8000-0000000000aa')$$,
    '23503', NULL, 'a session''s enrollment must exist and belong to the same user');

SELECT * FROM finish();
ROLLBACK;
