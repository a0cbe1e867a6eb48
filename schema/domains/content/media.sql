------------------------------------------------------------------------------------------
-- media
------------------------------------------------------------------------------------------
CREATE TABLE content.media_type (
    id                 uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code               text NOT NULL,
    name               text NOT NULL,
    allowed_mime_types text[] NOT NULL,
    max_bytes          bigint NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    created_by         uuid,
    updated_by         uuid,
    is_active          boolean NOT NULL DEFAULT true,
    deleted_at         timestamptz,
    deleted_by         uuid,
    CONSTRAINT media_type_pkey PRIMARY KEY (id),
    CONSTRAINT media_type_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT media_type_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT media_type_allowed_mime_types_format CHECK (
        cardinality(allowed_mime_types) >= 1
        AND array_position(allowed_mime_types, NULL) IS NULL
        AND array_to_string(allowed_mime_types, ',')
            ~ '^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*(,[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*)*$'),
    CONSTRAINT media_type_max_bytes_positive CHECK (max_bytes > 0),
    CONSTRAINT media_type_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.media_type IS 'Kinds of media (image, video, audio, document): the MIME types and the size each accepts';
COMMENT ON CONSTRAINT media_type_code_format ON content.media_type IS 'code is snake_case: a lower-case letter, then lower-case letters, digits or _, at most 63 characters';
COMMENT ON CONSTRAINT media_type_name_length ON content.media_type IS 'name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT media_type_allowed_mime_types_format ON content.media_type IS 'allowed_mime_types lists at least one lower-case MIME type of the form type/subtype and no NULL';
COMMENT ON CONSTRAINT media_type_max_bytes_positive ON content.media_type IS 'max_bytes is greater than 0';
COMMENT ON CONSTRAINT media_type_soft_delete_state ON content.media_type IS 'is_active is false exactly when deleted_at is set';
CREATE UNIQUE INDEX media_type_code_active_uq ON content.media_type (code) WHERE is_active;

CREATE TABLE content.media (
    id                uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    media_type_id     uuid NOT NULL,
    owner_id          uuid,
    institution_id    uuid,
    visibility        text NOT NULL DEFAULT 'private',
    storage_key       text NOT NULL,
    original_filename text,
    mime_type         text NOT NULL,
    byte_size         bigint,
    width             integer,
    height            integer,
    duration_s        numeric(10,3),
    sha256            text,
    status            text NOT NULL DEFAULT 'uploading',
    alt_text          text,
    license           text,
    attribution       text,
    source_url        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    created_by        uuid,
    updated_by        uuid,
    is_active         boolean NOT NULL DEFAULT true,
    deleted_at        timestamptz,
    deleted_by        uuid,
    CONSTRAINT media_pkey PRIMARY KEY (id),
    CONSTRAINT media_media_type_id_fkey FOREIGN KEY (media_type_id)
        REFERENCES content.media_type (id) ON DELETE RESTRICT,
    CONSTRAINT media_owner_id_fkey FOREIGN KEY (owner_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE RESTRICT,
    CONSTRAINT media_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE RESTRICT,
    CONSTRAINT media_visibility_allowed CHECK (visibility IN ('private', 'institution', 'public')),
    CONSTRAINT media_visibility_institution_scope CHECK (visibility <> 'institution' OR institution_id IS NOT NULL),
    CONSTRAINT media_storage_key_length CHECK (char_length(storage_key) BETWEEN 1 AND 1024),
    CONSTRAINT media_mime_type_format CHECK (
        mime_type ~ '^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$'),
    CONSTRAINT media_byte_size_non_negative CHECK (byte_size >= 0),
    CONSTRAINT media_width_positive CHECK (width > 0),
    CONSTRAINT media_height_positive CHECK (height > 0),
    CONSTRAINT media_duration_s_non_negative CHECK (duration_s >= 0),
    CONSTRAINT media_sha256_hex CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT media_status_allowed CHECK (status IN ('uploading', 'ready', 'failed')),
    CONSTRAINT media_status_ready_complete CHECK (status <> 'ready' OR (byte_size IS NOT NULL AND sha256 IS NOT NULL)),
    CONSTRAINT media_source_url_http CHECK (source_url ~ '^https?://'),
    CONSTRAINT media_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.media IS 'Stored files (exercise images and videos, user uploads); owner_id NULL = platform library';
COMMENT ON COLUMN content.media.owner_id IS 'Uploading user; NULL for platform library media';
COMMENT ON COLUMN content.media.storage_key IS 'pii: user_file (object-store key of the file; for user uploads the file itself is personal data and is deleted on erasure)';
COMMENT ON COLUMN content.media.original_filename IS 'pii: free_text';
COMMENT ON COLUMN content.media.alt_text IS 'pii: free_text';
COMMENT ON COLUMN content.media.sha256 IS 'Lower-case hex SHA-256 of the stored bytes (deduplication, integrity)';
COMMENT ON CONSTRAINT media_visibility_allowed ON content.media IS 'visibility is one of private, institution, public';
COMMENT ON CONSTRAINT media_visibility_institution_scope ON content.media IS 'institution visibility needs an institution_id';
COMMENT ON CONSTRAINT media_storage_key_length ON content.media IS 'storage_key is 1 to 1024 characters';
COMMENT ON CONSTRAINT media_mime_type_format ON content.media IS 'mime_type is a lower-case MIME type of the form type/subtype';
COMMENT ON CONSTRAINT media_byte_size_non_negative ON content.media IS 'byte_size is 0 or more';
COMMENT ON CONSTRAINT media_width_positive ON content.media IS 'width in pixels is greater than 0';
COMMENT ON CONSTRAINT media_height_positive ON content.media IS 'height in pixels is greater than 0';
COMMENT ON CONSTRAINT media_duration_s_non_negative ON content.media IS 'duration_s is 0 or more seconds';
COMMENT ON CONSTRAINT media_sha256_hex ON content.media IS 'sha256 is 64 lower-case hexadecimal digits';
COMMENT ON CONSTRAINT media_status_allowed ON content.media IS 'status is one of uploading, ready, failed';
COMMENT ON CONSTRAINT media_status_ready_complete ON content.media IS 'a ready media row has its byte_size and sha256';
COMMENT ON CONSTRAINT media_source_url_http ON content.media IS 'source_url is an http or https URL';
COMMENT ON CONSTRAINT media_soft_delete_state ON content.media IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX media_media_type_id_idx ON content.media (media_type_id);
CREATE INDEX media_owner_id_idx ON content.media (owner_id);
CREATE INDEX media_institution_id_idx ON content.media (institution_id);
CREATE UNIQUE INDEX media_storage_key_active_uq ON content.media (storage_key) WHERE is_active;
CREATE INDEX media_sha256_idx ON content.media (sha256) WHERE sha256 IS NOT NULL;

CREATE TABLE content.media_metadata (
    id         uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    media_id   uuid NOT NULL,
    key        text NOT NULL,
    value      jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    updated_by uuid,
    is_active  boolean NOT NULL DEFAULT true,
    deleted_at timestamptz,
    deleted_by uuid,
    CONSTRAINT media_metadata_pkey PRIMARY KEY (id),
    CONSTRAINT media_metadata_media_id_fkey FOREIGN KEY (media_id)
        REFERENCES content.media (id) ON DELETE CASCADE,
    CONSTRAINT media_metadata_key_format CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$'),
    CONSTRAINT media_metadata_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.media_metadata IS 'Key/value metadata of a media file (EXIF, codec, transcoding results)';
COMMENT ON COLUMN content.media_metadata.value IS 'pii: location (EXIF of user uploads can hold GPS position and device data)';
COMMENT ON CONSTRAINT media_metadata_key_format ON content.media_metadata IS 'key is 1 to 128 characters of letters, digits, _ . : -, starting with a letter or digit';
COMMENT ON CONSTRAINT media_metadata_soft_delete_state ON content.media_metadata IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX media_metadata_media_id_idx ON content.media_metadata (media_id);
CREATE UNIQUE INDEX media_metadata_media_id_key_active_uq ON content.media_metadata (media_id, key) WHERE is_active;

