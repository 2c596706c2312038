-- The active-alarm list (docs/alarms.md), so a restart neither forgets nor re-raises an alarm.
-- A row exists while the alarm is active or unknown; it is deleted when the alarm clears.
CREATE TABLE alarms (
  device_id   TEXT NOT NULL,
  alarm_id    TEXT NOT NULL,
  name        TEXT NOT NULL,
  severity    TEXT NOT NULL,
  class       TEXT,
  site        TEXT,
  state       TEXT NOT NULL,
  raised_at   BIGINT NOT NULL,
  vals        TEXT NOT NULL,
  acked_by    TEXT,
  acked_at    BIGINT,
  flaps       INTEGER NOT NULL,
  PRIMARY KEY (device_id, alarm_id)
);
