-- Last steps of the install, after the seeds: the row-level security policies of the tenancy
-- map (the polymorphic ones name the entity types seed/core.sql registers), then stamp and
-- audit every entity table (so reference data does not fill the audit log at install).
SELECT fitness.apply_tenancy();
SELECT fitness.register_entities();
SELECT fitness.watch_translated_entities();
