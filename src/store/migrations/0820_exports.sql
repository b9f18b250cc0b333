-- 导出登记簿 (the exports register). 川办发〔2014〕2号 电子监察办法 第十五条: 复制下载相关数据须经单位分管领导批准,
-- 未经批准不得复制和传播电子监察系统数据. Every export is a request here: lists of personal or supervision data wait
-- for a leader's approval (status pending → approved | refused); other lists are approved on request. Each download
-- is a row of export_downloads (who, when, how many rows, the file's digest). Both are history (migration 0640).
CREATE TABLE export_requests (
  rec_seq           bigserial UNIQUE,
  id                text PRIMARY KEY,
  list              text NOT NULL,
  filters           jsonb NOT NULL,
  approval_required boolean NOT NULL,
  purpose           text NOT NULL,
  requested_by      text NOT NULL,
  requested_by_name text NOT NULL,
  -- the unit whose leader approves: the requester's region and (when confined to one) department
  region_code       text,
  department_code   text,
  requested_at      timestamptz NOT NULL,
  status            text NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
  decided_by        text,
  decided_by_name   text,
  decided_at        timestamptz,
  decision_reason   text,
  expires_at        timestamptz
);
CREATE INDEX export_requests_requester ON export_requests(requested_by, requested_at DESC);
CREATE INDEX export_requests_pending ON export_requests(status, requested_at DESC);

CREATE TABLE export_downloads (
  seq           bigserial PRIMARY KEY,
  request_id    text NOT NULL REFERENCES export_requests(id),
  downloaded_at timestamptz NOT NULL,
  account_id    text NOT NULL,
  account_name  text NOT NULL,
  row_count     integer NOT NULL,
  sha256        text NOT NULL
);
CREATE INDEX export_downloads_request ON export_downloads(request_id, seq);

CREATE TRIGGER export_requests_status_only BEFORE UPDATE OR DELETE ON export_requests FOR EACH ROW
  EXECUTE FUNCTION history_status_only('status', 'decided_by', 'decided_by_name', 'decided_at', 'decision_reason', 'expires_at');
CREATE TRIGGER export_requests_no_truncate BEFORE TRUNCATE ON export_requests FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
CREATE TRIGGER export_downloads_append_only BEFORE UPDATE OR DELETE ON export_downloads FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER export_downloads_no_truncate BEFORE TRUNCATE ON export_downloads FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
