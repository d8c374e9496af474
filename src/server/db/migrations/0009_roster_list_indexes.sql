-- Roster lists (issue 3): an exact total and a page of 20 from index-only scans, on PGlite and PostgreSQL.
-- A list first chooses its page on a few key columns (id, sort keys, filter columns) and only then
-- joins the 20 rows to names of units and regions, so the indexes below carry those key columns
-- (INCLUDE): counting 6,000 matches then reads 6,000 index entries, not 6,000 table rows.
-- Name order is pinyin in byte order (COLLATE "C": the keys are lower-case ASCII letters and digits),
-- the one order a btree can hand out on both backends whatever the database's collation.

-- Cadres: scope (region prefix) with the plain filters; leaders apart (one in eleven); name order.
DROP INDEX cadres_region_idx;
CREATE INDEX cadres_region_idx ON cadres (region_code text_pattern_ops) INCLUDE (id, pinyin, unit_id, is_leader, category);
CREATE INDEX cadres_leaders_idx ON cadres (region_code text_pattern_ops) INCLUDE (id, pinyin, unit_id, category) WHERE is_leader;
CREATE INDEX cadres_name_order_idx ON cadres (pinyin COLLATE "C", id) INCLUDE (region_code, unit_id, is_leader, category);
-- Search by initials reads the matches from the index alone.
DROP INDEX cadres_initials_idx;
CREATE INDEX cadres_initials_idx ON cadres (initials text_pattern_ops) INCLUDE (id, pinyin, region_code, unit_id, is_leader, category);
-- The programme filter starts from the few cadres with earlier-programme postings (6,000 first
-- secretaries of 143,000 cadres) and checks each one's scope and filters in the index by id.
CREATE INDEX prior_postings_programme_idx ON prior_postings (programme, cadre_id);
CREATE INDEX cadres_keys_by_id_idx ON cadres (id) INCLUDE (region_code, pinyin, unit_id, is_leader, category);
CREATE INDEX prior_postings_point_idx ON prior_postings (point_id);

-- Points: scope with type and need severities; type at province scale; name order.
DROP INDEX points_region_idx;
CREATE INDEX points_region_idx ON points (region_code text_pattern_ops) INCLUDE (id, pinyin, type, disorder_severity, difficulty_severity, poverty_severity, population);
CREATE INDEX points_type_idx ON points (type, region_code text_pattern_ops) INCLUDE (id, pinyin, disorder_severity, difficulty_severity, poverty_severity, population);
CREATE INDEX points_name_order_idx ON points (pinyin COLLATE "C", id) INCLUDE (region_code, type, disorder_severity, difficulty_severity, poverty_severity);

-- Units: scope with level and category.
DROP INDEX org_units_region_idx;
CREATE INDEX org_units_region_idx ON org_units (region_code text_pattern_ops) INCLUDE (id, pinyin, level, category);
