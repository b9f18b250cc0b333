-- Signed checkpoints of the audit chain and of the history tables (an anchored chain).
-- Each row keeps the exact text that was signed (`body`, canonical JSON) and its HMAC-SM3 under a
-- key kept outside the database: a row rewritten here without the key no longer verifies, and
-- `prev_mac` chains each checkpoint to the one before, so a removed checkpoint is seen too.
-- The body is self-contained (platform, sequence number, previous MAC, heads and digests): a
-- later delivery upward to the platform of the level above sends `body` and `mac` as they are and
-- records its delivery in a table of its own; nothing here changes once written.
CREATE TABLE audit_checkpoints (
  n          bigint PRIMARY KEY,                  -- 1, 2, 3 … without gaps
  at         timestamptz NOT NULL,
  reason     text NOT NULL CHECK (reason IN ('interval', 'demand', 'shutdown')),
  created_by text,
  audit_seq  bigint NOT NULL,                     -- head of the audit chain covered (0: none yet)
  audit_hash text NOT NULL,
  key_id     text NOT NULL,                       -- SM3 fingerprint of the key (first 16 hex), never the key
  alg        text NOT NULL DEFAULT 'HMAC-SM3',
  body       text NOT NULL,                       -- the signed canonical JSON (tables: rows, last key, digest)
  prev_mac   text NOT NULL,
  mac        text NOT NULL
);
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
