-- The working-day calendar as data (interface standard §1, §7): one row per date of every
-- loaded year, regional calendars that add local days off for their region subtree, the
-- years whose official calendar is loaded, and the version history every change creates.
CREATE TABLE calendar_versions (
  version     integer PRIMARY KEY,
  region_code text,                       -- null: the national calendar
  action      text NOT NULL,              -- seed | edit_day | import_year | regional_day | …
  note        text,
  dates       jsonb NOT NULL DEFAULT '[]', -- dates whose kind or name changed
  span_from   date,                        -- the span a recomputation must look at
  span_to     date,
  actor_name  text,
  created_at  timestamptz NOT NULL
);

CREATE TABLE calendar_days (
  date       date PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('workday', 'weekend', 'holiday', 'makeup_workday')),
  name       text,
  source     text,
  version    integer NOT NULL
);

-- Only the years listed here are official; any other year is reckoned Monday–Friday and provisional.
CREATE TABLE calendar_years (
  year       integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2040),
  source     text NOT NULL,
  version    integer NOT NULL,
  loaded_at  timestamptz NOT NULL
);

CREATE TABLE regional_calendars (
  region_code text PRIMARY KEY CHECK (region_code ~ '^[0-9]{6}$'),
  name        text NOT NULL,
  version     integer NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE TABLE regional_calendar_days (
  region_code text NOT NULL REFERENCES regional_calendars(region_code) ON DELETE CASCADE,
  date        date NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('workday', 'weekend', 'holiday', 'makeup_workday')),
  name        text,
  source      text,
  version     integer NOT NULL,
  PRIMARY KEY (region_code, date)
);

CREATE INDEX deadline_clocks_region ON deadline_clocks(region_code) WHERE open;
