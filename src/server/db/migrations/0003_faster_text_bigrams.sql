-- text_bigrams (0002) computes the search_bigrams columns of cadres, points and org_units on
-- every insert. As an SQL function with generate_series and array_agg it cannot be inlined and
-- costs tens of microseconds a call on PGlite: most of a 150,000-row roster import. The same
-- result (the distinct character bigrams, sorted as array_agg(DISTINCT …) sorts them) from a
-- PL/pgSQL loop costs about a third. Stored values stay valid: the output is identical.
CREATE OR REPLACE FUNCTION text_bigrams(value text) RETURNS text[]
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
