-- ============================================================================================
-- user_mgmt: users, roles granted to them, institutions and memberships, coaching, progress
-- (sessions, set logs, measurements, program enrollments) and billing.
--
-- Columns declared here whose foreign keys are added by later files (their tables do not
-- exist yet; the index on each column is created here):
--   domains/content/ adds
--     user_mgmt.user_workout_session.workout_id          -> content.workout (id)           ON DELETE SET NULL
--     user_mgmt.user_workout_session.schedule_workout_id -> content.schedule_workout (id)  ON DELETE SET NULL
--     user_mgmt.user_set_log.exercise_id                  -> content.exercise (id)          (RESTRICT)
--     user_mgmt.user_set_log.exercise_variant_id          -> content.exercise_variant (id)  ON DELETE SET NULL
--     user_mgmt.user_set_log.workout_set_id               -> content.workout_set (id)       ON DELETE SET NULL
--     user_mgmt.user_program_enrollment.program_id        -> content.program (id)           (RESTRICT)
--   domains/platform/ adds
--     user_mgmt.app_user.language_code                    -> platform.language (code)
--     user_mgmt.institution.language_code                 -> platform.language (code)
--
-- Tenancy: per-user rows carry user_id, institution-owned rows institution_id. Child rows
-- repeat the tenant key of their parent (user_set_log.user_id, payment.user_id /
-- institution_id) and a composite foreign key keeps it equal to the parent's, so RLS
-- policies never need a join and a distributed (Citus) layout can co-locate them.
--
-- Who-did-it columns (user_role.granted_by, institution_member.invited_by,
-- user_program_enrollment.assigned_by) are audit data like created_by: no foreign key, so
-- they survive the erasure of that user and a soft delete of the actor does not cascade.
-- ============================================================================================

-- --------------------------------------------------------------------------------------------
-- user_mgmt.app_user: identity.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.app_user (
    id                uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    auth_subject      text,
    auth_issuer       text,
    email             text,
    email_verified_at timestamptz,
    phone             text,
    display_name      text NOT NULL,
    given_name        text,
    family_name       text,
    birth_date        date,
    sex               text,
    height_cm         numeric(5,1),
    language_code     text NOT NULL DEFAULT 'en',
    timezone          text NOT NULL DEFAULT 'UTC',
    unit_system       text NOT NULL DEFAULT 'metric',
    last_seen_at      timestamptz,
    anonymized_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT app_user_pkey PRIMARY KEY (id),
    CONSTRAINT app_user_auth_subject_not_blank CHECK (auth_subject IS NULL OR (btrim(auth_subject) <> '' AND length(auth_subject) <= 255)),
    CONSTRAINT app_user_auth_issuer_with_subject CHECK (auth_issuer IS NULL OR (auth_subject IS NOT NULL AND btrim(auth_issuer) <> '' AND length(auth_issuer) <= 255)),
    CONSTRAINT app_user_email_format CHECK (email IS NULL OR email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    CONSTRAINT app_user_email_length CHECK (email IS NULL OR length(email) <= 254),
    CONSTRAINT app_user_email_verified_at_requires_email CHECK (email_verified_at IS NULL OR email IS NOT NULL),
    CONSTRAINT app_user_phone_e164 CHECK (phone IS NULL OR phone ~ '^\+[1-9][0-9]{6,14}$'),
    CONSTRAINT app_user_display_name_length CHECK (btrim(display_name) <> '' AND length(display_name) <= 100),
    CONSTRAINT app_user_given_name_length CHECK (given_name IS NULL OR (btrim(given_name) <> '' AND length(given_name) <= 100)),
    CONSTRAINT app_user_family_name_length CHECK (family_name IS NULL OR (btrim(family_name) <> '' AND length(family_name) <= 100)),
    CONSTRAINT app_user_birth_date_range CHECK (birth_date IS NULL OR birth_date >= DATE '1900-01-01'),
    CONSTRAINT app_user_sex_allowed CHECK (sex IS NULL OR sex IN ('female', 'male', 'other', 'prefer_not_to_say')),
    CONSTRAINT app_user_height_cm_range CHECK (height_cm IS NULL OR height_cm BETWEEN 50 AND 272),
    CONSTRAINT app_user_language_code_bcp47 CHECK (language_code ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$'),
    CONSTRAINT app_user_timezone_not_blank CHECK (btrim(timezone) <> '' AND length(timezone) <= 64),
    CONSTRAINT app_user_unit_system_allowed CHECK (unit_system IN ('metric', 'imperial')),
    CONSTRAINT app_user_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.app_user IS
    'Application users (the seed''s USER). auth_subject links to the external identity provider; email is unique among active users, case-insensitively';
COMMENT ON COLUMN user_mgmt.app_user.auth_subject IS 'pii: identifier';
COMMENT ON COLUMN user_mgmt.app_user.auth_issuer IS 'Issuer (iss) whose keys sign this account in by auth_subject; NULL: the platform''s own keys (keys without issuer)';
COMMENT ON COLUMN user_mgmt.app_user.email IS 'pii: email';
COMMENT ON COLUMN user_mgmt.app_user.phone IS 'pii: phone';
COMMENT ON COLUMN user_mgmt.app_user.display_name IS 'pii: name';
COMMENT ON COLUMN user_mgmt.app_user.given_name IS 'pii: name';
COMMENT ON COLUMN user_mgmt.app_user.family_name IS 'pii: name';
COMMENT ON COLUMN user_mgmt.app_user.birth_date IS 'pii: birth_date';
COMMENT ON COLUMN user_mgmt.app_user.sex IS 'pii: health';
COMMENT ON COLUMN user_mgmt.app_user.height_cm IS 'pii: health';
COMMENT ON COLUMN user_mgmt.app_user.last_seen_at IS 'pii: activity';
COMMENT ON COLUMN user_mgmt.app_user.anonymized_at IS 'Set by fitness.forget_user when the personal data of this user was erased';
COMMENT ON CONSTRAINT app_user_auth_subject_not_blank ON user_mgmt.app_user IS 'auth_subject is NULL or a non-blank identity-provider subject of at most 255 characters';
COMMENT ON CONSTRAINT app_user_auth_issuer_with_subject ON user_mgmt.app_user IS 'auth_issuer is NULL or the non-blank issuer (at most 255 characters) of the account''s auth_subject';
COMMENT ON CONSTRAINT app_user_email_format ON user_mgmt.app_user IS 'email has the form local@domain.tld, without spaces';
COMMENT ON CONSTRAINT app_user_email_length ON user_mgmt.app_user IS 'email is at most 254 characters (RFC 5321)';
COMMENT ON CONSTRAINT app_user_email_verified_at_requires_email ON user_mgmt.app_user IS 'email_verified_at needs an email';
COMMENT ON CONSTRAINT app_user_phone_e164 ON user_mgmt.app_user IS 'phone is in E.164 form: + and 7 to 15 digits';
COMMENT ON CONSTRAINT app_user_display_name_length ON user_mgmt.app_user IS 'display name is not blank and at most 100 characters';
COMMENT ON CONSTRAINT app_user_given_name_length ON user_mgmt.app_user IS 'given name is NULL or not blank and at most 100 characters';
COMMENT ON CONSTRAINT app_user_family_name_length ON user_mgmt.app_user IS 'family name is NULL or not blank and at most 100 characters';
COMMENT ON CONSTRAINT app_user_birth_date_range ON user_mgmt.app_user IS 'birth date is not before 1900-01-01 (not in the future: checked by trigger)';
COMMENT ON CONSTRAINT app_user_sex_allowed ON user_mgmt.app_user IS 'sex is one of female, male, other, prefer_not_to_say';
COMMENT ON CONSTRAINT app_user_height_cm_range ON user_mgmt.app_user IS 'height is between 50 and 272 cm';
COMMENT ON CONSTRAINT app_user_language_code_bcp47 ON user_mgmt.app_user IS 'language code is a BCP 47 tag language[-Script][-REGION] (e.g. en, pt-BR, zh-Hant, es-419)';
COMMENT ON CONSTRAINT app_user_timezone_not_blank ON user_mgmt.app_user IS 'timezone is a non-blank IANA zone name of at most 64 characters';
COMMENT ON CONSTRAINT app_user_unit_system_allowed ON user_mgmt.app_user IS 'unit system is metric or imperial';
COMMENT ON CONSTRAINT app_user_soft_delete_state ON user_mgmt.app_user IS 'a row is active exactly when deleted_at is NULL';
CREATE UNIQUE INDEX app_user_email_active_uq ON user_mgmt.app_user (lower(email)) WHERE is_active;
CREATE UNIQUE INDEX app_user_auth_subject_active_uq ON user_mgmt.app_user (auth_subject) WHERE is_active;
CREATE INDEX app_user_language_code_idx ON user_mgmt.app_user (language_code);

-- --------------------------------------------------------------------------------------------
-- user_mgmt.institution: gyms, studios, clubs.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.institution (
    id            uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    name          text NOT NULL,
    slug          text NOT NULL,
    kind          text NOT NULL DEFAULT 'gym',
    description   text,
    status        text NOT NULL DEFAULT 'active',
    timezone      text NOT NULL DEFAULT 'UTC',
    language_code text NOT NULL DEFAULT 'en',
    max_members   integer,
    contact_email text,
    contact_phone text,
    website_url   text,
    address_line1 text,
    address_line2 text,
    postal_code   text,
    city          text,
    region        text,
    country_code  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT institution_pkey PRIMARY KEY (id),
    CONSTRAINT institution_name_length CHECK (btrim(name) <> '' AND length(name) <= 200),
    CONSTRAINT institution_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 63),
    CONSTRAINT institution_kind_allowed CHECK (kind IN ('gym', 'studio', 'club', 'team', 'school', 'clinic', 'corporate', 'other')),
    CONSTRAINT institution_status_allowed CHECK (status IN ('active', 'suspended', 'closed')),
    CONSTRAINT institution_timezone_not_blank CHECK (btrim(timezone) <> '' AND length(timezone) <= 64),
    CONSTRAINT institution_language_code_bcp47 CHECK (language_code ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$'),
    CONSTRAINT institution_max_members_positive CHECK (max_members IS NULL OR max_members >= 1),
    CONSTRAINT institution_contact_email_format CHECK (contact_email IS NULL OR (contact_email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' AND length(contact_email) <= 254)),
    CONSTRAINT institution_contact_phone_e164 CHECK (contact_phone IS NULL OR contact_phone ~ '^\+[1-9][0-9]{6,14}$'),
    CONSTRAINT institution_website_url_http CHECK (website_url IS NULL OR website_url ~ '^https?://[^[:space:]]+$'),
    CONSTRAINT institution_country_code_iso3166 CHECK (country_code IS NULL OR country_code ~ '^[A-Z]{2}$'),
    CONSTRAINT institution_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.institution IS
    'Organisations (gyms, studios, clubs ...) that have members, coaches and shared content. max_members is enforced under concurrency by trigger';
COMMENT ON COLUMN user_mgmt.institution.max_members IS 'Upper bound of active members; NULL: unlimited';
COMMENT ON CONSTRAINT institution_name_length ON user_mgmt.institution IS 'institution name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT institution_slug_format ON user_mgmt.institution IS 'slug is lower-case letters and digits in hyphen-separated words, at most 63 characters';
COMMENT ON CONSTRAINT institution_kind_allowed ON user_mgmt.institution IS 'institution kind is one of gym, studio, club, team, school, clinic, corporate, other';
COMMENT ON CONSTRAINT institution_status_allowed ON user_mgmt.institution IS 'institution status is one of active, suspended, closed';
COMMENT ON CONSTRAINT institution_timezone_not_blank ON user_mgmt.institution IS 'timezone is a non-blank IANA zone name of at most 64 characters';
COMMENT ON CONSTRAINT institution_language_code_bcp47 ON user_mgmt.institution IS 'language code is a BCP 47 tag language[-Script][-REGION] (e.g. en, pt-BR, zh-Hant, es-419)';
COMMENT ON CONSTRAINT institution_max_members_positive ON user_mgmt.institution IS 'max_members is NULL (unlimited) or at least 1';
COMMENT ON CONSTRAINT institution_contact_email_format ON user_mgmt.institution IS 'contact email has the form local@domain.tld, at most 254 characters';
COMMENT ON CONSTRAINT institution_contact_phone_e164 ON user_mgmt.institution IS 'contact phone is in E.164 form: + and 7 to 15 digits';
COMMENT ON CONSTRAINT institution_website_url_http ON user_mgmt.institution IS 'website URL starts with http:// or https:// and has no spaces';
COMMENT ON CONSTRAINT institution_country_code_iso3166 ON user_mgmt.institution IS 'country code is an ISO 3166-1 alpha-2 code in upper case';
COMMENT ON CONSTRAINT institution_soft_delete_state ON user_mgmt.institution IS 'a row is active exactly when deleted_at is NULL';
CREATE UNIQUE INDEX institution_slug_active_uq ON user_mgmt.institution (slug) WHERE is_active;
CREATE INDEX institution_language_code_idx ON user_mgmt.institution (language_code);

-- --------------------------------------------------------------------------------------------
-- user_mgmt.user_role: role grants (temporary elevation is a row with expires_at).
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.user_role (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id        uuid NOT NULL,
    role_id        uuid NOT NULL,
    institution_id uuid,
    granted_by     uuid,
    granted_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz,
    reason         text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT user_role_pkey PRIMARY KEY (id),
    CONSTRAINT user_role_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT user_role_role_id_fkey FOREIGN KEY (role_id)
        REFERENCES core.role (id),
    CONSTRAINT user_role_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE CASCADE,
    CONSTRAINT user_role_expires_at_after_granted_at CHECK (expires_at IS NULL OR expires_at > granted_at),
    CONSTRAINT user_role_reason_length CHECK (reason IS NULL OR length(reason) <= 1000),
    CONSTRAINT user_role_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.user_role IS
    'Roles granted to users: institution_id NULL for platform-scope roles, set for institution-scope roles (scope match checked by trigger). A revoke is a soft delete; an expired grant stays active but no longer counts';
COMMENT ON COLUMN user_mgmt.user_role.granted_by IS 'app_user who granted the role (audit data: no foreign key)';
COMMENT ON COLUMN user_mgmt.user_role.expires_at IS 'End of a temporary elevation; NULL: permanent';
COMMENT ON CONSTRAINT user_role_expires_at_after_granted_at ON user_mgmt.user_role IS 'a grant expires after it was granted';
COMMENT ON CONSTRAINT user_role_reason_length ON user_mgmt.user_role IS 'reason is at most 1000 characters';
COMMENT ON CONSTRAINT user_role_soft_delete_state ON user_mgmt.user_role IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX user_role_user_id_idx ON user_mgmt.user_role (user_id);
CREATE INDEX user_role_role_id_idx ON user_mgmt.user_role (role_id);
CREATE INDEX user_role_institution_id_idx ON user_mgmt.user_role (institution_id);
CREATE INDEX user_role_user_id_active_idx ON user_mgmt.user_role (user_id)
    INCLUDE (role_id, institution_id, expires_at) WHERE is_active;
CREATE UNIQUE INDEX user_role_user_id_role_id_institution_id_active_uq
    ON user_mgmt.user_role (user_id, role_id, institution_id) NULLS NOT DISTINCT WHERE is_active;

-- --------------------------------------------------------------------------------------------
-- user_mgmt.institution_member: membership of a user in an institution.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.institution_member (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    institution_id uuid NOT NULL,
    user_id        uuid NOT NULL,
    member_role    text NOT NULL DEFAULT 'member',
    status         text NOT NULL DEFAULT 'active',
    invited_by     uuid,
    invited_at     timestamptz,
    joined_at      timestamptz DEFAULT now(),
    left_at        timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT institution_member_pkey PRIMARY KEY (id),
    CONSTRAINT institution_member_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE CASCADE,
    CONSTRAINT institution_member_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT institution_member_member_role_allowed CHECK (member_role IN ('owner', 'admin', 'coach', 'member')),
    CONSTRAINT institution_member_status_allowed CHECK (status IN ('invited', 'active', 'suspended', 'left', 'removed')),
    CONSTRAINT institution_member_joined_at_required CHECK (status NOT IN ('active', 'suspended') OR joined_at IS NOT NULL),
    CONSTRAINT institution_member_left_at_state CHECK ((status IN ('left', 'removed')) = (left_at IS NOT NULL)),
    CONSTRAINT institution_member_left_at_after_joined_at CHECK (left_at IS NULL OR joined_at IS NULL OR left_at >= joined_at),
    CONSTRAINT institution_member_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.institution_member IS
    'Membership of a user in an institution, with its role (owner > admin > coach > member). One current membership per (institution, user); an institution keeps at least one active owner (trigger)';
COMMENT ON COLUMN user_mgmt.institution_member.invited_by IS 'app_user who sent the invitation (audit data: no foreign key)';
COMMENT ON CONSTRAINT institution_member_member_role_allowed ON user_mgmt.institution_member IS 'member role is one of owner, admin, coach, member';
COMMENT ON CONSTRAINT institution_member_status_allowed ON user_mgmt.institution_member IS 'membership status is one of invited, active, suspended, left, removed';
COMMENT ON CONSTRAINT institution_member_joined_at_required ON user_mgmt.institution_member IS 'an active or suspended membership has a joined_at';
COMMENT ON CONSTRAINT institution_member_left_at_state ON user_mgmt.institution_member IS 'left_at is set exactly when the status is left or removed';
COMMENT ON CONSTRAINT institution_member_left_at_after_joined_at ON user_mgmt.institution_member IS 'a member leaves after joining';
COMMENT ON CONSTRAINT institution_member_soft_delete_state ON user_mgmt.institution_member IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX institution_member_institution_id_idx ON user_mgmt.institution_member (institution_id, member_role);
CREATE INDEX institution_member_user_id_idx ON user_mgmt.institution_member (user_id);
CREATE INDEX institution_member_user_id_active_idx ON user_mgmt.institution_member (user_id)
    INCLUDE (institution_id, member_role, status) WHERE is_active;
CREATE UNIQUE INDEX institution_member_institution_id_user_id_active_uq
    ON user_mgmt.institution_member (institution_id, user_id)
    WHERE is_active AND status IN ('invited', 'active', 'suspended');

-- --------------------------------------------------------------------------------------------
-- user_mgmt.coach_assignment: which members a coach looks after in an institution.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.coach_assignment (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    institution_id uuid NOT NULL,
    coach_id       uuid NOT NULL,
    member_id      uuid NOT NULL,
    starts_on      date NOT NULL DEFAULT CURRENT_DATE,
    ends_on        date,
    notes          text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT coach_assignment_pkey PRIMARY KEY (id),
    CONSTRAINT coach_assignment_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE CASCADE,
    CONSTRAINT coach_assignment_coach_id_fkey FOREIGN KEY (coach_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT coach_assignment_member_id_fkey FOREIGN KEY (member_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT coach_assignment_member_id_not_coach CHECK (member_id <> coach_id),
    CONSTRAINT coach_assignment_ends_on_after_starts_on CHECK (ends_on IS NULL OR ends_on >= starts_on),
    CONSTRAINT coach_assignment_notes_length CHECK (notes IS NULL OR length(notes) <= 10000),
    CONSTRAINT coach_assignment_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.coach_assignment IS
    'A coach of an institution looks after a member of the same institution (both memberships checked by trigger); grants the coach read access to that member''s progress';
COMMENT ON COLUMN user_mgmt.coach_assignment.notes IS 'pii: free_text';
COMMENT ON CONSTRAINT coach_assignment_member_id_not_coach ON user_mgmt.coach_assignment IS 'a coach cannot be assigned to themself';
COMMENT ON CONSTRAINT coach_assignment_ends_on_after_starts_on ON user_mgmt.coach_assignment IS 'an assignment ends on or after its start';
COMMENT ON CONSTRAINT coach_assignment_notes_length ON user_mgmt.coach_assignment IS 'notes are at most 10000 characters';
COMMENT ON CONSTRAINT coach_assignment_soft_delete_state ON user_mgmt.coach_assignment IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX coach_assignment_institution_id_idx ON user_mgmt.coach_assignment (institution_id);
CREATE INDEX coach_assignment_coach_id_idx ON user_mgmt.coach_assignment (coach_id);
CREATE INDEX coach_assignment_member_id_idx ON user_mgmt.coach_assignment (member_id);
CREATE INDEX coach_assignment_coach_id_active_idx ON user_mgmt.coach_assignment (coach_id)
    INCLUDE (member_id, institution_id) WHERE is_active;
CREATE UNIQUE INDEX coach_assignment_institution_id_coach_id_member_id_active_uq
    ON user_mgmt.coach_assignment (institution_id, coach_id, member_id) WHERE is_active;

-- --------------------------------------------------------------------------------------------
-- user_mgmt.user_program_enrollment: a user following a program.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.user_program_enrollment (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id        uuid NOT NULL,
    program_id     uuid NOT NULL,   -- FK to content.program added by domains/content/
    institution_id uuid,
    assigned_by    uuid,
    status         text NOT NULL DEFAULT 'active',
    started_on     date NOT NULL DEFAULT CURRENT_DATE,
    ended_on       date,
    current_week   integer NOT NULL DEFAULT 1,
    current_day    smallint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT user_program_enrollment_pkey PRIMARY KEY (id),
    CONSTRAINT user_program_enrollment_id_user_id_key UNIQUE (id, user_id),
    CONSTRAINT user_program_enrollment_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT user_program_enrollment_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE SET NULL,
    CONSTRAINT user_program_enrollment_status_allowed CHECK (status IN ('scheduled', 'active', 'paused', 'completed', 'abandoned')),
    CONSTRAINT user_program_enrollment_ended_on_after_started_on CHECK (ended_on IS NULL OR ended_on >= started_on),
    CONSTRAINT user_program_enrollment_ended_on_state CHECK ((status IN ('completed', 'abandoned')) = (ended_on IS NOT NULL)),
    CONSTRAINT user_program_enrollment_current_week_range CHECK (current_week BETWEEN 1 AND 520),
    CONSTRAINT user_program_enrollment_current_day_range CHECK (current_day BETWEEN 1 AND 7),
    CONSTRAINT user_program_enrollment_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.user_program_enrollment IS
    'A user following a program (self-enrolled, or assigned by a coach of institution_id). One open enrollment per user and program; current_week is within the program''s duration (trigger)';
COMMENT ON COLUMN user_mgmt.user_program_enrollment.program_id IS 'content.program followed';
COMMENT ON COLUMN user_mgmt.user_program_enrollment.assigned_by IS 'coach who assigned the program (audit data: no foreign key); NULL: self-enrolled';
COMMENT ON CONSTRAINT user_program_enrollment_status_allowed ON user_mgmt.user_program_enrollment IS 'enrollment status is one of scheduled, active, paused, completed, abandoned';
COMMENT ON CONSTRAINT user_program_enrollment_ended_on_after_started_on ON user_mgmt.user_program_enrollment IS 'an enrollment ends on or after its start';
COMMENT ON CONSTRAINT user_program_enrollment_ended_on_state ON user_mgmt.user_program_enrollment IS 'ended_on is set exactly when the enrollment is completed or abandoned';
COMMENT ON CONSTRAINT user_program_enrollment_current_week_range ON user_mgmt.user_program_enrollment IS 'current week is between 1 and 520';
COMMENT ON CONSTRAINT user_program_enrollment_current_day_range ON user_mgmt.user_program_enrollment IS 'current day is between 1 and 7';
COMMENT ON CONSTRAINT user_program_enrollment_soft_delete_state ON user_mgmt.user_program_enrollment IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX user_program_enrollment_user_id_idx ON user_mgmt.user_program_enrollment (user_id, started_on DESC);
CREATE INDEX user_program_enrollment_program_id_idx ON user_mgmt.user_program_enrollment (program_id);
CREATE INDEX user_program_enrollment_institution_id_idx ON user_mgmt.user_program_enrollment (institution_id);
CREATE UNIQUE INDEX user_program_enrollment_user_id_program_id_active_uq
    ON user_mgmt.user_program_enrollment (user_id, program_id)
    WHERE is_active AND status IN ('scheduled', 'active', 'paused');

-- --------------------------------------------------------------------------------------------
-- user_mgmt.user_workout_session: one training session of a user.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.user_workout_session (
    id                    uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id               uuid NOT NULL,
    workout_id            uuid,   -- FK to content.workout added by domains/content/
    schedule_workout_id   uuid,   -- FK to content.schedule_workout added by domains/content/
    program_enrollment_id uuid,
    name                  text,
    status                text NOT NULL DEFAULT 'in_progress',
    scheduled_for         timestamptz,
    started_at            timestamptz DEFAULT now(),
    ended_at              timestamptz,
    perceived_exertion    smallint,
    notes                 text,
    total_volume_kg       numeric(12,2),
    duration_s            integer,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT user_workout_session_pkey PRIMARY KEY (id),
    CONSTRAINT user_workout_session_id_user_id_key UNIQUE (id, user_id),
    CONSTRAINT user_workout_session_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT user_workout_session_program_enrollment_id_fkey FOREIGN KEY (program_enrollment_id, user_id)
        REFERENCES user_mgmt.user_program_enrollment (id, user_id) ON DELETE SET NULL (program_enrollment_id),
    CONSTRAINT user_workout_session_name_length CHECK (name IS NULL OR (btrim(name) <> '' AND length(name) <= 200)),
    CONSTRAINT user_workout_session_status_allowed CHECK (status IN ('planned', 'in_progress', 'completed', 'abandoned')),
    CONSTRAINT user_workout_session_started_at_required CHECK (status = 'planned' OR started_at IS NOT NULL),
    CONSTRAINT user_workout_session_ended_at_state CHECK (CASE status WHEN 'completed' THEN ended_at IS NOT NULL WHEN 'abandoned' THEN true ELSE ended_at IS NULL END),
    CONSTRAINT user_workout_session_ended_at_after_started_at CHECK (ended_at IS NULL OR (started_at IS NOT NULL AND ended_at >= started_at)),
    CONSTRAINT user_workout_session_perceived_exertion_range CHECK (perceived_exertion IS NULL OR perceived_exertion BETWEEN 1 AND 10),
    CONSTRAINT user_workout_session_notes_length CHECK (notes IS NULL OR length(notes) <= 10000),
    CONSTRAINT user_workout_session_total_volume_kg_nonnegative CHECK (total_volume_kg IS NULL OR total_volume_kg >= 0),
    CONSTRAINT user_workout_session_duration_s_range CHECK (duration_s IS NULL OR duration_s BETWEEN 0 AND 86400),
    CONSTRAINT user_workout_session_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.user_workout_session IS
    'A training session of a user, from a workout, a program''s scheduled workout, or ad hoc. At most one in-progress session per user; fitness.complete_session fills total_volume_kg and duration_s';
COMMENT ON COLUMN user_mgmt.user_workout_session.workout_id IS 'content.workout performed; NULL: ad hoc';
COMMENT ON COLUMN user_mgmt.user_workout_session.schedule_workout_id IS 'content.schedule_workout this session fulfils';
COMMENT ON COLUMN user_mgmt.user_workout_session.program_enrollment_id IS 'Enrollment of the same user this session belongs to';
COMMENT ON COLUMN user_mgmt.user_workout_session.perceived_exertion IS 'Session RPE on the CR-10 scale (1-10)';
COMMENT ON COLUMN user_mgmt.user_workout_session.notes IS 'pii: free_text';
COMMENT ON COLUMN user_mgmt.user_workout_session.total_volume_kg IS 'Computed: sum of reps x weight of the session''s working sets';
COMMENT ON COLUMN user_mgmt.user_workout_session.duration_s IS 'Computed: seconds from started_at to ended_at';
COMMENT ON CONSTRAINT user_workout_session_name_length ON user_mgmt.user_workout_session IS 'session name is NULL or not blank and at most 200 characters';
COMMENT ON CONSTRAINT user_workout_session_status_allowed ON user_mgmt.user_workout_session IS 'session status is one of planned, in_progress, completed, abandoned';
COMMENT ON CONSTRAINT user_workout_session_started_at_required ON user_mgmt.user_workout_session IS 'a session that is not planned has a started_at';
COMMENT ON CONSTRAINT user_workout_session_ended_at_state ON user_mgmt.user_workout_session IS 'a completed session has an ended_at; a planned or in-progress one has none (an abandoned one may have either)';
COMMENT ON CONSTRAINT user_workout_session_ended_at_after_started_at ON user_mgmt.user_workout_session IS 'a session ends at or after it started';
COMMENT ON CONSTRAINT user_workout_session_perceived_exertion_range ON user_mgmt.user_workout_session IS 'perceived exertion is between 1 and 10';
COMMENT ON CONSTRAINT user_workout_session_notes_length ON user_mgmt.user_workout_session IS 'notes are at most 10000 characters';
COMMENT ON CONSTRAINT user_workout_session_total_volume_kg_nonnegative ON user_mgmt.user_workout_session IS 'total volume is not negative';
COMMENT ON CONSTRAINT user_workout_session_duration_s_range ON user_mgmt.user_workout_session IS 'duration is between 0 and 86400 seconds';
COMMENT ON CONSTRAINT user_workout_session_soft_delete_state ON user_mgmt.user_workout_session IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX user_workout_session_user_id_started_at_idx ON user_mgmt.user_workout_session (user_id, started_at DESC);
CREATE INDEX user_workout_session_workout_id_idx ON user_mgmt.user_workout_session (workout_id);
CREATE INDEX user_workout_session_schedule_workout_id_idx ON user_mgmt.user_workout_session (schedule_workout_id);
CREATE INDEX user_workout_session_program_enrollment_id_idx ON user_mgmt.user_workout_session (program_enrollment_id, user_id);
CREATE UNIQUE INDEX user_workout_session_user_id_in_progress_active_uq
    ON user_mgmt.user_workout_session (user_id) WHERE is_active AND status = 'in_progress';

-- --------------------------------------------------------------------------------------------
-- user_mgmt.user_set_log: one performed set.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.user_set_log (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    session_id          uuid NOT NULL,
    user_id             uuid NOT NULL,
    exercise_id         uuid NOT NULL,   -- FK to content.exercise added by domains/content/
    exercise_variant_id uuid,            -- FK to content.exercise_variant added by domains/content/
    workout_set_id      uuid,            -- FK to content.workout_set added by domains/content/
    set_index           integer NOT NULL,
    set_type            text NOT NULL DEFAULT 'normal',
    reps                integer,
    weight_kg           numeric(6,2),
    duration_s          integer,
    distance_m          numeric(9,2),
    rpe                 numeric(3,1),
    rir                 numeric(3,1),
    rest_s              integer,
    estimated_one_rm_kg numeric(7,2),
    is_personal_record  boolean NOT NULL DEFAULT false,
    performed_at        timestamptz NOT NULL DEFAULT now(),
    notes               text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT user_set_log_pkey PRIMARY KEY (id),
    CONSTRAINT user_set_log_session_id_fkey FOREIGN KEY (session_id, user_id)
        REFERENCES user_mgmt.user_workout_session (id, user_id) ON DELETE CASCADE,
    CONSTRAINT user_set_log_set_index_positive CHECK (set_index >= 1),
    CONSTRAINT user_set_log_set_type_allowed CHECK (set_type IN ('normal', 'warmup', 'drop', 'failure', 'amrap')),
    CONSTRAINT user_set_log_measure_present CHECK (num_nonnulls(reps, duration_s, distance_m) >= 1),
    CONSTRAINT user_set_log_reps_range CHECK (reps IS NULL OR reps BETWEEN 1 AND 1000),
    CONSTRAINT user_set_log_weight_kg_range CHECK (weight_kg IS NULL OR weight_kg BETWEEN 0 AND 1500),
    CONSTRAINT user_set_log_duration_s_range CHECK (duration_s IS NULL OR duration_s BETWEEN 1 AND 86400),
    CONSTRAINT user_set_log_distance_m_range CHECK (distance_m IS NULL OR distance_m BETWEEN 0 AND 1000000),
    CONSTRAINT user_set_log_rpe_half_steps CHECK (rpe IS NULL OR (rpe BETWEEN 1 AND 10 AND rpe * 2 = trunc(rpe * 2))),
    CONSTRAINT user_set_log_rir_half_steps CHECK (rir IS NULL OR (rir BETWEEN 0 AND 10 AND rir * 2 = trunc(rir * 2))),
    CONSTRAINT user_set_log_rest_s_range CHECK (rest_s IS NULL OR rest_s BETWEEN 0 AND 3600),
    CONSTRAINT user_set_log_estimated_one_rm_kg_nonnegative CHECK (estimated_one_rm_kg IS NULL OR estimated_one_rm_kg >= 0),
    CONSTRAINT user_set_log_notes_length CHECK (notes IS NULL OR length(notes) <= 2000),
    CONSTRAINT user_set_log_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.user_set_log IS
    'One performed set of a session. user_id repeats the session''s user (composite foreign key), so logs can only go into the user''s own session and RLS needs no join. Values must fit the exercise''s tracking type (trigger)';
COMMENT ON COLUMN user_mgmt.user_set_log.user_id IS 'Owner: always the user of the session (enforced by the composite foreign key)';
COMMENT ON COLUMN user_mgmt.user_set_log.exercise_id IS 'content.exercise performed';
COMMENT ON COLUMN user_mgmt.user_set_log.exercise_variant_id IS 'content.exercise_variant performed, if any';
COMMENT ON COLUMN user_mgmt.user_set_log.workout_set_id IS 'content.workout_set this set carries out, if planned';
COMMENT ON COLUMN user_mgmt.user_set_log.set_index IS 'Order of the set within the session, from 1';
COMMENT ON COLUMN user_mgmt.user_set_log.estimated_one_rm_kg IS 'Computed when the session completes (fitness.estimate_one_rm)';
COMMENT ON COLUMN user_mgmt.user_set_log.is_personal_record IS 'Computed by fitness.complete_session';
COMMENT ON COLUMN user_mgmt.user_set_log.notes IS 'pii: free_text';
COMMENT ON CONSTRAINT user_set_log_set_index_positive ON user_mgmt.user_set_log IS 'set index starts at 1';
COMMENT ON CONSTRAINT user_set_log_set_type_allowed ON user_mgmt.user_set_log IS 'set type is one of normal, warmup, drop, failure, amrap';
COMMENT ON CONSTRAINT user_set_log_measure_present ON user_mgmt.user_set_log IS 'a set records at least one of reps, duration_s, distance_m';
COMMENT ON CONSTRAINT user_set_log_reps_range ON user_mgmt.user_set_log IS 'reps are between 1 and 1000';
COMMENT ON CONSTRAINT user_set_log_weight_kg_range ON user_mgmt.user_set_log IS 'weight is between 0 and 1500 kg';
COMMENT ON CONSTRAINT user_set_log_duration_s_range ON user_mgmt.user_set_log IS 'duration is between 1 and 86400 seconds';
COMMENT ON CONSTRAINT user_set_log_distance_m_range ON user_mgmt.user_set_log IS 'distance is between 0 and 1000000 m';
COMMENT ON CONSTRAINT user_set_log_rpe_half_steps ON user_mgmt.user_set_log IS 'RPE is between 1 and 10 in steps of 0.5';
COMMENT ON CONSTRAINT user_set_log_rir_half_steps ON user_mgmt.user_set_log IS 'RIR is between 0 and 10 in steps of 0.5';
COMMENT ON CONSTRAINT user_set_log_rest_s_range ON user_mgmt.user_set_log IS 'rest is between 0 and 3600 seconds';
COMMENT ON CONSTRAINT user_set_log_estimated_one_rm_kg_nonnegative ON user_mgmt.user_set_log IS 'estimated 1RM is not negative';
COMMENT ON CONSTRAINT user_set_log_notes_length ON user_mgmt.user_set_log IS 'notes are at most 2000 characters';
COMMENT ON CONSTRAINT user_set_log_soft_delete_state ON user_mgmt.user_set_log IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX user_set_log_session_id_idx ON user_mgmt.user_set_log (session_id, user_id);
CREATE UNIQUE INDEX user_set_log_session_id_set_index_active_uq
    ON user_mgmt.user_set_log (session_id, set_index) WHERE is_active;
CREATE INDEX user_set_log_exercise_id_idx ON user_mgmt.user_set_log (exercise_id, user_id);
CREATE INDEX user_set_log_exercise_variant_id_idx ON user_mgmt.user_set_log (exercise_variant_id);
CREATE INDEX user_set_log_workout_set_id_idx ON user_mgmt.user_set_log (workout_set_id);
CREATE INDEX user_set_log_user_id_performed_at_idx ON user_mgmt.user_set_log (user_id, performed_at DESC);

-- --------------------------------------------------------------------------------------------
-- user_mgmt.user_measurement: body metrics over time.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.user_measurement (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id     uuid NOT NULL,
    metric      text NOT NULL,
    value       numeric(10,3) NOT NULL,
    measured_at timestamptz NOT NULL DEFAULT now(),
    source      text NOT NULL DEFAULT 'manual',
    notes       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT user_measurement_pkey PRIMARY KEY (id),
    CONSTRAINT user_measurement_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT user_measurement_metric_allowed CHECK (metric IN (
        'body_weight_kg', 'body_fat_pct', 'muscle_mass_kg', 'height_cm',
        'waist_cm', 'hip_cm', 'chest_cm', 'neck_cm', 'arm_cm', 'thigh_cm', 'calf_cm',
        'resting_heart_rate_bpm', 'blood_pressure_systolic_mmhg', 'blood_pressure_diastolic_mmhg',
        'vo2max_ml_kg_min')),
    CONSTRAINT user_measurement_value_range CHECK (CASE metric
        WHEN 'body_weight_kg' THEN value BETWEEN 20 AND 500
        WHEN 'body_fat_pct' THEN value BETWEEN 1 AND 75
        WHEN 'muscle_mass_kg' THEN value BETWEEN 5 AND 250
        WHEN 'height_cm' THEN value BETWEEN 50 AND 272
        WHEN 'resting_heart_rate_bpm' THEN value BETWEEN 20 AND 250
        WHEN 'blood_pressure_systolic_mmhg' THEN value BETWEEN 50 AND 300
        WHEN 'blood_pressure_diastolic_mmhg' THEN value BETWEEN 20 AND 200
        WHEN 'vo2max_ml_kg_min' THEN value BETWEEN 5 AND 100
        ELSE value BETWEEN 5 AND 300   -- circumferences in cm
    END),
    CONSTRAINT user_measurement_source_allowed CHECK (source IN ('manual', 'device', 'import', 'coach')),
    CONSTRAINT user_measurement_notes_length CHECK (notes IS NULL OR length(notes) <= 2000),
    CONSTRAINT user_measurement_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.user_measurement IS 'Body metrics of a user over time (weight, body fat, circumferences, heart rate ...); the unit is part of the metric code';
COMMENT ON COLUMN user_mgmt.user_measurement.value IS 'pii: health';
COMMENT ON COLUMN user_mgmt.user_measurement.notes IS 'pii: free_text';
COMMENT ON CONSTRAINT user_measurement_metric_allowed ON user_mgmt.user_measurement IS 'metric is one of body_weight_kg, body_fat_pct, muscle_mass_kg, height_cm, waist_cm, hip_cm, chest_cm, neck_cm, arm_cm, thigh_cm, calf_cm, resting_heart_rate_bpm, blood_pressure_systolic_mmhg, blood_pressure_diastolic_mmhg, vo2max_ml_kg_min';
COMMENT ON CONSTRAINT user_measurement_value_range ON user_mgmt.user_measurement IS 'value is plausible for its metric: body weight 20-500 kg, body fat 1-75 %, muscle mass 5-250 kg, height 50-272 cm, resting heart rate 20-250 bpm, systolic 50-300 and diastolic 20-200 mmHg, VO2max 5-100, circumferences 5-300 cm';
COMMENT ON CONSTRAINT user_measurement_source_allowed ON user_mgmt.user_measurement IS 'source is one of manual, device, import, coach';
COMMENT ON CONSTRAINT user_measurement_notes_length ON user_mgmt.user_measurement IS 'notes are at most 2000 characters';
COMMENT ON CONSTRAINT user_measurement_soft_delete_state ON user_mgmt.user_measurement IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX user_measurement_user_id_metric_measured_at_idx
    ON user_mgmt.user_measurement (user_id, metric, measured_at DESC);
CREATE UNIQUE INDEX user_measurement_user_id_metric_measured_at_active_uq
    ON user_mgmt.user_measurement (user_id, metric, measured_at) WHERE is_active;

-- --------------------------------------------------------------------------------------------
-- Billing: user_mgmt.billing_plan, user_mgmt.subscription, user_mgmt.payment.
-- --------------------------------------------------------------------------------------------
CREATE TABLE user_mgmt.billing_plan (
    id               uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    institution_id   uuid,
    code             text NOT NULL,
    name             text NOT NULL,
    description      text,
    amount           numeric(12,2) NOT NULL,
    currency         char(3) NOT NULL,
    billing_interval text NOT NULL DEFAULT 'month',
    interval_count   integer NOT NULL DEFAULT 1,
    trial_days       integer NOT NULL DEFAULT 0,
    max_members      integer,
    features         jsonb NOT NULL DEFAULT '{}',
    is_public        boolean NOT NULL DEFAULT true,
    provider         text,
    provider_ref     text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT billing_plan_pkey PRIMARY KEY (id),
    CONSTRAINT billing_plan_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE CASCADE,
    CONSTRAINT billing_plan_code_format CHECK (code ~ '^[a-z0-9][a-z0-9_]*$' AND length(code) <= 63),
    CONSTRAINT billing_plan_name_length CHECK (btrim(name) <> '' AND length(name) <= 200),
    CONSTRAINT billing_plan_amount_positive CHECK (amount > 0),
    CONSTRAINT billing_plan_currency_iso4217 CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT billing_plan_billing_interval_allowed CHECK (billing_interval IN ('day', 'week', 'month', 'year')),
    CONSTRAINT billing_plan_interval_count_range CHECK (interval_count BETWEEN 1 AND 365),
    CONSTRAINT billing_plan_trial_days_range CHECK (trial_days BETWEEN 0 AND 365),
    CONSTRAINT billing_plan_max_members_positive CHECK (max_members IS NULL OR max_members >= 1),
    CONSTRAINT billing_plan_features_object CHECK (jsonb_typeof(features) = 'object'),
    CONSTRAINT billing_plan_provider_format CHECK (provider IS NULL OR provider ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT billing_plan_provider_ref_requires_provider CHECK (provider_ref IS NULL OR provider IS NOT NULL),
    CONSTRAINT billing_plan_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.billing_plan IS
    'Prices users or institutions subscribe to: a platform plan (institution_id NULL) or a membership plan an institution sells to its members';
COMMENT ON COLUMN user_mgmt.billing_plan.amount IS 'Price per billing period (interval_count x billing_interval), in currency';
COMMENT ON COLUMN user_mgmt.billing_plan.max_members IS 'For institution plans: members allowed; NULL: unlimited';
COMMENT ON COLUMN user_mgmt.billing_plan.provider_ref IS 'Price id at the payment provider (e.g. Stripe price_...)';
COMMENT ON CONSTRAINT billing_plan_code_format ON user_mgmt.billing_plan IS 'plan code is lower-case snake_case, at most 63 characters';
COMMENT ON CONSTRAINT billing_plan_name_length ON user_mgmt.billing_plan IS 'plan name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT billing_plan_amount_positive ON user_mgmt.billing_plan IS 'plan amount is positive';
COMMENT ON CONSTRAINT billing_plan_currency_iso4217 ON user_mgmt.billing_plan IS 'currency is an ISO 4217 code: three upper-case letters';
COMMENT ON CONSTRAINT billing_plan_billing_interval_allowed ON user_mgmt.billing_plan IS 'billing interval is one of day, week, month, year';
COMMENT ON CONSTRAINT billing_plan_interval_count_range ON user_mgmt.billing_plan IS 'interval count is between 1 and 365';
COMMENT ON CONSTRAINT billing_plan_trial_days_range ON user_mgmt.billing_plan IS 'trial days are between 0 and 365';
COMMENT ON CONSTRAINT billing_plan_max_members_positive ON user_mgmt.billing_plan IS 'max_members is NULL (unlimited) or at least 1';
COMMENT ON CONSTRAINT billing_plan_features_object ON user_mgmt.billing_plan IS 'features is a JSON object';
COMMENT ON CONSTRAINT billing_plan_provider_format ON user_mgmt.billing_plan IS 'provider is a lower-case snake_case name (stripe, paddle, manual ...)';
COMMENT ON CONSTRAINT billing_plan_provider_ref_requires_provider ON user_mgmt.billing_plan IS 'a provider reference needs a provider';
COMMENT ON CONSTRAINT billing_plan_soft_delete_state ON user_mgmt.billing_plan IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX billing_plan_institution_id_idx ON user_mgmt.billing_plan (institution_id);
CREATE UNIQUE INDEX billing_plan_institution_id_code_active_uq
    ON user_mgmt.billing_plan (institution_id, code) NULLS NOT DISTINCT WHERE is_active;
CREATE UNIQUE INDEX billing_plan_provider_provider_ref_active_uq
    ON user_mgmt.billing_plan (provider, provider_ref) WHERE is_active AND provider_ref IS NOT NULL;

CREATE TABLE user_mgmt.subscription (
    id                   uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id              uuid,
    institution_id       uuid,
    billing_plan_id      uuid NOT NULL,
    status               text NOT NULL DEFAULT 'active',
    quantity             integer NOT NULL DEFAULT 1,
    current_period_start timestamptz NOT NULL DEFAULT now(),
    current_period_end   timestamptz,
    trial_end            timestamptz,
    cancel_at            timestamptz,
    canceled_at          timestamptz,
    ended_at             timestamptz,
    provider             text NOT NULL DEFAULT 'manual',
    provider_ref         text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT subscription_pkey PRIMARY KEY (id),
    CONSTRAINT subscription_id_user_id_key UNIQUE (id, user_id),
    CONSTRAINT subscription_id_institution_id_key UNIQUE (id, institution_id),
    CONSTRAINT subscription_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE RESTRICT,
    CONSTRAINT subscription_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE RESTRICT,
    CONSTRAINT subscription_billing_plan_id_fkey FOREIGN KEY (billing_plan_id)
        REFERENCES user_mgmt.billing_plan (id) ON DELETE RESTRICT,
    CONSTRAINT subscription_subscriber_exactly_one CHECK (num_nonnulls(user_id, institution_id) = 1),
    CONSTRAINT subscription_status_allowed CHECK (status IN ('trialing', 'active', 'past_due', 'canceled', 'expired')),
    CONSTRAINT subscription_quantity_positive CHECK (quantity >= 1),
    CONSTRAINT subscription_current_period_end_after_start CHECK (current_period_end IS NULL OR current_period_end > current_period_start),
    CONSTRAINT subscription_trial_end_required CHECK (status <> 'trialing' OR trial_end IS NOT NULL),
    CONSTRAINT subscription_canceled_at_required CHECK (status <> 'canceled' OR canceled_at IS NOT NULL),
    CONSTRAINT subscription_ended_at_required CHECK (status <> 'expired' OR ended_at IS NOT NULL),
    CONSTRAINT subscription_provider_format CHECK (provider ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT subscription_provider_ref_not_blank CHECK (provider_ref IS NULL OR (btrim(provider_ref) <> '' AND length(provider_ref) <= 255)),
    CONSTRAINT subscription_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.subscription IS
    'A subscriber (exactly one of user_id, institution_id) on a billing plan. Status moves along core.status_transition (domain subscription); one open subscription per subscriber and plan. Financial record: references are RESTRICT, erasure anonymizes';
COMMENT ON COLUMN user_mgmt.subscription.quantity IS 'Seats or units billed';
COMMENT ON COLUMN user_mgmt.subscription.provider_ref IS 'pii: payment_ref';
COMMENT ON CONSTRAINT subscription_subscriber_exactly_one ON user_mgmt.subscription IS 'the subscriber is exactly one of user_id and institution_id';
COMMENT ON CONSTRAINT subscription_status_allowed ON user_mgmt.subscription IS 'subscription status is one of trialing, active, past_due, canceled, expired';
COMMENT ON CONSTRAINT subscription_quantity_positive ON user_mgmt.subscription IS 'quantity is at least 1';
COMMENT ON CONSTRAINT subscription_current_period_end_after_start ON user_mgmt.subscription IS 'the current period ends after it starts';
COMMENT ON CONSTRAINT subscription_trial_end_required ON user_mgmt.subscription IS 'a trialing subscription has a trial_end';
COMMENT ON CONSTRAINT subscription_canceled_at_required ON user_mgmt.subscription IS 'a canceled subscription has a canceled_at';
COMMENT ON CONSTRAINT subscription_ended_at_required ON user_mgmt.subscription IS 'an expired subscription has an ended_at';
COMMENT ON CONSTRAINT subscription_provider_format ON user_mgmt.subscription IS 'provider is a lower-case snake_case name (stripe, paddle, manual ...)';
COMMENT ON CONSTRAINT subscription_provider_ref_not_blank ON user_mgmt.subscription IS 'provider reference is NULL or not blank and at most 255 characters';
COMMENT ON CONSTRAINT subscription_soft_delete_state ON user_mgmt.subscription IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX subscription_user_id_idx ON user_mgmt.subscription (user_id);
CREATE INDEX subscription_institution_id_idx ON user_mgmt.subscription (institution_id);
CREATE INDEX subscription_billing_plan_id_idx ON user_mgmt.subscription (billing_plan_id);
CREATE UNIQUE INDEX subscription_provider_provider_ref_active_uq
    ON user_mgmt.subscription (provider, provider_ref) WHERE is_active AND provider_ref IS NOT NULL;
CREATE UNIQUE INDEX subscription_user_id_billing_plan_id_active_uq
    ON user_mgmt.subscription (user_id, billing_plan_id)
    WHERE is_active AND user_id IS NOT NULL AND status IN ('trialing', 'active', 'past_due');
CREATE UNIQUE INDEX subscription_institution_id_billing_plan_id_active_uq
    ON user_mgmt.subscription (institution_id, billing_plan_id)
    WHERE is_active AND institution_id IS NOT NULL AND status IN ('trialing', 'active', 'past_due');

CREATE TABLE user_mgmt.payment (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    subscription_id uuid NOT NULL,
    user_id         uuid,
    institution_id  uuid,
    amount          numeric(12,2) NOT NULL,
    currency        char(3) NOT NULL,
    status          text NOT NULL DEFAULT 'pending',
    description     text,
    period_start    timestamptz,
    period_end      timestamptz,
    paid_at         timestamptz,
    refunded_at     timestamptz,
    amount_refunded numeric(12,2) NOT NULL DEFAULT 0,
    provider        text NOT NULL DEFAULT 'manual',
    provider_ref    text,
    card_brand      text,
    card_last4      text,
    failure_code    text,
    failure_reason  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,          -- acting app user; no FK: audit data survives erasure
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT payment_pkey PRIMARY KEY (id),
    CONSTRAINT payment_subscription_id_user_id_fkey FOREIGN KEY (subscription_id, user_id)
        REFERENCES user_mgmt.subscription (id, user_id) ON DELETE RESTRICT,
    CONSTRAINT payment_subscription_id_institution_id_fkey FOREIGN KEY (subscription_id, institution_id)
        REFERENCES user_mgmt.subscription (id, institution_id) ON DELETE RESTRICT,
    CONSTRAINT payment_payer_exactly_one CHECK (num_nonnulls(user_id, institution_id) = 1),
    CONSTRAINT payment_amount_positive CHECK (amount > 0),
    CONSTRAINT payment_currency_iso4217 CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT payment_status_allowed CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded')),
    CONSTRAINT payment_paid_at_required CHECK (status NOT IN ('succeeded', 'refunded') OR paid_at IS NOT NULL),
    CONSTRAINT payment_refunded_at_state CHECK ((status = 'refunded') = (refunded_at IS NOT NULL)),
    CONSTRAINT payment_amount_refunded_range CHECK (amount_refunded >= 0 AND amount_refunded <= amount),
    CONSTRAINT payment_period_end_after_start CHECK (period_end IS NULL OR period_start IS NULL OR period_end > period_start),
    CONSTRAINT payment_provider_format CHECK (provider ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT payment_provider_ref_not_blank CHECK (provider_ref IS NULL OR (btrim(provider_ref) <> '' AND length(provider_ref) <= 255)),
    CONSTRAINT payment_card_last4_digits CHECK (card_last4 IS NULL OR card_last4 ~ '^[0-9]{4}$'),
    CONSTRAINT payment_failure_reason_length CHECK (failure_reason IS NULL OR length(failure_reason) <= 2000),
    CONSTRAINT payment_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE user_mgmt.payment IS
    'A charge of a subscription. user_id / institution_id repeat the subscription''s subscriber (composite foreign keys). provider_ref is unique per provider so webhooks are idempotent; currency equals the plan''s (trigger). Kept (anonymized) on erasure as the law requires';
COMMENT ON COLUMN user_mgmt.payment.provider_ref IS 'pii: payment_ref';
COMMENT ON COLUMN user_mgmt.payment.card_brand IS 'pii: payment_ref';
COMMENT ON COLUMN user_mgmt.payment.card_last4 IS 'pii: payment_ref';
COMMENT ON CONSTRAINT payment_payer_exactly_one ON user_mgmt.payment IS 'the payer is exactly one of user_id and institution_id, the subscription''s subscriber';
COMMENT ON CONSTRAINT payment_amount_positive ON user_mgmt.payment IS 'payment amount is positive';
COMMENT ON CONSTRAINT payment_currency_iso4217 ON user_mgmt.payment IS 'currency is an ISO 4217 code: three upper-case letters';
COMMENT ON CONSTRAINT payment_status_allowed ON user_mgmt.payment IS 'payment status is one of pending, succeeded, failed, refunded';
COMMENT ON CONSTRAINT payment_paid_at_required ON user_mgmt.payment IS 'a succeeded or refunded payment has a paid_at';
COMMENT ON CONSTRAINT payment_refunded_at_state ON user_mgmt.payment IS 'refunded_at is set exactly when the payment is refunded';
COMMENT ON CONSTRAINT payment_amount_refunded_range ON user_mgmt.payment IS 'refunded amount is between 0 and the payment amount';
COMMENT ON CONSTRAINT payment_period_end_after_start ON user_mgmt.payment IS 'the billed period ends after it starts';
COMMENT ON CONSTRAINT payment_provider_format ON user_mgmt.payment IS 'provider is a lower-case snake_case name (stripe, paddle, manual ...)';
COMMENT ON CONSTRAINT payment_provider_ref_not_blank ON user_mgmt.payment IS 'provider reference is NULL or not blank and at most 255 characters';
COMMENT ON CONSTRAINT payment_card_last4_digits ON user_mgmt.payment IS 'card_last4 is four digits';
COMMENT ON CONSTRAINT payment_failure_reason_length ON user_mgmt.payment IS 'failure reason is at most 2000 characters';
COMMENT ON CONSTRAINT payment_soft_delete_state ON user_mgmt.payment IS 'a row is active exactly when deleted_at is NULL';
CREATE INDEX payment_subscription_id_user_id_idx ON user_mgmt.payment (subscription_id, user_id);
CREATE INDEX payment_subscription_id_institution_id_idx ON user_mgmt.payment (subscription_id, institution_id);
CREATE INDEX payment_user_id_idx ON user_mgmt.payment (user_id);
CREATE INDEX payment_institution_id_idx ON user_mgmt.payment (institution_id);
CREATE UNIQUE INDEX payment_provider_provider_ref_active_uq
    ON user_mgmt.payment (provider, provider_ref) WHERE is_active AND provider_ref IS NOT NULL;
