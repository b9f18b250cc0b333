-- 达州意见 四(五): a scheme's rule for the lowest-ranked departments (函询 or 约谈 proposed when a
-- period is approved): { kind, lowest?, below? }. Null: no proposal.
ALTER TABLE evaluation_schemes ADD COLUMN accountability jsonb;

-- Approval looks up the entries already proposed for a period (idempotent re-approval).
CREATE INDEX accountability_entries_evaluation ON accountability_entries USING gin (evaluation_periods);
