-- Catalog of powers (行政职权目录): items, immutable versions, code sequences, adjustments.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One row per power item (权力事项); the content lives in its versions.
CREATE TABLE power_items (
  code            text PRIMARY KEY,
  name            text NOT NULL,
  category        text NOT NULL CHECK (category IN ('license', 'penalty', 'coercion', 'levy', 'payment',
                     'inspection', 'confirmation', 'reward', 'adjudication', 'other')),
  department_code text NOT NULL REFERENCES departments(code),
  region_code     text NOT NULL REFERENCES regions(code),
  -- status of the latest version already in effect (refreshed when versions are written
  -- and when a future-dated version comes due); lookups by instant read the versions
  status          text NOT NULL CHECK (status IN ('draft', 'in_force', 'suspended', 'cancelled')),
  confidential    boolean NOT NULL DEFAULT false,
  latest_version  integer NOT NULL DEFAULT 0,
  -- name + basis + department words, for Chinese search (ILIKE served by a trigram index)
  search_text     text NOT NULL DEFAULT '',
  -- 盐城 数据库更新维护办法 第十条: a cancelled item's code is retired for good
  retired         boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX power_items_department ON power_items(department_code);
CREATE INDEX power_items_region ON power_items(region_code);
CREATE INDEX power_items_search ON power_items USING gin (search_text gin_trgm_ops);

-- Immutable versions: a change makes a new one with its effective instant.
CREATE TABLE power_item_versions (
  item_code           text NOT NULL REFERENCES power_items(code),
  version             integer NOT NULL CHECK (version >= 1),
  effective_from      timestamptz NOT NULL,
  status              text NOT NULL CHECK (status IN ('draft', 'in_force', 'suspended', 'cancelled')),
  content             jsonb NOT NULL,
  content_hash        text NOT NULL,
  -- DISCLOSURE_INCOMPLETE facts of this version (missing public fields), see disclosure.ts
  disclosure_problems jsonb NOT NULL DEFAULT '[]',
  adjustment_id       text,
  created_at          timestamptz NOT NULL,
  created_by          text,
  PRIMARY KEY (item_code, version)
);
CREATE INDEX power_item_versions_effective ON power_item_versions(item_code, effective_from DESC, version DESC);

CREATE FUNCTION power_item_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'power_item_versions are immutable (事项版本不可修改或删除)';
END $$;
CREATE TRIGGER power_item_versions_no_change BEFORE UPDATE OR DELETE ON power_item_versions
  FOR EACH ROW EXECUTE FUNCTION power_item_versions_immutable();

-- 行政权力编码规则: the last sequence number used per code prefix (never goes back).
CREATE TABLE item_code_sequences (
  prefix   text PRIMARY KEY,
  last_seq integer NOT NULL
);

-- 动态调整 requests: draft → review (法制审核) → approval (领导审定) → approved (takes effect on its date).
CREATE TABLE catalog_adjustments (
  id                text PRIMARY KEY,
  kind              text NOT NULL CHECK (kind IN ('add', 'change', 'cancel', 'suspend', 'resume')),
  item_code         text REFERENCES power_items(code),
  department_code   text NOT NULL REFERENCES departments(code),
  region_code       text NOT NULL REFERENCES regions(code),
  stage             text NOT NULL CHECK (stage IN ('draft', 'review', 'approval', 'returned', 'approved', 'rejected')),
  proposal          jsonb,
  reason            text NOT NULL,
  legal_basis       jsonb NOT NULL DEFAULT '[]',
  law_changed_on    date,
  effective_on      date NOT NULL,
  attachments       jsonb NOT NULL DEFAULT '[]',
  late              boolean NOT NULL DEFAULT false,
  days_after_change integer,
  return_reasons    text,
  history           jsonb NOT NULL DEFAULT '[]',
  resulting_version integer,
  created_by        text,
  created_at        timestamptz NOT NULL,
  submitted_at      timestamptz,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX catalog_adjustments_scope ON catalog_adjustments(region_code, department_code);
CREATE INDEX catalog_adjustments_stage ON catalog_adjustments(stage);
