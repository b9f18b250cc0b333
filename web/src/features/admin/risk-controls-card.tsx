import { Card, Table, Tag } from 'antd';
import { useI18n } from '../../lib/i18n';

/** A risk point's control as the server keeps it (FlowStep.riskControls, risk-points.ts). */
export interface RiskControlView {
  point: string;
  grade: 'high' | 'medium' | 'low';
  measures: string;
  checks: string[];
}

export interface RiskStepView {
  key: string;
  name: string;
  riskControls?: RiskControlView[];
}

const GRADES: Record<RiskControlView['grade'], readonly [string, string, string]> = {
  high: ['高', 'High', 'red'], medium: ['中', 'Medium', 'orange'], low: ['低', 'Low', 'blue'],
};
const CHECKS: Record<string, readonly [string, string]> = {
  within_limit: ['环节按时办结', 'Step within its limit'], evidence: ['证据留存', 'Evidence attached'], legal_review: ['法制审核意见', 'Legal review opinion'],
  written_opinion: ['意见留痕', 'Written opinion'], two_officers: ['两人以上办理', 'Two officers'],
};

interface Row extends RiskControlView { step: string; id: string }

/**
 * 廉政风险点及防控措施 of an item's flow (川 平台办法 第五条(三); 达州意见 三(五)): each graded point,
 * its control measures and the supervision points the platform checks. Nothing when the flow has none.
 */
export function RiskControlsCard({ steps }: { steps: RiskStepView[] | undefined }) {
  const { L, lang } = useI18n();
  const rows: Row[] = (steps ?? []).flatMap((s) => (s.riskControls ?? []).map((c) => ({ ...c, step: s.name, id: `${s.key}/${c.point}` })));
  if (!rows.length) return null;
  const pick = (v: readonly [string, string, ...string[]]) => (lang === 'en' ? v[1] : v[0]);
  return (
    <Card title={L('廉政风险点及防控措施', 'Integrity risk points and controls')} size="small" data-testid="risk-controls">
      <Table<Row> size="small" rowKey="id" dataSource={rows} pagination={false}
        columns={[
          { title: L('环节', 'Step'), dataIndex: 'step' },
          { title: L('风险点', 'Risk point'), dataIndex: 'point' },
          { title: L('等级', 'Grade'), dataIndex: 'grade', render: (g: RiskControlView['grade']) => <Tag color={GRADES[g][2]}>{pick(GRADES[g])}</Tag> },
          { title: L('防控措施', 'Control measures'), dataIndex: 'measures' },
          { title: L('监察点', 'Supervision points'), dataIndex: 'checks', render: (cs: string[]) => cs.map((c) => <Tag key={c}>{CHECKS[c] ? pick(CHECKS[c]) : L('其他', 'Other')}</Tag>) },
        ]} />
    </Card>
  );
}
