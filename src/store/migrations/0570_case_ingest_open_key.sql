-- case_ingest_open also tells whether the department API key that pushes the batch is still
-- valid (p_key_id; null: not asked), read in the same round trip under the batch's locks. A push
-- whose key was looked up less than a minute ago is not looked up again before its body is read
-- (resolveApiKeyForPush): its transaction checks the key here, and a key revoked meanwhile (by
-- another server process too) stores nothing.
DROP FUNCTION case_ingest_open(text, text[], text[], text[]);
CREATE FUNCTION case_ingest_open(p_dept text, p_case_nos text[], p_registration_ids text[], p_item_codes text[], p_key_id text)
RETURNS json LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM count(pg_advisory_xact_lock(h))
    FROM (SELECT DISTINCT hashtextextended(p_dept || '|' || n, 4002) AS h FROM unnest(p_case_nos) AS n ORDER BY 1) s;
  RETURN (
    WITH c AS (
      -- one index probe per key (LATERAL … LIMIT 1 stays a keyed lookup before the table has statistics)
      SELECT x.* FROM unnest(p_case_nos) AS k(no)
      CROSS JOIN LATERAL (SELECT * FROM cases WHERE department_code = p_dept AND case_no = k.no LIMIT 1) x
    )
    SELECT json_build_object(
      'cases', (SELECT coalesce(json_agg(c), '[]') FROM c),
      'registrations', (SELECT coalesce(json_agg(json_build_array(e.event_id, e.content_hash, e.case_no)), '[]')
        FROM unnest(p_registration_ids) AS k(id)
        CROSS JOIN LATERAL (SELECT event_id, content_hash, case_no FROM case_events WHERE department_code = p_dept AND event_id = k.id LIMIT 1) e),
      'versions', (SELECT coalesce(json_agg(json_build_array(v.item_code, v.version, v.xmin::text) ORDER BY v.item_code, v.version), '[]')
        FROM power_item_versions v
        WHERE v.item_code IN (SELECT unnest(p_item_codes) UNION SELECT item_code FROM c WHERE item_code IS NOT NULL)),
      'keyValid', p_key_id IS NULL OR EXISTS (SELECT 1 FROM api_keys WHERE id = p_key_id AND department_code = p_dept AND revoked_at IS NULL)));
END
$$;
