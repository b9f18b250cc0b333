-- History is append-only beyond the audit log (可信记录): the database refuses UPDATE, DELETE and
-- TRUNCATE of the records people are held to account by. Corrections are new rows.
-- 川办 建设和使用管理办法 第八条: 不得擅自修改软件、数据库和运行产生的数据 (the data the platform produced is not altered).

-- Pure history tables: every UPDATE, DELETE and TRUNCATE is refused.
CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (历史记录不可修改或删除: %)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Rows that carry a mutable status: DELETE is refused, and an UPDATE may change only the columns
-- named as the trigger's arguments (the allow-list of status columns). Every other column,
-- including any added later, is a fact and stays as it was written. A `history` column in the
-- allow-list may only grow: its old entries must stay, in order, at its start.
CREATE FUNCTION history_status_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mutable text[] := TG_ARGV;
  changed text;
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION '% is append-only (历史记录不可删除: %)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (to_jsonb(NEW) - mutable) IS DISTINCT FROM (to_jsonb(OLD) - mutable) THEN
    SELECT string_agg(n.key, ', ' ORDER BY n.key) INTO changed
      FROM jsonb_each(to_jsonb(NEW) - mutable) n
      WHERE n.value IS DISTINCT FROM (to_jsonb(OLD) - mutable) -> n.key;
    RAISE EXCEPTION '% is append-only: only its status may change, not % (历史记录的事实不可修改)', TG_TABLE_NAME, coalesce(changed, '?')
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF 'history' = ANY(mutable) AND jsonb_typeof(to_jsonb(OLD) -> 'history') = 'array' AND NOT coalesce((
      SELECT jsonb_agg(e ORDER BY i) FROM jsonb_array_elements(to_jsonb(NEW) -> 'history') WITH ORDINALITY h(e, i)
      WHERE i <= jsonb_array_length(to_jsonb(OLD) -> 'history')), '[]'::jsonb) = (to_jsonb(OLD) -> 'history') THEN
    RAISE EXCEPTION '% is append-only: its history may only grow (处理记录只能追加)', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;

-- Every status change of an order (督办) or a complaint is also a row of its own (as
-- supervision_alert_actions is for alerts): the answer, the return, the acceptance.
CREATE TABLE supervision_order_actions (
  id          bigserial PRIMARY KEY,
  order_id    text NOT NULL REFERENCES supervision_orders(id),
  at          timestamptz NOT NULL,
  actor_id    text,
  actor_name  text,
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  reason      text,
  details     jsonb
);
CREATE INDEX supervision_order_actions_order ON supervision_order_actions(order_id, id);

CREATE TABLE complaint_actions (
  id           bigserial PRIMARY KEY,
  complaint_id text NOT NULL REFERENCES complaints(id),
  at           timestamptz NOT NULL,
  actor_id     text,
  actor_name   text,
  action       text NOT NULL,
  from_status  text,
  to_status    text NOT NULL,
  reason       text,
  details      jsonb
);
CREATE INDEX complaint_actions_complaint ON complaint_actions(complaint_id, id);

-- A zero-case explanation filed again is a new version; the latest version is the one shown.
ALTER TABLE zero_case_explanations ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE zero_case_explanations DROP CONSTRAINT zero_case_explanations_pkey;
ALTER TABLE zero_case_explanations ADD PRIMARY KEY (department_code, month, version);

-- Tables without an arrival number get one: checkpoints hash the rows added since the previous
-- checkpoint in this order (audit.checkpoint.store.ts).
ALTER TABLE supervision_alerts ADD COLUMN rec_seq bigserial;
ALTER TABLE supervision_orders ADD COLUMN rec_seq bigserial;
ALTER TABLE complaints ADD COLUMN rec_seq bigserial;
ALTER TABLE satisfaction_ratings ADD COLUMN rec_seq bigserial;
ALTER TABLE patrols ADD COLUMN rec_seq bigserial;
ALTER TABLE zero_case_explanations ADD COLUMN rec_seq bigserial;

CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
CREATE TRIGGER case_event_conflicts_append_only BEFORE UPDATE OR DELETE ON case_event_conflicts FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER case_event_conflicts_no_truncate BEFORE TRUNCATE ON case_event_conflicts FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
CREATE TRIGGER supervision_alert_actions_append_only BEFORE UPDATE OR DELETE ON supervision_alert_actions FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER supervision_alert_actions_no_truncate BEFORE TRUNCATE ON supervision_alert_actions FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
CREATE TRIGGER supervision_order_actions_append_only BEFORE UPDATE OR DELETE ON supervision_order_actions FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER supervision_order_actions_no_truncate BEFORE TRUNCATE ON supervision_order_actions FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
CREATE TRIGGER complaint_actions_append_only BEFORE UPDATE OR DELETE ON complaint_actions FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER complaint_actions_no_truncate BEFORE TRUNCATE ON complaint_actions FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
CREATE TRIGGER satisfaction_ratings_append_only BEFORE UPDATE OR DELETE ON satisfaction_ratings FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER satisfaction_ratings_no_truncate BEFORE TRUNCATE ON satisfaction_ratings FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
CREATE TRIGGER patrols_append_only BEFORE UPDATE OR DELETE ON patrols FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER patrols_no_truncate BEFORE TRUNCATE ON patrols FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
CREATE TRIGGER zero_case_explanations_append_only BEFORE UPDATE OR DELETE ON zero_case_explanations FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER zero_case_explanations_no_truncate BEFORE TRUNCATE ON zero_case_explanations FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();

-- The allow-lists below are also named in STATUS_COLUMNS (audit-checkpoint.tables.ts): a test holds them equal.
CREATE TRIGGER supervision_alerts_status_only BEFORE UPDATE OR DELETE ON supervision_alerts FOR EACH ROW
  EXECUTE FUNCTION history_status_only('status', 'level', 'correction_due_at', 'escalate_at', 'escalation_level', 'escalated_to',
    'response', 'closed_at', 'closed_reason', 'updated_at');
CREATE TRIGGER supervision_alerts_no_truncate BEFORE TRUNCATE ON supervision_alerts FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
CREATE TRIGGER supervision_orders_status_only BEFORE UPDATE OR DELETE ON supervision_orders FOR EACH ROW
  EXECUTE FUNCTION history_status_only('status', 'extension_days', 'due_at', 'answered_at', 'answer', 'accepted_at', 'history',
    'response_days', 'updated_at');
CREATE TRIGGER supervision_orders_no_truncate BEFORE TRUNCATE ON supervision_orders FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
CREATE TRIGGER complaints_status_only BEFORE UPDATE OR DELETE ON complaints FOR EACH ROW
  EXECUTE FUNCTION history_status_only('status', 'acceptance_due_at', 'decided_at', 'decision_reason', 'notice', 'transfer_department',
    'transfer_due_at', 'result', 'result_at', 'history', 'department_code', 'updated_at');
CREATE TRIGGER complaints_no_truncate BEFORE TRUNCATE ON complaints FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
