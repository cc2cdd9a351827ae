// The room's proposals as a MESO grid (Offer A | Offer B | Offer C), each with my utility,
// where it stands against my floor and aspiration, and why it was chosen.
import { h, replace, s } from '../dom.js';
import { mesoName, nameOf, percent, ruleWords } from '../format.js';
import { answerButtons, answersText, limitNote, myStanding, packageList, termsList, utilityLines } from './common.js';
import { narrowingPanel, safeOffersSection } from './privacy.js';
import { refStatus } from '../reduce.js';

const RULE_SHORT = {
  balanced: 'The balanced point: good for every party at once, and no package is better for all.',
  frontier: 'Acceptable to all, and no acceptable package is better for everyone.',
  improvement: 'Better for every party than the agreement.',
};

/** My score as a bar from 0 to 100, marked with my walk-away point and aspiration. */
export function scoreBar(view, utility) {
  const mine = view.interests;
  if (!Number.isInteger(utility)) return null;
  const x = (bp) => bp / 100;
  const marks = [];
  const words = [`your score ${percent(utility)}`];
  if (Number.isInteger(mine?.floor)) {
    marks.push(s('line', { x1: x(mine.floor), x2: x(mine.floor), y1: 0, y2: 14, class: 'mark floor' }));
    words.push(`walk-away point ${percent(mine.floor)}`);
  }
  if (Number.isInteger(mine?.aspiration)) {
    marks.push(s('line', { x1: x(mine.aspiration), x2: x(mine.aspiration), y1: 0, y2: 14, class: 'mark aspiration' }));
    words.push(`aspiration ${percent(mine.aspiration)}`);
  }
  const below = Number.isInteger(mine?.floor) && utility < mine.floor;
  return s('svg', { class: 'score-bar', viewBox: '0 0 100 14', preserveAspectRatio: 'none', role: 'img', 'aria-label': words.join(', ') },
    s('rect', { x: 0, y: 3, width: 100, height: 8, class: 'track' }),
    s('rect', { x: 0, y: 3, width: x(utility), height: 8, class: below ? 'fill below' : 'fill' }),
    marks);
}

function card(view, ctx, entry, name) {
  const isParty = view.role !== 'mediator';
  return h('article', { class: 'card meso-card', data: { proposal: entry.ref } },
    h('h3', {}, name, ' ', h('small', { class: 'muted', text: `(${entry.ref})` })),
    packageList(view.agenda, entry.package),
    entry.terms?.length ? [h('h4', { text: 'Contingent terms (kept from the agreement)' }), termsList(entry.terms)] : null,
    h('p', { class: 'emph' }, isParty ? 'Your score: ' : 'Scores: ', utilityLines(view, entry)),
    isParty ? scoreBar(view, entry.utility) : null,
    isParty ? h('p', { class: 'muted' }, myStanding(view, entry.utility).join('; ') || '–') : null,
    limitNote(view, entry.package, entry.ref),
    h('p', { class: 'reason', text: RULE_SHORT[entry.rule] ?? ruleWords(entry.rule) }),
    Object.keys(view.answers?.[entry.ref] ?? {}).length ? h('p', { class: 'answers', text: answersText(view, entry.ref) }) : null,
    ctx.readOnly || !isParty ? null : answerButtons(ctx, view, entry.ref, /^Proposal [A-Z]/.exec(name)?.[0] ?? entry.ref),
    // a proposal is a starting point too: one click opens the offer form on it
    !ctx.readOnly && isParty && ctx.counter && refStatus(view, entry.ref) === 'open'
      ? h('button', { type: 'button', data: { key: `counter-${entry.ref}`, counter: entry.ref }, on: { click: () => ctx.counter(entry.ref) } }, 'Change it into my offer')
      : null);
}

function grid(view, ctx, entries, caption, names) {
  return h('section', { class: 'meso', data: { meso: '' }, 'aria-label': caption },
    h('div', { class: 'meso-cards' }, entries.map((e, i) => card(view, ctx, e, names[i]))));
}

/** What chance and the middle of everything would give the party, to judge the proposals against. */
function yardsticks(view) {
  const own = view.role !== 'mediator' ? view.yardsticks : null;
  if (!Number.isInteger(own?.random) || !Number.isInteger(own?.middle)) return null;
  return h('p', { data: { yardsticks: '' }, text: `To compare: a package picked at random gives you ${percent(own.random)} on average, the middle package (every issue at its middle option) ${percent(own.middle)}.` });
}

function fairness(view, entries) {
  const rules = [...new Set(entries.map((e) => e.rule))];
  // folded: read once, while the cards are compared every time
  return h('details', { class: 'fairness builder', data: { fairness: '' } },
    h('summary', { text: 'Why these packages: the fairness story' }),
    h('ul', {}, rules.map((r) => h('li', { text: ruleWords(r) }))),
    yardsticks(view),
    h('p', { text: 'Walk-away points and limits only rule packages in or out; the room never splits the difference between them.' }));
}

export function renderProposals(container, view, ctx) {
  if (!view.agenda) return replace(container);
  const parts = [];
  if (!view.round) {
    const missing = view.parties.filter((p) => !p.interestsVersion).map((p) => nameOf(view, p.name));
    parts.push(h('p', { data: { noProposals: '' }, text: missing.length
      ? `The room proposes packages once every party has submitted its interests. Still waiting for: ${missing.join(', ')}.`
      : 'The room proposes packages once every party has submitted its interests.' }));
  } else if (view.zopa === false) {
    const safe = safeOffersSection(view, ctx, view.roundSafeOffers, view.roundSeq ?? 0);
    const mine = view.role !== 'mediator' && safe !== null;
    parts.push(h('p', { class: mine ? '' : 'notice', data: { noZopa: '' } },
      mine
        ? `Round ${view.round}: the room found no package it can show everyone. It found some only you can see, below. `
        : `Round ${view.round}: no package clears every party's walk-away point and limits. The room says only that, never how far apart anyone is. `,
      mine ? '' : 'Each party can revisit its walk-away point and limits and submit again; a new round follows once every party has.',
      view.coarsened && !mine ? ' To keep walk-away points private, the room rounds each one up before it looks, so a narrow zone can stay hidden from everyone. What only one party can see (its safe offers), or a party letting the room see its walk-away point more finely, can still find it.' : ''),
    safe,
    view.role !== 'mediator' && !mine && !view.agreement ? narrowingPanel(view, ctx, { prominent: true }) : null);
  } else {
    const entries = view.proposals;
    const round = [
      h('p', { text: `Round ${view.round}: ${entries.length === 1 ? 'one package' : `${entries.length} packages`} every party can accept, as alternatives: pick one, or start an offer from one. ${mesoName(0)} is the one the room recommends.${view.role !== 'mediator' ? ' Red mark: your walk-away point; green dots: your aspiration.' : ''}` }),
      grid(view, ctx, entries, `Round ${view.round} proposals`, entries.map((e, i) => (i === 0 ? `${mesoName(i)} (recommended)` : mesoName(i)))),
      fairness(view, entries)];
    // once there is an agreement the round is done: folded, so what is new (improvements) leads
    parts.push(view.agreement
      ? h('details', { class: 'builder', data: { doneRound: '' } }, h('summary', { text: `Round ${view.round}: the room's ${entries.length === 1 ? 'proposal' : `${entries.length} proposals`}, before the agreement` }), round)
      : round);
  }
  if (view.improvements?.length) {
    const entries = view.improvements;
    parts.push(
      h('h3', { text: 'Better for everyone than the agreement' }),
      grid(view, ctx, entries, 'Post-settlement improvements', entries.map((e) => `Improvement ${e.ref} on ${e.improves ?? 'the agreement'}`)),
      h('p', { class: 'fairness', text: ruleWords('improvement') + ' If every party accepts it, it replaces the agreement, keeping its contingent terms.' }));
  }
  const looked = view.improvementRound;
  if (looked && view.agreement && looked.improves === view.agreement.ref) {
    if (!looked.refs.length) {
      const safe = safeOffersSection(view, ctx, looked.safeOffers, looked.seq, { improvement: true });
      // the search runs after every agreement, found or not: finding nothing is no bad news
      parts.push(safe
        ? h('p', { class: 'muted', data: { noImprovement: '' }, text: 'No improvement on your agreement was found that the room can show everyone. It found some only you can see, below.' })
        : h('p', { class: 'muted', data: { noImprovement: '' }, text: 'No improvement on your agreement was found that clears everyone\'s limits for sure.' }),
      safe);
    } else {
      parts.push(safeOffersSection(view, ctx, looked.safeOffers, looked.seq, { improvement: true }));
    }
  }
  replace(container, ...parts);
}
