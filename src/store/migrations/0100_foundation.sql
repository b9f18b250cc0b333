-- Organisation (GB/T 2260 region codes), accounts, roles, API keys, audit trail.

CREATE TABLE regions (
  code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name        text NOT NULL,
  parent_code text REFERENCES regions(code),
  level       text NOT NULL CHECK (level IN ('province', 'city', 'county')),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX regions_parent ON regions(parent_code);

CREATE TABLE departments (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  region_code text NOT NULL REFERENCES regions(code),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX departments_region ON departments(region_code);

-- 岗位 (posts) of a department, named in flows.
CREATE TABLE posts (
  id              text PRIMARY KEY,
  department_code text NOT NULL REFERENCES departments(code),
  name            text NOT NULL,
  UNIQUE (department_code, name)
);

-- 执法人员 with their certificates (执法证), checked by UNQUALIFIED_OFFICER.
CREATE TABLE officers (
  id              text PRIMARY KEY,
  name            text NOT NULL,
  department_code text NOT NULL REFERENCES departments(code),
  certificate_no  text,
  valid_until     date,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX officers_department ON officers(department_code);

CREATE TABLE users (
  id                   text PRIMARY KEY,
  username             text NOT NULL UNIQUE,
  display_name         text NOT NULL,
  password_hash        text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT true,
  disabled             boolean NOT NULL DEFAULT false,
  failed_attempts      integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  region_code          text REFERENCES regions(code),
  department_code      text REFERENCES departments(code),
  officer_id           text REFERENCES officers(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  password_changed_at  timestamptz
);

-- A role held over a region subtree (by code prefix) and optionally one department.
CREATE TABLE role_grants (
  id              text PRIMARY KEY,
  user_id         text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role            text NOT NULL CHECK (role IN ('system_admin', 'security_admin', 'audit_admin',
                     'region_admin', 'department_admin', 'handler', 'legal_reviewer', 'supervisor', 'leader')),
  region_code     text REFERENCES regions(code),
  department_code text REFERENCES departments(code),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, role, region_code, department_code)
);
CREATE INDEX role_grants_user ON role_grants(user_id);

CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_id      text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  ended_at     timestamptz,
  source_ip    text
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Department API keys for the exchange (§3): stored hashed, shown once.
CREATE TABLE api_keys (
  id              text PRIMARY KEY,
  department_code text NOT NULL REFERENCES departments(code),
  name            text NOT NULL,
  key_prefix      text NOT NULL,
  key_hash        text NOT NULL UNIQUE,
  created_by      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  revoked_at      timestamptz,
  last_used_at    timestamptz
);
CREATE INDEX api_keys_department ON api_keys(department_code);

-- Hash-chained audit trail. Append only: the trigger refuses UPDATE, DELETE and TRUNCATE.
CREATE TABLE audit_log (
  seq         bigint PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor_id    text,
  actor_name  text,
  role        text,
  region_code text,
  action      text NOT NULL,
  target      text,
  source_ip   text,
  outcome     text NOT NULL,
  details     jsonb,
  prev_hash   text NOT NULL,
  hash        text NOT NULL,
  sm3         text NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor_id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (审计日志不可修改或删除)';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Small settings kept by the platform (e.g. demo data loaded).
CREATE TABLE app_settings (
  key   text PRIMARY KEY,
  value jsonb NOT NULL
);
