-- 网上申请 (川办发〔2014〕2号 平台办法 第五条(六)): an online application is a case waiting
-- 待受理 (status 'submitted') until the department accepts it (case.registered) or refuses it
-- (case.rejected). Same SQL on PGlite and PostgreSQL.
ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_status_check;
ALTER TABLE cases ADD CONSTRAINT cases_status_check CHECK (status IN ('open', 'suspended', 'concluded', 'none', 'submitted'));
-- the department's list of applications waiting (待受理)
CREATE INDEX IF NOT EXISTS cases_submitted ON cases(department_code, created_at) WHERE status = 'submitted';
