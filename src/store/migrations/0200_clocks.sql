-- Every deadline clock of the platform (case promised/legal limits, steps, complaint
-- acceptance, supervision order responses, catalog adjustment stages), with how it was
-- reached, so a calendar change can recompute the open ones in one place.
CREATE TABLE deadline_clocks (
  owner_kind       text NOT NULL,
  owner_id         text NOT NULL,
  kind             text NOT NULL,
  region_code      text,
  start_at         timestamptz NOT NULL,
  working_days     integer NOT NULL CHECK (working_days >= 0),
  extension_days   integer NOT NULL DEFAULT 0,
  suspensions      jsonb NOT NULL DEFAULT '[]',
  due_at           timestamptz NOT NULL,
  warn_at          timestamptz NOT NULL,
  provisional      boolean NOT NULL,
  calendar_version integer NOT NULL,
  explanation      jsonb NOT NULL,
  open             boolean NOT NULL DEFAULT true,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_kind, owner_id, kind)
);
CREATE INDEX deadline_clocks_open_span ON deadline_clocks(start_at, due_at) WHERE open;
CREATE INDEX deadline_clocks_provisional ON deadline_clocks(provisional) WHERE open AND provisional;
