-- text_bigrams (0002, 0003) fills search_bigrams of cadres, points and units on every insert, as a
-- PL/pgSQL loop: ~10 µs a call on PGlite, 1.5 s of a 150,000-cadre import. Names are short, so
-- for up to eight characters it is now one SQL expression (each two-character substring), which
-- the planner inlines into the generated columns and into the search's condition; longer values
-- keep the loop (text_bigrams_sorted). The short form neither sorts nor drops repeats: the
-- column serves only `search_bigrams @> text_bigrams(…)`, array containment, for which order
-- and repeats make no difference, so values stored by the loop stay valid beside new ones.
CREATE FUNCTION text_bigrams_sorted(value text) RETURNS text[]
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
DECLARE
  result text[] := '{}';
  bigram text;
  position integer;
  count integer := 0;
BEGIN
  FOR i IN 1 .. coalesce(length(value), 0) - 1 LOOP
    bigram := substr(value, i, 2);
    -- Insertion sort into the (short) sorted result, skipping bigrams already there.
    position := count + 1;
    FOR j IN 1 .. count LOOP
      IF result[j] >= bigram THEN
        position := j;
        EXIT;
      END IF;
    END LOOP;
    CONTINUE WHEN position <= count AND result[position] = bigram;
    result := result[1:position - 1] || bigram || result[position:count];
    count := count + 1;
  END LOOP;
  RETURN result;
END
$$;

CREATE OR REPLACE FUNCTION text_bigrams(value text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
  SELECT CASE length(value)
    WHEN 0 THEN '{}'::text[]
    WHEN 1 THEN '{}'::text[]
    WHEN 2 THEN ARRAY[value]
    WHEN 3 THEN ARRAY[substr(value, 1, 2), substr(value, 2, 2)]
    WHEN 4 THEN ARRAY[substr(value, 1, 2), substr(value, 2, 2), substr(value, 3, 2)]
    WHEN 5 THEN ARRAY[substr(value, 1, 2), substr(value, 2, 2), substr(value, 3, 2), substr(value, 4, 2)]
    WHEN 6 THEN ARRAY[substr(value, 1, 2), substr(value, 2, 2), substr(value, 3, 2), substr(value, 4, 2), substr(value, 5, 2)]
    WHEN 7 THEN ARRAY[substr(value, 1, 2), substr(value, 2, 2), substr(value, 3, 2), substr(value, 4, 2), substr(value, 5, 2), substr(value, 6, 2)]
    WHEN 8 THEN ARRAY[substr(value, 1, 2), substr(value, 2, 2), substr(value, 3, 2), substr(value, 4, 2), substr(value, 5, 2), substr(value, 6, 2), substr(value, 7, 2)]
    ELSE text_bigrams_sorted(value)
  END
$$;
