import type { Flow } from '../catalog/item.types.js';
import type { CaseEvent, CaseEventInput, CaseState, EventActor, EventDataMap } from './case.types.js';

/** What the fold needs to know of the item version: the flow (steps follow it, §3). */
export interface FoldItem {
  code?: string;
  version?: number;
  flow: Flow | null;
}

export function initialState(caseNo: string, departmentCode: string): CaseState {
  return {
    caseNo, departmentCode, itemCode: null, itemVersion: null, status: 'none', conclusion: null,
    acceptedAt: null, concludedAt: null, counterparty: null, channel: null,
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

/**
 * Applies one event (pure: `state` and what it holds are never changed). Events of a concluded
 * case are still recorded (supervision judges them). The new state is one copy, `s`, whose own
 * fields are then set: a pushed batch folds hundreds of events, and a second copy per event
 * doubled what the fold allocated.
 */
/** Who acted, without the certificate (盐城电子监察办法 第二十二条: the person a late case is attributed to). */
const personOf = (a: EventActor): NonNullable<CaseState['lastActor']> => {
  // an exchange actor's id is its officer's (§3); a workbench account without officer has none
  const officerId = a.officerId ?? (a.accountId ? undefined : a.id);
  return { id: a.id, name: a.name, ...(officerId ? { officerId } : {}), ...(a.post ? { post: a.post } : {}) };
};

export function evolve(state: CaseState, event: CaseEventInput, item: FoldItem | null = null): CaseState {
  const at = event.occurredAt;
  const s: CaseState = { ...state, eventCount: state.eventCount + 1, lastEventAt: !state.lastEventAt || at > state.lastEventAt ? at : state.lastEventAt };
  if (!state.lastEventAt || at >= state.lastEventAt) s.lastActor = personOf(event.actor);
  // who acted in the step in progress (a completion or a return starts the next step afresh)
  if (event.type === 'step.completed' || event.type === 'case.returned') s.stepActors = [];
  else if (event.type === 'case.registered') s.stepActors = [event.actor.id];
  else if (!(state.stepActors ?? []).includes(event.actor.id)) s.stepActors = [...(state.stepActors ?? []), event.actor.id];
  const concluded = s.status === 'concluded';
  switch (event.type) {
    case 'application.submitted': {
      // 川办发〔2014〕2号 平台办法 第五条(六): 受理电子政务大厅的申请 — the case waits 待受理
      const d = event.data as EventDataMap['application.submitted'];
      if (s.submittedAt) return s; // the first application stands
      s.submittedAt = at;
      s.appliedMaterials = d.materials;
      if (s.status !== 'none') return s; // registered before (a late event): only recorded
      s.status = 'submitted';
      s.itemCode = d.itemCode;
      s.itemVersion = item?.version ?? null;
      s.counterparty = d.counterparty;
      s.channel = d.channel;
      return s;
    }
    case 'correction.answered': {
      const d = event.data as EventDataMap['correction.answered'];
      const i = s.corrections.findLastIndex((c) => !c.answeredAt);
      if (i < 0) return s;
      s.corrections = s.corrections.map((c, j) => (j === i ? { ...c, answeredAt: at, answeredMaterials: d.materials } : c));
      return s;
    }
    case 'case.registered': {
      const d = event.data as EventDataMap['case.registered'];
      if (s.acceptedAt) return s; // the earliest registration stands; a second one is only recorded
      const first = item?.flow?.steps[0]?.key ?? null;
      s.itemCode = d.itemCode;
      s.itemVersion = item?.version ?? null;
      if (!concluded) s.status = 'open';
      s.acceptedAt = at;
      s.counterparty = d.counterparty;
      s.channel = d.channel;
      if (!s.steps.length) {
        s.currentStep = first;
        s.currentStepStartedAt = first ? at : null;
        s.steps = openStep(s, first, at);
      }
      return s;
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
      if (next) steps.push({ step: next, startedAt: at, completedAt: null });
      s.steps = steps;
      s.currentStep = next;
      s.currentStepStartedAt = next ? at : null;
      return s;
    }
    case 'case.returned': {
      const d = event.data as EventDataMap['case.returned'];
      const steps = s.steps.map((r) => (r.completedAt === null ? { ...r, completedAt: at } : r));
      if (!concluded) steps.push({ step: d.toStep, startedAt: at, completedAt: null });
      s.returns = [...s.returns, { at, fromStep: d.fromStep, toStep: d.toStep, reason: d.reason }];
      s.currentStep = concluded ? null : d.toStep;
      s.currentStepStartedAt = concluded ? null : at;
      s.steps = steps;
      return s;
    }
    case 'correction.requested': {
      const d = event.data as EventDataMap['correction.requested'];
      s.corrections = [...s.corrections, { at, materials: d.materials, reason: d.reason }];
      return s;
    }
    case 'case.suspended': {
      const d = event.data as EventDataMap['case.suspended'];
      if (s.status === 'suspended') return s;
      if (!concluded) s.status = 'suspended';
      s.suspensions = [...s.suspensions, { from: at, to: null, reason: d.reason, basis: d.basis }];
      return s;
    }
    case 'case.resumed': {
      const i = s.suspensions.findLastIndex((x) => x.to === null);
      if (i < 0) return s;
      s.suspensions = s.suspensions.map((x, j) => (j === i ? { ...x, to: at } : x));
      if (!concluded) s.status = 'open';
      return s;
    }
    case 'case.extended': {
      const d = event.data as EventDataMap['case.extended'];
      s.extensionDays += d.workingDays;
      s.extensions = [...s.extensions, { at, ...d }];
      return s;
    }
    case 'evidence.attached': {
      const d = event.data as EventDataMap['evidence.attached'];
      const prev = s.evidence[d.evidenceId];
      s.evidence = { ...s.evidence, [d.evidenceId]: {
        evidenceId: d.evidenceId, kind: d.kind, name: d.name, size: d.size, sha256: d.sha256, attachedAt: at,
        removedAt: null, removedReason: null, hashes: [...(prev?.hashes ?? []), d.sha256],
      } };
      return s;
    }
    case 'evidence.removed': {
      const d = event.data as EventDataMap['evidence.removed'];
      const prev = s.evidence[d.evidenceId];
      if (!prev) return s;
      s.evidence = { ...s.evidence, [d.evidenceId]: { ...prev, removedAt: at, removedReason: d.reason } };
      return s;
    }
    case 'case.decided':
      s.decision = { ...(event.data as EventDataMap['case.decided']), at, actor: event.actor };
      return s;
    case 'penalty.executed':
      s.executions = [...s.executions, { ...(event.data as EventDataMap['penalty.executed']), at }];
      return s;
    case 'fee.charged':
      s.fees = [...s.fees, { ...(event.data as EventDataMap['fee.charged']), at }];
      return s;
    case 'case.rejected':
    case 'case.terminated':
    case 'case.closed': {
      if (concluded) return s;
      const conclusion = event.type === 'case.rejected' ? 'rejected' : event.type === 'case.terminated' ? 'terminated' : 'closed';
      s.status = 'concluded';
      s.conclusion = conclusion;
      s.concludedAt = at;
      s.currentStep = null;
      s.currentStepStartedAt = null;
      s.suspensions = s.suspensions.map((x) => (x.to === null ? { ...x, to: at } : x));
      return s;
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
