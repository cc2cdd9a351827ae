// Fits the increments of model.js to the answers by linear programming with the largest margin
// (UTA, Jacquet-Lagrèze and Siskos, 1982): maximize t such that every "I would rather have A"
// holds by at least t, every "about the same" lies within SAME, and every step of every issue is
// at least t (steps scaled by their issue's step count, so with no answers the fit is equal
// weights with evenly spaced options). No t > 0 means the answers contradict each other.
import { maximize } from './lp.js';
import { diffRow } from './model.js';

/** "About the same" means within 3 points of 100 (scores here add up to 1). */
export const SAME = 0.03;

/** answers: [{a, b, answer: 'a' | 'b' | 'same'}]. Returns {x, margin} or null when they contradict. */
export function fitAnswers(model, answers) {
  const n = model.size;
  const t = n; // the margin is the last variable
  const rows = [];
  const row = () => new Array(n + 1).fill(0);
  const sum = row();
  for (let k = 0; k < n; k++) sum[k] = 1;
  rows.push({ a: sum, op: '=', b: 1 });
  for (const part of model.parts) {
    for (let k = 0; k < part.count; k++) {
      const r = row();
      r[part.start + k] = part.count;
      r[t] = -1;
      rows.push({ a: r, op: '>=', b: 0 });
    }
  }
  for (const { a, b, answer } of answers) {
    const d = Array.from(diffRow(model, a, b));
    if (answer === 'same') {
      rows.push({ a: [...d, 0], op: '<=', b: SAME });
      rows.push({ a: [...d, 0], op: '>=', b: -SAME });
    } else {
      const sign = answer === 'a' ? 1 : -1;
      rows.push({ a: [...d.map((v) => sign * v), -1], op: '>=', b: 0 });
    }
  }
  const c = row();
  c[t] = 1;
  const result = maximize(c, rows);
  if (result.status !== 'optimal' || result.x[t] <= 1e-9) return null;
  return { x: Float64Array.from(result.x.slice(0, n)), margin: result.x[t] };
}

/**
 * When the newest answer contradicts the earlier ones: the earliest answer which, left out,
 * makes the rest consistent again (the one to ask about again), or -1 when no single one does.
 */
export function conflictWith(model, answers) {
  const last = answers.length - 1;
  for (let j = 0; j < last; j++) {
    if (fitAnswers(model, answers.filter((_, k) => k !== j))) return j;
  }
  return -1;
}
