// "Which would you rather have?": up to 10 questions, each two packages that differ on two
// issues. After every answer the fitted weights and worths go into the editor, where the
// sliders can still move them. The questions and answers live only in this object: nothing of
// them is logged, stored or sent.
import { h, replace } from '../dom.js';
import { optionText } from '../format.js';
import { createSession, QUESTION_LIMIT } from './session.js';

/**
 * host: {agenda() , shapes() -> model shapes, base() -> a package to hold the other issues at,
 * apply(interests, refocus) -> takes the fitted weights and worths (and puts the focus back on
 * the question when refocus)}. Returns the element, kept by the editor across its rebuilds.
 */
export function questionsPanel(host) {
  const root = h('div', { class: 'questions', data: { questions: '' } });
  let session = null;
  let done = 0;

  function side(pkg, issues, answer, label) {
    const agenda = host.agenda();
    return h('div', { class: 'choice', data: { choice: answer, package: JSON.stringify(pkg) } },
      h('ul', {}, issues.map((id) => {
        const issue = agenda.issues.find((i) => i.id === id);
        return h('li', {}, `${issue.label}: `, h('strong', { text: optionText(issue, pkg[id]) }));
      })),
      h('button', { type: 'button', data: { answer, key: `answer-${answer}` }, on: { click: () => answered(answer) } },
        'This one', h('span', { class: 'visually-hidden', text: `: I would rather have ${label}` })));
  }

  function conflictWords(conflict) {
    const agenda = host.agenda();
    const words = ({ a, b, issues, answer }) => {
      const [x, y] = answer === 'b' ? [b, a] : [a, b];
      const text = (pkg) => issues.map((id) => `${agenda.issues.find((i) => i.id === id).label} ${optionText(agenda.issues.find((i) => i.id === id), pkg[id])}`).join(' with ');
      return answer === 'same' ? `${text(a)} and ${text(b)} are about the same` : `you would rather have ${text(x)} than ${text(y)}`;
    };
    if (conflict.earlier?.key === conflict.now.key) {
      return `That is not the answer you gave to this question before. Now: ${words(conflict.now)}. Before: ${words(conflict.earlier)}. It comes once more: answer as you really see it.`;
    }
    return conflict.earlier
      ? `That answer does not fit with an earlier one. Now: ${words(conflict.now)}. Earlier: ${words(conflict.earlier)}. Both questions come again: answer as you really see it.`
      : `That answer does not fit with your earlier ones (${words(conflict.now)}). The question comes again.`;
  }

  function render(focus) {
    // with one issue there is nothing to trade off
    if (!session && host.agenda()?.issues.length < 2) {
      replace(root);
      return;
    }
    if (!session) {
      replace(root, h('div', { class: 'questions-start' },
        h('p', { class: 'muted', text: done ? `Your weights come from your ${done} answers. Move the sliders if they are not quite right.` : 'Not sure? Answer a few questions: which of two packages would you rather have?' }),
        h('button', { type: 'button', class: done ? '' : 'primary', data: { startQuestions: '', key: 'start-questions' }, on: { click: start } },
          done ? 'Answer the questions again' : `Answer up to ${QUESTION_LIMIT} questions`)));
      return;
    }
    const q = session.question;
    if (!q) {
      done = session.answers.length;
      session = null;
      render(focus);
      if (focus) root.querySelector('button')?.focus();
      return;
    }
    const others = host.agenda().issues.filter((i) => !q.issues.includes(i.id));
    replace(root,
      session.conflict ? h('p', { class: 'conflict', role: 'alert', data: { conflict: '' }, text: conflictWords(session.conflict) }) : null,
      h('h4', { id: 'question-heading', tabindex: '-1', data: { questionNumber: String(session.asked + 1) } },
        `Question ${session.asked + 1} of up to ${QUESTION_LIMIT}: which would you rather have?`),
      h('div', { class: 'choices', role: 'group', 'aria-labelledby': 'question-heading' },
        side(q.a, q.issues, 'a', 'the first'),
        side(q.b, q.issues, 'b', 'the second'),
        h('button', { type: 'button', class: 'same', data: { answer: 'same', key: 'answer-same' }, on: { click: () => answered('same') } }, 'About the same')),
      others.length ? h('p', { class: 'muted', text: `Everything else is the same in both${others.length <= 3 ? ` (${others.map((i) => `${i.label} ${optionText(i, q.a[i.id])}`).join(', ')})` : ''}.` }) : null,
      h('button', { type: 'button', class: 'link', data: { stopQuestions: '' }, on: { click: stop } }, 'Stop here and keep my answers'));
    if (focus) root.querySelector('[data-answer="a"]')?.focus();
  }

  function start() {
    session = createSession(host.agenda(), host.shapes(), { base: host.base() });
    render(true);
  }

  function answered(answer) {
    session.answer(answer);
    host.apply(session.interests());
    render(true);
  }

  function stop() {
    session.stop();
    host.apply(session.interests());
    render(true);
  }

  render(false);
  return {
    element: root,
    /** A new agenda: questions asked on the old one no longer apply. */
    reset() {
      session = null;
      done = 0;
      render(false);
    },
    refocus() {
      if (session) root.querySelector('[data-answer="a"]')?.focus();
    },
    /** An order or a range's shape changed mid-way: the questions go on under the new one. */
    reshape() {
      if (!session) return;
      session.reshape(host.shapes());
      host.apply(session.interests(), false);
      render(false);
    },
  };
}
