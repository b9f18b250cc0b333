-- Notice templates (文书模板) and accountability (问责).

-- A region's own wording of a notice kind: every save is a new version, the latest in force;
-- regions without one use their parent's, then the platform's defaults (in code). Never changed
-- or removed: an issued notice names the version it was rendered from.
CREATE TABLE notice_templates (
  region_code     text NOT NULL REFERENCES regions(code),
  kind            text NOT NULL,
  version         integer NOT NULL,
  title           text NOT NULL,
  paragraphs      jsonb NOT NULL,
  authority       text NOT NULL,
  number_prefix   text NOT NULL,
  note            text,
  created_by_id   text,
  created_by_name text,
  created_at      timestamptz NOT NULL,
  rec_seq         bigserial,
  PRIMARY KEY (region_code, kind, version)
);
CREATE TRIGGER notice_templates_append_only BEFORE UPDATE OR DELETE ON notice_templates
  FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER notice_templates_no_truncate BEFORE TRUNCATE ON notice_templates
  FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();

-- 问责 entries (川办发〔2014〕2号 电子监察办法 第八条(四); 达州意见 四(五); 成都暂行办法 第十二条;
-- 盐城电子监察办法 第二十二条): against a department, a post or a person, linked to the alerts,
-- orders and evaluation periods behind them. Only the status columns change; each change is an
-- action row of its own.
CREATE TABLE accountability_entries (
  id                text PRIMARY KEY,
  entry_no          text NOT NULL UNIQUE,
  region_code       text NOT NULL REFERENCES regions(code),
  kind              text NOT NULL CHECK (kind IN ('liability_proposal', 'inquiry', 'interview', 'admonition', 'circular')),
  target_kind       text NOT NULL CHECK (target_kind IN ('department', 'post', 'officer')),
  department_code   text NOT NULL REFERENCES departments(code),
  post_id           text,
  officer_id        text,
  target_name       text NOT NULL,
  reason            text NOT NULL,
  requirement       text NOT NULL,
  reply_due_at      timestamptz,
  alert_ids         jsonb NOT NULL,
  order_ids         jsonb NOT NULL,
  evaluation_periods jsonb NOT NULL,
  status            text NOT NULL CHECK (status IN ('draft', 'served', 'replied', 'closed')),
  reply             text,
  replied_at        timestamptz,
  closed_at         timestamptz,
  conclusion        text,
  created_by_id     text,
  created_by_name   text,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  rec_seq           bigserial
);
CREATE INDEX accountability_entries_region ON accountability_entries(region_code, created_at);
CREATE INDEX accountability_entries_department ON accountability_entries(department_code, created_at);
CREATE TRIGGER accountability_entries_status_only BEFORE UPDATE OR DELETE ON accountability_entries
  FOR EACH ROW EXECUTE FUNCTION history_status_only('status', 'reply', 'replied_at', 'closed_at', 'conclusion', 'updated_at');
CREATE TRIGGER accountability_entries_no_truncate BEFORE TRUNCATE ON accountability_entries
  FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();

-- Every action on an entry (提出, 送达, 回复, 办结, 文书), in order.
CREATE TABLE accountability_actions (
  id          bigserial PRIMARY KEY,
  entry_id    text NOT NULL REFERENCES accountability_entries(id),
  at          timestamptz NOT NULL,
  actor_id    text,
  actor_name  text,
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  note        text,
  details     jsonb
);
CREATE INDEX accountability_actions_entry ON accountability_actions(entry_id, id);
CREATE TRIGGER accountability_actions_append_only BEFORE UPDATE OR DELETE ON accountability_actions
  FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER accountability_actions_no_truncate BEFORE TRUNCATE ON accountability_actions
  FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
