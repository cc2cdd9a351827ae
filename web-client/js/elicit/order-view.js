// What each option is worth, without asking for numbers first: an options issue's options in a
// list, best first, moved by dragging or with the arrow keys on their handle; each one's worth
// (0-100) follows from its place and stays adjustable. A range picks its better end or a point.
import { h, replace, uid } from '../dom.js';
import { optionText, optionsOf } from '../format.js';
import { rangeValues } from './model.js';

/** Evenly spaced worths, best first: 100 ... 0. */
export function evenlySpaced(order) {
  const last = order.length - 1;
  return Object.fromEntries(order.map((o, k) => [o, Math.round((100 * (last - k)) / last)]));
}

/** The options of an options issue, best first (ties keep the agenda's order). */
export function orderOf(issue, values) {
  return issue.options.map((o, k) => [o, k]).sort((p, q) => (values?.[q[0]] ?? 0) - (values?.[p[0]] ?? 0) || p[1] - q[1]).map(([o]) => o);
}

/**
 * The list for an options issue. state: {values() -> {option: worth}, set(values, byHand)}.
 * Moving keeps the worths the person gave, handed down the new order; when two are equal the
 * worths are evenly spaced again, so a move always shows.
 */
export function orderList(issue, state, announce) {
  const list = h('ol', { class: 'order', data: { order: issue.id }, 'aria-label': `${issue.label}: options, best first` });
  let order = orderOf(issue, state.values());

  function move(from, to) {
    if (to < 0 || to >= order.length || from === to) return;
    const next = order.slice();
    const [option] = next.splice(from, 1);
    next.splice(to, 0, option);
    const worths = order.map((o) => state.values()[o] ?? 0).sort((p, q) => q - p);
    const distinct = new Set(worths).size === worths.length;
    order = next;
    state.set(distinct ? Object.fromEntries(order.map((o, k) => [o, worths[k]])) : evenlySpaced(order), false);
    render();
    announce(`${option}: now ${to + 1} of ${order.length}.`);
  }

  function render() {
    const values = state.values();
    replace(list, order.map((option, k) => {
      const worthId = uid('worth');
      const handle = h('button', {
        type: 'button', class: 'handle', draggable: 'true',
        'aria-label': `Move ${option} (place ${k + 1} of ${order.length}): arrow keys up and down`,
        data: { key: `move-${issue.id}-${option}`, move: `${issue.id}:${option}` },
        on: {
          keydown: (e) => {
            if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
              e.preventDefault();
              move(k, k + (e.key === 'ArrowUp' ? -1 : 1));
            }
          },
          // a tap (or Enter) moves it up one place: the way on a phone, where dragging scrolls
          click: () => move(k, k - 1),
          dragstart: (e) => e.dataTransfer.setData('text/plain', String(k)),
        },
      }, '⇅');
      return h('li', {
        data: { option: `${issue.id}:${option}` },
        on: {
          dragover: (e) => e.preventDefault(),
          drop: (e) => {
            e.preventDefault();
            move(Number(e.dataTransfer.getData('text/plain')), k);
          },
        },
      },
      handle,
      h('span', { class: 'option-name', text: option }),
      h('label', { for: worthId, class: 'worth' }, h('span', { class: 'visually-hidden', text: `${option}: ` }), 'worth'),
      h('input', { id: worthId, type: 'number', class: 'short', min: 0, max: 100, step: 1, value: values[option] ?? 0, data: { value: `${issue.id}:${option}` },
        on: { input: (e) => state.set({ ...state.values(), [option]: Number(e.target.value) }, true) } }));
    }));
  }
  render();
  return list;
}

/** The better end of a range, or a preferred point. state: {spec() -> 'low' | 'high' | {point}, set(spec)}. */
export function rangeChoice(issue, state) {
  const options = optionsOf(issue);
  const { min, max } = issue.range;
  const sel = uid('v');
  const pointId = uid('p');
  const spec = state.spec();
  const pointField = h('div', { class: 'field point', hidden: typeof spec !== 'object' },
    h('label', { for: pointId, text: `Your preferred ${issue.label}` }),
    h('select', { id: pointId, data: { valuePoint: issue.id }, on: { change: (e) => state.set({ point: Number(e.target.value) }) } },
      options.map((o) => h('option', { value: o, selected: typeof spec === 'object' && spec.point === o, text: optionText(issue, o) }))));
  return h('div', { class: 'row wrap' },
    h('div', { class: 'field' },
      h('label', { for: sel, text: `Which ${issue.label} is better for you?` }),
      h('select', { id: sel, data: { valueShape: issue.id }, on: { change: (e) => {
        const v = e.target.value;
        pointField.hidden = v !== 'point';
        state.set(v === 'point' ? { point: Number(pointField.querySelector('select').value) } : v);
      } } },
        h('option', { value: 'low', selected: spec === 'low', text: `Lower is better (${optionText(issue, min)} best)` }),
        h('option', { value: 'high', selected: spec === 'high', text: `Higher is better (${optionText(issue, max)} best)` }),
        h('option', { value: 'point', selected: typeof spec === 'object', text: 'A preferred point' }))),
    pointField);
}

/** The protocol's values for a range choice: the shorthand, or every option's worth. */
export function rangeSpecValues(issue, spec) {
  return typeof spec === 'string' ? spec : rangeValues(issue, spec);
}

/** A range's choice back from submitted values: the shorthand, else the best option as the point. */
export function rangeSpecOf(issue, values) {
  if (values === 'low' || values === 'high') return values;
  const options = optionsOf(issue);
  const best = options.reduce((b, o) => ((values?.[String(o)] ?? 0) > (values?.[String(b)] ?? 0) ? o : b), options[0]);
  return { point: best };
}
