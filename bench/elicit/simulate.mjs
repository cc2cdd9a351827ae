// Simulated users answer the browser's trade-off questions (web-client/js/elicit) and we measure
// how well the fitted interests match the true ones. Run from the repository root:
//   node bench/elicit/simulate.mjs            (the table of docs/benchmarks.md)
//   node bench/elicit/simulate.mjs --json --small  (the figures for ElicitationBenchmarkTest)
//   --only TEXT (agendas whose name holds it), --upto N (questions), --options JSON (to
//   createSession: e.g. {"select":"split"} to compare the ways of choosing questions)
// Each true profile: weights uniform over all shares of 100; an options issue's options in a
// random order, best 100, worst 0, the others uniform in between; a range lower-is-better or
// higher-is-better (2 in 5 each) or with a preferred point (1 in 5). The simulated person states
// the order (or the range's shape) truthfully and leaves the "how much better" defaults; then
// answers each question by its true scores: "about the same" within 3 points. The erring person
// gives one of the two other answers to 1 question in 10, at random.
import { TEMPLATES } from '../../web-client/js/templates.js';
import { optionsOf } from '../../web-client/js/format.js';
import { utilityOf } from '../../web-client/js/utility.js';
import { apportion, rangeValues } from '../../web-client/js/elicit/model.js';
import { random } from '../../web-client/js/elicit/sampler.js';
import { createSession } from '../../web-client/js/elicit/session.js';

const args = process.argv.slice(2);
const PROFILES = Number(args[args.indexOf('--profiles') + 1]) || 30;
const JSON_OUT = args.includes('--json');
// --small: the agendas of up to 6 issues only, after 0 and 10 questions (the test's targets; the
// 24 x 8 curve takes longest)
const SMALL = args.includes('--small');
// --only <text>: the agendas whose name contains it; --options <json>: passed to createSession
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : '';
const UPTO = args.includes('--upto') ? Number(args[args.indexOf('--upto') + 1]) : 0;
const OPTIONS = args.includes('--options') ? JSON.parse(args[args.indexOf('--options') + 1]) : {};
const CHECKPOINTS = [0, 4, 6, 8, 10];
const LONG = [0, 4, 6, 8, 10, 20, 30];

const agendaOf = (id) => TEMPLATES.find((t) => t.id === id).agenda;
const wide = {
  title: '24 issues of 8 options',
  parties: ['a', 'b'],
  issues: Array.from({ length: 24 }, (_, i) => ({ id: `i${i}`, label: `Issue ${i + 1}`, options: Array.from({ length: 8 }, (_, k) => `o${k}`) })),
};
const AGENDAS = [
  { name: 'orange (2 x 3)', agenda: agendaOf('orange'), checkpoints: CHECKPOINTS },
  { name: 'point of sale (4 issues)', agenda: agendaOf('pos'), checkpoints: CHECKPOINTS },
  { name: 'hiring (5 issues)', agenda: agendaOf('hiring'), checkpoints: CHECKPOINTS },
  { name: '24 x 8', agenda: wide, checkpoints: LONG, share: 6 },
];

function shuffle(list, rnd) {
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A true profile (protocol interests) and what the person states about each issue's shape. */
function trueProfile(agenda, rnd) {
  const draws = agenda.issues.map(() => -Math.log(1 - rnd()));
  const weights = apportion(draws, 100);
  const interests = { weights: {}, values: {}, floor: 0 };
  const shapes = {};
  agenda.issues.forEach((issue, i) => {
    interests.weights[issue.id] = weights[i];
    if (issue.range) {
      const r = rnd();
      const options = optionsOf(issue);
      const spec = r < 0.4 ? 'low' : r < 0.8 ? 'high' : { point: options[1 + Math.floor(rnd() * (options.length - 2))] };
      interests.values[issue.id] = typeof spec === 'string' ? spec : rangeValues(issue, spec);
      shapes[issue.id] = { values: rangeValues(issue, spec), spec: typeof spec === 'string' ? spec : undefined };
    } else {
      const order = shuffle(issue.options, rnd);
      const middle = order.slice(1, -1).map(() => Math.round(100 * rnd())).sort((p, q) => q - p);
      const values = [100, ...middle, 0];
      interests.values[issue.id] = Object.fromEntries(order.map((o, k) => [o, values[k]]));
      shapes[issue.id] = { order };
    }
  });
  return { interests, shapes };
}

function packagesOf(agenda, rnd) {
  const total = agenda.issues.reduce((n, issue) => n * optionsOf(issue).length, 1);
  if (total <= 3000) {
    let all = [{}];
    for (const issue of agenda.issues) all = all.flatMap((p) => optionsOf(issue).map((o) => ({ ...p, [issue.id]: o })));
    return all;
  }
  return Array.from({ length: 3000 }, () => Object.fromEntries(agenda.issues.map((issue) => {
    const options = optionsOf(issue);
    return [issue.id, options[Math.floor(rnd() * options.length)]];
  })));
}

/** Share of package pairs ordered alike, the acceptable sets' Jaccard, the walk-away point's error. */
function compare(agenda, packages, truth, fitted, walkAway) {
  const t = packages.map((p) => utilityOf(agenda, truth, p));
  const f = packages.map((p) => utilityOf(agenda, fitted, p));
  let same = 0;
  let pairs = 0;
  for (let i = 0; i < t.length; i++) {
    for (let j = i + 1; j < t.length; j++) {
      const dt = t[i] - t[j];
      if (dt === 0) continue;
      pairs++;
      if (Math.sign(f[i] - f[j]) === Math.sign(dt)) same++;
    }
  }
  const floorT = utilityOf(agenda, truth, walkAway);
  const floorF = utilityOf(agenda, fitted, walkAway);
  let both = 0;
  let either = 0;
  for (let i = 0; i < t.length; i++) {
    const inT = t[i] >= floorT;
    const inF = f[i] >= floorF;
    if (inT && inF) both++;
    if (inT || inF) either++;
  }
  return { pairs: same / pairs, jaccard: either ? both / either : 1, floorError: Math.abs(floorF - floorT) / 100 };
}

function run({ agenda, checkpoints: given, share = 1 }, errorRate, seed) {
  const checkpoints = UPTO ? [...given.filter((k) => k < UPTO), UPTO] : SMALL ? [0, 10] : given;
  const rnd = random(seed);
  const profiles = Math.ceil(PROFILES / share);
  const limit = Math.max(...checkpoints);
  const sums = new Map(checkpoints.map((k) => [k, { fit: [0, 0, 0], margin: [0, 0, 0] }]));
  const times = []; // ms per answer: the refit and the choice of the next question, as in the browser
  for (let n = 0; n < profiles; n++) {
    const { interests: truth, shapes } = trueProfile(agenda, rnd);
    const packages = packagesOf(agenda, rnd);
    const ranked = packages.map((p) => [utilityOf(agenda, truth, p), p]).sort((p, q) => p[0] - q[0]);
    const walkAway = ranked[Math.floor(ranked.length * (0.3 + 0.4 * rnd()))][1];
    const session = createSession(agenda, shapes, { ...OPTIONS, seed: seed * 1000 + n, base: walkAway, limit });
    const record = (k) => {
      for (const [kind, fitted] of [['fit', session.interests()], ['margin', session.marginInterests()]]) {
        const c = compare(agenda, packages, truth, { ...fitted, floor: 0 }, walkAway);
        const s = sums.get(k)[kind];
        s[0] += c.pairs;
        s[1] += c.jaccard;
        s[2] += c.floorError;
      }
    };
    record(0);
    while (session.question) {
      const q = session.question;
      const d = utilityOf(agenda, truth, q.a) - utilityOf(agenda, truth, q.b);
      let answer = Math.abs(d) <= 300 ? 'same' : d > 0 ? 'a' : 'b';
      if (rnd() < errorRate) {
        const others = ['a', 'b', 'same'].filter((v) => v !== answer);
        answer = others[Math.floor(rnd() * 2)];
      }
      const began = performance.now();
      session.answer(answer);
      times.push(performance.now() - began);
      if (sums.has(session.asked)) record(session.asked);
    }
    // a session that ran out of questions early keeps its last fit for the later checkpoints
    for (const k of checkpoints) if (k > session.asked) record(k);
  }
  times.sort((p, q) => p - q);
  const rows = checkpoints.map((k) => {
    const s = sums.get(k);
    const avg = (v) => v.map((x) => x / profiles);
    return { questions: k, fit: avg(s.fit), margin: avg(s.margin) };
  });
  const ms = { mean: times.reduce((acc, v) => acc + v, 0) / times.length, p95: times[Math.floor(0.95 * (times.length - 1))], max: times[times.length - 1] };
  return { rows, ms };
}

const results = [];
for (const [a, spec] of AGENDAS.entries()) {
  if ((SMALL && spec.agenda.issues.length > 6) || !spec.name.includes(ONLY)) continue;
  for (const [user, errorRate] of [['truthful', 0], ['10 % wrong', 0.1]]) {
    const { rows, ms } = run(spec, errorRate, 7 + a * 10 + (errorRate ? 1 : 0));
    results.push({ agenda: spec.name, issues: spec.agenda.issues.length, user, profiles: Math.ceil(PROFILES / (spec.share ?? 1)), rows, ms });
  }
}

if (JSON_OUT) {
  process.stdout.write(JSON.stringify(results));
} else {
  const pct = (v) => `${(100 * v).toFixed(1)} %`;
  console.log(`${PROFILES} true profiles per agenda and person (${Math.ceil(PROFILES / 6)} on 24 x 8); "0 questions" is the baseline: equal weights, options evenly spaced in the stated order.\n`);
  console.log('| agenda | person | questions | pairs ordered alike | acceptable set (Jaccard) | walk-away point error | pairs (largest-margin fit) |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const r of results) {
    for (const row of r.rows) {
      console.log(`| ${r.agenda} | ${r.user} | ${row.questions === 0 ? '0 (baseline)' : row.questions} | ${pct(row.fit[0])} | ${row.fit[1].toFixed(3)} | ${row.fit[2].toFixed(1)} points | ${pct(row.margin[0])} |`);
    }
  }
  console.log('\nTime per answer (the refit and the choice of the next question, as the browser runs them):\n');
  console.log('| agenda | person | mean | 95th percentile | most |');
  console.log('|---|---|---:|---:|---:|');
  const ms = (v) => `${v.toFixed(0)} ms`;
  for (const r of results) console.log(`| ${r.agenda} | ${r.user} | ${ms(r.ms.mean)} | ${ms(r.ms.p95)} | ${ms(r.ms.max)} |`);
}
