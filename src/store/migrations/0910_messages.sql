-- 消息中心 (message centre) and its outbound deliveries.
-- 四川电子监察办法 第八条/第十条, 盐城电子监察办法 第十一条: warnings (黄牌/红牌), 督办 and 差评 are
-- prompted to the people who must act on them; the prompt is written in the transaction of the
-- event that causes it, and e-mail/SMS leave later through an outbox (never holding that transaction).

-- A message to one person (the recipient account). Not history: reading marks it (read_at).
CREATE TABLE messages (
  id            bigserial PRIMARY KEY,
  recipient_id  text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('alert_yellow', 'alert_red', 'order', 'order_due', 'rating_task', 'approval')),
  title         text NOT NULL,
  body          text NOT NULL,
  -- the web page the message concerns (a path of the web app, e.g. /supervision/alerts/<id>)
  link          text NOT NULL,
  subject_kind  text,
  subject_id    text,
  -- one message per recipient and key (an alert raised, an order falling due …): a repeat is dropped
  dedupe_key    text NOT NULL,
  created_at    timestamptz NOT NULL,
  read_at       timestamptz
);
CREATE UNIQUE INDEX messages_once ON messages(recipient_id, dedupe_key);
CREATE INDEX messages_recipient ON messages(recipient_id, id DESC);
CREATE INDEX messages_unread ON messages(recipient_id) WHERE read_at IS NULL;

-- A person's e-mail and mobile for notifications, sealed like other personal data (SM4 + HMAC-SM3,
-- key outside the database, context `contact/<user id>`), with the masked forms to show, and the
-- kinds of message they want by e-mail and by SMS.
CREATE TABLE message_contacts (
  user_id       text PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  sealed        text,
  key_version   integer,
  email_masked  text,
  phone_masked  text,
  email_kinds   text[] NOT NULL,
  sms_kinds     text[] NOT NULL,
  updated_at    timestamptz NOT NULL
);

-- The transactional outbox: one row per message and channel, written with the message. The engine
-- leases due rows (FOR UPDATE SKIP LOCKED, leased_until), sends, and marks them sent, or retries
-- with backoff until max attempts and records the failure. `skipped`: not sent, and why (no SMTP
-- configured, no address).
CREATE TABLE message_outbox (
  id              bigserial PRIMARY KEY,
  message_id      bigint NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  recipient_id    text NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('email', 'sms')),
  status          text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
  attempts        integer NOT NULL,
  next_attempt_at timestamptz NOT NULL,
  leased_until    timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL,
  done_at         timestamptz
);
CREATE INDEX message_outbox_due ON message_outbox(next_attempt_at) WHERE status = 'pending';
CREATE INDEX message_outbox_message ON message_outbox(message_id);

-- Finding a department's administrators for its messages.
CREATE INDEX IF NOT EXISTS role_grants_department_role ON role_grants(department_code, role);
