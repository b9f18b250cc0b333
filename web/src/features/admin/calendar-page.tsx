import { Alert, Button, Card, Col, Form, Input, InputNumber, Modal, Progress, Row, Select, Space, Tag, Tooltip, Typography, Upload, message } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { PageState, errorText } from '../../components/states';
import { api } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { valuesOf } from '../../lib/form';

const KIND_STYLE: Record<string, { bg: string; fg: string }> = {
  workday: { bg: '#fff', fg: '#262626' },
  weekend: { bg: '#f5f5f5', fg: '#8c8c8c' },
  holiday: { bg: '#ffccc7', fg: '#a8071a' },
  makeup_workday: { bg: '#d6e4ff', fg: '#10239e' },
};
const KIND_LABELS: Record<string, readonly [string, string]> = {
  workday: ['工作日', 'Working day'], weekend: ['周末', 'Weekend'], holiday: ['法定节假日', 'Public holiday'], makeup_workday: ['调休上班', 'Make-up working day'],
};


/** A day of the working calendar. */
interface CalendarDay { date: string; kind: string; name?: string | null; provisional?: boolean; regional?: boolean }

/** 工作日历: the year view, day edits and .ics/JSON import (interface standard §1, §7). */
export function CalendarPage() {
  const { t, L, label, lang } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const status = useApi(() => api.get<{ years?: { year: number; source?: string; version?: number }[] }>('/api/calendar'), []);
  const r = useApi(() => api.get<{ days?: CalendarDay[] }>(`/api/calendar/years/${year}/days`), [year]);
  const [edit, setEdit] = useState<CalendarDay | null>(null);
  const [pct, setPct] = useState<number | null>(null);
  const [form] = Form.useForm<{ kind: string; name?: string | null; source?: string }>();
  const byMonth = useMemo(() => {
    const m: CalendarDay[][] = Array.from({ length: 12 }, () => []);
    for (const d of r.data?.days ?? []) m[Number(d.date.slice(5, 7)) - 1].push(d);
    return m;
  }, [r.data]);
  const loaded = (status.data?.years ?? []).find((y) => y.year === year);
  const save = async () => {
    const v = await valuesOf(form);
    if (!v || !edit) return;
    try { await api.put(`/api/calendar/days/${edit.date}`, { kind: v.kind, name: v.name || null, source: v.source || null }); message.success(L('已保存，在办件时限将重新计算', 'Saved; open deadlines are recomputed')); setEdit(null); r.reload(); }
    catch (e) { message.error(errorText(e)); }
  };
  const importFile = async (file: File) => {
    setPct(10);
    try {
      const text = await file.text();
      setPct(40);
      const body: Record<string, unknown> = { source: `${L('导入文件', 'imported file')} ${file.name}` };
      if (/\.ics$/i.test(file.name) || text.startsWith('BEGIN:VCALENDAR')) body.ics = text;
      else {
        let parsed: unknown;
        try { parsed = JSON.parse(text); } catch { throw new Error(L('文件须为 .ics 或 JSON', 'The file must be .ics or JSON')); }
        const file = parsed as { days?: unknown; source?: unknown } | null;
        body.days = Array.isArray(parsed) ? parsed : file?.days;
        if (file?.source) body.source = file.source;
      }
      const x = await api.post<{ recomputed?: number | null } | null>(`/api/calendar/years/${year}/import`, body);
      setPct(100);
      message.success(L(`已导入 ${year} 年日历`, `Imported ${year}`) + (x?.recomputed != null ? L(`，重算时限 ${x.recomputed} 个`, `, ${x.recomputed} deadlines recomputed`) : ''));
      r.reload(); status.reload();
    } catch (e) { message.error(errorText(e)); } finally { setTimeout(() => setPct(null), 800); }
    return false;
  };
  const weekdays = lang === 'en' ? ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] : ['一', '二', '三', '四', '五', '六', '日'];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('calendar')}</Typography.Title>
        <Space wrap>
          <Button onClick={() => setYear(year - 1)}>‹</Button>
          <InputNumber value={year} min={2000} max={2040} onChange={(v) => v && setYear(v)} style={{ width: 90 }} />
          <Button onClick={() => setYear(year + 1)}>›</Button>
          <Upload accept=".ics,.json" beforeUpload={importFile} showUploadList={false}><Button icon={<UploadOutlined />}>{L('导入 .ics / JSON', 'Import .ics / JSON')}</Button></Upload>
          {pct !== null && <Progress percent={pct} size="small" style={{ width: 120 }} />}
          <a href={`/api/calendar/years/${year}/export?format=ics`}><Button icon={<DownloadOutlined />}>{L('导出 .ics', 'Export .ics')}</Button></a>
        </Space>
      </Space>
      {status.data && !loaded && <Alert type="warning" showIcon title={L(`${year} 年官方日历未载入：该年时限按周一至周五暂定计算，请导入`, `${year}'s official calendar is not loaded: limits in it are provisional (Mon–Fri); import it`)} />}
      {loaded && <Typography.Text type="secondary">{L('来源', 'Source')}：{loaded.source} · {L('版本', 'version')} {loaded.version}</Typography.Text>}
      <Space wrap>{Object.keys(KIND_STYLE).map((k) => <Tag key={k} style={{ background: KIND_STYLE[k].bg, color: KIND_STYLE[k].fg }}>{label(KIND_LABELS, k)}</Tag>)}</Space>
      <PageState loading={r.loading && !r.data} error={r.error} onRetry={r.reload}>
        <Row gutter={[12, 12]} data-testid="calendar-year">
          {byMonth.map((days, m) => {
            const first = days[0] ? (new Date(days[0].date + 'T00:00:00Z').getUTCDay() + 6) % 7 : 0;
            return (
              <Col key={m} xs={24} sm={12} md={8} xl={6}>
                <Card size="small" title={lang === 'en' ? new Date(Date.UTC(year, m, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' }) : `${m + 1} 月`}>
                  <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, fontSize: 12, textAlign: 'center' }}>
                    {weekdays.map((w) => <div key={w} style={{ color: '#8c8c8c' }}>{w}</div>)}
                    {Array.from({ length: first }, (_, i) => <div key={`e${i}`} />)}
                    {days.map((d) => (
                      <Tooltip key={d.date} title={`${d.date} ${label(KIND_LABELS, d.kind)}${d.name ? ` · ${d.name}` : ''}${d.provisional ? L('（暂定）', ' (provisional)') : ''}`}>
                        <div onClick={() => { form.setFieldsValue({ kind: d.kind, name: d.name, source: '' }); setEdit(d); }} data-date={d.date} data-kind={d.kind}
                          style={{ cursor: 'pointer', padding: '3px 0', borderRadius: 4, background: KIND_STYLE[d.kind]?.bg, color: KIND_STYLE[d.kind]?.fg, border: d.regional ? '1px dashed #722ed1' : '1px solid #f0f0f0', fontStyle: d.provisional ? 'italic' : undefined }}>
                          {Number(d.date.slice(8))}
                        </div>
                      </Tooltip>
                    ))}
                  </div>
                </Card>
              </Col>
            );
          })}
        </Row>
      </PageState>
      <Modal open={!!edit} title={edit?.date} onOk={save} onCancel={() => setEdit(null)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={L('类型', 'Kind')} rules={[{ required: true }]}><Select options={Object.keys(KIND_LABELS).map((k) => ({ value: k, label: label(KIND_LABELS, k) }))} /></Form.Item>
          <Form.Item name="name" label={L('名称（如 国庆节）', 'Name (e.g. National Day)')}><Input /></Form.Item>
          <Form.Item name="source" label={L('依据（如 国务院办公厅通知文号）', 'Source (e.g. State Council notice)')}><Input /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
