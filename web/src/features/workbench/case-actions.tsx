import { Button, Form, Input, InputNumber, Modal, Radio, Select, Space, message } from 'antd';
import { useState } from 'react';
import { errorText } from '../../components/states';
import { EVENT_LABELS } from '../../lib/dict';
import { useI18n } from '../../lib/i18n';
import { wbApi } from './workbench.api';
import { useClock } from '../../components/clock-banner';
import { valuesOf } from '../../lib/form';
import type { CaseView } from '../../lib/api-models';
import { CASE_COMMAND_PATHS, type CaseCommandKind } from '@domain/cases/command-paths';
import { testIdProps } from '../../lib/test-id';

/** Command kinds → the event of §3 they produce (for labels). */
export const COMMAND_EVENT: Record<string, string> = {
  completeStep: 'step.completed', requestCorrection: 'correction.requested', suspend: 'case.suspended', resume: 'case.resumed',
  extend: 'case.extended', return: 'case.returned', decide: 'case.decided', reject: 'case.rejected', terminate: 'case.terminated',
  accept: 'case.registered', execute: 'penalty.executed', chargeFee: 'fee.charged', close: 'case.closed', removeEvidence: 'evidence.removed', attachEvidence: 'evidence.attached',
};

const DANGER = new Set(['reject', 'terminate']);

/** `stepsOnly`: an account that completes flow steps only (the 法制审核员 on the steps given to the post). */
export function CaseActions({ c, onDone, stepsOnly = false }: { c: CaseView; onDone: () => void; stepsOnly?: boolean }) {
  const { L, label } = useI18n();
  const [type, setType] = useState<CaseCommandKind | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const clock = useClock();
  const steps = c.flow?.steps ?? [];
  const stepName = (k: string | null | undefined) => steps.find((s) => s.key === k)?.name ?? k;
  const fees = c.item?.fees ?? [];
  const discretion = c.item?.discretion ?? [];
  const acts = (c.allowedActions ?? []).filter((a): a is CaseCommandKind => a in CASE_COMMAND_PATHS && a !== 'attachEvidence' && a !== 'removeEvidence' && a !== 'register' && (!stepsOnly || a === 'completeStep'));
  const applying = c.status === 'submitted';
  const open = (t: CaseCommandKind) => {
    form.resetFields();
    setType(t);
    if (t === 'close') void submit(t, {});
    // 不予受理: the remedies the applicant is told of, from the item's published ones
    if (t === 'reject' && applying) setTimeout(() => form.setFieldValue('remedies', c.item?.remedies ?? ''), 0);
  };
  const actName = (a: CaseCommandKind) => (a === 'accept' ? L('受理申请', 'Accept the application') : a === 'requestCorrection' && applying ? L('一次性告知补正', 'Ask for corrections (all at once)') : label(EVENT_LABELS, COMMAND_EVENT[a]));
  const submit = async (t: CaseCommandKind, data: Record<string, unknown>) => {
    setBusy(true);
    try {
      await wbApi.command(c.id, t, data);
      message.success(`${label(EVENT_LABELS, COMMAND_EVENT[t])}：${L('已提交', 'done')}`);
      setType(null);
      onDone();
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  const onOk = async () => {
    const v = await valuesOf(form);
    if (!v) return;
    let data: Record<string, unknown> = {};
    switch (type) {
      case 'completeStep': data = { step: c.currentStep, opinion: { verdict: v.verdict, text: v.text ?? '' } }; break;
      case 'return': data = { toStep: v.toStep, reason: v.reason }; break;
      case 'requestCorrection': data = { materials: String(v.materials).split(/[\n,，、]/).map((s: string) => s.trim()).filter(Boolean), reason: v.reason }; break;
      case 'suspend': data = { reason: v.reason, basis: v.basis ?? '' }; break;
      case 'extend': data = { workingDays: v.workingDays, reason: v.reason, approvedBy: v.approvedBy }; break;
      case 'decide': data = { outcome: v.outcome, legalBasis: v.legalBasis, reason: v.reason ?? '', documentNo: v.documentNo, ...(v.outcome === 'penalty' ? { penalty: { kind: v.penaltyKind ?? 'fine', amount: v.amount, circumstance: v.circumstance } } : {}) }; break;
      case 'execute': data = { amount: v.amount, receiptNo: v.receiptNo, paidAt: clock?.now ?? new Date().toISOString() }; break;
      case 'chargeFee': data = { feeCode: v.feeCode, amount: v.amount }; break;
      case 'reject': data = { reason: v.reason, ...(v.remedies ? { remedies: v.remedies } : {}) }; break;
      case 'terminate': data = { reason: v.reason }; break;
      default: data = {};
    }
    await submit(type!, data);
  };
  const reason = (required = true) => <Form.Item name="reason" label={L('理由', 'Reason')} rules={[{ required, message: L('请填写理由', 'Give the reason') }]}><Input.TextArea rows={3} id="action-reason" /></Form.Item>;
  const rollbackTargets = (c.flow?.rollbacks ?? []).filter((r) => r[0] === c.currentStep).map((r) => r[1]);
  return (
    <>
      <Space wrap data-testid="case-actions">
        {acts.length === 0 && <span style={{ color: '#999' }}>{L('无可用操作', 'Nothing to do')}</span>}
        {c.status === 'concluded' && acts.length > 0 && <span style={{ color: '#999' }}>{L('已办结，仍可登记：', 'Concluded; you may still record:')}</span>}
        {acts.map((a) => (
          <Button key={a} type={a === 'completeStep' || a === 'decide' || a === 'close' || a === 'accept' ? 'primary' : 'default'} danger={DANGER.has(a)} onClick={() => open(a)} loading={busy && type === a} data-action={a}>
            {a === 'completeStep' ? `${L('办结环节', 'Complete step')}：${stepName(c.currentStep)}` : actName(a)}
          </Button>
        ))}
      </Space>
      <Modal open={!!type && type !== 'close'} title={type ? actName(type) : ''} onOk={onOk} onCancel={() => setType(null)} confirmLoading={busy} destroyOnHidden okButtonProps={testIdProps('action-ok')}>
        <Form form={form} layout="vertical" initialValues={{ verdict: 'agree', outcome: c.item?.category === 'penalty' ? 'penalty' : 'approved', workingDays: 5 }}>
          {type === 'completeStep' && <>
            <Form.Item name="verdict" label={L('意见', 'Opinion')}><Radio.Group options={[{ value: 'agree', label: L('同意', 'Agree') }, { value: 'disagree', label: L('不同意', 'Disagree') }]} /></Form.Item>
            <Form.Item noStyle shouldUpdate>{({ getFieldValue }) => (
              // 成都办法: 否定意见须说明理由
              <Form.Item name="text" label={L('意见内容', 'Text')} rules={[{ required: getFieldValue('verdict') === 'disagree', message: L('不同意须说明理由', 'A disagreement needs a reason') }]}><Input.TextArea rows={3} id="action-text" /></Form.Item>
            )}</Form.Item>
          </>}
          {type === 'return' && <>
            <Form.Item name="toStep" label={L('退回到', 'Return to')} rules={[{ required: true }]}><Select options={rollbackTargets.map((k: string) => ({ value: k, label: stepName(k) }))} /></Form.Item>
            {reason()}
          </>}
          {type === 'requestCorrection' && <>
            <Form.Item name="materials" label={L('需补正的材料（一次性告知，逐行填写）', 'Materials to correct (all at once, one per line)')} rules={[{ required: true, message: L('请列明全部需补正的材料', 'List every missing material') }]}
              extra={(c.item?.materials ?? []).length ? `${L('本事项申请材料', 'The item\'s materials')}：${(c.item?.materials ?? []).join('、')}` : undefined}><Input.TextArea rows={3} id="action-materials" /></Form.Item>
            {reason()}
          </>}
          {type === 'suspend' && <>{reason()}<Form.Item name="basis" label={L('依据', 'Basis')} rules={[{ required: true }]}><Input /></Form.Item></>}
          {type === 'extend' && <>
            <Form.Item name="workingDays" label={L('延长工作日', 'Working days')} rules={[{ required: true }]}><InputNumber min={1} max={60} /></Form.Item>
            {reason()}
            <Form.Item name="approvedBy" label={L('批准人', 'Approved by')} rules={[{ required: true }]}><Input /></Form.Item>
          </>}
          {type === 'decide' && <>
            <Form.Item name="outcome" label={L('决定结果', 'Outcome')}><Select options={[
              { value: 'approved', label: L('准予', 'Approved') }, { value: 'denied', label: L('不予许可', 'Denied') },
              { value: 'penalty', label: L('给予处罚', 'Penalty') }, { value: 'no_penalty', label: L('不予处罚', 'No penalty') }, { value: 'other', label: L('其他', 'Other') }]} /></Form.Item>
            <Form.Item name="legalBasis" label={L('法律依据', 'Legal basis')} rules={[{ required: true, message: L('决定须载明法律依据', 'A decision needs its legal basis') }]}><Input id="action-legalBasis" /></Form.Item>
            <Form.Item name="documentNo" label={L('文书编号', 'Document number')} rules={[{ required: true }]}><Input id="action-documentNo" /></Form.Item>
            <Form.Item noStyle shouldUpdate>{({ getFieldValue }) => <>
              {/* 不予许可须说明理由 */}
              <Form.Item name="reason" label={L('理由', 'Reason')} rules={[{ required: getFieldValue('outcome') === 'denied', message: L('不予许可须说明理由', 'A denial needs a reason') }]}><Input.TextArea rows={2} id="action-decision-reason" /></Form.Item>
              {getFieldValue('outcome') === 'penalty' && <>
                <Form.Item name="circumstance" label={L('裁量情节', 'Circumstance')} rules={[{ required: true }]}><Select id="action-circumstance" options={discretion.map((d) => ({ value: d.circumstance, label: `${d.circumstance}（${d.min}–${d.max}）` }))} /></Form.Item>
                <Form.Item name="amount" label={L('罚款金额（元）', 'Amount (yuan)')} rules={[{ required: true }]}><InputNumber min={0} style={{ width: 200 }} id="action-amount" /></Form.Item>
              </>}
            </>}</Form.Item>
          </>}
          {type === 'execute' && <>
            <Form.Item name="amount" label={L('执行金额', 'Amount')} rules={[{ required: true }]} initialValue={c.decision?.penalty?.amount}><InputNumber min={0} /></Form.Item>
            <Form.Item name="receiptNo" label={L('票据号', 'Receipt number')} rules={[{ required: true }]}><Input /></Form.Item>
          </>}
          {type === 'chargeFee' && <>
            <Form.Item name="feeCode" label={L('收费项目', 'Fee')} rules={[{ required: true }]}><Select options={fees.map((f) => ({ value: f.code, label: `${f.name}（¥${f.amount}）` }))} onChange={(v) => form.setFieldValue('amount', fees.find((f) => f.code === v)?.amount)} /></Form.Item>
            <Form.Item name="amount" label={L('金额', 'Amount')} rules={[{ required: true }]}><InputNumber min={0} /></Form.Item>
          </>}
          {(type === 'reject' || type === 'terminate') && reason()}
          {type === 'reject' && applying && (
            <Form.Item name="remedies" label={L('救济途径（告知申请人）', 'Remedies (told to the applicant)')} rules={[{ required: true, message: L('请告知申请人救济途径', 'Tell the applicant the remedies') }]}>
              <Input.TextArea rows={3} id="action-remedies" />
            </Form.Item>
          )}
          {type === 'accept' && <p>{L('受理后开始计算办理时限，申请人可凭查询码查看。', 'Once accepted the limits start; the applicant sees it with the query code.')}</p>}
          {type === 'resume' && <p>{L('恢复办理后，时限继续计算。', 'The limits resume counting.')}</p>}
        </Form>
      </Modal>
    </>
  );
}
