-- -------------------------------------------------------------------------------------
-- favorites
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.favorite_collection (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id         uuid NOT NULL,
    name            text NOT NULL,
    description     text,
    is_public       boolean NOT NULL DEFAULT false,
    position        integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT favorite_collection_pkey PRIMARY KEY (id),
    -- Target of favorite's (collection_id, user_id) foreign key: a favorite can only be
    -- filed in a collection of the same user.
    CONSTRAINT favorite_collection_id_user_id_key UNIQUE (id, user_id),
    CONSTRAINT favorite_collection_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT favorite_collection_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT favorite_collection_position_nonnegative CHECK (position >= 0),
    CONSTRAINT favorite_collection_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.favorite_collection IS 'Named lists of favorites of a user';
COMMENT ON COLUMN platform.favorite_collection.name IS 'pii: free_text';
COMMENT ON COLUMN platform.favorite_collection.description IS 'pii: free_text';
COMMENT ON CONSTRAINT favorite_collection_name_not_blank ON platform.favorite_collection IS
    'name must not be blank';
COMMENT ON CONSTRAINT favorite_collection_position_nonnegative ON platform.favorite_collection IS
    'position cannot be negative';
COMMENT ON CONSTRAINT favorite_collection_soft_delete_state ON platform.favorite_collection IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX favorite_collection_user_id_name_active_uq
    ON platform.favorite_collection (user_id, lower(name)) WHERE is_active;
CREATE INDEX favorite_collection_user_id_idx ON platform.favorite_collection (user_id);


CREATE TABLE platform.favorite (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id         uuid NOT NULL,
    entity_type     text NOT NULL,
    entity_id       uuid NOT NULL,
    collection_id   uuid,
    note            text,
    position        integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT favorite_pkey PRIMARY KEY (id),
    CONSTRAINT favorite_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT favorite_collection_id_fkey FOREIGN KEY (collection_id, user_id)
        REFERENCES platform.favorite_collection (id, user_id) ON DELETE CASCADE,
    CONSTRAINT favorite_entity_type_fkey FOREIGN KEY (entity_type)
        REFERENCES core.entity_type (code) ON UPDATE CASCADE,
    CONSTRAINT favorite_position_nonnegative CHECK (position >= 0),
    CONSTRAINT favorite_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.favorite IS
    'A user''s favorite entity (polymorphic), optionally filed in one of their collections';
COMMENT ON COLUMN platform.favorite.collection_id IS 'NULL = not in a collection; (collection_id, user_id) must be the user''s own collection';
COMMENT ON COLUMN platform.favorite.note IS 'pii: free_text';
COMMENT ON CONSTRAINT favorite_position_nonnegative ON platform.favorite IS 'position cannot be negative';
COMMENT ON CONSTRAINT favorite_soft_delete_state ON platform.favorite IS
    'is_active is true exactly when deleted_at is NULL';
-- One active favorite per (user, entity, collection); NULL collection counts as a value.
CREATE UNIQUE INDEX favorite_user_entity_collection_active_uq
    ON platform.favorite (user_id, entity_type, entity_id, collection_id) NULLS NOT DISTINCT
    WHERE is_active;
CREATE INDEX favorite_user_id_idx ON platform.favorite (user_id, created_at DESC);
CREATE INDEX favorite_collection_id_idx ON platform.favorite (collection_id, user_id)
    WHERE collection_id IS NOT NULL;
CREATE INDEX favorite_entity_type_entity_id_idx ON platform.favorite (entity_type, entity_id);


