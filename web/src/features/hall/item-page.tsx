import { Button, Card, Col, Collapse, Descriptions, List, Row, Space, Table, Tag, Typography, Breadcrumb } from 'antd';
import { PageTitle } from '../../components/page-title';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { FlowChart } from '../../components/flow-chart';
import { PageState } from '../../components/states';
import { CATEGORY_LABELS, DISCRETION_KIND_LABELS } from '../../lib/dict';
import { fmtMoney } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { hallApi, type PublicMaterial } from './hall.api';

/** The kinds of item one applies for (as the server's APPLICABLE_CATEGORIES). */
const APPLICABLE = new Set(['license', 'confirmation', 'payment', 'reward', 'adjudication', 'other']);

const FORM_LABELS: Record<string, [string, string]> = { original: ['原件', 'Original'], copy: ['复印件', 'Copy'], both: ['原件和复印件', 'Original and copy'], electronic: ['电子材料', 'Electronic'] };

/**
 * One published item as a 政务服务网 item page shows it (实施清单): basic facts, 受理条件,
 * 办理对象, 办理时间和地点, 跑动次数, 是否网办, materials with 样表 to download, 常见问题,
 * basis, fees, remedies and the flowchart.
 */
export function ItemPage() {
  const { code = '' } = useParams();
  const { t, L, label } = useI18n();
  const r = useApi(() => hallApi.item(code), [code]);
  const it = r.data?.item ?? r.data;
  const days = (n: unknown) => (n == null ? '—' : L(`${n} 个工作日`, `${n} working days`));
  const visits = (n: unknown) => (n == null ? '—' : n === 0 ? L('零跑动（0次）', 'None (0)') : L(`${n} 次`, `${n}`));
  const online = (v: unknown) => (v == null ? '—' : v ? <Tag color="green" style={{ color: '#135200' }}>{L('是（可网上办理）', 'Yes, online')}</Tag> : <Tag>{L('否（须到窗口办理）', 'No, at the counter')}</Tag>);
  const materials: PublicMaterial[] = it?.materialDetails ?? (it?.materials ?? []).map((name: string) => ({ name }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/">{t('catalog')}</Link> }, { title: it?.name ?? code }]} />
      <PageState loading={r.loading} error={r.error} onRetry={r.reload}>
        {it && (
          <>
            <Card>
              <PageTitle size={24} testId="item-title">{it.name}</PageTitle>
              <Space wrap><Tag color="red">{label(CATEGORY_LABELS, it.category)}</Tag><Tag>{it.code}</Tag>{it.version != null && <Tag>{t('version')} {it.version}</Tag>}</Space>
              {/* 川办发〔2014〕2号 平台办法 第五条(六): 受理电子政务大厅的申请 */}
              {APPLICABLE.has(it.category) && (it.materials ?? []).length > 0 && (
                <div style={{ marginTop: 12 }}><Link to={`/hall/items/${encodeURIComponent(it.code)}/apply`} data-testid="apply-online"><Button type="primary" size="large">{L('在线申请', 'Apply online')}</Button></Link></div>
              )}
              <Descriptions column={{ xs: 1, sm: 1, md: 2 }} style={{ marginTop: 16 }} bordered size="small" data-testid="item-basics">
                <Descriptions.Item label={t('department')}>{it.departmentName ?? it.department?.name ?? it.departmentCode}</Descriptions.Item>
                <Descriptions.Item label={t('region')}>{it.regionName ?? it.region?.name ?? it.regionCode ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={L('办理对象', 'Who may apply')}>{it.targets || '—'}</Descriptions.Item>
                <Descriptions.Item label={L('是否网办', 'Online')}>{online(it.online)}{it.online && it.onlineUrl ? <a href={it.onlineUrl} target="_blank" rel="noreferrer noopener" style={{ marginLeft: 8 }}>{L('去网上办理', 'Apply online')}</a> : null}</Descriptions.Item>
                <Descriptions.Item label={t('legalLimit')}>{days(it.legalLimitDays)}</Descriptions.Item>
                <Descriptions.Item label={t('promisedLimit')}><b>{days(it.promisedLimitDays)}</b></Descriptions.Item>
                <Descriptions.Item label={L('跑动次数', 'Visits needed')}><span data-testid="item-visits">{visits(it.visits)}</span></Descriptions.Item>
                <Descriptions.Item label={t('phone')}>{it.phone || '—'}</Descriptions.Item>
                <Descriptions.Item label={L('办理时间', 'Office hours')}>{it.officeHours || '—'}</Descriptions.Item>
                <Descriptions.Item label={L('办理地点', 'Where')}>{it.location || '—'}</Descriptions.Item>
                {it.guide && <Descriptions.Item label={t('guide')} span={2}><span className="xq-pre">{it.guide}</span></Descriptions.Item>}
              </Descriptions>
            </Card>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={14}>
                <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                  <Card title={L('受理条件', 'Conditions for acceptance')} size="small" data-testid="item-conditions">
                    <span className="xq-pre">{it.acceptanceConditions || L('符合法律法规规定条件的，均可申请。', 'Anyone meeting the legal conditions may apply.')}</span>
                  </Card>
                  <Card title={t('materials')} size="small" data-testid="item-materials">
                    <Table size="small" pagination={false} rowKey="name" dataSource={materials} scroll={{ x: true }} locale={{ emptyText: L('无需提交材料', 'No materials needed') }}
                      columns={[
                        { title: L('序号', 'No.'), key: 'i', width: 56, render: (_v, _r, i) => i + 1 },
                        { title: L('材料名称', 'Material'), dataIndex: 'name', render: (v, m) => <span>{v}{m.note ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{m.note}</Typography.Text> : null}</span> },
                        { title: L('材料形式', 'Form'), dataIndex: 'form', width: 96, render: (v) => (v ? label(FORM_LABELS, v) : '—') },
                        { title: L('份数', 'Copies'), dataIndex: 'copies', width: 56, render: (v) => (v == null ? '—' : v) },
                        { title: L('必要性', 'Required'), dataIndex: 'required', width: 72, render: (v) => (v == null ? '—' : v ? L('必要', 'Required') : L('非必要', 'Optional')) },
                        { title: L('样表', 'Sample form'), dataIndex: 'sampleForm', render: (f: PublicMaterial['sampleForm']) => (f ? <a href={f.url} download data-testid="sample-form"><Button size="small" icon={<DownloadOutlined />}>{L('下载样表', 'Download')}</Button></a> : '—') },
                      ]} />
                  </Card>
                  <Card title={L('常见问题', 'Questions often asked')} size="small" data-testid="item-faqs">
                    {(it.faqs ?? []).length
                      ? <Collapse size="small" items={(it.faqs ?? []).map((f, i) => ({ key: String(i), label: f.question, children: <span className="xq-pre">{f.answer}</span> }))} />
                      : <Typography.Text type="secondary">{L('暂无常见问题。如有疑问请拨打咨询电话，或在「投诉咨询」中提问。', 'None yet. Call the phone number above, or ask under Complaints & questions.')}</Typography.Text>}
                  </Card>
                  <Card title={t('legalBasis')} size="small">
                    <List dataSource={it.legalBasis ?? []} locale={{ emptyText: '—' }} renderItem={(b) => (
                      <List.Item><List.Item.Meta title={`《${b.law}》${b.article ?? ''}`} description={b.text} /></List.Item>
                    )} />
                  </Card>
                  <Card title={t('fees')} size="small">
                    <Table size="small" pagination={false} rowKey="code" dataSource={it.fees ?? []} locale={{ emptyText: L('不收费', 'Free of charge') }}
                      columns={[{ title: t('code'), dataIndex: 'code' }, { title: t('name'), dataIndex: 'name' }, { title: L('金额', 'Amount'), dataIndex: 'amount', render: fmtMoney }, { title: t('legalBasis'), dataIndex: 'basis' }]} />
                  </Card>
                  <Card title={t('remedies')} size="small"><span className="xq-pre">{it.remedies || '—'}</span></Card>
                  {Array.isArray(it.discretion) && it.discretion.length > 0 && (
                    <Card title={L('裁量基准', 'Discretion bands')} size="small">
                      <Table size="small" pagination={false} rowKey="circumstance" dataSource={it.discretion}
                        columns={[{ title: L('情节', 'Circumstance'), dataIndex: 'circumstance' }, { title: L('种类', 'Kind'), dataIndex: 'kind', render: (v) => label(DISCRETION_KIND_LABELS, v) }, { title: L('下限', 'Min'), dataIndex: 'min', render: fmtMoney }, { title: L('上限', 'Max'), dataIndex: 'max', render: fmtMoney }]} />
                    </Card>
                  )}
                </Space>
              </Col>
              <Col xs={24} lg={10}>
                <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                  <Card title={t('flowchart')} size="small"><FlowChart flow={it.flow} /></Card>
                  <Card size="small" title={L('对办理有意见？', 'Unhappy with how it was handled?')}>
                    <Space wrap>
                      <Link to={`/hall/complaints?department=${encodeURIComponent(it.departmentCode)}&region=${encodeURIComponent(it.regionCode ?? '')}`}><Button>{L('我要投诉', 'Complain')}</Button></Link>
                      <Link to={`/hall/reports?department=${encodeURIComponent(it.departmentCode)}&region=${encodeURIComponent(it.regionCode ?? '')}`}><Button>{L('我要举报', 'Report misconduct')}</Button></Link>
                    </Space>
                  </Card>
                </Space>
              </Col>
            </Row>
          </>
        )}
      </PageState>
    </Space>
  );
}
