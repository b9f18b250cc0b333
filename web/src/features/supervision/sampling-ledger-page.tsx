import { Breadcrumb, DatePicker, Select, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DataTable } from '../../components/data-table';
import { useClock } from '../../components/clock-banner';
import { ErrorAlert } from '../../components/states';
import { asList, api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { periodName, samplingApi, type LedgerRow, type LedgerTotals } from './sampling.api';

interface Region { code: string; name: string }

const quarterOf = (d: Dayjs) => `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`;

/**
 * 季度检查台账 (达州意见 四(三): 按季开展督导检查, 建立工作台账; 川办发〔2014〕2号 电子监察办法 第十一条(三)(四)):
 * per department of the region, the quarter's draws, cases checked, findings, visits and the alerts
 * and accountability entries they became; exported on the server (第十五条: with a leader's approval).
 */
export function SamplingLedgerPage() {
  const { t, L, lang } = useI18n();
  const { me } = useAuth();
  const clock = useClock();
  const regions = useApi(async () => asList<Region>(await api.get<unknown>('/api/org/regions'), 'regions'), []);
  const home = me?.region?.code ?? me?.grants.find((g) => g.regionCode)?.regionCode ?? regions.data?.[0]?.code ?? null;
  const [region, setRegion] = useState<string | null>(null);
  const [picked, setPicked] = useState<Dayjs | null>(null);
  const quarter = quarterOf(picked ?? (clock ? dayjs(clock.now) : dayjs()));
  const reg = region ?? home;
  const r = useApi(() => samplingApi.ledger({ region: reg ?? '', quarter }), [reg, quarter], !!reg);
  const rows = r.data?.rows ?? [];
  const totals = r.data?.totals;
  const num = (k: keyof LedgerTotals) => ({ title: '', dataIndex: k, align: 'right' as const });
  const cols = [
    { ...num('draws'), title: L('抽查次数', 'Draws') }, { ...num('casesSampled'), title: L('抽取办件', 'Cases drawn') },
    { ...num('casesChecked'), title: L('已检查', 'Checked') }, { ...num('nonconformingChecks'), title: L('不符合项', 'Checks failed') },
    { ...num('casesNonconforming'), title: L('有问题办件', 'Cases with problems') }, { ...num('visits'), title: L('回访', 'Visits') },
    { ...num('visitsUnsatisfied'), title: L('回访不满意', 'Not satisfied') }, { ...num('findings'), title: L('发现问题', 'Findings') },
    { ...num('alerts'), title: L('转预警', 'Alerts') }, { ...num('accountability'), title: L('转问责', 'Accountability') },
  ];
  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/supervision/sampling">{t('sampling')}</Link> }, { title: t('samplingLedger') }]} />
      <Typography.Title level={4}>{t('samplingLedger')}{r.data ? ` · ${r.data.regionName ?? ''} ${periodName(quarter, lang)}` : ''}</Typography.Title>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable<LedgerRow> rowKey="departmentCode" loading={r.loading} dataSource={rows} data-testid="ledger-table"
        exportList={reg ? { list: 'sampling-ledger', filters: { region: reg, quarter } } : undefined}
        toolbar={<>
          <Select style={{ width: 200 }} value={reg ?? undefined} onChange={setRegion} showSearch={{ optionFilterProp: 'label' }} data-testid="ledger-region"
            options={(regions.data ?? []).map((x) => ({ value: x.code, label: x.name }))} />
          <DatePicker picker="quarter" value={picked ?? (clock ? dayjs(clock.now) : dayjs())} onChange={(v) => setPicked(v)} allowClear={false} format={lang === 'en' ? 'YYYY-[Q]Q' : 'YYYY年第Q季度'} data-testid="ledger-quarter" />
        </>}
        columns={[
          { title: t('region'), dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
          { title: t('department'), dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
          ...cols,
        ]}
        summary={() => totals && rows.length > 0 ? (
          <Table.Summary.Row data-testid="ledger-totals">
            <Table.Summary.Cell index={0} colSpan={2}><b>{L('合计', 'Total')}</b></Table.Summary.Cell>
            {cols.map((c, i) => <Table.Summary.Cell key={c.dataIndex} index={i + 2} align="right"><b>{totals[c.dataIndex]}</b></Table.Summary.Cell>)}
          </Table.Summary.Row>
        ) : null} />
    </>
  );
}
