-- 岗位 held by officers (接口标准 §2 officers[].posts) and the posts a department lets stand in
-- for others; one officer per account; the responsible officer and post of each finding and
-- the officer and post of each person who acts on alerts and orders (盐城电子监察办法 第二十二条).

-- The posts an officer holds; only posts of the officer's own department count (reads join on it).
CREATE TABLE officer_posts (
  officer_id text NOT NULL REFERENCES officers(id) ON DELETE CASCADE,
  post_id    text NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  PRIMARY KEY (officer_id, post_id)
);
CREATE INDEX officer_posts_post ON officer_posts(post_id);

-- 顶岗: an officer holding `stand_in_post_id` may complete steps given to `post_id` (same department).
CREATE TABLE post_stand_ins (
  post_id          text NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  stand_in_post_id text NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  created_by       text,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (post_id, stand_in_post_id),
  CHECK (post_id <> stand_in_post_id)
);

-- An account acts as exactly its own officer: an officer is linked to one account at most.
-- Earlier links that share an officer keep the oldest account's link (the others are unlinked).
UPDATE users u SET officer_id = NULL
 WHERE u.officer_id IS NOT NULL
   AND EXISTS (SELECT 1 FROM users v WHERE v.officer_id = u.officer_id
                 AND (v.created_at, v.id) < (u.created_at, u.id));
CREATE UNIQUE INDEX users_officer_once ON users(officer_id) WHERE officer_id IS NOT NULL;

-- The demo's officers linked to the demo accounts are the same people as those accounts
-- (an older demo load named them by a rota, so 李明's account acted as 王敏).
UPDATE officers o SET name = u.display_name
  FROM users u
 WHERE u.officer_id = o.id AND o.name <> u.display_name
   AND u.username IN ('tc_stj_jb', 'tc_sjj_jb', 'dc_stj_jb', 'rh_stj_jb')
   AND EXISTS (SELECT 1 FROM app_settings WHERE key = 'demo_loaded');

-- 盐城电子监察办法 第二十二条: a finding names the officer and post responsible for it.
ALTER TABLE supervision_alerts
  ADD COLUMN responsible_officer_id   text,
  ADD COLUMN responsible_officer_name text,
  ADD COLUMN responsible_post         text,
  ADD COLUMN raised_by_account_id     text,
  ADD COLUMN raised_by_officer_id     text,
  ADD COLUMN raised_by_post           text;
CREATE INDEX supervision_alerts_responsible ON supervision_alerts(responsible_officer_id, raised_at) WHERE responsible_officer_id IS NOT NULL;

-- Who acted on an alert: the account (actor_id, actor_name) and, where it has one, its officer and post.
ALTER TABLE supervision_alert_actions
  ADD COLUMN actor_officer_id text,
  ADD COLUMN actor_post       text;

-- Who issued a supervision order and who answered it.
ALTER TABLE supervision_orders
  ADD COLUMN issued_by_account_id text,
  ADD COLUMN issued_by_officer_id text,
  ADD COLUMN issued_by_post       text,
  ADD COLUMN answered_by_account_id text,
  ADD COLUMN answered_by_name     text,
  ADD COLUMN answered_by_officer_id text,
  ADD COLUMN answered_by_post     text;
