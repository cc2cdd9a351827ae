// The protocol's utility arithmetic, in integers, so the preview shows exactly what
// the server will compute.
import { optionsOf } from './format.js';

/** round_half_up(num / den) for num >= 0, den > 0. */
function roundHalfUp(num, den) {
  return Math.floor((2 * num + den) / (2 * den));
}

/** The value 0..100 the interests give to `option` of `issue`. */
export function valueOf(issue, option, interests) {
  const spec = interests.values?.[issue.id];
  if (spec === undefined || spec === null) return 0;
  if (issue.range && (spec === 'low' || spec === 'high')) {
    const { min, max } = issue.range;
    const x = Number(option);
    return spec === 'low' ? roundHalfUp(100 * (max - x), max - min) : roundHalfUp(100 * (x - min), max - min);
  }
  const v = spec[String(option)];
  return Number.isInteger(v) ? v : 0;
}

/** Sum over issues of weight * value: 0..10000. */
export function utilityOf(agenda, interests, pkg) {
  let u = 0;
  for (const issue of agenda.issues) {
    const w = interests.weights?.[issue.id] ?? 0;
    if (w > 0 && pkg && issue.id in pkg) u += w * valueOf(issue, pkg[issue.id], interests);
  }
  return u;
}

/** Whether `option` is inside the party's hard limits on `issue`. */
export function withinLimits(issue, option, interests) {
  const limit = interests.limits?.[issue.id];
  if (!limit) return true;
  if (issue.range) {
    const x = Number(option);
    if (Number.isInteger(limit.min) && x < limit.min) return false;
    if (Number.isInteger(limit.max) && x > limit.max) return false;
    return true;
  }
  return !(limit.exclude ?? []).includes(option);
}

/** Plain words for every issue of `pkg` outside the party's own hard limits. */
export function limitBreaches(agenda, interests, pkg) {
  const out = [];
  for (const issue of agenda.issues) {
    const option = pkg?.[issue.id];
    if (option === undefined || withinLimits(issue, option, interests)) continue;
    const limit = interests.limits[issue.id];
    const unit = issue.unit ? ` ${issue.unit}` : '';
    if (issue.range && Number.isInteger(limit.max) && Number(option) > limit.max) out.push(`${issue.label} ${option}${unit} is above your cap of ${limit.max}${unit}`);
    else if (issue.range) out.push(`${issue.label} ${option}${unit} is below your minimum of ${limit.min}${unit}`);
    else out.push(`${issue.label} "${option}" is an option you ruled out`);
  }
  return out;
}

export function acceptableToMe(agenda, interests, pkg) {
  return (
    utilityOf(agenda, interests, pkg) >= (interests.floor ?? 0) &&
    agenda.issues.every((issue) => withinLimits(issue, pkg[issue.id], interests))
  );
}

/**
 * How many packages clear my floor and limits, out of how many: counted issue by issue over
 * the distribution of utility sums (at most 10001 sums), never by listing packages.
 * Counts past 2^53 are approximate, and say so.
 */
export function countAcceptable(agenda, interests) {
  let dist = new Float64Array(10001);
  dist[0] = 1;
  let reach = 0;
  let total = 1;
  for (const issue of agenda.issues) {
    const options = optionsOf(issue);
    total *= options.length;
    const w = interests.weights?.[issue.id] ?? 0;
    const byContribution = new Map();
    for (const option of options) {
      if (!withinLimits(issue, option, interests)) continue;
      const c = w > 0 ? w * valueOf(issue, option, interests) : 0;
      byContribution.set(c, (byContribution.get(c) ?? 0) + 1);
    }
    const next = new Float64Array(10001);
    let nextReach = 0;
    for (let sum = 0; sum <= reach; sum++) {
      const n = dist[sum];
      if (n === 0) continue;
      for (const [c, k] of byContribution) {
        const t = Math.min(sum + c, 10000);
        next[t] += n * k;
        if (t > nextReach) nextReach = t;
      }
    }
    dist = next;
    reach = nextReach;
  }
  let acceptable = 0;
  for (let sum = Math.max(0, interests.floor ?? 0); sum <= reach; sum++) acceptable += dist[sum];
  return { acceptable, total, exact: total <= Number.MAX_SAFE_INTEGER };
}

/**
 * Sets one weight and spreads the rest over the other issues in proportion to their current
 * weights (evenly when they are all 0), with largest remainders, so the sum stays 100.
 * Issues in `keep` (weights the person already set) keep their weight while the rest fits
 * in the others; without that, typing 45 then 25 would move the 45 again.
 */
export function rebalance(weights, ids, changedId, newValue, keep = []) {
  const v = Math.max(0, Math.min(100, Math.round(newValue)));
  const others = ids.filter((id) => id !== changedId);
  if (others.length === 0) return { [changedId]: 100 };
  let kept = others.filter((id) => keep.includes(id));
  let free = others.filter((id) => !kept.includes(id));
  const keptSum = kept.reduce((acc, id) => acc + (weights[id] ?? 0), 0);
  if (free.length === 0 || keptSum > 100 - v) {
    kept = [];
    free = others;
  }
  const out = { [changedId]: v };
  for (const id of kept) out[id] = weights[id] ?? 0;
  const rest = 100 - v - kept.reduce((acc, id) => acc + out[id], 0);
  const sum = free.reduce((acc, id) => acc + (weights[id] ?? 0), 0);
  const shares = free.map((id) => (sum > 0 ? (rest * (weights[id] ?? 0)) / sum : rest / free.length));
  const floors = shares.map(Math.floor);
  let left = rest - floors.reduce((a, b) => a + b, 0);
  const order = shares.map((x, i) => [x - floors[i], i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floors[i] += 1;
    left -= 1;
  }
  free.forEach((id, i) => {
    out[id] = floors[i];
  });
  return out;
}
