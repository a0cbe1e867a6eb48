-- Notifications (src/rules/notifications.cpp): a notification the user muted is stored as
-- canceled, unless its type is transactional. Named to fire after status_machine.
CREATE FUNCTION fitness.notification_muting() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_notification_muting' LANGUAGE C;
COMMENT ON FUNCTION fitness.notification_muting() IS
    'BEFORE INSERT row trigger on platform.notification: a pending notification of a non-transactional type is stored as canceled (last_error: why) when the user''s setting notifications.enabled is false, their preference for the type and channel is off, or, without a preference, the channel is not a default channel of the type';
REVOKE ALL ON FUNCTION fitness.notification_muting() FROM PUBLIC;
CREATE TRIGGER suppress_muted_notification BEFORE INSERT ON platform.notification
    FOR EACH ROW EXECUTE FUNCTION fitness.notification_muting();
