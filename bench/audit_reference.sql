-- Reference for the audit benchmark: a row-level PL/pgSQL trigger that stores whole rows as
-- jsonb, the design of supa_audit and of the classic audit-trigger (written for this bench).
CREATE SCHEMA IF NOT EXISTS bench;
CREATE TABLE bench.record_version (
    id            bigserial PRIMARY KEY,
    record_id     uuid,
    old_record_id uuid,
    op            text NOT NULL,
    ts            timestamptz NOT NULL DEFAULT now(),
    table_oid     oid NOT NULL,
    table_schema  name NOT NULL,
    table_name    name NOT NULL,
    record        jsonb,
    old_record    jsonb
);
CREATE INDEX record_version_record_id ON bench.record_version (record_id) WHERE record_id IS NOT NULL;
CREATE INDEX record_version_old_record_id ON bench.record_version (old_record_id) WHERE old_record_id IS NOT NULL;
CREATE INDEX record_version_ts ON bench.record_version USING brin (ts);

CREATE FUNCTION bench.plpgsql_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO bench.record_version (record_id, old_record_id, op, table_oid, table_schema, table_name, record, old_record)
    VALUES (CASE WHEN TG_OP <> 'DELETE' THEN NEW.id END,
            CASE WHEN TG_OP <> 'INSERT' THEN OLD.id END,
            TG_OP, TG_RELID, TG_TABLE_SCHEMA, TG_TABLE_NAME,
            CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END,
            CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END);
    RETURN coalesce(NEW, OLD);
END
$$;
