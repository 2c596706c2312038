-- Device ids waiting for an admin's approval, or rejected by one (DeviceAdmission).
-- Approved ids are devices (the devices table) and are deleted here. Times are epoch milliseconds.
CREATE TABLE device_admission (
  id         TEXT PRIMARY KEY,
  source     TEXT NOT NULL,
  state      TEXT NOT NULL,
  device     TEXT NOT NULL,
  first_seen BIGINT NOT NULL,
  last_seen  BIGINT NOT NULL
);
