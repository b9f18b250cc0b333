import { Button, Card, Checkbox, Descriptions, Empty, Form, Input, Radio, Space, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageState, errorText } from '../../components/states';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { valuesOf } from '../../lib/form';
import { StreamPlayer } from './stream-player';
import { OUTCOME_LABELS, windowApi, type VideoPatrol } from './windows.api';

interface PatrolForm { outcome: 'normal' | 'abnormal'; findings: string; issues?: string; raiseAlert: boolean }

/**
 * 视频巡查 (川办 电子监察办法 第十一条(一); 盐城电子监察办法 第十条): a supervisor watches a window's cameras
 * and records what was observed; the patrol counts in the day's quota, an abnormal one raises an alert
 * from which an order or an accountability entry may follow.
 */
export function WindowPage() {
  const { id = '' } = useParams();
  const { L } = useI18n();
  const r = useApi(() => windowApi.get(id), [id]);
  const [form] = Form.useForm<PatrolForm>();
  const [saving, setSaving] = useState(false);
  const [last, setLast] = useState<{ alertId: string | null } | null>(null);
  const outcome = Form.useWatch('outcome', form);
  const save = async () => {
    const v = await valuesOf(form);
    if (!v) return;
    setSaving(true);
    try {
      const issues = String(v.issues ?? '').split('\n').map((s) => s.trim()).filter(Boolean).map((note) => ({ note }));
      const res = await windowApi.patrol(id, { outcome: v.outcome, findings: v.findings, issues, raiseAlert: v.outcome === 'abnormal' ? v.raiseAlert : undefined });
      message.success(L('巡查已登记，计入当日巡查', 'Patrol recorded and counted for the day'));
      setLast({ alertId: res.alertId });
      form.resetFields();
      r.reload();
    } catch (e) { message.error(errorText(e)); } finally { setSaving(false); }
  };
  const w = r.data?.window;
  return (
    <PageState loading={r.loading && !r.data} error={r.error} onRetry={r.reload}>
      {w && (
        <>
          <Typography.Title level={4}>{L('视频巡查', 'Video patrol')}：{w.name}</Typography.Title>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }} items={[
            { key: 'hall', label: L('所在大厅', 'Hall'), children: w.hall },
            { key: 'loc', label: L('位置', 'Location'), children: w.location },
            { key: 'dept', label: L('部门', 'Department'), children: w.departmentName ?? '—' },
          ]} />
          <Space align="start" wrap size={16} style={{ width: '100%' }}>
            <Card size="small" title={L('实时画面', 'Live picture')} style={{ minWidth: 360, maxWidth: 680 }}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {w.streams.length ? w.streams.map((s, i) => <StreamPlayer key={`${i}-${s.url}`} stream={s} />) : <Empty description={L('该窗口未登记视频流', 'No stream registered')} />}
              </Space>
            </Card>
            {r.data?.canPatrol && (
              <Card size="small" title={L('登记视频巡查', 'Record the video patrol')} style={{ minWidth: 360 }}>
                <Form form={form} layout="vertical" initialValues={{ outcome: 'normal', raiseAlert: true }} disabled={!w.active}>
                  <Form.Item name="outcome" label={L('巡查结论', 'Verdict')} rules={[{ required: true }]}>
                    <Radio.Group data-testid="patrol-outcome" options={(['normal', 'abnormal'] as const).map((k) => ({ value: k, label: L(OUTCOME_LABELS[k][0], OUTCOME_LABELS[k][1]) }))} />
                  </Form.Item>
                  <Form.Item name="findings" label={L('巡查情况（工作纪律、服务态度、办事状况）', 'What was observed')} rules={[{ required: true, message: L('请填写巡查情况', 'Findings required') }]}>
                    <Input.TextArea rows={3} maxLength={4000} data-testid="patrol-findings" />
                  </Form.Item>
                  {outcome === 'abnormal' && (
                    <>
                      <Form.Item name="issues" label={L('发现问题（每行一条）', 'Problems found (one per line)')} rules={[{ required: true, message: L('请写明发现的问题', 'List the problems') }]}>
                        <Input.TextArea rows={3} data-testid="patrol-issues" />
                      </Form.Item>
                      <Form.Item name="raiseAlert" valuePropName="checked"><Checkbox>{L('向该部门发出窗口巡查预警', 'Raise an alert on the department')}</Checkbox></Form.Item>
                    </>
                  )}
                  <Button type="primary" onClick={save} loading={saving} data-testid="patrol-save">{L('登记巡查', 'Record')}</Button>
                  {!w.active && <Typography.Paragraph type="secondary">{L('该窗口已停用', 'This window is inactive')}</Typography.Paragraph>}
                </Form>
                {last?.alertId && (
                  <Typography.Paragraph style={{ marginTop: 12 }} data-testid="patrol-alert">
                    {L('已发出预警：', 'Alert raised: ')}<Link to={`/supervision/alerts/${last.alertId}`}>{L('查看预警，可继续督办或问责', 'open it to order or hold to account')}</Link>
                  </Typography.Paragraph>
                )}
              </Card>
            )}
          </Space>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{L('巡查记录', 'Patrols of this window')}</Typography.Title>
          <Table<VideoPatrol> size="small" rowKey="id" dataSource={r.data?.patrols ?? []} pagination={false} data-testid="window-patrols"
            locale={{ emptyText: L('尚无视频巡查记录', 'No video patrol yet') }}
            columns={[
              { title: L('时间', 'Time'), dataIndex: 'patrolledAt', render: (v: string) => new Date(v).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) },
              { title: L('巡查人', 'By'), dataIndex: 'supervisorName' },
              { title: L('结论', 'Verdict'), dataIndex: 'outcome', render: (v: 'normal' | 'abnormal') => <Tag color={OUTCOME_LABELS[v][2]}>{L(OUTCOME_LABELS[v][0], OUTCOME_LABELS[v][1])}</Tag> },
              { title: L('巡查情况', 'Findings'), dataIndex: 'findings' },
              { title: L('发现问题', 'Problems'), dataIndex: 'issues', render: (v: { note: string }[]) => v.map((x) => x.note).join('；') || '—' },
              { title: L('预警', 'Alert'), dataIndex: 'alertId', render: (v: string | null) => v ? <Link to={`/supervision/alerts/${v}`}>{L('查看', 'Open')}</Link> : '—' },
            ]} />
        </>
      )}
    </PageState>
  );
}
