-- Performance evaluation (绩效考评; interface standard §8).

-- 达州意见 四(四): 制订绩效考核评分细则. A region's scheme; every change is a new version, never updated.
CREATE TABLE evaluation_schemes (
  region_code    text NOT NULL REFERENCES regions(code),
  version        integer NOT NULL,
  name           text NOT NULL,
  effective_from text NOT NULL CHECK (effective_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  base           numeric NOT NULL,
  indicators     jsonb NOT NULL,
  content_hash   text NOT NULL,
  created_by     text,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (region_code, version)
);

-- 成都暂行办法 第十四条: a period's scores once approved (审定) and published (公布). Each
-- revision holds the figures frozen at approval; an upheld appeal supersedes it and the next
-- approval writes revision n + 1.
CREATE TABLE evaluation_results (
  region_code    text NOT NULL REFERENCES regions(code),
  period         text NOT NULL,
  revision       integer NOT NULL,
  status         text NOT NULL CHECK (status IN ('approved', 'published', 'superseded')),
  scheme_region  text NOT NULL,
  scheme_version integer NOT NULL,
  result         jsonb NOT NULL,
  approved_by    text,
  approved_at    timestamptz NOT NULL,
  published_by   text,
  published_at   timestamptz,
  appeal_due_at  timestamptz,
  superseded_at  timestamptz,
  PRIMARY KEY (region_code, period, revision)
);
-- At most one live (approved or published) revision of a region's period.
CREATE UNIQUE INDEX evaluation_results_live ON evaluation_results(region_code, period) WHERE status <> 'superseded';
CREATE INDEX evaluation_results_published ON evaluation_results(published_at) WHERE status = 'published';

-- 申诉复核: a department's appeal of its score in one revision of a period.
CREATE TABLE evaluation_appeals (
  id              text PRIMARY KEY,
  region_code     text NOT NULL,
  period          text NOT NULL,
  revision        integer NOT NULL,
  department_code text NOT NULL REFERENCES departments(code),
  reason          text NOT NULL,
  status          text NOT NULL CHECK (status IN ('pending', 'upheld', 'dismissed')),
  filed_by        text,
  filed_at        timestamptz NOT NULL,
  decided_by      text,
  decided_at      timestamptz,
  decision        text,
  FOREIGN KEY (region_code, period, revision) REFERENCES evaluation_results(region_code, period, revision)
);
CREATE UNIQUE INDEX evaluation_appeals_one_pending ON evaluation_appeals(region_code, period, department_code) WHERE status = 'pending';
CREATE INDEX evaluation_appeals_period ON evaluation_appeals(region_code, period);

-- COMPLAINTS_UPHELD (§8): a concluded complaint's finding, 属实 (true) or not (false); null before.
ALTER TABLE complaints ADD COLUMN upheld boolean;
CREATE INDEX complaints_dept_result ON complaints(department_code, result_at) WHERE upheld;

-- The indicators read concluded cases and ratings of a department in a period.
CREATE INDEX cases_dept_concluded ON cases(department_code, concluded_at) WHERE concluded_at IS NOT NULL;
CREATE INDEX satisfaction_ratings_dept_at ON satisfaction_ratings(department_code, rated_at);
