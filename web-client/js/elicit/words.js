// Weights in plain words: "Price matters about twice as much as After-sales support."

function ratioWords(r) {
  if (r < 1.15) return 'about as much as';
  if (r < 1.35) return 'a little more than';
  if (r < 1.75) return 'about one and a half times as much as';
  if (r < 2.5) return 'about twice as much as';
  if (r < 3.5) return 'about three times as much as';
  if (r < 4.5) return 'about four times as much as';
  return 'far more than';
}

/** One sentence per neighbouring pair, most important first; at most `most` sentences. */
export function weightWords(agenda, weights, most = 4) {
  const ranked = agenda.issues.map((issue) => [issue.label, weights[issue.id] ?? 0]).sort((p, q) => q[1] - p[1]);
  const out = [];
  const zero = ranked.filter(([, w]) => w === 0).map(([label]) => label);
  const some = ranked.filter(([, w]) => w > 0);
  if (some.length === 1) out.push(`Only ${some[0][0]} matters to you.`);
  for (let k = 0; k + 1 < some.length && out.length < most; k++) {
    out.push(`${some[k][0]} matters ${ratioWords(some[k][1] / some[k + 1][1])} ${some[k + 1][0]}.`);
  }
  if (some.length - 1 > most) out.push('The others matter less.');
  if (zero.length) out.push(`${zero.join(', ')} ${zero.length === 1 ? 'does' : 'do'} not matter to you.`);
  return out.join(' ');
}
