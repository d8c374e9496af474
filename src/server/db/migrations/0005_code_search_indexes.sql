-- A name search also matches the external id or unit code exactly (upper-cased). Without an index on
-- that expression, the OR of the search could not combine index scans, and PostgreSQL fell back to
-- walking the whole pinyin index in sort order (seconds for a search by initials at province scale).
CREATE INDEX cadres_external_id_upper_idx ON cadres (upper(external_id));
CREATE INDEX points_external_id_upper_idx ON points (upper(external_id));
CREATE INDEX org_units_code_upper_idx ON org_units (upper(code));
