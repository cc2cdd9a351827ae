// The sticky header's live parts: who is here, the negotiation's steps (as the seeds teach
// them: agenda -> interests -> proposals -> offers and trades -> agreement) and the one
// next action, in plain words.
import { h, replace } from '../dom.js';
import { needsInterests, refStatus } from '../reduce.js';
import { nameOf } from '../format.js';
import { openSafeImprovements, openSafeOffers } from './privacy.js';

export const STEPS = [
  { id: 'agenda', name: 'Agenda' },
  { id: 'interests', name: 'Your interests' },
  { id: 'proposals', name: 'Proposals' },
  { id: 'offers', name: 'Offers and trades' },
  { id: 'agreement', name: 'Agreement' },
];

/** Scrolls a step's section into view under the sticky header and moves focus to its heading. */
export function goToStep(id) {
  const section = document.getElementById(id === 'interests' && !document.querySelector('[data-interests-section]:not([hidden])') ? 'step-unsealed' : `step-${id}`);
  if (!section) return;
  section.scrollIntoView({ block: 'start' });
  const heading = section.querySelector('h2');
  heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
}

function who(view, name) {
  return name === view.role ? 'you' : nameOf(view, name);
}

function amendmentWords(view, a) {
  const added = a.changes.map((c) => (c.addIssue ? `"${c.addIssue.label}"` : `options to "${view.agenda.issues.find((i) => i.id === c.addOptions.issue)?.label ?? c.addOptions.issue}"`));
  return added.join(', ');
}

/** Which steps are done, and the one a person is on. */
export function stepStates(view) {
  const me = view.parties.find((p) => p.name === view.role);
  const done = {
    agenda: Boolean(view.agenda),
    interests: view.role === 'mediator' ? view.parties.every((p) => !needsInterests(view, p)) : !needsInterests(view, me),
    proposals: view.round > 0,
    offers: view.offers.length > 0,
    agreement: Boolean(view.agreement),
  };
  const current = view.agreement ? 'agreement' : STEPS.find((s) => s.id !== 'agenda' && !done[s.id])?.id ?? 'offers';
  return { done, current };
}

/**
 * The one thing to do now: {text, step}. Answers waiting on this party come first, then its
 * own missing input, then what it is waiting for.
 */
export function nextAction(view, connection) {
  if (!view.agenda) return { text: 'Loading the room…' };
  if (connection.state !== 'live') return { text: 'Reconnecting to the room: answers wait until it is back.' };
  const party = view.role !== 'mediator';
  const openAmendment = view.amendments.find((a) => a.status === 'proposed' && party && view.answers[a.ref]?.[view.role] !== 'accepted');
  if (openAmendment) {
    return { text: `${who(view, openAmendment.party)} proposed adding ${amendmentWords(view, openAmendment)} to the agenda: answer it`, step: 'agenda' };
  }
  if (!party) {
    if (view.agreement) return { text: `Agreement reached on ${view.agreement.ref}: review the session analysis`, step: 'agreement' };
    const missing = view.parties.filter((p) => needsInterests(view, p)).map((p) => nameOf(view, p.name));
    if (missing.length) return { text: `Waiting for ${missing.join(' and ')} to enter interests. You can write to a party in private meanwhile.` };
    return { text: 'Follow the offers; suggest a package or write to a party in private when they are stuck', step: 'offers' };
  }
  const me = view.parties.find((p) => p.name === view.role);
  if (!me?.interestsVersion) return { text: 'Enter your interests: what matters to you, and your walk-away point', step: 'interests' };
  if (needsInterests(view, me)) return { text: 'The agenda changed: review your interests for the new issues, then submit them again', step: 'interests' };
  const waiting = [...view.offers, ...view.suggestions].reverse()
    .find((o) => o.party !== view.role && refStatus(view, o.ref) === 'open' && !view.answers[o.ref]?.[view.role]);
  if (waiting) {
    const verb = waiting.kind === 'trade' ? 'proposed the trade' : waiting.kind === 'suggestion' ? 'suggested' : 'offered';
    return { text: `${nameOf(view, waiting.party)} ${verb} ${waiting.ref}: answer it`, step: 'offers' };
  }
  if (view.agreement) {
    const better = view.improvements?.find((i) => i.improves === view.agreement.ref && refStatus(view, i.ref) === 'open' && !view.answers[i.ref]?.[view.role]);
    if (better) return { text: `The room found ${better.ref}, better for every party than your agreement: compare it`, step: 'proposals' };
    if (openSafeImprovements(view).length) return { text: 'The room found improvements on your agreement that only you can see: look at them', step: 'proposals' };
    return { text: `Agreement reached on ${view.agreement.ref}: read it, then print or export it`, step: 'agreement' };
  }
  const missing = view.parties.filter((p) => needsInterests(view, p)).map((p) => nameOf(view, p.name));
  if (missing.length) return { text: `Waiting for ${missing.join(' and ')}'s interests. Meanwhile, check the agenda: is anything missing that could expand the pie?`, step: 'agenda' };
  if (view.zopa === false && openSafeOffers(view).length) {
    return { text: 'The room found packages only you can see that clear everyone\'s walk-away point for sure: offer one', step: 'proposals' };
  }
  if (view.zopa === false && !view.roundSafeOffers?.length) {
    return { text: 'No package clears everyone\'s walk-away point: revisit yours, let the room see it more finely, or add something to the agenda', step: 'proposals' };
  }
  const unanswered = view.proposals.filter((p) => !view.answers[p.ref]?.[view.role] && refStatus(view, p.ref) === 'open');
  if (unanswered.length === view.proposals.length && view.proposals.length) {
    return { text: `${view.proposals.length === 1 ? 'One proposal' : `${view.proposals.length} proposals`}: compare them, then accept one or make an offer`, step: 'proposals' };
  }
  return { text: 'Make an offer or a conditional trade, or wait for the others to answer', step: 'offers' };
}

export function renderPresence(el, view, presence) {
  if (!presence || !view.agenda) return replace(el);
  const here = view.parties.filter((p) => presence.parties[p.name]).map((p) => who(view, p.name));
  const away = view.parties.filter((p) => !presence.parties[p.name]).map((p) => nameOf(view, p.name));
  const mediators = presence.mediators === 1 ? '1 mediator' : `${presence.mediators} mediators`;
  replace(el,
    h('span', { class: 'here', data: { here: '' } }, 'Here now: ', h('strong', { text: here.length ? here.join(', ') : 'no party' }), presence.mediators ? ` · ${mediators}` : ''),
    away.length ? h('span', { class: 'away', text: ` · away: ${away.join(', ')}` }) : null);
}

export function renderSteps(el, view, connection) {
  if (!view.agenda) return replace(el);
  const { done } = stepStates(view);
  // the step a person is on is the one its next action points to
  const current = nextAction(view, connection).step ?? stepStates(view).current;
  replace(el, h('ol', {}, STEPS.map((step, i) => h('li', {},
    h('button', { type: 'button', class: `step-link${done[step.id] ? ' done' : ''}`, 'aria-current': step.id === current ? 'step' : undefined,
      data: { key: `step-${step.id}`, stepLink: step.id }, on: { click: () => goToStep(step.id) } },
    h('span', { class: 'step-no', 'aria-hidden': 'true', text: done[step.id] ? '✓' : String(i + 1) }),
    ` ${step.id === 'interests' && view.role === 'mediator' ? 'Interests' : step.name}`,
    done[step.id] ? h('span', { class: 'visually-hidden', text: ' (done)' }) : null)))));
}

export function renderNextAction(el, view, connection) {
  const next = nextAction(view, connection);
  // a live region: speak only when the advice changes, not on every event
  if (el.dataset.text === next.text && el.dataset.step === (next.step ?? '')) return;
  el.dataset.text = next.text;
  el.dataset.step = next.step ?? '';
  replace(el,
    h('span', { class: 'next-label', text: 'Next: ' }),
    h('strong', { data: { nextText: '' }, text: next.text }),
    next.step ? h('button', { type: 'button', class: 'primary small', data: { key: 'next-go', nextGo: next.step }, on: { click: () => goToStep(next.step) } }, 'Go there') : null);
}
