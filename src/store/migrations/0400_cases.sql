-- Cases (办件/案件) are their events (interface standard §3). Events are append-only;
-- `cases` is the projection written in the same transaction as the events.

-- 川办 建设和使用管理办法 第七条: department systems push their data through the exchange.
CREATE TABLE case_events (
  seq             bigserial PRIMARY KEY,             -- arrival order (ties in occurred_at)
  department_code text NOT NULL,
  event_id        text NOT NULL,                     -- the sender's idempotency key
  case_id         text NOT NULL,
  case_no         text NOT NULL,
  type            text NOT NULL,
  occurred_at     timestamptz NOT NULL,
  received_at     timestamptz NOT NULL,
  actor           jsonb NOT NULL,
  data            jsonb NOT NULL,
  source          text NOT NULL CHECK (source IN ('exchange', 'workbench')),
  content_hash    text NOT NULL,
  UNIQUE (department_code, event_id)
);
CREATE INDEX case_events_case ON case_events(case_id, occurred_at, seq);

-- An eventId resent with different content: kept beside the original (DATA_MODIFIED).
CREATE TABLE case_event_conflicts (
  id              bigserial PRIMARY KEY,
  department_code text NOT NULL,
  event_id        text NOT NULL,
  case_id         text,
  case_no         text NOT NULL,
  type            text NOT NULL,
  occurred_at     timestamptz NOT NULL,
  received_at     timestamptz NOT NULL,
  actor           jsonb NOT NULL,
  data            jsonb NOT NULL,
  source          text NOT NULL,
  content_hash    text NOT NULL,
  UNIQUE (department_code, event_id, content_hash)
);
CREATE INDEX case_event_conflicts_case ON case_event_conflicts(case_id);

CREATE TABLE cases (
  id               text PRIMARY KEY,
  department_code  text NOT NULL,
  region_code      text,
  case_no          text NOT NULL,
  item_code        text,
  item_version     integer,
  status           text NOT NULL CHECK (status IN ('open', 'suspended', 'concluded', 'none')),
  conclusion       text,
  current_step     text,
  accepted_at      timestamptz,
  concluded_at     timestamptz,
  warn_at          timestamptz,
  due_at           timestamptz,
  legal_due_at     timestamptz,
  step_due_at      timestamptz,
  light            text NOT NULL DEFAULT 'none' CHECK (light IN ('green', 'yellow', 'red', 'none')),
  next_check_at    timestamptz,
  query_code       text,
  counterparty_name text,
  handler_id       text,                              -- the workbench user who registered it
  confidential     boolean NOT NULL DEFAULT false,
  state            json NOT NULL,                     -- the folded CaseState (json: written whole, read whole)
  event_count      integer NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  UNIQUE (department_code, case_no)
);
CREATE INDEX cases_next_check ON cases(next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX cases_region ON cases(region_code, status);
CREATE INDEX cases_handler ON cases(handler_id) WHERE handler_id IS NOT NULL;

-- Evidence files (视音频/照片/文书), content-addressed by SHA-256 under <dataDir>/evidence.
CREATE TABLE evidence_files (
  id              text PRIMARY KEY,
  case_id         text NOT NULL REFERENCES cases(id),
  department_code text NOT NULL,
  kind            text NOT NULL,
  name            text NOT NULL,
  mime            text NOT NULL,
  size            bigint NOT NULL,
  sha256          text NOT NULL,
  sm3             text NOT NULL,
  uploaded_by     text,
  uploaded_at     timestamptz NOT NULL
);
CREATE INDEX evidence_files_case ON evidence_files(case_id);
CREATE INDEX evidence_files_sha ON evidence_files(sha256);
