import { Alert, Button, Card, Form, Input, Radio, Rate, Space, Switch, Typography } from 'antd';
import { PageTitle } from '../../components/page-title';
import { useState } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/states';
import { RATING_INDICATORS, SATISFACTION } from '../../lib/dict';
import { useI18n } from '../../lib/i18n';
import { hallApi } from './hall.api';

const BAD = new Set(['dissatisfied', 'very_dissatisfied']);

/** The rating form: the level, the sub-indicators (ind_<code>), and the rater when named. */
interface RateForm {
  subject?: string; caseNo: string; queryCode: string; satisfaction: string; comment?: string; reason?: string; realName?: boolean;
  raterName?: string; raterPhone?: string; [indicator: `ind_${string}`]: number | undefined;
}

/**
 * 好差评: rate a concluded case or complaint once (一事一评): five levels, the four sub-indicators,
 * a reason required for 差评, real-name (with a phone for the visit) or anonymous. The window's
 * rating device and the SMS link open this page with `?channel=window|sms`.
 */
export function RatePage() {
  const { t, L, lang } = useI18n();
  const [params] = useSearchParams();
  // the query code travels in the router's state, never in a URL (logs, history, Referer)
  const carried = (useLocation().state ?? {}) as { caseNo?: string; queryCode?: string; complaintNo?: string };
  const channel = ['window', 'sms'].includes(params.get('channel') ?? '') ? params.get('channel')! : 'hall';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<null | { taskNo: string | null }>(null);
  const [form] = Form.useForm();
  const level = Form.useWatch('satisfaction', form);
  const realName = Form.useWatch('realName', form);
  const subject = Form.useWatch('subject', form) ?? 'case';
  const submit = async (v: RateForm) => {
    setBusy(true); setError(null);
    const indicators = Object.fromEntries(RATING_INDICATORS.map((i) => [i.value, v[`ind_${i.value}`]]).filter(([, x]) => x));
    const body: Record<string, unknown> = {
      queryCode: v.queryCode.trim(), rating: v.satisfaction, comment: v.comment || undefined, reason: v.reason || undefined,
      indicators: Object.keys(indicators).length ? indicators : undefined, channel, realName: !!v.realName,
      rater: v.realName ? { name: v.raterName, phone: v.raterPhone } : undefined,
    };
    try {
      const r = v.subject === 'complaint'
        ? await hallApi.rateComplaint({ ...body, complaintNo: v.caseNo.trim() })
        : await hallApi.rate({ ...body, caseNo: v.caseNo.trim() });
      setDone({ taskNo: r?.taskNo ?? null });
    } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return (
    <Card style={{ maxWidth: 680, margin: '0 auto' }}>
      <PageTitle size={20}>{L('好差评', 'Rate the service')}</PageTitle>
      <Typography.Paragraph type="secondary">{L('办结后，可凭编号和查询码对办理情况作出评价，一事一评。差评须说明理由，承办部门将回访核实并限期整改。', 'Once concluded, rate how it was handled, once. A bad rating needs a reason; the department will follow up and rectify.')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      {done ? (
        <Alert type="success" showIcon data-testid="rate-done" title={L('感谢您的评价！', 'Thank you for your rating!')}
          description={done.taskNo ? L(`您的差评已转承办部门核实整改（任务编号 ${done.taskNo}），整改结果将反馈给您。`, `Your rating was sent to the department for rectification (task ${done.taskNo}).`) : undefined} />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ subject: carried.complaintNo ? 'complaint' : 'case', caseNo: carried.complaintNo ?? carried.caseNo ?? params.get('caseNo') ?? '', queryCode: carried.queryCode ?? '', realName: false }}>
          <Form.Item name="subject" label={L('评价对象', 'What you rate')}>
            <Radio.Group options={[{ value: 'case', label: L('办件', 'A case') }, { value: 'complaint', label: L('投诉办理', 'A complaint') }]} />
          </Form.Item>
          <Form.Item name="caseNo" htmlFor="rate-caseNo" label={subject === 'complaint' ? L('投诉编号', 'Complaint number') : t('caseNo')} rules={[{ required: true }]}><Input id="rate-caseNo" /></Form.Item>
          <Form.Item name="queryCode" htmlFor="rate-queryCode" label={t('queryCode')} rules={[{ required: true }]}><Input id="rate-queryCode" /></Form.Item>
          <Form.Item name="satisfaction" label={L('总体评价', 'Overall')} rules={[{ required: true, message: L('请选择评价等级', 'Choose one') }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={SATISFACTION.map((s) => ({ value: s.value, label: lang === 'en' ? s.en : s.zh }))} />
          </Form.Item>
          <Space wrap size="large">
            {RATING_INDICATORS.map((i) => (
              <Form.Item key={i.value} name={`ind_${i.value}`} label={lang === 'en' ? i.en : i.zh}><Rate data-testid={`rate-ind-${i.value}`} /></Form.Item>
            ))}
          </Space>
          {BAD.has(level) && (
            <Form.Item name="reason" htmlFor="rate-reason" label={L('差评理由', 'Reason')} rules={[{ required: true, message: L('差评须说明理由', 'A bad rating needs a reason') }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount id="rate-reason" />
            </Form.Item>
          )}
          <Form.Item name="comment" htmlFor="rate-comment" label={L('意见建议', 'Comment')}><Input.TextArea rows={3} maxLength={1000} showCount id="rate-comment" /></Form.Item>
          <Form.Item name="realName" label={L('实名评价（便于回访）', 'Real name (so we can follow up)')} valuePropName="checked"><Switch data-testid="rate-realname" /></Form.Item>
          {realName && (
            <Space wrap>
              <Form.Item name="raterName" htmlFor="rate-raterName" label={L('姓名', 'Name')} rules={[{ required: true }]}><Input id="rate-raterName" /></Form.Item>
              <Form.Item name="raterPhone" htmlFor="rate-raterPhone" label={L('联系电话', 'Phone')} rules={[{ required: true }]}><Input id="rate-raterPhone" /></Form.Item>
            </Space>
          )}
          <div><Button type="primary" htmlType="submit" loading={busy} data-testid="rate-submit">{t('submit')}</Button></div>
        </Form>
      )}
    </Card>
  );
}
