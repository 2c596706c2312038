-- The OIG proxy's capture in oig.db: frames, box connections, mode transitions. IF NOT EXISTS: files
-- written before migrations already hold these tables and open unchanged.
CREATE TABLE IF NOT EXISTS oig_frame(id INTEGER PRIMARY KEY, conn_id INTEGER NOT NULL, direction TEXT NOT NULL,
  t INTEGER NOT NULL, device TEXT, tbl TEXT, kind TEXT, mode TEXT, raw TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS oig_frame_t ON oig_frame(t);
CREATE INDEX IF NOT EXISTS oig_frame_conn ON oig_frame(conn_id);
CREATE TABLE IF NOT EXISTS oig_connection(id INTEGER PRIMARY KEY, remote TEXT, device TEXT, opened INTEGER NOT NULL,
  closed INTEGER, frames INTEGER NOT NULL DEFAULT 0, reason TEXT);
CREATE TABLE IF NOT EXISTS oig_mode(id INTEGER PRIMARY KEY, conn_id INTEGER, device TEXT, t INTEGER NOT NULL,
  from_mode TEXT, to_mode TEXT, reason TEXT);
