// Hard limits on an issue (a range's never-below / never-above, an options issue's ruled-out
// options), and the labelled number field the interests editor uses.
import { h, uid } from '../dom.js';

export function numberField(labelText, attrs, hint) {
  const id = uid('in');
  const hintId = hint ? `${id}-hint` : undefined;
  return h('div', { class: 'field' },
    h('label', { for: id, text: labelText }),
    h('input', { id, type: 'number', 'aria-describedby': hintId, ...attrs }),
    hint ? h('small', { id: hintId, text: hint }) : null);
}

/** The fields for `issue`'s hard limits in draft.limits; touch() after each change. */
export function hardLimits(issue, draft, touch) {
  const limit = draft.limits[issue.id] ?? {};
  const setLimit = (prop, value) => {
    const l = { ...(draft.limits[issue.id] ?? {}) };
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) delete l[prop];
    else l[prop] = value;
    draft.limits[issue.id] = l;
    touch();
  };
  return issue.range
    ? h('div', { class: 'row' },
        numberField(`Never below (${issue.label})`, { min: issue.range.min, max: issue.range.max, step: issue.range.step, value: limit.min ?? '', data: { limitMin: issue.id },
          on: { input: (e) => setLimit('min', e.target.value === '' ? null : Number(e.target.value)) } }, 'optional hard limit'),
        numberField(`Never above (${issue.label})`, { min: issue.range.min, max: issue.range.max, step: issue.range.step, value: limit.max ?? '', data: { limitMax: issue.id },
          on: { input: (e) => setLimit('max', e.target.value === '' ? null : Number(e.target.value)) } }, 'optional hard limit'))
    : h('fieldset', { class: 'values' },
        h('legend', { text: `Rule out (hard limits on ${issue.label})` }),
        issue.options.map((option) => {
          const id = uid('x');
          return h('div', { class: 'inline' },
            h('input', { id, type: 'checkbox', checked: (limit.exclude ?? []).includes(option), data: { exclude: `${issue.id}:${option}` },
              on: { change: (e) => {
                const set = new Set(draft.limits[issue.id]?.exclude ?? []);
                if (e.target.checked) set.add(option); else set.delete(option);
                setLimit('exclude', issue.options.filter((o) => set.has(o)));
              } } }),
            h('label', { for: id, text: ` ${option}` }));
        }));
}

