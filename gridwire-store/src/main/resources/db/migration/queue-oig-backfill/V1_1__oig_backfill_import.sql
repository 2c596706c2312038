-- The OIG backfill queue was the table oig_backfill of oig.db, without migrations. Frames still
-- waiting there move into the queue, in their order, once; then the old table goes. On a new
-- file the first statement makes the rest a no-op.
CREATE TABLE IF NOT EXISTS oig_backfill(id INTEGER PRIMARY KEY AUTOINCREMENT, device TEXT NOT NULL,
  tbl TEXT, received INTEGER NOT NULL, raw BLOB NOT NULL);
INSERT INTO ${queue}(k, created, topic, body, size)
  SELECT device, received, COALESCE(tbl, ''), raw, 24 + length(device) + length(COALESCE(tbl, '')) + length(CAST(raw AS BLOB))
  FROM oig_backfill ORDER BY id;
DROP TABLE oig_backfill;
