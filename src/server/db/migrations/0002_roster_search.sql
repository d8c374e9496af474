-- Rosters: search keys that work the same on PGlite and PostgreSQL for Chinese names.
-- pg_trgm cannot index two-character Chinese names (no full trigram), so names also get their
-- character bigrams in a GIN-indexed array; phones get a reversed copy for "last digits" search.
CREATE FUNCTION text_bigrams(value text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT substr(value, i, 2)), '{}') FROM generate_series(1, length(value) - 1) AS i $$;

ALTER TABLE cadres ADD COLUMN search_bigrams text[] GENERATED ALWAYS AS (text_bigrams(search_name)) STORED;
ALTER TABLE cadres ADD COLUMN phone_reversed text GENERATED ALWAYS AS (reverse(phone)) STORED;
CREATE INDEX cadres_bigrams_idx ON cadres USING gin (search_bigrams);
CREATE INDEX cadres_phone_reversed_idx ON cadres (phone_reversed text_pattern_ops);
CREATE INDEX cadres_search_name_prefix_idx ON cadres (search_name text_pattern_ops);

ALTER TABLE points ADD COLUMN search_bigrams text[] GENERATED ALWAYS AS (text_bigrams(search_name)) STORED;
CREATE INDEX points_bigrams_idx ON points USING gin (search_bigrams);

ALTER TABLE org_units ADD COLUMN search_bigrams text[] GENERATED ALWAYS AS (text_bigrams(search_name)) STORED;
CREATE INDEX org_units_bigrams_idx ON org_units USING gin (search_bigrams);
CREATE INDEX org_units_pinyin_idx ON org_units (pinyin text_pattern_ops);
CREATE INDEX org_units_initials_idx ON org_units (initials text_pattern_ops);
CREATE INDEX points_initials_idx ON points (initials text_pattern_ops);

-- Reveals of masked personal data (phones now; residents' contacts later): who, what, why.
CREATE TABLE personal_data_reveals (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_account_id integer NOT NULL REFERENCES accounts (id),
  actor_name text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  field text NOT NULL,
  reason text NOT NULL,
  region_code text NOT NULL
);
CREATE INDEX personal_data_reveals_region_idx ON personal_data_reveals (region_code text_pattern_ops, at DESC);
