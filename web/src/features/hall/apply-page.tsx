import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Form, Input, Radio, Result, Row, Space, Typography } from 'antd';
import { PageTitle } from '../../components/page-title';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageState, ErrorAlert } from '../../components/states';
import { api } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { fmtTime } from '../../lib/format';
import { CaptchaField } from '../auth/second-factor';
import { hallApi } from './hall.api';
import { MaterialFiles, MAX_MB, type Chosen } from './material-files';

/** 在线申请 (川办发〔2014〕2号 平台办法 第五条(六)): applicant, one file per material, → case number and 查询码. */
export function ApplyPage() {
  const { code = '' } = useParams();
  const { t, L } = useI18n();
  const r = useApi(() => hallApi.item(code), [code]);
  const it = r.data?.item ?? r.data;
  const info = useApi(() => api.get<{ publicCaptcha?: boolean }>('/api/system/info'), []);
  const captchaOn = !!info.data?.publicCaptcha;
  const [captchaId, setCaptchaId] = useState<string | null>(null);
  const [captchaKey, setCaptchaKey] = useState(0);
  const [files, setFiles] = useState<Chosen>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Awaited<ReturnType<typeof hallApi.apply>> | null>(null);
  const [form] = Form.useForm<{ kind: string; name: string; idNumber: string; phone: string; captcha?: string }>();
  const kind = Form.useWatch('kind', form) ?? 'person';
  const materials: string[] = it?.materials ?? [];
  const submit = async (v: { kind: string; name: string; idNumber: string; phone: string; captcha?: string }) => {
    setError(null);
    if (!it) return;
    const chosen = materials.filter((m) => files[m]);
    if (!chosen.length) { setError(new Error(L('请至少上传一项申请材料', 'Upload at least one material'))); return; }
    setBusy(true);
    try {
      const fd = new FormData();
      fd.append('application', JSON.stringify({
        itemCode: it.code, applicant: { kind: v.kind, name: v.name.trim(), idNumber: v.idNumber.trim().toUpperCase(), phone: v.phone.trim() },
        files: chosen, ...(captchaOn ? { captchaId, captcha: v.captcha } : {}),
      }));
      chosen.forEach((m, i) => fd.append(`f${i}`, files[m]!, files[m]!.name));
      setDone(await hallApi.apply(fd));
    } catch (e) { setError(e); setCaptchaKey((k) => k + 1); } finally { setBusy(false); }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/">{t('catalog')}</Link> }, { title: it ? <Link to={`/hall/items/${encodeURIComponent(code)}`}>{it.name}</Link> : code }, { title: L('在线申请', 'Apply online') }]} />
      <PageState loading={r.loading} error={r.error} onRetry={r.reload}>
        {it && done && (
          <Card data-testid="apply-result">
            <Result status="success" title={L('申请已提交，等待受理', 'Application submitted; awaiting acceptance')}
              subTitle={L('请记下办件编号和查询码，凭它们查询受理情况、提交补正材料。', 'Keep the case number and query code: use them to follow the application and to answer requests for corrections.')}
              extra={<Link to="/hall/progress" state={{ caseNo: done.caseNo, queryCode: done.queryCode }} data-testid="apply-follow"><Button type="primary">{L('查询办理进度', 'Follow it')}</Button></Link>} />
            <Descriptions bordered column={1} size="small" style={{ maxWidth: 560, margin: '0 auto' }}>
              <Descriptions.Item label={t('caseNo')}><b data-testid="apply-caseNo">{done.caseNo}</b></Descriptions.Item>
              <Descriptions.Item label={t('queryCode')}><b data-testid="apply-queryCode">{done.queryCode}</b></Descriptions.Item>
              <Descriptions.Item label={t('item')}>{done.itemName}</Descriptions.Item>
              <Descriptions.Item label={t('department')}>{done.department}</Descriptions.Item>
              <Descriptions.Item label={L('提交时间', 'Submitted')}>{fmtTime(done.submittedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
        )}
        {it && !done && (
          <Card title={<PageTitle size={16}>{`${L('在线申请', 'Apply online')}：${it.name}`}</PageTitle>}>
            <Typography.Paragraph type="secondary">
              {L(`由${it.departmentName ?? it.department?.name ?? '实施部门'}受理。材料不齐全的，部门将一次性告知需补正的全部材料；受理或不予受理均可凭办件编号和查询码查询。`,
                'The department accepts or refuses it, or tells you at once every material still missing; follow it with the case number and query code.')}
            </Typography.Paragraph>
            <ErrorAlert error={error} />
            <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'person' }} style={{ maxWidth: 720 }}>
              <Form.Item name="kind" label={L('申请人类型', 'Applicant')}>
                <Radio.Group options={[{ value: 'person', label: L('自然人', 'Person') }, { value: 'organization', label: L('法人或其他组织', 'Company or organisation') }]} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}><Form.Item name="name" htmlFor="apply-name" label={kind === 'person' ? L('姓名', 'Name') : L('单位名称', 'Name of the organisation')} rules={[{ required: true, message: L('请填写申请人名称', 'Enter the applicant\'s name') }]}><Input id="apply-name" maxLength={100} /></Form.Item></Col>
                <Col xs={24} sm={12}><Form.Item name="idNumber" htmlFor="apply-idNumber" label={kind === 'person' ? L('身份证号', 'ID number') : L('统一社会信用代码', 'Unified social credit code')} rules={[{ required: true, message: L('请填写证件号码', 'Enter the number') }, { pattern: /^[0-9A-Za-z]{18}$/, message: L('须为 18 位', 'Must be 18 characters') }]}><Input id="apply-idNumber" maxLength={18} /></Form.Item></Col>
                <Col xs={24} sm={12}><Form.Item name="phone" htmlFor="apply-phone" label={L('联系电话', 'Phone')} rules={[{ required: true, message: L('请填写联系电话', 'Enter a phone number') }, { pattern: /^[0-9+\- ]{5,20}$/, message: L('请填写有效的电话号码', 'Enter a valid phone number') }]}><Input id="apply-phone" maxLength={20} /></Form.Item></Col>
              </Row>
              <Form.Item label={L('申请材料', 'Materials')} required extra={L(`每项一个文件：PDF、图片（JPG、PNG）或 Word/WPS 文档，每个不超过 ${MAX_MB} MB。`, `One file each: PDF, an image (JPG, PNG) or a Word document, at most ${MAX_MB} MB each.`)}>
                {materials.length ? <MaterialFiles materials={materials} value={files} onChange={setFiles} prefix="apply" />
                  : <Alert type="info" showIcon title={L('本事项未列出申请材料，无法在线申请，请到窗口办理。', 'No materials listed: apply at the counter.')} />}
              </Form.Item>
              {captchaOn && <CaptchaField key={captchaKey} purpose="public" onId={setCaptchaId} />}
              <Button type="primary" htmlType="submit" loading={busy} disabled={!materials.length} data-testid="apply-submit">{L('提交申请', 'Submit the application')}</Button>
            </Form>
          </Card>
        )}
      </PageState>
    </Space>
  );
}
