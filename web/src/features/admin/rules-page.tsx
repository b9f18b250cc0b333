import { Button, Input, InputNumber, Modal, Select, Space, Switch, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { DataTable } from '../../components/data-table';
import { LevelTag } from '../../components/light-tag';
import { ErrorAlert, errorText } from '../../components/states';
import { api, asList } from '../../lib/api';
import { ALERT_LABELS } from '../../lib/dict';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { orgApi } from './org-pages';
import { RegionLimitsCard } from './region-limits';


/** A sweep rule as configured for a region (or the platform default). */
interface RuleRow { code: string; name?: string; defaultLevel: string; level: string; enabled?: boolean }

/** 规则配置: a region's own level for a rule, or switching it off (interface standard §4). */
export function RulesPage() {
  const { t, L, label } = useI18n();
  const [region, setRegion] = useState<string>();
  const regions = useApi(() => orgApi.regions(), []);
  const r = useApi(() => api.get('/api/supervision/rules', { region }), [region]);
  const rows = asList<RuleRow>(r.data, 'rules');
  const [edits, setEdits] = useState<Record<string, { level?: string; enabled?: boolean; params?: Record<string, unknown> }>>({});
  const save = async (code: string) => {
    const e = edits[code];
    if (!e) return;
    if (!region) { message.warning(L('请先选择地区：规则按地区配置', 'Choose a region first: rules are set per region')); return; }
    const cur = rows.find((x) => x.code === code);
    let reason = '';
    const ok = await new Promise<boolean>((resolve) => Modal.confirm({
      title: L(`调整规则 ${code}`, `Configure ${code}`),
      content: <Input.TextArea rows={3} placeholder={L('调整理由（记入审计）', 'Reason (audited)')} onChange={(ev) => { reason = ev.target.value; }} />,
      onOk: () => resolve(true), onCancel: () => resolve(false),
    }));
    if (!ok) return;
    if (!reason.trim()) { message.error(L('须填写调整理由', 'A reason is required')); return; }
    try { await api.put(`/api/supervision/rules/${code}`, { region, enabled: e.enabled ?? cur?.enabled ?? true, level: e.level ?? cur?.level ?? null, reason }); message.success(L('已保存', 'Saved')); setEdits(({ [code]: _, ...rest }) => rest); r.reload(); }
    catch (err) { message.error(errorText(err)); }
  };
  return (
    <>
      <Typography.Title level={4}>{t('rules')}</Typography.Title>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable rowKey="code" loading={r.loading} dataSource={rows}
        toolbar={<Select allowClear placeholder={L('地区（空为全平台默认）', 'Region (blank: platform default)')} style={{ width: 260 }} showSearch={{ optionFilterProp: 'label' }} value={region} onChange={setRegion} options={(regions.data ?? []).map((x) => ({ value: x.code, label: `${x.name} ${x.code}` }))} />}
        columns={[
          { title: t('name'), key: 'name', render: (_, x) => <span title={x.code}>{label(ALERT_LABELS, x.code) ?? x.name}</span> },
          { title: L('默认级别', 'Default level'), dataIndex: 'defaultLevel', render: (v) => <LevelTag level={v} /> },
          { title: L('本地级别', 'Level here'), key: 'level', render: (_, x) => (
            <Select size="small" style={{ width: 110 }} value={edits[x.code]?.level ?? x.level} onChange={(v) => setEdits({ ...edits, [x.code]: { ...edits[x.code], level: v } })}
              options={[{ value: 'yellow', label: L('黄色', 'Yellow') }, { value: 'red', label: L('红色', 'Red') }]} />) },
          { title: L('启用', 'Enabled'), key: 'enabled', render: (_, x) => <Switch size="small" checked={edits[x.code]?.enabled ?? x.enabled !== false} onChange={(v) => setEdits({ ...edits, [x.code]: { ...edits[x.code], enabled: v } })} /> },
          { title: L('本地', 'Local'), key: 'local', render: (_, x) => x.level !== x.defaultLevel || x.enabled === false ? <Tag color="purple">{L('已调整', 'Overridden')}</Tag> : <Tag>{L('默认', 'default')}</Tag> },
          { title: t('actions'), key: 'a', render: (_, x) => <Space><Button size="small" type="primary" disabled={!edits[x.code]} onClick={() => save(x.code)}>{t('save')}</Button></Space> },
        ]} />
      {region && <RegionLimitsCard region={region} regionName={(c) => (regions.data ?? []).find((x) => x.code === c)?.name ?? c} />}
      {!r.error && <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{L('时限类参数（如预警提前天数）由接口标准 §1 统一规定。', 'Deadline parameters follow §1 of the interface standard.')}<InputNumber style={{ display: 'none' }} /></Typography.Paragraph>}
    </>
  );
}
