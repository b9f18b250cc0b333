import { Alert, Button, Card, Col, Form, Input, List, Row, Select, Space, Tag, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { errorText, PageState } from '../../components/states';
import { api, asList } from '../../lib/api';
import type { Named } from '../../lib/api-models';
import { useAuth } from '../../lib/auth';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { valuesOf } from '../../lib/form';
import { docApi } from './documents.api';

/**
 * 文书模板: the region administrator's wording of each notice (title, body with placeholders,
 * issuing authority, 文号 series). Each save is a new version; the placeholders each kind accepts
 * are listed, and an unknown one is refused by the server with its name.
 */
export function NoticeTemplatesPage() {
  const { t, L } = useI18n();
  const { me } = useAuth();
  const regions = useApi(async () => asList<Named>(await api.get('/api/org/regions'), 'regions'), [], !me?.region);
  const [region, setRegion] = useState<string | undefined>(me?.region?.code);
  useEffect(() => { if (!region && regions.data?.length) setRegion(regions.data[0].code); }, [regions.data, region]);
  const r = useApi(() => docApi.templates(region!), [region], !!region);
  const [kind, setKind] = useState<string>('acceptance_notice');
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ title: string; authority: string; numberPrefix: string; body: string; note?: string }>();
  const tpl = r.data?.templates?.find((x) => x.kind === kind);
  useEffect(() => {
    if (tpl) form.setFieldsValue({ title: tpl.inForce.title, authority: tpl.inForce.authority, numberPrefix: tpl.inForce.numberPrefix, body: tpl.inForce.paragraphs.join('\n'), note: '' });
  }, [tpl, form]);
  const save = async () => {
    const v = await valuesOf(form);
    if (!v) return;
    setBusy(true);
    try {
      const s = await docApi.saveTemplate({ regionCode: region, kind, title: v.title, authority: v.authority, numberPrefix: v.numberPrefix, paragraphs: String(v.body).split('\n'), note: v.note || null });
      message.success(L(`已保存为第 ${s.version} 版`, `Saved as version ${s.version}`));
      r.reload();
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  const insert = (p: string) => form.setFieldsValue({ body: `${form.getFieldValue('body') ?? ''}{${p}}` });
  const source = tpl?.source ? (tpl.source.regionCode === region ? L(`本地区第 ${tpl.source.version} 版`, `this region, version ${tpl.source.version}`) : L(`沿用上级地区第 ${tpl.source.version} 版`, `inherited, version ${tpl.source.version}`)) : L('平台默认模板', 'platform default');
  return (
    <>
      <Typography.Title level={4}>{t('noticeTemplates')}</Typography.Title>
      {!me?.region && (
        <Space style={{ marginBottom: 12 }}>
          <span>{L('地区', 'Region')}</span>
          <Select style={{ width: 200 }} value={region} onChange={setRegion} options={(regions.data ?? []).map((x) => ({ value: x.code, label: x.name }))} />
        </Space>
      )}
      <PageState loading={r.loading && !r.data} error={r.error} onRetry={r.reload}>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={7}>
            <Card size="small" title={L('文书种类', 'Kinds')}>
              <List size="small" dataSource={r.data?.templates ?? []} renderItem={(x) => (
                <List.Item onClick={() => setKind(x.kind)} style={{ cursor: 'pointer', background: x.kind === kind ? '#e6f4ff' : undefined, paddingInline: 8 }} data-testid="template-kind">
                  <Space>{x.name}{x.source?.regionCode === region && <Tag color="blue">{L('已自定义', 'Customised')}</Tag>}</Space>
                </List.Item>
              )} />
            </Card>
          </Col>
          <Col xs={24} lg={17}>
            {tpl && (
              <Card size="small" title={<Space>{tpl.name}<Typography.Text type="secondary">{L('现行：', 'In force: ')}{source}</Typography.Text></Space>}
                extra={<Button type="primary" onClick={save} loading={busy} data-testid="template-save">{L('保存为新版本', 'Save as a new version')}</Button>}>
                <Alert type="info" showIcon style={{ marginBottom: 12 }} title={<span>{L('可用占位符（点击插入正文）：', 'Placeholders (click to insert): ')}{tpl.placeholders.map((p) => <Tag key={p} style={{ cursor: 'pointer' }} onClick={() => insert(p)}>{`{${p}}`}</Tag>)}</span>}
                  description={L('发文机关和文号前缀可用 {地区}、{地区简称}、{部门}。使用其他占位符将被拒绝。', 'The authority and the number prefix may use {地区}, {地区简称}, {部门}. Any other placeholder is refused.')} />
                <Form form={form} layout="vertical">
                  <Form.Item name="title" label={L('标题', 'Title')} rules={[{ required: true }]}><Input id="template-title" maxLength={50} /></Form.Item>
                  <Row gutter={12}>
                    <Col span={14}><Form.Item name="authority" label={L('发文机关', 'Issuing authority')} rules={[{ required: true }]}><Input id="template-authority" /></Form.Item></Col>
                    <Col span={10}><Form.Item name="numberPrefix" label={L('文号前缀', 'Number prefix')} extra={L('文号形如：前缀〔2026〕1号', 'Numbers read: prefix〔2026〕1号')} rules={[{ required: true }]}><Input id="template-prefix" /></Form.Item></Col>
                  </Row>
                  <Form.Item name="body" label={L('正文（每行一段）', 'Body (one paragraph per line)')} rules={[{ required: true }]}><Input.TextArea rows={10} id="template-body" /></Form.Item>
                  <Form.Item name="note" label={L('修改说明', 'Note')}><Input id="template-note" /></Form.Item>
                </Form>
                <Typography.Title level={5}>{L('本地区版本', 'Versions of this region')}</Typography.Title>
                <List size="small" dataSource={tpl.versions} locale={{ emptyText: L('尚未自定义', 'Not customised yet') }} renderItem={(v) => (
                  <List.Item>{L(`第 ${v.version} 版`, `Version ${v.version}`)} · {v.title} · {fmtTime(v.createdAt)} · {v.createdByName}{v.note ? `：${v.note}` : ''}</List.Item>
                )} />
              </Card>
            )}
          </Col>
        </Row>
      </PageState>
    </>
  );
}
