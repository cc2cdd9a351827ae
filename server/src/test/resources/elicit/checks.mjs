// Checks of the browser's interests fit (web-client/js/elicit), run in Node by
// negotiation.webclient.ElicitationBenchmarkTest: argv[2] is the web client's js directory.
// Exits non-zero with the failed check on stderr.
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';

const js = (path) => import(pathToFileURL(`${process.argv[2]}/${path}`).href);
const { maximize } = await js('elicit/lp.js');
const { fitAnswers, conflictWith } = await js('elicit/fit.js');
const { buildModel, interestsOf, scoreOf, rangeValues } = await js('elicit/model.js');
const { createSession } = await js('elicit/session.js');
const { weightWords } = await js('elicit/words.js');
const { TEMPLATES } = await js('templates.js');
const { utilityOf } = await js('utility.js');

const close = (a, b) => assert.ok(Math.abs(a - b) < 1e-7, `${a} != ${b}`);

// the simplex: a textbook optimum, equality rows, a negative right-hand side, infeasible, unbounded
let r = maximize([3, 5], [{ a: [1, 0], op: '<=', b: 4 }, { a: [0, 2], op: '<=', b: 12 }, { a: [3, 2], op: '<=', b: 18 }]);
assert.equal(r.status, 'optimal');
close(r.value, 36);
close(r.x[0], 2);
close(r.x[1], 6);
r = maximize([1, 1], [{ a: [1, 1], op: '=', b: 1 }, { a: [1, -1], op: '>=', b: 0.5 }]);
close(r.x[0], 0.75);
r = maximize([-1, -1], [{ a: [-1, -1], op: '<=', b: -2 }]);
close(r.value, -2);
assert.equal(maximize([1], [{ a: [1], op: '>=', b: 2 }, { a: [1], op: '<=', b: 1 }]).status, 'infeasible');
assert.equal(maximize([1, 0], [{ a: [1, -1], op: '<=', b: 1 }]).status, 'unbounded');

// the point-of-sale buyer, its orders stated
const pos = TEMPLATES.find((t) => t.id === 'pos').agenda;
const shapes = {
  price: { values: rangeValues(pos.issues[0], 'low'), spec: 'low' },
  support: { order: ['1 year', '6 months', 'none'] },
  training: { order: ['included', 'not included'] },
  payment: { order: ['3 instalments over 6 months', 'upfront'] },
};
const model = buildModel(pos, shapes);
const pkg = (price, support, training, payment) => ({ price, support, training, payment });

// no answers: equal weights, options evenly spaced; "low" stays the shorthand
let fit = fitAnswers(model, []);
assert.deepEqual(interestsOf(model, fit.x), {
  weights: { price: 25, support: 25, training: 25, payment: 25 },
  values: { price: 'low', support: { '1 year': 100, '6 months': 50, none: 0 }, training: { included: 100, 'not included': 0 }, payment: { '3 instalments over 6 months': 100, upfront: 0 } },
});

// every answer holds in the fit, by the largest margin; the weights follow
const answers = [
  { a: pkg(4800, 'none', 'not included', 'upfront'), b: pkg(5600, '1 year', 'not included', 'upfront'), answer: 'a' },
  { a: pkg(5200, '1 year', 'not included', 'upfront'), b: pkg(5200, 'none', 'included', 'upfront'), answer: 'a' },
  { a: pkg(5200, 'none', 'included', 'upfront'), b: pkg(5200, 'none', 'not included', '3 instalments over 6 months'), answer: 'same' },
];
fit = fitAnswers(model, answers);
assert.ok(fit.margin > 0);
assert.ok(scoreOf(model, answers[0].a, fit.x) - scoreOf(model, answers[0].b, fit.x) >= fit.margin - 1e-9);
assert.ok(scoreOf(model, answers[1].a, fit.x) - scoreOf(model, answers[1].b, fit.x) >= fit.margin - 1e-9);
assert.ok(Math.abs(scoreOf(model, answers[2].a, fit.x) - scoreOf(model, answers[2].b, fit.x)) <= 0.03 + 1e-9);
const w = interestsOf(model, fit.x).weights;
assert.ok(w.price > w.support && w.support > w.training, JSON.stringify(w));
assert.equal(Object.values(w).reduce((a, b) => a + b, 0), 100);

// a contradiction is found, and the answer it contradicts named
const reversed = { ...answers[0], answer: 'b' };
assert.equal(fitAnswers(model, [...answers, reversed]), null);
assert.equal(conflictWith(model, [...answers, reversed]), 0);

// in a session, a contradicting answer sets both aside and asks both again
const truth = { weights: { price: 45, support: 25, training: 15, payment: 15 }, values: { price: 'low', support: { none: 0, '6 months': 60, '1 year': 100 }, training: { 'not included': 0, included: 100 }, payment: { upfront: 0, '3 instalments over 6 months': 100 } } };
/** What the person with the true profile answers: "about the same" within 3 points. */
function truthful(q) {
  const d = utilityOf(pos, truth, q.a) - utilityOf(pos, truth, q.b);
  return Math.abs(d) <= 300 ? 'same' : d > 0 ? 'a' : 'b';
}
let seen = 0;
for (let seed = 1; seed <= 20; seed++) {
  const session = createSession(pos, shapes, { seed, base: pkg(5200, '6 months', 'not included', 'upfront') });
  let first = true;
  while (session.question) {
    const q = session.question;
    let answer = truthful(q);
    if (first) answer = answer === 'a' ? 'b' : 'a'; // the first answer is wrong
    first = false;
    const before = session.answers.length;
    if (session.answer(answer) === 'contradiction') {
      seen++;
      const { earlier, now } = session.conflict;
      assert.equal(session.answers.length, before - (earlier ? 1 : 0), 'neither answer is kept');
      assert.ok(!session.answers.some((x) => x.key === now.key), 'the new answer is not kept');
      if (earlier && session.question) assert.equal(session.question.key, earlier.key, 'the earlier question comes first');
    }
  }
  assert.ok(session.asked <= 10);
}
assert.ok(seen > 0, 'a wrong first answer is caught at least once in 20 runs');

// an answer the likely profiles doubt has its question asked once more: the same answer keeps
// it, another is a contradiction, shown, and the question comes a third time
let confirmedOnce = 0;
let reversedOnce = 0;
for (let seed = 1; seed <= 30; seed++) {
  const session = createSession(pos, shapes, { seed, base: pkg(5200, '6 months', 'not included', 'upfront') });
  let first = true;
  while (session.question) {
    const q = session.question;
    let answer = truthful(q);
    if (first) answer = answer === 'a' ? 'b' : 'a'; // the first answer is a slip
    first = false;
    const again = session.answers.find((x) => x.key === q.key);
    const before = session.answers.length;
    const result = session.answer(answer);
    if (again && again.answer === answer) {
      confirmedOnce++;
      assert.equal(result, 'ok');
      assert.equal(session.answers.length, before, 'a confirmed answer stays, once');
    } else if (again) {
      reversedOnce++;
      assert.equal(result, 'contradiction', 'another answer to the same question is a contradiction');
      assert.equal(session.conflict.earlier.key, q.key);
      assert.equal(session.answers.length, before - 1, 'the earlier answer is set aside, not averaged');
      if (session.question) assert.equal(session.question.key, q.key, 'the question comes a third time');
    }
  }
  assert.ok(session.asked <= 10);
}
assert.ok(reversedOnce > 0, 'a slip doubted is asked again and caught at least once in 30 runs');

// options reordered mid-way: the questions go on under the new order, the answers still count
{
  const agendaOrder = { ...shapes, training: { order: ['not included', 'included'] }, payment: { order: ['upfront', '3 instalments over 6 months'] } };
  const session = createSession(pos, agendaOrder, { seed: 3, base: pkg(5200, '6 months', 'not included', 'upfront') });
  const honest = (q) => {
    const d = utilityOf(pos, truth, q.a) - utilityOf(pos, truth, q.b);
    return Math.abs(d) <= 300 ? 'same' : d > 0 ? 'a' : 'b';
  };
  for (let k = 0; k < 3 && session.question; k++) session.answer(honest(session.question));
  const before = session.answers.length;
  session.reshape(shapes);
  assert.equal(session.model.parts.find((p) => p.id === 'training').shape.order[0], 'included');
  // answers that disagree with the new order come again; none is lost
  assert.ok(session.answers.length <= before);
  while (session.question) session.answer(honest(session.question));
  const fitted = session.interests();
  assert.equal(fitted.values.training.included, 100, JSON.stringify(fitted.values));
  assert.equal(fitted.values.payment['3 instalments over 6 months'], 100, JSON.stringify(fitted.values));
  assert.ok(fitted.weights.price > fitted.weights.training, JSON.stringify(fitted.weights));
}

// plain words
assert.equal(weightWords(pos, { price: 50, support: 25, training: 15, payment: 10 }),
  'Price matters about twice as much as After-sales support. After-sales support matters about one and a half times as much as Staff training. Staff training matters about one and a half times as much as Payment plan.');
assert.equal(weightWords(pos, { price: 100, support: 0, training: 0, payment: 0 }),
  'Only Price matters to you. After-sales support, Staff training, Payment plan do not matter to you.');
console.log('ok');
