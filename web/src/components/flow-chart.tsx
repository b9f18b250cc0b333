import { useI18n } from '../lib/i18n';

export interface FlowStepView { key: string; name: string; post?: string; limitDays?: number; evidenceRequired?: boolean; riskPoints?: string[]; supervisionPoints?: string[] }
export interface FlowView { steps: FlowStepView[]; rollbacks?: [string, string][] }

/**
 * The item's flowchart (流程图) as SVG: one box per step, top to bottom, rollbacks as dashed
 * arcs on the right. `current` highlights the step in progress, `done` the completed ones.
 */
export function FlowChart({ flow, current, done = [] }: { flow: FlowView | null | undefined; current?: string | null; done?: string[] }) {
  const { L } = useI18n();
  if (!flow?.steps?.length) return <div style={{ color: '#999' }}>{L('未公布流程', 'No flow published')}</div>;
  const W = 340, BOX_W = 240, BOX_H = 64, GAP = 36, X = 20;
  const steps = [{ key: '__start', name: L('受理', 'Start') }, ...flow.steps, { key: '__end', name: L('办结', 'End') }] as FlowStepView[];
  const y = (i: number) => 10 + i * (BOX_H + GAP);
  const H = y(steps.length) - GAP + 20;
  const idx = (k: string) => steps.findIndex((s) => s.key === k);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: W + 40, display: 'block' }} role="img" aria-label={L('流程图', 'Flowchart')} data-testid="flowchart">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8c8c8c" /></marker>
        <marker id="arrow-back" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#fa8c16" /></marker>
      </defs>
      {steps.map((s, i) => {
        const terminal = s.key.startsWith('__');
        const isCur = s.key === current;
        const isDone = done.includes(s.key);
        const fill = isCur ? '#e6f4ff' : isDone ? '#f6ffed' : '#fff';
        const stroke = isCur ? '#1677ff' : isDone ? '#52c41a' : '#bfbfbf';
        return (
          <g key={s.key} data-step={s.key} data-current={isCur ? 'true' : undefined}>
            {i > 0 && <line x1={X + BOX_W / 2} y1={y(i) - GAP} x2={X + BOX_W / 2} y2={y(i) - 2} stroke="#8c8c8c" strokeWidth={1.5} markerEnd="url(#arrow)" />}
            {terminal
              ? <rect x={X + 50} y={y(i) + 12} width={BOX_W - 100} height={BOX_H - 24} rx={20} fill="#fafafa" stroke="#bfbfbf" />
              : <rect x={X} y={y(i)} width={BOX_W} height={BOX_H} rx={6} fill={fill} stroke={stroke} strokeWidth={isCur ? 3 : 1.5} />}
            <text x={X + BOX_W / 2} y={y(i) + (terminal ? BOX_H / 2 + 5 : 26)} textAnchor="middle" fontSize={15} fontWeight={isCur ? 700 : 500} fill="#262626">
              {i > 0 && !terminal ? `${i}. ` : ''}{s.name}{isCur ? L('（当前）', ' (current)') : ''}
            </text>
            {!terminal && (
              <text x={X + BOX_W / 2} y={y(i) + 48} textAnchor="middle" fontSize={12} fill="#595959">
                {[s.post, s.limitDays !== undefined ? L(`${s.limitDays} 个工作日`, `${s.limitDays} working days`) : null, s.evidenceRequired ? L('须上传证据', 'evidence required') : null].filter(Boolean).join(' · ')}
              </text>
            )}
          </g>
        );
      })}
      {(flow.rollbacks ?? []).map(([from, to], k) => {
        const a = idx(from), b = idx(to);
        if (a < 0 || b < 0) return null;
        const off = 24 + k * 14;
        const x0 = X + BOX_W;
        return <path key={`${from}-${to}`} d={`M${x0},${y(a) + BOX_H / 2} C${x0 + off * 2},${y(a) + BOX_H / 2} ${x0 + off * 2},${y(b) + BOX_H / 2} ${x0 + 2},${y(b) + BOX_H / 2}`} fill="none" stroke="#fa8c16" strokeDasharray="5 4" markerEnd="url(#arrow-back)" />;
      })}
    </svg>
  );
}
