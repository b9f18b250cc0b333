import { Button, Input, Modal, Space, message } from 'antd';
import { useState } from 'react';
import { errorText } from '../../components/states';
import { useAuth } from '../../lib/auth';
import { useI18n } from '../../lib/i18n';
import { catApi, type AdjustmentRow } from './catalog.api';

/** The workflow buttons a request's stage and the user's permissions allow: submit → review → approve. */
export function AdjustmentActions({ a, onDone }: { a: Pick<AdjustmentRow, 'id' | 'stage'>; onDone: () => void }) {
  const { L } = useI18n();
  const { can } = useAuth();
  const [busy, setBusy] = useState(false);
  const run = async (action: 'submit' | 'review' | 'decide', body: Record<string, unknown> = {}) => {
    setBusy(true);
    try { await catApi.adjustmentAction(a.id, action, body); message.success(L('已提交', 'Done')); onDone(); }
    catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  const withReason = (title: string, action: 'review' | 'decide', decision: string) => {
    let reasons = '';
    Modal.confirm({
      title, content: <Input.TextArea rows={3} placeholder={L('理由（退回或不予批准须填写）', 'Reasons (required to return or reject)')} onChange={(e) => { reasons = e.target.value; }} />,
      onOk: () => run(action, { decision, reasons }),
    });
  };
  return (
    <Space size={4} wrap>
      {(a.stage === 'draft' || a.stage === 'returned') && can('catalog.draft') && <Button size="small" type="primary" loading={busy} onClick={() => run('submit')} data-testid="adj-submit">{L('提交审核', 'Submit')}</Button>}
      {a.stage === 'review' && can('catalog.review') && <>
        <Button size="small" type="primary" loading={busy} onClick={() => run('review', { decision: 'pass' })} data-testid="adj-review-pass">{L('审核通过', 'Pass review')}</Button>
        <Button size="small" danger onClick={() => withReason(L('退回修改', 'Return'), 'review', 'return')}>{L('退回', 'Return')}</Button>
      </>}
      {a.stage === 'approval' && can('catalog.approve') && <>
        <Button size="small" type="primary" loading={busy} onClick={() => run('decide', { decision: 'approve' })} data-testid="adj-approve">{L('批准', 'Approve')}</Button>
        <Button size="small" onClick={() => withReason(L('退回修改', 'Return'), 'decide', 'return')}>{L('退回', 'Return')}</Button>
        <Button size="small" danger onClick={() => withReason(L('不予批准', 'Reject'), 'decide', 'reject')}>{L('不予批准', 'Reject')}</Button>
      </>}
    </Space>
  );
}
