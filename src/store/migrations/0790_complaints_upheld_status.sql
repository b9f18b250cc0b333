-- A complaint's conclusion records whether it was upheld (属实, evaluation §8 COMPLAINTS_UPHELD):
-- `upheld` is written with the conclusion, so it joins the columns a complaint's status change may set.
DROP TRIGGER complaints_status_only ON complaints;
CREATE TRIGGER complaints_status_only BEFORE UPDATE OR DELETE ON complaints FOR EACH ROW
  EXECUTE FUNCTION history_status_only('status', 'acceptance_due_at', 'decided_at', 'decision_reason', 'notice', 'transfer_department',
    'transfer_due_at', 'result', 'result_at', 'history', 'department_code', 'updated_at', 'upheld');
