-- Interface standard §3 (v2): the platform makes each case's 查询码 (at least 40 bits of randomness);
-- a sender cannot choose it. A case whose code was taken from its pushed case.registered event
-- (data.queryCode) gets a platform-made one: 10 characters of the code alphabet (no 0/O, 1/I),
-- each from one random byte of a version-4 UUID (its fixed version and variant bits left out), 50 bits.
-- The demonstration cases keep their documented codes (README: DEMO0001 …).
UPDATE cases c SET query_code = (
  SELECT string_agg(substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', get_byte(u.b, i) % 32 + 1, 1), '' ORDER BY i)
  FROM (SELECT decode(replace(gen_random_uuid()::text, '-', ''), 'hex') AS b, c.id AS case_id) u,
       unnest(ARRAY[0, 1, 2, 3, 4, 5, 9, 10, 11, 12]) AS i
)
WHERE EXISTS (
  SELECT 1 FROM case_events e
  WHERE e.case_id = c.id AND e.type = 'case.registered' AND e.source = 'exchange'
    AND e.data->>'queryCode' = c.query_code AND e.event_id NOT LIKE 'demo-%'
);
