-- A cadre's earlier programmes as bits rather than a text array (0011). The roster's programme
-- filter counts through the partial index of the cadres that have any (~10,000 entries for the
-- province); testing `programmes @> '{first_secretary}'` on each entry cost 0.75 µs (the array is
-- unpacked every time), three quarters of the count. `programme_bits & 1 <> 0` is an integer test.
-- Bit per programme, in the vocabulary's order (lib/roster-vocabulary.ts `programmes`):
-- first_secretary 1, village_work_team 2, rural_improvement 4, young_cadre 8.
CREATE FUNCTION programme_bit(programme text) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE programme WHEN 'first_secretary' THEN 1 WHEN 'village_work_team' THEN 2 WHEN 'rural_improvement' THEN 4 WHEN 'young_cadre' THEN 8 ELSE 0 END::smallint
$$;

DROP INDEX cadres_programmes_idx;
DROP INDEX cadres_name_order_idx;
ALTER TABLE cadres DROP COLUMN programmes;
ALTER TABLE cadres ADD COLUMN programme_bits smallint NOT NULL DEFAULT 0;

UPDATE cadres SET programme_bits = p.bits
FROM (SELECT cadre_id, bit_or(programme_bit(programme))::smallint AS bits FROM prior_postings GROUP BY cadre_id) p
WHERE p.cadre_id = cadres.id;

-- Same contract as in 0011 (set-based; rows whose bits do not change are left alone); the triggers
-- of 0011 call it by name.
CREATE OR REPLACE FUNCTION refresh_cadre_programmes(cadre_ids integer[]) RETURNS void LANGUAGE sql AS $$
  UPDATE cadres c
  SET programme_bits = coalesce(agg.bits, 0)
  FROM (SELECT DISTINCT id FROM unnest(cadre_ids) AS id) t
  LEFT JOIN (
    SELECT cadre_id, bit_or(programme_bit(programme))::smallint AS bits
    FROM prior_postings WHERE cadre_id = ANY (cadre_ids) GROUP BY cadre_id
  ) agg ON agg.cadre_id = t.id
  WHERE c.id = t.id AND c.programme_bits IS DISTINCT FROM coalesce(agg.bits, 0)
$$;

CREATE INDEX cadres_programmes_idx ON cadres (region_code text_pattern_ops) INCLUDE (id, pinyin, unit_id, is_leader, category, programme_bits) WHERE programme_bits <> 0;
CREATE INDEX cadres_name_order_idx ON cadres (pinyin COLLATE "C", id) INCLUDE (region_code, unit_id, is_leader, category, programme_bits);
