// Chooses the next trade-off question: the one whose answer splits most evenly the profiles still
// possible after the earlier answers (as in polyhedral adaptive conjoint, Toubia, Hauser and
// Simester 2004; the profiles are sampled in sampler.js). A question shows two packages that
// differ on two issues: A is better on one, B on the other, and everything else is the same.
import { SAME, fitAnswers } from './fit.js';
import { diffRow } from './model.js';
import { g, resample } from './sampler.js';

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
