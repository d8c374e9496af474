-- Appeal measures over long periods from a monthly rollup (docs/appeal-measures.md, "Performance").
-- The measures count the cases created in a period by the bits of `measure_flags`; a year of the
-- province is 2 million index entries, too many to aggregate in under a second on a busy machine.
-- So cases are also counted per (month created, county, measure_flags): a few thousand rows a month.
--
-- Exact at every moment, without contention on the write path: triggers on appeals never update the
-- rollup; they append signed deltas (+1 for a case as it is now, -1 for what it was) to
-- appeal_measure_deltas, an insert-only log with no index. A fold (foldAppealMeasureDeltas, every
-- few seconds) moves the log into appeal_measure_months in one transaction. A measure query reads
-- the rollup plus the deltas not yet folded, in one snapshot, for the whole months of the period,
-- and the cases themselves for the partial months at its ends.
-- Bulk loads that turn triggers off (session_replication_role = replica) rebuild the rollup after.

CREATE TABLE appeal_measure_months (
  -- the first day of the month the case was created in, in China's time zone
  month date NOT NULL,
  -- the first six digits of the case's region code
  county_code text NOT NULL,
  measure_flags integer NOT NULL,
  cases integer NOT NULL,
  PRIMARY KEY (month, county_code, measure_flags)
);

CREATE TABLE appeal_measure_deltas (
  month date NOT NULL,
  county_code text NOT NULL,
  measure_flags integer NOT NULL,
  delta integer NOT NULL
);

CREATE FUNCTION appeal_measure_month(created_at timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai')::date;

-- One trigger per event (transition tables allow one event each). An update that changes none of
-- the rollup's keys nets to nothing and writes nothing.
CREATE FUNCTION appeal_measure_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO appeal_measure_deltas (month, county_code, measure_flags, delta)
  SELECT appeal_measure_month(created_at), substr(region_code, 1, 6), measure_flags, count(*)::int
  FROM inserted_rows GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;

CREATE FUNCTION appeal_measure_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO appeal_measure_deltas (month, county_code, measure_flags, delta)
  SELECT month, county_code, measure_flags, sum(delta)::int
  FROM (
    SELECT appeal_measure_month(created_at) AS month, substr(region_code, 1, 6) AS county_code, measure_flags, -1 AS delta FROM old_rows
    UNION ALL
    SELECT appeal_measure_month(created_at), substr(region_code, 1, 6), measure_flags, 1 FROM new_rows
  ) AS changes
  GROUP BY 1, 2, 3
  HAVING sum(delta) <> 0;
  RETURN NULL;
END $$;

CREATE FUNCTION appeal_measure_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO appeal_measure_deltas (month, county_code, measure_flags, delta)
  SELECT appeal_measure_month(created_at), substr(region_code, 1, 6), measure_flags, -count(*)::int
  FROM deleted_rows GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;

CREATE TRIGGER appeals_measure_inserted AFTER INSERT ON appeals REFERENCING NEW TABLE AS inserted_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_measure_inserted();
CREATE TRIGGER appeals_measure_updated AFTER UPDATE ON appeals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_measure_updated();
CREATE TRIGGER appeals_measure_deleted AFTER DELETE ON appeals REFERENCING OLD TABLE AS deleted_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_measure_deleted();

-- The cases already there.
INSERT INTO appeal_measure_months (month, county_code, measure_flags, cases)
SELECT appeal_measure_month(created_at), substr(region_code, 1, 6), measure_flags, count(*)::int
FROM appeals GROUP BY 1, 2, 3;
