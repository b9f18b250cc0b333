-- When the recomputation of open clocks after a calendar version finished (null: not yet;
-- the engine's calendar worker catches up after a restart).
ALTER TABLE calendar_versions ADD COLUMN recomputed_at timestamptz;
CREATE INDEX calendar_versions_pending ON calendar_versions(version) WHERE recomputed_at IS NULL AND span_from IS NOT NULL;
