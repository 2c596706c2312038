-- One durable drop-oldest queue (io.gridwire.store.queue.SqliteQueue); ${queue} names its tables.
-- The layout of the uplink outbox files (outbox-<link>.db) before migrations, so those files open
-- as they are: a payload written as TEXT before is read back as its UTF-8 bytes.
CREATE TABLE IF NOT EXISTS ${queue}_meta(k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ${queue}(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  k TEXT NOT NULL,
  created INTEGER NOT NULL,
  topic TEXT NOT NULL,
  body BLOB NOT NULL,
  size INTEGER NOT NULL);
