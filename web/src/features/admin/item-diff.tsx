import { Table, Typography } from 'antd';
import { useI18n } from '../../lib/i18n';
import { fmtTime } from '../../lib/format';
import { DISCRETION_KIND_LABELS } from '../../lib/dict';
import { useDeptName } from '../../lib/names';

const SKIP = new Set(['version', 'effectiveFrom', 'createdAt', 'updatedAt', 'id']);

const FIELD_LABELS: Record<string, readonly [string, string]> = {
  name: ['事项名称', 'Name'], category: ['类别', 'Category'], legalBasis: ['法律依据', 'Legal basis'], legalLimitDays: ['法定时限', 'Legal limit'],
  promisedLimitDays: ['承诺时限', 'Promised limit'], fees: ['收费', 'Fees'], location: ['办理地点', 'Location'], phone: ['咨询电话', 'Phone'],
  guide: ['办事指南', 'Guide'], materials: ['申请材料', 'Materials'], remedies: ['救济途径', 'Remedies'], confidential: ['涉密', 'Confidential'],
  flow: ['办理流程', 'Flow'], discretion: ['裁量基准', 'Discretion'], status: ['状态', 'Status'], effectiveFrom: ['生效时间', 'Effective from'],
  departmentCode: ['部门', 'Department'], department: ['部门', 'Department'], regionCode: ['地区', 'Region'],
};

/** A flow step as an item version records it. */
interface DiffStep { key: string; name: string; post?: string; limitDays?: number; evidenceRequired?: boolean; documents?: string[]; riskPoints?: string[]; supervisionPoints?: string[] }
/** An entry of a list field (legal basis, fees, discretion bands). */
interface DiffEntry { law?: string; article?: string; name?: string; amount?: number | string; circumstance?: string; kind?: string; min?: number; max?: number }

type Words = { L: (zh: string, en: string) => string; dept: (code: string) => string };

/** A field's value as people read it: steps by name with post and limit, laws with articles, never raw JSON where a form is known. */
function show(v: unknown, k: string, w: Words): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return fmtTime(v);
  if ((k === 'department' || k === 'departmentCode') && typeof v === 'string') return w.dept(v);
  if (typeof v === 'boolean') return v ? w.L('是', 'yes') : w.L('否', 'no');
  if (k === 'flow' && typeof v === 'object') {
    const f = v as { steps?: DiffStep[]; rollbacks?: [string, string][] };
    const name = (key: string) => f.steps?.find((x) => x.key === key)?.name ?? key;
    const steps = (f.steps ?? []).map((x, i) => {
      const bits = [x.post, x.limitDays ? w.L(`${x.limitDays} 个工作日`, `${x.limitDays} working days`) : null, x.evidenceRequired ? w.L('须上传证据', 'evidence required') : null].filter(Boolean).join('，');
      const extra = [x.documents?.length ? `${w.L('文书', 'documents')}：${x.documents.join('、')}` : null, x.riskPoints?.length ? `${w.L('风险点', 'risk points')}：${x.riskPoints.join('、')}` : null,
        x.supervisionPoints?.length ? `${w.L('监察点', 'supervision points')}：${x.supervisionPoints.join('、')}` : null].filter(Boolean).map((t) => `   ${t}`);
      return [`${i + 1}. ${x.name}${bits ? `（${bits}）` : ''}`, ...extra].join('\n');
    });
    const back = (f.rollbacks ?? []).map(([a, b]) => `${w.L('可回退', 'may return')}：${name(a)} → ${name(b)}`);
    return [...steps, ...back].join('\n');
  }
  if (Array.isArray(v)) {
    return v.map((item: unknown) => { const x = item as DiffEntry; return (typeof item !== 'object' || item === null ? String(item)
      : k === 'legalBasis' ? `${x.law ?? ''}${x.article ?? ''}`
        : k === 'fees' ? `${x.name ?? ''} ¥${x.amount ?? ''}`
          : k === 'discretion' ? `${x.circumstance ?? ''}：${label2(x.kind ?? '')} ${x.min ?? ''}–${x.max ?? ''}`
            : JSON.stringify(x)); }).join('\n');
  }
  if (typeof v === 'object') return JSON.stringify(v, null, 1);
  return String(v);
}
const label2 = (kind: string) => DISCRETION_KIND_LABELS[kind]?.[0] ?? kind;

/** Field-by-field difference between two versions of an item (or an item and a proposal). */
export function ItemDiff({ before, after }: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  const { L, label } = useI18n();
  const dept = useDeptName();
  const w: Words = { L, dept };
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !SKIP.has(k));
  const rows = keys.map((k) => ({ k, a: show(before?.[k], k, w), b: show(after?.[k], k, w) })).filter((r) => r.a !== r.b);
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
  const dept = useDeptName();
  const w: Words = { L, dept };
  if (!changes.length) return <Typography.Text type="secondary">{L('没有差异', 'No differences')}</Typography.Text>;
  return (
    <Table size="small" pagination={false} rowKey={(r) => r.field} dataSource={changes} data-testid="version-diff"
      columns={[
        { title: L('字段', 'Field'), dataIndex: 'field', width: 160, render: (v) => label(FIELD_LABELS, v) },
        { title: L('调整前', 'Before'), dataIndex: 'before', render: (v, r) => <pre className="xq-pre" style={{ margin: 0, background: '#fff1f0', fontSize: 12 }}>{show(v, r.field, w)}</pre> },
        { title: L('调整后', 'After'), dataIndex: 'after', render: (v, r) => <pre className="xq-pre" style={{ margin: 0, background: '#f6ffed', fontSize: 12 }}>{show(v, r.field, w)}</pre> },
      ]} />
  );
}
