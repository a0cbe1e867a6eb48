-- Reference data of the content domain: equipment catalogue, media types, goal catalogue.
-- Equipment covers every equipment value of the free-exercise-db
-- (github.com/yuhonas/free-exercise-db) and wger (wger.de) data sets: a free-exercise-db
-- name maps to the row whose code is the name in snake_case ('body only' -> body_only);
-- synonyms from wger ('SZ-Bar', 'Swiss Ball', 'none (bodyweight exercise)', ...) are listed
-- in source_names of the same row, so one piece of equipment has one row whatever the
-- source.

INSERT INTO content.equipment_category (code, name, description, sort_order) VALUES
    ('free_weights',    'Free weights',          'Barbells, dumbbells, kettlebells and bars', 10),
    ('machines',        'Machines',              'Selectorised, plate-loaded and cable machines', 20),
    ('bodyweight',      'Bodyweight',            'No equipment, or a bar or station to hold the body', 30),
    ('benches_racks',   'Benches and racks',     'Benches, racks and platforms', 40),
    ('accessories',     'Accessories',           'Bands, balls, rollers, mats and other small equipment', 50),
    ('cardio_machines', 'Cardio machines',       'Treadmills, rowers, bikes', 60),
    ('other',           'Other',                 'Equipment that fits no other group', 90);

INSERT INTO content.equipment (equipment_category_id, code, name, description, source_names, sort_order)
SELECT c.id, v.code, v.name, v.description, v.source_names, v.sort_order
  FROM (VALUES
    ('free_weights',    'barbell',            'Barbell',             'Olympic or standard barbell',                    ARRAY['barbell'],                                  10),
    ('free_weights',    'dumbbell',           'Dumbbell',            NULL,                                             ARRAY['dumbbell'],                                 20),
    ('free_weights',    'kettlebells',        'Kettlebell',          NULL,                                             ARRAY['kettlebells', 'kettlebell'],                30),
    ('free_weights',    'e_z_curl_bar',       'EZ curl bar',         'Cambered curl bar (SZ bar)',                     ARRAY['e-z curl bar', 'sz-bar'],                   40),
    ('free_weights',    'trap_bar',           'Trap bar',            'Hexagonal deadlift bar',                         ARRAY[]::text[],                                   50),
    ('machines',        'machine',            'Machine',             'Selectorised or plate-loaded machine',           ARRAY['machine'],                                  10),
    ('machines',        'cable',              'Cable machine',       'Cable column or crossover with pulleys',         ARRAY['cable', 'cable machine'],                   20),
    ('machines',        'smith_machine',      'Smith machine',       NULL,                                             ARRAY[]::text[],                                   30),
    ('bodyweight',      'body_only',          'No equipment',        'Bodyweight only',                                ARRAY['body only', 'none (bodyweight exercise)'],  10),
    ('bodyweight',      'pull_up_bar',        'Pull-up bar',         NULL,                                             ARRAY['pull-up bar'],                              20),
    ('bodyweight',      'dip_station',        'Dip station',         'Parallel bars',                                  ARRAY[]::text[],                                   30),
    ('bodyweight',      'suspension_trainer', 'Suspension trainer',  'TRX-style straps',                               ARRAY[]::text[],                                   40),
    ('benches_racks',   'bench',              'Bench',               'Flat bench',                                     ARRAY['bench'],                                    10),
    ('benches_racks',   'incline_bench',      'Incline bench',       'Adjustable or fixed incline bench',              ARRAY['incline bench'],                            20),
    ('benches_racks',   'squat_rack',         'Squat rack',          'Squat or power rack',                            ARRAY[]::text[],                                   30),
    ('benches_racks',   'plyo_box',           'Plyo box',            'Box for jumps and step-ups',                     ARRAY[]::text[],                                   40),
    ('accessories',     'bands',              'Resistance band',     'Loop or tube band',                              ARRAY['bands', 'resistance band'],                 10),
    ('accessories',     'medicine_ball',      'Medicine ball',       NULL,                                             ARRAY['medicine ball'],                            20),
    ('accessories',     'exercise_ball',      'Exercise ball',       'Swiss ball, stability ball',                     ARRAY['exercise ball', 'swiss ball'],              30),
    ('accessories',     'foam_roll',          'Foam roller',         NULL,                                             ARRAY['foam roll'],                                40),
    ('accessories',     'gym_mat',            'Gym mat',             NULL,                                             ARRAY['gym mat'],                                  50),
    ('accessories',     'jump_rope',          'Jump rope',           NULL,                                             ARRAY[]::text[],                                   60),
    ('cardio_machines', 'treadmill',          'Treadmill',           NULL,                                             ARRAY[]::text[],                                   10),
    ('cardio_machines', 'rowing_machine',     'Rowing machine',      NULL,                                             ARRAY[]::text[],                                   20),
    ('cardio_machines', 'stationary_bike',    'Stationary bike',     NULL,                                             ARRAY[]::text[],                                   30),
    ('other',           'other',              'Other',               'Equipment not in the catalogue',                 ARRAY['other'],                                    10)
  ) AS v (category_code, code, name, description, source_names, sort_order)
  JOIN content.equipment_category c ON c.code = v.category_code AND c.is_active;

INSERT INTO content.media_type (code, name, allowed_mime_types, max_bytes) VALUES
    ('image',    'Image',    ARRAY['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif', 'image/heic'],
                             20 * 1024 * 1024),
    ('video',    'Video',    ARRAY['video/mp4', 'video/webm', 'video/quicktime'],
                             500 * 1024 * 1024),
    ('audio',    'Audio',    ARRAY['audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/ogg', 'audio/wav', 'audio/webm'],
                             100 * 1024 * 1024),
    ('document', 'Document', ARRAY['application/pdf', 'text/plain', 'text/markdown', 'text/csv'],
                             25 * 1024 * 1024);

INSERT INTO content.goal (code, name, description, goal_type, default_metric, default_unit, default_direction, sort_order) VALUES
    -- strength
    ('increase_one_rm',         'Increase a one-rep max',        'Raise the estimated 1RM of one exercise',           'strength',         'one_rm_kg',          'kg',       'increase', 10),
    ('increase_max_weight',     'Lift a heavier weight',         'Raise the heaviest weight lifted in one exercise',  'strength',         'max_weight_kg',      'kg',       'increase', 20),
    ('increase_max_reps',       'Do more reps',                  'Raise the most reps in one set of one exercise',    'strength',         'max_reps',           'reps',     'increase', 30),
    -- hypertrophy
    ('build_muscle',            'Build muscle',                  'Gain lean mass',                                    'hypertrophy',      'muscle_mass_kg',     'kg',       'increase', 10),
    ('grow_arms',               'Grow arms',                     'Increase upper-arm circumference',                  'hypertrophy',      'arm_cm',             'cm',       'increase', 20),
    ('increase_training_volume','Increase training volume',      'Lift more total volume per session',                'hypertrophy',      'total_volume_kg',    'kg',       'increase', 30),
    ('gain_weight',             'Gain weight',                   'Increase body weight',                              'hypertrophy',      'body_weight_kg',     'kg',       'increase', 40),
    -- endurance
    ('run_farther',             'Run farther',                   'Increase the distance of a single run',             'endurance',        'distance_km',        'km',       'increase', 10),
    ('run_faster',              'Run faster',                    'Lower the pace per kilometre',                      'endurance',        'pace_s_per_km',      's/km',     'decrease', 20),
    ('train_longer',            'Train longer',                  'Increase the duration of cardio sessions',          'endurance',        'duration_min',       'min',      'increase', 30),
    ('lower_resting_heart_rate','Lower resting heart rate',      'Improve aerobic fitness',                           'endurance',        'resting_heart_rate_bpm', 'bpm',      'decrease', 40),
    -- body composition
    ('lose_weight',             'Lose weight',                   'Reduce body weight',                                'body_composition', 'body_weight_kg',     'kg',       'decrease', 10),
    ('reduce_body_fat',         'Reduce body fat',               'Lower the body-fat percentage',                     'body_composition', 'body_fat_pct',       '%',        'decrease', 20),
    ('reduce_waist',            'Reduce waist',                  'Lower the waist circumference',                     'body_composition', 'waist_cm',           'cm',       'decrease', 30),
    -- habit
    ('train_regularly',         'Train regularly',               'Train a number of sessions every week',             'habit',            'sessions_per_week',  'sessions', 'increase', 10),
    ('complete_workouts',       'Complete workouts',             'Complete a number of workouts',                     'habit',            'workouts_completed', 'workouts', 'increase', 20),
    ('walk_more',               'Walk more',                     'Reach a daily step count',                          'habit',            'steps_per_day',      'steps',    'increase', 30),
    ('custom_habit',            'Custom habit',                  'A habit measured in the user''s own unit',          'habit',            'custom',             NULL,       NULL,       90);
