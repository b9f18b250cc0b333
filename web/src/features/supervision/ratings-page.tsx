import { Breadcrumb, Button, Card, Descriptions, Form, Input, Modal, Radio, Select, Space, Statistic, Tag, Timeline, Typography, message } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { DataTable } from '../../components/data-table';
import { ErrorAlert, PageState, errorText } from '../../components/states';
import { RATING_CHANNELS, RATING_INDICATORS, RATING_TASK_ACTIONS, RATING_TASK_STATUS, RATING_TASK_STEPS, SATISFACTION, VISIT_METHODS } from '../../lib/dict';
import { valuesOf } from '../../lib/form';
import { fmtDue, fmtPct, fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { api } from '../../lib/api';
import { useApi } from '../../lib/use-api';
import { testIdProps } from '../../lib/test-id';

interface RatingRow {
  id?: string; caseNo?: string | null; complaintNo?: string | null; subjectKind?: string; ratedAt: string; departmentName?: string | null; rating: number;
  indicators?: Record<string, number> | null; channel: string; realName?: boolean; reason?: string | null; taskId?: string | null; taskStatus?: string;
}
interface RatingSummary {
  total: number; good: number; goodRate: number | null; bad: number; excluded: number; counted: number; rectified: number; rectifiedRate: number | null;
  rectifiedOnTime: number; onTimeRate: number | null; visited: number; realNameBad: number; visitRate: number | null;
}
interface RatingTaskRow {
  id: string; taskNo: string; subjectKind?: string; subjectNo: string; departmentName?: string | null; rating: number; realName?: boolean;
  openedAt: string; rectifyDueAt?: string | null; status: string; visitedAt?: string | null;
}
interface RatingTaskDetail {
  task: RatingTaskRow;
  rating?: { departmentName?: string | null; channel?: string; raterName?: string | null; raterPhone?: string | null; reason?: string | null; indicators?: Record<string, number> | null } | null;
  may?: { department?: boolean; supervisor?: boolean };
  steps: { step: string; dueAt?: string | null; open?: boolean; overdue?: boolean }[];
  actions: { action: string; at: string; actorName?: string | null; method?: string | null; contact?: string | null; content?: string | null; attachments?: { name: string }[] | null }[];
}
interface RatingTaskForm { content?: string; method?: string; contact?: string; decision?: string; evidence?: string }

const LEVEL_COLOR: Record<number, string> = { 5: 'success', 4: 'green', 3: 'default', 2: 'warning', 1: 'error' };
const STATUS_COLOR: Record<string, string> = { visit: 'processing', rectify: 'processing', feedback: 'cyan', review: 'gold', contested: 'purple', closed: 'success', excluded: 'default' };

function useNames() {
  const { lang } = useI18n();
  const i = lang === 'en' ? 1 : 0;
  return {
    level: (n: number) => { const s = SATISFACTION.find((x) => x.score === n); return s ? (i ? s.en : s.zh) : '—'; },
    channel: (c: string) => RATING_CHANNELS[c]?.[i] ?? '—',
    status: (s: string) => RATING_TASK_STATUS[s]?.[i] ?? '—',
    step: (s: string) => RATING_TASK_STEPS[s]?.[i] ?? '—',
    action: (s: string) => RATING_TASK_ACTIONS[s]?.[i] ?? '—',
    method: (s: string | null) => (s ? VISIT_METHODS[s]?.[i] ?? '—' : ''),
    indicator: (k: string) => { const x = RATING_INDICATORS.find((r) => r.value === k); return x ? (i ? x.en : x.zh) : '—'; },
  };
}

/**
 * 好差评 (四川电子监察办法 第十条(三)、第十一条(三)): every rating with its level, channel and
 * department; the loop's rates (好评率, 差评整改率, 按时整改率, 回访率) with the counts they are made of.
 */
export function RatingsPage() {
  const { L } = useI18n();
  const n = useNames();
  const [level, setLevel] = useState<string>();
  const r = useApi(() => api.get<{ summary?: RatingSummary; ratings?: RatingRow[] }>('/api/supervision/ratings', level ? { level } : undefined), [level]);
  const s = r.data?.summary;
  const rows = r.data?.ratings ?? [];
  return (
    <>
      <Typography.Title level={4}>{L('好差评', 'Ratings')}</Typography.Title>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      {s && (
        <Card style={{ marginBottom: 12 }} data-testid="ratings-summary">
          <Space wrap size="large">
            <Statistic title={L('评价数', 'Ratings')} value={s.total} />
            <Statistic title={L('好评率', 'Good rate')} value={fmtPct(s.goodRate)} suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{L(`好评 ${s.good}／${s.total}`, `${s.good}/${s.total}`)}</Typography.Text>} />
            <Statistic title={L('差评数', 'Bad ratings')} value={s.bad} suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{L(`申诉成立 ${s.excluded}，计入 ${s.counted}`, `${s.excluded} excluded, ${s.counted} counted`)}</Typography.Text>} />
            <Statistic title={L('差评整改率', 'Rectified')} value={fmtPct(s.rectifiedRate)} suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${s.rectified}／${s.counted}`}</Typography.Text>} />
            <Statistic title={L('按时整改率', 'Rectified on time')} value={fmtPct(s.onTimeRate)} suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${s.rectifiedOnTime}／${s.counted}`}</Typography.Text>} />
            <Statistic title={L('回访率', 'Visited')} value={fmtPct(s.visitRate)} suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{L(`实名差评 ${s.visited}／${s.realNameBad}`, `${s.visited}/${s.realNameBad} real-name`)}</Typography.Text>} />
          </Space>
        </Card>
      )}
      <DataTable rowKey={(x) => x.id ?? `${x.caseNo}-${x.ratedAt}`} loading={r.loading} dataSource={rows} data-testid="ratings-table" exportList={{ list: 'ratings', filters: { level } }}
        toolbar={<Select allowClear placeholder={L('评价等级', 'Level')} style={{ width: 150 }} value={level} onChange={setLevel}
          options={[{ value: 'good', label: L('好评', 'Good') }, { value: 'neutral', label: L('中评', 'Neutral') }, { value: 'bad', label: L('差评', 'Bad') }]} />}
        columns={[
          { title: L('评价时间', 'Rated'), dataIndex: 'ratedAt', render: fmtTime },
          { title: L('办件／投诉', 'Subject'), key: 's', render: (_, x) => x.subjectKind === 'complaint' ? <>{L('投诉', 'Complaint')} {x.complaintNo}</> : x.caseNo },
          { title: L('部门', 'Department'), dataIndex: 'departmentName', render: (v) => v ?? '—' },
          { title: L('评价', 'Level'), dataIndex: 'rating', render: (v) => <Tag color={LEVEL_COLOR[v]}>{n.level(v)}</Tag> },
          { title: L('分项', 'Sub-indicators'), dataIndex: 'indicators', render: (v) => v ? Object.entries(v).map(([k, x]) => `${n.indicator(k)} ${x}`).join('，') : '—' },
          { title: L('渠道', 'Channel'), dataIndex: 'channel', render: (v) => n.channel(v) },
          { title: L('实名', 'Real name'), dataIndex: 'realName', render: (v) => (v ? L('实名', 'Yes') : L('匿名', 'No')) },
          { title: L('差评理由', 'Reason'), dataIndex: 'reason', ellipsis: true, width: 220, render: (v) => v ?? '—' },
          { title: L('差评处理', 'Task'), key: 't', fixed: 'right', render: (_, x) => x.taskId ? <Link to={`/supervision/ratings/tasks/${x.taskId}`}><Tag color={STATUS_COLOR[x.taskStatus ?? '']}>{n.status(x.taskStatus ?? '')}</Tag></Link> : '—' },
        ]} scroll={{ x: 'max-content' }} />
    </>
  );
}

/** 工作台: the department's 差评 tasks to work through (or a region's, for a supervisor). */
export function RatingTasksPage() {
  const { L } = useI18n();
  const n = useNames();
  const [open, setOpen] = useState(true);
  const r = useApi(() => api.get<{ tasks?: RatingTaskRow[] }>('/api/supervision/rating-tasks', open ? { open: 'true' } : undefined), [open]);
  const rows = r.data?.tasks ?? [];
  return (
    <>
      <Typography.Title level={4}>{L('差评整改', 'Bad-rating tasks')}</Typography.Title>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable rowKey="id" loading={r.loading} dataSource={rows} data-testid="rating-tasks-table"
        toolbar={<Radio.Group value={open} onChange={(e) => setOpen(e.target.value)} options={[{ value: true, label: L('待办', 'Open') }, { value: false, label: L('全部', 'All') }]} optionType="button" />}
        columns={[
          { title: L('任务编号', 'Task'), dataIndex: 'taskNo', render: (v, t) => <Link to={`/supervision/ratings/tasks/${t.id}`} data-testid="rating-task-link">{v}</Link> },
          { title: L('办件／投诉', 'Subject'), dataIndex: 'subjectNo' },
          { title: L('部门', 'Department'), dataIndex: 'departmentName', render: (v) => v ?? '—' },
          { title: L('评价', 'Level'), dataIndex: 'rating', render: (v) => <Tag color={LEVEL_COLOR[v]}>{n.level(v)}</Tag> },
          { title: L('实名', 'Real name'), dataIndex: 'realName', render: (v) => (v ? L('实名', 'Yes') : L('匿名', 'No')) },
          { title: L('差评时间', 'Rated'), dataIndex: 'openedAt', render: fmtTime },
          { title: L('整改期限', 'Rectify by'), dataIndex: 'rectifyDueAt', render: fmtDue },
          { title: L('状态', 'Status'), dataIndex: 'status', render: (v) => <Tag color={STATUS_COLOR[v]}>{n.status(v)}</Tag> },
        ]} />
    </>
  );
}

type Act = 'visit' | 'rectify' | 'feedback' | 'review' | 'contest' | 'contest-decision';

/** One 差评 task: the rating, each step's limit, what was done (who, when, how, what), and the next step's form. */
export function RatingTaskPage() {
  const { id = '' } = useParams();
  const { L } = useI18n();
  const n = useNames();
  const r = useApi(() => api.get<RatingTaskDetail>(`/api/supervision/rating-tasks/${encodeURIComponent(id)}`), [id]);
  const [act, setAct] = useState<Act | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<RatingTaskForm>();
  const t = r.data?.task;
  const rating = r.data?.rating;
  const may = r.data?.may ?? {};
  const titles: Record<Act, string> = {
    visit: L('登记回访核实', 'Record the visit'), rectify: L('登记整改', 'Record rectification'), feedback: L('反馈评价人', 'Feedback to the rater'),
    review: L('复核', 'Review'), contest: L('申诉', 'Contest'), 'contest-decision': L('申诉复核', 'Decide the contest'),
  };
  const open = (a: Act) => { form.resetFields(); setAct(a); };
  const submit = async () => {
    const v = await valuesOf(form);
    if (!v || !act) return;
    setBusy(true);
    try {
      const body: Record<string, unknown> = { content: v.content };
      if (v.method) body.method = v.method;
      if (v.contact) body.contact = v.contact;
      if (v.decision) body.decision = v.decision;
      if (v.evidence) body.attachments = String(v.evidence).split(/[，,\n]/).map((s) => s.trim()).filter(Boolean).map((name) => ({ name }));
      await api.post(`/api/supervision/rating-tasks/${encodeURIComponent(id)}/${act}`, body);
      message.success(L('已提交', 'Submitted'));
      setAct(null);
      r.reload();
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  const dept = may.department;
  const sup = may.supervisor;
  return (
    <>
      <Breadcrumb items={[{ title: <Link to={sup ? '/supervision/ratings' : '/workbench/bad-ratings'}>{sup ? L('好差评', 'Ratings') : L('差评整改', 'Bad-rating tasks')}</Link> }, { title: t?.taskNo ?? id }]} style={{ marginBottom: 12 }} />
      <PageState loading={r.loading && !r.data} error={r.error} onRetry={r.reload}>
        {t && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card>
              <Space wrap style={{ marginBottom: 12 }}>
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="rating-task-title">{L('差评任务', 'Bad-rating task')} {t.taskNo}</Typography.Title>
                <Tag color={STATUS_COLOR[t.status]} data-testid="rating-task-status" data-status={t.status}>{n.status(t.status)}</Tag>
              </Space>
              <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
                <Descriptions.Item label={L('办件／投诉', 'Subject')}>{t.subjectKind === 'complaint' ? L('投诉 ', 'Complaint ') : ''}{t.subjectNo}</Descriptions.Item>
                <Descriptions.Item label={L('承办部门', 'Department')}>{t.departmentName ?? rating?.departmentName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={L('评价', 'Level')}><Tag color={LEVEL_COLOR[t.rating]}>{n.level(t.rating)}</Tag></Descriptions.Item>
                <Descriptions.Item label={L('评价渠道', 'Channel')}>{n.channel(rating?.channel ?? 'hall')}</Descriptions.Item>
                <Descriptions.Item label={L('评价人', 'Rater')}>{t.realName ? `${rating?.raterName ?? ''} ${rating?.raterPhone ?? ''}` : L('匿名', 'Anonymous')}</Descriptions.Item>
                <Descriptions.Item label={L('评价时间', 'Rated')}>{fmtTime(t.openedAt)}</Descriptions.Item>
                <Descriptions.Item label={L('差评理由', 'Reason')} span={2}>{rating?.reason ?? '—'}</Descriptions.Item>
                {rating?.indicators && <Descriptions.Item label={L('分项评价', 'Sub-indicators')} span={2}>{Object.entries(rating.indicators).map(([k, x]) => `${n.indicator(k)} ${x} 分`).join('，')}</Descriptions.Item>}
              </Descriptions>
            </Card>
            <Card title={L('环节期限', 'Step limits')} size="small">
              <Space wrap>
                {(r.data?.steps ?? []).map((s) => (
                  <Tag key={s.step} color={s.open ? (s.overdue ? 'error' : 'processing') : 'default'} data-testid={`rating-step-${s.step}`}>
                    {n.step(s.step)}：{fmtDue(s.dueAt)}{s.open ? (s.overdue ? L('（已逾期）', ' (overdue)') : '') : L('（已完成）', ' (done)')}
                  </Tag>
                ))}
              </Space>
            </Card>
            <Card title={L('处理记录', 'Record')} size="small">
              <Timeline items={(r.data?.actions ?? []).map((a) => ({
                children: (
                  <div data-testid="rating-task-action">
                    <Typography.Text strong>{n.action(a.action)}</Typography.Text>
                    <Typography.Text type="secondary">　{fmtTime(a.at)} · {a.actorName === 'system' ? L('系统', 'System') : a.actorName}{a.method ? ` · ${n.method(a.method)}` : ''}{a.contact ? ` · ${a.contact}` : ''}</Typography.Text>
                    <div>{a.content}</div>
                    {a.attachments?.length ? <div><Typography.Text type="secondary">{L('材料：', 'Evidence: ')}{a.attachments.map((x) => x.name).join('，')}</Typography.Text></div> : null}
                  </div>
                ),
              }))} />
            </Card>
            <Space wrap>
              {dept && (t.status === 'visit' || (t.status === 'rectify' && !t.visitedAt)) && <Button type={t.status === 'visit' ? 'primary' : 'default'} onClick={() => open('visit')} data-testid="rt-visit">{titles.visit}</Button>}
              {dept && t.status === 'rectify' && <Button type="primary" onClick={() => open('rectify')} data-testid="rt-rectify">{titles.rectify}</Button>}
              {dept && t.status === 'feedback' && <Button type="primary" onClick={() => open('feedback')} data-testid="rt-feedback">{titles.feedback}</Button>}
              {dept && ['visit', 'rectify', 'feedback'].includes(t.status) && <Button onClick={() => open('contest')} data-testid="rt-contest">{titles.contest}</Button>}
              {sup && t.status === 'review' && <Button type="primary" onClick={() => open('review')} data-testid="rt-review">{titles.review}</Button>}
              {sup && t.status === 'contested' && <Button type="primary" onClick={() => open('contest-decision')} data-testid="rt-contest-decision">{titles['contest-decision']}</Button>}
            </Space>
          </Space>
        )}
      </PageState>
      <Modal open={!!act} title={act ? titles[act] : ''} onOk={submit} onCancel={() => setAct(null)} confirmLoading={busy} destroyOnHidden okButtonProps={testIdProps('rt-ok')}>
        <Form form={form} layout="vertical">
          {(act === 'visit' || act === 'feedback') && (
            <Form.Item name="method" label={act === 'visit' ? L('回访方式', 'How') : L('反馈方式', 'How')} rules={[{ required: true, message: L('请选择', 'Required') }]}>
              <Radio.Group options={Object.entries(VISIT_METHODS).map(([k, v]) => ({ value: k, label: L(v[0], v[1]) }))} data-testid="rt-method" />
            </Form.Item>
          )}
          {act === 'visit' && <Form.Item name="contact" label={L('回访对象', 'Whom')} rules={[{ required: true, message: L('请填写', 'Required') }]}><Input id="rt-contact" /></Form.Item>}
          {(act === 'review' || act === 'contest-decision') && (
            <Form.Item name="decision" label={L('结论', 'Decision')} rules={[{ required: true, message: L('请选择', 'Required') }]}>
              <Radio.Group data-testid="rt-decision" options={act === 'review'
                ? [{ value: 'pass', label: L('通过，办结', 'Pass') }, { value: 'return', label: L('退回，重新整改', 'Return') }]
                : [{ value: 'uphold', label: L('维持差评，继续整改', 'Uphold the rating') }, { value: 'accept', label: L('申诉成立，不计入考评', 'Accept the contest') }]} />
            </Form.Item>
          )}
          <Form.Item name="content" label={({ visit: L('核实情况', 'What was found'), rectify: L('整改措施', 'Measures'), feedback: L('反馈内容', 'What the rater was told'), review: L('复核意见', 'Opinion'), contest: L('申诉理由', 'Grounds'), 'contest-decision': L('复核意见', 'Opinion') } as Record<Act, string>)[act ?? 'visit']}
            rules={[{ required: true, message: L('请填写', 'Required') }]}><Input.TextArea rows={4} id="rt-content" /></Form.Item>
          {(act === 'contest' || act === 'rectify') && (
            <Form.Item name="evidence" label={L('证据材料（文件名，逗号分隔）', 'Evidence (file names, comma separated)')} rules={[{ required: act === 'contest', message: L('申诉须附证据材料', 'Evidence is required') }]}><Input id="rt-evidence" /></Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
