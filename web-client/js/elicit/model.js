// The additive model the trade-off questions fit (UTA: Jacquet-Lagrèze and Siskos, 1982). Each
// issue has a weight w and a value shape g with g(best) = 1 and g(worst) = 0:
// - an options issue put in order and left at the "how much better" defaults has one unknown step
//   per pair of neighbours in the order (s_1..s_{m-1} >= 0, adding up to 1), so the answers can
//   move the middle options;
// - a range (lower is better, higher is better, a preferred point) or an options issue whose
//   values the person set keeps its shape: one step, s = [1].
// A package's score is the sum over issues of w * g(option). In "increments" x = w * s the score
// is linear, which the largest-margin fit (fit.js) uses; the profile sampler (sampler.js)
// moves w and s separately.
import { optionsOf } from '../format.js';

/**
 * shapes[issueId]: {order: [options, best first]} for an options issue fitted step by step, or
 * {values: {option: 0..100}} for a fixed shape (ranges always: see rangeValues).
 */
export function buildModel(agenda, shapes) {
  const parts = [];
  let start = 0;
  for (const issue of agenda.issues) {
    const shape = shapes[issue.id];
    const coef = new Map();
    let count;
    if (shape.order) {
      count = shape.order.length - 1;
      shape.order.forEach((option, rank) => {
        const c = new Float64Array(count);
        for (let k = rank; k < count; k++) c[k] = 1;
        coef.set(String(option), c);
      });
    } else {
      count = 1;
      for (const option of optionsOf(issue)) coef.set(String(option), Float64Array.of((shape.values[String(option)] ?? 0) / 100));
    }
    parts.push({ id: issue.id, issue, shape, count, start, coef });
    start += count;
  }
  return { agenda, parts, size: start };
}

/** Values 0..100 of a range issue: 'low', 'high' or {point}. */
export function rangeValues(issue, spec) {
  const { min, max } = issue.range;
  const out = {};
  for (const x of optionsOf(issue)) {
    let f;
    if (spec === 'low') f = (max - x) / (max - min);
    else if (spec === 'high') f = (x - min) / (max - min);
    else f = 1 - Math.abs(x - spec.point) / Math.max(spec.point - min, max - spec.point);
    out[String(x)] = Math.round(100 * f);
  }
  return out;
}

/** The score contribution of `option` in increments x. */
export function marginal(part, option, x) {
  const c = part.coef.get(String(option));
  let u = 0;
  for (let k = 0; k < part.count; k++) u += c[k] * x[part.start + k];
  return u;
}

export function scoreOf(model, pkg, x) {
  return model.parts.reduce((acc, part) => acc + marginal(part, pkg[part.id], x), 0);
}

/** score(a) - score(b) as a row over the increments. */
export function diffRow(model, a, b) {
  const row = new Float64Array(model.size);
  for (const part of model.parts) {
    const ca = part.coef.get(String(a[part.id]));
    const cb = part.coef.get(String(b[part.id]));
    for (let k = 0; k < part.count; k++) row[part.start + k] = ca[k] - cb[k];
  }
  return row;
}

/** Equal weights, every step of an order equal: the start before any answer, and the baseline. */
export function centre(model) {
  const x = new Float64Array(model.size);
  for (const part of model.parts) for (let k = 0; k < part.count; k++) x[part.start + k] = 1 / model.parts.length / part.count;
  return x;
}

/** Integers summing to `total`, in proportion to `shares` (largest remainders). */
export function apportion(shares, total) {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((v) => (sum > 0 ? (total * v) / sum : total / shares.length));
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((v, i) => [v - out[i], i]).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i] += 1;
  }
  return out;
}

/** The protocol's weights and values for increments x (no floor: that comes from the walk-away package). */
export function interestsOf(model, x) {
  const weights = model.parts.map((part) => {
    let w = 0;
    for (let k = 0; k < part.count; k++) w += x[part.start + k];
    return w;
  });
  const rounded = apportion(weights, 100);
  const out = { weights: {}, values: {} };
  model.parts.forEach((part, i) => {
    out.weights[part.id] = rounded[i];
    if (part.shape.order) {
      const w = weights[i];
      out.values[part.id] = Object.fromEntries(part.shape.order.map((option) => {
        const rank = part.shape.order.indexOf(option);
        const u = w > 1e-12 ? marginal(part, option, x) / w : (part.count - rank) / part.count;
        return [String(option), Math.round(100 * u)];
      }));
    } else {
      out.values[part.id] = part.shape.spec ?? part.shape.values;
    }
  });
  return out;
}
