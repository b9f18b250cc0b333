-- Supervision limits per region (督办 answer days, correction and escalation days …): a region's
-- own values, versioned, never updated. They resolve down the region tree; a lower region may
-- only shorten a limit set above (接口标准 §4 v2; 四川电子监察办法 第九条 20 日, 盐城 第十四条 5 日).
CREATE TABLE supervision_region_settings (
  region_code text NOT NULL,
  version     integer NOT NULL,
  limits      jsonb NOT NULL,
  reason      text NOT NULL,
  created_by  text,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (region_code, version)
);
