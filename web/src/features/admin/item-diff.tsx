import { Table, Typography } from 'antd';
import { useI18n } from '../../lib/i18n';
import { fmtTime } from '../../lib/format';

const SKIP = new Set(['version', 'effectiveFrom', 'createdAt', 'updatedAt', 'id']);

const FIELD_LABELS: Record<string, readonly [string, string]> = {
  name: ['事项名称', 'Name'], category: ['类别', 'Category'], legalBasis: ['法律依据', 'Legal basis'], legalLimitDays: ['法定时限', 'Legal limit'],
  promisedLimitDays: ['承诺时限', 'Promised limit'], fees: ['收费', 'Fees'], location: ['办理地点', 'Location'], phone: ['咨询电话', 'Phone'],
  guide: ['办事指南', 'Guide'], materials: ['申请材料', 'Materials'], remedies: ['救济途径', 'Remedies'], confidential: ['涉密', 'Confidential'],
  flow: ['办理流程', 'Flow'], discretion: ['裁量基准', 'Discretion'], status: ['状态', 'Status'], effectiveFrom: ['生效时间', 'Effective from'],
  departmentCode: ['部门', 'Department'], regionCode: ['地区', 'Region'],
};

function show(v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return fmtTime(v);
  if (typeof v === 'object') return JSON.stringify(v, null, 1);
  return String(v);
}

/** Field-by-field difference between two versions of an item (or an item and a proposal). */
export function ItemDiff({ before, after }: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  const { L, label } = useI18n();
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !SKIP.has(k));
  const rows = keys.map((k) => ({ k, a: show(before?.[k]), b: show(after?.[k]) })).filter((r) => r.a !== r.b);
  if (!rows.length) return <Typography.Text type="secondary">{L('没有差异', 'No differences')}</Typography.Text>;
  return (
    <Table size="small" pagination={false} rowKey="k" dataSource={rows} data-testid="item-diff"
      columns={[
        { title: L('字段', 'Field'), dataIndex: 'k', width: 140, render: (v) => label(FIELD_LABELS, v) },
        { title: L('调整前', 'Before'), dataIndex: 'a', render: (v) => <pre className="xq-pre" style={{ margin: 0, background: '#fff1f0', fontSize: 12 }}>{v}</pre> },
        { title: L('调整后', 'After'), dataIndex: 'b', render: (v) => <pre className="xq-pre" style={{ margin: 0, background: '#f6ffed', fontSize: 12 }}>{v}</pre> },
      ]} />
  );
}

/** The server's field changes between two versions (GET /api/catalog/items/:code/diff). */
export function ChangesTable({ changes }: { changes: { field: string; kind?: string; before?: unknown; after?: unknown }[] }) {
  const { L, label } = useI18n();
  if (!changes.length) return <Typography.Text type="secondary">{L('没有差异', 'No differences')}</Typography.Text>;
  return (
    <Table size="small" pagination={false} rowKey={(r) => r.field} dataSource={changes} data-testid="version-diff"
      columns={[
        { title: L('字段', 'Field'), dataIndex: 'field', width: 160, render: (v) => label(FIELD_LABELS, v) },
        { title: L('调整前', 'Before'), dataIndex: 'before', render: (v) => <pre className="xq-pre" style={{ margin: 0, background: '#fff1f0', fontSize: 12 }}>{show(v)}</pre> },
        { title: L('调整后', 'After'), dataIndex: 'after', render: (v) => <pre className="xq-pre" style={{ margin: 0, background: '#f6ffed', fontSize: 12 }}>{show(v)}</pre> },
      ]} />
  );
}
