// For a mediator: the interests of the parties that unsealed them.
import { h, replace } from '../dom.js';
import { nameOf, percent } from '../format.js';

function valuesText(spec) {
  if (spec === 'low') return 'lower is better';
  if (spec === 'high') return 'higher is better';
  if (!spec) return '–';
  return Object.entries(spec).map(([o, v]) => `${o}: ${v}`).join(', ');
}

function limitText(limit) {
  if (!limit) return '';
  const parts = [];
  if (limit.min !== undefined) parts.push(`never below ${limit.min}`);
  if (limit.max !== undefined) parts.push(`never above ${limit.max}`);
  if (limit.exclude?.length) parts.push(`rules out ${limit.exclude.join(', ')}`);
  return parts.join('; ');
}

/**
 * Asking a sealed party for its consent to unseal, in one click: the request travels as a caucus
 * note to that party alone (no protocol addition); the party answers with its own "Unseal" button.
 */
function askToUnseal(view, ctx) {
  if (!ctx?.send || ctx.readOnly) return null;
  const sealed = view.parties.filter((p) => !p.unsealed && !p.erased && p.interestsVersion > 0);
  if (!sealed.length) return null;
  return h('div', { class: 'row wrap', data: { askUnseal: '' } }, sealed.map((p) => h('button', { type: 'button', data: { askUnsealOf: p.name, key: `ask-unseal-${p.name}` },
    on: { click: () => ctx.send({ type: 'note', to: p.name, text: 'The mediator asks for your consent to unseal your interests: mediators would then see your weights, walk-away point and scores (the other parties never do). If you agree, press "Unseal my interests for mediators" under Parties; if not, nothing changes.' },
      `Asked ${nameOf(view, p.name)} for consent to unseal, in a private note.`) } }, `Ask ${nameOf(view, p.name)} to unseal`)));
}

export function renderUnsealed(container, view, ctx) {
  const entries = Object.entries(view.interests ?? {});
  if (!view.agenda || !entries.length) {
    return replace(container, h('p', { class: 'muted', text: 'No party has unsealed its interests. A party can choose to let mediators see them.' }), askToUnseal(view, ctx));
  }
  replace(container, askToUnseal(view, ctx), entries.map(([party, i]) => h('div', { class: 'scroll', data: { unsealedParty: party } },
    h('table', {},
      h('caption', { text: `${nameOf(view, party)}: floor ${percent(i.floor)}${Number.isInteger(i.aspiration) ? `, aspiration ${percent(i.aspiration)}` : ''}` }),
      h('thead', {}, h('tr', {}, ['Issue', 'Weight', 'Values', 'Limits'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, view.agenda.issues.map((issue) => h('tr', {},
        h('th', { scope: 'row', text: issue.label }),
        h('td', { text: String(i.weights?.[issue.id] ?? 0) }),
        h('td', { text: valuesText(i.values?.[issue.id]) }),
        h('td', { text: limitText(i.limits?.[issue.id]) }))))))));
}
