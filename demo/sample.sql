-- ============================================================================================
-- fitness demo data: loaded by `make demo` (scripts/demo.sh) right after
--   CREATE EXTENSION fitness CASCADE
-- into database fitness_demo, with `psql -v ON_ERROR_STOP=1 -f demo/sample.sql`.
--
-- What it builds (all texts invented for this demo):
--   * 30 public, published exercises of the platform library with their muscles and equipment
--   * 11 users: a platform admin, two institutions (Ironworks Gym, Flow & Form Studio) each
--     with an owner, a coach and members, and one independent user
--   * role grants, memberships, coach assignments, a billing plan per institution,
--     two subscriptions and one payment
--   * 4 workouts and a 4-week program (week 1 scheduled) owned by the gym's coach
--   * one enrollment and six completed sessions of the past week with their set logs
--   * a goal with a metric and two entries, favorites, ratings, translations (de, pt)
--
-- Reference rows (categories, muscles, equipment, roles, goals, languages, rating statuses)
-- come from the extension's seeds and are found by their codes. Rows created here have fixed
-- ids (uuid v7 shape) held in the psql variables below, so later sections can refer to them.
-- No absolute dates: everything is relative to now() / CURRENT_DATE.
-- ============================================================================================

\set ON_ERROR_STOP on

-- Users
\set u_admin   01938000-0001-7000-8000-000000000001
\set u_marcus  01938000-0001-7000-8000-000000000002
\set u_lena    01938000-0001-7000-8000-000000000003
\set u_tom     01938000-0001-7000-8000-000000000004
\set u_sofia   01938000-0001-7000-8000-000000000005
\set u_jamal   01938000-0001-7000-8000-000000000006
\set u_hannah  01938000-0001-7000-8000-000000000007
\set u_diego   01938000-0001-7000-8000-000000000008
\set u_emma    01938000-0001-7000-8000-000000000009
\set u_kenji   01938000-0001-7000-8000-00000000000a
\set u_olivia  01938000-0001-7000-8000-00000000000b
-- Institutions
\set i_gym     01938000-0002-7000-8000-000000000001
\set i_studio  01938000-0002-7000-8000-000000000002
-- Billing
\set bp_gym    01938000-0003-7000-8000-000000000001
\set bp_studio 01938000-0003-7000-8000-000000000002
\set sub_tom   01938000-0004-7000-8000-000000000001
\set sub_emma  01938000-0004-7000-8000-000000000002
-- Workouts and program
\set w_a       01938000-0005-7000-8000-000000000001
\set w_b       01938000-0005-7000-8000-000000000002
\set w_c       01938000-0005-7000-8000-000000000003
\set w_fin     01938000-0005-7000-8000-000000000004
\set p_found   01938000-0006-7000-8000-000000000001
\set ps_d1     01938000-0007-7000-8000-000000000001
\set ps_d2     01938000-0007-7000-8000-000000000002
\set ps_d3     01938000-0007-7000-8000-000000000003
\set ps_d4     01938000-0007-7000-8000-000000000004
\set ps_d5     01938000-0007-7000-8000-000000000005
\set ps_d6     01938000-0007-7000-8000-000000000006
\set ps_d7     01938000-0007-7000-8000-000000000007
\set sw_d1     01938000-0008-7000-8000-000000000001
\set sw_d3     01938000-0008-7000-8000-000000000002
\set sw_d5a    01938000-0008-7000-8000-000000000003
\set sw_d5b    01938000-0008-7000-8000-000000000004
-- Progress
\set enr_tom   01938000-0009-7000-8000-000000000001
\set s_tom_1   01938000-000a-7000-8000-000000000001
\set s_tom_2   01938000-000a-7000-8000-000000000002
\set s_tom_3   01938000-000a-7000-8000-000000000003
\set s_tom_4   01938000-000a-7000-8000-000000000004
\set s_oli_1   01938000-000a-7000-8000-000000000005
\set s_oli_2   01938000-000a-7000-8000-000000000006
\set g_tom     01938000-000b-7000-8000-000000000001
\set gm_tom    01938000-000c-7000-8000-000000000001
\set fc_olivia 01938000-000d-7000-8000-000000000001

BEGIN;

-- ============================================================================================
-- 1. Exercise library: 30 public, published platform exercises (owner and institution NULL).
--    category: core.category of domain 'exercise' (roots and the body-part children of
--    'strength'). Values must fit the CHECKs: tracking_type, load_mode, level, mechanic, force.
-- ============================================================================================
INSERT INTO content.exercise
       (slug, name, description, instructions, category_id, tracking_type, load_mode,
        is_unilateral, level, mechanic, force, visibility, status)
SELECT v.slug, v.name, v.description, v.instructions, c.id, v.tracking_type, v.load_mode,
       v.is_unilateral, v.level, v.mechanic, v.force, 'public', 'published'
FROM (VALUES
    -- powerlifting -------------------------------------------------------------------------
    ('barbell-back-squat', 'Barbell Back Squat', 'powerlifting',
     'The foundational lower-body lift: a loaded squat with the bar resting across the upper back.',
     ARRAY['Set the bar in the rack at mid-chest height and step under it so it sits on your upper back.',
           'Unrack, take two steps back and stand with feet about shoulder-width apart, toes slightly out.',
           'Brace your midsection, then sit down between your heels until your hips are just below your knees.',
           'Drive through the whole foot to stand up, keeping the chest up and the knees tracking over the toes.'],
     'reps_weight', 'external', false, 'intermediate', 'compound', 'push'),
    ('barbell-bench-press', 'Barbell Bench Press', 'powerlifting',
     'A horizontal press lying on a flat bench; the main upper-body strength lift.',
     ARRAY['Lie on the bench with eyes under the bar and feet planted on the floor.',
           'Grip the bar slightly wider than shoulder-width and pull the shoulder blades together.',
           'Lower the bar under control to the lower chest.',
           'Press it back up over the shoulders until the elbows are straight.'],
     'reps_weight', 'external', false, 'intermediate', 'compound', 'push'),
    ('conventional-deadlift', 'Conventional Deadlift', 'powerlifting',
     'Lifting a barbell from the floor to standing with a hip hinge; trains the whole posterior chain.',
     ARRAY['Stand with mid-foot under the bar, feet hip-width apart.',
           'Hinge down and grip the bar just outside the legs; bring the shins to the bar.',
           'Flatten the back, take a breath and brace.',
           'Push the floor away and extend hips and knees together until you stand tall.',
           'Return the bar to the floor by hinging at the hips first.'],
     'reps_weight', 'external', false, 'intermediate', 'compound', 'pull'),
    -- strength: body parts -----------------------------------------------------------------
    ('standing-overhead-press', 'Standing Overhead Press', 'shoulders',
     'Pressing a barbell from the front of the shoulders to overhead while standing.',
     ARRAY['Hold the bar on the front of the shoulders with a grip just outside shoulder-width.',
           'Squeeze the glutes and brace the trunk.',
           'Press the bar straight up, moving the head back slightly to let it pass.',
           'Finish with the bar over the middle of the foot and the arms locked.'],
     'reps_weight', 'external', false, 'beginner', 'compound', 'push'),
    ('bent-over-barbell-row', 'Bent-Over Barbell Row', 'back',
     'A horizontal pull with the torso hinged forward, building the upper and middle back.',
     ARRAY['Hold the bar at arm''s length and hinge forward until the torso is nearly parallel to the floor.',
           'Keep a neutral spine and soft knees.',
           'Row the bar to the lower ribs, leading with the elbows.',
           'Lower it under control without standing up.'],
     'reps_weight', 'external', false, 'intermediate', 'compound', 'pull'),
    ('romanian-deadlift', 'Romanian Deadlift', 'legs',
     'A hip hinge from the top down that lengthens the hamstrings under load.',
     ARRAY['Stand tall holding the bar at the hips.',
           'Push the hips back and let the bar slide down the thighs with the knees slightly bent.',
           'Stop when you feel a strong stretch in the hamstrings, typically just below the knee.',
           'Drive the hips forward to return to standing.'],
     'reps_weight', 'external', false, 'intermediate', 'compound', 'pull'),
    ('incline-dumbbell-press', 'Incline Dumbbell Press', 'chest',
     'Pressing two dumbbells on an inclined bench to emphasise the upper chest.',
     ARRAY['Set the bench to about 30 degrees and sit back with a dumbbell on each thigh.',
           'Kick the weights up to the shoulders as you lie back.',
           'Press both dumbbells up until the arms are straight.',
           'Lower them slowly to the sides of the upper chest.'],
     'reps_weight', 'external', false, 'beginner', 'compound', 'push'),
    ('dumbbell-lateral-raise', 'Dumbbell Lateral Raise', 'shoulders',
     'Raising dumbbells out to the sides to isolate the side of the shoulders.',
     ARRAY['Stand with a dumbbell in each hand at your sides.',
           'With a slight bend in the elbows, raise the arms out to the sides.',
           'Stop at shoulder height, little fingers level with the thumbs.',
           'Lower slowly.'],
     'reps_weight', 'external', false, 'beginner', 'isolation', 'push'),
    ('dumbbell-biceps-curl', 'Dumbbell Biceps Curl', 'arms',
     'The classic arm builder: curling dumbbells with the palms facing up.',
     ARRAY['Stand holding dumbbells at arm''s length, palms forward.',
           'Keep the elbows pinned to your sides.',
           'Curl the weights up towards the shoulders.',
           'Lower them all the way down under control.'],
     'reps_weight', 'external', false, 'beginner', 'isolation', 'pull'),
    ('cable-triceps-pushdown', 'Cable Triceps Pushdown', 'arms',
     'Extending the elbows against a cable from a high pulley.',
     ARRAY['Attach a bar or rope to the high pulley and grip it with elbows bent at your sides.',
           'Push down until the arms are fully straight.',
           'Pause, then let the handle rise back to about chest height without moving the elbows.'],
     'reps_weight', 'external', false, 'beginner', 'isolation', 'push'),
    ('lat-pulldown', 'Lat Pulldown', 'back',
     'A vertical pull on a cable station; the scalable alternative to the pull-up.',
     ARRAY['Sit with the thighs under the pads and take a wide overhand grip on the bar.',
           'Lean back slightly and pull the bar to the upper chest.',
           'Drive the elbows down and back.',
           'Let the bar return overhead until the arms are straight.'],
     'reps_weight', 'external', false, 'beginner', 'compound', 'pull'),
    ('seated-cable-row', 'Seated Cable Row', 'back',
     'A seated horizontal pull on a low cable, easy on the lower back.',
     ARRAY['Sit facing the low pulley with feet on the platform and knees soft.',
           'Sit tall and pull the handle to the stomach.',
           'Squeeze the shoulder blades together at the end.',
           'Reach forward under control to the start.'],
     'reps_weight', 'external', false, 'beginner', 'compound', 'pull'),
    ('leg-press', 'Leg Press', 'legs',
     'Pushing a weighted sled away with the legs on a machine.',
     ARRAY['Sit in the machine with the feet shoulder-width apart in the middle of the platform.',
           'Release the safety handles.',
           'Lower the platform until the knees are bent to about 90 degrees.',
           'Press it back up without locking the knees hard.'],
     'reps_weight', 'external', false, 'beginner', 'compound', 'push'),
    ('lying-leg-curl', 'Lying Leg Curl', 'legs',
     'Curling the heels towards the glutes on a machine to isolate the hamstrings.',
     ARRAY['Lie face down with the pad just above the heels and the knees just off the bench.',
           'Curl the pad up as far as you can.',
           'Lower it slowly to full extension.'],
     'reps_weight', 'external', false, 'beginner', 'isolation', 'pull'),
    ('dumbbell-walking-lunge', 'Dumbbell Walking Lunge', 'legs',
     'Alternating forward lunges while holding dumbbells, travelling across the floor.',
     ARRAY['Stand tall with a dumbbell in each hand.',
           'Take a long step forward and lower the back knee towards the floor.',
           'Push through the front heel and bring the back foot forward into the next step.',
           'Count each leg as one rep.'],
     'reps_weight', 'external', true, 'intermediate', 'compound', 'push'),
    ('barbell-hip-thrust', 'Barbell Hip Thrust', 'legs',
     'Driving the hips up with the upper back on a bench and a barbell across the hips.',
     ARRAY['Sit with the upper back against a bench and roll a padded bar over the hips.',
           'Plant the feet hip-width apart with the shins vertical at the top.',
           'Drive the hips up until the body is straight from shoulders to knees.',
           'Squeeze the glutes, then lower under control.'],
     'reps_weight', 'external', false, 'intermediate', 'compound', 'push'),
    ('kettlebell-swing', 'Kettlebell Swing', 'strength',
     'An explosive hip hinge that swings a kettlebell to chest height.',
     ARRAY['Stand with feet a little wider than the hips and the kettlebell in front of you.',
           'Hike the bell back between the legs.',
           'Snap the hips forward so the bell floats up to chest height.',
           'Let it fall back and hinge again into the next rep.'],
     'reps_weight', 'external', false, 'intermediate', 'compound', 'pull'),
    ('standing-calf-raise', 'Standing Calf Raise', 'calves',
     'Rising onto the toes under load on a calf machine.',
     ARRAY['Stand on the platform edge with the balls of the feet, shoulders under the pads.',
           'Lower the heels as far as is comfortable.',
           'Rise as high onto the toes as you can and pause.'],
     'reps_weight', 'external', false, 'beginner', 'isolation', 'push'),
    -- olympic weightlifting ----------------------------------------------------------------
    ('power-clean', 'Power Clean', 'olympic_weightlifting',
     'Pulling a barbell from the floor and catching it on the shoulders in a partial squat.',
     ARRAY['Set up as for a deadlift with a shoulder-width grip.',
           'Lift the bar to above the knees, keeping it close.',
           'Extend the hips, knees and ankles explosively and shrug.',
           'Pull yourself under the bar and catch it on the front of the shoulders with the elbows high.'],
     'reps_weight', 'external', false, 'expert', 'compound', 'pull'),
    -- bodyweight strength ------------------------------------------------------------------
    ('push-up', 'Push-Up', 'chest',
     'A bodyweight press from the floor; scalable from kneeling to feet elevated.',
     ARRAY['Place the hands slightly wider than the shoulders and step back into a plank.',
           'Lower the chest to just above the floor, elbows at about 45 degrees.',
           'Push back up to straight arms, keeping the body in one line.'],
     'reps', 'bodyweight', false, 'beginner', 'compound', 'push'),
    ('pull-up', 'Pull-Up', 'back',
     'Pulling the body up to a bar from a dead hang with an overhand grip.',
     ARRAY['Hang from the bar with hands just wider than the shoulders.',
           'Pull the shoulder blades down, then pull until the chin passes the bar.',
           'Lower yourself all the way to straight arms.'],
     'reps', 'bodyweight', false, 'intermediate', 'compound', 'pull'),
    ('parallel-bar-dip', 'Parallel Bar Dip', 'arms',
     'Lowering and pressing the body between parallel bars.',
     ARRAY['Support yourself on straight arms between the bars.',
           'Lower the body until the upper arms are roughly parallel to the floor.',
           'Press back up to straight arms.'],
     'reps', 'bodyweight', false, 'intermediate', 'compound', 'push'),
    ('hanging-knee-raise', 'Hanging Knee Raise', 'abs',
     'Raising the knees towards the chest while hanging from a bar.',
     ARRAY['Hang from a bar with straight arms.',
           'Curl the pelvis and raise the knees towards the chest.',
           'Lower slowly without swinging.'],
     'reps', 'bodyweight', false, 'intermediate', 'isolation', 'pull'),
    -- plyometrics and conditioning ---------------------------------------------------------
    ('box-jump', 'Box Jump', 'plyometrics',
     'A two-footed jump onto a sturdy box, landing softly.',
     ARRAY['Stand about a foot away from the box.',
           'Swing the arms and jump, landing with both feet fully on the box.',
           'Stand up tall, then step down one foot at a time.'],
     'reps', 'bodyweight', false, 'intermediate', 'compound', 'push'),
    ('burpee', 'Burpee', 'cardio',
     'A squat thrust, push-up and jump combined into one full-body movement.',
     ARRAY['From standing, squat and place the hands on the floor.',
           'Jump the feet back into a plank and do a push-up.',
           'Jump the feet back towards the hands.',
           'Jump up with the arms overhead.'],
     'reps', 'bodyweight', false, 'beginner', 'compound', 'push'),
    ('jump-rope', 'Jump Rope', 'cardio',
     'Skipping rope for time; light on the joints and great for footwork.',
     ARRAY['Hold the handles at hip height with the rope behind you.',
           'Turn the rope with the wrists, not the arms.',
           'Jump just high enough to clear the rope, landing on the balls of the feet.'],
     'duration', 'bodyweight', false, 'beginner', NULL, NULL),
    ('treadmill-run', 'Treadmill Run', 'cardio',
     'Steady running on a treadmill, tracked by time and distance.',
     ARRAY['Start walking for a few minutes to warm up.',
           'Raise the speed to a pace you can hold while still speaking in short sentences.',
           'Set a 1 percent incline to mimic running outdoors.',
           'Walk for the last minutes to cool down.'],
     'duration_distance', 'bodyweight', false, 'beginner', NULL, NULL),
    ('indoor-row', 'Indoor Row', 'cardio',
     'Rowing on an ergometer for a set distance.',
     ARRAY['Strap the feet in and sit tall holding the handle.',
           'Drive with the legs first, then swing the torso back, then pull the handle to the ribs.',
           'Return in reverse order: arms, body, legs.'],
     'distance', 'external', false, 'beginner', 'compound', 'pull'),
    -- core and mobility --------------------------------------------------------------------
    ('front-plank', 'Front Plank', 'abs',
     'Holding a straight body position on the forearms and toes.',
     ARRAY['Place the forearms on the floor with the elbows under the shoulders.',
           'Step the feet back and lift the hips until the body forms one line.',
           'Squeeze the glutes, brace the stomach and breathe steadily for the whole hold.'],
     'duration', 'bodyweight', false, 'beginner', 'isolation', 'static'),
    ('kneeling-hip-flexor-stretch', 'Kneeling Hip Flexor Stretch', 'stretching',
     'A half-kneeling stretch for the front of the hip, useful after long sitting.',
     ARRAY['Kneel on one knee with the other foot flat in front of you.',
           'Tuck the pelvis under and squeeze the glute of the kneeling leg.',
           'Shift the hips forward until you feel a stretch at the front of the hip.',
           'Hold, breathe, then switch sides.'],
     'duration', 'bodyweight', true, 'beginner', NULL, 'static')
) AS v (slug, name, category_code, description, instructions, tracking_type, load_mode,
        is_unilateral, level, mechanic, force)
JOIN core.category AS c ON c.domain = 'exercise' AND c.code = v.category_code AND c.is_active;

-- --------------------------------------------------------------------------------------------
-- 1a. Muscles per exercise (core.muscle codes; role primary or secondary). Sub-selects make a
--     misspelt slug or muscle code fail loudly (NOT NULL) instead of dropping the row.
-- --------------------------------------------------------------------------------------------
INSERT INTO content.exercise_muscle (exercise_id, muscle_id, role)
SELECT (SELECT e.id FROM content.exercise AS e
         WHERE e.slug = v.slug AND e.owner_id IS NULL AND e.institution_id IS NULL AND e.is_active),
       (SELECT m.id FROM core.muscle AS m WHERE m.code = v.muscle_code AND m.is_active),
       v.role
FROM (VALUES
    ('barbell-back-squat',          'quadriceps',        'primary'),
    ('barbell-back-squat',          'glutes',            'secondary'),
    ('barbell-back-squat',          'hamstrings',        'secondary'),
    ('barbell-back-squat',          'adductors',         'secondary'),
    ('barbell-back-squat',          'lower_back',        'secondary'),
    ('barbell-bench-press',         'chest',             'primary'),
    ('barbell-bench-press',         'triceps',           'secondary'),
    ('barbell-bench-press',         'anterior_deltoid',  'secondary'),
    ('conventional-deadlift',       'lower_back',        'primary'),
    ('conventional-deadlift',       'hamstrings',        'primary'),
    ('conventional-deadlift',       'glutes',            'secondary'),
    ('conventional-deadlift',       'quadriceps',        'secondary'),
    ('conventional-deadlift',       'traps',             'secondary'),
    ('conventional-deadlift',       'forearms',          'secondary'),
    ('standing-overhead-press',     'shoulders',         'primary'),
    ('standing-overhead-press',     'triceps',           'secondary'),
    ('standing-overhead-press',     'traps',             'secondary'),
    ('standing-overhead-press',     'abdominals',        'secondary'),
    ('bent-over-barbell-row',       'middle_back',       'primary'),
    ('bent-over-barbell-row',       'lats',              'primary'),
    ('bent-over-barbell-row',       'biceps',            'secondary'),
    ('bent-over-barbell-row',       'lower_back',        'secondary'),
    ('romanian-deadlift',           'hamstrings',        'primary'),
    ('romanian-deadlift',           'glutes',            'secondary'),
    ('romanian-deadlift',           'lower_back',        'secondary'),
    ('incline-dumbbell-press',      'chest',             'primary'),
    ('incline-dumbbell-press',      'anterior_deltoid',  'secondary'),
    ('incline-dumbbell-press',      'triceps',           'secondary'),
    ('dumbbell-lateral-raise',      'shoulders',         'primary'),
    ('dumbbell-lateral-raise',      'traps',             'secondary'),
    ('dumbbell-biceps-curl',        'biceps',            'primary'),
    ('dumbbell-biceps-curl',        'brachialis',        'secondary'),
    ('dumbbell-biceps-curl',        'forearms',          'secondary'),
    ('cable-triceps-pushdown',      'triceps',           'primary'),
    ('lat-pulldown',                'lats',              'primary'),
    ('lat-pulldown',                'biceps',            'secondary'),
    ('lat-pulldown',                'middle_back',       'secondary'),
    ('seated-cable-row',            'middle_back',       'primary'),
    ('seated-cable-row',            'lats',              'secondary'),
    ('seated-cable-row',            'biceps',            'secondary'),
    ('seated-cable-row',            'traps',             'secondary'),
    ('leg-press',                   'quadriceps',        'primary'),
    ('leg-press',                   'glutes',            'secondary'),
    ('leg-press',                   'hamstrings',        'secondary'),
    ('lying-leg-curl',              'hamstrings',        'primary'),
    ('lying-leg-curl',              'calves',            'secondary'),
    ('dumbbell-walking-lunge',      'quadriceps',        'primary'),
    ('dumbbell-walking-lunge',      'glutes',            'secondary'),
    ('dumbbell-walking-lunge',      'hamstrings',        'secondary'),
    ('dumbbell-walking-lunge',      'adductors',         'secondary'),
    ('barbell-hip-thrust',          'glutes',            'primary'),
    ('barbell-hip-thrust',          'hamstrings',        'secondary'),
    ('barbell-hip-thrust',          'abductors',         'secondary'),
    ('kettlebell-swing',            'glutes',            'primary'),
    ('kettlebell-swing',            'hamstrings',        'primary'),
    ('kettlebell-swing',            'lower_back',        'secondary'),
    ('kettlebell-swing',            'shoulders',         'secondary'),
    ('kettlebell-swing',            'forearms',          'secondary'),
    ('standing-calf-raise',         'calves',            'primary'),
    ('standing-calf-raise',         'soleus',            'secondary'),
    ('power-clean',                 'hamstrings',        'primary'),
    ('power-clean',                 'glutes',            'primary'),
    ('power-clean',                 'quadriceps',        'secondary'),
    ('power-clean',                 'traps',             'secondary'),
    ('power-clean',                 'shoulders',         'secondary'),
    ('power-clean',                 'calves',            'secondary'),
    ('push-up',                     'chest',             'primary'),
    ('push-up',                     'triceps',           'secondary'),
    ('push-up',                     'anterior_deltoid',  'secondary'),
    ('push-up',                     'serratus_anterior', 'secondary'),
    ('push-up',                     'abdominals',        'secondary'),
    ('pull-up',                     'lats',              'primary'),
    ('pull-up',                     'biceps',            'secondary'),
    ('pull-up',                     'middle_back',       'secondary'),
    ('pull-up',                     'forearms',          'secondary'),
    ('parallel-bar-dip',            'triceps',           'primary'),
    ('parallel-bar-dip',            'chest',             'secondary'),
    ('parallel-bar-dip',            'anterior_deltoid',  'secondary'),
    ('hanging-knee-raise',          'abdominals',        'primary'),
    ('hanging-knee-raise',          'obliques',          'secondary'),
    ('hanging-knee-raise',          'forearms',          'secondary'),
    ('box-jump',                    'quadriceps',        'primary'),
    ('box-jump',                    'glutes',            'secondary'),
    ('box-jump',                    'hamstrings',        'secondary'),
    ('box-jump',                    'calves',            'secondary'),
    ('burpee',                      'quadriceps',        'primary'),
    ('burpee',                      'chest',             'secondary'),
    ('burpee',                      'triceps',           'secondary'),
    ('burpee',                      'abdominals',        'secondary'),
    ('burpee',                      'calves',            'secondary'),
    ('jump-rope',                   'calves',            'primary'),
    ('jump-rope',                   'soleus',            'secondary'),
    ('jump-rope',                   'quadriceps',        'secondary'),
    ('jump-rope',                   'shoulders',         'secondary'),
    ('treadmill-run',               'quadriceps',        'primary'),
    ('treadmill-run',               'hamstrings',        'primary'),
    ('treadmill-run',               'calves',            'secondary'),
    ('treadmill-run',               'glutes',            'secondary'),
    ('indoor-row',                  'middle_back',       'primary'),
    ('indoor-row',                  'quadriceps',        'primary'),
    ('indoor-row',                  'lats',              'secondary'),
    ('indoor-row',                  'hamstrings',        'secondary'),
    ('indoor-row',                  'biceps',            'secondary'),
    ('indoor-row',                  'lower_back',        'secondary'),
    ('front-plank',                 'abdominals',        'primary'),
    ('front-plank',                 'obliques',          'secondary'),
    ('front-plank',                 'lower_back',        'secondary'),
    ('front-plank',                 'shoulders',         'secondary'),
    ('kneeling-hip-flexor-stretch', 'quadriceps',        'primary'),
    ('kneeling-hip-flexor-stretch', 'glutes',            'secondary')
) AS v (slug, muscle_code, role);

-- --------------------------------------------------------------------------------------------
-- 1b. Equipment per exercise (content.equipment codes). is_required false: optional comfort
--     equipment (a mat for floor work, a rack to unrack an overhead press).
-- --------------------------------------------------------------------------------------------
INSERT INTO content.exercise_equipment (exercise_id, equipment_id, is_required)
SELECT (SELECT e.id FROM content.exercise AS e
         WHERE e.slug = v.slug AND e.owner_id IS NULL AND e.institution_id IS NULL AND e.is_active),
       (SELECT q.id FROM content.equipment AS q WHERE q.code = v.equipment_code AND q.is_active),
       v.is_required
FROM (VALUES
    ('barbell-back-squat',          'barbell',        true),
    ('barbell-back-squat',          'squat_rack',     true),
    ('barbell-bench-press',         'barbell',        true),
    ('barbell-bench-press',         'bench',          true),
    ('conventional-deadlift',       'barbell',        true),
    ('standing-overhead-press',     'barbell',        true),
    ('standing-overhead-press',     'squat_rack',     false),
    ('bent-over-barbell-row',       'barbell',        true),
    ('romanian-deadlift',           'barbell',        true),
    ('incline-dumbbell-press',      'dumbbell',       true),
    ('incline-dumbbell-press',      'incline_bench',  true),
    ('dumbbell-lateral-raise',      'dumbbell',       true),
    ('dumbbell-biceps-curl',        'dumbbell',       true),
    ('cable-triceps-pushdown',      'cable',          true),
    ('lat-pulldown',                'cable',          true),
    ('seated-cable-row',            'cable',          true),
    ('leg-press',                   'machine',        true),
    ('lying-leg-curl',              'machine',        true),
    ('dumbbell-walking-lunge',      'dumbbell',       true),
    ('barbell-hip-thrust',          'barbell',        true),
    ('barbell-hip-thrust',          'bench',          true),
    ('kettlebell-swing',            'kettlebells',    true),
    ('standing-calf-raise',         'machine',        true),
    ('power-clean',                 'barbell',        true),
    ('push-up',                     'body_only',      true),
    ('pull-up',                     'pull_up_bar',    true),
    ('parallel-bar-dip',            'dip_station',    true),
    ('hanging-knee-raise',          'pull_up_bar',    true),
    ('box-jump',                    'plyo_box',       true),
    ('burpee',                      'body_only',      true),
    ('jump-rope',                   'jump_rope',      true),
    ('treadmill-run',               'treadmill',      true),
    ('indoor-row',                  'rowing_machine', true),
    ('front-plank',                 'gym_mat',        false),
    ('kneeling-hip-flexor-stretch', 'gym_mat',        false)
) AS v (slug, equipment_code, is_required);

-- ============================================================================================
-- 2. Users. Emails use the reserved example.* domains; language_code must exist in
--    platform.language (seeded: en, de, pt, pt-BR ...). Birth dates are relative to today;
--    created_at is set back to each account's sign-up so memberships and grants follow it.
--    Columns: id, auth_subject, email, email_verified_at, phone, display_name, given_name,
--    family_name, birth_date, sex, height_cm, language_code, timezone, unit_system,
--    last_seen_at, created_at.
-- ============================================================================================
INSERT INTO user_mgmt.app_user
       (id, auth_subject, email, email_verified_at, phone, display_name, given_name, family_name,
        birth_date, sex, height_cm, language_code, timezone, unit_system, last_seen_at, created_at)
VALUES
    -- platform operator
    (:'u_admin',  'demo|priya.raman',   'priya.raman@example.com',   now() - interval '200 days', NULL,
     'Priya Raman',   'Priya',  'Raman',  (CURRENT_DATE - interval '38 years 2 months')::date, 'female', 165.0,
     'en',    'Europe/London',     'metric',   now() - interval '3 hours',   now() - interval '201 days'),
    -- Ironworks Gym: owner, coach, members
    (:'u_marcus', 'demo|marcus.holt',   'marcus@ironworks.example.com', now() - interval '180 days', '+4915550100001',
     'Marcus Holt',   'Marcus', 'Holt',   (CURRENT_DATE - interval '45 years 7 months')::date, 'male',   183.5,
     'de',    'Europe/Berlin',     'metric',   now() - interval '1 day',     now() - interval '181 days'),
    (:'u_lena',   'demo|lena.vogel',    'lena@ironworks.example.com',   now() - interval '150 days', '+4915550100002',
     'Coach Lena',    'Lena',   'Vogel',  (CURRENT_DATE - interval '31 years 4 months')::date, 'female', 171.0,
     'de',    'Europe/Berlin',     'metric',   now() - interval '5 hours',   now() - interval '152 days'),
    (:'u_tom',    'demo|tom.becker',    'tom.becker@example.org',       now() - interval '60 days',  NULL,
     'Tom B.',        'Tom',    'Becker', (CURRENT_DATE - interval '27 years 9 months')::date, 'male',   179.0,
     'en',    'Europe/Berlin',     'metric',   now() - interval '2 hours',   now() - interval '61 days'),
    (:'u_sofia',  'demo|sofia.almeida', 'sofia.almeida@example.org',    now() - interval '45 days',  NULL,
     'Sofia',         'Sofia',  'Almeida', NULL,                                               'female', 162.5,
     'pt',    'Europe/Berlin',     'metric',   now() - interval '2 days',    now() - interval '46 days'),
    (:'u_jamal',  'demo|jamal.carter',  'jamal.carter@example.org',     NULL,                        NULL,
     'Jamal Carter',  'Jamal',  'Carter', (CURRENT_DATE - interval '52 years 1 month')::date,  'male',   188.0,
     'en',    'Europe/Berlin',     'imperial', now() - interval '6 days',    now() - interval '12 days'),
    -- Flow & Form Studio: owner, coach, members
    (:'u_hannah', 'demo|hannah.lee',    'hannah@flowform.example.com',  now() - interval '120 days', '+351915550101',
     'Hannah Lee',    'Hannah', 'Lee',    (CURRENT_DATE - interval '36 years 5 months')::date, 'female', 168.0,
     'en',    'Europe/Lisbon',     'metric',   now() - interval '1 day',     now() - interval '121 days'),
    (:'u_diego',  'demo|diego.martins', 'diego@flowform.example.com',   now() - interval '110 days', '+351915550102',
     'Diego Martins', 'Diego',  'Martins', (CURRENT_DATE - interval '29 years 11 months')::date, 'male',  176.0,
     'pt-BR', 'Europe/Lisbon',     'metric',   now() - interval '8 hours',   now() - interval '112 days'),
    (:'u_emma',   'demo|emma.novak',    'emma.novak@example.net',       now() - interval '20 days',  NULL,
     'Emma N.',       'Emma',   'Novak',  (CURRENT_DATE - interval '33 years')::date,          'female', 170.0,
     'en',    'Europe/Lisbon',     'metric',   now() - interval '1 day',     now() - interval '21 days'),
    (:'u_kenji',  'demo|kenji.sato',    'kenji.sato@example.net',       now() - interval '15 days',  NULL,
     'Kenji',         'Kenji',  'Sato',   NULL,                                                'prefer_not_to_say', NULL,
     'en',    'Europe/Lisbon',     'metric',   now() - interval '4 days',    now() - interval '16 days'),
    -- independent user, no institution
    (:'u_olivia', 'demo|olivia.grant',  'olivia.grant@example.com',     now() - interval '90 days',  NULL,
     'Olivia Grant',  'Olivia', 'Grant',  (CURRENT_DATE - interval '24 years 6 months')::date, 'female', 174.5,
     'en',    'America/New_York',  'imperial', now() - interval '20 hours',  now() - interval '91 days');

-- ============================================================================================
-- 3. Institutions
-- ============================================================================================
INSERT INTO user_mgmt.institution
       (id, name, slug, kind, description, status, timezone, language_code, max_members,
        contact_email, contact_phone, website_url, address_line1, postal_code, city, country_code,
        created_by, created_at)
VALUES
    (:'i_gym',    'Ironworks Gym', 'ironworks-gym', 'gym',
     'A no-frills strength gym with six racks, a deadlift platform and coached small-group sessions.',
     'active', 'Europe/Berlin', 'de', NULL,
     'hello@ironworks.example.com', '+4930555010000', 'https://ironworks.example.com',
     'Hallenweg 12', '10999', 'Berlin', 'DE', :'u_marcus', now() - interval '180 days'),
    (:'i_studio', 'Flow & Form Studio', 'flow-and-form-studio', 'studio',
     'A small studio for mobility, kettlebell and bodyweight classes.',
     'active', 'Europe/Lisbon', 'pt', 150,
     'ola@flowform.example.com', '+351215550100', 'https://flowform.example.com',
     'Rua do Exemplo 7', '1200-001', 'Lisboa', 'PT', :'u_hannah', now() - interval '120 days');

-- --------------------------------------------------------------------------------------------
-- 3a. Memberships (member_role owner / coach / member; active rows need joined_at).
-- --------------------------------------------------------------------------------------------
INSERT INTO user_mgmt.institution_member
       (institution_id, user_id, member_role, status, invited_by, invited_at, joined_at)
VALUES
    (:'i_gym',    :'u_marcus', 'owner',  'active', NULL,        NULL,                        now() - interval '180 days'),
    (:'i_gym',    :'u_lena',   'coach',  'active', :'u_marcus', now() - interval '152 days', now() - interval '150 days'),
    (:'i_gym',    :'u_tom',    'member', 'active', :'u_lena',   now() - interval '61 days',  now() - interval '60 days'),
    (:'i_gym',    :'u_sofia',  'member', 'active', :'u_lena',   now() - interval '46 days',  now() - interval '45 days'),
    (:'i_gym',    :'u_jamal',  'member', 'active', :'u_marcus', now() - interval '12 days',  now() - interval '10 days'),
    (:'i_studio', :'u_hannah', 'owner',  'active', NULL,        NULL,                        now() - interval '120 days'),
    (:'i_studio', :'u_diego',  'coach',  'active', :'u_hannah', now() - interval '112 days', now() - interval '110 days'),
    (:'i_studio', :'u_emma',   'member', 'active', :'u_diego',  now() - interval '21 days',  now() - interval '20 days'),
    (:'i_studio', :'u_kenji',  'member', 'active', :'u_hannah', now() - interval '16 days',  now() - interval '15 days');

-- --------------------------------------------------------------------------------------------
-- 3b. Role grants: the platform role 'user' for every account, 'platform_admin' for Priya
--     (institution_id NULL), and the institution roles matching the memberships.
-- --------------------------------------------------------------------------------------------
INSERT INTO user_mgmt.user_role (user_id, role_id, institution_id, granted_by, granted_at, reason)
SELECT v.user_id, (SELECT r.id FROM core.role AS r WHERE r.code = v.role_code AND r.is_active),
       v.institution_id, v.granted_by, v.granted_at, v.reason
FROM (VALUES
    (:'u_admin'::uuid,  'platform_admin',    NULL::uuid,      NULL::uuid,      now() - interval '200 days', 'Platform operations'),
    (:'u_marcus',       'institution_owner', :'i_gym',        :'u_admin',      now() - interval '180 days', 'Created Ironworks Gym'),
    (:'u_lena',         'coach',             :'i_gym',        :'u_marcus',     now() - interval '150 days', 'Head coach'),
    (:'u_tom',          'member',            :'i_gym',        :'u_lena',       now() - interval '60 days',  NULL),
    (:'u_sofia',        'member',            :'i_gym',        :'u_lena',       now() - interval '45 days',  NULL),
    (:'u_jamal',        'member',            :'i_gym',        :'u_marcus',     now() - interval '10 days',  NULL),
    (:'u_hannah',       'institution_owner', :'i_studio',     :'u_admin',      now() - interval '120 days', 'Created Flow & Form Studio'),
    (:'u_diego',        'coach',             :'i_studio',     :'u_hannah',     now() - interval '110 days', NULL),
    (:'u_emma',         'member',            :'i_studio',     :'u_diego',      now() - interval '20 days',  NULL),
    (:'u_kenji',        'member',            :'i_studio',     :'u_hannah',     now() - interval '15 days',  NULL)
) AS v (user_id, role_code, institution_id, granted_by, granted_at, reason)
UNION ALL
-- every account holds the self-service platform role 'user', granted at sign-up
SELECT u.id, (SELECT r.id FROM core.role AS r WHERE r.code = 'user' AND r.is_active),
       NULL, NULL, u.created_at, 'Registered account'
FROM user_mgmt.app_user AS u;

-- --------------------------------------------------------------------------------------------
-- 3c. Coaching: Lena looks after Tom and Sofia at the gym, Diego after Emma at the studio.
-- --------------------------------------------------------------------------------------------
INSERT INTO user_mgmt.coach_assignment (institution_id, coach_id, member_id, starts_on, notes)
VALUES
    (:'i_gym',    :'u_lena',  :'u_tom',   CURRENT_DATE - 58, 'Wants a solid squat and deadlift base; old left-knee niggle, progress depth gradually.'),
    (:'i_gym',    :'u_lena',  :'u_sofia', CURRENT_DATE - 44, 'Returning after a long break; technique first.'),
    (:'i_studio', :'u_diego', :'u_emma',  CURRENT_DATE - 19, 'Mobility focus, two classes a week.');

-- ============================================================================================
-- 4. Billing: one membership plan per institution, two member subscriptions, one payment.
-- ============================================================================================
INSERT INTO user_mgmt.billing_plan
       (id, institution_id, code, name, description, amount, currency, billing_interval,
        interval_count, trial_days, features, is_public, provider)
VALUES
    (:'bp_gym',    :'i_gym',    'monthly',           'Monthly membership',
     'Open gym, four coached group sessions a month and a monthly check-in.',
     49.00, 'EUR', 'month', 1, 7,
     '{"open_gym": true, "group_sessions_per_month": 4, "coach_check_in": "monthly"}', true, 'manual'),
    (:'bp_studio', :'i_studio', 'unlimited_classes', 'Unlimited classes',
     'Every class on the timetable, booked through the app.',
     89.00, 'EUR', 'month', 1, 14,
     '{"classes_per_week": null, "guest_passes_per_month": 1}', true, 'manual');

INSERT INTO user_mgmt.subscription
       (id, user_id, institution_id, billing_plan_id, status, quantity,
        current_period_start, current_period_end, trial_end, provider)
VALUES
    -- Tom pays monthly; the current period started ten days ago
    (:'sub_tom',  :'u_tom',  NULL, :'bp_gym',    'active',   1,
     date_trunc('day', now()) - interval '10 days',
     date_trunc('day', now()) - interval '10 days' + interval '1 month', NULL, 'manual'),
    -- Emma is still in her 14-day trial
    (:'sub_emma', :'u_emma', NULL, :'bp_studio', 'trialing', 1,
     date_trunc('day', now()) - interval '9 days',
     date_trunc('day', now()) + interval '5 days',
     date_trunc('day', now()) + interval '5 days', 'manual');

INSERT INTO user_mgmt.payment
       (subscription_id, user_id, institution_id, amount, currency, status, description,
        period_start, period_end, paid_at, provider, provider_ref)
SELECT s.id, s.user_id, NULL, p.amount, p.currency, 'succeeded', 'Monthly membership',
       s.current_period_start, s.current_period_end, s.current_period_start + interval '2 hours',
       'manual', 'demo-receipt-0001'
FROM user_mgmt.subscription AS s
JOIN user_mgmt.billing_plan AS p ON p.id = s.billing_plan_id
WHERE s.id = :'sub_tom';

-- ============================================================================================
-- 5. Workouts: four gym workouts by coach Lena, shared within the gym (visibility
--    'institution'), published. category: core.category of domain 'workout'.
-- ============================================================================================
INSERT INTO content.workout
       (id, owner_id, institution_id, name, description, category_id, difficulty,
        estimated_duration_min, visibility, status, created_by)
SELECT v.id, :'u_lena', :'i_gym', v.name, v.description, c.id, v.difficulty, v.minutes,
       'institution', 'published', :'u_lena'
FROM (VALUES
    (:'w_a'::uuid, 'Full Body A: Squat and Bench', 'strength',    'beginner', 60,
     'Heavy squats and bench press, a barbell row and planks.'),
    (:'w_b'::uuid, 'Full Body B: Deadlift and Press', 'strength', 'beginner', 60,
     'Deadlifts, standing press, pulldowns and hanging knee raises.'),
    (:'w_c'::uuid, 'Full Body C: Volume Day', 'hypertrophy',      'beginner', 55,
     'Moderate loads for more reps; ends with an arm superset.'),
    (:'w_fin'::uuid, 'Conditioning Finisher', 'hiit',             'intermediate', 15,
     'Short and sharp: swings and box jumps back to back, a 500 m row, then skipping.')
) AS v (id, name, category_code, difficulty, minutes, description)
JOIN core.category AS c ON c.domain = 'workout' AND c.code = v.category_code AND c.is_active;

-- --------------------------------------------------------------------------------------------
-- 5a. Workout sets: positions dense from 1 per workout; targets fit the exercise's tracking
--     type (reps/weight for reps_weight, reps for reps, seconds for duration, metres for
--     distance). rounds = how many times the line is done; a superset group has at least two
--     lines with the same rounds.
-- --------------------------------------------------------------------------------------------
INSERT INTO content.workout_set
       (workout_id, position, exercise_id, set_type, rounds, superset_group,
        target_reps_min, target_reps_max, target_weight_kg, target_rpe,
        target_duration_s, target_distance_m, rest_s, tempo, notes)
SELECT v.workout_id, v.position,
       (SELECT e.id FROM content.exercise AS e
         WHERE e.slug = v.slug AND e.owner_id IS NULL AND e.institution_id IS NULL AND e.is_active),
       v.set_type, v.rounds, v.superset_group, v.reps_min, v.reps_max, v.weight_kg, v.rpe,
       v.duration_s, v.distance_m, v.rest_s, v.tempo, v.notes
FROM (VALUES
    -- workout, pos, exercise,                set_type, rounds, superset, reps min/max, kg, rpe, secs, metres, rest, tempo, notes
    (:'w_a'::uuid, 1, 'barbell-back-squat',   'warmup', 2::smallint, NULL::smallint, 8, 10, 40.0, NULL::numeric, NULL::integer, NULL::numeric, 90, NULL::text, 'Ramp up: empty bar, then 40 kg'::text),
    (:'w_a',       2, 'barbell-back-squat',     'normal', 3, NULL, 5, 6, 80.0, 7.5, NULL, NULL, 180, '3-1-X-0', NULL),
    (:'w_a',       3, 'barbell-bench-press',    'normal', 3, NULL, 5, 6, 60.0, 7.5, NULL, NULL, 180, '2-1-1-0', NULL),
    (:'w_a',       4, 'bent-over-barbell-row',  'normal', 3, NULL, 8, 10, 50.0, 7.0, NULL, NULL, 120, NULL, NULL),
    (:'w_a',       5, 'front-plank',            'normal', 3, NULL, NULL, NULL, NULL, NULL, 45, NULL, 60, NULL, NULL),

    (:'w_b',       1, 'conventional-deadlift',  'warmup', 2, NULL, 5, 5, 60.0, NULL, NULL, NULL, 90, NULL, 'Two lighter sets before the work sets'),
    (:'w_b',       2, 'conventional-deadlift',  'normal', 3, NULL, 5, 5, 100.0, 8.0, NULL, NULL, 180, NULL, 'Reset the grip between reps'),
    (:'w_b',       3, 'standing-overhead-press','normal', 3, NULL, 6, 8, 40.0, 7.5, NULL, NULL, 150, NULL, NULL),
    (:'w_b',       4, 'lat-pulldown',           'normal', 3, NULL, 10, 12, 55.0, 7.5, NULL, NULL, 90, '2-0-1-1', NULL),
    (:'w_b',       5, 'hanging-knee-raise',     'normal', 3, NULL, 10, 15, NULL, NULL, NULL, NULL, 60, NULL, NULL),

    (:'w_c',       1, 'leg-press',              'normal', 3, NULL, 10, 12, 120.0, 7.5, NULL, NULL, 120, NULL, NULL),
    (:'w_c',       2, 'incline-dumbbell-press', 'normal', 3, NULL, 8, 12, 22.5, 7.5, NULL, NULL, 90, '3-0-1-0', 'Weight per dumbbell'),
    (:'w_c',       3, 'seated-cable-row',       'normal', 3, NULL, 10, 12, 50.0, 7.5, NULL, NULL, 90, NULL, NULL),
    (:'w_c',       4, 'dumbbell-biceps-curl',   'normal', 3, 1, 10, 12, 12.0, 8.0, NULL, NULL, 0, NULL, 'Superset with the pushdown'),
    (:'w_c',       5, 'cable-triceps-pushdown', 'normal', 3, 1, 10, 12, 25.0, 8.0, NULL, NULL, 75, NULL, NULL),

    (:'w_fin',     1, 'kettlebell-swing',       'normal', 4, 1, 15, 15, 16.0, NULL, NULL, NULL, 0, NULL, 'Straight into the box jumps'),
    (:'w_fin',     2, 'box-jump',               'normal', 4, 1, 8, 8, NULL, NULL, NULL, NULL, 60, NULL, 'Step down, do not jump down'),
    (:'w_fin',     3, 'indoor-row',             'normal', 1, NULL, NULL, NULL, NULL, NULL, NULL, 500, 120, NULL, 'All out'),
    (:'w_fin',     4, 'jump-rope',              'normal', 3, NULL, NULL, NULL, NULL, NULL, 60, NULL, 30, NULL, NULL)
) AS v (workout_id, position, slug, set_type, rounds, superset_group, reps_min, reps_max,
        weight_kg, rpe, duration_s, distance_m, rest_s, tempo, notes);

-- ============================================================================================
-- 6. Program: 4 weeks, 3 training days a week, owned by coach Lena, shared within the gym.
--    Week 1 is scheduled: A on day 1, B on day 3, C plus the finisher on day 5, rest days
--    in between (rest days have no schedule_workout rows).
-- ============================================================================================
INSERT INTO content.program
       (id, owner_id, institution_id, name, description, category_id, duration_weeks,
        days_per_week, level, goal_type, visibility, status, created_by)
SELECT :'p_found', :'u_lena', :'i_gym', 'Strength Foundations',
       'Four weeks of three full-body sessions to learn the main barbell lifts and add weight each week.',
       c.id, 4, 3, 'beginner', 'strength', 'institution', 'published', :'u_lena'
FROM core.category AS c
WHERE c.domain = 'program' AND c.code = 'strength' AND c.is_active;

INSERT INTO content.program_schedule (id, program_id, week_number, day_number, name, notes, is_rest_day)
VALUES
    (:'ps_d1', :'p_found', 1, 1, 'Full Body A',            'Find a squat weight you can move for 5 clean reps.', false),
    (:'ps_d2', :'p_found', 1, 2, 'Rest',                   'An easy walk is fine.',                              true),
    (:'ps_d3', :'p_found', 1, 3, 'Full Body B',            NULL,                                                 false),
    (:'ps_d4', :'p_found', 1, 4, 'Rest',                   NULL,                                                 true),
    (:'ps_d5', :'p_found', 1, 5, 'Full Body C + finisher', 'Finisher only if you still feel fresh.',             false),
    (:'ps_d6', :'p_found', 1, 6, 'Rest',                   NULL,                                                 true),
    (:'ps_d7', :'p_found', 1, 7, 'Rest',                   NULL,                                                 true);

INSERT INTO content.schedule_workout (id, program_schedule_id, workout_id, position, notes)
VALUES
    (:'sw_d1',  :'ps_d1', :'w_a',   1, NULL),
    (:'sw_d3',  :'ps_d3', :'w_b',   1, NULL),
    (:'sw_d5a', :'ps_d5', :'w_c',   1, NULL),
    (:'sw_d5b', :'ps_d5', :'w_fin', 2, 'Optional');

-- ============================================================================================
-- 7. Tom follows the program: assigned by Lena six days ago, now on day 7 of week 1.
-- ============================================================================================
INSERT INTO user_mgmt.user_program_enrollment
       (id, user_id, program_id, institution_id, assigned_by, status, started_on,
        current_week, current_day)
VALUES
    (:'enr_tom', :'u_tom', :'p_found', :'i_gym', :'u_lena', 'active', CURRENT_DATE - 6, 1, 7);

-- ============================================================================================
-- 8. Sessions of the past week, all completed. Tom's four follow the program (days 1, 3 and
--    5, where he also did the finisher); Olivia's two are ad hoc (no workout).
--    total_volume_kg and duration_s are filled in section 9 from the set logs.
-- ============================================================================================
INSERT INTO user_mgmt.user_workout_session
       (id, user_id, workout_id, schedule_workout_id, program_enrollment_id, name, status,
        scheduled_for, started_at, ended_at, perceived_exertion, notes)
SELECT v.id, v.user_id, v.workout_id, v.schedule_workout_id, v.enrollment_id, v.name, 'completed',
       v.day_start + v.start_at, v.day_start + v.start_at, v.day_start + v.start_at + v.length,
       v.rpe, v.notes
FROM (VALUES
    (:'s_tom_1'::uuid, :'u_tom'::uuid, :'w_a'::uuid, :'sw_d1'::uuid, :'enr_tom'::uuid, 'Full Body A'::text,
     date_trunc('day', now()) - interval '6 days', interval '7 hours', interval '64 minutes', 7::smallint,
     'First week, squats felt good.'::text),
    (:'s_tom_2', :'u_tom', :'w_b', :'sw_d3', :'enr_tom', 'Full Body B',
     date_trunc('day', now()) - interval '4 days', interval '7 hours', interval '58 minutes', 8, NULL),
    (:'s_tom_3', :'u_tom', :'w_c', :'sw_d5a', :'enr_tom', 'Full Body C',
     date_trunc('day', now()) - interval '2 days', interval '7 hours', interval '52 minutes', 7, NULL),
    (:'s_tom_4', :'u_tom', :'w_fin', :'sw_d5b', :'enr_tom', 'Conditioning Finisher',
     date_trunc('day', now()) - interval '2 days', interval '8 hours', interval '16 minutes', 9,
     'Lungs on fire after the row.'),
    (:'s_oli_1', :'u_olivia', NULL, NULL, NULL, 'Evening run and push-ups',
     date_trunc('day', now()) - interval '5 days', interval '18 hours 30 minutes', interval '45 minutes', 6, NULL),
    (:'s_oli_2', :'u_olivia', NULL, NULL, NULL, 'Tempo run',
     date_trunc('day', now()) - interval '1 day', interval '18 hours', interval '40 minutes', 7,
     'New distance record on the treadmill.')
) AS v (id, user_id, workout_id, schedule_workout_id, enrollment_id, name, day_start, start_at,
        length, rpe, notes);

-- --------------------------------------------------------------------------------------------
-- 8a. Tom's set logs, matched to the planned workout_set by (session workout, position).
--     The set type comes from the plan (warmup / normal). Values fit the tracking type:
--     reps + weight_kg for reps_weight, reps for reps, duration_s for duration, distance_m
--     for distance. performed_at is spread evenly between started_at and ended_at.
-- --------------------------------------------------------------------------------------------
INSERT INTO user_mgmt.user_set_log
       (session_id, user_id, exercise_id, workout_set_id, set_index, set_type,
        reps, weight_kg, duration_s, distance_m, rpe, rest_s, performed_at)
SELECT s.id, s.user_id, ws.exercise_id, ws.id, v.set_index, ws.set_type,
       v.reps, v.weight_kg, v.duration_s, v.distance_m, v.rpe, v.rest_s,
       s.started_at + (s.ended_at - s.started_at)
                      * (v.set_index::float8 / (count(*) OVER (PARTITION BY v.session_id) + 1))
FROM (VALUES
    -- session,        set, pos, reps, kg, secs, metres, rpe, rest
    -- Day 1, Full Body A
    (:'s_tom_1'::uuid,  1, 1, 10::integer, 40.0::numeric, NULL::integer, NULL::numeric, NULL::numeric, 60::integer),
    (:'s_tom_1',  2, 1,  8, 60.0, NULL, NULL, NULL,  90),
    (:'s_tom_1',  3, 2,  5, 80.0, NULL, NULL, 7.0,  180),
    (:'s_tom_1',  4, 2,  5, 80.0, NULL, NULL, 7.5,  180),
    (:'s_tom_1',  5, 2,  5, 80.0, NULL, NULL, 8.0,  180),
    (:'s_tom_1',  6, 3,  6, 60.0, NULL, NULL, 7.0,  180),
    (:'s_tom_1',  7, 3,  6, 60.0, NULL, NULL, 7.5,  180),
    (:'s_tom_1',  8, 3,  5, 60.0, NULL, NULL, 8.5,  180),
    (:'s_tom_1',  9, 4, 10, 50.0, NULL, NULL, 7.0,  120),
    (:'s_tom_1', 10, 4, 10, 50.0, NULL, NULL, 7.5,  120),
    (:'s_tom_1', 11, 4,  9, 50.0, NULL, NULL, 8.0,  120),
    (:'s_tom_1', 12, 5, NULL, NULL, 45, NULL, NULL,  60),
    (:'s_tom_1', 13, 5, NULL, NULL, 45, NULL, NULL,  60),
    (:'s_tom_1', 14, 5, NULL, NULL, 40, NULL, NULL, NULL),
    -- Day 3, Full Body B
    (:'s_tom_2',  1, 1,  5, 60.0, NULL, NULL, NULL,  90),
    (:'s_tom_2',  2, 1,  3, 80.0, NULL, NULL, NULL,  90),
    (:'s_tom_2',  3, 2,  5, 100.0, NULL, NULL, 7.5, 180),
    (:'s_tom_2',  4, 2,  5, 100.0, NULL, NULL, 8.0, 180),
    (:'s_tom_2',  5, 2,  5, 100.0, NULL, NULL, 8.5, 180),
    (:'s_tom_2',  6, 3,  8, 40.0, NULL, NULL, 7.0,  150),
    (:'s_tom_2',  7, 3,  7, 40.0, NULL, NULL, 8.0,  150),
    (:'s_tom_2',  8, 3,  6, 40.0, NULL, NULL, 8.5,  150),
    (:'s_tom_2',  9, 4, 12, 55.0, NULL, NULL, 7.0,   90),
    (:'s_tom_2', 10, 4, 11, 55.0, NULL, NULL, 8.0,   90),
    (:'s_tom_2', 11, 4, 10, 55.0, NULL, NULL, 8.5,   90),
    (:'s_tom_2', 12, 5, 15, NULL, NULL, NULL, NULL,  60),
    (:'s_tom_2', 13, 5, 12, NULL, NULL, NULL, NULL,  60),
    (:'s_tom_2', 14, 5, 10, NULL, NULL, NULL, NULL, NULL),
    -- Day 5, Full Body C (curls and pushdowns alternate: superset)
    (:'s_tom_3',  1, 1, 12, 120.0, NULL, NULL, 7.0, 120),
    (:'s_tom_3',  2, 1, 12, 120.0, NULL, NULL, 7.5, 120),
    (:'s_tom_3',  3, 1, 11, 120.0, NULL, NULL, 8.0, 120),
    (:'s_tom_3',  4, 2, 10, 22.5, NULL, NULL, 7.0,   90),
    (:'s_tom_3',  5, 2,  9, 22.5, NULL, NULL, 8.0,   90),
    (:'s_tom_3',  6, 2,  8, 22.5, NULL, NULL, 8.5,   90),
    (:'s_tom_3',  7, 3, 12, 50.0, NULL, NULL, 7.0,   90),
    (:'s_tom_3',  8, 3, 12, 50.0, NULL, NULL, 7.5,   90),
    (:'s_tom_3',  9, 3, 10, 50.0, NULL, NULL, 8.0,   90),
    (:'s_tom_3', 10, 4, 12, 12.0, NULL, NULL, 7.0,    0),
    (:'s_tom_3', 11, 5, 12, 25.0, NULL, NULL, 7.0,   75),
    (:'s_tom_3', 12, 4, 11, 12.0, NULL, NULL, 8.0,    0),
    (:'s_tom_3', 13, 5, 12, 25.0, NULL, NULL, 7.5,   75),
    (:'s_tom_3', 14, 4, 10, 12.0, NULL, NULL, 8.5,    0),
    (:'s_tom_3', 15, 5, 10, 25.0, NULL, NULL, 8.5, NULL),
    -- Day 5, Conditioning Finisher (swings and box jumps alternate: superset)
    (:'s_tom_4',  1, 1, 15, 16.0, NULL, NULL, NULL,   0),
    (:'s_tom_4',  2, 2,  8, NULL, NULL, NULL, NULL,  60),
    (:'s_tom_4',  3, 1, 15, 16.0, NULL, NULL, NULL,   0),
    (:'s_tom_4',  4, 2,  8, NULL, NULL, NULL, NULL,  60),
    (:'s_tom_4',  5, 1, 15, 16.0, NULL, NULL, NULL,   0),
    (:'s_tom_4',  6, 2,  8, NULL, NULL, NULL, NULL,  60),
    (:'s_tom_4',  7, 1, 12, 16.0, NULL, NULL, 9.0,    0),
    (:'s_tom_4',  8, 2,  7, NULL, NULL, NULL, NULL, 120),
    (:'s_tom_4',  9, 3, NULL, NULL, NULL, 500, 9.5, 120),
    (:'s_tom_4', 10, 4, NULL, NULL, 60, NULL, NULL,  30),
    (:'s_tom_4', 11, 4, NULL, NULL, 60, NULL, NULL,  30),
    (:'s_tom_4', 12, 4, NULL, NULL, 45, NULL, NULL, NULL)
) AS v (session_id, set_index, position, reps, weight_kg, duration_s, distance_m, rpe, rest_s)
JOIN user_mgmt.user_workout_session AS s ON s.id = v.session_id
JOIN content.workout_set AS ws ON ws.workout_id = s.workout_id AND ws.position = v.position AND ws.is_active;

-- --------------------------------------------------------------------------------------------
-- 8b. Olivia's ad hoc set logs (no planned set), by exercise slug.
--     treadmill-run is duration_distance: both duration_s and distance_m.
-- --------------------------------------------------------------------------------------------
INSERT INTO user_mgmt.user_set_log
       (session_id, user_id, exercise_id, set_index, set_type,
        reps, weight_kg, duration_s, distance_m, rpe, rest_s, performed_at, notes)
SELECT s.id, s.user_id,
       (SELECT e.id FROM content.exercise AS e
         WHERE e.slug = v.slug AND e.owner_id IS NULL AND e.institution_id IS NULL AND e.is_active),
       v.set_index, 'normal', v.reps, NULL, v.duration_s, v.distance_m, v.rpe, v.rest_s,
       s.started_at + (s.ended_at - s.started_at)
                      * (v.set_index::float8 / (count(*) OVER (PARTITION BY v.session_id) + 1)),
       v.notes
FROM (VALUES
    -- session,        set, exercise,                     reps, secs, metres, rpe, rest, notes
    (:'s_oli_1'::uuid, 1, 'treadmill-run', NULL::integer, 1620::integer, 4500::numeric, 6.0::numeric, 120::integer, 'Easy pace'::text),
    (:'s_oli_1', 2, 'push-up',                      15, NULL, NULL, NULL,  60, NULL),
    (:'s_oli_1', 3, 'push-up',                      12, NULL, NULL, NULL,  60, NULL),
    (:'s_oli_1', 4, 'push-up',                      10, NULL, NULL, 9.0,   60, 'Last reps slow'),
    (:'s_oli_1', 5, 'front-plank',                NULL,   60, NULL, NULL,  45, NULL),
    (:'s_oli_1', 6, 'front-plank',                NULL,   50, NULL, NULL, NULL, NULL),
    (:'s_oli_2', 1, 'treadmill-run',              NULL, 1980, 5200, 7.0,  180, 'Negative split'),
    (:'s_oli_2', 2, 'kneeling-hip-flexor-stretch', NULL,  45, NULL, NULL,  15, 'Left side'),
    (:'s_oli_2', 3, 'kneeling-hip-flexor-stretch', NULL,  45, NULL, NULL, NULL, 'Right side')
) AS v (session_id, set_index, slug, reps, duration_s, distance_m, rpe, rest_s, notes)
JOIN user_mgmt.user_workout_session AS s ON s.id = v.session_id;

-- ============================================================================================
-- 9. Derived values that fitness.complete_session computes for a completed session:
--    estimated 1RM of working weighted sets of up to 10 reps (Epley), session volume
--    (reps x kg of working sets) and duration.
-- ============================================================================================
UPDATE user_mgmt.user_set_log
   SET estimated_one_rm_kg = round(weight_kg * (1 + reps / 30.0), 2)
 WHERE weight_kg > 0 AND reps BETWEEN 1 AND 10 AND set_type <> 'warmup';

UPDATE user_mgmt.user_workout_session AS s
   SET total_volume_kg = COALESCE((SELECT sum(l.reps * l.weight_kg)
                                     FROM user_mgmt.user_set_log AS l
                                    WHERE l.session_id = s.id AND l.is_active
                                      AND l.set_type <> 'warmup'), 0),
       duration_s = extract(epoch FROM s.ended_at - s.started_at)::integer
 WHERE s.status = 'completed';

-- ============================================================================================
-- 10. Goal: Tom wants a 110 kg back squat (estimated 1RM). Baseline from his intake test a
--     month ago (manual entry), first progress from Monday's session (session entry).
-- ============================================================================================
INSERT INTO content.user_goal
       (id, user_id, goal_id, title, description, start_date, target_date, status)
VALUES
    (:'g_tom', :'u_tom', (SELECT g.id FROM content.goal AS g WHERE g.code = 'increase_one_rm' AND g.is_active),
     'Squat 110 kg', 'Estimated one-rep max on the back squat, by the end of the quarter.',
     CURRENT_DATE - 30, CURRENT_DATE + 60, 'active');

INSERT INTO content.goal_metric
       (id, user_goal_id, metric, exercise_id, unit, direction, baseline_value, target_value)
VALUES
    (:'gm_tom', :'g_tom', 'one_rm_kg',
     (SELECT e.id FROM content.exercise AS e
       WHERE e.slug = 'barbell-back-squat' AND e.owner_id IS NULL AND e.institution_id IS NULL AND e.is_active),
     'kg', 'increase', 90, 110);

INSERT INTO content.goal_metric_entry (goal_metric_id, value, measured_at, source, source_id, note)
VALUES
    (:'gm_tom', 90, now() - interval '30 days', 'manual', NULL, 'Intake test with Lena: 3 x 82.5 kg'),
    (:'gm_tom',
     (SELECT max(l.estimated_one_rm_kg) FROM user_mgmt.user_set_log AS l
       WHERE l.session_id = :'s_tom_1' AND l.exercise_id = (SELECT m.exercise_id FROM content.goal_metric AS m WHERE m.id = :'gm_tom')),
     (SELECT s.ended_at FROM user_mgmt.user_workout_session AS s WHERE s.id = :'s_tom_1'),
     'session', :'s_tom_1', NULL);

-- current value = latest entry; progress = share of the way from baseline to target
UPDATE content.goal_metric AS m
   SET current_value = (SELECT e.value FROM content.goal_metric_entry AS e
                         WHERE e.goal_metric_id = m.id AND e.is_active
                         ORDER BY e.measured_at DESC LIMIT 1)
 WHERE m.id = :'gm_tom';

UPDATE content.user_goal AS g
   SET progress_pct = (SELECT round(greatest(0, least(100,
                                 (m.current_value - m.baseline_value) * 100
                                 / (m.target_value - m.baseline_value))), 2)
                         FROM content.goal_metric AS m WHERE m.id = :'gm_tom')
 WHERE g.id = :'g_tom';

-- ============================================================================================
-- 11. Favorites (polymorphic: entity_type is a core.entity_type code).
-- ============================================================================================
INSERT INTO platform.favorite_collection (id, user_id, name, description, is_public, position)
VALUES (:'fc_olivia', :'u_olivia', 'Cardio picks', 'Things to do when the weather is bad.', false, 0);

INSERT INTO platform.favorite (user_id, entity_type, entity_id, collection_id, note, position)
SELECT v.user_id, v.entity_type,
       COALESCE(v.entity_id,
                (SELECT e.id FROM content.exercise AS e
                  WHERE e.slug = v.slug AND e.owner_id IS NULL AND e.institution_id IS NULL AND e.is_active)),
       v.collection_id, v.note, v.position
FROM (VALUES
    (:'u_tom'::uuid,    'exercise', NULL::uuid,      'barbell-back-squat', NULL::uuid,      'Goal lift'::text, 0),
    (:'u_tom',          'program',  :'p_found',      NULL,                 NULL,            NULL,              1),
    (:'u_olivia',       'exercise', NULL,            'treadmill-run',      :'fc_olivia',    NULL,              0),
    (:'u_olivia',       'exercise', NULL,            'jump-rope',          :'fc_olivia',    'Hotel room option', 1),
    (:'u_emma',         'exercise', NULL,            'kneeling-hip-flexor-stretch', NULL,   NULL,              0)
) AS v (user_id, entity_type, entity_id, slug, collection_id, note, position);

-- ============================================================================================
-- 12. Ratings (score 1-5; platform.rating_status by code). The server keeps
--     platform.rating_summary (count and average of the published ones) from these rows.
-- ============================================================================================
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, title, review, rating_status_id, created_at)
SELECT v.user_id, v.entity_type,
       COALESCE(v.entity_id,
                (SELECT e.id FROM content.exercise AS e
                  WHERE e.slug = v.slug AND e.owner_id IS NULL AND e.institution_id IS NULL AND e.is_active)),
       v.score, v.title, v.review,
       (SELECT rs.id FROM platform.rating_status AS rs WHERE rs.code = v.status_code AND rs.is_active),
       now() - v.age
FROM (VALUES
    (:'u_tom'::uuid, 'program', :'p_found'::uuid, NULL::text, 5::smallint, 'Clear and doable'::text,
     'Three sessions a week fit around work, and the notes on each day help a lot.'::text, 'published'::text, interval '1 day'),
    (:'u_sofia',     'workout',  :'w_a',  NULL,                 4, 'Good basics',   'Would like a longer warm-up before the squats.', 'published', interval '3 days'),
    (:'u_emma',      'exercise', NULL,    'front-plank',        5, NULL,            NULL,                                             'published', interval '6 days'),
    (:'u_olivia',    'exercise', NULL,    'push-up',            4, 'Classic',       'The cue about elbow angle fixed my shoulder pain.', 'pending', interval '4 days')
) AS v (user_id, entity_type, entity_id, slug, score, title, review, status_code, age);


-- ============================================================================================
-- 13. Translations of exercise names (and one description) into German and Portuguese.
--     field is a column listed in core.entity_type.translatable_columns for 'exercise'.
-- ============================================================================================
INSERT INTO platform.translation
       (entity_type, entity_id, field, language_code, value, origin, provider,
        is_verified, verified_by, verified_at)
SELECT 'exercise',
       (SELECT e.id FROM content.exercise AS e
         WHERE e.slug = v.slug AND e.owner_id IS NULL AND e.institution_id IS NULL AND e.is_active),
       v.field, v.language_code, v.value, v.origin, v.provider,
       v.verified, CASE WHEN v.verified THEN :'u_admin'::uuid END,
       CASE WHEN v.verified THEN now() - interval '1 day' END
FROM (VALUES
    -- slug,                  field,         lang, value,                                origin,  provider,     verified
    ('barbell-back-squat',    'name',        'de', 'Kniebeuge mit der Langhantel',       'human', NULL::text,   true),
    ('barbell-back-squat',    'name',        'pt', 'Agachamento livre com barra',        'human', NULL,         true),
    ('conventional-deadlift', 'name',        'de', 'Kreuzheben',                         'human', NULL,         true),
    ('conventional-deadlift', 'name',        'pt', 'Levantamento terra',                 'human', NULL,         true),
    ('push-up',               'name',        'de', 'Liegestütz',                         'human', NULL,         true),
    ('push-up',               'name',        'pt', 'Flexão de braços',                   'human', NULL,         true),
    ('front-plank',           'name',        'de', 'Unterarmstütz',                      'human', NULL,         false),
    ('front-plank',           'name',        'pt', 'Prancha frontal',                    'human', NULL,         false),
    ('push-up',               'description', 'de',
     'Ein Drücken mit dem eigenen Körpergewicht vom Boden; skalierbar von kniend bis mit erhöhten Füßen.',
                                                                                          'machine', 'deepl',   false)
) AS v (slug, field, language_code, value, origin, provider, verified);

-- ============================================================================================
-- 14. Self-check: fail the load (and roll back) if a join above silently lost rows.
-- ============================================================================================
DO $check$
DECLARE
    problem text;
BEGIN
    SELECT string_agg(msg, '; ') INTO problem FROM (
        SELECT 'expected 30 exercises, got ' || count(*) AS msg
          FROM content.exercise HAVING count(*) <> 30
        UNION ALL
        SELECT 'exercise without a primary muscle: ' || e.slug
          FROM content.exercise AS e
         WHERE NOT EXISTS (SELECT 1 FROM content.exercise_muscle AS m
                            WHERE m.exercise_id = e.id AND m.role = 'primary')
        UNION ALL
        SELECT 'exercise without equipment: ' || e.slug
          FROM content.exercise AS e
         WHERE NOT EXISTS (SELECT 1 FROM content.exercise_equipment AS q WHERE q.exercise_id = e.id)
        UNION ALL
        SELECT 'expected 4 workouts with 19 sets, got ' || count(DISTINCT w.id) || ' / ' || count(ws.id)
          FROM content.workout AS w LEFT JOIN content.workout_set AS ws ON ws.workout_id = w.id
        HAVING count(DISTINCT w.id) <> 4 OR count(ws.id) <> 19
        UNION ALL
        SELECT 'positions of workout ' || workout_id || ' are not dense from 1'
          FROM content.workout_set GROUP BY workout_id HAVING max(position) <> count(*)
        UNION ALL
        SELECT 'expected 64 set logs, got ' || count(*)
          FROM user_mgmt.user_set_log HAVING count(*) <> 64
        UNION ALL
        SELECT 'set_index of session ' || session_id || ' is not dense from 1'
          FROM user_mgmt.user_set_log GROUP BY session_id HAVING max(set_index) <> count(*)
        UNION ALL
        SELECT 'set log does not fit tracking type ' || e.tracking_type || ' of ' || e.slug
          FROM user_mgmt.user_set_log AS l JOIN content.exercise AS e ON e.id = l.exercise_id
         WHERE NOT CASE e.tracking_type
                   WHEN 'reps_weight'       THEN l.reps IS NOT NULL AND l.weight_kg IS NOT NULL
                                                 AND l.duration_s IS NULL AND l.distance_m IS NULL
                   WHEN 'reps'              THEN l.reps IS NOT NULL AND l.weight_kg IS NULL
                                                 AND l.duration_s IS NULL AND l.distance_m IS NULL
                   WHEN 'duration'          THEN l.duration_s IS NOT NULL AND l.reps IS NULL
                                                 AND l.weight_kg IS NULL AND l.distance_m IS NULL
                   WHEN 'distance'          THEN l.distance_m IS NOT NULL AND l.reps IS NULL
                                                 AND l.weight_kg IS NULL AND l.duration_s IS NULL
                   WHEN 'duration_distance' THEN l.duration_s IS NOT NULL AND l.distance_m IS NOT NULL
                                                 AND l.reps IS NULL AND l.weight_kg IS NULL
                   END
        UNION ALL
        SELECT 'session outside the past week or not ended: ' || id
          FROM user_mgmt.user_workout_session
         WHERE started_at < now() - interval '7 days' OR ended_at IS NULL OR ended_at > now()
    ) AS problems;
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'demo/sample.sql self-check failed: %', problem;
    END IF;
END
$check$;

COMMIT;
