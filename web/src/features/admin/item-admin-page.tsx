import { DeptName } from '../../lib/names';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Row, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { FlowChart } from '../../components/flow-chart';
import { StatusTag } from '../../components/light-tag';
import { PageState } from '../../components/states';
import { useAuth } from '../../lib/auth';
import { CATEGORY_LABELS } from '../../lib/dict';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { AdjustmentActions } from './adjustment-actions';
import { AdjustmentModal, toProposal, type ItemContent } from './adjustment-modal';
import { KIND_LABELS, STAGE_LABELS, catApi, type AdjustmentRow, type ItemVersionRow } from './catalog.api';
import { RiskControlsCard } from './risk-controls-card';
import { ChangesTable, ItemDiff } from './item-diff';

/** The item as the page shows it (its current version, else the pending one). */
interface ShownItem extends ItemContent {
  status: string;
  category: string;
  version?: number;
  departmentName?: string | null;
  legalBasis?: { law: string; article?: string | null }[];
  fees?: { name: string; amount?: number | null }[];
  remedies?: string | null;
  effectiveFrom?: string | null;
}

/** One version of the item as the versions list gives it. */
type VersionRow = ItemVersionRow;

/** One item for its administrators: content, versions with diff, and its adjustment requests. */
export function ItemAdminPage() {
  const { code = '' } = useParams();
  const { t, L, label } = useI18n();
  const { can } = useAuth();
  const r = useApi(() => catApi.item(code), [code]);
  const vs = useApi(() => catApi.versions(code), [code]);
  const adjs = useApi(() => catApi.adjustments({ itemCode: code }), [code]);
  const it: ShownItem | null = r.data ? { ...(r.data.current ?? r.data.pending ?? {}), code, status: r.data.status, category: r.data.category, departmentCode: r.data.departmentCode } : null;
  const versions: VersionRow[] = vs.data ?? [];
  const [pair, setPair] = useState<[number | undefined, number | undefined]>([undefined, undefined]);
  const [open, setOpen] = useState(false);
  const diff = useApi(() => catApi.diff(code, pair[0]!, pair[1]!), [code, pair[0], pair[1]], pair[0] !== undefined && pair[1] !== undefined && pair[0] !== pair[1]);
  const proposalDiff = useMemo(() => ((adjs.data ?? []) as AdjustmentRow[]).find((a) => ['draft', 'review', 'approval', 'returned'].includes(a.stage) && a.proposal), [adjs.data]);
  return (
    <>
      <Breadcrumb items={[{ title: <Link to="/admin/catalog">{t('catalogAdmin')}</Link> }, { title: it?.name ?? code }]} style={{ marginBottom: 12 }} />
      <PageState loading={r.loading && !r.data} error={r.error} onRetry={r.reload}>
        {it && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={<Space wrap><span data-testid="item-admin-title">{it.name}</span><Tag>{it.code}</Tag><Tag color="red">{label(CATEGORY_LABELS, it.category)}</Tag><StatusTag status={it.status} />{it.version != null && <Tag>v{it.version}</Tag>}</Space>}
              extra={can('catalog.draft') && <Button type="primary" onClick={() => setOpen(true)} data-testid="adj-new">{L('申请调整', 'Request a change')}</Button>}>
              <Row gutter={16}>
                <Col xs={24} lg={15}>
                  <Descriptions column={1} size="small" bordered>
                    <Descriptions.Item label={t('department')}>{it.departmentName ?? <DeptName code={it.departmentCode} />}</Descriptions.Item>
                    <Descriptions.Item label={t('legalLimit')}>{it.legalLimitDays}</Descriptions.Item>
                    <Descriptions.Item label={t('promisedLimit')}>{it.promisedLimitDays}</Descriptions.Item>
                    <Descriptions.Item label={t('legalBasis')}>{(it.legalBasis ?? []).map((b) => `《${b.law}》${b.article ?? ''}`).join('；')}</Descriptions.Item>
                    <Descriptions.Item label={t('materials')}>{(it.materials ?? []).join('；') || '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('fees')}>{(it.fees ?? []).map((f) => `${f.name} ¥${f.amount ?? 0}`).join('；') || L('不收费', 'None')}</Descriptions.Item>
                    <Descriptions.Item label={t('remedies')}>{it.remedies ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={L('生效时间', 'Effective from')}>{fmtTime(it.effectiveFrom)}</Descriptions.Item>
                  </Descriptions>
                </Col>
                <Col xs={24} lg={9}><FlowChart flow={it.flow} /></Col>
              </Row>
            </Card>
            <RiskControlsCard steps={it.flow?.steps} />
            <Card title={L('调整申请', 'Adjustment requests')} size="small">
              {proposalDiff && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={L('在途申请的变更内容', 'What the open request changes')} description={<ItemDiff before={toProposal(it)} after={proposalDiff.proposal ?? null} />} />}
              <Table size="small" rowKey="id" loading={adjs.loading} dataSource={adjs.data ?? []} pagination={false} data-testid="item-adjustments"
                columns={[
                  { title: L('类型', 'Kind'), dataIndex: 'kind', render: (v) => label(KIND_LABELS, v) },
                  { title: t('reason'), dataIndex: 'reason' },
                  { title: L('生效日期', 'Effective'), dataIndex: 'effectiveOn' },
                  { title: L('阶段', 'Stage'), dataIndex: 'stage', render: (v) => <Tag data-stage={v}>{label(STAGE_LABELS, v)}</Tag> },
                  { title: L('退回理由', 'Returned because'), dataIndex: 'returnReasons', render: (v) => v ?? '—' },
                  { title: t('actions'), key: 'a', render: (_, a: AdjustmentRow) => <AdjustmentActions a={a} onDone={() => { adjs.reload(); r.reload(); vs.reload(); }} /> },
                ]} />
            </Card>
            <Card title={L('历史版本', 'Versions')} size="small">
              <Table size="small" rowKey="version" dataSource={versions} pagination={false} loading={vs.loading} data-testid="versions-table"
                columns={[{ title: t('version'), dataIndex: 'version', render: (v, x: VersionRow) => <Space>v{v}{x.inEffect && <Tag color="success">{L('现行', 'In effect')}</Tag>}{x.future && <Tag color="processing">{L('待生效', 'Pending')}</Tag>}</Space> }, { title: t('status'), dataIndex: 'status', render: (v) => <StatusTag status={v} /> }, { title: L('生效时间', 'Effective'), dataIndex: 'effectiveFrom', render: fmtTime }, { title: t('name'), dataIndex: 'name' },
                  { title: t('promisedLimit'), dataIndex: 'promisedLimitDays' }, { title: t('legalLimit'), dataIndex: 'legalLimitDays' },
                  { title: L('各环节时限（工作日）', 'Step limits (working days)'), dataIndex: 'stepLimits', render: (v: VersionRow['stepLimits']) => (v ?? []).map((s) => `${s.name} ${s.limitDays}`).join('，') || '—' }]} />
              {versions.length > 1 && (
                <Space style={{ marginTop: 12 }} wrap>
                  {L('比较版本', 'Compare')}
                  <Select id="diff-from" style={{ width: 100 }} value={pair[0]} onChange={(v) => setPair([v, pair[1]])} options={versions.map((v) => ({ value: v.version, label: `v${v.version}` }))} />
                  →
                  <Select id="diff-to" style={{ width: 100 }} value={pair[1]} onChange={(v) => setPair([pair[0], v])} options={versions.map((v) => ({ value: v.version, label: `v${v.version}` }))} />
                </Space>
              )}
              {diff.data && <div style={{ marginTop: 12 }}><ChangesTable changes={diff.data.changes ?? []} /></div>}
            </Card>
          </Space>
        )}
      </PageState>
      {it && <AdjustmentModal it={it} open={open} onClose={() => setOpen(false)} onSaved={() => { setOpen(false); adjs.reload(); }} />}
    </>
  );
}
