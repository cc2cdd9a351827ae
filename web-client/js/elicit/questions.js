// Chooses the next trade-off question: the one whose answer splits most evenly the profiles still
// consistent with the earlier answers (as in polyhedral adaptive conjoint, Toubia, Hauser and
// Simester 2004). Those profiles are sampled by hit-and-run, alternating the weights and each
// issue's steps (each is a polytope once the other is fixed), so every profile consistent with the
// answers, equal weights included, is as likely a priori. A question shows two packages that
// differ on two issues: A is better on one, B on the other, and everything else is the same.
import { SAME, fitAnswers } from './fit.js';
import { diffRow } from './model.js';

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
function g(part, option, s) {
  const c = part.coef.get(String(option));
  let u = 0;
  for (let k = 0; k < part.count; k++) u += c[k] * s[k];
  return u;
}

/**
 * One hit-and-run step inside {v >= 0, sum v = 1, each answer row}: rows give
 * (r . v + r0) with kind 'ge' (>= 0) or 'same' (|.| <= SAME). Moves v in place.
 */
function hitAndRun(v, rows, rnd) {
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
  for (const { r, r0, kind } of rows) {
    let value = r0;
    let slope = 0;
    for (let k = 0; k < n; k++) {
      value += r[k] * v[k];
      slope += r[k] * d[k];
    }
    if (kind === 'ge') bound(slope, value, 0);
    else {
      bound(slope, value, -SAME);
      bound(-slope, -value, -SAME);
    }
  }
  if (!(hi > lo)) return;
  const lambda = lo + (hi - lo) * rnd();
  for (let k = 0; k < n; k++) v[k] = Math.max(0, v[k] + lambda * d[k]);
}

/**
 * One sweep over a profile: the weights (steps fixed), then each issue's steps (the rest fixed).
 * D[a][i] is issue i's share of score(A) - score(B) for answer a, per unit of weight.
 */
function sweep(model, answers, p, rnd) {
  const parts = model.parts;
  const signs = answers.map(({ answer }) => (answer === 'b' ? -1 : 1));
  const kinds = answers.map(({ answer }) => (answer === 'same' ? 'same' : 'ge'));
  const D = answers.map(({ a, b }) => Float64Array.from(parts, (part, i) => g(part, a[part.id], p.s[i]) - g(part, b[part.id], p.s[i])));
  hitAndRun(p.w, answers.map((_, n) => ({ r: D[n].map((v) => signs[n] * v), r0: 0, kind: kinds[n] })), rnd);
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
    hitAndRun(p.s[i], rows, rnd);
    answers.forEach(({ a, b }, n) => {
      D[n][i] = g(part, a[part.id], p.s[i]) - g(part, b[part.id], p.s[i]);
    });
  });
}

function consistent(model, answers, p) {
  return answers.every(({ a, b, answer }) => {
    const d = model.parts.reduce((acc, part, i) => acc + p.w[i] * (g(part, a[part.id], p.s[i]) - g(part, b[part.id], p.s[i])), 0);
    return answer === 'same' ? Math.abs(d) <= SAME + 1e-9 : answer === 'a' ? d >= -1e-9 : d <= 1e-9;
  });
}

/**
 * Profiles consistent with `answers`: the earlier ones that still are, the others replaced by
 * copies of those (or by the fitted profile `start` when none is), then moved by a few sweeps.
 */
export function resample(model, answers, previous, start, rnd, count = 120, sweeps = 4) {
  let kept = (previous ?? []).filter((p) => consistent(model, answers, p));
  if (kept.length === 0) {
    const first = split(model, start);
    kept = [first];
    for (let k = 0; k < 30; k++) sweep(model, answers, first, rnd);
  }
  const out = [];
  for (let k = 0; k < count; k++) {
    const from = kept[k < kept.length ? k : Math.floor(rnd() * kept.length)];
    out.push({ w: Float64Array.from(from.w), s: from.s.map((v) => Float64Array.from(v)) });
  }
  for (const p of out) for (let k = 0; k < sweeps; k++) sweep(model, answers, p, rnd);
  return out;
}

/**
 * Pairs of options (better, worse) of an issue a question may set against another's: every pair
 * in the order, so a question can test any ratio of two issues' weights, not only 1:2, 1:1 and
 * 2:1. A fixed shape's pairs that differ by the same worth tell the same, so one of each stays.
 */
function levels(part) {
  if (part.levels) return part.levels;
  const order = part.shape.order ?? [...part.coef.keys()].sort((p, q) => part.coef.get(q)[0] - part.coef.get(p)[0]);
  const out = [];
  const seen = new Set();
  for (let hi = 0; hi < order.length; hi++) {
    for (let lo = hi + 1; lo < order.length; lo++) {
      if (!part.shape.order) {
        const gap = Math.round(1e6 * (part.coef.get(order[hi])[0] - part.coef.get(order[lo])[0]));
        if (gap <= 0 || seen.has(gap)) continue;
        seen.add(gap);
      }
      out.push([order[hi], order[lo]]);
    }
  }
  part.levels = out;
  return out;
}

/**
 * Probes: what the fitted interests will be judged on, as rows over the increments (score of one
 * package minus another's): `count` random pairs of packages, and as many random packages set
 * against `base` (the walk-away package: which packages clear it).
 */
export function probes(model, base, rnd, count = 100) {
  const pick = () => Object.fromEntries(model.parts.map((part) => {
    const options = [...part.coef.keys()];
    return [part.id, options[Math.floor(rnd() * options.length)]];
  }));
  const key = (pkg) => Object.fromEntries(model.parts.map((part) => [part.id, String(pkg[part.id])]));
  const out = [];
  for (let k = 0; k < count; k++) {
    out.push(diffRow(model, pick(), pick()));
    if (base) out.push(diffRow(model, pick(), key(base)));
  }
  return out;
}

/** At most this many issues take part in the choice of a question. */
const FOCUS = 8;

/**
 * The next question: {a, b, issues: [i, j]} on top of `base` (a package). Of the questions whose
 * answer splits `samples` most evenly over "A", "about the same" and "B" (the `shortlist` best),
 * the one after whose answer the samples would disagree least, on average, about the probes
 * (pairs of packages): the answer expected to settle most of what the fit is used for. Without
 * probes, simply the most even split.
 */
export function nextQuestion(model, samples, base, asked = new Set(), probeRows = null, shortlist = 40, weights = null) {
  const parts = model.parts;
  const n = samples.length;
  const wt = weights ?? new Float64Array(n).fill(1 / n);
  const total = wt.reduce((acc, v) => acc + v, 0);
  // on a long agenda, only the issues whose weight is least settled: every pair of 24 issues of
  // 8 options would be some 200,000 questions to weigh
  const spread = parts.map((part, i) => {
    let m = 0;
    let q = 0;
    samples.forEach((p, k) => {
      m += wt[k] * p.w[i];
      q += wt[k] * p.w[i] * p.w[i];
    });
    return q / total - (m / total) ** 2;
  });
  const focus = parts.map((_, i) => i).sort((p, q) => spread[q] - spread[p]).slice(0, FOCUS).sort((p, q) => p - q);
  // per issue and option used in a question: w * g(option) of every sample
  const scored = new Map(focus.map((i) => {
    const part = parts[i];
    const out = new Map();
    for (const pair of levels(part)) {
      for (const option of pair) {
        if (!out.has(option)) out.set(option, Float64Array.from(samples, (p) => p.w[i] * g(part, option, p.s[i])));
      }
    }
    return [i, out];
  }));
  const all = [];
  const entropies = [];
  for (const i of focus) {
    for (const j of focus) {
      if (j <= i) continue;
      for (const [hiI, loI] of levels(parts[i])) {
        for (const [hiJ, loJ] of levels(parts[j])) {
          const [hi, lo, hj, lj] = [scored.get(i).get(hiI), scored.get(i).get(loI), scored.get(j).get(hiJ), scored.get(j).get(loJ)];
          let na = 0;
          let nb = 0;
          for (let k = 0; k < n; k++) {
            const d = hi[k] - lo[k] - hj[k] + lj[k];
            if (d > SAME) na += wt[k];
            else if (d < -SAME) nb += wt[k];
          }
          const split3 = [na / total, nb / total, (total - na - nb) / total];
          const entropy = -split3.reduce((acc, q) => acc + (q > 0 ? q * Math.log(q) : 0), 0);
          if (entropy > 1e-9) {
            all.push([i, j, hiI, loI, hiJ, loJ]);
            entropies.push(entropy);
          }
        }
      }
    }
  }
  // the most even splits first, leaving out what was asked already
  const list = [];
  for (const c of all.map((_, k) => k).sort((p, q) => entropies[q] - entropies[p])) {
    const [i, j, hiI, loI, hiJ, loJ] = all[c];
    const key = `${parts[i].id}=${hiI}/${loI}|${parts[j].id}=${hiJ}/${loJ}`;
    if (asked.has(key)) continue;
    list.push({ key, i, j, hiI, loI, hiJ, loJ });
    if (list.length >= shortlist) break;
  }
  if (list.length === 0) return null;
  let best = list[0];
  if (probeRows && probeRows.length) {
    const xs = samples.map((p) => {
      const x = new Float64Array(model.size);
      parts.forEach((part, i) => {
        for (let k = 0; k < part.count; k++) x[part.start + k] = p.w[i] * p.s[i][k];
      });
      return x;
    });
    const R = probeRows.length;
    const sign = xs.map((x) => Uint8Array.from(probeRows, (r) => {
      let v = 0;
      for (let k = 0; k < r.length; k++) v += r[k] * x[k];
      return v > 0 ? 1 : 0;
    }));
    let bestLoss = Infinity;
    for (const c of list) {
      const [hi, lo, hj, lj] = [scored.get(c.i).get(c.hiI), scored.get(c.i).get(c.loI), scored.get(c.j).get(c.hiJ), scored.get(c.j).get(c.loJ)];
      const pos = [new Float64Array(R), new Float64Array(R), new Float64Array(R)];
      const size = [0, 0, 0];
      for (let k = 0; k < n; k++) {
        const d = hi[k] - lo[k] - hj[k] + lj[k];
        const grp = d > SAME ? 0 : d < -SAME ? 1 : 2;
        const v = wt[k];
        size[grp] += v;
        const sg = sign[k];
        const acc = pos[grp];
        for (let r = 0; r < R; r++) if (sg[r]) acc[r] += v;
      }
      let loss = 0;
      for (let grp = 0; grp < 3; grp++) {
        for (let r = 0; r < R; r++) loss += Math.min(pos[grp][r], size[grp] - pos[grp][r]);
      }
      if (loss < bestLoss - 1e-9) {
        bestLoss = loss;
        best = c;
      }
    }
  }
  const a = { ...base, [parts[best.i].id]: best.hiI, [parts[best.j].id]: best.loJ };
  const b = { ...base, [parts[best.i].id]: best.loI, [parts[best.j].id]: best.hiJ };
  return { a: typed(model, a), b: typed(model, b), issues: [parts[best.i].id, parts[best.j].id], key: best.key };
}

/**
 * Doubts: for each earlier answer, profiles consistent with all the others and with that one
 * answered the other way, as if it had been a slip. Weighed in with the consistent profiles (each
 * doubt as `weight`), they steer the next questions towards ones whose honest answer would show
 * a slip as a contradiction, which the person then resolves. They never enter the fit.
 */
export function doubts(model, answers, rnd, count = 20, sweeps = 6, weight = 0.1, recent = 4) {
  const out = [];
  answers.forEach((given, j) => {
    if (j < answers.length - recent) return; // older answers have been put to the test since
    const flips = given.answer === 'same' ? ['a', 'b'] : [given.answer === 'a' ? 'b' : 'a'];
    for (const answer of flips) {
      const flipped = answers.map((x, k) => (k === j ? { ...x, answer } : x));
      const fit = fitAnswers(model, flipped);
      if (!fit) continue;
      const each = Math.max(1, Math.round(count / flips.length));
      for (const p of resample(model, flipped, null, fit.x, rnd, each, sweeps)) out.push({ p, weight: weight / flips.length / each });
    }
  });
  return out;
}

/** Map keys are strings; a range's options go back to numbers, as packages hold them. */
function typed(model, pkg) {
  const out = {};
  for (const part of model.parts) out[part.id] = part.issue.range ? Number(pkg[part.id]) : pkg[part.id];
  return out;
}

/** The mean of the samples, as increments: the other estimate the benchmark reports. */
export function sampleMean(model, samples) {
  const x = new Float64Array(model.size);
  for (const p of samples) model.parts.forEach((part, i) => {
    for (let k = 0; k < part.count; k++) x[part.start + k] += (p.w[i] * p.s[i][k]) / samples.length;
  });
  return x;
}
