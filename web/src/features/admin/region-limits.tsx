import { Button, Card, Descriptions, Form, Input, InputNumber, Space, Typography, message } from 'antd';
import { ErrorAlert, errorText } from '../../components/states';
import { api } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';

/** The limits a region sets for its subtree (working days); a lower region may only shorten one set above (接口标准 §4). */
const LIMITS: { key: string; zh: string; en: string; max: number }[] = [
  { key: 'orderResponseDays', zh: '督办反馈期限', en: 'Order answer limit', max: 20 },
  { key: 'orderMaxExtensionDays', zh: '督办延期上限', en: 'Order extension cap', max: 10 },
  { key: 'yellowCorrectionDays', zh: '黄牌整改期限', en: 'Yellow card correction', max: 30 },
  { key: 'redEscalationDays', zh: '红牌上报期限', en: 'Red card escalation', max: 60 },
  { key: 'complaintAcceptanceDays', zh: '投诉受理期限', en: 'Complaint acceptance', max: 5 },
  { key: 'complaintTransferDays', zh: '投诉转办办结期限', en: 'Transferred complaint result', max: 60 },
  { key: 'badRatingVisitDays', zh: '差评回访核实期限', en: 'Bad rating: visit', max: 10 },
  { key: 'badRatingRectifyDays', zh: '差评整改期限', en: 'Bad rating: rectification', max: 30 },
  { key: 'badRatingFeedbackDays', zh: '差评反馈期限', en: 'Bad rating: feedback', max: 10 },
  { key: 'badRatingReviewDays', zh: '差评复核期限', en: 'Bad rating: review', max: 20 },
];


/** A region's limits: in force, where each comes from (the region that set it; none for the platform default), and its own. */
interface RegionLimits { effective: Record<string, number | null>; from: Record<string, string>; own: Record<string, number | null> }
/** 地区监察时限: the limits in force in the chosen region, where each comes from, and the form for its own. */
export function RegionLimitsCard({ region, regionName }: { region: string; regionName: (code: string) => string }) {
  const { L } = useI18n();
  const r = useApi(() => api.get<RegionLimits>(`/api/supervision/settings/regions/${region}`), [region]);
  const [form] = Form.useForm();
  const save = async (v: Record<string, unknown>) => {
    const { reason, ...limits } = v;
    const body: Record<string, unknown> = { reason };
    for (const l of LIMITS) body[l.key] = limits[l.key] ?? null;
    try {
      await api.put(`/api/supervision/settings/regions/${region}`, body);
      message.success(L('已保存', 'Saved'));
      form.resetFields(['reason']);
      r.reload();
    } catch (err) { message.error(errorText(err)); }
  };
  const d = r.data;
  return (
    <Card size="small" style={{ marginTop: 16 }} title={L(`${regionName(region)} 监察时限（工作日）`, `Supervision limits of ${regionName(region)} (working days)`)}>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      {d && (
        <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
          {LIMITS.map((l) => (
            <Descriptions.Item key={l.key} label={L(l.zh, l.en)}>
              {d.effective[l.key]}{' '}
              <Typography.Text type="secondary">{d.from[l.key] ? L(`（${regionName(d.from[l.key])}设定）`, `(set by ${regionName(d.from[l.key])})`) : L('（平台默认）', '(platform default)')}</Typography.Text>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {d && (
        <Form form={form} layout="inline" key={`${region}-${JSON.stringify(d.own)}`} initialValues={d.own} onFinish={save}>
          {LIMITS.map((l) => (
            <Form.Item key={l.key} name={l.key} label={L(l.zh, l.en)}>
              <InputNumber min={l.key === 'orderMaxExtensionDays' ? 0 : 1} max={l.max} placeholder={L('沿用上级', 'inherit')} style={{ width: 100 }} />
            </Form.Item>
          ))}
          <Form.Item name="reason" rules={[{ required: true, message: L('须填写调整理由', 'A reason is required') }]}>
            <Input placeholder={L('调整理由（记入审计）', 'Reason (audited)')} style={{ width: 240 }} />
          </Form.Item>
          <Space><Button type="primary" htmlType="submit">{L('保存本地区时限', 'Save this region\'s limits')}</Button></Space>
        </Form>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {L('下级地区只能缩短上级设定的时限，不能延长；留空即沿用上级或平台默认。', 'A lower region may only shorten a limit set above; leave blank to inherit.')}
      </Typography.Paragraph>
    </Card>
  );
}
