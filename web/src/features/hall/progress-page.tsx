import { Button, Card, Form, Input, Space, Tag, Typography, message } from 'antd';
import { PageTitle } from '../../components/page-title';
import { FilePdfOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/states';
import { useI18n } from '../../lib/i18n';
import { CaseSummary } from './case-summary';
import { hallApi, type PublicCase } from './hall.api';
import { CorrectionAnswer } from './correction-answer';
import { fmtTime } from '../../lib/format';
import { docApi, type NoticeDoc } from '../documents/documents.api';

/** 办件进度: follow a case by its number and query code. */
export function ProgressPage() {
  const { t, L } = useI18n();
  const [params] = useSearchParams();
  // the query code travels in the router's state, never in a URL (logs, history, Referer)
  const carried = (useLocation().state ?? {}) as { caseNo?: string; queryCode?: string };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [c, setC] = useState<PublicCase | null>(null);
  const onFinish = async (v: { caseNo: string; queryCode: string }, keep = false) => {
    setBusy(true); setError(null); if (!keep) setC(null);
    try { const r = await hallApi.progress(v.caseNo.trim(), v.queryCode.trim()); setC({ ...r, caseNo: r.caseNo ?? v.caseNo.trim(), queryCode: v.queryCode.trim() }); } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <PageTitle size={20}>{t('progress')}</PageTitle>
        <Typography.Paragraph type="secondary">{L('凭受理时告知的办件编号和查询码查询办理进度。', 'Enter the case number and query code you were given when your case was accepted.')}</Typography.Paragraph>
        <Form layout="inline" onFinish={(v) => onFinish(v)} initialValues={{ caseNo: carried.caseNo ?? params.get('caseNo') ?? '', queryCode: carried.queryCode ?? '' }} style={{ rowGap: 8 }}>
          <Form.Item name="caseNo" rules={[{ required: true, message: L('请输入办件编号', 'Enter the case number') }]}><Input placeholder={t('caseNo')} aria-label={t('caseNo')} id="progress-caseNo" style={{ minWidth: 220 }} /></Form.Item>
          <Form.Item name="queryCode" rules={[{ required: true, message: L('请输入查询码', 'Enter the query code') }]}><Input placeholder={t('queryCode')} aria-label={t('queryCode')} id="progress-queryCode" /></Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="progress-submit">{L('查询', 'Look up')}</Button>
        </Form>
      </Card>
      <ErrorAlert error={error} />
      {c && (
        <Card title={L('办理情况', 'Status')} extra={c.status === 'concluded' && <Link to="/hall/rate" state={{ caseNo: c.caseNo, queryCode: c.queryCode }}>{L('评价此次办理', 'Rate this case')}</Link>}>
          <CaseSummary c={c} />
        </Card>
      )}
      {c && <CorrectionAnswer key={`${c.caseNo}-${(c.corrections ?? []).length}`} c={c} onDone={() => void onFinish({ caseNo: c.caseNo, queryCode: c.queryCode }, true)} />}
      {c && <ApplicantNotices caseNo={c.caseNo} queryCode={c.queryCode} />}
    </Space>
  );
}

/** 达州意见 三(七): the applicant's own notices (受理通知书、一次性告知书、不予受理决定书), fetched with the number and query code in a POST body. */
function ApplicantNotices({ caseNo, queryCode }: { caseNo: string; queryCode: string }) {
  const { L } = useI18n();
  const [docs, setDocs] = useState<NoticeDoc[] | null>(null);
  useEffect(() => {
    let live = true;
    docApi.applicantNotices(caseNo, queryCode).then((r) => { if (live) setDocs(r.notices); }, () => { if (live) setDocs([]); });
    return () => { live = false; };
  }, [caseNo, queryCode]);
  if (!docs?.length) return null;
  return (
    <Card title={L('我的文书', 'My notices')} data-testid="applicant-notices">
      <Space orientation="vertical">
        {docs.map((d) => (
          <Space key={d.id} wrap>
            <Button icon={<FilePdfOutlined />} onClick={() => docApi.applicantDownload(caseNo, queryCode, d).catch((e) => message.error(String(e.message ?? e)))} data-testid="applicant-notice-download">{d.title}</Button>
            {d.docNo && <Tag>{d.docNo}</Tag>}
            <Typography.Text type="secondary">{fmtTime(d.issuedAt)}</Typography.Text>
          </Space>
        ))}
      </Space>
    </Card>
  );
}
