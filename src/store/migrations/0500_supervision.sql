-- Electronic supervision (电子监察): alerts, region rule settings, supervision orders (督办),
-- complaints (投诉举报), satisfaction ratings, patrols (巡查), zero-case explanations.

-- A region's configuration of a rule (level, threshold, enablement); versioned, never updated.
CREATE TABLE supervision_rule_settings (
  region_code text NOT NULL,
  code        text NOT NULL,
  version     integer NOT NULL,
  enabled     boolean NOT NULL,
  level       text CHECK (level IN ('yellow', 'red')),
  threshold   numeric,
  reason      text NOT NULL,
  created_by  text,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (region_code, code, version)
);

-- Alerts (黄牌/红牌). Active statuses: open, explained, appealed, returned, escalated.
-- Closed: resolved, revoked (撤销), withdrawn (no longer true; never deleted).
CREATE TABLE supervision_alerts (
  id               text PRIMARY KEY,
  code             text NOT NULL,
  level            text NOT NULL CHECK (level IN ('yellow', 'red')),
  subject_kind     text NOT NULL CHECK (subject_kind IN ('case', 'item', 'order', 'complaint', 'department')),
  subject_id       text NOT NULL,
  step             text NOT NULL DEFAULT '',
  case_id          text,
  case_no          text,
  item_code        text,
  department_code  text,
  region_code      text,
  status           text NOT NULL CHECK (status IN ('open', 'explained', 'appealed', 'returned', 'escalated', 'resolved', 'revoked', 'withdrawn')),
  message          text NOT NULL,
  details          jsonb,
  manual           boolean NOT NULL DEFAULT false,
  raised_by        text,
  raised_at        timestamptz NOT NULL,
  -- 盐城电子监察办法 第十一条(二): a yellow card not corrected by then turns red
  correction_due_at timestamptz,
  -- a red card not dealt with by then is escalated to the level above
  escalate_at      timestamptz,
  escalation_level integer NOT NULL DEFAULT 0,
  escalated_to     text,
  response         jsonb,
  closed_at        timestamptz,
  closed_reason    text,
  updated_at       timestamptz NOT NULL
);
-- At most one active alert per subject, code and step (§4): two sweeps raise each once.
CREATE UNIQUE INDEX supervision_alerts_one_open ON supervision_alerts(subject_kind, subject_id, code, step)
  WHERE status IN ('open', 'explained', 'appealed', 'returned', 'escalated');
CREATE INDEX supervision_alerts_case ON supervision_alerts(case_id) WHERE case_id IS NOT NULL;
CREATE INDEX supervision_alerts_dept ON supervision_alerts(department_code, raised_at);
CREATE INDEX supervision_alerts_region ON supervision_alerts(region_code, raised_at);
CREATE INDEX supervision_alerts_correction ON supervision_alerts(correction_due_at) WHERE status IN ('open', 'returned') AND level = 'yellow';
CREATE INDEX supervision_alerts_escalate ON supervision_alerts(escalate_at) WHERE status IN ('open', 'returned', 'escalated') AND level = 'red';

-- Every change of an alert (explain, appeal, resolve, revoke, return, escalate, withdraw).
CREATE TABLE supervision_alert_actions (
  id          bigserial PRIMARY KEY,
  alert_id    text NOT NULL REFERENCES supervision_alerts(id),
  at          timestamptz NOT NULL,
  actor_id    text,
  actor_name  text,
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  reason      text,
  details     jsonb
);
CREATE INDEX supervision_alert_actions_alert ON supervision_alert_actions(alert_id, id);

-- 督办 (盐城电子监察办法 第十九、二十条; 四川电子监察办法 第九条).
CREATE TABLE supervision_orders (
  id               text PRIMARY KEY,
  order_no         text NOT NULL UNIQUE,
  region_code      text NOT NULL,
  department_code  text NOT NULL,
  alert_id         text REFERENCES supervision_alerts(id),
  case_id          text,
  case_no          text,
  subject          text NOT NULL,
  instructions     text NOT NULL,
  own_initiative   boolean NOT NULL DEFAULT true,
  status           text NOT NULL CHECK (status IN ('issued', 'answered', 'returned', 'accepted')),
  response_days    integer NOT NULL,
  extension_days   integer NOT NULL DEFAULT 0,
  issued_by        text,
  issued_at        timestamptz NOT NULL,
  due_at           timestamptz NOT NULL,
  answered_at      timestamptz,
  answer           jsonb,
  accepted_at      timestamptz,
  history          jsonb NOT NULL DEFAULT '[]',
  updated_at       timestamptz NOT NULL
);
CREATE INDEX supervision_orders_due ON supervision_orders(due_at) WHERE status IN ('issued', 'returned');
CREATE INDEX supervision_orders_region ON supervision_orders(region_code, issued_at);
CREATE INDEX supervision_orders_dept ON supervision_orders(department_code, issued_at);

-- 投诉举报 and 咨询 (成都办法 第十一条; 盐城电子监察办法 第十三至十五条).
CREATE TABLE complaints (
  id               text PRIMARY KEY,
  complaint_no     text NOT NULL UNIQUE,
  query_code_hash  text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('complaint', 'report', 'consultation')),
  real_name        boolean NOT NULL,
  complainant      jsonb,
  region_code      text NOT NULL,
  department_code  text,
  case_no          text,
  subject          text NOT NULL,
  content          text NOT NULL,
  source           text NOT NULL CHECK (source IN ('hall', 'staff')),
  status           text NOT NULL CHECK (status IN ('submitted', 'accepted', 'not_accepted', 'transferred', 'concluded')),
  received_at      timestamptz NOT NULL,
  acceptance_due_at timestamptz NOT NULL,
  decided_at       timestamptz,
  decision_reason  text,
  notice           text,
  transfer_department text,
  transfer_due_at  timestamptz,
  result           text,
  result_at        timestamptz,
  history          jsonb NOT NULL DEFAULT '[]',
  updated_at       timestamptz NOT NULL
);
CREATE INDEX complaints_acceptance_due ON complaints(acceptance_due_at) WHERE status = 'submitted' AND kind <> 'consultation';
CREATE INDEX complaints_region ON complaints(region_code, received_at);

-- 满意度测评 of concluded cases from the hall (四川电子监察办法 第十一条(三)); once per case.
CREATE TABLE satisfaction_ratings (
  case_id         text PRIMARY KEY,
  case_no         text NOT NULL,
  department_code text NOT NULL,
  region_code     text,
  rating          integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment         text,
  rated_at        timestamptz NOT NULL
);
CREATE INDEX satisfaction_ratings_dept ON satisfaction_ratings(department_code);

-- 巡查 (四川电子监察办法 第十一条(二); 攀枝花 四(一)).
CREATE TABLE patrols (
  id               text PRIMARY KEY,
  supervisor_id    text NOT NULL,
  supervisor_name  text NOT NULL,
  region_code      text NOT NULL,
  target_region    text NOT NULL,
  day              date NOT NULL,
  patrolled_at     timestamptz NOT NULL,
  findings         text NOT NULL,
  issues           jsonb NOT NULL DEFAULT '[]',
  created_at       timestamptz NOT NULL
);
CREATE INDEX patrols_region_day ON patrols(region_code, day);

-- 零办件说明 (攀枝花 二(六)): by the 3rd of the next month (顺延).
CREATE TABLE zero_case_explanations (
  department_code text NOT NULL,
  month           text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
  explanation     text NOT NULL,
  signed_by       text NOT NULL,
  filed_by        text,
  filed_at        timestamptz NOT NULL,
  PRIMARY KEY (department_code, month)
);

-- Supervision reads cases by department and acceptance day (zero-case check, daily log, statistics).
CREATE INDEX cases_dept_accepted ON cases(department_code, accepted_at);
