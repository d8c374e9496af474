-- The programme filter of the cadre roster (issue 3) counts from an index. A cadre's earlier
-- programmes (第一书记, 驻村工作队, …) live in prior_postings; filtering on them meant probing the
-- cadres' index once per posting (6,000 first secretaries: 17 ms per count). The programmes are now
-- also on the cadre row, kept exact by statement triggers on prior_postings (one UPDATE per
-- statement, so an import's thousands of postings cost one pass), and a partial index over the
-- cadres that have any holds the roster's scope and key columns: counts and pages are index-only.
ALTER TABLE cadres ADD COLUMN programmes text[] NOT NULL DEFAULT '{}';

UPDATE cadres SET programmes = p.list
FROM (SELECT cadre_id, array_agg(DISTINCT programme ORDER BY programme) AS list FROM prior_postings GROUP BY cadre_id) p
WHERE p.cadre_id = cadres.id;

-- Set-based (hash joins, no per-cadre subquery): an import may call it for thousands of cadres while
-- the indexes of prior_postings are being rebuilt; rows whose programmes do not change are left alone.
CREATE FUNCTION refresh_cadre_programmes(cadre_ids integer[]) RETURNS void LANGUAGE sql AS $$
  UPDATE cadres c
  SET programmes = coalesce(agg.list, '{}')
  FROM (SELECT DISTINCT id FROM unnest(cadre_ids) AS id) t
  LEFT JOIN (
    SELECT cadre_id, array_agg(DISTINCT programme ORDER BY programme) AS list
    FROM prior_postings WHERE cadre_id = ANY (cadre_ids) GROUP BY cadre_id
  ) agg ON agg.cadre_id = t.id
  WHERE c.id = t.id AND c.programmes IS DISTINCT FROM coalesce(agg.list, '{}')
$$;

CREATE FUNCTION prior_postings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_cadre_programmes(ARRAY(SELECT DISTINCT cadre_id FROM inserted_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION prior_postings_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_cadre_programmes(ARRAY(SELECT cadre_id FROM old_rows UNION SELECT cadre_id FROM new_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION prior_postings_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_cadre_programmes(ARRAY(SELECT DISTINCT cadre_id FROM deleted_rows));
  RETURN NULL;
END $$;
CREATE TRIGGER prior_postings_programmes_inserted AFTER INSERT ON prior_postings REFERENCING NEW TABLE AS inserted_rows
  FOR EACH STATEMENT EXECUTE FUNCTION prior_postings_inserted();
CREATE TRIGGER prior_postings_programmes_updated AFTER UPDATE ON prior_postings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION prior_postings_updated();
CREATE TRIGGER prior_postings_programmes_deleted AFTER DELETE ON prior_postings REFERENCING OLD TABLE AS deleted_rows
  FOR EACH STATEMENT EXECUTE FUNCTION prior_postings_deleted();

-- One partial index over the few cadres with an earlier programme (one in fourteen), carrying the
-- programmes: a programme's count reads only those entries, and an import rebuilds one small index
-- rather than one per programme.
CREATE INDEX cadres_programmes_idx ON cadres (region_code text_pattern_ops) INCLUDE (id, pinyin, unit_id, is_leader, category, programmes) WHERE programmes <> '{}';
-- The name-order walk that fills a page checks the programme in the index too (index-only).
DROP INDEX cadres_name_order_idx;
CREATE INDEX cadres_name_order_idx ON cadres (pinyin COLLATE "C", id) INCLUDE (region_code, unit_id, is_leader, category, programmes);
