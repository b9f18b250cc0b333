-- Second factor (TOTP, RFC 6238), one-time recovery codes, login throttling per account and
-- source, graphical captchas and session lifetimes (安全加固; GB/T 22239-2019 8.1.4.1).

-- totp_secret: base32, set at enrolment (or by XINGQUAN_ADMIN_TOTP_SECRET for admin);
-- totp_pending: the secret offered in details.enrol until the first valid code enrols it;
-- totp_required: null = by role, true/false = set by the security administrator (roles that
-- must use it cannot be set false); totp_last_step: the last time step accepted (replays).
ALTER TABLE users ADD COLUMN totp_secret text;
ALTER TABLE users ADD COLUMN totp_pending text;
ALTER TABLE users ADD COLUMN totp_required boolean;
ALTER TABLE users ADD COLUMN totp_enrolled_at timestamptz;
ALTER TABLE users ADD COLUMN totp_last_step bigint;
ALTER TABLE users ADD COLUMN totp_last_source text;

-- One-time recovery codes, shown once at enrolment, stored as SHA-256.
CREATE TABLE user_recovery_codes (
  user_id   text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at   timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

-- Failed logins per (account name as typed, source address): the lockout and the captcha
-- threshold are counted here, for unknown accounts too, so a flood from one source never
-- locks the account out for another source.
CREATE TABLE login_throttle (
  username     text NOT NULL,
  source       text NOT NULL,
  failures     integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_failure timestamptz NOT NULL,
  PRIMARY KEY (username, source)
);
CREATE INDEX login_throttle_last ON login_throttle(last_failure);

-- Graphical captchas: one-time, expiring; the answer is kept folded to lower case.
CREATE TABLE captcha_challenges (
  id         text PRIMARY KEY,
  answer     text NOT NULL,
  purpose    text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX captcha_challenges_expiry ON captcha_challenges(expires_at);

-- Sessions get a public id (listed to their owner and ended by it) beside the token hash.
ALTER TABLE sessions ADD COLUMN id text;
UPDATE sessions SET id = md5(token_hash) WHERE id IS NULL;
CREATE UNIQUE INDEX sessions_id ON sessions(id);
ALTER TABLE sessions ADD COLUMN user_agent text;
