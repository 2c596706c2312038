-- The command ledger (docs/commands.md): every command to a device, its state and the device's
-- evidence at each step, so queued commands survive a restart and are delivered in order.
CREATE TABLE commands (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id     TEXT NOT NULL,
  kind          TEXT NOT NULL,
  target        TEXT NOT NULL,
  value         TEXT,
  forced        INTEGER NOT NULL,
  requested_by  TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  state         TEXT NOT NULL,
  attempts      INTEGER NOT NULL,
  detail        TEXT NOT NULL,
  steps         TEXT NOT NULL
);
CREATE INDEX commands_device ON commands (device_id, id);
CREATE INDEX commands_state ON commands (state, id);
