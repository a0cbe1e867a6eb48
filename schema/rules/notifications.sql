-- Notifications (src/rules/notifications.cpp): a notification the user muted is stored as
-- canceled when it is queued, unless its type is transactional. Named to fire after status_machine.
CREATE FUNCTION fitness.notification_muting() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_notification_muting' LANGUAGE C;
COMMENT ON FUNCTION fitness.notification_muting() IS
    'BEFORE INSERT OR UPDATE OF status row trigger on platform.notification: a notification queued (inserted pending, or retried back to pending) of a non-transactional type is stored as canceled (last_error: why) when the recipient''s notifications.enabled is false (own override, else any of their institutions, else the system), their preference for the type and channel is off, or, without a preference, the channel is not a default channel of the type';
REVOKE ALL ON FUNCTION fitness.notification_muting() FROM PUBLIC;
CREATE TRIGGER suppress_muted_notification BEFORE INSERT OR UPDATE OF status ON platform.notification
    FOR EACH ROW EXECUTE FUNCTION fitness.notification_muting();
