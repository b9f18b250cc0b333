-- insertAlerts(skipIfClosed) asks whether a person already closed (resolved/revoked) the same
-- subject, code and step; the one-open unique index is partial on active statuses, so without
-- this index each raised alert scanned the whole table (ingest cost grew with the alert count).
CREATE INDEX supervision_alerts_closed_subject ON supervision_alerts(subject_kind, subject_id, code, step)
  WHERE status IN ('resolved', 'revoked');
