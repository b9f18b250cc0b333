-- A clock's explanation is kept as the JSON text it was written as (json, not jsonb): it is
-- written with every clock and only ever read back whole, never searched inside. Written as
-- jsonb, the server built each explanation into its binary form and a pushed batch paid for
-- that on every clock it stored; as json the text is checked and stored as it is.
ALTER TABLE deadline_clocks ALTER COLUMN explanation TYPE json USING explanation::json;
