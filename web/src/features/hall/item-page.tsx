import { Button, Card, Col, Descriptions, List, Row, Space, Table, Tag, Typography, Breadcrumb } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { FlowChart } from '../../components/flow-chart';
import { PageState } from '../../components/states';
import { CATEGORY_LABELS, DISCRETION_KIND_LABELS } from '../../lib/dict';
import { fmtMoney } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { hallApi } from './hall.api';

/** The kinds of item one applies for (as the server's APPLICABLE_CATEGORIES). */
const APPLICABLE = new Set(['license', 'confirmation', 'payment', 'reward', 'adjudication', 'other']);

/** One published item: basis, limits, fees, materials, remedies and the flowchart. */
export function ItemPage() {
  const { code = '' } = useParams();
  const { t, L, label } = useI18n();
  const r = useApi(() => hallApi.item(code), [code]);
  const it: any = r.data?.item ?? r.data;
  const days = (n: unknown) => (n == null ? '—' : L(`${n} 个工作日`, `${n} working days`));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/">{t('catalog')}</Link> }, { title: it?.name ?? code }]} />
      <PageState loading={r.loading} error={r.error} onRetry={r.reload}>
        {it && (
          <>
            <Card>
              <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="item-title">{it.name}</Typography.Title>
              <Space wrap><Tag color="red">{label(CATEGORY_LABELS, it.category)}</Tag><Tag>{it.code}</Tag>{it.version != null && <Tag>{t('version')} {it.version}</Tag>}</Space>
              {/* 川办发〔2014〕2号 平台办法 第五条(六): 受理电子政务大厅的申请 */}
              {APPLICABLE.has(it.category) && (it.materials ?? []).length > 0 && (
                <div style={{ marginTop: 12 }}><Link to={`/hall/items/${encodeURIComponent(it.code)}/apply`} data-testid="apply-online"><Button type="primary" size="large">{L('在线申请', 'Apply online')}</Button></Link></div>
              )}
              <Descriptions column={{ xs: 1, sm: 1, md: 2 }} style={{ marginTop: 16 }} bordered size="small">
                <Descriptions.Item label={t('department')}>{it.departmentName ?? it.department?.name ?? it.departmentCode}</Descriptions.Item>
                <Descriptions.Item label={t('region')}>{it.regionName ?? it.region?.name ?? it.regionCode ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('legalLimit')}>{days(it.legalLimitDays)}</Descriptions.Item>
                <Descriptions.Item label={t('promisedLimit')}><b>{days(it.promisedLimitDays)}</b></Descriptions.Item>
                <Descriptions.Item label={t('location')}>{it.location || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('phone')}>{it.phone || '—'}</Descriptions.Item>
                {it.guide && <Descriptions.Item label={t('guide')} span={2}><span className="xq-pre">{it.guide}</span></Descriptions.Item>}
              </Descriptions>
            </Card>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={14}>
                <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                  <Card title={t('legalBasis')} size="small">
                    <List dataSource={it.legalBasis ?? []} locale={{ emptyText: '—' }} renderItem={(b: any) => (
                      <List.Item><List.Item.Meta title={`《${b.law}》${b.article ?? ''}`} description={b.text} /></List.Item>
                    )} />
                  </Card>
                  <Card title={t('materials')} size="small">
                    <List size="small" dataSource={it.materials ?? []} locale={{ emptyText: L('无需提交材料', 'No materials needed') }} renderItem={(m: string, i) => <List.Item>{i + 1}. {m}</List.Item>} />
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
                <Card title={t('flowchart')} size="small"><FlowChart flow={it.flow} /></Card>
              </Col>
            </Row>
          </>
        )}
      </PageState>
    </Space>
  );
}
