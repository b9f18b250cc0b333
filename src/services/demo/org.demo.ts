import { hashPassword } from '../security/password.js';
import type { Actor, Role } from '../../domain/org/policy.js';
import { roleRequiresTotp } from '../../domain/auth/totp.js';
import { appendAudit } from '../../store/audit.store.js';
import { enrolTotp } from '../security/totp-vault.js';
import { findUserByName, insertGrant, insertUser, setUserOfficer } from '../../store/user.store.js';
import { newId } from '../ids.js';
import type { AppContext } from '../context.js';
import { checkOfficerLink } from '../admin/officer-link.js';
import { importCatalog } from '../org/import.service.js';
import { demoItems } from './catalog.demo.js';

/**
 * The demonstration organisation: real Sichuan GB/T 2260 codes, a few departments per city
 * and county, officers with 执法证 and posts (岗位), and one account per role (listed in the
 * README). An officer linked to a demo account is that account's person (same name).
 */

/** The one password of every demo account (documented in the README; demo only). */
export const DEMO_PASSWORD = 'Demo-Passw0rd!';
/** The one TOTP secret of the demo accounts whose roles need a second factor (README; demo only). */
export const DEMO_TOTP_SECRET = 'DEMOXINGQUANTOTPDEMOXINGQUANTOTP';

const REGIONS = [
  { code: '510000', name: '四川省', parent: null },
  { code: '510100', name: '成都市', parent: '510000' },
  { code: '511700', name: '达州市', parent: '510000' },
  { code: '511702', name: '通川区', parent: '511700' },
  { code: '511703', name: '达川区', parent: '511700' },
  { code: '510400', name: '攀枝花市', parent: '510000' },
  { code: '510411', name: '仁和区', parent: '510400' },
];

const KINDS: [string, string][] = [
  ['STJ', '生态环境局'],
  ['SJJ', '市场监督管理局'],
  ['ZRJ', '自然资源局'],
  ['JTJ', '交通运输局'],
];

const SURNAMES = ['李', '王', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['明', '芳', '伟', '静', '强', '敏', '磊', '洋', '艳', '勇', '军', '杰'];

/** The 法制审核 post: held by each department's second officer, never by its handler. */
export const LEGAL_REVIEW_POST = '法制审核员';

/** The flow posts of each department's demo items. */
function flowPosts(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const it of demoItems() as { department: string; flow?: { steps: { post?: string }[] } }[]) {
    const set = out.get(it.department) ?? new Set<string>();
    for (const st of it.flow?.steps ?? []) if (st.post) set.add(st.post);
    out.set(it.department, set);
  }
  return out;
}

export function demoOrganisation() {
  const departments = REGIONS.filter((r) => r.parent !== null).flatMap((r) =>
    KINDS.map(([suffix, kind]) => ({ code: `${r.code}-${suffix}`, name: `${r.name}${kind}`, region: r.code })));
  const posts = flowPosts();
  let n = 0;
  const officers = departments.flatMap((d) =>
    [1, 2, 3].map((k) => {
      n += 1;
      const seq = String(k).padStart(4, '0');
      const id = `o-${d.code}-${k}`;
      const flow = [...(posts.get(d.code) ?? [])];
      return {
        id,
        name: DEMO_ACCOUNTS.find((a) => a.officerId === id)?.name ?? `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 5) % GIVEN.length]}`,
        department: d.code,
        certificateNo: `${d.region}2026${seq}`,
        // The third officer of each department holds a lapsed certificate (执法资格 checks) and lists no post.
        validUntil: k === 3 ? '2025-12-31' : '2028-12-31',
        // 岗位: the first officer (the handler) every flow post but the legal review; the second the legal review
        posts: k === 1 ? flow.filter((p) => p !== LEGAL_REVIEW_POST) : k === 2 ? [LEGAL_REVIEW_POST] : [],
      };
    }));
  return { regions: REGIONS, departments, officers };
}

export interface DemoAccount {
  username: string;
  name: string;
  role: Role;
  region: string | null;
  department: string | null;
  officerId?: string;
  note: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'tc_stj_jb', name: '李明', role: 'handler', region: '511702', department: '511702-STJ', officerId: 'o-511702-STJ-1', note: '通川区生态环境局 经办人' },
  { username: 'tc_stj_fz', name: '王芳', role: 'legal_reviewer', region: '511702', department: '511702-STJ', officerId: 'o-511702-STJ-2', note: '通川区生态环境局 法制审核员' },
  { username: 'tc_stj_gly', name: '张伟', role: 'department_admin', region: '511702', department: '511702-STJ', note: '通川区生态环境局 部门管理员' },
  { username: 'tc_sjj_jb', name: '刘静', role: 'handler', region: '511702', department: '511702-SJJ', officerId: 'o-511702-SJJ-1', note: '通川区市场监督管理局 经办人' },
  { username: 'dc_stj_jb', name: '陈强', role: 'handler', region: '511703', department: '511703-STJ', officerId: 'o-511703-STJ-1', note: '达川区生态环境局 经办人' },
  { username: 'rh_stj_jb', name: '杨敏', role: 'handler', region: '510411', department: '510411-STJ', officerId: 'o-510411-STJ-1', note: '仁和区生态环境局 经办人' },
  { username: 'tc_ld', name: '赵磊', role: 'leader', region: '511702', department: null, note: '通川区 分管领导 (只读/审批)' },
  { username: 'dz_jc', name: '黄洋', role: 'supervisor', region: '511700', department: null, note: '达州市 监察员 (sees 511702, 511703; not 510411)' },
  { username: 'rh_jc', name: '周艳', role: 'supervisor', region: '510411', department: null, note: '仁和区 监察员' },
  { username: 'sc_jc', name: '吴勇', role: 'supervisor', region: '510000', department: null, note: '四川省 监察员 (whole province)' },
  { username: 'dz_gly', name: '徐军', role: 'region_admin', region: '511700', department: null, note: '达州市 地区管理员' },
  { username: 'sec_admin', name: '孙杰', role: 'security_admin', region: null, department: null, note: '安全管理员 (accounts and roles)' },
  { username: 'audit_admin', name: '钱审', role: 'audit_admin', region: null, department: null, note: '审计管理员 (reads the audit trail)' },
];

const demoActor: Actor = { kind: 'system', name: 'demo' };

export async function loadOrgDemo(ctx: AppContext): Promise<void> {
  const r = await importCatalog(ctx, demoActor, demoOrganisation());
  if (r.refused.length) throw new Error(`demo organisation refused: ${JSON.stringify(r.refused)}`);
  const hash = await hashPassword(DEMO_PASSWORD);
  await ctx.db.tx(async (q) => {
    for (const a of DEMO_ACCOUNTS) {
      const existing = await findUserByName(q, a.username);
      if (existing) {
        // a demo loaded before accounts were linked to their officers (tc_stj_fz) is linked now
        if (a.officerId && !existing.officerId && existing.departmentCode === a.department && existing.displayName === a.name) {
          await checkOfficerLink(q, { accountId: existing.id, username: a.username, department: a.department, officerId: a.officerId, samePersonAs: a.name });
          await setUserOfficer(q, existing.id, a.officerId);
        }
        continue;
      }
      const id = newId();
      // the demo names the person: the linked officer must be that person, of the account's department
      if (a.officerId) await checkOfficerLink(q, { accountId: id, username: a.username, department: a.department, officerId: a.officerId, samePersonAs: a.name });
      await insertUser(q, {
        id, username: a.username, displayName: a.name, passwordHash: hash, mustChangePassword: false,
        regionCode: a.region, departmentCode: a.department, officerId: a.officerId ?? null,
      });
      await insertGrant(q, newId(), id, { role: a.role, regionCode: a.region, departmentCode: a.department });
      if (roleRequiresTotp([a])) await enrolTotp(ctx.config, q, id, DEMO_TOTP_SECRET, ctx.wallClock.now());
    }
    await appendAudit(q, ctx.clock.now(), {
      actorId: null, actorName: 'demo', role: 'system', regionCode: null, action: 'demo.accounts', target: null,
      sourceIp: null, outcome: 'success', details: { usernames: DEMO_ACCOUNTS.map((a) => a.username) },
    });
  });
}
