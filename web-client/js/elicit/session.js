// One run of trade-off questions: asks up to `limit` questions, refits after each answer, and
// when an answer contradicts an earlier one, says which and asks both again (neither is kept
// until answered again: contradictions are resolved by the person, never averaged away).
// Everything here stays in the browser; only the fitted interests are ever submitted.
import { conflictWith, fitAnswers } from './fit.js';
import { buildModel, centre, interestsOf } from './model.js';
import { nextQuestion, random, resample, sampleMean } from './questions.js';

export const QUESTION_LIMIT = 10;

export function createSession(agenda, shapes, { seed = 1, base, limit = QUESTION_LIMIT, samples = 120 } = {}) {
  const model = buildModel(agenda, shapes);
  const rnd = random(seed);
  const answers = [];
  const again = []; // questions to ask again after a contradiction
  const asked = new Set();
  let x = centre(model);
  let particles = resample(model, answers, null, x, rnd, samples);
  let count = 0;
  let question = null;
  let conflict = null;

  function choose() {
    if (count >= limit) return null;
    if (again.length) return again.shift();
    return nextQuestion(model, particles, base, asked);
  }
  question = choose();

  return {
    model,
    get question() { return question; },
    get asked() { return count; },
    get answers() { return answers.slice(); },
    /** The earlier answer the last one contradicted, while both are being asked again. */
    get conflict() { return conflict; },
    get x() { return x; },
    interests() { return interestsOf(model, x); },
    /** The other estimate (the mean of the consistent profiles), for the benchmark. */
    meanInterests() { return interestsOf(model, sampleMean(model, particles)); },
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
        particles = resample(model, answers, particles, x, rnd, samples);
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
        particles = resample(model, answers, particles, x, rnd, samples);
      }
      question = choose();
      return conflict ? 'contradiction' : 'ok';
    },
    stop() { question = null; },
  };
}

function stripAnswer({ answer, ...q }) {
  return q;
}
