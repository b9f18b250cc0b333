-- The per-department statistics index only holds accepted cases. As a full index it also matched
-- a case looked up by department and number: when the statistics showed a department without
-- cases (a department whose system had just started to push), the planner took it instead of
-- the unique (department_code, case_no) index and each lookup read all the department's cases.
-- The statistics queries bound accepted_at, which implies the predicate.
DROP INDEX cases_dept_accepted;
CREATE INDEX cases_dept_accepted ON cases(department_code, accepted_at) WHERE accepted_at IS NOT NULL;
