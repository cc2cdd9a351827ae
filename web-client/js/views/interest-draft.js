// The interests editor's draft: what the form holds (weights, worths, walk-away point, limits,
// aspiration, the walk-away package, which worths were typed by hand), where it starts, what
// stops it being submitted, and the interests it submits (protocol 1's form, docs/protocol.md).
import { evenlySpaced } from '../elicit/order-view.js';

export function defaults(agenda) {
  const ids = agenda.issues.map((i) => i.id);
  const weights = {};
  ids.forEach((id, k) => {
    weights[id] = Math.floor(100 / ids.length) + (k < 100 % ids.length ? 1 : 0);
  });
  const values = {};
  for (const issue of agenda.issues) {
    // the agenda's order, evenly spaced, until the person puts them in theirs
    if (issue.range) values[issue.id] = 'low';
    else values[issue.id] = evenlySpaced(issue.options);
  }
  return { weights, values, floor: 5000, limits: {}, aspiration: null, walkAway: {}, byHand: new Set() };
}

export function fromInterests(agenda, interests) {
  const d = defaults(agenda);
  for (const issue of agenda.issues) {
    d.weights[issue.id] = interests.weights?.[issue.id] ?? 0;
    const v = interests.values?.[issue.id];
    if (v !== undefined) d.values[issue.id] = typeof v === 'string' ? v : { ...d.values[issue.id], ...v };
    if (interests.limits?.[issue.id]) d.limits[issue.id] = JSON.parse(JSON.stringify(interests.limits[issue.id]));
  }
  d.floor = interests.floor ?? 0;
  d.aspiration = interests.aspiration ?? null;
  return d;
}

/** The interests as the protocol wants them: values and limits only where they matter. */
export function interestsFromDraft(agenda, d) {
  const out = { weights: {}, values: {}, floor: d.floor };
  for (const issue of agenda.issues) {
    const w = d.weights[issue.id] ?? 0;
    out.weights[issue.id] = w;
    if (w > 0) out.values[issue.id] = d.values[issue.id];
    const limit = d.limits[issue.id];
    if (limit) {
      const clean = {};
      if (Number.isInteger(limit.min)) clean.min = limit.min;
      if (Number.isInteger(limit.max)) clean.max = limit.max;
      if (limit.exclude?.length) clean.exclude = limit.exclude;
      if (Object.keys(clean).length) {
        out.limits = out.limits ?? {};
        out.limits[issue.id] = clean;
      }
    }
  }
  if (Number.isInteger(d.aspiration)) out.aspiration = d.aspiration;
  return out;
}

/** "55.55" -> 5555; "" -> null. */
export function basisPoints(text) {
  if (String(text).trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? Math.round(n * 100) : NaN;
}

export function bpText(bp) {
  return bp === null || bp === undefined ? '' : (bp / 100).toFixed(2);
}

/** What stops the draft being submitted, in words (none: it can be). */
export function problemsOf(agenda, d) {
  const out = [];
  const total = agenda.issues.reduce((acc, issue) => acc + (d.weights[issue.id] ?? 0), 0);
  if (total !== 100) out.push(`The weights add up to ${total}; they must add up to exactly 100.`);
  if (!Number.isInteger(d.floor) || d.floor < 0 || d.floor > 10000) out.push('The walk-away point must be a score between 0 and 100.');
  if (d.aspiration !== null && (!Number.isInteger(d.aspiration) || d.aspiration < 0 || d.aspiration > 10000)) out.push('The aspiration must be between 0 and 100 %, or empty.');
  for (const issue of agenda.issues) {
    const v = d.values[issue.id];
    if (typeof v === 'object' && Object.values(v).some((x) => !Number.isInteger(x) || x < 0 || x > 100)) out.push(`${issue.label}: each worth is a whole number from 0 to 100.`);
  }
  return out;
}
