-- Gridwire schema, SQLite flavour. Times are epoch milliseconds (UTC).

CREATE TABLE devices (
  id            TEXT PRIMARY KEY,
  site          TEXT NOT NULL,
  kind          TEXT NOT NULL,
  source        TEXT NOT NULL,
  model         TEXT,
  serial_number TEXT,
  name          TEXT NOT NULL,
  online        INTEGER NOT NULL,
  last_seen     INTEGER,
  error         TEXT,
  attributes    TEXT NOT NULL,
  updated_at    INTEGER NOT NULL
);

-- One row per (device, metric): history rows carry the small integer id only.
CREATE TABLE series (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id TEXT NOT NULL,
  metric    TEXT NOT NULL,
  UNIQUE (device_id, metric)
);

-- Raw history. The primary key keeps a replayed (series, ts) once.
CREATE TABLE history (
  series_id  INTEGER NOT NULL,
  ts         INTEGER NOT NULL,
  value_num  REAL,
  value_text TEXT,
  reason     TEXT,
  PRIMARY KEY (series_id, ts)
) WITHOUT ROWID;

CREATE TABLE rollup_1m (
  series_id INTEGER NOT NULL,
  bucket    INTEGER NOT NULL,
  avg_val   REAL NOT NULL,
  min_val   REAL NOT NULL,
  max_val   REAL NOT NULL,
  cnt       INTEGER NOT NULL,
  PRIMARY KEY (series_id, bucket)
) WITHOUT ROWID;

CREATE TABLE rollup_1h (
  series_id INTEGER NOT NULL,
  bucket    INTEGER NOT NULL,
  avg_val   REAL NOT NULL,
  min_val   REAL NOT NULL,
  max_val   REAL NOT NULL,
  cnt       INTEGER NOT NULL,
  PRIMARY KEY (series_id, bucket)
) WITHOUT ROWID;

-- Roll-up watermarks: buckets before upto are complete. Late rows move upto back.
CREATE TABLE rollup_state (
  name TEXT PRIMARY KEY,
  upto INTEGER NOT NULL
);

CREATE TABLE events (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  ts        INTEGER NOT NULL,
  device_id TEXT,
  type      TEXT NOT NULL,
  message   TEXT NOT NULL,
  data      TEXT NOT NULL
);
CREATE INDEX events_ts ON events (ts);
CREATE INDEX events_device_ts ON events (device_id, ts);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  email         TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);

CREATE TABLE tokens (
  hash       TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  label      TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER
);
CREATE INDEX tokens_expires ON tokens (expires_at);
