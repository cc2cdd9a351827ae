// The room's proposals as a MESO grid (Offer A | Offer B | Offer C), each with my utility,
// where it stands against my floor and aspiration, and why it was chosen.
import { h, replace } from '../dom.js';
import { mesoName, optionText, ruleWords } from '../format.js';
import { answerButtons, answersText, myStanding, utilityLines } from './common.js';

function grid(view, ctx, entries, caption, names) {
  const agenda = view.agenda;
  const isParty = view.role !== 'mediator';
  const row = (header, cells, attrs = {}) =>
    h('tr', attrs, h('th', { scope: 'row', text: header }), cells.map((c) => h('td', {}, c)));
  return h('div', { class: 'scroll' },
    h('table', { class: 'meso', data: { meso: '' } },
      h('caption', { text: caption }),
      h('thead', {}, h('tr', {},
        h('td', {}),
        entries.map((e, i) => h('th', { scope: 'col', data: { proposal: e.ref } },
          h('span', { class: 'block', text: names[i] }),
          h('small', { text: `ref ${e.ref}` }))))),
      h('tbody', {},
        agenda.issues.map((issue) => row(issue.label, entries.map((e) => optionText(issue, e.package[issue.id])))),
        row(isParty ? 'Your utility' : 'Utilities (unsealed parties)', entries.map((e) => utilityLines(view, e)), { class: 'emph' }),
        isParty
          ? row('Against your floor and aspiration', entries.map((e) => {
              const lines = myStanding(view, e.utility);
              return lines.length ? lines.map((l) => h('span', { class: 'block', text: l })) : h('span', { class: 'muted', text: '–' });
            }))
          : null,
        row('How it was found', entries.map((e) => h('span', { text: e.rule === 'balanced' ? 'Balanced point' : e.rule === 'frontier' ? 'Drawn from the frontier' : e.rule === 'improvement' ? 'Post-settlement improvement' : e.rule }))),
        row('Answers', entries.map((e) => answersText(view, e.ref))),
        ctx.readOnly || !isParty ? null : row('Your answer', entries.map((e) => answerButtons(ctx, view, e.ref))))));
}

function fairness(entries) {
  const rules = [...new Set(entries.map((e) => e.rule))];
  return h('div', { class: 'fairness', data: { fairness: '' } },
    h('h3', { text: 'Why these packages: the fairness story' }),
    h('ul', {}, rules.map((r) => h('li', { text: ruleWords(r) }))),
    h('p', { text: 'Nobody\'s floor decided which of these you see: a floor or limit only rules a package in or out, and the room never splits the difference between floors.' }));
}

export function renderProposals(container, view, ctx) {
  if (!view.agenda) return replace(container);
  const parts = [];
  if (!view.round) {
    const missing = view.parties.filter((p) => !p.interestsVersion).map((p) => p.name);
    parts.push(h('p', { data: { noProposals: '' }, text: missing.length
      ? `The room proposes packages once every party has submitted its interests. Still waiting for: ${missing.join(', ')}.`
      : 'The room proposes packages once every party has submitted its interests.' }));
  } else if (view.zopa === false) {
    parts.push(h('p', { class: 'notice', data: { noZopa: '' } },
      `Round ${view.round}: no package clears every party's floor and limits. The room says only that, never how far apart anyone is. `,
      'Each party can revisit its floor and limits and submit again; a new round follows once every party has.'));
  } else {
    const entries = view.proposals;
    parts.push(
      h('p', { text: `Round ${view.round}: ${entries.length === 1 ? 'one package' : `${entries.length} packages`} that every party can accept, side by side. ${mesoName(0)} is the recommended split.` }),
      grid(view, ctx, entries, `Round ${view.round} proposals`, entries.map((e, i) => (i === 0 ? `${mesoName(i)} (recommended)` : mesoName(i)))),
      fairness(entries));
  }
  if (view.improvements?.length) {
    const entries = view.improvements;
    parts.push(
      h('h3', { text: 'Better for everyone than the agreement' }),
      grid(view, ctx, entries, 'Post-settlement improvements', entries.map((e) => `Improvement ${e.ref} on ${e.improves ?? 'the agreement'}`)),
      h('p', { class: 'fairness', text: ruleWords('improvement') + ' If every party accepts it, it replaces the agreement.' }));
  }
  replace(container, ...parts);
}
