// Pieces several views share: a package as a definition list, answer buttons, utilities.
import { h } from '../dom.js';
import { nameOf, optionText, percent, points } from '../format.js';
import { refStatus } from '../reduce.js';
import { limitBreaches } from '../utility.js';

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
  const reasons = view.reasons?.[ref] ?? {};
  const parts = Object.entries(answers).map(([party, a]) => `${party === view.role ? 'You' : nameOf(view, party)} ${a}${a === 'rejected' && reasons[party] ? ` (why: ${reasons[party]})` : ''}`);
  return parts.length ? parts.join(' · ') : 'No answers yet';
}

/** "73.75 % (18.25 points above your walk-away point)" pieces for a party. */
export function myStanding(view, utility) {
  const mine = view.interests;
  const out = [];
  if (utility === undefined || utility === null) return out;
  if (mine && Number.isInteger(mine.floor)) {
    const d = utility - mine.floor;
    out.push(d >= 0 ? `${points(d).slice(1)} above your walk-away point` : `${points(d).slice(1)} below your walk-away point`);
  }
  if (mine && Number.isInteger(mine.aspiration)) {
    const d = utility - mine.aspiration;
    out.push(d >= 0 ? `meets your aspiration (${points(d)})` : `${points(d).slice(1)} short of your aspiration`);
  }
  return out;
}

/** What of a package lies outside the viewer's own hard limits, in words; empty for a mediator or within limits. */
export function myBreaches(view, pkg) {
  if (view.role === 'mediator' || !view.interests?.limits || !pkg || !view.agenda) return [];
  return limitBreaches(view.agenda, view.interests, pkg);
}

/** A warning on a card whose package breaks one of the viewer's own limits: the server never stops a party accepting it. */
export function limitNote(view, pkg, ref) {
  const breaches = myBreaches(view, pkg);
  return breaches.length
    ? h('p', { class: 'warning', data: { limitBreach: ref ?? '' }, text: `Outside your own limits: ${breaches.join('; ')}.` })
    : null;
}

/** The utilities a viewer may see for an entry: its own, or the unsealed parties' (mediator). */
export function utilityLines(view, entry) {
  if (view.role === 'mediator') {
    const us = entry.utilities ?? {};
    const names = Object.keys(us);
    if (names.length === 0) return [h('span', { class: 'muted', text: 'Hidden until a party unseals' })];
    return names.map((n) => h('span', { class: 'utility', data: { utilityOf: n }, text: `${nameOf(view, n)}: ${percent(us[n])}` }));
  }
  return [h('strong', { class: 'utility', data: { myUtility: entry.ref ?? '' }, text: percent(entry.utility) })];
}

// Rejection forms a person opened, with what they typed: views are rebuilt on every event,
// and an arriving event must not close the form or lose the reason.
const rejecting = new Map();

const CLOSED_WORDS = {
  agreed: 'Agreed: this is the agreement.',
  withdrawn: 'Withdrawn by its author: it can no longer be accepted.',
  stale: 'Made on an earlier agenda: it can no longer be accepted.',
  superseded: 'Closed: an agreement was reached after it.',
};

/**
 * Accept / Reject (with an optional reason) for a party, or why the ref cannot be answered
 * any more. While the socket is down the buttons are disabled: a click would only fail.
 */
/** Accept / reject for a ref; `label` is what the buttons call it (a proposal's letter name, else its ref). */
export function answerButtons(ctx, view, ref, label = ref) {
  if (ctx.readOnly || view.role === 'mediator') return null;
  const mine = view.answers?.[ref]?.[view.role];
  const state = refStatus(view, ref);
  if (state !== 'open') {
    return h('p', { class: `ref-closed ${state}`, data: { closed: ref, state }, text: CLOSED_WORDS[state] });
  }
  const offline = !ctx.live?.();
  const status = mine ? h('span', { class: `answer ${mine}`, text: mine === 'accepted' ? 'You accepted' : 'You rejected' }) : null;
  const reasonId = `reason-${ref}`;
  const reasonForm = h('form', { class: 'reject-form', hidden: !rejecting.has(ref), data: { rejectForm: ref }, on: { submit: async (e) => {
    e.preventDefault();
    const reason = (rejecting.get(ref) ?? '').trim();
    const command = reason ? { type: 'reject', ref, reason } : { type: 'reject', ref };
    if (await ctx.send(command, `You rejected ${ref}.`)) rejecting.delete(ref);
  } } },
  h('label', { for: reasonId, text: 'Why? (optional, everyone sees it)' }),
  h('input', { id: reasonId, name: 'reason', type: 'text', maxlength: 500, value: rejecting.get(ref) ?? '', data: { key: `reason-${ref}`, rejectReason: ref },
    on: { input: (e) => rejecting.set(ref, e.target.value) } }),
  h('button', { type: 'submit', disabled: offline, data: { key: `confirm-reject-${ref}`, confirmReject: ref } }, `Send rejection of ${label}`));
  return h('div', { class: 'answer-buttons' },
    status,
    mine !== 'accepted'
      ? h('button', { type: 'button', class: 'primary', disabled: offline, title: offline ? 'Not connected' : undefined, data: { key: `accept-${ref}`, accept: ref },
          on: { click: () => {
            // the server never stops a party accepting below its own walk-away point or outside
            // its own limits: the app asks once
            const u = view.packages?.[ref]?.utility;
            const floor = view.interests?.floor;
            const doubts = myBreaches(view, view.packages?.[ref]?.package);
            if (Number.isInteger(u) && Number.isInteger(floor) && u < floor) doubts.unshift(`it scores ${percent(u)} for you, below your walk-away point of ${percent(floor)}`);
            if (doubts.length && !confirm(`${ref}: ${doubts.join('; ')}. Accept it anyway?`)) return;
            ctx.send({ type: 'accept', ref }, `You accepted ${ref}.`);
          } } }, `Accept ${label}`)
      : null,
    mine !== 'rejected'
      ? h('button', { type: 'button', disabled: offline, 'aria-expanded': String(rejecting.has(ref)), data: { key: `reject-${ref}`, reject: ref }, on: { click: (e) => {
          const open = reasonForm.hidden;
          reasonForm.hidden = !open;
          if (open) rejecting.set(ref, rejecting.get(ref) ?? ''); else rejecting.delete(ref);
          e.currentTarget.setAttribute('aria-expanded', String(open));
          if (open) reasonForm.querySelector('input').focus();
        } } }, `Reject ${label}…`)
      : null,
    mine !== 'rejected' ? reasonForm : null);
}
