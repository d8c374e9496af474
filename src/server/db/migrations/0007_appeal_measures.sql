-- Appeal measures (考核指标, docs/appeal-measures.md) over a province's year of cases (2 million+)
-- in under a second. Evaluating a dozen conditions on every wide row was the cost, so each case
-- carries its measure facts as bits of one integer, kept by PostgreSQL on every write, and narrow
-- indexes hold everything the measures read: the query counts cases per (group, bits) from an index
-- alone (an index-only scan), and only those few hundred counts are split into the measures.
-- The bits must match `measureBits` in src/server/features/appeals/measures-queries.ts.
ALTER TABLE appeals ADD COLUMN measure_flags integer GENERATED ALWAYS AS (
    (CASE WHEN callback_at IS NOT NULL THEN 1 ELSE 0 END) -- call-back recorded
  | (CASE WHEN callback_at IS NOT NULL AND callback_contacted THEN 2 ELSE 0 END) -- resident reached
  | (CASE WHEN callback_at IS NOT NULL AND callback_solved = 'yes' THEN 4 ELSE 0 END) -- solved at the call-back
  | (CASE WHEN callback_at IS NOT NULL AND callback_solved = 'partly' THEN 8 ELSE 0 END) -- partly solved
  | (CASE WHEN coalesce(followup_rating, callback_rating) IS NOT NULL THEN 16 ELSE 0 END) -- a final rating exists
  | (CASE WHEN coalesce(followup_rating, callback_rating) IN ('very_satisfied', 'satisfied', 'basically_satisfied') THEN 32 ELSE 0 END) -- final rating satisfied
  | (CASE WHEN state = 'closed' THEN 64 ELSE 0 END) -- closed
  | (CASE WHEN state = 'closed' AND closed_on_time THEN 128 ELSE 0 END) -- closed on time
  | (CASE WHEN state = 'closed' OR reopen_count > 0 THEN 256 ELSE 0 END) -- closed at some time
  | (CASE WHEN reopen_count > 0 THEN 512 ELSE 0 END) -- reopened
  | (CASE WHEN first_unit_id IS NOT NULL THEN 1024 ELSE 0 END) -- dispatched
  | (CASE WHEN first_unit_id IS NOT NULL AND return_count > 0 THEN 2048 ELSE 0 END) -- returned
  | (CASE WHEN answered_directly THEN 4096 ELSE 0 END) -- answered at intake
  | (CASE WHEN callback_rating IN ('dissatisfied', 'very_dissatisfied') OR callback_solved = 'no' THEN 8192 ELSE 0 END) -- bad first rating
  | (CASE WHEN (callback_rating IN ('dissatisfied', 'very_dissatisfied') OR callback_solved = 'no') AND was_rectified AND followup_at IS NOT NULL THEN 16384 ELSE 0 END) -- …rectified
  | (CASE WHEN state = 'merged' THEN 32768 ELSE 0 END) -- merged (not counted)
) STORED;

-- Everything the measures read, in two orders: by created_at for a period across a wide region (the
-- province, a month), by region code for a county or a city over a long period. The planner picks
-- the one with fewer entries to walk; either answers without touching the table (index-only scan).
CREATE INDEX appeals_measures_idx ON appeals (created_at) INCLUDE (region_code, measure_flags, handling_unit_id, first_unit_id, point_id);
CREATE INDEX appeals_measures_region_idx ON appeals (region_code text_pattern_ops, created_at) INCLUDE (measure_flags, handling_unit_id, first_unit_id, point_id);

-- The overdue list: open cases by region subtree, then deadline; counted and paged from the index alone.
CREATE INDEX appeals_open_due_idx ON appeals (region_code text_pattern_ops, due_at, id) INCLUDE (handling_unit_id, point_id) WHERE state NOT IN ('closed', 'merged');

-- How many (region, bits) pairs a grouping by region meets: without these the planner guesses
-- hundreds of thousands and sorts the year's rows on disk instead of hashing a few thousand groups.
CREATE STATISTICS appeals_measure_city_stats (ndistinct) ON (substr(region_code, 1, 4)), measure_flags FROM appeals;
CREATE STATISTICS appeals_measure_county_stats (ndistinct) ON (substr(region_code, 1, 6)), measure_flags FROM appeals;
CREATE STATISTICS appeals_measure_township_stats (ndistinct) ON (substr(region_code, 1, 9)), measure_flags FROM appeals;
CREATE STATISTICS appeals_measure_village_stats (ndistinct) ON region_code, measure_flags FROM appeals;
