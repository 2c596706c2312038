-- A device's gap marks: from ts on, every series of the device that held a value is no-data
-- (reason) until its next row: the device went offline or the gateway stopped. One row per device
-- instead of one no-data row per series. Times are epoch milliseconds.
CREATE TABLE history_marks (
  device_id TEXT NOT NULL,
  ts        INTEGER NOT NULL,
  reason    TEXT NOT NULL,
  PRIMARY KEY (device_id, ts)
) WITHOUT ROWID;
-- Retention deletes marks by age.
CREATE INDEX history_marks_ts ON history_marks (ts);
