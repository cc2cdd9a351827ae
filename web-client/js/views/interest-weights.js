// The weights by hand: a slider and a number per issue, and "keep the sum at 100", which moves
// the weights the person has not set so the others stay where they were put. The questions
// (elicit/questions-view.js) set the same weights; the sliders then adjust their fit.
import { h, uid } from '../dom.js';
import { rebalance } from '../utility.js';

/** host: agenda() and draft() (its weights are changed in place), touch() after each change. */
export function weightSliders(host) {
  const inputs = {};
  let auto = true;
  // the weights the person set, oldest first: auto-balance moves the others
  let setByHand = [];
  const ids = () => host.agenda().issues.map((i) => i.id);

  function setWeight(id, value) {
    const draft = host.draft();
    const v = Math.max(0, Math.min(100, Math.round(Number(value) || 0)));
    setByHand = setByHand.filter((k) => k !== id);
    // once every other weight was set by hand, the oldest of them gives way
    if (setByHand.length >= ids().length - 1) setByHand.shift();
    if (auto) Object.assign(draft.weights, rebalance(draft.weights, ids(), id, v, setByHand));
    else draft.weights[id] = v;
    setByHand.push(id);
    for (const [k, pair] of Object.entries(inputs)) {
      for (const input of pair) if (document.activeElement !== input || k !== id) input.value = draft.weights[k];
    }
    host.touch();
  }

  function weightRow(issue) {
    const w = host.draft().weights[issue.id] ?? 0;
    const sliderId = uid('w');
    const slider = h('input', { id: sliderId, type: 'range', min: 0, max: 100, step: 1, value: w, data: { weightSlider: issue.id },
      on: { input: (e) => setWeight(issue.id, e.target.value) } });
    const numberId = uid('wn');
    const number = h('input', { id: numberId, type: 'number', min: 0, max: 100, step: 1, value: w, class: 'short', data: { weight: issue.id },
      on: { input: (e) => { if (e.target.value !== '') setWeight(issue.id, e.target.value); } } });
    inputs[issue.id] = [slider, number];
    return h('div', { class: 'weight' },
      h('label', { for: sliderId, text: issue.label }),
      slider,
      h('label', { for: numberId, class: 'visually-hidden', text: `Weight of ${issue.label}, as a number` }),
      number);
  }

  return {
    /** The sliders and the "keep the sum at 100" switch, built afresh from the draft. */
    element() {
      for (const k of Object.keys(inputs)) delete inputs[k];
      const autoId = uid('auto');
      return [
        h('div', { class: 'weights' }, host.agenda().issues.map(weightRow)),
        h('div', { class: 'inline' },
          h('input', { id: autoId, type: 'checkbox', checked: auto, data: { autoBalance: '' }, on: { change: (e) => { auto = e.target.checked; } } }),
          h('label', { for: autoId, text: ' Keep the sum at 100 (the weights you have not set give way)' })),
      ];
    },
    /** The weights were set as a whole (by the questions' fit): none counts as set by hand. */
    forget() {
      setByHand = [];
    },
  };
}
