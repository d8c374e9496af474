-- Roster imports write one audit_log row per committed import, with its counts. The field
-- changes an import made to each stored record are kept here, pointing at that row, so that a
-- record's history can show them without an audit row per record.
CREATE TABLE import_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  audit_id bigint NOT NULL REFERENCES audit_log (id),
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  region_code text NOT NULL,
  row_number integer NOT NULL,
  before jsonb NOT NULL,
  after jsonb NOT NULL
);
CREATE INDEX import_changes_entity_idx ON import_changes (entity_type, entity_id);
CREATE INDEX import_changes_audit_idx ON import_changes (audit_id);

CREATE FUNCTION import_changes_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'import_changes is append-only';
END;
$$;
CREATE TRIGGER import_changes_no_update BEFORE UPDATE OR DELETE ON import_changes
  FOR EACH ROW EXECUTE FUNCTION import_changes_is_append_only();
