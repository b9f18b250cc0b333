import { Table, Typography } from 'antd';
import { useI18n } from '../../lib/i18n';

const SKIP = new Set(['version', 'effectiveFrom', 'createdAt', 'updatedAt', 'id']);

function show(v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'object') return JSON.stringify(v, null, 1);
  return String(v);
}

/** Field-by-field difference between two versions of an item (or an item and a proposal). */
export function ItemDiff({ before, after }: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  const { L } = useI18n();
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !SKIP.has(k));
  const rows = keys.map((k) => ({ k, a: show(before?.[k]), b: show(after?.[k]) })).filter((r) => r.a !== r.b);
  if (!rows.length) return <Typography.Text type="secondary">{L('没有差异', 'No differences')}</Typography.Text>;
  return (
    <Table size="small" pagination={false} rowKey="k" dataSource={rows} data-testid="item-diff"
      columns={[
        { title: L('字段', 'Field'), dataIndex: 'k', width: 140 },
        { title: L('调整前', 'Before'), dataIndex: 'a', render: (v) => <pre className="xq-pre" style={{ margin: 0, background: '#fff1f0', fontSize: 12 }}>{v}</pre> },
        { title: L('调整后', 'After'), dataIndex: 'b', render: (v) => <pre className="xq-pre" style={{ margin: 0, background: '#f6ffed', fontSize: 12 }}>{v}</pre> },
      ]} />
  );
}

/** The server's field changes between two versions (GET /api/catalog/items/:code/diff). */
export function ChangesTable({ changes }: { changes: { field: string; kind?: string; before?: unknown; after?: unknown }[] }) {
  const { L } = useI18n();
  if (!changes.length) return <Typography.Text type="secondary">{L('没有差异', 'No differences')}</Typography.Text>;
  return (
    <Table size="small" pagination={false} rowKey={(r) => r.field} dataSource={changes} data-testid="version-diff"
      columns={[
        { title: L('字段', 'Field'), dataIndex: 'field', width: 160 },
        { title: L('调整前', 'Before'), dataIndex: 'before', render: (v) => <pre className="xq-pre" style={{ margin: 0, background: '#fff1f0', fontSize: 12 }}>{show(v)}</pre> },
        { title: L('调整后', 'After'), dataIndex: 'after', render: (v) => <pre className="xq-pre" style={{ margin: 0, background: '#f6ffed', fontSize: 12 }}>{show(v)}</pre> },
      ]} />
  );
}
