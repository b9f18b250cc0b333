-- 监察报告 (川办发〔2014〕2号 电子监察办法 第十二、十三条: 专题分析报告, 电子监察工作月报; 盐城电子监察办法
-- 第十六条: 定期形成专题报告; 成都暂行办法 第十四条: 效能评估电子档案). A report's bytes live in
-- archived_documents (never changed); this table holds its review state. Generating again makes a
-- new revision (new documents); the one before is superseded. Approval issues the numbered
-- documents (文号) from the draft's figures, unchanged.
CREATE TABLE supervision_reports (
  id              text PRIMARY KEY,
  region_code     text NOT NULL REFERENCES regions(code),
  kind            text NOT NULL CHECK (kind IN ('monthly', 'quarterly', 'annual', 'subject')),
  period          text NOT NULL,
  revision        integer NOT NULL,
  title           text NOT NULL,
  status          text NOT NULL CHECK (status IN ('draft', 'approved', 'published', 'superseded')),
  figures         jsonb NOT NULL,
  pdf_document_id  text NOT NULL REFERENCES archived_documents(id),
  xlsx_document_id text NOT NULL REFERENCES archived_documents(id),
  doc_no          text,
  generated_by    text,
  generated_at    timestamptz NOT NULL,
  approved_by     text,
  approved_at     timestamptz,
  published_by    text,
  published_at    timestamptz,
  superseded_at   timestamptz,
  UNIQUE (region_code, kind, period, revision)
);
-- one live (not superseded) report per region, kind and period: the engine on two instances generates it once
CREATE UNIQUE INDEX supervision_reports_live ON supervision_reports(region_code, kind, period) WHERE status <> 'superseded';
CREATE INDEX supervision_reports_region ON supervision_reports(region_code, generated_at);
