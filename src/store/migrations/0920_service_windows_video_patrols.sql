-- Video patrols of service windows (川办发〔2014〕2号 电子监察办法 第十一条(一): 通过视频监控系统对
-- 政务服务中心各窗口行政审批工作情况开展视频巡查; 盐城电子监察办法 第十条: 对窗口工作人员的工作作风、
-- 服务态度、办事状况等进行实时监督).

-- A service window (服务窗口) of a department in a hall, with the camera streams the hall's own
-- video platform offers for it (HLS .m3u8 or WebRTC URLs, as GB/T 28181 platforms publish them).
-- Kept by region and department administrators; a window is deactivated, never removed (patrols name it).
CREATE TABLE service_windows (
  id              text PRIMARY KEY,
  region_code     text NOT NULL,
  department_code text NOT NULL REFERENCES departments(code),
  hall            text NOT NULL,
  name            text NOT NULL,
  location        text NOT NULL,
  streams         jsonb NOT NULL,
  active          boolean NOT NULL,
  created_by_name text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX service_windows_region ON service_windows(region_code, department_code);

-- A video patrol is a patrol (counted in the patrol quota) that names the window watched, the
-- verdict (normal | abnormal) and the alert it raised. patrols is append-only (migration 0640):
-- the columns are nullable without a default, so rows checkpointed before keep their digests.
ALTER TABLE patrols ADD COLUMN window_id text;
ALTER TABLE patrols ADD COLUMN outcome text CHECK (outcome IN ('normal', 'abnormal'));
ALTER TABLE patrols ADD COLUMN alert_id text;
CREATE INDEX patrols_window ON patrols(window_id, patrolled_at) WHERE window_id IS NOT NULL;

-- Notices of cases that arrive by the exchange (受理通知书, 不予受理决定书, 一次性告知书, 不予许可决定书):
-- the push only queues the stored event (one INSERT … SELECT per statement, from the trigger
-- below); the engine issues the notice after the commit, once per event (the event's seq is the
-- key, and a resent event is a duplicate that is never stored again).
CREATE TABLE case_notice_queue (
  event_seq   bigint PRIMARY KEY,
  case_id     text NOT NULL,
  type        text NOT NULL,
  queued_at   timestamptz NOT NULL DEFAULT now(),
  attempts    integer NOT NULL DEFAULT 0,
  last_error  text,
  done_at     timestamptz,
  document_id text
);
CREATE INDEX case_notice_queue_pending ON case_notice_queue(event_seq) WHERE done_at IS NULL;

CREATE FUNCTION case_notice_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_notice_queue (event_seq, case_id, type)
  SELECT n.seq, n.case_id, n.type FROM new_rows n
  WHERE n.source = 'exchange'
    AND (n.type IN ('case.registered', 'case.rejected', 'correction.requested')
         OR (n.type = 'case.decided' AND n.data->>'outcome' = 'denied'))
  ON CONFLICT (event_seq) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER case_events_notice_queue AFTER INSERT ON case_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_notice_enqueue();
