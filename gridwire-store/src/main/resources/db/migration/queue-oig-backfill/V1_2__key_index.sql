-- The backfill is read per box (oldest frame of one box, frames of one box): an index on the key,
-- as the old table had. The outboxes read in sequence order only and do without it.
CREATE INDEX IF NOT EXISTS ${queue}_key ON ${queue}(k, seq);
