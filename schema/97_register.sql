-- Last step of the install: stamp and audit every entity table (after the seeds, so
-- reference data does not fill the audit log at install).
SELECT fitness.register_entities();
