/**
 * 廉政风险点 with their 防控措施 and executable 监察点 (pure).
 * 川办发〔2014〕2号 平台办法 第五条(三): 优化权力运行流程，设置风险点和监察点;
 * 盐城电子监察办法 第十一条(三): 廉政风险预警; 达州意见 三(五): 规范设置风险点、监察点，监察部门审核.
 *
 * A flow step keeps `riskPoints: string[]` of interface standard §2 (the names). The optional
 * `riskControls` (extension) gives some of those points a grade, control measures and checks the
 * platform runs against the case's events; every control's point is also listed in `riskPoints`.
 */

export const RISK_GRADES = { high: '高', medium: '中', low: '低' } as const;
export type RiskGrade = keyof typeof RISK_GRADES;

/**
 * The closed set of executable supervision points (监察点), each testable on the case as the step
 * is completed (step.completed):
 * - within_limit: the step is completed within its limitDays (working days from its start, suspensions not counted);
 * - evidence: at least one piece of evidence is attached to the case and not removed;
 * - legal_review: an earlier step at the legal review post (岗位或名称含「法制」) was completed with a written opinion;
 * - written_opinion: the completion carries a written opinion (not only agree/disagree);
 * - two_officers: at least two different people acted in the step (its events since it started, the completion included).
 */
export const RISK_CHECKS = {
  within_limit: '环节按时办结',
  evidence: '证据留存',
  legal_review: '法制审核意见',
  written_opinion: '意见留痕',
  two_officers: '两人以上办理',
} as const;
export type RiskCheck = keyof typeof RISK_CHECKS;

export interface RiskControl {
  /** The risk point's name (as listed in the step's riskPoints). */
  point: string;
  grade: RiskGrade;
  /** 防控措施: what the department does to control it. */
  measures: string;
  /** The executable supervision points watching it (may be empty: a point watched by people only). */
  checks: RiskCheck[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * Validates a step's `riskControls` (field e.g. `flow.steps[1].riskControls`); problems go to `bad`
 * naming the field. Returns the controls (undefined when absent or empty).
 */
export function validateRiskControls(raw: unknown, field: string, bad: (f: string, m: string) => void): RiskControl[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) {
    bad(field, '须为数组 (riskControls must be an array)');
    return undefined;
  }
  const out: RiskControl[] = [];
  const seen = new Set<string>();
  raw.forEach((c, i) => {
    const f = `${field}[${i}]`;
    if (!isObj(c)) return bad(f, '须为对象 (must be an object)');
    const point = text(c.point);
    if (!point || point.length > 200) return bad(`${f}.point`, '风险点名称不能为空，且不超过200字 (point is required)');
    if (seen.has(point)) return bad(`${f}.point`, `风险点重复: ${point} (duplicate point)`);
    seen.add(point);
    if (typeof c.grade !== 'string' || !(c.grade in RISK_GRADES)) return bad(`${f}.grade`, '风险等级须为 high（高）、medium（中）或 low（低） (grade: high | medium | low)');
    const measures = text(c.measures);
    if (!measures || measures.length > 2000) return bad(`${f}.measures`, '须写明防控措施，且不超过2000字 (measures are required)');
    const checks = c.checks ?? [];
    if (!Array.isArray(checks) || checks.some((k) => typeof k !== 'string' || !(k in RISK_CHECKS))) {
      return bad(`${f}.checks`, `监察点须为 ${Object.keys(RISK_CHECKS).join(' / ')} 之一 (unknown check)`);
    }
    out.push({ point, grade: c.grade as RiskGrade, measures, checks: [...new Set(checks as RiskCheck[])] });
  });
  return out.length ? out : undefined;
}

/** The step's risk point names with every control's point included (riskPoints stays the full list). */
export function mergeRiskPoints(riskPoints: string[] | undefined, controls: RiskControl[] | undefined): string[] | undefined {
  const names = [...(riskPoints ?? [])];
  for (const c of controls ?? []) if (!names.includes(c.point)) names.push(c.point);
  return names.length ? names : undefined;
}

/** What a check looks at when a step is completed (gathered by the rule from the case). */
export interface StepFacts {
  /** Completed at or before the step's due instant (null: the step has no limit). */
  withinLimit: boolean | null;
  evidenceCount: number;
  legalReviewWithOpinion: boolean;
  opinionText: string;
  /** Distinct people who acted in the step, the completion included. */
  actors: number;
}

/** The checks of `control` that the case fails (the control was not applied). */
export function failedChecks(control: RiskControl, f: StepFacts): RiskCheck[] {
  return control.checks.filter((k) => {
    switch (k) {
      case 'within_limit': return f.withinLimit === false;
      case 'evidence': return f.evidenceCount === 0;
      case 'legal_review': return !f.legalReviewWithOpinion;
      case 'written_opinion': return !f.opinionText.trim();
      case 'two_officers': return f.actors < 2;
    }
  });
}
