import type { Flow } from '../catalog/item.types.js';
import type { CaseEvent, CaseEventInput, CaseState, EventDataMap } from './case.types.js';

/** What the fold needs to know of the item version: the flow (steps follow it, §3). */
export interface FoldItem {
  code?: string;
  version?: number;
  flow: Flow | null;
}

export function initialState(caseNo: string, departmentCode: string): CaseState {
  return {
    caseNo, departmentCode, itemCode: null, itemVersion: null, status: 'none', conclusion: null,
    acceptedAt: null, concludedAt: null, counterparty: null, channel: null, queryCode: null,
    currentStep: null, currentStepStartedAt: null, steps: [], suspensions: [], extensionDays: 0, extensions: [],
    corrections: [], returns: [], evidence: {}, decision: null, executions: [], fees: [], eventCount: 0, lastEventAt: null,
  };
}

/** §3: a case's events are ordered by occurredAt, then by arrival (seq). */
export function compareEvents(a: Pick<CaseEvent, 'occurredAt' | 'seq'>, b: Pick<CaseEvent, 'occurredAt' | 'seq'>): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime() || a.seq - b.seq;
}

const nextStepAfter = (flow: Flow | null, step: string): string | null => {
  if (!flow) return null;
  const i = flow.steps.findIndex((s) => s.key === step);
  return i >= 0 && i + 1 < flow.steps.length ? flow.steps[i + 1].key : null;
};

const openStep = (s: CaseState, step: string | null, at: Date): CaseState['steps'] =>
  step ? [...s.steps, { step, startedAt: at, completedAt: null }] : s.steps;

/** Applies one event (pure). Events of a concluded case are still recorded (supervision judges them). */
export function evolve(state: CaseState, event: CaseEventInput, item: FoldItem | null = null): CaseState {
  const at = event.occurredAt;
  const s: CaseState = { ...state, eventCount: state.eventCount + 1, lastEventAt: !state.lastEventAt || at > state.lastEventAt ? at : state.lastEventAt };
  const concluded = s.status === 'concluded';
  switch (event.type) {
    case 'case.registered': {
      const d = event.data as EventDataMap['case.registered'];
      if (s.acceptedAt) return s; // the earliest registration stands; a second one is only recorded
      const first = item?.flow?.steps[0]?.key ?? null;
      return {
        ...s, itemCode: d.itemCode, itemVersion: item?.version ?? null, status: concluded ? s.status : 'open', acceptedAt: at,
        counterparty: d.counterparty, channel: d.channel, queryCode: d.queryCode ?? s.queryCode,
        currentStep: s.steps.length ? s.currentStep : first, currentStepStartedAt: s.steps.length ? s.currentStepStartedAt : first ? at : null,
        steps: s.steps.length ? s.steps : openStep(s, first, at),
      };
    }
    case 'step.completed': {
      const d = event.data as EventDataMap['step.completed'];
      const steps = [...s.steps];
      const idx = steps.findLastIndex((r) => r.step === d.step && r.completedAt === null);
      const rec = { step: d.step, startedAt: idx >= 0 ? steps[idx].startedAt : s.currentStepStartedAt ?? at, completedAt: at,
        verdict: d.opinion.verdict, text: d.opinion.text, actorId: event.actor.id };
      if (idx >= 0) steps[idx] = rec;
      else steps.push(rec);
      // an out-of-order completion closes the step that was open (PROCEDURE_VIOLATION is supervision's)
      for (let i = 0; i < steps.length; i++) if (steps[i].completedAt === null && steps[i].step !== d.step) steps[i] = { ...steps[i], completedAt: at };
      const next = concluded ? null : nextStepAfter(item?.flow ?? null, d.step);
      return { ...s, steps: next ? [...steps, { step: next, startedAt: at, completedAt: null }] : steps, currentStep: next, currentStepStartedAt: next ? at : null };
    }
    case 'case.returned': {
      const d = event.data as EventDataMap['case.returned'];
      const steps = s.steps.map((r) => (r.completedAt === null ? { ...r, completedAt: at } : r));
      return {
        ...s, returns: [...s.returns, { at, fromStep: d.fromStep, toStep: d.toStep, reason: d.reason }],
        currentStep: concluded ? null : d.toStep, currentStepStartedAt: concluded ? null : at,
        steps: concluded ? steps : [...steps, { step: d.toStep, startedAt: at, completedAt: null }],
      };
    }
    case 'correction.requested': {
      const d = event.data as EventDataMap['correction.requested'];
      return { ...s, corrections: [...s.corrections, { at, materials: d.materials, reason: d.reason }] };
    }
    case 'case.suspended': {
      const d = event.data as EventDataMap['case.suspended'];
      if (s.status === 'suspended') return s;
      return { ...s, status: concluded ? s.status : 'suspended', suspensions: [...s.suspensions, { from: at, to: null, reason: d.reason, basis: d.basis }] };
    }
    case 'case.resumed': {
      const i = s.suspensions.findLastIndex((x) => x.to === null);
      if (i < 0) return s;
      const suspensions = s.suspensions.map((x, j) => (j === i ? { ...x, to: at } : x));
      return { ...s, suspensions, status: concluded ? s.status : 'open' };
    }
    case 'case.extended': {
      const d = event.data as EventDataMap['case.extended'];
      return { ...s, extensionDays: s.extensionDays + d.workingDays, extensions: [...s.extensions, { at, ...d }] };
    }
    case 'evidence.attached': {
      const d = event.data as EventDataMap['evidence.attached'];
      const prev = s.evidence[d.evidenceId];
      return {
        ...s, evidence: { ...s.evidence, [d.evidenceId]: {
          evidenceId: d.evidenceId, kind: d.kind, name: d.name, size: d.size, sha256: d.sha256, attachedAt: at,
          removedAt: null, removedReason: null, hashes: [...(prev?.hashes ?? []), d.sha256],
        } },
      };
    }
    case 'evidence.removed': {
      const d = event.data as EventDataMap['evidence.removed'];
      const prev = s.evidence[d.evidenceId];
      if (!prev) return s;
      return { ...s, evidence: { ...s.evidence, [d.evidenceId]: { ...prev, removedAt: at, removedReason: d.reason } } };
    }
    case 'case.decided':
      return { ...s, decision: { ...(event.data as EventDataMap['case.decided']), at, actor: event.actor } };
    case 'penalty.executed':
      return { ...s, executions: [...s.executions, { ...(event.data as EventDataMap['penalty.executed']), at }] };
    case 'fee.charged':
      return { ...s, fees: [...s.fees, { ...(event.data as EventDataMap['fee.charged']), at }] };
    case 'case.rejected':
    case 'case.terminated':
    case 'case.closed': {
      if (concluded) return s;
      const conclusion = event.type === 'case.rejected' ? 'rejected' : event.type === 'case.terminated' ? 'terminated' : 'closed';
      const suspensions = s.suspensions.map((x) => (x.to === null ? { ...x, to: at } : x));
      return { ...s, status: 'concluded', conclusion, concludedAt: at, currentStep: null, currentStepStartedAt: null, suspensions };
    }
  }
}

/** The state of a case: its events sorted by occurredAt then arrival, folded from the start. */
export function foldEvents(caseNo: string, departmentCode: string, events: CaseEvent[], item: FoldItem | null = null): CaseState {
  return [...events].sort(compareEvents).reduce((s, e) => evolve(s, e, item), initialState(caseNo, departmentCode));
}

/** Each event applied, with the state just before it (what the event rules judge). */
export type FoldTrace = { before: CaseState; event: CaseEvent }[];

/** Folds `events` (sorted here) onto `start`, recording the state before each one. */
export function foldWithTrace(start: CaseState, events: CaseEvent[], item: FoldItem | null = null): { state: CaseState; trace: FoldTrace } {
  const trace: FoldTrace = [];
  let s = start;
  for (const e of [...events].sort(compareEvents)) {
    trace.push({ before: s, event: e });
    s = evolve(s, e, item);
  }
  return { state: s, trace };
}
