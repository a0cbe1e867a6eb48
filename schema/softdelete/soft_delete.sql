-- Soft delete (docs/reference/functions.md "Soft delete"); the logic is C++ (src/softdelete/). The trigger is
-- attached to every entity table by fitness.register_entities() (register.sql). It is
-- named zz_soft_delete because BEFORE triggers fire in name order and it must come after
-- tenancy_write_guard, which refuses deletes the caller may not make.

CREATE FUNCTION fitness.soft_delete() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_soft_delete' LANGUAGE C;
COMMENT ON FUNCTION fitness.soft_delete() IS
    'BEFORE DELETE row trigger (zz_soft_delete): keeps the row for zz_soft_delete_flush (without that trigger: soft-deletes it and what references it right away)';

CREATE FUNCTION fitness.soft_delete_flush() RETURNS trigger
    AS 'MODULE_PATHNAME', 'fitness_soft_delete_flush' LANGUAGE C;
COMMENT ON FUNCTION fitness.soft_delete_flush() IS
    'AFTER DELETE statement trigger (zz_soft_delete_flush): soft-deletes the rows the statement kept with one UPDATE (is_active=false, deleted_at, deleted_by), then what references them (ON DELETE CASCADE keys, polymorphic references) with one DELETE per reference';

CREATE FUNCTION fitness.restore(target regclass, record_id uuid) RETURNS integer
    AS 'MODULE_PATHNAME', 'fitness_restore'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.restore(regclass, uuid) IS
    'Restores a soft-deleted row and what its cascade soft-deleted with it; returns rows restored; 23505 on a conflict with an active row';

CREATE FUNCTION fitness.purge(target regclass, older_than interval) RETURNS bigint
    AS 'MODULE_PATHNAME', 'fitness_purge'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.purge(regclass, interval) IS
    'fitness_admin: hard-deletes rows soft-deleted longer ago than older_than (audited as DELETE)';

CREATE FUNCTION fitness.hard_delete(target regclass, record_id uuid) RETURNS boolean
    AS 'MODULE_PATHNAME', 'fitness_hard_delete'
    LANGUAGE C VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION fitness.hard_delete(regclass, uuid) IS
    'fitness_admin: deletes one row for real, on purpose (audited as DELETE)';

CREATE FUNCTION fitness.soft_delete_mode() RETURNS text
    AS 'MODULE_PATHNAME', 'fitness_soft_delete_mode'
    LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION fitness.soft_delete_mode() IS
    'This session''s DELETE behaviour on soft-delete tables: transparent (library loaded at session start: DELETE reports the soft-deleted rows, RETURNING returns them) or trigger (DELETE 0, no RETURNING rows)';

REVOKE ALL ON FUNCTION fitness.soft_delete(), fitness.soft_delete_flush() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.soft_delete(), fitness.soft_delete_flush() TO fitness_admin;
REVOKE ALL ON FUNCTION fitness.restore(regclass, uuid), fitness.purge(regclass, interval),
    fitness.hard_delete(regclass, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fitness.restore(regclass, uuid) TO fitness_app, fitness_service, fitness_admin;
GRANT EXECUTE ON FUNCTION fitness.purge(regclass, interval), fitness.hard_delete(regclass, uuid) TO fitness_admin;
