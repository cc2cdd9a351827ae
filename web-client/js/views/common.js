// Pieces several views share: a package as a definition list, answer buttons, utilities.
import { h } from '../dom.js';
import { optionText, percent, points } from '../format.js';

export function packageList(agenda, pkg, extra = {}) {
  return h('dl', { class: 'package', ...extra },
    agenda.issues.map((issue) => [h('dt', { text: issue.label }), h('dd', { text: optionText(issue, pkg?.[issue.id]) })]));
}

export function termsList(terms) {
  if (!terms || terms.length === 0) return h('p', { class: 'muted', text: 'No contingent terms.' });
  return h('ul', { class: 'terms' }, terms.map((t) => h('li', {}, h('span', { class: 'if', text: `If ${t.if}` }), ', then ', h('span', { text: t.then }))));
}

/** Who has answered a ref, in words: "buyer accepted · seller rejected". */
export function answersText(view, ref) {
  const answers = view.answers?.[ref] ?? {};
  const parts = Object.entries(answers).map(([party, a]) => `${party} ${a}`);
  return parts.length ? parts.join(' · ') : 'No answers yet';
}

/** "73.75 % (18.25 points above your floor)" pieces for a party. */
export function myStanding(view, utility) {
  const mine = view.interests;
  const out = [];
  if (utility === undefined || utility === null) return out;
  if (mine && Number.isInteger(mine.floor)) {
    const d = utility - mine.floor;
    out.push(d >= 0 ? `${points(d).slice(1)} above your floor` : `${points(d).slice(1)} below your floor`);
  }
  if (mine && Number.isInteger(mine.aspiration)) {
    const d = utility - mine.aspiration;
    out.push(d >= 0 ? `meets your aspiration (${points(d)})` : `${points(d).slice(1)} short of your aspiration`);
  }
  return out;
}

/** The utilities a viewer may see for an entry: its own, or the unsealed parties' (mediator). */
export function utilityLines(view, entry) {
  if (view.role === 'mediator') {
    const us = entry.utilities ?? {};
    const names = Object.keys(us);
    if (names.length === 0) return [h('span', { class: 'muted', text: 'Hidden until a party unseals' })];
    return names.map((n) => h('span', { class: 'utility', data: { utilityOf: n }, text: `${n}: ${percent(us[n])}` }));
  }
  return [h('strong', { class: 'utility', data: { myUtility: entry.ref ?? '' }, text: percent(entry.utility) })];
}

/** Accept / Reject buttons for a party, or its current answer. */
export function answerButtons(ctx, view, ref) {
  if (ctx.readOnly || view.role === 'mediator') return null;
  const mine = view.answers?.[ref]?.[view.role];
  const status = mine ? h('span', { class: `answer ${mine}`, text: mine === 'accepted' ? 'You accepted' : 'You rejected' }) : null;
  return h('div', { class: 'answer-buttons' },
    status,
    mine !== 'accepted'
      ? h('button', { type: 'button', class: 'primary', data: { key: `accept-${ref}`, accept: ref }, on: { click: () => ctx.send({ type: 'accept', ref }, `You accepted ${ref}.`) } }, `Accept ${ref}`)
      : null,
    mine !== 'rejected'
      ? h('button', { type: 'button', data: { key: `reject-${ref}`, reject: ref }, on: { click: () => ctx.send({ type: 'reject', ref }, `You rejected ${ref}.`) } }, `Reject ${ref}`)
      : null);
}
