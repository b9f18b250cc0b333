import { describe, expect, it } from 'vitest';
import { departmentProblem, isIsoDate, officerProblem, regionProblem } from './org-validate.js';

const exists = (codes: string[]) => (c: string) => codes.includes(c);

describe('region entries (GB/T 2260)', () => {
  it('accepts a province without parent and a county under its city', () => {
    expect(regionProblem({ code: '510000', name: '四川省', parent: null }, exists([]))).toBeNull();
    expect(regionProblem({ code: '511702', name: '通川区', parent: '511700' }, exists(['511700']))).toBeNull();
    // A county-level city directly under the province (e.g. 省直辖县级市) is still in the subtree.
    expect(regionProblem({ code: '429004', name: '仙桃市', parent: '420000' }, exists(['420000']))).toBeNull();
  });
  it('names the field of each problem', () => {
    expect(regionProblem({ code: '5117', name: 'x' }, exists([]))).toMatch(/^code:/);
    expect(regionProblem({ code: '511702', name: '  ' , parent: '511700' }, exists(['511700']))).toMatch(/^name:/);
    expect(regionProblem({ code: '511702', name: '通川区', parent: '510400' }, exists(['510400']))).toMatch(/^parent:.*not under/);
    expect(regionProblem({ code: '511702', name: '通川区', parent: '511700' }, exists([]))).toMatch(/^parent:.*unknown/);
    expect(regionProblem({ code: '510000', name: '四川省', parent: '510100' }, exists(['510100']))).toMatch(/^parent:/);
    expect(regionProblem({ code: '511700', name: '达州市' }, exists([]))).toMatch(/^parent:/);
    expect(regionProblem({ code: '511700', name: '达州市', parent: '511702' }, exists(['511702']))).toMatch(/^parent:/);
  });
});

describe('department and officer entries', () => {
  it('checks codes, names and the region', () => {
    expect(departmentProblem({ code: '511702-STJ', name: '通川区生态环境局', region: '511702' }, exists(['511702']))).toBeNull();
    expect(departmentProblem({ code: '511702 STJ', name: 'x', region: '511702' }, exists(['511702']))).toMatch(/^code:/);
    expect(departmentProblem({ code: 'A', name: 'x', region: '511799' }, exists(['511702']))).toMatch(/^region:/);
  });
  it('checks the certificate and its validity date', () => {
    const ok = { id: 'o-17', name: '李明', department: 'D', certificateNo: '51170220260017', validUntil: '2028-12-31' };
    expect(officerProblem(ok, exists(['D']))).toBeNull();
    expect(officerProblem({ ...ok, validUntil: '2028-02-30' }, exists(['D']))).toMatch(/^validUntil:/);
    expect(officerProblem({ ...ok, certificateNo: null }, exists(['D']))).toMatch(/^certificateNo:/);
    expect(officerProblem({ ...ok, department: 'E' }, exists(['D']))).toMatch(/^department:/);
    expect(officerProblem({ ...ok, id: '' }, exists(['D']))).toMatch(/^id:/);
    expect(officerProblem({ id: 'o-1', name: '无证', department: 'D' }, exists(['D']))).toBeNull();
  });
  it('knows real calendar dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-2-1')).toBe(false);
  });
});
