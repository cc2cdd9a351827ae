// "The least you would still take": a package, one option per issue, whose score under the
// person's own interests becomes the walk-away point, and a private line describing what they
// would do without this deal. That line is kept in this browser only (localStorage, per room and
// party) and never sent: the server has no field for it, so no other party can ever see it.
import { h, uid } from '../dom.js';
import { optionText, optionsOf, percent } from '../format.js';

const keyOf = (roomId, party) => `negotiation.walk-away.${roomId}.${party}`;

/** What this browser remembers for the room and party: {alternative, pkg}. */
export function remembered(roomId, party) {
  try {
    return JSON.parse(localStorage.getItem(keyOf(roomId, party)) ?? '{}') ?? {};
  } catch {
    return {};
  }
}

export function remember(roomId, party, value) {
  try {
    localStorage.setItem(keyOf(roomId, party), JSON.stringify(value));
  } catch {
    // storage full or refused: the line then lasts as long as the page
  }
}

/** A package with an option on every issue, or null. */
export function complete(agenda, pkg) {
  return pkg && agenda.issues.every((issue) => pkg[issue.id] !== undefined) ? pkg : null;
}

/**
 * The picker. state: {pkg() -> partial package, choose(issueId, option | undefined),
 * alternative() -> text, setAlternative(text)}. Returns {element, status}: `status` is the
 * paragraph the editor rewrites whenever the score of the package changes.
 */
export function walkAwayPicker(agenda, state) {
  const status = h('p', { class: 'walk-away-status', data: { walkAwayScore: '' }, 'aria-live': 'polite' });
  const altId = uid('alt');
  const element = h('fieldset', { class: 'walk-away' },
    h('legend', { text: 'The least you would still take' }),
    h('p', { class: 'muted', text: 'Think of what you would do without this deal. Pick, on each issue, the least you would still accept.' }),
    h('div', { class: 'row wrap' }, agenda.issues.map((issue) => {
      const id = uid('wa');
      const options = optionsOf(issue);
      const chosen = state.pkg()[issue.id];
      return h('div', { class: 'field' },
        h('label', { for: id, text: issue.label }),
        h('select', { id, data: { walkAway: issue.id }, on: { change: (e) => state.choose(issue.id, e.target.value === '' ? undefined : options[Number(e.target.value)]) } },
          h('option', { value: '', text: 'Choose…', selected: chosen === undefined }),
          options.map((o, k) => h('option', { value: k, selected: chosen === o, text: optionText(issue, o) }))));
    })),
    status,
    h('div', { class: 'field' },
      h('label', { for: altId, text: 'Without this deal, I would… (stays in this browser, never sent)' }),
      h('input', { id: altId, type: 'text', maxlength: 200, value: state.alternative(), data: { alternative: '' },
        placeholder: 'e.g. our current supplier at 5,300 with no training',
        on: { input: (e) => state.setAlternative(e.target.value) } })));
  return { element, status };
}

/** The status line's words for a complete package scoring `score`, or for none. */
export function statusWords(pkg, score) {
  return pkg
    ? `This package scores ${percent(score)} with your current priorities: that is your walk-away point.`
    : 'Choose an option on every issue to set your walk-away point from a package, or type it below.';
}
