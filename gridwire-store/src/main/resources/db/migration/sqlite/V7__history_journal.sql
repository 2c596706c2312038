-- Raw history as it arrives, before a fold moves it into history (SqliteHistoryStore): an
-- append-only rowid table with no index, so a commit writes a few sequential pages instead of
-- one page of history per series. Emptied by every fold, at start-up and at a clean stop.
CREATE TABLE history_journal (
  series_id  INTEGER NOT NULL,
  ts         INTEGER NOT NULL,
  value_num  REAL,
  value_text TEXT,
  reason     TEXT
);
