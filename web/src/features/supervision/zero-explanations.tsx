import { Button, Card, DatePicker, Form, Input, List, Select, Typography, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { errorText } from '../../components/states';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useDeptName } from '../../lib/names';
import { useApi } from '../../lib/use-api';
import { useClock } from '../../components/clock-banner';

interface ZeroExplanationsData { explanations?: { month: string; departmentCode: string; departmentName?: string | null; explanation: string; signedBy: string; filedAt: string }[] }

/** 零办件说明 (攀枝花 二(六)): a department with no case in a month files why, by the 3rd of the next. */
export function ZeroExplanations() {
  const { L } = useI18n();
  const dept = useDeptName();
  const { me, can } = useAuth();
  const clock = useClock();
  const r = useApi(() => api.get<ZeroExplanationsData>('/api/supervision/zero-explanations'), []);
  const [form] = Form.useForm();
  const depts = (me?.grants ?? []).map((g) => g.departmentCode).filter(Boolean) as string[];
  const file = async (v: { departmentCode: string; month: Dayjs; explanation: string; signedBy: string }) => {
    try {
      await api.post('/api/supervision/zero-explanations', { departmentCode: v.departmentCode, month: v.month.format('YYYY-MM'), explanation: v.explanation, signedBy: v.signedBy });
      message.success(L('已报送', 'Filed')); form.resetFields(); r.reload();
    } catch (e) { message.error(errorText(e)); }
  };
  return (
    <Card size="small" title={L('零办件说明', 'Zero-case explanations')} style={{ marginTop: 16 }}>
      {can('zero.explain') && (
        <Form form={form} layout="inline" onFinish={file} style={{ rowGap: 8, marginBottom: 12 }}
          initialValues={{ departmentCode: me?.department?.code ?? depts[0], month: (clock ? dayjs(clock.now) : dayjs()).subtract(1, 'month'), signedBy: me?.name }}>
          <Form.Item name="departmentCode" rules={[{ required: true }]}><Select style={{ width: 160 }} options={[...new Set([me?.department?.code, ...depts].filter(Boolean))].map((d) => ({ value: d, label: dept(d) }))} /></Form.Item>
          <Form.Item name="month" rules={[{ required: true }]}><DatePicker picker="month" /></Form.Item>
          <Form.Item name="explanation" rules={[{ required: true, message: L('请说明原因', 'Explain why') }]}><Input style={{ width: 280 }} placeholder={L('当月无办件的原因', 'Why there was no case this month')} /></Form.Item>
          <Form.Item name="signedBy" rules={[{ required: true }]}><Input style={{ width: 100 }} placeholder={L('签发人', 'Signed by')} /></Form.Item>
          <Button htmlType="submit" type="primary">{L('报送', 'File')}</Button>
        </Form>
      )}
      <List size="small" loading={r.loading} dataSource={r.data?.explanations ?? []} locale={{ emptyText: L('暂无', 'None') }}
        renderItem={(x) => <List.Item>{x.month} · {x.departmentName ?? dept(x.departmentCode)} · {x.explanation} <Typography.Text type="secondary">（{x.signedBy}，{fmtTime(x.filedAt)}）</Typography.Text></List.Item>} />
    </Card>
  );
}
