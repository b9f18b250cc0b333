import { Alert, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/states';
import { SATISFACTION } from '../../lib/dict';
import { useI18n } from '../../lib/i18n';
import { hallApi } from './hall.api';

/** 评价: rate a concluded case (非常满意 … 非常不满意) with a comment. */
export function RatePage() {
  const { t, L, lang } = useI18n();
  const [params] = useSearchParams();
  // the query code travels in the router's state, never in a URL (logs, history, Referer)
  const carried = (useLocation().state ?? {}) as { caseNo?: string; queryCode?: string };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const submit = async (v: any) => {
    setBusy(true); setError(null);
    try { await hallApi.rate({ caseNo: v.caseNo.trim(), queryCode: v.queryCode.trim(), rating: v.satisfaction, comment: v.comment || undefined }); setDone(true); }
    catch (e) { setError(e); } finally { setBusy(false); }
  };
  return (
    <Card style={{ maxWidth: 640, margin: '0 auto' }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{L('办件评价', 'Rate a concluded case')}</Typography.Title>
      <Typography.Paragraph type="secondary">{L('办结后，可凭办件编号和查询码对办理情况作出评价。', 'Once your case is concluded, rate how it was handled with its number and query code.')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      {done ? <Alert type="success" showIcon title={L('感谢您的评价！', 'Thank you for your rating!')} data-testid="rate-done" /> : (
        <Form layout="vertical" onFinish={submit} initialValues={{ caseNo: carried.caseNo ?? params.get('caseNo') ?? '', queryCode: carried.queryCode ?? '' }}>
          <Form.Item name="caseNo" label={t('caseNo')} rules={[{ required: true }]}><Input id="rate-caseNo" /></Form.Item>
          <Form.Item name="queryCode" label={t('queryCode')} rules={[{ required: true }]}><Input id="rate-queryCode" /></Form.Item>
          <Form.Item name="satisfaction" label={L('满意度', 'Satisfaction')} rules={[{ required: true, message: L('请选择满意度', 'Choose one') }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={SATISFACTION.map((s) => ({ value: s.value, label: lang === 'en' ? s.en : s.zh }))} />
          </Form.Item>
          <Form.Item name="comment" label={L('意见建议', 'Comment')}><Input.TextArea rows={4} maxLength={1000} showCount id="rate-comment" /></Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="rate-submit">{t('submit')}</Button>
        </Form>
      )}
    </Card>
  );
}
