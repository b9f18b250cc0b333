-- A complaint's conclusion records whether it was upheld (属实, evaluation §8 COMPLAINTS_UPHELD):
-- `upheld` is written with the conclusion, so it joins the columns a complaint's status change may set.
DROP TRIGGER complaints_status_only ON complaints;
CREATE TRIGGER complaints_status_only BEFORE UPDATE OR DELETE ON complaints FOR EACH ROW
  EXECUTE FUNCTION history_status_only('status', 'acceptance_due_at', 'decided_at', 'decision_reason', 'notice', 'transfer_department',
    'transfer_due_at', 'result', 'result_at', 'history', 'department_code', 'updated_at', 'upheld');

-- An order's answer records who answered it (account, name, officer, post: 盐城电子监察办法 第二十二条),
-- written with the answer, so those columns join the ones an order's status change may set.
DROP TRIGGER supervision_orders_status_only ON supervision_orders;
CREATE TRIGGER supervision_orders_status_only BEFORE UPDATE OR DELETE ON supervision_orders FOR EACH ROW
  EXECUTE FUNCTION history_status_only('status', 'extension_days', 'due_at', 'answered_at', 'answer', 'accepted_at', 'history',
    'response_days', 'updated_at', 'answered_by_account_id', 'answered_by_name', 'answered_by_officer_id', 'answered_by_post');
