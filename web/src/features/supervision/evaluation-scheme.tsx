import { Alert, Button, Card, Input, InputNumber, Space, Switch, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { DataTable } from '../../components/data-table';
import { ErrorAlert, errorText } from '../../components/states';
import { useAuth } from '../../lib/auth';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { evalApi, INDICATOR_LABELS, type SchemeVersion } from './evaluation.api';

interface Row { code: string; on: boolean; points: number | null; cap: number | null }

/** 考评细则: a region's scheme as an indicator table (points, caps); saving makes a new version. */
export function SchemeEditor({ region }: { region: string }) {
  const { L, lang } = useI18n();
  const { can } = useAuth();
  const r = useApi(() => evalApi.schemes(region), [region]);
  const [name, setName] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [base, setBase] = useState<number | null>(100);
  const [rows, setRows] = useState<Row[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!r.data) return;
    const latest = r.data.versions?.[0] ?? r.data.inherited;
    const byCode = new Map((latest?.indicators ?? []).map((i) => [i.code, i]));
    setName(latest?.name ?? '');
    setEffectiveFrom(latest?.effectiveFrom ?? '');
    setBase(latest?.base ?? 100);
    setRows((r.data.catalogue ?? []).map((c) => ({ code: c.code, on: byCode.has(c.code), points: byCode.get(c.code)?.points ?? null, cap: byCode.get(c.code)?.cap ?? null })));
  }, [r.data]);
  const set = (code: string, patch: Partial<Row>) => setRows((rs) => rs.map((x) => (x.code === code ? { ...x, ...patch } : x)));
  const save = async () => {
    setBusy(true);
    try {
      const indicators = rows.filter((x) => x.on).map((x) => ({ code: x.code, points: x.points, ...(x.cap !== null ? { cap: x.cap } : {}) }));
      const res = await evalApi.putScheme(region, { name, effectiveFrom, base, indicators });
      message.success(L(`已保存为第 ${res.version} 版`, `Saved as version ${res.version}`));
      r.reload();
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  const desc = new Map<string, string>((r.data?.catalogue ?? []).map((c) => [c.code, c.description]));
  const editable = can('evaluation.scheme');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      {r.data?.inherited ? (
        <Alert type="info" showIcon data-testid="scheme-inherited"
          title={L(`本地区尚未制定考评细则，适用上级地区的《${r.data.inherited.name}》（第 ${r.data.inherited.version} 版）；以下按其内容预填，保存即为本地区的第一版。`,
            `No scheme of its own: the one above applies (version ${r.data.inherited.version}); saving makes this region's first version.`)} />
      ) : null}
      <Card size="small">
        <Space wrap>
          <span>{L('名称', 'Name')}</span><Input style={{ width: 340 }} value={name} onChange={(e) => setName(e.target.value)} data-testid="scheme-name" />
          <span>{L('起始月份', 'From')}</span><Input style={{ width: 110 }} placeholder="2026-01" value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} data-testid="scheme-from" />
          <span>{L('基础分', 'Base')}</span><InputNumber value={base} onChange={(v) => setBase(v)} data-testid="scheme-base" />
        </Space>
      </Card>
      <DataTable rowKey="code" loading={r.loading} dataSource={rows} pagination={false} data-testid="scheme-table"
        columns={[
          { title: L('采用', 'Used'), key: 'on', width: 70, render: (_, x: Row) => <Switch size="small" checked={x.on} disabled={!editable} onChange={(v) => set(x.code, { on: v, points: x.points ?? 0 })} data-testid={`scheme-on-${x.code}`} /> },
          { title: L('考评指标', 'Indicator'), key: 'name', render: (_, x: Row) => INDICATOR_LABELS[x.code]?.[lang === 'en' ? 1 : 0] ?? x.code },
          { title: L('计分口径', 'Measures'), key: 'desc', width: 420, render: (_, x: Row) => <Typography.Text type="secondary">{desc.get(x.code)}</Typography.Text> },
          { title: L('分值（每单位，扣分填负数）', 'Points per unit'), key: 'points', width: 150, render: (_, x: Row) => <InputNumber size="small" disabled={!x.on || !editable} value={x.points} onChange={(v) => set(x.code, { points: v })} data-testid={`scheme-points-${x.code}`} /> },
          { title: L('封顶（可空）', 'Cap'), key: 'cap', width: 120, fixed: 'right', render: (_, x: Row) => <InputNumber size="small" min={0} disabled={!x.on || !editable} value={x.cap} onChange={(v) => set(x.code, { cap: v })} /> },
        ]} />
      {editable ? <Button type="primary" loading={busy} onClick={save} data-testid="scheme-save">{L('保存为新版本', 'Save as a new version')}</Button> : null}
      <Card size="small" title={L('历史版本', 'Versions')}>
        <DataTable rowKey="version" dataSource={r.data?.versions ?? []} pagination={false}
          columns={[
            { title: L('版本', 'Version'), dataIndex: 'version', render: (v) => `第 ${v} 版` },
            { title: L('名称', 'Name'), dataIndex: 'name' },
            { title: L('起始月份', 'From'), dataIndex: 'effectiveFrom' },
            { title: L('基础分', 'Base'), dataIndex: 'base' },
            { title: L('指标数', 'Indicators'), dataIndex: 'indicators', render: (v: SchemeVersion['indicators'] | undefined) => v?.length ?? 0 },
            { title: L('制定人', 'By'), dataIndex: 'createdBy' },
            { title: L('时间', 'At'), dataIndex: 'createdAt', render: fmtTime },
          ]} />
      </Card>
    </Space>
  );
}
