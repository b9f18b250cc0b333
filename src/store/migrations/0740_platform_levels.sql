-- Platforms of several levels (接口标准 §9; 川办发〔2014〕2号 平台办法 第三、七条): a lower
-- platform forwards upward through a transactional outbox; the upper stores what it receives
-- under the lower's region and delivers its supervision orders back down.

-- ── Lower side ────────────────────────────────────────────────────────────────────────────
-- Whether this platform forwards upward (XINGQUAN_UPSTREAM_URL set at start): the outbox
-- triggers below write only then. `instance` tells the upper one outbox's numbering from another's.
CREATE TABLE upstream_link (
  id         integer PRIMARY KEY CHECK (id = 1),
  enabled    boolean NOT NULL,
  url        text,
  instance   text NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Written in the transaction of the change it describes; sent in seq order, marked when the
-- upper has stored it. An event row names its case_events.seq (read when sent, events never
-- change); every other row carries its snapshot.
CREATE TABLE upstream_outbox (
  seq        bigserial PRIMARY KEY,
  kind       text NOT NULL,
  ref_seq    bigint,
  payload    jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at    timestamptz
);
CREATE INDEX upstream_outbox_unsent ON upstream_outbox(seq) WHERE sent_at IS NULL;

-- Orders the upper issued on a forwarded alert, delivered here (one local order each).
CREATE TABLE upstream_orders (
  order_id          text PRIMARY KEY REFERENCES supervision_orders(id),
  upstream_order_id text NOT NULL UNIQUE,
  received_at       timestamptz NOT NULL
);

CREATE FUNCTION upstream_on() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce((SELECT enabled FROM upstream_link WHERE id = 1), false) $$;

-- Case events: one multi-row insert per stored batch, naming the events by seq.
CREATE FUNCTION upstream_events_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF upstream_on() THEN
    INSERT INTO upstream_outbox (kind, ref_seq) SELECT 'event', n.seq FROM new_rows n ORDER BY n.seq;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER case_events_upstream AFTER INSERT ON case_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION upstream_events_out();

-- Alerts: each raised alert, and each change of its status or level, as a snapshot.
CREATE FUNCTION upstream_alerts_raised() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF upstream_on() THEN
    INSERT INTO upstream_outbox (kind, payload) SELECT 'alert', to_jsonb(n) FROM new_rows n ORDER BY n.raised_at, n.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supervision_alerts_upstream_raise AFTER INSERT ON supervision_alerts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION upstream_alerts_raised();

CREATE FUNCTION upstream_alerts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF upstream_on() THEN
    INSERT INTO upstream_outbox (kind, payload)
    SELECT 'alert.status', to_jsonb(n) FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.status IS DISTINCT FROM o.status OR n.level IS DISTINCT FROM o.level ORDER BY n.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supervision_alerts_upstream_change AFTER UPDATE ON supervision_alerts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION upstream_alerts_changed();

-- Regions, departments, officers and item versions (the catalog the upper supervises by).
CREATE FUNCTION upstream_row_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF upstream_on() THEN
    INSERT INTO upstream_outbox (kind, payload) VALUES (TG_ARGV[0], to_jsonb(NEW));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER regions_upstream AFTER INSERT OR UPDATE ON regions FOR EACH ROW EXECUTE FUNCTION upstream_row_out('region');
CREATE TRIGGER departments_upstream AFTER INSERT OR UPDATE ON departments FOR EACH ROW EXECUTE FUNCTION upstream_row_out('department');
CREATE TRIGGER officers_upstream AFTER INSERT OR UPDATE ON officers FOR EACH ROW EXECUTE FUNCTION upstream_row_out('officer');
CREATE TRIGGER power_item_versions_upstream AFTER INSERT ON power_item_versions FOR EACH ROW EXECUTE FUNCTION upstream_row_out('item');

-- A delivered order is acknowledged upward; its answer travels up.
CREATE TRIGGER upstream_orders_upstream AFTER INSERT ON upstream_orders FOR EACH ROW EXECUTE FUNCTION upstream_row_out('order.received');

CREATE FUNCTION upstream_orders_answered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF upstream_on() THEN
    INSERT INTO upstream_outbox (kind, payload)
    SELECT 'order.answer', jsonb_build_object('upstreamOrderId', u.upstream_order_id, 'answer', n.answer, 'answeredAt', n.answered_at, 'orderNo', n.order_no)
    FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN upstream_orders u ON u.order_id = n.id
    WHERE n.status = 'answered' AND o.status IS DISTINCT FROM 'answered' ORDER BY n.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supervision_orders_upstream AFTER UPDATE ON supervision_orders
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION upstream_orders_answered();

-- ── Upper side ────────────────────────────────────────────────────────────────────────────
-- Platform keys (§9): one lower region each; shown once, stored as SHA-256, revocable.
CREATE TABLE platform_keys (
  id           text PRIMARY KEY,
  region_code  text NOT NULL REFERENCES regions(code),
  name         text NOT NULL,
  key_prefix   text NOT NULL,
  key_hash     text NOT NULL UNIQUE,
  created_by   text,
  created_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  last_seen_at timestamptz
);
CREATE INDEX platform_keys_region ON platform_keys(region_code);

-- Each forwarded row applied once: (lower region, its outbox instance, its seq).
CREATE TABLE platform_inbox (
  region_code text NOT NULL,
  instance    text NOT NULL,
  seq         bigint NOT NULL,
  kind        text NOT NULL,
  outcome     text NOT NULL,
  applied_at  timestamptz NOT NULL,
  PRIMARY KEY (region_code, instance, seq)
);

-- An alert mirrored from a lower platform: the lower's alert id, under the key's region.
CREATE TABLE platform_alerts (
  alert_id    text PRIMARY KEY REFERENCES supervision_alerts(id),
  region_code text NOT NULL,
  remote_id   text NOT NULL,
  UNIQUE (region_code, remote_id)
);

-- The prefix every code of a region's subtree starts with (regionPrefix in src/domain/org/region.ts).
CREATE FUNCTION platform_region_prefix(code text) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN right(code, 4) = '0000' THEN left(code, 2) WHEN right(code, 2) = '00' THEN left(code, 4) ELSE code END $$;

-- Orders on mirrored alerts the lower platform has acknowledged (delivered).
CREATE TABLE platform_order_acks (
  order_id    text PRIMARY KEY REFERENCES supervision_orders(id),
  region_code text NOT NULL,
  acked_at    timestamptz NOT NULL
);
