-- Devices and register profiles added through the API (docs/devices.md), so they come back after
-- a restart. A device row is started only by the node that owns it. Times are epoch milliseconds.
CREATE TABLE runtime_devices (
  id          TEXT PRIMARY KEY,
  connector   TEXT NOT NULL,
  node        TEXT NOT NULL,
  config      TEXT NOT NULL,
  updated_at  BIGINT NOT NULL,
  updated_by  TEXT
);
CREATE TABLE runtime_profiles (
  name        TEXT PRIMARY KEY,
  body        TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  created_by  TEXT
);
