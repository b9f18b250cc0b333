-- 好差评 as a closed loop (四川电子监察办法 第十条(三)、第十一条(三); 国办发〔2019〕51号 一事一评).
--
-- 1. Ratings: one per concluded case (case_id, as before) and one per concluded complaint
--    (complaint_id); the sub-indicators, the reason of a 差评, the channel, real-name or not.
--    satisfaction_ratings stays append-only (migration 0640): the new columns are nullable
--    without a default, so rows checkpointed before keep their digests.
ALTER TABLE satisfaction_ratings DROP CONSTRAINT satisfaction_ratings_pkey;
ALTER TABLE satisfaction_ratings ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE satisfaction_ratings ALTER COLUMN case_no DROP NOT NULL;
ALTER TABLE satisfaction_ratings ALTER COLUMN department_code DROP NOT NULL;
CREATE UNIQUE INDEX satisfaction_ratings_case ON satisfaction_ratings(case_id);
ALTER TABLE satisfaction_ratings ADD COLUMN id text;
ALTER TABLE satisfaction_ratings ADD COLUMN complaint_id text;
ALTER TABLE satisfaction_ratings ADD COLUMN complaint_no text;
ALTER TABLE satisfaction_ratings ADD COLUMN indicators jsonb;
ALTER TABLE satisfaction_ratings ADD COLUMN reason text;
ALTER TABLE satisfaction_ratings ADD COLUMN channel text CHECK (channel IN ('hall', 'window', 'sms'));
ALTER TABLE satisfaction_ratings ADD COLUMN real_name boolean;
ALTER TABLE satisfaction_ratings ADD COLUMN rater_name text;
ALTER TABLE satisfaction_ratings ADD COLUMN rater_phone text;
CREATE UNIQUE INDEX satisfaction_ratings_complaint ON satisfaction_ratings(complaint_id);
CREATE UNIQUE INDEX satisfaction_ratings_id ON satisfaction_ratings(id);
ALTER TABLE satisfaction_ratings ADD CONSTRAINT satisfaction_ratings_one_subject CHECK (case_id IS NOT NULL OR complaint_id IS NOT NULL);
CREATE INDEX satisfaction_ratings_region_at ON satisfaction_ratings(region_code, rated_at);

-- 2. The 差评 task: 回访核实 → 整改 → 反馈 → 复核, or 申诉复核 (contest) on the way.
--    The task's state columns change (status-only trigger, the allow-list below and in
--    HISTORY_TABLES); every step is a row of bad_rating_actions, never changed.
CREATE TABLE bad_rating_tasks (
  id               text PRIMARY KEY,
  task_no          text NOT NULL UNIQUE,
  rating_id        text NOT NULL UNIQUE,
  subject_kind     text NOT NULL CHECK (subject_kind IN ('case', 'complaint')),
  subject_no       text NOT NULL,
  department_code  text,
  region_code      text NOT NULL,
  rating           integer NOT NULL CHECK (rating BETWEEN 1 AND 2),
  real_name        boolean NOT NULL,
  opened_at        timestamptz NOT NULL,
  status           text NOT NULL CHECK (status IN ('visit', 'rectify', 'feedback', 'review', 'contested', 'closed', 'excluded')),
  -- the step a contest interrupted (the loop resumes there when the 差评 is upheld)
  resume_status    text,
  visited_at       timestamptz,
  rectify_due_at   timestamptz,
  rectified_at     timestamptz,
  fed_back_at      timestamptz,
  closed_at        timestamptz,
  excluded         boolean,
  updated_at       timestamptz NOT NULL,
  rec_seq          bigserial
);
CREATE INDEX bad_rating_tasks_scope ON bad_rating_tasks(region_code, department_code);
CREATE INDEX bad_rating_tasks_status ON bad_rating_tasks(status);

CREATE TABLE bad_rating_actions (
  seq          bigserial PRIMARY KEY,
  task_id      text NOT NULL REFERENCES bad_rating_tasks(id),
  action       text NOT NULL CHECK (action IN ('open', 'visit', 'rectify', 'feedback', 'review_pass', 'review_return', 'contest', 'contest_uphold', 'contest_accept')),
  at           timestamptz NOT NULL,
  actor_id     text,
  actor_name   text NOT NULL,
  -- how (电话/走访/短信/网络), whom, what was found or done, evidence
  method       text,
  contact      text,
  content      text NOT NULL,
  attachments  jsonb
);
CREATE INDEX bad_rating_actions_task ON bad_rating_actions(task_id, seq);

CREATE TRIGGER bad_rating_tasks_status_only BEFORE UPDATE OR DELETE ON bad_rating_tasks FOR EACH ROW
  EXECUTE FUNCTION history_status_only('status', 'resume_status', 'visited_at', 'rectify_due_at', 'rectified_at', 'fed_back_at', 'closed_at', 'excluded', 'updated_at');
CREATE TRIGGER bad_rating_tasks_no_truncate BEFORE TRUNCATE ON bad_rating_tasks FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
CREATE TRIGGER bad_rating_actions_append_only BEFORE UPDATE OR DELETE ON bad_rating_actions FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER bad_rating_actions_no_truncate BEFORE TRUNCATE ON bad_rating_actions FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();

-- 3. Alerts on a 差评 task and on a catalog adjustment.
ALTER TABLE supervision_alerts DROP CONSTRAINT supervision_alerts_subject_kind_check;
ALTER TABLE supervision_alerts ADD CONSTRAINT supervision_alerts_subject_kind_check
  CHECK (subject_kind IN ('case', 'item', 'order', 'complaint', 'department', 'rating_task', 'adjustment'));

-- 4. 达州意见 三(四): the day the government announced the power list an adjustment answers
--    (清单公告之日), from which the department has 5 working days.
ALTER TABLE catalog_adjustments ADD COLUMN list_announced_on date;
