import { Breadcrumb, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, List, Modal, Radio, Select, Space, Table, Tag, Typography, message } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useClock } from '../../components/clock-banner';
import { LevelTag } from '../../components/light-tag';
import { PageState, errorText } from '../../components/states';
import { CATEGORY_LABELS } from '../../lib/dict';
import { fmtTime, toCstIso } from '../../lib/format';
import { valuesOf } from '../../lib/form';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { ENTRY_KINDS } from '../documents/documents.api';
import { CHECK_RESULTS, periodName, samplingApi, VISIT_METHODS, type CheckItem, type CheckResult, type FindingBody, type VisitMethod } from './sampling.api';

interface VisitForm { method: VisitMethod; visitedAt: Dayjs; partyName: string; answer: string; satisfied: boolean }
interface FindingForm {
  description: string; checkKeys?: string[]; visitId?: string; outcome: 'alert' | 'accountability'; level: 'yellow' | 'red';
  kind: string; requirement: string; replyDays?: number;
}
type Answers = Record<string, { result?: CheckResult; remark: string }>;

/**
 * A sampled case (川办发〔2014〕2号 电子监察办法 第十一条(三)(四)): the checklist of its category answered
 * 符合/不符合/不适用 with remarks, the 回访 to its parties, and findings turned into an alert or 问责.
 */
export function SampledCasePage() {
  const { id = '', caseId = '' } = useParams();
  const { t, L, lang, label } = useI18n();
  const r = useApi(() => samplingApi.sampledCase(id, caseId), [id, caseId]);
  const data = r.data;
  const [answers, setAnswers] = useState<Answers>({});
  const [summary, setSummary] = useState('');
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<'visit' | 'finding' | null>(null);
  const [visitForm] = Form.useForm<VisitForm>();
  const [findingForm] = Form.useForm<FindingForm>();
  const outcome = Form.useWatch('outcome', findingForm) ?? 'alert';
  const clock = useClock();

  useEffect(() => {
    const a: Answers = {};
    for (const x of data?.latest?.answers ?? []) a[x.key] = { result: x.result, remark: x.remark };
    setAnswers(a);
    setSummary(data?.latest?.summary ?? '');
  }, [data]);

  const set = (key: string, patch: Partial<{ result: CheckResult; remark: string }>) => setAnswers((a) => ({ ...a, [key]: { ...(a[key] ?? { remark: '' }), ...patch } }));
  const saveCheck = async (items: CheckItem[]) => {
    const missing = items.filter((i) => !answers[i.key]?.result);
    if (missing.length) { message.error(L(`尚未作答：${missing.map((i) => i.label).join('、')}`, `${missing.length} checks not answered`)); return; }
    setBusy(true);
    try {
      const c = await samplingApi.check(id, caseId, { answers: items.map((i) => ({ key: i.key, result: answers[i.key].result as CheckResult, remark: answers[i.key].remark ?? '' })), summary: summary || undefined });
      message.success(c.nonconforming ? L(`已保存，不符合 ${c.nonconforming} 项`, `Saved; ${c.nonconforming} not conforming`) : L('已保存，全部符合', 'Saved; all conform'));
      r.reload();
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  const saveVisit = async () => {
    const v = await valuesOf(visitForm);
    if (!v) return;
    setBusy(true);
    try {
      await samplingApi.visit(id, caseId, { method: v.method, visitedAt: toCstIso(v.visitedAt.toDate()), partyName: v.partyName, answer: v.answer, satisfied: v.satisfied });
      message.success(L('回访已登记', 'Visit recorded')); setDialog(null); r.reload();
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  const saveFinding = async () => {
    const v = await valuesOf(findingForm);
    if (!v) return;
    const body: FindingBody = {
      description: v.description, checkKeys: v.checkKeys?.length ? v.checkKeys : undefined, visitId: v.visitId || undefined, outcome: v.outcome,
      ...(v.outcome === 'alert' ? { level: v.level } : { accountability: { kind: v.kind, requirement: v.requirement, replyDays: v.replyDays ?? null } }),
    };
    setBusy(true);
    try {
      const res = await samplingApi.finding(id, caseId, body);
      message.success(res.alert ? L('已转为监察预警', 'Alert raised') : L(`已提出问责 ${res.entry?.entryNo ?? ''}`, `Accountability entry ${res.entry?.entryNo ?? ''}`));
      setDialog(null); r.reload();
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };

  const nonconforming = (data?.latest?.answers ?? []).filter((a) => a.result === 'nonconform');
  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[
        { title: <Link to="/supervision/sampling">{t('sampling')}</Link> },
        { title: <Link to={`/supervision/sampling/draws/${id}`}>{data?.draw.drawNo ?? '…'}</Link> },
        { title: data?.case.caseNo ?? '…' },
      ]} />
      <PageState loading={r.loading && !data} error={r.error} onRetry={r.reload}>
        {data && (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small">
              <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
                { label: L('办件编号', 'Case'), children: data.case.caseNo ?? '—' },
                { label: L('事项', 'Item'), children: data.case.itemName ?? '—' },
                { label: L('类别', 'Category'), children: label(CATEGORY_LABELS, data.category) },
                { label: L('办结时间', 'Concluded'), children: fmtTime(data.case.concludedAt) },
                { label: L('抽查期间', 'Period'), children: periodName(data.draw.period, lang) },
                { label: L('办件详情', 'Case record'), children: <Link to={`/workbench/cases/${data.case.id}`}>{L('查看办理过程', 'Open the case')}</Link> },
              ]} />
            </Card>

            <Card size="small" title={L(`检查表（${label(CATEGORY_LABELS, data.category)}）`, `Checklist (${label(CATEGORY_LABELS, data.category)})`)}
              extra={data.latest && <Typography.Text type="secondary">{L('最近检查', 'Last checked')}：<span data-raw>{data.latest.checkedByName}</span> {fmtTime(data.latest.checkedAt)}{L(`（共 ${data.checks.length} 次）`, ` (${data.checks.length} in all)`)}</Typography.Text>}>
              <Table<CheckItem> rowKey="key" size="small" pagination={false} dataSource={data.checklist} data-testid="checklist"
                columns={[
                  { title: L('检查项', 'Check'), dataIndex: 'label' },
                  { title: L('结论', 'Result'), dataIndex: 'key', render: (k: string) => (
                    <Radio.Group disabled={!data.canAct} value={answers[k]?.result} onChange={(e) => set(k, { result: e.target.value as CheckResult })} data-testid={`check-${k}`}
                      options={(Object.keys(CHECK_RESULTS) as CheckResult[]).map((v) => ({ value: v, label: label(CHECK_RESULTS, v) }))} />
                  ) },
                  { title: L('说明', 'Remark'), dataIndex: 'key', key: 'remark', render: (k: string) => (
                    <Input disabled={!data.canAct} value={answers[k]?.remark ?? ''} onChange={(e) => set(k, { remark: e.target.value })} data-testid={`remark-${k}`}
                      status={answers[k]?.result === 'nonconform' && !answers[k]?.remark?.trim() ? 'error' : undefined}
                      placeholder={answers[k]?.result === 'nonconform' ? L('不符合须写明情况', 'State what is wrong') : ''} style={{ minWidth: 240 }} />
                  ) },
                ]} />
              {data.canAct && (
                <Space style={{ marginTop: 12, width: '100%' }} direction="vertical">
                  <Input.TextArea rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} placeholder={L('检查意见（可选）', 'Summary (optional)')} />
                  <Button type="primary" loading={busy} onClick={() => saveCheck(data.checklist)} data-testid="check-save">{L('保存检查结果', 'Save the checklist')}</Button>
                </Space>
              )}
            </Card>

            <Card size="small" title={L('回访记录', 'Follow-up visits')} extra={data.canAct && <Button onClick={() => { visitForm.resetFields(); setDialog('visit'); }} data-testid="visit-new">{L('登记回访', 'Record a visit')}</Button>}>
              <List size="small" dataSource={data.visits} locale={{ emptyText: L('尚无回访', 'No visits yet') }} data-testid="visits"
                renderItem={(v) => (
                  <List.Item>
                    <Space wrap>
                      <Tag>{label(VISIT_METHODS, v.method)}</Tag><span>{fmtTime(v.visitedAt)}</span><span>{L('被回访人', 'Party')}：{v.partyName}</span>
                      <span>{v.answer}</span>{v.satisfied ? <Tag color="success">{L('满意', 'Satisfied')}</Tag> : <Tag color="error">{L('不满意', 'Not satisfied')}</Tag>}
                      <Typography.Text type="secondary">{L('回访人', 'By')}：<span data-raw>{v.visitorName}</span></Typography.Text>
                    </Space>
                  </List.Item>
                )} />
            </Card>

            <Card size="small" title={L('发现问题', 'Findings')} extra={data.canAct && (nonconforming.length > 0 || data.visits.length > 0) && <Button danger onClick={() => { findingForm.resetFields(); setDialog('finding'); }} data-testid="finding-new">{L('发现问题转办', 'Turn a finding into action')}</Button>}>
              <List size="small" dataSource={data.findings} locale={{ emptyText: L('尚无发现问题', 'No findings') }} data-testid="findings"
                renderItem={(f) => (
                  <List.Item>
                    <Space wrap>
                      <span>{f.description}</span>
                      {f.outcome === 'alert' && f.alertId && <><LevelTag level={f.alertLevel} /><Link to={`/supervision/alerts/${f.alertId}`} data-testid="finding-alert">{L('查看预警', 'Open the alert')}</Link></>}
                      {f.outcome === 'accountability' && f.accountabilityId && <><Tag color="purple">{L('问责', 'Accountability')}</Tag><Link to={`/supervision/accountability/${f.accountabilityId}`}>{f.entryNo}</Link></>}
                      <Typography.Text type="secondary"><span data-raw>{f.createdByName}</span> {fmtTime(f.createdAt)}</Typography.Text>
                    </Space>
                  </List.Item>
                )} />
            </Card>
          </Space>
        )}
      </PageState>

      <Modal open={dialog === 'visit'} title={L('登记回访', 'Record a visit')} onOk={saveVisit} confirmLoading={busy} onCancel={() => setDialog(null)} destroyOnHidden okButtonProps={{ 'data-testid': 'visit-submit' } as ButtonProps}>
        <Form form={visitForm} layout="vertical" initialValues={{ method: 'phone', visitedAt: clock ? dayjs(clock.now) : dayjs(), satisfied: true }}>
          <Form.Item name="method" label={L('回访方式', 'How')}><Radio.Group optionType="button" options={(Object.keys(VISIT_METHODS) as VisitMethod[]).map((m) => ({ value: m, label: label(VISIT_METHODS, m) }))} /></Form.Item>
          <Form.Item name="visitedAt" label={L('回访时间', 'When')} rules={[{ required: true }]}><DatePicker showTime allowClear={false} /></Form.Item>
          <Form.Item name="partyName" label={L('被回访人', 'Party visited')} rules={[{ required: true, message: L('请填写被回访人', 'Name the party') }]}><Input maxLength={100} data-testid="visit-party" /></Form.Item>
          <Form.Item name="answer" label={L('回访情况（当事人意见）', "The party's answer")} rules={[{ required: true, message: L('请填写回访情况', 'Write the answer') }]}><Input.TextArea rows={3} data-testid="visit-answer" /></Form.Item>
          <Form.Item name="satisfied" label={L('是否满意', 'Satisfied')}><Radio.Group optionType="button" options={[{ value: true, label: L('满意', 'Satisfied') }, { value: false, label: L('不满意', 'Not satisfied') }]} data-testid="visit-satisfied" /></Form.Item>
        </Form>
      </Modal>

      <Modal open={dialog === 'finding'} title={L('发现问题转办', 'Turn a finding into action')} onOk={saveFinding} confirmLoading={busy} onCancel={() => setDialog(null)} destroyOnHidden okButtonProps={{ 'data-testid': 'finding-submit' } as ButtonProps}>
        <Form form={findingForm} layout="vertical" initialValues={{ outcome: 'alert', level: 'yellow', kind: 'inquiry', checkKeys: nonconforming.map((a) => a.key) }}>
          <Form.Item name="description" label={L('发现的问题', 'What was found')} rules={[{ required: true, message: L('请写明发现的问题', 'Describe the finding') }]}><Input.TextArea rows={3} data-testid="finding-description" /></Form.Item>
          <Form.Item name="checkKeys" label={L('依据的不符合项', 'Checks it rests on')}>
            <Select mode="multiple" options={nonconforming.map((a) => ({ value: a.key, label: a.label ?? a.key }))} />
          </Form.Item>
          <Form.Item name="visitId" label={L('依据的回访', 'Visit it rests on')}>
            <Select allowClear options={(data?.visits ?? []).map((v) => ({ value: v.id, label: `${fmtTime(v.visitedAt)} ${label(VISIT_METHODS, v.method)} ${v.partyName}` }))} />
          </Form.Item>
          <Form.Item name="outcome" label={L('转办方式', 'Turn into')}>
            <Radio.Group optionType="button" options={[{ value: 'alert', label: L('监察预警', 'An alert') }, { value: 'accountability', label: L('问责', 'Accountability') }]} data-testid="finding-outcome" />
          </Form.Item>
          {outcome === 'alert' ? (
            <Form.Item name="level" label={t('level')}><Radio.Group options={[{ value: 'yellow', label: L('黄色预警', 'Yellow') }, { value: 'red', label: L('红色报警', 'Red') }]} /></Form.Item>
          ) : (
            <>
              <Form.Item name="kind" label={L('问责方式', 'Kind')}><Select options={Object.keys(ENTRY_KINDS).map((k) => ({ value: k, label: label(ENTRY_KINDS, k) }))} /></Form.Item>
              <Form.Item name="requirement" label={L('问责要求', 'Requirement')} rules={[{ required: true, message: L('请填写问责要求', 'Write the requirement') }]}><Input.TextArea rows={2} /></Form.Item>
              <Form.Item name="replyDays" label={L('回复期限（工作日）', 'Reply within (working days)')}><InputNumber min={1} max={30} precision={0} /></Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
