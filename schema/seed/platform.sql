-- =====================================================================================
-- Reference data of the platform domain: languages and their fallback chains, activity
-- types, rating statuses, notification types, error types, cache strategies, system
-- settings, retention policies and a few interface strings.
-- =====================================================================================

-- Languages: those of the specification plus every language of the wger exercise data
-- (content.exercise_alias.language_code references platform.language). Every chain ends at
-- en (which has none); parents are inserted before the languages that fall back to them
-- (platform.language.fallback_code references code). Text search configurations are the
-- snowball ones PostgreSQL 15 ships; 'simple' where it has none.
INSERT INTO platform.language (code, name, native_name, fallback_code, text_search_config, is_rtl, sort_order)
VALUES ('en', 'English', 'English', NULL, 'pg_catalog.english', false, 10);

INSERT INTO platform.language (code, name, native_name, fallback_code, text_search_config, is_rtl, sort_order)
VALUES
    ('de', 'German',       'Deutsch',          'en', 'pg_catalog.german',     false, 20),
    ('es', 'Spanish',      'Español',          'en', 'pg_catalog.spanish',    false, 30),
    ('fr', 'French',       'Français',         'en', 'pg_catalog.french',     false, 40),
    ('it', 'Italian',      'Italiano',         'en', 'pg_catalog.italian',    false, 50),
    ('pt', 'Portuguese',   'Português',        'en', 'pg_catalog.portuguese', false, 60),
    ('nl', 'Dutch',        'Nederlands',       'en', 'pg_catalog.dutch',      false, 70),
    ('pl', 'Polish',       'Polski',           'en', 'pg_catalog.simple',     false, 80),
    ('sv', 'Swedish',      'Svenska',          'en', 'pg_catalog.swedish',    false, 90),
    ('da', 'Danish',       'Dansk',            'en', 'pg_catalog.danish',     false, 100),
    ('no', 'Norwegian',    'Norsk',            'en', 'pg_catalog.norwegian',  false, 110),
    ('fi', 'Finnish',      'Suomi',            'en', 'pg_catalog.finnish',    false, 120),
    ('ru', 'Russian',      'Русский',          'en', 'pg_catalog.russian',    false, 130),
    ('uk', 'Ukrainian',    'Українська',       'en', 'pg_catalog.simple',     false, 140),
    ('bg', 'Bulgarian',    'Български',        'en', 'pg_catalog.simple',     false, 150),
    ('cs', 'Czech',        'Čeština',          'en', 'pg_catalog.simple',     false, 160),
    ('sk', 'Slovak',       'Slovenčina',       'en', 'pg_catalog.simple',     false, 170),
    ('sl', 'Slovenian',    'Slovenščina',      'en', 'pg_catalog.simple',     false, 180),
    ('hr', 'Croatian',     'Hrvatski',         'en', 'pg_catalog.simple',     false, 190),
    ('sr', 'Serbian',      'Српски',           'en', 'pg_catalog.serbian',    false, 200),
    ('ro', 'Romanian',     'Română',           'en', 'pg_catalog.romanian',   false, 210),
    ('el', 'Greek',        'Ελληνικά',         'en', 'pg_catalog.greek',      false, 220),
    ('ca', 'Catalan',      'Català',           'en', 'pg_catalog.catalan',    false, 230),
    ('tr', 'Turkish',      'Türkçe',           'en', 'pg_catalog.turkish',    false, 240),
    ('az', 'Azerbaijani',  'Azərbaycan dili',  'en', 'pg_catalog.simple',     false, 250),
    ('eo', 'Esperanto',    'Esperanto',        'en', 'pg_catalog.simple',     false, 260),
    ('id', 'Indonesian',   'Bahasa Indonesia', 'en', 'pg_catalog.indonesian', false, 270),
    ('ta', 'Tamil',        'தமிழ்',              'en', 'pg_catalog.tamil',      false, 280),
    ('th', 'Thai',         'ไทย',               'en', 'pg_catalog.simple',     false, 290),
    ('ja', 'Japanese',     '日本語',             'en', 'pg_catalog.simple',     false, 300),
    ('ko', 'Korean',       '한국어',             'en', 'pg_catalog.simple',     false, 310),
    ('zh', 'Chinese',      '中文',              'en', 'pg_catalog.simple',     false, 320),
    ('ar', 'Arabic',       'العربية',           'en', 'pg_catalog.arabic',     true,  330),
    ('fa', 'Persian',      'فارسی',             'en', 'pg_catalog.simple',     true,  340),
    ('he', 'Hebrew',       'עברית',             'en', 'pg_catalog.simple',     true,  350);

-- Regional variants fall back to their base language, e.g. pt-BR -> pt -> en.
INSERT INTO platform.language (code, name, native_name, fallback_code, text_search_config, is_rtl, sort_order)
VALUES
    ('en-GB', 'English (United Kingdom)', 'English (United Kingdom)', 'en', 'pg_catalog.english',    false, 11),
    ('en-US', 'English (United States)',  'English (United States)',  'en', 'pg_catalog.english',    false, 12),
    ('de-AT', 'German (Austria)',         'Deutsch (Österreich)',     'de', 'pg_catalog.german',     false, 21),
    ('de-CH', 'German (Switzerland)',     'Deutsch (Schweiz)',        'de', 'pg_catalog.german',     false, 22),
    ('es-MX', 'Spanish (Mexico)',         'Español (México)',         'es', 'pg_catalog.spanish',    false, 31),
    ('fr-CA', 'French (Canada)',          'Français (Canada)',        'fr', 'pg_catalog.french',     false, 41),
    ('pt-BR', 'Portuguese (Brazil)',      'Português (Brasil)',       'pt', 'pg_catalog.portuguese', false, 61),
    ('nb',    'Norwegian Bokmål',         'Norsk bokmål',             'no', 'pg_catalog.norwegian',  false, 111),
    ('nn',    'Norwegian Nynorsk',        'Norsk nynorsk',            'no', 'pg_catalog.norwegian',  false, 112);


-- Activity types (feed items) and their default visibility.
INSERT INTO platform.activity_type (code, name, description, default_visibility)
VALUES
    ('session_started',     'Workout started',       'The user started a workout session',            'private'),
    ('session_completed',   'Workout completed',     'The user completed a workout session',          'institution'),
    ('personal_record',     'Personal record',       'A set beat the user''s best for an exercise',   'institution'),
    ('goal_created',        'Goal set',              'The user set a new goal',                       'private'),
    ('goal_achieved',       'Goal achieved',         'The user reached a goal',                       'institution'),
    ('program_enrolled',    'Program started',       'The user enrolled in a program',                'private'),
    ('program_completed',   'Program completed',     'The user finished a program',                   'institution'),
    ('measurement_logged',  'Measurement logged',    'The user recorded a body measurement',          'private'),
    ('workout_created',     'Workout created',       'The user created a workout',                    'private'),
    ('workout_shared',      'Workout shared',        'The user made a workout visible to others',     'public'),
    ('exercise_favorited',  'Exercise favorited',    'The user added something to their favorites',   'private'),
    ('rating_posted',       'Rating posted',         'The user rated an exercise, workout or program','public'),
    ('institution_joined',  'Joined institution',    'The user became a member of an institution',    'institution'),
    ('coach_assigned',      'Coach assigned',        'A coach was assigned to the user',              'private');


-- Moderation states of ratings; only published ratings are public and counted.
INSERT INTO platform.rating_status (code, name, description, is_public, is_terminal, sort_order)
VALUES
    ('pending',   'Pending',   'Waiting for moderation',                false, false, 10),
    ('published', 'Published', 'Visible to others and counted',         true,  false, 20),
    ('rejected',  'Rejected',  'Refused by a moderator',                false, true,  30),
    ('flagged',   'Flagged',   'Reported by users, waiting for review', false, false, 40);


-- Notification types. Title and body texts are platform.ui_message keys.
INSERT INTO platform.notification_type (code, name, description, default_channels, title_key, body_key, is_transactional)
VALUES
    ('workout_reminder',       'Workout reminder',       'A planned workout is due',                 '{push,in_app}',
        'notification.workout_reminder.title',       'notification.workout_reminder.body',       false),
    ('goal_achieved',          'Goal achieved',          'A goal reached its target',                '{in_app,push}',
        'notification.goal_achieved.title',          'notification.goal_achieved.body',          false),
    ('personal_record',        'Personal record',        'A new personal record was set',            '{in_app}',
        'notification.personal_record.title',        'notification.personal_record.body',        false),
    ('program_week_started',   'New program week',       'A new week of an enrolled program begins', '{in_app}',
        'notification.program_week_started.title',   'notification.program_week_started.body',   false),
    ('coach_message',          'Message from coach',     'The user''s coach sent a message',         '{in_app,push}',
        'notification.coach_message.title',          'notification.coach_message.body',          false),
    ('institution_invite',     'Institution invitation', 'An institution invited the user to join',  '{email,in_app}',
        'notification.institution_invite.title',     'notification.institution_invite.body',     false),
    ('subscription_renewed',   'Subscription renewed',   'A subscription was renewed and charged',   '{email,in_app}',
        'notification.subscription_renewed.title',   'notification.subscription_renewed.body',   false),
    ('subscription_expiring',  'Subscription expiring',  'A subscription ends soon',                 '{email,in_app}',
        'notification.subscription_expiring.title',  'notification.subscription_expiring.body',  false),
    ('payment_failed',         'Payment failed',         'A payment could not be collected',         '{email,in_app}',
        'notification.payment_failed.title',         'notification.payment_failed.body',         true),
    ('password_reset',         'Password reset',         'A password reset was requested',           '{email}',
        'notification.password_reset.title',         'notification.password_reset.body',         true),
    ('data_export_ready',      'Data export ready',      'A requested personal data export is ready','{email}',
        'notification.data_export_ready.title',      'notification.data_export_ready.body',      true),
    ('account_erased',         'Account erased',         'The user''s personal data was erased',     '{email}',
        'notification.account_erased.title',         'notification.account_erased.body',         true);


-- Error types.
INSERT INTO platform.error_type (code, name, description, severity, alert_threshold_per_hour)
VALUES
    ('auth.invalid_token',            'Invalid token',               'A JWT failed verification (signature, expiry, format)', 'warning',  100),
    ('auth.permission_denied',        'Permission denied',           'An action was refused by RBAC or RLS',                  'info',     NULL),
    ('validation.business_rule',      'Business rule violation',     'A business-rule trigger rejected a change',             'info',     NULL),
    ('validation.constraint',         'Constraint violation',        'A CHECK, unique or foreign-key constraint failed',      'info',     NULL),
    ('import.malformed_record',       'Malformed import record',     'An exercise import batch was rejected',                 'warning',  NULL),
    ('translation.provider_error',    'Translation provider error',  'DeepL or Google returned an error or timed out',        'error',    20),
    ('notification.delivery_failed',  'Notification delivery failed','A notification could not be delivered on its channel',  'warning',  50),
    ('payment.provider_error',        'Payment provider error',      'The payment provider refused or failed a request',      'error',    5),
    ('partition.maintenance_failed',  'Partition maintenance failed','run_maintenance could not create or retire a partition','critical', 1),
    ('retention.policy_failed',       'Retention policy failed',     'A retention policy could not be applied',               'error',    1),
    ('gdpr.request_failed',           'Data subject request failed', 'An export or erasure request failed',                   'critical', 1),
    ('internal.unexpected',           'Unexpected internal error',   'An error the extension did not anticipate',             'critical', 1);


-- Cache layers: L1 per-backend memory, L2 shared memory (with preload), L3 tables,
-- L4 external (application Redis/CDN, not managed by the extension).
INSERT INTO platform.cache_strategy (cache_name, layer, scope, ttl, max_entries, eviction, invalidated_by, description)
VALUES
    ('translation',       'L1', 'backend',       NULL,               100000, 'lru',
        '{platform.translation,platform.language}',
        'Per-backend cache of fitness.translate(), invalidated after commit in every session (also on standbys)'),
    ('translation',       'L2', 'shared_memory', NULL,               500000, 'lru',
        '{platform.translation,platform.language}',
        'Cluster-wide translation cache in shared memory; only when fitness is preloaded'),
    ('translation_cache', 'L1', 'backend',       interval '1 hour',  50000,  'lru',
        '{platform.translation_cache}',
        'Per-backend cache of fitness.cached_translation() results'),
    ('translation_cache', 'L3', 'table',         interval '180 days', NULL,  'ttl',
        '{}',
        'platform.translation_cache: machine translations persisted until expires_at'),
    ('ui_message',        'L1', 'backend',       NULL,               20000,  'lru',
        '{platform.ui_message,platform.language}',
        'Per-backend cache of fitness.message() strings'),
    ('language',          'L1', 'backend',       NULL,               1000,   'none',
        '{platform.language}',
        'Language fallback chains and text search configurations'),
    ('permission',        'L1', 'backend',       interval '5 minutes', 10000, 'lru',
        '{core.role_permission,core.role,core.permission,user_mgmt.user_role,user_mgmt.institution_member}',
        'Per-backend cache of a user''s effective roles and permissions used by the RLS helpers'),
    ('setting',           'L1', 'backend',       interval '5 minutes', 10000, 'lru',
        '{platform.system_setting,platform.setting}',
        'Resolved settings (user -> institution -> system) of fitness.setting()'),
    ('api_response',      'L4', 'external',      interval '5 minutes', NULL,  'ttl',
        '{}',
        'Application-side response cache (e.g. Redis); configuration only, not managed by the extension');


-- System settings: definitions and platform values.
INSERT INTO platform.system_setting
    (key, value, value_type, allowed_values, min_value, max_value, description, is_secret,
     is_institution_overridable, is_user_overridable)
VALUES
    ('default_language', '"en"', 'string', NULL, NULL, NULL,
        'Language used when neither the user nor the institution chose one (a platform.language code)',
        false, true, true),
    ('units_default', '"metric"', 'enum', '["metric", "imperial"]', NULL, NULL,
        'Unit system for new users',
        false, true, true),
    ('week_start', '"monday"', 'enum', '["monday", "sunday"]', NULL, NULL,
        'First day of the week in schedules and statistics',
        false, true, true),
    ('timezone_default', '"UTC"', 'string', NULL, NULL, NULL,
        'Time zone for users and institutions that did not set one (IANA name)',
        false, true, false),
    ('max_session_duration_hours', '6', 'integer', NULL, 1, 48,
        'A workout session in progress longer than this is closed as abandoned',
        false, true, false),
    ('audit.retention_months', '24', 'integer', NULL, 1, 120,
        'Months of audit_log partitions kept before fitness.run_maintenance() detaches them',
        false, false, false),
    ('audit.premake_months', '3', 'integer', NULL, 1, 24,
        'Monthly audit_log partitions fitness.run_maintenance() keeps ahead of the current one',
        false, false, false),
    ('system_event.premake_days', '7', 'integer', NULL, 1, 90,
        'Daily system_event partitions fitness.run_maintenance() keeps ahead of the current one',
        false, false, false),
    ('system_event.retention_days', '30', 'integer', NULL, 1, 3650,
        'Days of system_event partitions kept before fitness.run_maintenance() drops them',
        false, false, false),
    ('jwt.leeway_seconds', '30', 'integer', NULL, 0, 300,
        'Clock skew tolerated when checking exp and nbf of a token',
        false, false, false),
    ('notifications.quiet_hours', '{"start": "22:00", "end": "07:00"}', 'json', NULL, NULL, NULL,
        'Local time window in which non-transactional push and sms notifications are held back',
        false, true, true),
    ('notifications.max_attempts', '5', 'integer', NULL, 1, 50,
        'Delivery attempts before a notification is marked failed',
        false, false, false),
    ('notifications.enabled', 'true', 'boolean', NULL, NULL, NULL,
        'Master switch for non-transactional notifications',
        false, true, true),
    ('translation.provider', '"deepl"', 'enum', '["deepl", "google", "manual"]', NULL, NULL,
        'External machine translation provider used by the translation worker',
        false, false, false),
    ('translation.cache_ttl_days', '180', 'integer', NULL, 1, 3650,
        'Days a machine translation stays in translation_cache before it is refreshed',
        false, false, false),
    ('translation.provider_api_key', '""', 'string', NULL, NULL, NULL,
        'API key of the translation provider (read by the worker)',
        true, false, false),
    ('rating.moderation_required', 'false', 'boolean', NULL, NULL, NULL,
        'New ratings start pending (moderated) instead of published',
        false, true, false),
    ('institution.default_max_members', '500', 'integer', NULL, 1, 1000000,
        'Member limit of a new institution',
        false, false, false),
    ('password_reset.token_ttl_minutes', '30', 'integer', NULL, 5, 1440,
        'Validity of a password reset link',
        false, false, false),
    ('search.similarity_threshold', '0.3', 'number', NULL, 0, 1,
        'Minimum trigram similarity for typo-tolerant exercise search',
        false, false, false);


-- Data lifecycle rules applied by fitness.run_maintenance() to tables without time partitions
-- (the partitioned logs' retention is in fitness.partition_config).
INSERT INTO platform.retention_policy (target_table, timestamp_column, keep, action, description)
VALUES
    ('platform.cache_metrics',       'recorded_at',  interval '30 days',   'delete',
        'Cache samples older than 30 days are deleted'),
    ('platform.translation_request', 'requested_at', interval '30 days',   'delete',
        'Translation requests older than 30 days are deleted (answered or not)');


-- Interface and notification strings ({name} placeholders are filled by fitness.message()).
INSERT INTO platform.ui_message (key, language_code, text)
VALUES
    ('common.save',                               'en', 'Save'),
    ('common.cancel',                             'en', 'Cancel'),
    ('common.delete',                             'en', 'Delete'),
    ('notification.workout_reminder.title',       'en', 'Time to train'),
    ('notification.workout_reminder.body',        'en', '{workout} is planned for today.'),
    ('notification.goal_achieved.title',          'en', 'Goal achieved!'),
    ('notification.goal_achieved.body',           'en', 'You reached your goal "{goal}".'),
    ('notification.personal_record.title',        'en', 'New personal record'),
    ('notification.personal_record.body',         'en', '{exercise}: {value}'),
    ('notification.program_week_started.title',   'en', 'A new week begins'),
    ('notification.program_week_started.body',    'en', 'Week {week} of {program} starts today.'),
    ('notification.coach_message.title',          'en', 'Message from {coach}'),
    ('notification.coach_message.body',           'en', '{message}'),
    ('notification.institution_invite.title',     'en', 'Invitation to {institution}'),
    ('notification.institution_invite.body',      'en', '{inviter} invited you to join {institution}.'),
    ('notification.subscription_renewed.title',   'en', 'Subscription renewed'),
    ('notification.subscription_renewed.body',    'en', 'Your {plan} subscription was renewed until {period_end}.'),
    ('notification.subscription_expiring.title',  'en', 'Subscription ending soon'),
    ('notification.subscription_expiring.body',   'en', 'Your {plan} subscription ends on {period_end}.'),
    ('notification.payment_failed.title',         'en', 'Payment failed'),
    ('notification.payment_failed.body',          'en', 'We could not collect {amount} for {plan}. Please update your payment method.'),
    ('notification.password_reset.title',         'en', 'Reset your password'),
    ('notification.password_reset.body',          'en', 'Use this link within {minutes} minutes to choose a new password: {link}'),
    ('notification.data_export_ready.title',      'en', 'Your data export is ready'),
    ('notification.data_export_ready.body',       'en', 'Download your data here: {link}'),
    ('notification.account_erased.title',         'en', 'Your account was erased'),
    ('notification.account_erased.body',          'en', 'Your personal data has been erased as requested.'),

    ('common.save',                               'de', 'Speichern'),
    ('common.cancel',                             'de', 'Abbrechen'),
    ('common.delete',                             'de', 'Löschen'),
    ('notification.workout_reminder.title',       'de', 'Zeit zu trainieren'),
    ('notification.workout_reminder.body',        'de', '{workout} steht heute auf dem Plan.'),
    ('notification.goal_achieved.title',          'de', 'Ziel erreicht!'),
    ('notification.goal_achieved.body',           'de', 'Du hast dein Ziel „{goal}“ erreicht.'),
    ('notification.personal_record.title',        'de', 'Neue Bestleistung'),
    ('notification.password_reset.title',         'de', 'Passwort zurücksetzen'),

    ('common.save',                               'pt', 'Guardar'),
    ('common.cancel',                             'pt', 'Cancelar'),
    ('notification.workout_reminder.title',       'pt', 'Hora de treinar'),
    ('notification.goal_achieved.title',          'pt', 'Objetivo alcançado!'),
    ('common.save',                               'pt-BR', 'Salvar'),
    ('notification.goal_achieved.title',          'pt-BR', 'Meta alcançada!');
