-- The head of the audit chain, read under the chain's lock in one round trip (appendAudit).
-- A VOLATILE function takes a fresh snapshot for each query it runs, so the SELECT sees the
-- record the lock's previous holder committed while this transaction waited; a SELECT beside
-- the lock call in one statement would read with the snapshot taken before the wait.
CREATE FUNCTION audit_chain_head(OUT seq bigint, OUT hash text) RETURNS record LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(726002);
  SELECT a.seq, a.hash INTO seq, hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
END
$$;
