// The profiles the trade-off answers leave possible, sampled by hit-and-run, alternating the
// weights and each issue's steps (each is a polytope once the other is fixed), so that a priori
// every profile, equal weights included, is as likely.
// - Hard (resample): only the profiles consistent with every answer. They choose the questions
//   and decide, with the linear program of fit.js, whether the answers agree at all.
// - Soft (resampleSoft): every profile, each answer it breaks counting as a slip that a person
//   makes with probability `slip` (a likelihood, as in choice-based conjoint's error term). When
//   the answers agree no contradiction can be shown, yet one answer may still be a slip that the
//   others make unlikely; this weighs it by how unlikely, instead of trusting it as much as the
//   rest (docs/benchmarks.md#interests-from-trade-off-questions). Contradictions found are still
//   put to the person (session.js); this only weighs answers that agree.
import { SAME } from './fit.js';

/** A small seeded generator, so the benchmark and the tests repeat. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gauss(rnd) {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/** A profile as w (per issue) and s (per issue, its steps): x = w * s. */
function split(model, x) {
  const w = model.parts.map((p) => {
    let sum = 0;
    for (let k = 0; k < p.count; k++) sum += x[p.start + k];
    return sum;
  });
  const s = model.parts.map((p, i) => Float64Array.from({ length: p.count }, (_, k) => (w[i] > 1e-12 ? x[p.start + k] / w[i] : 1 / p.count)));
  return { w: Float64Array.from(w), s };
}

/** g(option) of each issue under steps s. */
export function g(part, option, s) {
  const c = part.coef.get(String(option));
  let u = 0;
  for (let k = 0; k < part.count; k++) u += c[k] * s[k];
  return u;
}

/**
 * One hit-and-run step inside {v >= 0, sum v = 1}: rows give (r . v + r0) with kind 'ge' (>= 0)
 * or 'same' (|.| <= SAME). With no `slip` each row must hold; with one, a row may break, each
 * broken row weighing the point down by slip / 2 / (1 - slip). Moves v in place.
 */
function hitAndRun(v, rows, rnd, slip = 0) {
  const n = v.length;
  if (n < 2) return;
  const d = new Float64Array(n);
  let mean = 0;
  for (let k = 0; k < n; k++) mean += (d[k] = gauss(rnd)) / n;
  for (let k = 0; k < n; k++) d[k] -= mean;
  let lo = -Infinity;
  let hi = Infinity;
  const bound = (slope, value, limit) => {
    // keep value + lambda * slope >= limit
    if (Math.abs(slope) < 1e-15) return;
    const at = (limit - value) / slope;
    if (slope > 0) lo = Math.max(lo, at);
    else hi = Math.min(hi, at);
  };
  for (let k = 0; k < n; k++) bound(d[k], v[k], 0);
  const line = [];
  for (const { r, r0, kind } of rows) {
    let value = r0;
    let slope = 0;
    for (let k = 0; k < n; k++) {
      value += r[k] * v[k];
      slope += r[k] * d[k];
    }
    if (slip) line.push({ value, slope, kind });
    else if (kind === 'ge') bound(slope, value, 0);
    else {
      bound(slope, value, -SAME);
      bound(-slope, -value, -SAME);
    }
  }
  if (!(hi > lo)) return;
  const lambda = slip ? softPoint(lo, hi, line, slip, rnd) : lo + (hi - lo) * rnd();
  for (let k = 0; k < n; k++) v[k] = Math.max(0, v[k] + lambda * d[k]);
}

const breaks = (kind, y) => (kind === 'ge' ? y < 0 : Math.abs(y) > SAME);

/**
 * A point of [lo, hi] on a line along which the rows start or stop holding: each stretch between
 * two such points weighs its length times (slip / 2 / (1 - slip)) ** (the rows broken there).
 */
function softPoint(lo, hi, line, slip, rnd) {
  const cuts = [lo, hi];
  const cut = (at) => {
    if (at > lo && at < hi) cuts.push(at);
  };
  for (const { value, slope, kind } of line) {
    if (Math.abs(slope) < 1e-15) continue;
    if (kind === 'ge') cut(-value / slope);
    else {
      cut((SAME - value) / slope);
      cut((-SAME - value) / slope);
    }
  }
  cuts.sort((p, q) => p - q);
  const ratio = slip / 2 / (1 - slip);
  const mass = new Float64Array(cuts.length - 1);
  let total = 0;
  for (let c = 0; c < mass.length; c++) {
    const mid = (cuts[c] + cuts[c + 1]) / 2;
    let broken = 0;
    for (const { value, slope, kind } of line) if (breaks(kind, value + mid * slope)) broken++;
    total += mass[c] = (cuts[c + 1] - cuts[c]) * ratio ** broken;
  }
  let u = rnd() * total;
  for (let c = 0; c < mass.length; c++) {
    if (u < mass[c] || c === mass.length - 1) return cuts[c] + (cuts[c + 1] - cuts[c]) * Math.min(1, mass[c] > 0 ? u / mass[c] : 0.5);
    u -= mass[c];
  }
  return lo;
}

/**
 * One sweep over a profile: the weights (steps fixed), then each issue's steps (the rest fixed).
 * D[a][i] is issue i's share of score(A) - score(B) for answer a, per unit of weight.
 */
function sweep(model, answers, p, rnd, slip = 0) {
  const parts = model.parts;
  const signs = answers.map(({ answer }) => (answer === 'b' ? -1 : 1));
  const kinds = answers.map(({ answer }) => (answer === 'same' ? 'same' : 'ge'));
  const D = answers.map(({ a, b }) => Float64Array.from(parts, (part, i) => g(part, a[part.id], p.s[i]) - g(part, b[part.id], p.s[i])));
  hitAndRun(p.w, answers.map((_, n) => ({ r: D[n].map((v) => signs[n] * v), r0: 0, kind: kinds[n] })), rnd, slip);
  parts.forEach((part, i) => {
    if (part.count < 2) return;
    const rows = answers.map(({ a, b }, n) => {
      let total = 0;
      for (let j = 0; j < parts.length; j++) total += p.w[j] * D[n][j];
      const ca = part.coef.get(String(a[part.id]));
      const cb = part.coef.get(String(b[part.id]));
      const r = new Float64Array(part.count);
      for (let k = 0; k < part.count; k++) r[k] = signs[n] * p.w[i] * (ca[k] - cb[k]);
      return { r, r0: signs[n] * (total - p.w[i] * D[n][i]), kind: kinds[n] };
    });
    hitAndRun(p.s[i], rows, rnd, slip);
    answers.forEach(({ a, b }, n) => {
      D[n][i] = g(part, a[part.id], p.s[i]) - g(part, b[part.id], p.s[i]);
    });
  });
}

/** How many of `answers` profile p breaks. */
export function broken(model, answers, p) {
  let count = 0;
  for (const { a, b, answer } of answers) {
    const d = model.parts.reduce((acc, part, i) => acc + p.w[i] * (g(part, a[part.id], p.s[i]) - g(part, b[part.id], p.s[i])), 0);
    if (answer === 'same' ? Math.abs(d) > SAME + 1e-9 : answer === 'a' ? d < -1e-9 : d > 1e-9) count++;
  }
  return count;
}

const copy = (p) => ({ w: Float64Array.from(p.w), s: p.s.map((v) => Float64Array.from(v)) });

/**
 * Profiles consistent with `answers`: the earlier ones that still are, the others replaced by
 * copies of those (or by the fitted profile `start` when none is), then moved by a few sweeps.
 */
export function resample(model, answers, previous, start, rnd, count = 120, sweeps = 4) {
  let kept = (previous ?? []).filter((p) => broken(model, answers, p) === 0);
  if (kept.length === 0) {
    const first = split(model, start);
    kept = [first];
    for (let k = 0; k < 30; k++) sweep(model, answers, first, rnd);
  }
  const out = [];
  for (let k = 0; k < count; k++) {
    const from = kept[k < kept.length ? k : Math.floor(rnd() * kept.length)];
    out.push(copy(from));
  }
  for (const p of out) for (let k = 0; k < sweeps; k++) sweep(model, answers, p, rnd);
  return out;
}

/**
 * Profiles drawn with the likelihood of `answers`, each broken answer a slip of probability
 * `slip` (the other two answers equally likely): `previous`, drawn for the answers `before`,
 * reweighted to the answers now and resampled (systematically), then moved by a few sweeps; with
 * no previous ones, copies of the fitted profile `start` moved longer.
 */
export function resampleSoft(model, answers, previous, before, start, rnd, count = 120, sweeps = 4, slip = 0.1) {
  let out;
  if (!previous?.length) {
    const first = split(model, start);
    for (let k = 0; k < 30; k++) sweep(model, answers, first, rnd, slip);
    out = Array.from({ length: count }, () => copy(first));
  } else {
    const lnRatio = Math.log(slip / 2 / (1 - slip));
    const logs = previous.map((p) => lnRatio * (broken(model, answers, p) - broken(model, before, p)));
    const top = Math.max(...logs);
    const weights = logs.map((v) => Math.exp(v - top));
    const step = weights.reduce((acc, v) => acc + v, 0) / count;
    out = [];
    let at = rnd() * step;
    let k = 0;
    let reached = weights[0];
    for (let c = 0; c < count; c++, at += step) {
      while (reached < at && k < weights.length - 1) reached += weights[++k];
      out.push(copy(previous[k]));
    }
  }
  for (const p of out) for (let k = 0; k < sweeps; k++) sweep(model, answers, p, rnd, slip);
  return out;
}

/** The mean of the samples, as increments. */
export function sampleMean(model, samples) {
  const x = new Float64Array(model.size);
  for (const p of samples) model.parts.forEach((part, i) => {
    for (let k = 0; k < part.count; k++) x[part.start + k] += (p.w[i] * p.s[i][k]) / samples.length;
  });
  return x;
}

