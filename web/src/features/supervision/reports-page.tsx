import { Button, Card, DatePicker, Descriptions, Drawer, Input, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import { DownloadOutlined, FileTextOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { DataTable } from '../../components/data-table';
import { useClock } from '../../components/clock-banner';
import { ErrorAlert, errorText } from '../../components/states';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { orgApi } from '../admin/org-pages';
import { lastMonth, periodOptions } from './evaluation.api';

type Kind = 'monthly' | 'quarterly' | 'annual' | 'subject';

/** A line of the report list. */
export interface ReportRow {
  id: string; title: string; revision: number; status: string; docNo: string | null; generatedAt: string;
  headline: { concluded: number; onTimeRate: number | null; red: number; yellow: number };
}
/** The figures of a region for a period (the report's, and the overview's up to now). */
export interface ReportTotals {
  received: number; handled: number; concluded: number; early: number; yellow: number; red: number; ordersIssued: number; ordersAnswered: number;
  complaints: number; complaintsUpheld: number;
  ratios: { conclusion: number | null; onTime: number | null; satisfied: number | null; meanRating: number | null };
}
interface ReportDocument { id: string; format: string; status: string; docNo: string | null; issuedAt: string; sha256: string; intact: boolean }
interface ReportDetail {
  id: string; title: string; periodLabel: string; status: string; docNo: string | null; revision: number; canReview?: boolean;
  generatedBy: string | null; generatedAt: string; approvedBy?: string | null; approvedAt?: string | null; publishedBy?: string | null; publishedAt?: string | null;
  figures?: { totals?: ReportTotals } | null;
  documents: ReportDocument[];
}
/** GET /api/supervision/overview. */
export interface OverviewData {
  totals?: ReportTotals | null;
  departments?: { code: string; name: string; handled: number; ratios: { onTime: number | null } }[];
  scores?: { status: string; departments: { code: string; name: string; rank: number; score: number }[] } | null;
  scoresNote?: string | null;
}

/** The report endpoints (report.routes.ts). */
export const reportApi = {
  list: (q: Record<string, string | undefined>) => api.get<{ reports: ReportRow[]; canGenerate?: boolean }>('/api/supervision/reports', q),
  get: (id: string) => api.get<ReportDetail>(`/api/supervision/reports/${encodeURIComponent(id)}`),
  generate: (body: { region: string; kind: Kind; period: string; subject?: string }) => api.post<{ report: { id: string } }>('/api/supervision/reports', body),
  approve: (id: string) => api.post(`/api/supervision/reports/${encodeURIComponent(id)}/approve`),
  publish: (id: string) => api.post(`/api/supervision/reports/${encodeURIComponent(id)}/publish`),
  fileUrl: (id: string, q: string) => `/api/supervision/reports/${encodeURIComponent(id)}/file?${q}`,
  overview: (q: Record<string, string | undefined>) => api.get<OverviewData>('/api/supervision/overview', q),
};

export const KIND_LABELS: Record<Kind, readonly [string, string]> = {
  monthly: ['月报', 'Monthly'], quarterly: ['季报', 'Quarterly'], annual: ['年报', 'Annual'], subject: ['专题报告', 'Subject'],
};
export const REPORT_STATUS: Record<string, readonly [string, string, string]> = {
  draft: ['草稿（待审定）', 'Draft', 'default'], approved: ['已审定', 'Approved', 'processing'], published: ['已公布', 'Published', 'success'], superseded: ['已由新版本取代', 'Superseded', 'warning'],
};

/** A ratio as read: 75%, 66.67%; — when there is nothing to measure. */
export const fmtRatio = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${Number((r * 100).toFixed(2))}%`);

function periodChoices(kind: Kind, now: Date | undefined) {
  const all = periodOptions(now);
  if (kind === 'monthly') return all.filter((o) => !o.value.includes('Q'));
  if (kind === 'quarterly') return all.filter((o) => o.value.includes('Q'));
  const y = now ? new Date(now.getTime() + 8 * 3600_000).getUTCFullYear() : 2026;
  return [y, y - 1, y - 2].map((v) => ({ value: String(v), label: `${v}年度` }));
}

/** 监察报告: the reports of the regions in scope with their state; generate on demand, approve, publish, download. */
export function ReportsPage() {
  const { L, lang } = useI18n();
  const { me } = useAuth();
  const clock = useClock();
  const now = clock ? new Date(clock.now) : undefined;
  const regions = useApi(() => orgApi.regions(), []);
  const [filterRegion, setFilterRegion] = useState<string>();
  const [status, setStatus] = useState<string>();
  const list = useApi(() => reportApi.list({ region: filterRegion, status }), [filterRegion, status]);
  const [open, setOpen] = useState<string | null>(null);
  const regionOptions = (regions.data ?? []).map((x) => ({ value: x.code, label: x.name }));
  const st = (s: string) => <Tag color={REPORT_STATUS[s]?.[2]} data-testid="report-status">{REPORT_STATUS[s]?.[lang === 'en' ? 1 : 0] ?? s}</Tag>;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{L('监察报告', 'Supervision reports')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {L('每月 3 日（遇节假日顺延）部门说明上月零办件和预警后，系统自动生成上月月报草稿（季末、年末同时生成季报、年报），由监察机构审定、公布；也可随时生成专题报告。报告的 PDF 与 Excel 按原样归档并保存哈希，不可更改。',
          'After the 3rd of each month the engine drafts last month\'s report; the supervision office approves and publishes it. PDF and Excel are archived unchanged with their hash.')}
      </Typography.Paragraph>
      {list.data?.canGenerate ? <GenerateCard regionOptions={regionOptions} defaultRegion={me?.region?.code ?? undefined} now={now} onDone={(id) => { list.reload(); setOpen(id); }} /> : null}
      <Space wrap>
        <Select allowClear placeholder={L('全部地区', 'All regions')} style={{ width: 220 }} value={filterRegion} onChange={setFilterRegion} options={regionOptions} showSearch={{ optionFilterProp: 'label' }} />
        <Select allowClear placeholder={L('全部状态', 'Any status')} style={{ width: 180 }} value={status} onChange={setStatus}
          options={['draft', 'approved', 'published'].map((s) => ({ value: s, label: REPORT_STATUS[s][lang === 'en' ? 1 : 0] }))} />
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <DataTable rowKey="id" loading={list.loading} dataSource={list.data?.reports ?? []} data-testid="reports-table" size="small"
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: L('报告', 'Report'), dataIndex: 'title', width: 260, render: (v: string) => <Typography.Link>{v}</Typography.Link> },
          { title: L('版本', 'Revision'), dataIndex: 'revision', width: 72, render: (v: number) => `第 ${v} 版` },
          { title: L('状态', 'Status'), dataIndex: 'status', width: 100, render: st },
          { title: L('文号', 'Number'), dataIndex: 'docNo', render: (v: string | null) => v ?? '—' },
          { title: L('办结 / 按时率', 'Concluded / on time'), key: 'h', width: 120, render: (_: unknown, r) => `${r.headline.concluded} / ${fmtRatio(r.headline.onTimeRate)}` },
          { title: L('红灯 / 黄灯', 'Red / yellow'), key: 'l', width: 96, render: (_: unknown, r) => `${r.headline.red} / ${r.headline.yellow}` },
          { title: L('生成时间', 'Generated'), dataIndex: 'generatedAt', width: 140, render: fmtTime, onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
          { title: L('下载', 'Download'), key: 'dl', fixed: 'right', width: 150, render: (_: unknown, r) => (
            <Space size="small" onClick={(e) => e.stopPropagation()}>
              <Button size="small" icon={<DownloadOutlined />} href={reportApi.fileUrl(r.id, 'format=pdf')} data-testid="report-pdf">PDF</Button>
              <Button size="small" icon={<DownloadOutlined />} href={reportApi.fileUrl(r.id, 'format=xlsx')} data-testid="report-xlsx">Excel</Button>
            </Space>
          ) },
        ]} />
      <ReportDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />
    </Space>
  );
}

function GenerateCard({ regionOptions, defaultRegion, now, onDone }: { regionOptions: { value: string; label: string }[]; defaultRegion?: string; now?: Date; onDone: (id: string) => void }) {
  const { L, lang } = useI18n();
  const [region, setRegion] = useState<string | undefined>(defaultRegion);
  const [kind, setKind] = useState<Kind>('monthly');
  const [period, setPeriod] = useState<string>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [subject, setSubject] = useState('');
  const [busy, setBusy] = useState(false);
  const choices = periodChoices(kind, now);
  const p = kind === 'subject'
    ? (range?.[0] && range?.[1] ? `${range[0].format('YYYY-MM-DD')}~${range[1].format('YYYY-MM-DD')}` : undefined)
    : period && choices.some((c) => c.value === period) ? period : kind === 'monthly' && now ? lastMonth(now) : undefined;
  const go = async () => {
    if (!region || !p) return;
    setBusy(true);
    try {
      const r = await reportApi.generate({ region, kind, period: p, ...(kind === 'subject' ? { subject } : {}) });
      message.success(L('报告草稿已生成', 'Draft generated'));
      onDone(r.report.id);
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  return (
    <Card size="small" title={L('生成报告', 'Generate a report')}>
      <Space wrap>
        <Select placeholder={L('选择地区', 'Region')} style={{ width: 200 }} value={region} onChange={setRegion} options={regionOptions} showSearch={{ optionFilterProp: 'label' }} data-testid="report-region" />
        <Select style={{ width: 120 }} value={kind} onChange={(k) => { setKind(k); setPeriod(undefined); }} data-testid="report-kind"
          options={(Object.keys(KIND_LABELS) as Kind[]).map((k) => ({ value: k, label: KIND_LABELS[k][lang === 'en' ? 1 : 0] }))} />
        {kind === 'subject' ? (
          <>
            <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} />
            <Input style={{ width: 220 }} placeholder={L('专题名称，如：超时办件分析', 'Subject')} value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={100} />
          </>
        ) : (
          <Select style={{ width: 180 }} value={p} onChange={setPeriod} options={choices} placeholder={L('报告期间', 'Period')} data-testid="report-period" />
        )}
        <Button type="primary" icon={<FileTextOutlined />} loading={busy} disabled={!region || !p || (kind === 'subject' && !subject.trim())} onClick={go} data-testid="report-generate">
          {L('生成草稿', 'Generate draft')}
        </Button>
      </Space>
    </Card>
  );
}

function ReportDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const { L } = useI18n();
  const r = useApi(() => (id ? reportApi.get(id) : Promise.resolve(null)), [id], !!id);
  const [busy, setBusy] = useState(false);
  const d = r.data;
  const act = async (what: 'approve' | 'publish') => {
    const ok = await new Promise<boolean>((resolve) => Modal.confirm({
      title: what === 'approve' ? L('审定此报告？', 'Approve this report?') : L('公布此报告？', 'Publish this report?'),
      content: what === 'approve' ? L('审定后签发带文号的 PDF 与 Excel，数字与草稿相同，原样归档，不可更改。', 'Approval issues the numbered PDF and Excel, archived unchanged.')
        : L('公布后报送本级党委、人大、政府、政协及相关部门领导参阅。', 'Published to the leaders of the region.'),
      onOk: () => resolve(true), onCancel: () => resolve(false),
    }));
    if (!ok || !id) return;
    setBusy(true);
    try { await (what === 'approve' ? reportApi.approve(id) : reportApi.publish(id)); message.success(what === 'approve' ? L('已审定', 'Approved') : L('已公布', 'Published')); r.reload(); onChanged(); }
    catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  const t = d?.figures?.totals;
  return (
    <Drawer open={!!id} onClose={onClose} size="large" title={d?.title ?? L('监察报告', 'Report')} data-testid="report-drawer">
      <ErrorAlert error={r.error} onRetry={r.reload} />
      {d ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered items={[
            { key: 'p', label: L('报告期间', 'Period'), children: d.periodLabel },
            { key: 's', label: L('状态', 'Status'), children: <Tag color={REPORT_STATUS[d.status]?.[2]} data-testid="drawer-status">{REPORT_STATUS[d.status]?.[0]}</Tag> },
            { key: 'n', label: L('文号', 'Number'), children: d.docNo ?? '—' },
            { key: 'v', label: L('版本', 'Revision'), children: `第 ${d.revision} 版` },
            { key: 'g', label: L('生成', 'Generated'), children: `${d.generatedBy === 'system' ? '系统' : d.generatedBy ?? ''} ${fmtTime(d.generatedAt)}` },
            { key: 'a', label: L('审定', 'Approved'), children: d.approvedAt ? `${d.approvedBy ?? ''} ${fmtTime(d.approvedAt)}` : '—' },
            { key: 'u', label: L('公布', 'Published'), children: d.publishedAt ? `${d.publishedBy ?? ''} ${fmtTime(d.publishedAt)}` : '—' },
          ]} />
          {d.canReview ? (
            <Space>
              <Button type="primary" loading={busy} disabled={d.status !== 'draft'} onClick={() => act('approve')} data-testid="report-approve">{L('审定并签发', 'Approve')}</Button>
              <Button loading={busy} disabled={d.status !== 'approved'} onClick={() => act('publish')} data-testid="report-publish">{L('公布', 'Publish')}</Button>
            </Space>
          ) : null}
          {t ? (
            <Descriptions size="small" column={3} title={L('主要数字', 'Figures')} items={[
              { key: 'r', label: L('受理', 'Received'), children: t.received },
              { key: 'c', label: L('办结', 'Concluded'), children: t.concluded },
              { key: 'o', label: L('按时办结率', 'On time'), children: fmtRatio(t.ratios.onTime) },
              { key: 'e', label: L('提前办结', 'Early'), children: t.early },
              { key: 'y', label: L('黄灯', 'Yellow'), children: t.yellow },
              { key: 'rd', label: L('红灯', 'Red'), children: t.red },
              { key: 'oi', label: L('督办发出 / 反馈', 'Orders / answered'), children: `${t.ordersIssued} / ${t.ordersAnswered}` },
              { key: 'cp', label: L('投诉 / 属实', 'Complaints / upheld'), children: `${t.complaints} / ${t.complaintsUpheld}` },
              { key: 'sa', label: L('满意率', 'Satisfied'), children: fmtRatio(t.ratios.satisfied) },
            ]} />
          ) : null}
          <Card size="small" title={L('归档文档（电子档案）', 'Archived documents')}>
            <Table<ReportDocument> size="small" rowKey="id" pagination={false} dataSource={d.documents} data-testid="report-documents" columns={[
              { title: L('文件', 'File'), key: 'f', render: (_: unknown, x) => `${x.format === 'pdf' ? 'PDF' : 'Excel'}（${x.status === 'approved' ? L('签发', 'issued') : L('草稿', 'draft')}）` },
              { title: L('文号', 'Number'), dataIndex: 'docNo', render: (v: string | null) => v ?? '—' },
              { title: L('归档时间', 'Archived'), dataIndex: 'issuedAt', render: fmtTime },
              { title: L('哈希校验', 'Hash'), key: 'h', render: (_: unknown, x) => x.intact
                ? <Tag color="success" title={x.sha256}>{L('完好', 'intact')}</Tag> : <Tag color="error">{L('已被改动', 'altered')}</Tag> },
              { title: L('下载', 'Download'), key: 'd', render: (_: unknown, x) => <Button size="small" icon={<DownloadOutlined />} href={reportApi.fileUrl(d.id, `document=${x.id}`)} /> },
            ]} />
          </Card>
        </Space>
      ) : null}
    </Drawer>
  );
}
