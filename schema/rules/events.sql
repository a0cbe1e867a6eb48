-- Domain events, the outbox (src/rules/events.cpp): platform.system_event rows are written in
-- the transaction of the change they record and announced with NOTIFY fitness_events, the
-- event id as payload, which PostgreSQL delivers at commit only. A consumer LISTENs, reads
-- the unprocessed events (FOR UPDATE SKIP LOCKED) and sets processed_at; see examples/.
CREATE FUNCTION fitness.emit_event(event_type text, aggregate_type text, aggregate_id uuid, payload jsonb)
    RETURNS uuid
    AS 'MODULE_PATHNAME', 'fitness_emit_event' LANGUAGE C VOLATILE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.emit_event(text, text, uuid, jsonb) IS
    'Writes a domain event to platform.system_event (actor and institution from the context) in this transaction; NOTIFY fitness_events with its id at commit. Returns the id';
CREATE FUNCTION fitness.system_event_notify() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_system_event_notify' LANGUAGE C;
COMMENT ON FUNCTION fitness.system_event_notify() IS
    'AFTER INSERT row trigger on platform.system_event: NOTIFY fitness_events with the event id (delivered at commit only)';
CREATE FUNCTION fitness.emit_change_event() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_emit_change_event' LANGUAGE C;
COMMENT ON FUNCTION fitness.emit_change_event() IS
    'AFTER INSERT OR UPDATE row trigger (arguments: event type, aggregate type, institution column or '''', watched columns): an event when a row is created or a watched column changes, with the old and new values';
REVOKE ALL ON FUNCTION fitness.emit_event(text, text, uuid, jsonb), fitness.system_event_notify(),
    fitness.emit_change_event() FROM PUBLIC;
-- Services and operators emit events; an application user does not (an event is a fact other
-- systems act on; what users do reaches the outbox through the rules).
GRANT EXECUTE ON FUNCTION fitness.emit_event(text, text, uuid, jsonb) TO fitness_service, fitness_admin;

CREATE TRIGGER system_event_notify AFTER INSERT ON platform.system_event
    FOR EACH ROW EXECUTE FUNCTION fitness.system_event_notify();
CREATE TRIGGER subscription_changed AFTER INSERT OR UPDATE ON user_mgmt.subscription
    FOR EACH ROW EXECUTE FUNCTION fitness.emit_change_event('subscription.changed', 'subscription',
        'institution_id', 'user_id', 'status', 'billing_plan_id', 'quantity', 'cancel_at', 'is_active');
CREATE TRIGGER membership_changed AFTER INSERT OR UPDATE ON user_mgmt.institution_member
    FOR EACH ROW EXECUTE FUNCTION fitness.emit_change_event('membership.changed', 'institution_member',
        'institution_id', 'user_id', 'status', 'member_role', 'is_active');
