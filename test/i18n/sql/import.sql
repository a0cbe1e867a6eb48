-- fitness.import_exercises on small inputs of both formats (the real libraries are imported
-- by test/i18n/prove/real_libraries.sh): the mapping onto the catalogues, HTML reduced to
-- text, translations and aliases, idempotent re-import, the match between sources, and
-- malformed records refused by position with nothing imported.
\set SHOW_CONTEXT never
SET client_min_messages = notice;
\set fed '[{"id": "Test_Goblet_Squat", "name": "Goblet Squat", "force": "push", "level": "beginner", "mechanic": "compound", "equipment": "kettlebells", "primaryMuscles": ["quadriceps"], "secondaryMuscles": ["glutes", "lower back"], "instructions": ["Hold the bell at the chest.", "Sit down between the knees."], "category": "strength", "images": []}, {"id": "Test_Hamstring_Stretch", "name": "Hamstring Stretch", "force": null, "level": "beginner", "mechanic": null, "equipment": null, "primaryMuscles": ["hamstrings"], "secondaryMuscles": [], "instructions": [], "category": "stretching", "images": []}]'
SELECT fitness.import_exercises(:'fed', 'free-exercise-db') AS loaded;
SELECT e.slug, e.name, e.language_code, e.level, e.force, e.mechanic, e.tracking_type, e.load_mode,
       c.code AS category, e.instructions, e.license_code, e.source, e.source_ref, e.visibility, e.status
  FROM content.exercise e JOIN core.category c ON c.id = e.category_id
 WHERE e.source = 'free-exercise-db' ORDER BY e.slug;
SELECT e.slug, m.code, em.role FROM content.exercise_muscle em
  JOIN content.exercise e ON e.id = em.exercise_id JOIN core.muscle m ON m.id = em.muscle_id
 WHERE e.source = 'free-exercise-db' AND em.is_active ORDER BY 1, 3, 2;
SELECT e.slug, q.code FROM content.exercise_equipment x
  JOIN content.exercise e ON e.id = x.exercise_id JOIN content.equipment q ON q.id = x.equipment_id
 WHERE e.source = 'free-exercise-db' ORDER BY 1;
-- Again: nothing changes, nothing is added (and the audit log records nothing new).
SELECT count(*) AS audit_before FROM platform.audit_log \gset
SELECT fitness.import_exercises(:'fed', 'free-exercise-db') AS loaded_again;
SELECT count(*) - :audit_before AS new_audit_rows FROM platform.audit_log;
-- A changed record updates its exercise: level, and a muscle fewer.
SELECT fitness.import_exercises(replace(replace(:'fed', '"level": "beginner", "mechanic": "compound"', '"level": "intermediate", "mechanic": "compound"'), '["glutes", "lower back"]', '["glutes"]')::jsonb, 'free-exercise-db') AS changed;
SELECT level FROM content.exercise WHERE source_ref = 'Test_Goblet_Squat';
SELECT m.code FROM content.exercise_muscle em JOIN core.muscle m ON m.id = em.muscle_id
 WHERE em.exercise_id = (SELECT id FROM content.exercise WHERE source_ref = 'Test_Goblet_Squat') AND em.is_active
 ORDER BY 1;

-- wger: the same goblet squat (a certain match: one record of each source with that English
-- name and a primary muscle in common), and a German-only exercise; HTML descriptions,
-- a second German name and an alias.
\set wger '{"exercises": [{"model": "exercises.exercise", "pk": 1, "fields": {"uuid": "00000000-0000-4000-8000-000000000001", "category": 9, "muscles": [10], "muscles_secondary": [], "equipment": [10], "license": 2, "license_author": "tester"}}, {"model": "exercises.exercise", "pk": 2, "fields": {"uuid": "00000000-0000-4000-8000-000000000002", "category": 8, "muscles": [1], "muscles_secondary": [], "equipment": [2], "license": 1, "license_author": ""}}], "translations": [{"model": "exercises.translation", "pk": 11, "fields": {"exercise": 1, "language": 2, "name": "Goblet squat", "description": "<p>Hold a kettlebell.</p>", "license": 2, "license_author": "tester"}}, {"model": "exercises.translation", "pk": 12, "fields": {"exercise": 1, "language": 1, "name": "Goblet-Kniebeuge", "description": "<p>Halte die Kugelhantel vor der Brust &amp; gehe tief.</p><ul><li>R&uuml;cken gerade</li></ul>", "license": 2, "license_author": "prüfer"}}, {"model": "exercises.translation", "pk": 13, "fields": {"exercise": 1, "language": 1, "name": "Kelchkniebeuge", "description": "", "license": 2, "license_author": "prüfer"}}, {"model": "exercises.translation", "pk": 21, "fields": {"exercise": 2, "language": 1, "name": "SZ-Curl", "description": "<p>Mit der SZ-Stange &#8211; eng.</p>", "license": 1, "license_author": "wger.de"}}, {"model": "exercises.alias", "pk": 31, "fields": {"translation": 11, "alias": "Goblet"}}, {"model": "exercises.exercisecomment", "pk": 41, "fields": {"translation": 11, "comment": "Knees out"}}], "languages": [{"model": "core.language", "pk": 1, "fields": {"short_name": "de"}}, {"model": "core.language", "pk": 2, "fields": {"short_name": "en"}}], "muscles": [{"model": "exercises.muscle", "pk": 1, "fields": {"name": "Biceps brachii", "name_en": "Biceps"}}, {"model": "exercises.muscle", "pk": 10, "fields": {"name": "Quadriceps femoris", "name_en": "Quads"}}], "equipment": [{"model": "exercises.equipment", "pk": 2, "fields": {"name": "SZ-Bar"}}, {"model": "exercises.equipment", "pk": 10, "fields": {"name": "Kettlebell"}}], "categories": [{"model": "exercises.exercisecategory", "pk": 8, "fields": {"name": "Arms"}}, {"model": "exercises.exercisecategory", "pk": 9, "fields": {"name": "Legs"}}], "licenses": [{"model": "core.license", "pk": 1, "fields": {"short_name": "CC-BY-SA 3"}}, {"model": "core.license", "pk": 2, "fields": {"short_name": "CC-BY-SA 4"}}]}'
SELECT fitness.import_exercises(:'wger', 'wger') AS loaded;
SELECT i.source, i.source_ref, e.slug, e.name, e.language_code, i.license_code, i.license_author
  FROM fitness.exercise_import i JOIN content.exercise e ON e.id = i.exercise_id
 ORDER BY e.slug, i.source;
SELECT e.slug, t.language_code, t.field, t.value, t.origin, t.provider FROM platform.translation t
  JOIN content.exercise e ON e.id = t.entity_id
 WHERE t.entity_type = 'exercise' AND e.source IS NOT NULL ORDER BY 1, 2, 3;
SELECT e.slug, a.language_code, a.alias FROM content.exercise_alias a
  JOIN content.exercise e ON e.id = a.exercise_id WHERE e.source IS NOT NULL ORDER BY 1, 2, 3;
SELECT e.slug, e.description, e.license_code, e.license_author, e.source_url FROM content.exercise e WHERE e.source = 'wger';
SELECT attribution -> 'translations' -> 1 AS second_translation_attribution
  FROM fitness.exercise_import WHERE source = 'wger' AND source_ref = '00000000-0000-4000-8000-000000000001';
SELECT m.code FROM content.exercise_muscle em JOIN core.muscle m ON m.id = em.muscle_id
 WHERE em.exercise_id = (SELECT id FROM content.exercise WHERE source_ref = 'Test_Goblet_Squat') AND em.is_active ORDER BY 1;
SELECT fitness.translate('exercise', (SELECT id FROM content.exercise WHERE source_ref = 'Test_Goblet_Squat'), 'name', 'de-AT') AS merged_in_german;
SELECT fitness.import_exercises(:'wger', 'wger') AS wger_again;
-- (the level goes back to beginner; the muscles wger added stay: a merged exercise keeps both sources')
SELECT fitness.import_exercises(:'fed', 'free-exercise-db') AS fed_again_after_wger;
SELECT fitness.import_exercises(:'fed', 'free-exercise-db') AS fed_once_more;
SELECT count(*) AS exercises FROM content.exercise WHERE source IS NOT NULL;

-- Refused, with the record's position, and nothing of the call imported.
\set ON_ERROR_STOP off
\set VERBOSITY terse
SELECT count(*) AS exercises_before FROM content.exercise \gset
SELECT fitness.import_exercises('{"id": "x"}', 'free-exercise-db');
SELECT fitness.import_exercises('[{"id": "A", "name": "A new one", "category": "strength"}, {"id": "B", "name": "B", "category": "strength"}, {"id": "C", "name": null, "category": "strength"}]', 'free-exercise-db');
SELECT fitness.import_exercises('[{"id": "A", "name": "A new one", "category": "strength"}, 5]', 'free-exercise-db');
SELECT fitness.import_exercises('[{"name": "No id", "category": "strength"}]', 'free-exercise-db');
SELECT fitness.import_exercises('[{"id": "bad id!", "name": "x", "category": "strength"}]', 'free-exercise-db');
SELECT fitness.import_exercises('[{"id": "A", "name": "x", "category": "strength"}, {"id": "A", "name": "y", "category": "strength"}]', 'free-exercise-db');
SELECT fitness.import_exercises('[{"id": "A", "name": "x", "level": "guru", "category": "strength"}]', 'free-exercise-db');
SELECT fitness.import_exercises('[{"id": "A", "name": "x", "category": "strength", "primaryMuscles": ["spleen"]}]', 'free-exercise-db');
SELECT fitness.import_exercises('[{"id": "A", "name": "x", "category": "juggling"}]', 'free-exercise-db');
SELECT fitness.import_exercises('[{"id": "A", "name": "x", "category": "strength", "equipment": "time machine"}]', 'free-exercise-db');
SELECT fitness.import_exercises(jsonb_build_array(jsonb_build_object('id', 'A', 'name', repeat('n', 201), 'category', 'strength')), 'free-exercise-db');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.import_exercises(:'wger'::jsonb - 'licenses', 'wger');
SELECT fitness.import_exercises(jsonb_set(:'wger'::jsonb, '{languages,0,fields,short_name}', '"tlh"'), 'wger');
SELECT fitness.import_exercises(jsonb_set(:'wger'::jsonb, '{translations,0,fields,exercise}', '99'), 'wger');
SELECT fitness.import_exercises(jsonb_set(:'wger'::jsonb, '{translations,3,fields,name}', 'null'), 'wger');
SELECT fitness.import_exercises(jsonb_set(:'wger'::jsonb, '{exercises,1,fields,muscles}', '[77]'), 'wger');
SELECT fitness.import_exercises(jsonb_set(:'wger'::jsonb, '{muscles,0,fields}', '{"name": "Musculus imaginarius", "name_en": ""}'), 'wger');
SELECT fitness.import_exercises(jsonb_set(:'wger'::jsonb, '{exercises,0,pk}', '"1"'), 'wger');
SELECT fitness.import_exercises('[]', 'csv');
SELECT fitness.import_exercises(NULL, 'wger');
SELECT count(*) - :exercises_before AS nothing_imported FROM content.exercise;
-- Who may import: fitness_admin, or a user holding exercise.import; the app cannot call it.
SET ROLE fitness_app;
SELECT fitness.import_exercises('[]', 'free-exercise-db');
RESET ROLE;
SET ROLE fitness_service;
SELECT fitness.import_exercises('[]', 'free-exercise-db');
RESET ROLE;
SET ROLE fitness_admin;
SELECT fitness.import_exercises('[]', 'free-exercise-db') AS admin_empty_import;
RESET ROLE;
