-- Archived documents (电子档案): every notice, decision and report the platform issues is kept
-- as the exact bytes issued, with their hash, and never changed or removed afterwards.
-- 川办 建设和使用管理办法 第八条: 不得擅自修改软件、数据库和运行产生的数据.
CREATE TABLE archived_documents (
  id              text PRIMARY KEY,
  kind            text NOT NULL,
  doc_no          text UNIQUE,
  title           text NOT NULL,
  region_code     text NOT NULL,
  department_code text,
  subject_type    text,
  subject_id      text,
  media_type      text NOT NULL,
  file_name       text NOT NULL,
  size_bytes      integer NOT NULL,
  sha256          text NOT NULL,
  content         bytea NOT NULL,
  fields          jsonb NOT NULL DEFAULT '{}'::jsonb,
  issued_by_id    text,
  issued_by_name  text,
  issued_at       timestamptz NOT NULL,
  rec_seq         bigserial
);
CREATE INDEX archived_documents_subject ON archived_documents(subject_type, subject_id);
CREATE INDEX archived_documents_region_kind ON archived_documents(region_code, kind, issued_at);
CREATE TRIGGER archived_documents_append_only BEFORE UPDATE OR DELETE ON archived_documents
  FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER archived_documents_no_truncate BEFORE TRUNCATE ON archived_documents
  FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();

-- Document numbers (文号): one counter per prefix and year, e.g. 达监督〔2026〕7号.
CREATE TABLE document_number_counters (
  prefix  text NOT NULL,
  year    integer NOT NULL,
  last_no integer NOT NULL,
  PRIMARY KEY (prefix, year)
);
