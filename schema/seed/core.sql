-- ============================================================================================
-- Reference data of core: visibility, roles, permissions and their mapping, state machines,
-- anatomy, categories, tags, and the polymorphic entity-type registry.
-- Only core tables are written here; equipment, languages, types and settings are seeded by
-- the files of their domains.
-- ============================================================================================

-- --------------------------------------------------------------------------------------------
-- Visibility
-- --------------------------------------------------------------------------------------------
INSERT INTO core.visibility (code, name, description, sort_order) VALUES
    ('private',     'Private',     'Only the owner (and staff the owner''s data is shared with by permission)', 1),
    ('institution', 'Institution', 'Members of the owning institution', 2),
    ('public',      'Public',      'Everyone', 3);

-- --------------------------------------------------------------------------------------------
-- Roles. rank orders the hierarchy within a scope: a role includes the permissions of every
-- lower-ranked role of its scope (member < coach < institution_admin < institution_owner)
-- and may grant only roles of lower rank. 'user' is what every registered account has.
-- --------------------------------------------------------------------------------------------
INSERT INTO core.role (code, name, description, scope, rank) VALUES
    ('platform_admin',    'Platform administrator', 'Operates the platform: every permission, in every institution', 'platform', 100),
    ('institution_owner', 'Institution owner',      'Owns an institution: its billing, its deletion and everything an admin does', 'institution', 40),
    ('institution_admin', 'Institution administrator', 'Runs an institution: members, invitations, coaches, shared content, settings', 'institution', 30),
    ('coach',             'Coach',                  'Coaches members of an institution: reads their progress, assigns workouts and programs', 'institution', 20),
    ('member',            'Member',                 'Member of an institution: uses the institution''s shared content', 'institution', 10),
    ('user',              'User',                   'Registered account: self-service on its own data and content', 'platform', 0);

-- --------------------------------------------------------------------------------------------
-- Permissions: <domain>.<action>. *_own / *_self act on the actor's own rows, *_members on
-- the rows of members of an institution the actor staffs, *_institution on the
-- institution's shared rows.
-- --------------------------------------------------------------------------------------------
INSERT INTO core.permission (code, domain, description) VALUES
    -- user accounts
    ('user.read_self',               'user',         'Read your own profile, settings and personal data'),
    ('user.update_self',             'user',         'Update your own profile: names, birth date, units, language, timezone'),
    ('user.delete_self',             'user',         'Deactivate (soft-delete) your own account'),
    ('user.read_members',            'user',         'Read the profiles of the members of an institution you staff'),
    ('user.manage',                  'user',         'Create, update, deactivate and restore any user account (platform support)'),
    -- roles
    ('role.read',                    'role',         'List roles and the role grants within your scope'),
    ('role.grant',                   'role',         'Grant or revoke institution roles ranked below your own, within your institution'),
    ('role.grant_platform',          'role',         'Grant or revoke platform roles, including temporary elevation'),
    -- exercise library
    ('exercise.read',                'exercise',     'Read exercises visible to you (public, your institution''s, your own)'),
    ('exercise.create',              'exercise',     'Create your own exercises'),
    ('exercise.update_own',          'exercise',     'Edit exercises you own'),
    ('exercise.delete_own',          'exercise',     'Delete (soft) exercises you own'),
    ('exercise.publish',             'exercise',     'Publish an exercise (draft -> published) into the shared library'),
    ('exercise.manage_institution',  'exercise',     'Create, edit and delete the exercises shared within your institution'),
    ('exercise.manage_library',      'exercise',     'Edit and delete exercises of the platform library (no owner)'),
    ('exercise.import',              'exercise',     'Import exercise libraries (free-exercise-db, wger)'),
    -- workouts
    ('workout.read',                 'workout',      'Read workouts visible to you'),
    ('workout.create',               'workout',      'Create your own workouts'),
    ('workout.update_own',           'workout',      'Edit workouts you own'),
    ('workout.delete_own',           'workout',      'Delete (soft) workouts you own'),
    ('workout.read_members',         'workout',      'Read the private workouts of the members you coach or staff'),
    ('workout.assign',               'workout',      'Assign workouts to members of your institution'),
    ('workout.manage_institution',   'workout',      'Create, edit and delete the workouts shared within your institution'),
    -- programs
    ('program.read',                 'program',      'Read programs visible to you'),
    ('program.create',               'program',      'Create your own programs'),
    ('program.update_own',           'program',      'Edit programs you own'),
    ('program.delete_own',           'program',      'Delete (soft) programs you own'),
    ('program.enroll',               'program',      'Enroll yourself in a program visible to you'),
    ('program.read_members',         'program',      'Read the private programs and enrollments of the members you coach or staff'),
    ('program.assign',               'program',      'Enroll members of your institution in a program'),
    ('program.manage_institution',   'program',      'Create, edit and delete the programs shared within your institution'),
    -- training sessions and set logs
    ('session.read_own',             'session',      'Read your own workout sessions and set logs'),
    ('session.log',                  'session',      'Start, log and complete your own workout sessions'),
    ('session.delete_own',           'session',      'Delete (soft) your own workout sessions and set logs'),
    ('session.read_members',         'session',      'Read the workout sessions and set logs of the members you coach or staff'),
    -- body measurements
    ('measurement.read_own',         'measurement',  'Read your own body measurements'),
    ('measurement.write_own',        'measurement',  'Record, correct and delete your own body measurements'),
    ('measurement.read_members',     'measurement',  'Read the body measurements of the members you coach or staff'),
    -- goals
    ('goal.read_own',                'goal',         'Read your own goals and their progress'),
    ('goal.manage_own',              'goal',         'Create, edit and abandon your own goals'),
    ('goal.read_members',            'goal',         'Read the goals of the members you coach or staff'),
    ('goal.manage_members',          'goal',         'Set and edit goals for the members you coach'),
    ('goal.manage_catalog',          'goal',         'Edit the catalogue of goal kinds'),
    -- media
    ('media.read',                   'media',        'Read media visible to you'),
    ('media.upload',                 'media',        'Upload media you own'),
    ('media.delete_own',             'media',        'Delete (soft) media you own'),
    ('media.manage_institution',     'media',        'Upload, edit and delete the media of your institution'),
    ('media.moderate',               'media',        'Review, reject and take down any media'),
    -- equipment, taxonomy and lookups
    ('equipment.manage',             'equipment',    'Edit the equipment catalogue and its categories'),
    ('tag.apply',                    'tag',          'Attach and detach tags on content you may edit'),
    ('tag.manage',                   'tag',          'Create, rename and delete tags'),
    ('category.manage',              'category',     'Create, move and delete categories'),
    ('lookup.manage',                'lookup',       'Edit lookup tables: statuses and transitions, muscles, visibility, entity types'),
    -- institutions
    ('institution.create',           'institution',  'Create an institution (you become its owner)'),
    ('institution.read',             'institution',  'Read your institution''s profile and member list'),
    ('institution.update',           'institution',  'Edit your institution''s profile and contact data'),
    ('institution.invite',           'institution',  'Invite users to join your institution'),
    ('institution.manage_members',   'institution',  'Change member roles, suspend, reinstate and remove members'),
    ('institution.manage',           'institution',  'Manage an institution fully: everything above, ownership transfer, limits'),
    ('institution.delete',           'institution',  'Close and delete (soft) your institution'),
    ('coach.assign',                 'coach',        'Assign coaches to members of your institution'),
    -- billing
    ('billing.read',                 'billing',      'Read the plans, subscriptions and payments of your institution'),
    ('billing.manage',               'billing',      'Manage plans and subscriptions of your institution, issue refunds'),
    ('billing.manage_plans',         'billing',      'Manage platform billing plans'),
    -- ratings and favorites
    ('rating.create',                'rating',       'Rate and review content visible to you (not your own)'),
    ('rating.moderate',              'rating',       'Publish, flag and reject ratings and reviews'),
    ('favorite.manage_own',          'favorite',     'Keep your own favorites and collections'),
    -- notifications
    ('notification.send',            'notification', 'Send notifications to the members of your institution'),
    ('notification.manage_own',      'notification', 'Read your notifications and set your notification preferences'),
    ('notification.manage_types',    'notification', 'Edit notification types and their default channels'),
    -- internationalisation
    ('i18n.translate',               'i18n',         'Submit and correct translations'),
    ('i18n.manage',                  'i18n',         'Manage languages, verify translations, manage the translation cache'),
    -- audit, settings, operations
    ('audit.read',                   'audit',        'Read the audit log and record histories'),
    ('settings.manage',              'settings',     'Edit system settings and their definitions'),
    ('settings.manage_institution',  'settings',     'Edit the settings of your institution'),
    ('error.read',                   'error',        'Read tracked errors'),
    ('error.manage',                 'error',        'Resolve errors and edit error types and alert thresholds'),
    ('platform.maintain',            'platform',     'Run maintenance: partitions, retention, caches'),
    -- personal data (GDPR/CCPA)
    ('data.export',                  'data',         'Export all data held about you'),
    ('data.erase',                   'data',         'Request the erasure of your personal data'),
    ('data.manage_requests',         'data',         'Process data subject requests (export, erasure) of any user'),
    ('data.purge',                   'data',         'Hard-delete soft-deleted rows (fitness.purge)');

-- --------------------------------------------------------------------------------------------
-- Role -> permission mapping.
-- platform_admin holds every permission. Institution roles get the permissions granted to
-- their own level and to every lower level (a permission listed for 'coach' goes to coach,
-- institution_admin and institution_owner), so owner ⊇ admin ⊇ coach ⊇ member by
-- construction. 'user' is the self-service base of every account.
-- --------------------------------------------------------------------------------------------
INSERT INTO core.role_permission (role_id, permission_id)
SELECT r.id, p.id
FROM core.role AS r
CROSS JOIN core.permission AS p
WHERE r.code = 'platform_admin';

INSERT INTO core.role_permission (role_id, permission_id)
SELECT r.id, p.id
FROM (VALUES
    ('user.read_self'), ('user.update_self'), ('user.delete_self'),
    ('exercise.read'), ('exercise.create'), ('exercise.update_own'), ('exercise.delete_own'),
    ('workout.read'), ('workout.create'), ('workout.update_own'), ('workout.delete_own'),
    ('program.read'), ('program.create'), ('program.update_own'), ('program.delete_own'), ('program.enroll'),
    ('session.read_own'), ('session.log'), ('session.delete_own'),
    ('measurement.read_own'), ('measurement.write_own'),
    ('goal.read_own'), ('goal.manage_own'),
    ('media.read'), ('media.upload'), ('media.delete_own'),
    ('tag.apply'),
    ('institution.create'),
    ('rating.create'), ('favorite.manage_own'),
    ('notification.manage_own'),
    ('data.export'), ('data.erase')
) AS g (permission_code)
JOIN core.permission AS p ON p.code = g.permission_code
JOIN core.role AS r ON r.code = 'user';

INSERT INTO core.role_permission (role_id, permission_id)
SELECT r.id, p.id
FROM (VALUES
    -- member: use the institution's shared content
    ('member', 'institution.read'),
    ('member', 'exercise.read'),
    ('member', 'workout.read'),
    ('member', 'program.read'),
    ('member', 'program.enroll'),
    ('member', 'media.read'),
    -- coach: look after members, build and assign training
    ('coach', 'user.read_members'),
    ('coach', 'workout.read_members'),
    ('coach', 'program.read_members'),
    ('coach', 'session.read_members'),
    ('coach', 'measurement.read_members'),
    ('coach', 'goal.read_members'),
    ('coach', 'goal.manage_members'),
    ('coach', 'exercise.create'),
    ('coach', 'workout.create'),
    ('coach', 'program.create'),
    ('coach', 'workout.assign'),
    ('coach', 'program.assign'),
    ('coach', 'media.upload'),
    ('coach', 'tag.apply'),
    ('coach', 'notification.send'),
    -- institution_admin: run the institution
    ('institution_admin', 'institution.update'),
    ('institution_admin', 'institution.invite'),
    ('institution_admin', 'institution.manage_members'),
    ('institution_admin', 'coach.assign'),
    ('institution_admin', 'role.read'),
    ('institution_admin', 'role.grant'),
    ('institution_admin', 'exercise.manage_institution'),
    ('institution_admin', 'workout.manage_institution'),
    ('institution_admin', 'program.manage_institution'),
    ('institution_admin', 'media.manage_institution'),
    ('institution_admin', 'billing.read'),
    ('institution_admin', 'settings.manage_institution'),
    -- institution_owner: own it
    ('institution_owner', 'institution.manage'),
    ('institution_owner', 'institution.delete'),
    ('institution_owner', 'billing.manage')
) AS g (min_role, permission_code)
JOIN core.role AS m ON m.code = g.min_role AND m.scope = 'institution'
JOIN core.role AS r ON r.scope = 'institution' AND r.rank >= m.rank
JOIN core.permission AS p ON p.code = g.permission_code;

-- --------------------------------------------------------------------------------------------
-- State machines. The status columns of the tables carry CHECKs with the same values;
-- required_permission NULL means the row's owner or the system may make the move.
-- --------------------------------------------------------------------------------------------
INSERT INTO core.status (domain, code, name, description, is_initial, is_terminal, sort_order)
SELECT d.domain, s.code, s.name, s.description, s.is_initial, s.is_terminal, s.sort_order
FROM (VALUES ('exercise'), ('workout'), ('program')) AS d (domain)
CROSS JOIN (VALUES
    ('draft',     'Draft',     'Being written; visible to its owner only', true,  false, 1),
    ('published', 'Published', 'Usable by everyone its visibility allows',  false, false, 2),
    ('archived',  'Archived',  'Withdrawn: kept for history, not offered any more', false, false, 3)
) AS s (code, name, description, is_initial, is_terminal, sort_order);

INSERT INTO core.status (domain, code, name, description, is_initial, is_terminal, sort_order) VALUES
    ('user_workout_session', 'planned',     'Planned',     'Scheduled, not started',                     true,  false, 1),
    ('user_workout_session', 'in_progress', 'In progress', 'Started; sets are being logged',             true,  false, 2),
    ('user_workout_session', 'completed',   'Completed',   'Finished; volume, duration and records computed', false, true, 3),
    ('user_workout_session', 'abandoned',   'Abandoned',   'Stopped or skipped without completing',      false, true,  4),

    ('user_program_enrollment', 'scheduled', 'Scheduled', 'Enrolled; starts on a later date',   true,  false, 1),
    ('user_program_enrollment', 'active',    'Active',    'Being followed',                     true,  false, 2),
    ('user_program_enrollment', 'paused',    'Paused',    'Interrupted; may be resumed',        false, false, 3),
    ('user_program_enrollment', 'completed', 'Completed', 'Followed to its last week',          false, true,  4),
    ('user_program_enrollment', 'abandoned', 'Abandoned', 'Given up before the end',            false, true,  5),

    ('user_goal', 'active',    'Active',    'Being pursued',                          true,  false, 1),
    ('user_goal', 'achieved',  'Achieved',  'Target reached',                         false, true,  2),
    ('user_goal', 'abandoned', 'Abandoned', 'Given up by the user',                   false, true,  3),
    ('user_goal', 'expired',   'Expired',   'Target date passed without reaching it', false, true,  4),

    ('institution_member', 'invited',   'Invited',   'Invitation sent, not yet accepted',  true,  false, 1),
    ('institution_member', 'active',    'Active',    'Current member',                     true,  false, 2),
    ('institution_member', 'suspended', 'Suspended', 'Temporarily without access',         false, false, 3),
    ('institution_member', 'left',      'Left',      'Left the institution or declined the invitation', false, true, 4),
    ('institution_member', 'removed',   'Removed',   'Removed by the institution or invitation revoked', false, true, 5),

    ('subscription', 'trialing', 'Trialing', 'In the free trial period',                      true,  false, 1),
    ('subscription', 'active',   'Active',   'Paid and current',                              true,  false, 2),
    ('subscription', 'past_due', 'Past due', 'A renewal payment failed; retrying',            false, false, 3),
    ('subscription', 'canceled', 'Canceled', 'Canceled; no further renewals',                 false, true,  4),
    ('subscription', 'expired',  'Expired',  'Ended without renewal',                         false, true,  5),

    ('payment', 'pending',   'Pending',   'Initiated, awaiting the provider',   true,  false, 1),
    ('payment', 'succeeded', 'Succeeded', 'Captured',                           false, false, 2),
    ('payment', 'failed',    'Failed',    'Declined or errored',                false, true,  3),
    ('payment', 'refunded',  'Refunded',  'Paid back, fully or partly',         false, true,  4),

    ('notification', 'pending',   'Pending',   'Queued for delivery',            true,  false, 1),
    ('notification', 'sent',      'Sent',      'Handed to the channel',          false, false, 2),
    ('notification', 'delivered', 'Delivered', 'Confirmed delivered',            false, false, 3),
    ('notification', 'read',      'Read',      'Opened by the user',             false, true,  4),
    ('notification', 'failed',    'Failed',    'Delivery failed; may be retried', false, false, 5),
    ('notification', 'canceled',  'Canceled',  'Withdrawn before delivery',      false, true,  6),

    ('media', 'uploading', 'Uploading', 'Upload in progress',               true,  false, 1),
    ('media', 'ready',     'Ready',     'Stored and usable',                false, true,  2),
    ('media', 'failed',    'Failed',    'Upload or processing failed',      false, false, 3),

    ('rating', 'pending',   'Pending',   'Awaiting moderation',                true,  false, 1),
    ('rating', 'published', 'Published', 'Visible and counted in the summary', true,  false, 2),
    ('rating', 'flagged',   'Flagged',   'Reported; awaiting review',          false, false, 3),
    ('rating', 'rejected',  'Rejected',  'Removed by a moderator',             false, true,  4);

INSERT INTO core.status_transition (domain, from_code, to_code, required_permission, description)
SELECT d.domain, t.from_code, t.to_code,
       CASE WHEN d.domain = 'exercise' AND t.to_code = 'published' THEN 'exercise.publish' END,
       t.description
FROM (VALUES ('exercise'), ('workout'), ('program')) AS d (domain)
CROSS JOIN (VALUES
    ('draft',     'published', 'Publish'),
    ('draft',     'archived',  'Discard a draft'),
    ('published', 'draft',     'Unpublish for editing'),
    ('published', 'archived',  'Withdraw'),
    ('archived',  'draft',     'Restore as a draft')
) AS t (from_code, to_code, description);

INSERT INTO core.status_transition (domain, from_code, to_code, required_permission, description) VALUES
    ('user_workout_session', 'planned',     'in_progress', NULL, 'Start the session'),
    ('user_workout_session', 'planned',     'abandoned',   NULL, 'Skip the planned session'),
    ('user_workout_session', 'in_progress', 'completed',   NULL, 'Complete (fitness.complete_session)'),
    ('user_workout_session', 'in_progress', 'abandoned',   NULL, 'Stop without completing'),

    ('user_program_enrollment', 'scheduled', 'active',    NULL, 'Start date reached'),
    ('user_program_enrollment', 'scheduled', 'abandoned', NULL, 'Cancel before starting'),
    ('user_program_enrollment', 'active',    'paused',    NULL, 'Pause'),
    ('user_program_enrollment', 'active',    'completed', NULL, 'Last week finished'),
    ('user_program_enrollment', 'active',    'abandoned', NULL, 'Give up'),
    ('user_program_enrollment', 'paused',    'active',    NULL, 'Resume'),
    ('user_program_enrollment', 'paused',    'abandoned', NULL, 'Give up while paused'),

    ('user_goal', 'active', 'achieved',  NULL, 'Target reached (set by the progress rule)'),
    ('user_goal', 'active', 'abandoned', NULL, 'Give up'),
    ('user_goal', 'active', 'expired',   NULL, 'Target date passed'),

    ('institution_member', 'invited',   'active',    NULL,                          'Invitation accepted'),
    ('institution_member', 'invited',   'left',      NULL,                          'Invitation declined'),
    ('institution_member', 'invited',   'removed',   'institution.invite',          'Invitation revoked'),
    ('institution_member', 'active',    'suspended', 'institution.manage_members',  'Suspend a member'),
    ('institution_member', 'active',    'left',      NULL,                          'Leave the institution'),
    ('institution_member', 'active',    'removed',   'institution.manage_members',  'Remove a member'),
    ('institution_member', 'suspended', 'active',    'institution.manage_members',  'Reinstate a member'),
    ('institution_member', 'suspended', 'left',      NULL,                          'Leave while suspended'),
    ('institution_member', 'suspended', 'removed',   'institution.manage_members',  'Remove a suspended member'),

    ('subscription', 'trialing', 'active',   NULL,             'Trial converted: first payment succeeded'),
    ('subscription', 'trialing', 'past_due', NULL,             'Trial ended, first payment failed'),
    ('subscription', 'trialing', 'canceled', NULL,             'Canceled during the trial'),
    ('subscription', 'trialing', 'expired',  NULL,             'Trial ended without payment method'),
    ('subscription', 'active',   'past_due', NULL,             'Renewal payment failed'),
    ('subscription', 'active',   'canceled', NULL,             'Canceled by the subscriber'),
    ('subscription', 'active',   'expired',  NULL,             'Period ended without renewal'),
    ('subscription', 'past_due', 'active',   NULL,             'Retried payment succeeded'),
    ('subscription', 'past_due', 'canceled', 'billing.manage', 'Canceled for non-payment'),
    ('subscription', 'past_due', 'expired',  NULL,             'Retries exhausted'),

    ('payment', 'pending',   'succeeded', NULL,             'Provider captured the payment'),
    ('payment', 'pending',   'failed',    NULL,             'Provider declined the payment'),
    ('payment', 'succeeded', 'refunded',  'billing.manage', 'Refund issued'),

    ('notification', 'pending',   'sent',      NULL, 'Handed to the channel'),
    ('notification', 'pending',   'failed',    NULL, 'Could not be handed to the channel'),
    ('notification', 'pending',   'canceled',  NULL, 'Withdrawn before delivery'),
    ('notification', 'sent',      'delivered', NULL, 'Channel confirmed delivery'),
    ('notification', 'sent',      'read',      NULL, 'Opened by the user'),
    ('notification', 'sent',      'failed',    NULL, 'Channel reported a failure'),
    ('notification', 'delivered', 'read',      NULL, 'Opened by the user'),
    ('notification', 'failed',    'pending',   NULL, 'Retry'),
    ('notification', 'failed',    'canceled',  NULL, 'Give up retrying'),

    ('media', 'uploading', 'ready',     NULL, 'Upload finished and verified'),
    ('media', 'uploading', 'failed',    NULL, 'Upload or processing failed'),
    ('media', 'failed',    'uploading', NULL, 'Retry the upload'),

    ('rating', 'pending',   'published', 'rating.moderate', 'Approve'),
    ('rating', 'pending',   'rejected',  'rating.moderate', 'Reject'),
    ('rating', 'published', 'flagged',   NULL,              'Reported by a user'),
    ('rating', 'published', 'rejected',  'rating.moderate', 'Take down'),
    ('rating', 'flagged',   'published', 'rating.moderate', 'Report dismissed'),
    ('rating', 'flagged',   'rejected',  'rating.moderate', 'Report upheld');

-- --------------------------------------------------------------------------------------------
-- Anatomy. Muscle codes: the 17 muscle names of free-exercise-db in snake_case, plus the
-- muscles of the wger database that are not one of them. Each wger muscle name (its Latin or
-- English anatomical name) equals the latin_name or the name of exactly one muscle here.
-- --------------------------------------------------------------------------------------------
INSERT INTO core.muscle_group (code, name, body_region, description, sort_order) VALUES
    ('chest',     'Chest',     'upper_body', 'Pectorals and serratus', 1),
    ('back',      'Back',      'upper_body', 'Lats, traps, rhomboids and spinal erectors', 2),
    ('shoulders', 'Shoulders', 'upper_body', 'Deltoids', 3),
    ('arms',      'Arms',      'upper_body', 'Biceps, brachialis, triceps and forearms', 4),
    ('core',      'Core',      'core',       'Abdominals and obliques', 5),
    ('legs',      'Legs',      'lower_body', 'Glutes, hip abductors and adductors, thighs and calves', 6),
    ('neck',      'Neck',      'upper_body', 'Neck flexors and extensors', 7);

INSERT INTO core.muscle (code, name, muscle_group_id, body_region, latin_name, is_front, sort_order)
SELECT m.code, m.name, g.id, m.body_region, m.latin_name, m.is_front, m.sort_order
FROM (VALUES
    -- code                name                 group        region        latin name                                 front  order
    ('chest',             'Chest',             'chest',     'upper_body', 'Pectoralis major',                        true,  1),
    ('serratus_anterior', 'Serratus anterior', 'chest',     'upper_body', 'Serratus anterior',                       true,  2),
    ('lats',              'Lats',              'back',      'upper_body', 'Latissimus dorsi',                        false, 3),
    ('middle_back',       'Middle back',       'back',      'upper_body', 'Rhomboidei',                              false, 4),
    ('lower_back',        'Lower back',        'back',      'core',       'Erector spinae',                          false, 5),
    ('traps',             'Traps',             'back',      'upper_body', 'Trapezius',                               false, 6),
    ('shoulders',         'Shoulders',         'shoulders', 'upper_body', 'Deltoideus',                              NULL,  7),
    ('anterior_deltoid',  'Anterior deltoid',  'shoulders', 'upper_body', 'Pars clavicularis musculi deltoidei',     true,  8),
    ('biceps',            'Biceps',            'arms',      'upper_body', 'Biceps brachii',                          true,  9),
    ('brachialis',        'Brachialis',        'arms',      'upper_body', 'Brachialis',                              true,  10),
    ('triceps',           'Triceps',           'arms',      'upper_body', 'Triceps brachii',                         false, 11),
    ('forearms',          'Forearms',          'arms',      'upper_body', 'Musculi antebrachii',                     NULL,  12),
    ('abdominals',        'Abdominals',        'core',      'core',       'Rectus abdominis',                        true,  13),
    ('obliques',          'Obliques',          'core',      'core',       'Obliquus externus abdominis',             true,  14),
    ('glutes',            'Glutes',            'legs',      'lower_body', 'Gluteus maximus',                         false, 15),
    ('abductors',         'Abductors',         'legs',      'lower_body', 'Gluteus medius',                          NULL,  16),
    ('adductors',         'Adductors',         'legs',      'lower_body', 'Musculi adductores femoris',              true,  17),
    ('quadriceps',        'Quadriceps',        'legs',      'lower_body', 'Quadriceps femoris',                      true,  18),
    ('hamstrings',        'Hamstrings',        'legs',      'lower_body', 'Biceps femoris',                          false, 19),
    ('calves',            'Calves',            'legs',      'lower_body', 'Gastrocnemius',                           false, 20),
    ('soleus',            'Soleus',            'legs',      'lower_body', 'Soleus',                                  false, 21),
    ('neck',              'Neck',              'neck',      'upper_body', 'Sternocleidomastoideus',                  true,  22)
) AS m (code, name, group_code, body_region, latin_name, is_front, sort_order)
JOIN core.muscle_group AS g ON g.code = m.group_code AND g.is_active;

-- --------------------------------------------------------------------------------------------
-- Categories. Exercise roots are the free-exercise-db categories; the body-part categories
-- of wger (Arms, Legs, Abs, Chest, Back, Shoulders, Calves) are children of strength, and
-- wger's Cardio is the cardio root.
-- --------------------------------------------------------------------------------------------
INSERT INTO core.category (domain, code, name, description, sort_order) VALUES
    ('exercise', 'strength',              'Strength',              'Resistance training for strength and muscle', 1),
    ('exercise', 'cardio',                'Cardio',                'Cardiovascular and conditioning work', 2),
    ('exercise', 'stretching',            'Stretching',            'Flexibility and mobility', 3),
    ('exercise', 'plyometrics',           'Plyometrics',           'Jumps and explosive bodyweight drills', 4),
    ('exercise', 'powerlifting',          'Powerlifting',          'Squat, bench press, deadlift and their variations', 5),
    ('exercise', 'olympic_weightlifting', 'Olympic weightlifting', 'Snatch, clean and jerk and their variations', 6),
    ('exercise', 'strongman',             'Strongman',             'Odd-object and loaded carry events', 7),

    ('workout', 'strength',       'Strength',       'Heavy, low-repetition work', 1),
    ('workout', 'hypertrophy',    'Hypertrophy',    'Moderate loads and volume for muscle growth', 2),
    ('workout', 'cardio',         'Cardio',         'Steady-state cardiovascular training', 3),
    ('workout', 'hiit',           'HIIT',           'High-intensity intervals', 4),
    ('workout', 'circuit',        'Circuit',        'Stations performed back to back', 5),
    ('workout', 'endurance',      'Endurance',      'Muscular and aerobic endurance', 6),
    ('workout', 'mobility',       'Mobility',       'Stretching and joint mobility', 7),
    ('workout', 'recovery',       'Recovery',       'Light active recovery', 8),
    ('workout', 'sport_specific', 'Sport-specific', 'Conditioning for a particular sport', 9),

    ('program', 'strength',        'Strength',        'Build maximal strength', 1),
    ('program', 'hypertrophy',     'Hypertrophy',     'Build muscle', 2),
    ('program', 'powerlifting',    'Powerlifting',    'Peak the squat, bench press and deadlift', 3),
    ('program', 'weight_loss',     'Weight loss',     'Reduce body fat', 4),
    ('program', 'endurance',       'Endurance',       'Improve aerobic and muscular endurance', 5),
    ('program', 'general_fitness', 'General fitness', 'Balanced all-round fitness', 6),
    ('program', 'sport_specific',  'Sport-specific',  'Prepare for a sport or season', 7),
    ('program', 'rehabilitation',  'Rehabilitation',  'Return to training after injury', 8);

INSERT INTO core.category (domain, code, name, description, parent_id, sort_order)
SELECT 'exercise', c.code, c.name, c.description, p.id, c.sort_order
FROM (VALUES
    ('arms',      'Arms',      'Biceps, triceps and forearms', 1),
    ('legs',      'Legs',      'Thighs and glutes', 2),
    ('abs',       'Abs',       'Abdominals and obliques', 3),
    ('chest',     'Chest',     'Pectorals', 4),
    ('back',      'Back',      'Lats, traps and lower back', 5),
    ('shoulders', 'Shoulders', 'Deltoids', 6),
    ('calves',    'Calves',    'Gastrocnemius and soleus', 7)
) AS c (code, name, description, sort_order)
JOIN core.category AS p ON p.domain = 'exercise' AND p.code = 'strength' AND p.is_active;

-- --------------------------------------------------------------------------------------------
-- Tags
-- --------------------------------------------------------------------------------------------
INSERT INTO core.tag (tag_group, code, name, description) VALUES
    ('setting', 'home',              'Home',              'Can be done at home'),
    ('setting', 'gym',               'Gym',               'Needs a gym'),
    ('setting', 'outdoor',           'Outdoor',           'Done outdoors'),
    ('feature', 'no_equipment',      'No equipment',      'Needs no equipment'),
    ('feature', 'low_impact',        'Low impact',        'Easy on the joints: no jumping or running'),
    ('feature', 'quick',             'Quick',             'Takes under 20 minutes'),
    ('feature', 'beginner_friendly', 'Beginner friendly', 'Suitable without training experience');

-- --------------------------------------------------------------------------------------------
-- Entity-type registry: every table a polymorphic reference (favorite, rating, activity,
-- translation, entity_tag) may point at. Runs after domains/content/ and domains/platform/ in the
-- install script; a table that does not exist is skipped with a WARNING rather than failing
-- the install (test/schema/pgtap/core.sql checks that the registry is complete).
-- --------------------------------------------------------------------------------------------
DO $entity_types$
DECLARE
    missing text;
BEGIN
    WITH seed (code, name, table_name, owner_column, institution_column, visibility_column,
               translatable_columns, is_taggable, is_rateable, is_favoritable, description) AS (
        VALUES
        -- core lookups (translatable names)
        ('tag',            'Tag',            'core.tag',          NULL, NULL, NULL, '{name,description}', false, false, false, 'Classification label'),
        ('category',       'Category',       'core.category',     NULL, NULL, NULL, '{name,description}', false, false, false, 'Hierarchical category'),
        ('muscle_group',   'Muscle group',   'core.muscle_group', NULL, NULL, NULL, '{name,description}', false, false, false, 'Group of muscles'),
        ('muscle',         'Muscle',         'core.muscle',       NULL, NULL, NULL, '{name,description}', false, false, false, 'Muscle'),
        ('status',         'Status',         'core.status',       NULL, NULL, NULL, '{name,description}', false, false, false, 'State-machine status'),
        ('role',           'Role',           'core.role',         NULL, NULL, NULL, '{name,description}', false, false, false, 'RBAC role'),
        ('visibility',     'Visibility',     'core.visibility',   NULL, NULL, NULL, '{name,description}', false, false, false, 'Visibility level'),
        -- users, institutions, progress, billing
        ('app_user',       'User',           'user_mgmt.app_user',     'id', NULL, NULL, '{}', false, false, false, 'Application user (activity target: follows, mentions)'),
        ('institution',    'Institution',    'user_mgmt.institution',  NULL, 'id', NULL, '{description}', true, true, true, 'Gym, studio or club'),
        ('billing_plan',   'Billing plan',   'user_mgmt.billing_plan', NULL, 'institution_id', NULL, '{name,description}', false, false, false, 'Price a subscriber pays'),
        ('user_workout_session',    'Workout session',    'user_mgmt.user_workout_session',    'user_id', NULL, NULL, '{}', true, false, false, 'Performed training session'),
        ('user_program_enrollment', 'Program enrollment', 'user_mgmt.user_program_enrollment', 'user_id', 'institution_id', NULL, '{}', false, false, false, 'A user following a program'),
        -- content
        ('exercise',       'Exercise',       'content.exercise',  'owner_id', 'institution_id', 'visibility', '{name,description}', true, true, true, 'Exercise of the library'),
        ('workout',        'Workout',        'content.workout',   'owner_id', 'institution_id', 'visibility', '{name,description}', true, true, true, 'Workout'),
        ('program',        'Program',        'content.program',   'owner_id', 'institution_id', 'visibility', '{name,description}', true, true, true, 'Training program'),
        ('media',          'Media',          'content.media',     'owner_id', 'institution_id', NULL, '{}', true, false, true, 'Image, video or document'),
        ('equipment',      'Equipment',      'content.equipment', NULL, NULL, NULL, '{name}', true, false, true, 'Equipment of the catalogue'),
        ('equipment_category', 'Equipment category', 'content.equipment_category', NULL, NULL, NULL, '{name}', false, false, false, 'Equipment category'),
        ('goal',           'Goal kind',      'content.goal',      NULL, NULL, NULL, '{name}', false, false, false, 'Kind of goal of the catalogue'),
        ('user_goal',      'User goal',      'content.user_goal', 'user_id', NULL, NULL, '{}', false, false, false, 'Goal a user pursues'),
        -- platform
        ('rating',              'Rating',              'platform.rating',              'user_id', NULL, NULL, '{}', false, false, false, 'Rating and review (activity and moderation target)'),
        ('favorite_collection', 'Favorite collection', 'platform.favorite_collection', 'user_id', NULL, NULL, '{}', false, false, true, 'Named collection of favorites'),
        ('activity_type',       'Activity type',       'platform.activity_type',       NULL, NULL, NULL, '{name}', false, false, false, 'Kind of activity-feed entry')
    ), registered AS (
        INSERT INTO core.entity_type (code, name, table_name, owner_column, institution_column,
                                      visibility_column, translatable_columns, is_taggable,
                                      is_rateable, is_favoritable, description)
        SELECT s.code, s.name, pg_catalog.to_regclass(s.table_name), s.owner_column,
               s.institution_column, s.visibility_column, s.translatable_columns::text[],
               s.is_taggable, s.is_rateable, s.is_favoritable, s.description
        FROM seed AS s
        WHERE pg_catalog.to_regclass(s.table_name) IS NOT NULL
        RETURNING code
    )
    SELECT pg_catalog.string_agg(s.table_name, ', ' ORDER BY s.table_name)
      INTO missing
      FROM seed AS s
     WHERE pg_catalog.to_regclass(s.table_name) IS NULL;
    IF missing IS NOT NULL THEN
        RAISE WARNING 'fitness: entity types not registered, their tables do not exist: %', missing;
    END IF;
END
$entity_types$;
