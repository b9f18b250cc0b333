-- 抽查与回访 (川办发〔2014〕2号 电子监察办法 第十一条(三) 回访监察、(四) 抽样监察; 达州意见 四(三) 季度督查、工作台账).
-- Every record here is a fact someone is held to: append-only (a re-check is a new row, the latest counts).

-- A draw: a reproducible random sample of one department's concluded cases of a period.
-- The seed, the criteria and the ordered case ids are stored: the same seed over the same stored
-- cases gives the same sample (population_hash names the cases it was drawn from).
CREATE TABLE sampling_draws (
  id               text PRIMARY KEY,
  draw_no          text NOT NULL UNIQUE,
  region_code      text NOT NULL REFERENCES regions(code),
  department_code  text NOT NULL REFERENCES departments(code),
  period           text NOT NULL,
  period_from      timestamptz NOT NULL,
  period_to        timestamptz NOT NULL,
  size_kind        text NOT NULL CHECK (size_kind IN ('count', 'percent')),
  size_value       integer NOT NULL,
  seed             text NOT NULL,
  criteria         jsonb NOT NULL,
  population       integer NOT NULL,
  population_hash  text NOT NULL,
  case_ids         jsonb NOT NULL,
  drawn_by_id      text,
  drawn_by_name    text NOT NULL,
  drawn_at         timestamptz NOT NULL,
  rec_seq          bigserial
);
CREATE INDEX sampling_draws_region ON sampling_draws(region_code, period);
CREATE INDEX sampling_draws_department ON sampling_draws(department_code, period);
CREATE TRIGGER sampling_draws_append_only BEFORE UPDATE OR DELETE ON sampling_draws FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER sampling_draws_no_truncate BEFORE TRUNCATE ON sampling_draws FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();

-- A checklist worked through for one sampled case: each check 符合/不符合/不适用 with a remark.
CREATE TABLE sampling_checks (
  id               text PRIMARY KEY,
  draw_id          text NOT NULL REFERENCES sampling_draws(id),
  case_id          text NOT NULL REFERENCES cases(id),
  category         text NOT NULL,
  answers          jsonb NOT NULL,
  nonconforming    integer NOT NULL,
  summary          text,
  checked_by_id    text,
  checked_by_name  text NOT NULL,
  checked_at       timestamptz NOT NULL,
  rec_seq          bigserial
);
CREATE INDEX sampling_checks_draw ON sampling_checks(draw_id, case_id, checked_at);
CREATE TRIGGER sampling_checks_append_only BEFORE UPDATE OR DELETE ON sampling_checks FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER sampling_checks_no_truncate BEFORE TRUNCATE ON sampling_checks FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();

-- 回访: a follow-up visit to a party of a sampled case.
CREATE TABLE sampling_visits (
  id               text PRIMARY KEY,
  draw_id          text NOT NULL REFERENCES sampling_draws(id),
  case_id          text NOT NULL REFERENCES cases(id),
  method           text NOT NULL CHECK (method IN ('phone', 'visit', 'sms')),
  visited_at       timestamptz NOT NULL,
  party_name       text NOT NULL,
  answer           text NOT NULL,
  satisfied        boolean NOT NULL,
  visitor_id       text,
  visitor_name     text NOT NULL,
  recorded_at      timestamptz NOT NULL,
  rec_seq          bigserial
);
CREATE INDEX sampling_visits_draw ON sampling_visits(draw_id, case_id);
CREATE TRIGGER sampling_visits_append_only BEFORE UPDATE OR DELETE ON sampling_visits FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER sampling_visits_no_truncate BEFORE TRUNCATE ON sampling_visits FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();

-- A finding of a sampled case, turned into an alert (SAMPLING_FINDING) or an accountability entry.
CREATE TABLE sampling_findings (
  id               text PRIMARY KEY,
  draw_id          text NOT NULL REFERENCES sampling_draws(id),
  case_id          text NOT NULL REFERENCES cases(id),
  department_code  text NOT NULL,
  region_code      text NOT NULL,
  description      text NOT NULL,
  check_id         text REFERENCES sampling_checks(id),
  check_keys       jsonb NOT NULL,
  visit_id         text REFERENCES sampling_visits(id),
  outcome          text NOT NULL CHECK (outcome IN ('alert', 'accountability')),
  alert_id         text,
  accountability_id text,
  created_by_id    text,
  created_by_name  text NOT NULL,
  created_at       timestamptz NOT NULL,
  rec_seq          bigserial
);
CREATE INDEX sampling_findings_draw ON sampling_findings(draw_id, case_id);
CREATE TRIGGER sampling_findings_append_only BEFORE UPDATE OR DELETE ON sampling_findings FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER sampling_findings_no_truncate BEFORE TRUNCATE ON sampling_findings FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();

-- The accountability entry names the sampling finding it came from (a fact: nullable, no default).
ALTER TABLE accountability_entries ADD COLUMN sampling_finding_id text;
