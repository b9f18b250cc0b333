import { inRegion, regionLevel } from '../org/region.js';

/** 四川电子监察办法 第十一条(二): patrols required per working day, by the level of the supervising body. */
export interface PatrolQuota {
  province: { own: number; cities: number; counties: number };
  city: { own: number; counties: number };
  county: { own: number };
}

export interface PatrolTally { own: number; cities: number; counties: number }
export interface PatrolShortfall { required: PatrolTally; done: PatrolTally; short: PatrolTally; met: boolean }

/**
 * What the supervisors of `region` did on one working day (`targets`: the platform patrolled
 * each time) against what is required: own-platform patrols count each time, lower platforms
 * count once each (distinct cities / counties).
 */
export function patrolShortfall(region: string, targets: string[], quota: PatrolQuota): PatrolShortfall {
  const lvl = regionLevel(region);
  const inside = targets.filter((t) => inRegion(region, t));
  const done: PatrolTally = {
    own: inside.filter((t) => t === region).length,
    cities: new Set(inside.filter((t) => t !== region && regionLevel(t) === 'city')).size,
    counties: new Set(inside.filter((t) => t !== region && regionLevel(t) === 'county')).size,
  };
  const required: PatrolTally = lvl === 'province' ? { ...quota.province }
    : lvl === 'city' ? { own: quota.city.own, cities: 0, counties: quota.city.counties }
    : { own: quota.county.own, cities: 0, counties: 0 };
  const short: PatrolTally = {
    own: Math.max(0, required.own - done.own), cities: Math.max(0, required.cities - done.cities), counties: Math.max(0, required.counties - done.counties),
  };
  return { required, done, short, met: short.own + short.cities + short.counties === 0 };
}
