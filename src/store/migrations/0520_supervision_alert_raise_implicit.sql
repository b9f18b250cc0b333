-- An alert's raise is the alert row itself (raised_at, raised_by, status open): the history table
-- keeps every later action (explain, appeal, resolve, revoke, return, escalate, withdraw), and the
-- history read puts the raise first. Alerts raised before this kept a 'raise' row, shown as it is.
COMMENT ON TABLE supervision_alert_actions IS 'Every action on an alert after its raise (the raise is the alert row itself).';
