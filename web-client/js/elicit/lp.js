// A small dense two-phase simplex: maximize c.x subject to linear rows and x >= 0. The
// interests fit needs at most a few hundred variables and rows, so a tableau with Bland's rule
// (slow, but it never cycles on the degenerate problems trade-off answers make) is enough.

const EPS = 1e-9;

/**
 * rows: [{a: number[], op: '<=' | '>=' | '=', b: number}]; c: number[] (to maximize).
 * Returns {status: 'optimal', x, value} or {status: 'infeasible'} or {status: 'unbounded'}.
 */
export function maximize(c, rows) {
  const n = c.length;
  const m = rows.length;
  // every row with b >= 0, then one slack or surplus per inequality and one artificial per >= or = row
  const norm = rows.map((r) => (r.b < 0 ? { a: r.a.map((v) => -v), b: -r.b, op: r.op === '<=' ? '>=' : r.op === '>=' ? '<=' : '=' } : r));
  const slackCount = norm.filter((r) => r.op !== '=').length;
  const artCount = norm.filter((r) => r.op !== '<=').length;
  const width = n + slackCount + artCount + 1;
  const T = [];
  const basis = [];
  let s = n;
  let art = n + slackCount;
  const artificial = [];
  for (const r of norm) {
    const row = new Float64Array(width);
    for (let j = 0; j < n; j++) row[j] = r.a[j] ?? 0;
    row[width - 1] = r.b;
    if (r.op === '<=') {
      row[s] = 1;
      basis.push(s++);
    } else {
      if (r.op === '>=') row[s++] = -1;
      row[art] = 1;
      artificial.push(art);
      basis.push(art++);
    }
    T.push(row);
  }
  const isArt = (j) => j >= n + slackCount && j < width - 1;
  if (artCount > 0) {
    // phase 1: maximize minus the sum of the artificials
    const obj = new Float64Array(width);
    for (const j of artificial) obj[j] = -1;
    if (!run(T, basis, obj, width, () => true)) return { status: 'unbounded' };
    if (objectiveValue(T, basis, obj, width) < -1e-7) return { status: 'infeasible' };
    // drive artificials left in the basis at zero out of it
    for (let i = 0; i < m; i++) {
      if (!isArt(basis[i])) continue;
      const j = T[i].findIndex((v, k) => k < n + slackCount && Math.abs(v) > EPS);
      if (j >= 0) pivot(T, basis, i, j, width);
    }
  }
  const obj = new Float64Array(width);
  for (let j = 0; j < n; j++) obj[j] = c[j];
  if (!run(T, basis, obj, width, (j) => !isArt(j))) return { status: 'unbounded' };
  const x = new Array(n).fill(0);
  basis.forEach((j, i) => {
    if (j < n) x[j] = T[i][width - 1];
  });
  return { status: 'optimal', x, value: x.reduce((acc, v, j) => acc + v * c[j], 0) };
}

function objectiveValue(T, basis, obj, width) {
  return basis.reduce((acc, j, i) => acc + obj[j] * T[i][width - 1], 0);
}

/** Pivots until no entering column improves obj; false when unbounded. */
function run(T, basis, obj, width, allowed) {
  for (let iter = 0; iter < 50000; iter++) {
    // reduced cost of column j: obj[j] - sum over rows of obj[basis] * T[i][j]
    let enter = -1;
    for (let j = 0; j < width - 1 && enter < 0; j++) {
      if (!allowed(j) || basis.includes(j)) continue;
      let rc = obj[j];
      for (let i = 0; i < T.length; i++) rc -= obj[basis[i]] * T[i][j];
      if (rc > EPS) enter = j; // Bland: the lowest improving index
    }
    if (enter < 0) return true;
    let leave = -1;
    let best = Infinity;
    for (let i = 0; i < T.length; i++) {
      const a = T[i][enter];
      if (a > EPS) {
        const ratio = T[i][width - 1] / a;
        if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && basis[i] < basis[leave])) {
          best = ratio;
          leave = i;
        }
      }
    }
    if (leave < 0) return false;
    pivot(T, basis, leave, enter, width);
  }
  throw new Error('simplex did not finish');
}

function pivot(T, basis, r, c, width) {
  const row = T[r];
  const p = row[c];
  for (let j = 0; j < width; j++) row[j] /= p;
  for (let i = 0; i < T.length; i++) {
    if (i === r) continue;
    const f = T[i][c];
    if (Math.abs(f) < 1e-15) continue;
    const other = T[i];
    for (let j = 0; j < width; j++) other[j] -= f * row[j];
  }
  basis[r] = c;
}
