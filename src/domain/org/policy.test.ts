import { describe, expect, it } from 'vitest';
import { can, scopeFilter, type Actor, type Grant } from './policy.js';
import { inRegion, parentCode, regionLevel, regionPrefix } from './region.js';

const user = (grants: Grant[]): Actor => ({
  kind: 'user', userId: 'u', username: 'u', name: 'u', grants, sessionId: null, departmentCode: null, regionCode: null, officerId: null, sourceIp: null,
});

describe('GB/T 2260 regions', () => {
  it('knows levels, prefixes and parents', () => {
    expect([regionLevel('510000'), regionLevel('511700'), regionLevel('511702')]).toEqual(['province', 'city', 'county']);
    expect([regionPrefix('510000'), regionPrefix('511700'), regionPrefix('511702')]).toEqual(['51', '5117', '511702']);
    expect([parentCode('511702'), parentCode('511700'), parentCode('510000')]).toEqual(['511700', '510000', null]);
  });
  it('a subtree holds itself and what lies below, nothing beside it', () => {
    expect(inRegion('511700', '511702')).toBe(true);
    expect(inRegion('511700', '511700')).toBe(true);
    expect(inRegion('511700', '510411')).toBe(false);
    expect(inRegion('511702', '511700')).toBe(false);
    expect(inRegion('510000', '510411')).toBe(true);
  });
});

describe('policy', () => {
  const supervisor = user([{ role: 'supervisor', regionCode: '511700', departmentCode: null }]);
  const handler = user([{ role: 'handler', regionCode: '511702', departmentCode: '511702-STJ' }]);

  it('a supervisor of 511700 may read 511702 and not 510411', () => {
    expect(can(supervisor, 'case.read', { regionCode: '511702', departmentCode: '511702-STJ' })).toBe(true);
    expect(can(supervisor, 'case.read', { regionCode: '510411', departmentCode: '510411-STJ' })).toBe(false);
    expect(can(supervisor, 'case.write', { regionCode: '511702', departmentCode: '511702-STJ' })).toBe(false);
  });
  it('a handler acts only in their department', () => {
    expect(can(handler, 'case.write', { regionCode: '511702', departmentCode: '511702-STJ' })).toBe(true);
    expect(can(handler, 'case.write', { regionCode: '511702', departmentCode: '511702-SJJ' })).toBe(false);
    expect(can(handler, 'case.read', { regionCode: '511702' })).toBe(false);
  });
  it('turns grants into list filters', () => {
    expect(scopeFilter(supervisor, 'case.read')).toEqual({ all: false, regions: ['511700'], departments: [] });
    expect(scopeFilter(handler, 'case.read')).toEqual({ all: false, regions: [], departments: ['511702-STJ'] });
    expect(scopeFilter(user([{ role: 'system_admin', regionCode: null, departmentCode: null }]), 'org.read').all).toBe(true);
    expect(scopeFilter(handler, 'audit.read')).toEqual({ all: false, regions: [], departments: [] });
  });
  it('only the audit administrator reads the audit trail', () => {
    expect(can(user([{ role: 'system_admin', regionCode: null, departmentCode: null }]), 'audit.read')).toBe(false);
    expect(can(user([{ role: 'audit_admin', regionCode: null, departmentCode: null }]), 'audit.read')).toBe(true);
  });
});
