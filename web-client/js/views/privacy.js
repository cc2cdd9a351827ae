// Privacy that still finds the deal: the room's level in the header, a party's safe offers
// (packages only it sees, that clear its own walk-away point and certainly everyone else's),
// and the choice to narrow its own band. Words follow docs/privacy.md.
import { h, replace, uid } from '../dom.js';
import { bandWords, nameOf, packageLine, percent, privacyName } from '../format.js';
import { packageList, myStanding, termsList } from './common.js';
import { scoreBar } from './proposals.js';

// The views are rebuilt on every event: what a person opened or picked must survive that.
const narrowing = { open: false, chosen: null };
const safeOpen = new Set(); // the rounds (by seq) whose folded safe offers a person opened

/** The bands a party may narrow to, finest last; each must be below the band it has now. */
const NARROWER = [1000, 500, 0];

/** The band a party's walk-away point is shown at from the next round on. */
export function bandOf(view, party) {
  const narrowed = view.narrowed?.[party];
  const level = view.privacy?.band ?? 2000;
  return Number.isInteger(narrowed) ? Math.min(narrowed, level) : level;
}

/** The room's level, as every role sees it in the header. */
export function renderPrivacyLevel(el, view) {
  if (!view.agenda) return replace(el);
  const band = view.privacy?.band ?? 2000;
  const narrowed = Object.entries(view.narrowed ?? {})
    .map(([party, b]) => `${party === view.role ? 'You' : nameOf(view, party)} chose ${b === 0 ? 'exact' : `${b / 100} points`}`);
  replace(el,
    h('span', { class: 'badge privacy', text: `Privacy: ${privacyName(band)}` }), ' ',
    band === 0
      ? 'Walk-away points are used exactly: the others may work them out.'
      : `The others can tell a walk-away point only to within ${band / 100} points of 100.`,
    narrowed.length ? ` ${narrowed.join('. ')}.` : '');
}

function samePackage(agenda, a, b) {
  return agenda.issues.every((i) => String(a?.[i.id]) === String(b?.[i.id]));
}

/** The viewer's own offer of this package made since the round, if any: a safe offer sent once is on the table. */
function offeredAs(view, safe, since) {
  return view.offers.find((o) => o.kind === 'offer' && o.party === view.role && o.seq > since && !o.withdrawn
    && samePackage(view.agenda, o.package, safe.package));
}

/** The viewer's safe offers of the latest round that it has not yet put on the table. */
export function openSafeOffers(view) {
  if (view.role === 'mediator' || !Array.isArray(view.roundSafeOffers)) return [];
  return view.roundSafeOffers.filter((s) => !offeredAs(view, s, view.roundSeq ?? 0));
}

/** The viewer's safe improvements on the agreement in force that it has not yet put on the table. */
export function openSafeImprovements(view) {
  const looked = view.improvementRound;
  if (view.role === 'mediator' || !view.agreement || looked?.improves !== view.agreement.ref || !Array.isArray(looked.safeOffers)) return [];
  return looked.safeOffers.filter((s) => !offeredAs(view, s, looked.seq));
}

function safeCard(view, ctx, safe, i, since, improvement) {
  const offered = offeredAs(view, safe, since);
  const send = async () => {
    const command = { type: 'offer', package: safe.package };
    if (safe.terms?.length) command.terms = safe.terms;
    await ctx.send(command, 'Your offer is on the table. The others see only that you would accept it.');
  };
  return h('article', { class: 'card meso-card safe-card', data: { safeOffer: i } },
    h('h3', { text: `${improvement ? 'Safe improvement' : 'Safe offer'} ${i + 1}` }),
    packageList(view.agenda, safe.package),
    safe.terms?.length ? [h('h4', { text: 'Contingent terms (kept from the agreement)' }), termsList(safe.terms)] : null,
    h('p', { class: 'emph' }, 'Your score: ', h('strong', { class: 'utility', text: percent(safe.utility) })),
    scoreBar(view, safe.utility),
    h('p', { class: 'muted', text: myStanding(view, safe.utility).join('; ') || '–' }),
    ctx.readOnly ? null : offered
      ? h('p', { class: 'answer accepted', data: { safeOffered: offered.ref }, text: `You offered this as ${offered.ref}.` })
      : h('button', { type: 'button', class: 'primary', disabled: !ctx.live?.(), data: { key: `safe-${improvement ? 'i' : 'r'}-${i}`, offerSafe: i },
          on: { click: send } }, 'Offer this'));
}

/**
 * A party's safe offers of a round (or of an improvement round), or a mediator's by unsealed
 * party; null when there are none to show.
 */
export function safeOffersSection(view, ctx, safeOffers, since, { improvement = false, collapsed = false } = {}) {
  if (!safeOffers) return null;
  if (view.role === 'mediator') {
    const parties = Object.entries(safeOffers).filter(([, list]) => list?.length);
    if (!parties.length) return null;
    return h('section', { class: 'safe-offers', data: { safeOffers: 'mediator' }, 'aria-label': 'Safe offers of unsealed parties' },
      h('h3', { text: improvement ? 'Safe improvements of parties that unsealed' : 'Safe offers of parties that unsealed' }),
      h('p', { class: 'muted', text: 'Each party sees only its own: packages that clear its walk-away point and certainly the others\'. Scores are that party\'s.' }),
      h('ul', {}, parties.map(([party, list]) => h('li', { data: { safeOffersOf: party } },
        h('strong', { text: nameOf(view, party) }), ': ',
        list.map((s, i) => h('span', { class: 'block', text: `${packageLine(view.agenda, s.package)} (${percent(s.utility)})${i < list.length - 1 ? ';' : ''}` }))))));
  }
  if (!Array.isArray(safeOffers) || !safeOffers.length) return null;
  const title = `${improvement ? 'Safe improvements' : 'Safe offers'}, for you `;
  const explain = h('p', { class: 'safe-explain', text: 'Only you can see these: they clear your walk-away point and certainly the other side\'s. Offering one tells them only that you would accept it.' });
  const cards = h('div', { class: 'meso-cards' }, safeOffers.map((s, i) => safeCard(view, ctx, s, i, since, improvement)));
  if (collapsed) {
    return h('details', { class: 'safe-offers private', open: safeOpen.has(since), data: { safeOffers: 'mine' },
      on: { toggle: (e) => { if (e.currentTarget.open) safeOpen.add(since); else safeOpen.delete(since); } } },
    h('summary', {}, `${improvement ? 'Safe improvements' : 'Safe offers'} only you can see (${safeOffers.length}) `, h('span', { class: 'badge', text: 'private' })), explain, cards);
  }
  return h('section', { class: 'safe-offers private', data: { safeOffers: 'mine' }, 'aria-labelledby': 'safe-offers-title' },
    h('h3', { id: 'safe-offers-title' }, title, h('span', { class: 'badge', text: 'private' })), explain, cards);
}

/**
 * The choice to narrow one's own band: what the others could then tell, that they see the
 * choice itself, that it holds for the rest of the room. `prominent` after a round that
 * showed this party nothing.
 */
export function narrowingPanel(view, ctx, { prominent }) {
  if (view.role === 'mediator' || ctx.readOnly || !view.agenda) return null;
  const band = bandOf(view, view.role);
  const choices = NARROWER.filter((b) => b < band);
  const now = h('p', { data: { myBand: band }, text: band === 0
    ? 'Now your walk-away point is used exactly: the others could work it out from what the room proposes.'
    : `Now the others can tell your walk-away point only to within ${band / 100} points.` });
  if (!choices.length) {
    return prominent ? null : h('div', { class: 'narrowing done', data: { narrowing: '' } }, now);
  }
  const name = uid('band');
  if (!choices.includes(narrowing.chosen)) narrowing.chosen = choices[0];
  const sendIt = async () => {
    const chosen = narrowing.chosen;
    const what = chosen === 0 ? 'use your walk-away point exactly' : `hide your walk-away point only within ${chosen / 100} points`;
    if (!confirm(`From the next round the room will ${what}. Everyone sees that you chose this, and it cannot be undone. Go ahead?`)) return;
    await ctx.send({ type: 'narrowPrivacy', band: chosen },
      'Done: from the next round your walk-away point is shown more finely. A new round comes once every party has submitted its interests again.');
  };
  const body = [
    h('p', { text: prominent
      ? 'Nothing cleared everyone for sure this round. To keep walk-away points private, the room rounds each one up before it looks, which can hide a deal that is only just there. You can let it round yours less:'
      : 'To keep your walk-away point private, the room rounds it up before it looks. You can let it round yours less, which can find a deal the rounding hides:' }),
    now,
    h('ul', { class: 'plain' }, choices.map((b) => {
      const id = uid('narrow');
      return h('li', { class: 'choice' },
        h('input', { id, type: 'radio', name, value: String(b), checked: b === narrowing.chosen, data: { key: `narrow-${b}`, narrowTo: b }, on: { change: () => { narrowing.chosen = b; } } }),
        h('label', { for: id }, h('strong', { text: b === 0 ? 'Exact: ' : `${b / 100} points: ` }), `${bandWords(b)}.`));
    })),
    h('p', { class: 'muted', text: 'The others will see that you made this choice (never your walk-away point itself). It applies from the next round, which comes once every party has submitted its interests again, and it holds for the rest of the room.' }),
    h('p', {}, h('button', { type: 'button', class: prominent ? 'primary' : '', disabled: !ctx.live?.(), data: { key: 'narrow', narrowPrivacy: '' }, on: { click: sendIt } }, 'Let the room see it more finely')),
  ];
  return prominent
    ? h('section', { class: 'narrowing prominent', data: { narrowing: 'prominent' }, 'aria-labelledby': 'narrow-title' },
        h('h3', { id: 'narrow-title', text: 'Let the room see your walk-away point more finely?' }), body)
    : h('details', { class: 'narrowing', open: narrowing.open, data: { narrowing: '' }, on: { toggle: (e) => { narrowing.open = e.currentTarget.open; } } },
        h('summary', { text: 'Privacy of your walk-away point' }), body);
}
