import { SimulatedClock } from '../../clock.js';
import type { PowerItemVersion } from '../../domain/catalog/item.types.js';
import { audited } from '../audit.service.js';
import { findItemVersionInForce } from '../catalog/item-lookup.js';
import type { AppContext } from '../context.js';
import { ingestEvents } from '../cases/ingest.service.js';
import { listOfficers, type Officer } from '../../store/org.store.js';
import { DEMO_ITEM_CODES as C } from './catalog.demo.js';

/**
 * Demonstration cases (~30) across the demo departments, pushed through the one event path:
 * fresh ones (green), some in their yellow period, some overdue (red), suspended, rejected,
 * and concluded ones, so lights and supervision alerts show. Times are relative to the
 * business clock, so a drill clock (--clock) gets a coherent picture.
 */
type Plan = { item: string; stage: 'fresh' | 'yellow' | 'red' | 'suspended' | 'closed' | 'rejected' | 'negative'; who: string; kind?: 'person' | 'organization' };

const PLANS: Plan[] = [
  { item: C.tcPermitPenalty, stage: 'fresh', who: '达州市某建材有限公司', kind: 'organization' },
  { item: C.tcPermitPenalty, stage: 'yellow', who: '通川区某化工厂', kind: 'organization' },
  { item: C.tcPermitPenalty, stage: 'red', who: '某洗涤服务部', kind: 'organization' },
  { item: C.tcPermitPenalty, stage: 'closed', who: '某汽车修理厂', kind: 'organization' },
  { item: C.tcAirPenalty, stage: 'fresh', who: '某砖厂', kind: 'organization' },
  { item: C.tcAirPenalty, stage: 'suspended', who: '某混凝土公司', kind: 'organization' },
  { item: C.tcEiaLicense, stage: 'fresh', who: '达州某食品有限公司', kind: 'organization' },
  { item: C.tcEiaLicense, stage: 'yellow', who: '通川区某医院', kind: 'organization' },
  { item: C.tcEiaLicense, stage: 'red', who: '某物流园', kind: 'organization' },
  { item: C.tcEiaLicense, stage: 'closed', who: '某小区开发商', kind: 'organization' },
  { item: C.tcSiteInspection, stage: 'closed', who: '某印染厂', kind: 'organization' },
  { item: C.tcSiteInspection, stage: 'negative', who: '某电镀厂', kind: 'organization' },
  { item: C.tcFoodLicense, stage: 'fresh', who: '王小明' },
  { item: C.tcFoodLicense, stage: 'yellow', who: '李芳' },
  { item: C.tcFoodLicense, stage: 'red', who: '张伟' },
  { item: C.tcFoodLicense, stage: 'closed', who: '刘洋' },
  { item: C.tcFoodLicense, stage: 'rejected', who: '陈静' },
  { item: C.tcExpiredFoodPenalty, stage: 'fresh', who: '某超市', kind: 'organization' },
  { item: C.tcExpiredFoodPenalty, stage: 'red', who: '某便利店', kind: 'organization' },
  { item: C.tcLandPlanningLicense, stage: 'yellow', who: '某置业有限公司', kind: 'organization' },
  { item: C.tcLandPlanningLicense, stage: 'closed', who: '某学校', kind: 'organization' },
  { item: C.tcRealEstateRegistration, stage: 'fresh', who: '杨帆' },
  { item: C.tcRealEstateRegistration, stage: 'closed', who: '赵磊' },
  { item: C.tcRealEstateRegistration, stage: 'suspended', who: '黄丽' },
  { item: C.tcFreightLicense, stage: 'fresh', who: '某运输公司', kind: 'organization' },
  { item: C.tcFreightLicense, stage: 'red', who: '周强' },
  { item: C.tcUnlicensedFreightPenalty, stage: 'yellow', who: '吴军' },
  { item: C.dcEiaLicense, stage: 'fresh', who: '达川区某酒厂', kind: 'organization' },
  { item: C.dcEiaLicense, stage: 'red', who: '达川区某养殖场', kind: 'organization' },
  { item: C.rhPermitPenalty, stage: 'yellow', who: '仁和区某矿业公司', kind: 'organization' },
  { item: C.rhPermitPenalty, stage: 'closed', who: '仁和区某冶炼厂', kind: 'organization' },
];

const DAY = 86_400_000;

/** A registration instant that puts the promised deadline where the stage wants it (searched day by day). */
function startFor(ctx: AppContext, item: PowerItemVersion, stage: Plan['stage'], now: Date): Date {
  const cal = ctx.calendars.forRegion(item.regionCode);
  const n = item.promisedLimitDays || item.legalLimitDays || 20;
  const at = (d: number) => new Date(now.getTime() - d * DAY - 2 * 3_600_000);
  if (stage === 'fresh' || stage === 'suspended' || stage === 'negative' || stage === 'rejected') return at(1);
  for (let d = 1; d < 400; d++) {
    const r = cal.deadline({ start: at(d), workingDays: n });
    if (stage === 'yellow' && r.warnAt <= now && r.dueAt > now) return at(d);
    if (stage === 'red' && r.dueAt.getTime() < now.getTime() - 2 * DAY) return at(d);
    if (stage === 'closed' && r.dueAt.getTime() < now.getTime() - 10 * DAY) return at(d);
  }
  return at(n * 2);
}

/** The 查询码 of the demo's (i + 1)th case, `…-000n`: DEMO000n (demo only, documented in the README). */
export const demoQueryCode = (i: number): string => `DEMO${String(i + 1).padStart(4, '0')}`;

export async function loadCasesDemo(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const year = new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
  const system = { kind: 'system', name: 'demo' } as const;
  let count = 0;
  for (const [i, p] of PLANS.entries()) {
    const item = await findItemVersionInForce(ctx.db, p.item, now);
    if (!item) continue;
    const officers = await listOfficers(ctx.db, { all: true, regions: [], departments: [] }, { department: item.departmentCode });
    const asActor = (o: Officer | undefined) => (o ? { id: o.id, name: o.name, ...(o.certificateNo ? { certificateNo: o.certificateNo } : {}) } : { id: 'demo', name: '演示经办人' });
    const actor = asActor(officers[0]);
    // each step is completed by an officer holding its post (岗位), the handler otherwise
    const stepActor = (post: string | undefined) => (post ? asActor(officers.find((o) => o.posts?.includes(post)) ?? officers[0]) : actor);
    const caseNo = `${item.departmentCode}-${year}-${String(i + 1).padStart(4, '0')}`;
    const start = startFor(ctx, item, p.stage, now);
    const steps = item.flow?.steps ?? [];
    const evs: unknown[] = [];
    // 达州意见 三(七): the query code on the acceptance notice lets the counterparty follow the case;
    // the demo's are known (README: DEMO0001 for case …-0001), every other case's is random
    const queryCodes = new Map([[caseNo, demoQueryCode(i)]]);
    let k = 0;
    const ev = (type: string, t: Date, data: unknown = {}, by = actor) => evs.push({ eventId: `demo-${caseNo}-${++k}`, caseNo, type, occurredAt: t.toISOString(), actor: by, data });
    ev('case.registered', start, { itemCode: item.code, counterparty: { kind: p.kind ?? 'person', name: p.who }, channel: i % 3 === 0 ? 'online' : 'window' });
    const span = now.getTime() - start.getTime();
    const at = (f: number) => new Date(start.getTime() + Math.max(60_000, Math.floor(span * f)));
    const done = p.stage === 'closed' ? steps.length : p.stage === 'fresh' || p.stage === 'rejected' ? 0 : Math.max(1, Math.floor(steps.length / 2));
    for (let s = 0; s < done; s++) {
      const st = steps[s];
      if (st.evidenceRequired) ev('evidence.attached', at((s + 0.5) / (steps.length + 2)), { evidenceId: `${caseNo}-E${s}`, kind: 'photo', name: `${st.name}现场照片.jpg`, size: 204800, sha256: (caseNo + s).split('').map((c) => c.charCodeAt(0).toString(16)).join('').padEnd(64, '0').slice(0, 64) });
      const negative = p.stage === 'negative' && s === 0;
      ev('step.completed', at((s + 1) / (steps.length + 2)), { step: st.key, opinion: { verdict: negative ? 'disagree' : 'agree', text: negative ? '' : '同意' } }, stepActor(st.post));
      if (st.key === 'decide' || s === steps.length - 1) {
        const penalty = item.category === 'penalty' && item.discretion[0] ? { kind: item.discretion[0].kind, amount: item.discretion[0].min + 1000, circumstance: item.discretion[0].circumstance } : null;
        if (!evs.some((e: any) => e.type === 'case.decided')) {
          ev('case.decided', at((s + 1.2) / (steps.length + 2)), {
            outcome: penalty ? 'penalty' : item.category === 'license' ? 'approved' : 'other', legalBasis: item.legalBasis.map((b) => `${b.law}${b.article}`).join('；'),
            reason: '事实清楚、证据确凿', documentNo: `演示〔${year}〕${i + 1}号`, ...(penalty ? { penalty } : {}),
          });
          if (penalty) ev('penalty.executed', at((s + 1.4) / (steps.length + 2)), { amount: penalty.amount, receiptNo: `SK${year}${i + 1}`, paidAt: at((s + 1.4) / (steps.length + 2)).toISOString() });
        }
      }
    }
    if (p.stage === 'closed') ev('case.closed', at((steps.length + 1.5) / (steps.length + 2)));
    if (p.stage === 'rejected') ev('case.rejected', at(0.5), { reason: '申请事项不属于本机关职权范围，已告知向有关机关申请' });
    if (p.stage === 'suspended') ev('case.suspended', at(0.6), { reason: '等待检验检测结果', basis: '《行政许可法》第四十五条' });
    try {
      let accepted = 0;
      for (const g of deliveries(evs as { occurredAt: string }[], now, i % 8 === 5)) {
        // each delivery is received when it happened (a few minutes later), through the one event path
        const dctx: AppContext = { ...ctx, clock: new SimulatedClock(g.receivedAt) };
        const r = await audited(ctx, system, {
          action: 'demo.cases', target: caseNo,
          run: (q) => ingestEvents(q, dctx, { departmentCode: item.departmentCode, regionCode: item.regionCode, source: 'exchange', events: g.events, queryCodes }),
        });
        accepted += r.accepted;
      }
      if (accepted) count++;
    } catch (e) {
      ctx.log.warn({ err: e, caseNo }, 'demo case not loaded');
    }
  }
  return count;
}

/**
 * Splits a case's events into deliveries received within hours of their occurrence, as a
 * department that enters its cases on time would. `late` delivers everything at `now`
 * (事后补录, 达州意见 三(六)), so the demo shows LATE_ENTRY too.
 */
function deliveries<T extends { occurredAt: string }>(evs: T[], now: Date, late: boolean): { receivedAt: Date; events: T[] }[] {
  if (late) return [{ receivedAt: now, events: evs }];
  const out: { receivedAt: Date; events: T[] }[] = [];
  for (const e of evs) {
    const t = Date.parse(e.occurredAt);
    const last = out[out.length - 1];
    if (last && t - Date.parse(last.events[0].occurredAt) < 12 * 3_600_000) {
      last.events.push(e);
      last.receivedAt = new Date(Math.min(now.getTime(), t + 10 * 60_000));
    } else {
      out.push({ receivedAt: new Date(Math.min(now.getTime(), t + 10 * 60_000)), events: [e] });
    }
  }
  return out;
}
