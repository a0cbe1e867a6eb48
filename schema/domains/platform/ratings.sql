-- -------------------------------------------------------------------------------------
-- ratings
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.rating_status (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code            text NOT NULL,
    name            text NOT NULL,
    description     text,
    is_public       boolean NOT NULL DEFAULT false,
    is_terminal     boolean NOT NULL DEFAULT false,
    sort_order      integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT rating_status_pkey PRIMARY KEY (id),
    CONSTRAINT rating_status_code_format CHECK (code ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT rating_status_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT rating_status_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.rating_status IS 'Moderation states of a rating (pending, published, rejected, flagged)';
COMMENT ON COLUMN platform.rating_status.is_public IS 'Ratings in this state are visible to others and count in rating_summary';
COMMENT ON CONSTRAINT rating_status_code_format ON platform.rating_status IS
    'code must be a lower-case identifier';
COMMENT ON CONSTRAINT rating_status_name_not_blank ON platform.rating_status IS 'name must not be blank';
COMMENT ON CONSTRAINT rating_status_soft_delete_state ON platform.rating_status IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX rating_status_code_active_uq ON platform.rating_status (code) WHERE is_active;


CREATE TABLE platform.rating (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id             uuid NOT NULL,
    entity_type         text NOT NULL,
    entity_id           uuid NOT NULL,
    score               smallint NOT NULL,
    title               text,
    review              text,
    rating_status_id    uuid NOT NULL,
    moderated_by        uuid,
    moderated_at        timestamptz,
    moderation_note     text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT rating_pkey PRIMARY KEY (id),
    CONSTRAINT rating_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT rating_rating_status_id_fkey FOREIGN KEY (rating_status_id)
        REFERENCES platform.rating_status (id),
    CONSTRAINT rating_moderated_by_fkey FOREIGN KEY (moderated_by)
        REFERENCES user_mgmt.app_user (id) ON DELETE SET NULL,
    CONSTRAINT rating_entity_type_fkey FOREIGN KEY (entity_type)
        REFERENCES core.entity_type (code) ON UPDATE CASCADE,
    CONSTRAINT rating_score_range CHECK (score BETWEEN 1 AND 5),
    CONSTRAINT rating_review_length CHECK (length(review) <= 10000),
    CONSTRAINT rating_moderated_at_required CHECK (moderated_by IS NULL OR moderated_at IS NOT NULL),
    CONSTRAINT rating_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.rating IS
    'A user''s score (1-5) and review of an entity; one active rating per user and entity';
COMMENT ON COLUMN platform.rating.title IS 'pii: free_text';
COMMENT ON COLUMN platform.rating.review IS 'pii: free_text';
COMMENT ON COLUMN platform.rating.moderation_note IS 'pii: free_text';
COMMENT ON CONSTRAINT rating_score_range ON platform.rating IS 'score must be between 1 and 5';
COMMENT ON CONSTRAINT rating_review_length ON platform.rating IS 'review must be at most 10000 characters';
COMMENT ON CONSTRAINT rating_moderated_at_required ON platform.rating IS
    'a moderated rating must have moderated_at';
COMMENT ON CONSTRAINT rating_soft_delete_state ON platform.rating IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX rating_user_id_entity_active_uq
    ON platform.rating (user_id, entity_type, entity_id) WHERE is_active;
CREATE INDEX rating_user_id_idx ON platform.rating (user_id);
CREATE INDEX rating_rating_status_id_idx ON platform.rating (rating_status_id);
CREATE INDEX rating_moderated_by_idx ON platform.rating (moderated_by) WHERE moderated_by IS NOT NULL;
CREATE INDEX rating_entity_type_entity_id_idx
    ON platform.rating (entity_type, entity_id, created_at DESC);


CREATE TABLE platform.rating_summary (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    entity_type     text NOT NULL,
    entity_id       uuid NOT NULL,
    rating_count    integer NOT NULL DEFAULT 0,
    score_sum       bigint NOT NULL DEFAULT 0,
    average         numeric(3,2) GENERATED ALWAYS AS (
                        CASE WHEN rating_count > 0
                             THEN round(score_sum::numeric / rating_count, 2) END) STORED,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT rating_summary_pkey PRIMARY KEY (id),
    CONSTRAINT rating_summary_entity_type_fkey FOREIGN KEY (entity_type)
        REFERENCES core.entity_type (code) ON UPDATE CASCADE,
    CONSTRAINT rating_summary_rating_count_nonnegative CHECK (rating_count >= 0),
    CONSTRAINT rating_summary_score_sum_range CHECK (
        score_sum BETWEEN rating_count AND 5::bigint * rating_count),
    CONSTRAINT rating_summary_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.rating_summary IS
    'Count and sum of the public ratings of an entity, kept exact by the rating trigger; average is derived';
COMMENT ON COLUMN platform.rating_summary.average IS 'score_sum / rating_count rounded to 2 places; NULL without ratings (generated)';
COMMENT ON CONSTRAINT rating_summary_rating_count_nonnegative ON platform.rating_summary IS
    'rating_count cannot be negative';
COMMENT ON CONSTRAINT rating_summary_score_sum_range ON platform.rating_summary IS
    'score_sum must lie between rating_count (all 1s) and 5 * rating_count (all 5s)';
COMMENT ON CONSTRAINT rating_summary_soft_delete_state ON platform.rating_summary IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX rating_summary_entity_type_entity_id_active_uq
    ON platform.rating_summary (entity_type, entity_id) WHERE is_active;


