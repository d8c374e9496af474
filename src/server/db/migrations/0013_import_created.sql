-- The records a roster import creates are kept in blocks instead of one import_changes row each:
-- one row per import and run of up to 500 new ids (first_id..last_id), holding each new record's
-- sheet row and the values it was created with, `{"<id>": {"row": 12, "after": {…}}}`. A row
-- per created record (with its index entries and a foreign-key check) was a quarter of a
-- 150,000-row import. Changes to stored records stay in import_changes, one row each.
-- `records` is json, not jsonb: a block is written once and read one record at a time, and
-- turning 150,000 records' text into jsonb cost more than the rest of the block's write.
-- Blocks of one entity type never overlap: imports run one at a time (an advisory lock) and
-- their new ids come from the table's sequence, so a record's block is the one with the
-- greatest first_id at or below its id, if that block reaches it.
CREATE TABLE import_created (
  audit_id bigint NOT NULL REFERENCES audit_log (id),
  entity_type text NOT NULL,
  first_id bigint NOT NULL,
  last_id bigint NOT NULL,
  records json NOT NULL,
  PRIMARY KEY (entity_type, first_id),
  CHECK (first_id <= last_id)
);

CREATE OR REPLACE FUNCTION import_changes_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER import_created_no_update BEFORE UPDATE OR DELETE ON import_created
  FOR EACH ROW EXECUTE FUNCTION import_changes_is_append_only();

-- Creations already recorded move into blocks (a creation is the change with an empty `before`).
INSERT INTO import_created (audit_id, entity_type, first_id, last_id, records)
SELECT audit_id, entity_type, min(entity_id::bigint), max(entity_id::bigint), json_object_agg(entity_id, json_build_object('row', row_number, 'after', after))
FROM import_changes
WHERE before = '{}'::jsonb
GROUP BY audit_id, entity_type, entity_id::bigint / 500;
ALTER TABLE import_changes DISABLE TRIGGER import_changes_no_update;
DELETE FROM import_changes WHERE before = '{}'::jsonb;
ALTER TABLE import_changes ENABLE TRIGGER import_changes_no_update;
