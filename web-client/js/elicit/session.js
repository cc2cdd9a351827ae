// One run of trade-off questions: asks up to `limit` questions, refits after each answer, and
// when an answer contradicts an earlier one, says which and asks both again (neither is kept
// until answered again: contradictions are resolved by the person, never averaged away).
// The fit submitted is the mean of the profiles consistent with the answers (their centre, which
// orders unseen packages better than the largest-margin vertex: docs/benchmarks.md); the
// largest-margin fit still decides whether the answers agree at all.
// Slips that contradict nothing: the questions are chosen on the profiles the answers make likely
// with 1 answer in 10 a slip (sampler.js), so a question that would expose a slip is preferred;
// and an answer most of those profiles break (40 % or more) has its question asked once more. The
// same answer confirms it; another is a contradiction, shown, and asked a third time.
// Everything here stays in the browser; only the fitted interests are ever submitted.
import { conflictWith, fitAnswers } from './fit.js';
import { buildModel, centre, interestsOf } from './model.js';
import { doubts, nextQuestion, probes } from './questions.js';
import { broken, random, resample, resampleSoft, sampleMean } from './sampler.js';

export const QUESTION_LIMIT = 10;

/**
 * options: seed, base (the package questions hold the other issues at), limit; and the method's
 * knobs, which the benchmark compares: samples and sweeps (of the consistent profiles), select
 * ('loss': the answer expected to settle most probes; 'split': the most even split), slip (the
 * share of slips assumed; 0: questions chosen on the consistent profiles only, no confirming),
 * confirm (the share of likely profiles breaking an answer that has it confirmed; 0: never),
 * doubt (the weight of profiles with one of the last 4 answers reversed when choosing).
 */
export function createSession(agenda, shapes, { seed = 1, base, limit = QUESTION_LIMIT, samples = 200, sweeps = 6, select = 'loss', shortlist = 40, doubt = 0, slip = 0.1, confirm = 0.4 } = {}) {
  const rnd = random(seed);
  const answers = [];
  const again = []; // questions to ask again after a contradiction
  const asked = new Set();
  let model;
  let x;
  let particles; // hard: consistent with every answer
  let likely; // soft: slips weighed in
  let drawnFor = []; // the answers `likely` were drawn for
  let probeRows;
  let count = 0;
  let question = null;
  let conflict = null;
  let repeated = false; // the question on screen is one asked again
  let confirming = null; // the answer whose question is on screen again, to confirm it
  const confirmed = new Set(); // keys of questions put once more to confirm: never again to confirm

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
    particles = null;
    likely = null;
    draw();
  }

  /** The profiles the answers leave possible (or likely, with slips weighed in: sampler.js). */
  function draw() {
    particles = resample(model, answers, particles, x, rnd, samples, sweeps);
    if (slip) {
      likely = resampleSoft(model, answers, likely, drawnFor, x, rnd, samples, sweeps, slip);
      drawnFor = answers.slice();
    }
  }

  /** Of the answers not confirmed yet, the one the likely profiles break most often, if often enough. */
  function doubtful() {
    if (!slip || !confirm || !likely) return null;
    let best = null;
    let most = confirm;
    for (const a of answers) {
      if (confirmed.has(a.key)) continue;
      const share = likely.reduce((n, p) => n + broken(model, [a], p), 0) / likely.length;
      if (share >= most) {
        most = share;
        best = a;
      }
    }
    return best;
  }

  function choose() {
    repeated = false;
    confirming = null;
    if (count >= limit) return null;
    repeated = again.length > 0;
    if (repeated) return again.shift();
    confirming = doubtful();
    if (confirming) return stripAnswer(confirming);
    const samples = slip ? likely : particles;
    if (!doubt || answers.length === 0) return nextQuestion(model, samples, base, asked, probeRows, shortlist);
    const slips = doubts(model, answers, rnd, 20, sweeps, doubt);
    const weights = Float64Array.from([...samples.map(() => 1 / samples.length), ...slips.map((d) => d.weight)]);
    return nextQuestion(model, [...samples, ...slips.map((d) => d.p)], base, asked, probeRows, shortlist, weights);
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
      if (confirming) {
        // the same question again: the same answer confirms it; another is a contradiction
        conflict = null;
        confirmed.add(q.key);
        if (answer !== confirming.answer) {
          conflict = { earlier: confirming, now: { ...q, answer } };
          answers.splice(answers.indexOf(confirming), 1);
          again.push(q);
          x = fitAnswers(model, answers)?.x ?? centre(model);
          draw();
        }
        question = choose();
        return conflict ? 'contradiction' : 'ok';
      }
      const tried = [...answers, { ...q, answer }];
      const fitted = fitAnswers(model, tried);
      conflict = null;
      if (fitted) {
        answers.push({ ...q, answer });
        x = fitted.x;
        draw();
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
        draw();
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
      confirming = null;
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
