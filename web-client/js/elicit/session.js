// One run of trade-off questions: asks up to `limit` questions, refits after each answer, and
// when an answer contradicts an earlier one, says which and asks both again (neither is kept
// until answered again: contradictions are resolved by the person, never averaged away).
// The fit submitted is the mean of the profiles consistent with the answers (their centre, which
// orders unseen packages better than the largest-margin vertex: docs/benchmarks.md); the
// largest-margin fit still decides whether the answers agree at all.
// Everything here stays in the browser; only the fitted interests are ever submitted.
import { conflictWith, fitAnswers } from './fit.js';
import { buildModel, centre, interestsOf } from './model.js';
import { doubts, nextQuestion, probes, random, resample, sampleMean } from './questions.js';

export const QUESTION_LIMIT = 10;

/**
 * options: seed, base (the package questions hold the other issues at), limit; and the method's
 * knobs, which the benchmark compares: samples and sweeps (of the consistent profiles), select
 * ('loss': the answer expected to settle most probes; 'split': the most even split).
 */
export function createSession(agenda, shapes, { seed = 1, base, limit = QUESTION_LIMIT, samples = 200, sweeps = 6, select = 'loss', shortlist = 40, doubt = 0.1 } = {}) {
  const rnd = random(seed);
  const answers = [];
  const again = []; // questions to ask again after a contradiction
  const asked = new Set();
  let model;
  let x;
  let particles;
  let probeRows;
  let count = 0;
  let question = null;
  let conflict = null;
  let repeated = false; // the question on screen is one asked again

  /** A new model (the person reordered options): the answers still hold, the fit starts again. */
  function start(newShapes) {
    model = buildModel(agenda, newShapes);
    probeRows = select === 'loss' ? probes(model, base, rnd) : null;
    // the answers kept, in the order given, while they agree under the new order; the others are asked again
    const kept = answers.splice(0);
    for (const a of kept) {
      if (fitAnswers(model, [...answers, a])) answers.push(a);
      else again.push(stripAnswer(a));
    }
    x = fitAnswers(model, answers)?.x ?? centre(model);
    particles = resample(model, answers, null, x, rnd, samples, sweeps);
  }

  function choose() {
    repeated = false;
    if (count >= limit) return null;
    repeated = again.length > 0;
    if (repeated) return again.shift();
    if (!doubt || answers.length === 0) return nextQuestion(model, particles, base, asked, probeRows, shortlist);
    const slips = doubts(model, answers, rnd, 20, sweeps, doubt);
    const weights = Float64Array.from([...particles.map(() => 1 / particles.length), ...slips.map((d) => d.weight)]);
    return nextQuestion(model, [...particles, ...slips.map((d) => d.p)], base, asked, probeRows, shortlist, weights);
  }

  start(shapes);
  question = choose();

  return {
    get model() { return model; },
    get question() { return question; },
    get asked() { return count; },
    get answers() { return answers.slice(); },
    /** The earlier answer the last one contradicted, while both are being asked again. */
    get conflict() { return conflict; },
    /** The fit: equal weights before any answer, then the mean of the consistent profiles. */
    interests() { return interestsOf(model, answers.length ? sampleMean(model, particles) : centre(model)); },
    /** The other estimate (the largest-margin fit), for the benchmark. */
    marginInterests() { return interestsOf(model, x); },
    /** answer: 'a', 'b' or 'same' to the current question. */
    answer(answer) {
      const q = question;
      count += 1;
      asked.add(q.key);
      const tried = [...answers, { ...q, answer }];
      const fitted = fitAnswers(model, tried);
      conflict = null;
      if (fitted) {
        answers.push({ ...q, answer });
        x = fitted.x;
        particles = resample(model, answers, particles, x, rnd, samples, sweeps);
      } else {
        const j = conflictWith(model, tried);
        if (j >= 0) {
          conflict = { earlier: answers[j], now: { ...q, answer } };
          const [earlier] = answers.splice(j, 1);
          again.push(stripAnswer(earlier));
        } else {
          conflict = { earlier: null, now: { ...q, answer } };
        }
        again.push(q);
        const refit = fitAnswers(model, answers);
        if (refit) x = refit.x;
        particles = resample(model, answers, particles, x, rnd, samples, sweeps);
      }
      question = choose();
      return conflict ? 'contradiction' : 'ok';
    },
    /**
     * The person changed an order (or a range's shape) mid-way: the questions go on under the new
     * one. Answers that no longer agree with it are asked again, and the next question is chosen
     * under the new order.
     */
    reshape(newShapes) {
      // a question on screen that was being asked again must still be: its answer was set aside
      if (question && repeated) again.unshift(question);
      conflict = null;
      start(newShapes);
      question = choose();
    },
    stop() { question = null; },
  };
}

function stripAnswer({ answer, ...q }) {
  return q;
}
