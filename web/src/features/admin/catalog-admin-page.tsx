import { DeptName } from '../../lib/names';
import { Alert, Button, Input, Modal, Progress, Select, Space, Tabs, Tag, Typography, Upload, message } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DataTable } from '../../components/data-table';
import { StatusTag } from '../../components/light-tag';
import { ErrorAlert, errorText } from '../../components/states';
import { useAuth } from '../../lib/auth';
import { CATEGORY_LABELS } from '../../lib/dict';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { AdjustmentActions } from './adjustment-actions';
import { KIND_LABELS, STAGE_LABELS, catApi, type ImportResult } from './catalog.api';

function ImportButton({ onDone }: { onDone: () => void }) {
  const { L } = useI18n();
  const [pct, setPct] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const run = async (file: File) => {
    setPct(5);
    try {
      const text = await file.text();
      setPct(25);
      let body: unknown;
      try { body = JSON.parse(text); } catch { throw new Error(L('文件不是有效的 JSON（见接口标准 §2）', 'Not valid JSON (see the interface standard §2)')); }
      setPct(50);
      const r = await catApi.importCatalog(body);
      setPct(100);
      setResult(r);
      onDone();
    } catch (e) { message.error(errorText(e)); } finally { setTimeout(() => setPct(null), 800); }
    return false;
  };
  return (
    <>
      <Upload accept=".json,application/json" beforeUpload={run} showUploadList={false}><Button icon={<UploadOutlined />}>{L('导入目录文件（§2 格式）', 'Import catalog (JSON)')}</Button></Upload>
      {pct !== null && <Progress percent={pct} size="small" style={{ width: 140 }} />}
      <Modal open={!!result} onCancel={() => setResult(null)} onOk={() => setResult(null)} title={L('导入结果', 'Import result')} width={720}>
        {result && <>
          <Alert type="success" showIcon title={L(`已导入：地区 ${result.loaded?.regions ?? 0}，部门 ${result.loaded?.departments ?? 0}，执法人员 ${result.loaded?.officers ?? 0}，事项 ${result.loaded?.items ?? 0}`, `Loaded: ${JSON.stringify(result.loaded)}`)} />
          {(result.refused ?? []).length > 0 && <Alert style={{ marginTop: 12 }} type="error" showIcon title={L(`未导入 ${(result.refused ?? []).length} 项`, `${(result.refused ?? []).length} refused`)}
            description={<ul style={{ maxHeight: 300, overflow: 'auto' }}>{(result.refused ?? []).map((x, i) => <li key={i}>{x.code ?? ''} {x.name ?? ''}：{x.error}</li>)}</ul>} />}
        </>}
      </Modal>
    </>
  );
}

/** 目录管理: items, and the adjustment workflow (申报 → 法制审核 → 领导审定). */
export function CatalogAdminPage() {
  const { t, L, label } = useI18n();
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const [stage, setStage] = useState<string | undefined>();
  const items = useApi(() => catApi.items({ q: q || undefined }), [q]);
  const adjs = useApi(() => catApi.adjustments({ stage }), [stage]);
  return (
    <>
      <Typography.Title level={4}>{t('catalogAdmin')}</Typography.Title>
      <Tabs defaultActiveKey={can('catalog.review') || can('catalog.approve') ? 'adjustments' : 'items'} items={[
        { key: 'items', label: L('权力事项', 'Items'), children: <>
          <ErrorAlert error={items.error} onRetry={items.reload} />
          <DataTable rowKey="code" loading={items.loading} dataSource={items.data ?? []} exportList={{ list: 'catalog' }}
            toolbar={<>
              <Input.Search placeholder={L('名称或编码', 'Name or code')} allowClear onSearch={setQ} style={{ width: 220 }} />
              {can('catalog.import') && <ImportButton onDone={items.reload} />}
              {can('catalog.import') && <a href="/api/catalog/export.xlsx"><Button icon={<DownloadOutlined />}>{L('目录 Excel（导入格式，登记备查）', 'Catalog in the import format (registered)')}</Button></a>}
              {can('catalog.import') && <a href="/api/catalog/template.xlsx"><Button type="link">{L('下载导入模板', 'Import template')}</Button></a>}
            </>}
            columns={[
              { title: t('itemCode'), dataIndex: 'code', render: (v) => <Link to={`/admin/catalog/${encodeURIComponent(v)}`}>{v}</Link> },
              { title: t('itemName'), dataIndex: 'name', render: (v, x) => <Link to={`/admin/catalog/${encodeURIComponent(x.code)}`}>{v}</Link> },
              { title: t('category'), dataIndex: 'category', render: (v) => label(CATEGORY_LABELS, v) },
              { title: t('department'), dataIndex: 'departmentName', render: (v, x) => v ?? <DeptName code={x.departmentCode} /> },
              { title: t('promisedLimit'), dataIndex: 'promisedLimitDays' },
              { title: t('legalLimit'), dataIndex: 'legalLimitDays' },
              { title: t('version'), dataIndex: 'version' },
              { title: t('status'), dataIndex: 'status', render: (v) => <StatusTag status={v} /> },
            ]} />
        </> },
        { key: 'adjustments', label: L('调整申请', 'Adjustment requests'), children: <>
          <ErrorAlert error={adjs.error} onRetry={adjs.reload} />
          <DataTable rowKey="id" loading={adjs.loading} dataSource={adjs.data ?? []} data-testid="adjustments-table"
            toolbar={<Select allowClear placeholder={L('阶段', 'Stage')} style={{ width: 140 }} value={stage} onChange={setStage} options={Object.keys(STAGE_LABELS).map((k) => ({ value: k, label: label(STAGE_LABELS, k) }))} />}
            columns={[
              { title: L('类型', 'Kind'), dataIndex: 'kind', render: (v) => <Tag>{label(KIND_LABELS, v)}</Tag> },
              { title: t('item'), dataIndex: 'itemCode', render: (v, a) => v ? <Link to={`/admin/catalog/${encodeURIComponent(v)}`}>{a.proposal?.name ?? a.itemName ?? v}</Link> : a.proposal?.name ?? '—' },
              { title: t('department'), dataIndex: 'departmentCode', render: (v) => <DeptName code={v} /> },
              { title: t('reason'), dataIndex: 'reason', ellipsis: true },
              { title: L('生效日期', 'Effective'), dataIndex: 'effectiveOn' },
              { title: L('阶段', 'Stage'), dataIndex: 'stage', render: (v, a) => <Space size={2}><Tag color={v === 'approved' ? 'success' : v === 'rejected' ? 'error' : v === 'returned' ? 'warning' : 'processing'}>{label(STAGE_LABELS, v)}</Tag>{a.late && <Tag color="error">{L('逾期申报', 'Late')}</Tag>}</Space> },
              { title: L('更新时间', 'Updated'), dataIndex: 'updatedAt', render: fmtTime },
              { title: t('actions'), key: 'a', render: (_, a) => <AdjustmentActions a={a} onDone={() => { adjs.reload(); items.reload(); }} /> },
            ]} />
        </> },
      ]} />
    </>
  );
}
