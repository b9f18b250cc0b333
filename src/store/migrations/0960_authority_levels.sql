-- The authority of each office over its own work (分级授权):
-- 1. Two roles: 部门监察室 (dept_supervisor, 川 电子监察办法 第六条: 各行权部门监察机构; 达州意见 三(三)
--    监察科(股)室), held in one department; 保密办 (secrecy_officer, 成都办法 第四条、第五条: 保密部门
--    参加涉密事项的联合审查), held over a region.
-- 2. A 督办 answer is reviewed twice (盐城电子监察办法 第二十条: 初审, 审结): 'first_reviewed' is an
--    answer that passed the first review and waits for the second.
-- 3. The catalog adjustment passes more stages (川 目录动态调整办法 第四条: 机构编制部门审核;
--    达州意见 三(五): 监察部门审核风险点、监察点; 成都办法 第五条: 涉密须监察机关和保密机关联合审查).
ALTER TABLE role_grants DROP CONSTRAINT IF EXISTS role_grants_role_check;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check CHECK (role IN ('system_admin', 'security_admin', 'audit_admin',
  'region_admin', 'department_admin', 'handler', 'legal_reviewer', 'supervisor', 'leader', 'dept_supervisor', 'secrecy_officer',
  'staffing_reviewer'));

ALTER TABLE supervision_orders DROP CONSTRAINT IF EXISTS supervision_orders_status_check;
ALTER TABLE supervision_orders ADD CONSTRAINT supervision_orders_status_check
  CHECK (status IN ('issued', 'answered', 'first_reviewed', 'returned', 'accepted'));

ALTER TABLE catalog_adjustments DROP CONSTRAINT IF EXISTS catalog_adjustments_stage_check;
ALTER TABLE catalog_adjustments ADD CONSTRAINT catalog_adjustments_stage_check
  CHECK (stage IN ('draft', 'review', 'staffing', 'risk_review', 'secrecy', 'approval', 'returned', 'approved', 'rejected'));
