-- Personal data sealed at rest (等保三级 GB/T 22239-2019 8.1.4.8 保密性, 8.1.4.11 个人信息保护).
-- The identity numbers, phone numbers, names and addresses of counterparties and complainants are
-- kept here, sealed (SM4 + HMAC-SM3, src/domain/seal/seal.ts) under a key kept outside the database;
-- the history rows (case events, complaints) carry the masked forms and this row's id. The table is
-- not history: a key rotation (`xingquan seal rotate`) re-seals its rows in place.
CREATE TABLE personal_data (
  id              text PRIMARY KEY,
  subject_kind    text NOT NULL CHECK (subject_kind IN ('case', 'complaint')),
  department_code text,
  region_code     text,
  sealed          text NOT NULL,
  key_version     integer NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX personal_data_key_version ON personal_data(key_version);

-- The key versions data was sealed with, by fingerprint (SM3, never the key): a start with another
-- key is refused, naming the version, instead of sealing new rows no one can open with the old.
CREATE TABLE seal_keys (
  version      integer PRIMARY KEY,
  fingerprint  text NOT NULL,
  first_used_at timestamptz NOT NULL
);

-- Each reading of unmasked personal data (who saw whose, which fields): append-only, read by the
-- audit administrator (GB/T 22239-2019 8.1.4.11; 8.1.4.3 安全审计).
CREATE TABLE personal_data_reads (
  id              bigserial PRIMARY KEY,
  at              timestamptz NOT NULL,
  actor_id        text,
  actor_name      text,
  actor_kind      text NOT NULL,
  subject_kind    text NOT NULL CHECK (subject_kind IN ('case', 'complaint')),
  subject_ref     text NOT NULL,
  department_code text,
  region_code     text,
  fields          text NOT NULL,
  purpose         text
);
CREATE INDEX personal_data_reads_at ON personal_data_reads(at);
CREATE INDEX personal_data_reads_subject ON personal_data_reads(subject_kind, subject_ref);
CREATE TRIGGER personal_data_reads_append_only BEFORE UPDATE OR DELETE ON personal_data_reads FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER personal_data_reads_no_truncate BEFORE TRUNCATE ON personal_data_reads FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
