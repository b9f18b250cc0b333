import { Select } from 'antd';
import { useI18n } from '../../../lib/i18n';

/**
 * The 廉政风险点 of one step, as the catalog holds them today: a list of names.
 * Kept apart from the step table so that richer risk points (grade, control measures) can be edited here later.
 */
export function RiskPointsCell({ value, onChange, stepLabel }: { value?: string[]; onChange: (v: string[]) => void; stepLabel: string }) {
  const { L } = useI18n();
  return (
    <Select mode="tags" size="small" style={{ minWidth: 140, width: '100%' }} value={value ?? []} onChange={onChange} open={false} tokenSeparators={['，', ',', '；', ';']}
      placeholder={L('输入后回车', 'Type, then Enter')} aria-label={L(`${stepLabel}的廉政风险点`, `Risk points of ${stepLabel}`)} data-testid="step-risk" />
  );
}
