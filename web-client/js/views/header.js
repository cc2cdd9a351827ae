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

/**
 * "Go there": the card to answer when there is one (the person lands on its buttons), else the
 * step's section.
 */
export function goTo(next) {
  const card = next.target ? document.querySelector(next.target) : null;
  if (!card) return goToStep(next.step);
  const section = card.closest('section.step');
  if (section?.hidden) section.hidden = false;
  card.scrollIntoView({ block: 'center' });
  if (!card.hasAttribute('tabindex')) card.setAttribute('tabindex', '-1');
  card.focus({ preventScroll: true });
}

/** Whether any party turned `ref` down: a package someone rejected cannot become the agreement as it stands. */
function rejectedBy(view, ref) {
  return Object.entries(view.answers[ref] ?? {}).filter(([, answer]) => answer === 'rejected').map(([party]) => party);
}

/** The mediator's latest private note to this party, while the party has done nothing since. */
function unreadCaucusNote(view) {
  const note = [...view.notes].reverse().find((n) => n.party === 'mediator' && n.to === view.role && n.text !== undefined);
  return note && note.seq > (view.actedSeq ?? 0) ? note : null;
}

function quoted(text) {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}…` : flat;
}

/** Which steps are done, and the one a person is on. */
export function stepStates(view) {
  const me = view.parties.find((p) => p.name === view.role);
  const done = {
    agenda: Boolean(view.agenda),
    interests: view.role === 'mediator' ? view.parties.every((p) => !needsInterests(view, p)) : !needsInterests(view, me),
    // a round that proposed nothing did not do this step; answering a proposal or moving on did
    proposals: view.proposals.length > 0
      && (view.proposals.some((p) => view.answers[p.ref]?.[view.role]) || view.offers.length > 0 || Boolean(view.agreement)),
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
    return { text: `${who(view, openAmendment.party)} proposed adding ${amendmentWords(view, openAmendment)} to the agenda: answer it`, step: 'agenda',
      target: `[data-amendment="${openAmendment.ref}"]` };
  }
  if (!party) {
    if (view.agreement) {
      // the room's improvement on the agreement waits on the parties: the session is not over yet
      const better = view.improvements?.find((i) => i.improves === view.agreement.ref && refStatus(view, i.ref) === 'open');
      const waiting = better ? view.parties.map((p) => p.name).filter((p) => view.answers[better.ref]?.[p] !== 'accepted') : [];
      if (waiting.length) {
        return { text: `The room found ${better.ref}, better for every party than the agreement on ${view.agreement.ref}; it waits on ${waiting.map((p) => nameOf(view, p)).join(' and ')}`,
          step: 'proposals' };
      }
      return { text: `Agreement reached on ${view.agreement.ref}: review the session analysis`, step: 'agreement' };
    }
    const missing = view.parties.filter((p) => needsInterests(view, p)).map((p) => nameOf(view, p.name));
    if (missing.length) return { text: `Waiting for ${missing.join(' and ')} to enter interests. You can write to a party in private meanwhile.` };
    // a mediator does not answer an amendment, but the room waits on it: say on whom
    const amendment = view.amendments.find((a) => a.status === 'proposed');
    if (amendment) {
      const waiting = view.parties.map((p) => p.name).filter((p) => p !== amendment.party && view.answers[amendment.ref]?.[p] !== 'accepted');
      return { text: `${who(view, amendment.party)} proposed adding ${amendmentWords(view, amendment)} to the agenda; it waits on ${waiting.map((p) => nameOf(view, p)).join(' and ')}`,
        step: 'agenda', target: `[data-amendment="${amendment.ref}"]` };
    }
    if (view.zopa === false) {
      return { text: `Round ${view.round} found no package every party can accept: ask each party in private whether its walk-away point can move, or what could be added to the agenda`,
        step: 'offers', target: '[data-note-text]' };
    }
    return { text: 'Follow the offers; suggest a package or write to a party in private when they are stuck', step: 'offers' };
  }
  const me = view.parties.find((p) => p.name === view.role);
  if (!me?.interestsVersion) return { text: 'Enter your interests: what matters to you, and your walk-away point', step: 'interests' };
  if (needsInterests(view, me)) return { text: 'The agenda changed: review your interests for the new issues, then submit them again', step: 'interests' };
  const waiting = [...view.offers, ...view.suggestions].reverse()
    .find((o) => o.party !== view.role && refStatus(view, o.ref) === 'open' && !view.answers[o.ref]?.[view.role]);
  if (waiting) {
    const verb = waiting.kind === 'trade' ? 'proposed the trade' : waiting.kind === 'suggestion' ? 'suggested' : 'offered';
    return { text: `${nameOf(view, waiting.party)} ${verb} ${waiting.ref}: answer it`, step: 'offers', target: `[data-offer="${waiting.ref}"]` };
  }
  const note = unreadCaucusNote(view);
  if (note) {
    return { text: `The mediator wrote to you in private: "${quoted(note.text)}"`, step: 'offers', target: `[data-event-log] [data-seq="${note.seq}"]` };
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
  return withSafeOffers(view, betweenAnswers(view));
}

/** Before an agreement, once nothing waits on this party: what the round and its own moves leave to do. */
function betweenAnswers(view) {
  const since = view.roundSeq ?? 0;
  const mine = view.offers.filter((o) => o.party === view.role && o.seq > since && refStatus(view, o.ref) === 'open' && !rejectedBy(view, o.ref).length);
  if (mine.length) {
    const latest = mine[mine.length - 1];
    const others = view.parties.filter((p) => p.name !== view.role && view.answers[latest.ref]?.[p.name] !== 'accepted').map((p) => nameOf(view, p.name));
    if (others.length) {
      return { text: `Waiting for ${others.join(' and ')} to answer your ${latest.kind === 'trade' ? 'trade' : 'offer'} ${latest.ref}`, step: 'offers', target: `[data-offer="${latest.ref}"]` };
    }
  }
  const open = view.proposals.filter((p) => refStatus(view, p.ref) === 'open');
  const live = open.filter((p) => !rejectedBy(view, p.ref).length);
  const movedSince = view.offers.some((o) => o.party === view.role && o.seq > since);
  const unanswered = live.filter((p) => !view.answers[p.ref]?.[view.role]);
  if (!movedSince && live.length && unanswered.length === live.length) {
    return live.length === 1
      ? { text: `The room proposes ${live[0].ref}: accept it or make an offer`, step: 'proposals', target: `[data-proposal="${live[0].ref}"]` }
      : { text: `${live.length} proposals: compare them, then accept one or make an offer`, step: 'proposals' };
  }
  if (!movedSince && open.length && !live.length) {
    const by = [...new Set(open.flatMap((p) => rejectedBy(view, p.ref)))].map((name) => who(view, name));
    return { text: `${by.join(' and ')} rejected ${open.length === 1 ? `the room's proposal ${open[0].ref}` : 'every proposal of the room'}: make an offer or a conditional trade`, step: 'offers' };
  }
  return { text: 'Make an offer or a conditional trade, or wait for the others to answer', step: 'offers' };
}

/** Beside a public round, a party's safe offers are folded under the offers: the advice points at them. */
function withSafeOffers(view, next) {
  const safe = view.zopa === true ? openSafeOffers(view).length : 0;
  if (!safe) return next;
  return { ...next, text: `${next.text}. You also have ${safe === 1 ? 'a safe offer' : `${safe} safe offers`} only you can see, under Offers and trades` };
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
  if (el.dataset.text === next.text && el.dataset.step === (next.step ?? '') && el.dataset.target === (next.target ?? '')) return;
  el.dataset.text = next.text;
  el.dataset.step = next.step ?? '';
  el.dataset.target = next.target ?? '';
  replace(el,
    h('span', { class: 'next-label', text: 'Next: ' }),
    h('strong', { data: { nextText: '' }, text: next.text }),
    next.step ? h('button', { type: 'button', class: 'primary small', data: { key: 'next-go', nextGo: next.step }, on: { click: () => goTo(next) } }, 'Go there') : null);
}
