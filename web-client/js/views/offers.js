// Offers and conditional trades: the ones on the table, with my utility for each, and a
// builder for a new offer or an "if I give X, I need Y" trade on top of a package.
import { h, replace, uid } from '../dom.js';
import { nameOf, optionText, optionsOf, packageLine, percent } from '../format.js';
import { limitBreaches, utilityOf } from '../utility.js';
import { answerButtons, answersText, limitNote, myStanding, packageList, termsList, utilityLines } from './common.js';
import { refStatus } from '../reduce.js';
import { scoreBar } from './proposals.js';
import { safeOffersSection } from './privacy.js';

/** "gives Support: 1 year; gets Payment plan: upfront" */
export function tradeWords(agenda, offer) {
  const part = (partial) => agenda.issues.filter((i) => partial && i.id in partial).map((i) => `${i.label} → ${optionText(i, partial[i.id])}`).join(', ');
  return { give: part(offer.give) || 'nothing', get: part(offer.get) || 'nothing' };
}

function heading(view, offer) {
  const by = offer.party === view.role ? 'you' : nameOf(view, offer.party);
  if (offer.kind === 'trade') return `${offer.ref}: conditional trade by ${by} on ${offer.on}`;
  if (offer.kind === 'suggestion') return `${offer.ref}: suggestion by the mediator`;
  return `${offer.ref}: offer by ${by}`;
}

function offerCard(view, ctx, offer) {
  const agenda = view.agenda;
  const mine = offer.party === view.role;
  const words = offer.kind === 'trade' ? tradeWords(agenda, offer) : null;
  const open = refStatus(view, offer.ref) === 'open';
  const party = view.role !== 'mediator' && !ctx.readOnly;
  const live = ctx.live?.();
  return h('article', { class: `card offer ${offer.kind}${mine ? ' mine' : ''}`, data: { offer: offer.ref } },
    h('h3', { text: heading(view, offer) }),
    words ? h('p', { class: 'trade-words', text: `"If I give ${words.give}, I need ${words.get}." — ${nameOf(view, offer.party)}` }) : null,
    offer.kind === 'suggestion' && offer.text ? h('p', { class: 'trade-words', text: `"${offer.text}" — mediator` }) : null,
    packageList(agenda, offer.package),
    offer.terms?.length ? [h('h4', { text: 'Contingent terms' }), termsList(offer.terms)] : null,
    h('p', { class: 'emph' }, view.role === 'mediator' ? 'Scores: ' : 'Your score: ', utilityLines(view, offer)),
    view.role !== 'mediator' ? scoreBar(view, offer.utility) : null,
    view.role !== 'mediator' ? h('p', { class: 'muted', text: myStanding(view, offer.utility).join('; ') }) : null,
    limitNote(view, offer.package, offer.ref),
    h('p', { class: 'answers', text: answersText(view, offer.ref) }),
    answerButtons(ctx, view, offer.ref),
    party && open && !mine && offer.kind !== 'suggestion' && ctx.counter
      ? h('button', { type: 'button', data: { key: `counter-${offer.ref}`, counter: offer.ref }, on: { click: () => ctx.counter(offer.ref) } }, `Counter ${offer.ref}`)
      : null,
    party && open && !mine && ctx.tradeOn
      ? h('button', { type: 'button', data: { key: `trade-on-${offer.ref}`, tradeOnOffer: offer.ref }, on: { click: () => ctx.tradeOn(offer.ref) } }, `Trade on ${offer.ref}`)
      : null,
    party && open && mine && offer.kind !== 'suggestion'
      ? h('button', { type: 'button', class: 'danger', disabled: !live, data: { key: `withdraw-${offer.ref}`, withdraw: offer.ref },
          on: { click: () => ctx.send({ type: 'withdraw', ref: offer.ref }, `You withdrew ${offer.ref}.`) } }, `Withdraw ${offer.ref}`)
      : null);
}

/** Offers, trades and mediator suggestions as one thread, oldest first, as a conversation reads. */
export function renderOffers(container, view, ctx) {
  if (!view.agenda) return replace(container);
  // beside a public round, safe offers are one more way to make an offer: folded here, so the
  // round's packages keep the proposals step (after an empty round they lead it instead)
  const safe = view.zopa === true && !view.agreement
    ? safeOffersSection(view, ctx, view.roundSafeOffers, view.roundSeq ?? 0, { collapsed: true })
    : null;
  const thread = [...view.offers, ...(view.suggestions ?? [])].sort((a, b) => a.seq - b.seq);
  if (!thread.length) {
    return replace(container, safe, h('p', { class: 'muted', data: { noOffers: '' }, text: 'No offers or trades yet.' }));
  }
  replace(container, safe, h('div', { class: 'thread' }, thread.map((o) => offerCard(view, ctx, o))));
}

/** The package refs a trade can build on, newest first. */
function refsOnTable(view) {
  return Object.values(view.packages).sort((a, b) => b.seq - a.seq);
}

/** The newest package still open that another party put on the table, else the newest of all: what a trade usually answers. */
function newestToAnswer(view) {
  const refs = refsOnTable(view).filter((p) => refStatus(view, p.ref) === 'open');
  return refs.find((p) => p.party && p.party !== view.role) ?? refs[0];
}

function termsEditor() {
  const terms = [];
  const list = h('ol', { class: 'terms-editor' });
  const root = h('fieldset', { class: 'terms' }, h('legend', { text: 'Contingent terms (optional, up to 10)' }),
    h('small', { class: 'block', text: 'Safeguards that travel with the package into the agreement, e.g. if uptime is below 99.5 % in a month, then a 10 % service credit.' }),
    list);
  const addButton = h('button', { type: 'button', data: { addTerm: '' } }, 'Add a contingent term');
  function draw() {
    replace(list, terms.map((t, i) => {
      const ifId = uid('if');
      const thenId = uid('then');
      return h('li', { class: 'row wrap' },
        h('div', { class: 'field' }, h('label', { for: ifId, text: `If (term ${i + 1})` }),
          h('input', { id: ifId, type: 'text', maxlength: 500, value: t.if, data: { termIf: i }, on: { input: (e) => { t.if = e.target.value; } } })),
        h('div', { class: 'field' }, h('label', { for: thenId, text: `Then (term ${i + 1})` }),
          h('input', { id: thenId, type: 'text', maxlength: 500, value: t.then, data: { termThen: i }, on: { input: (e) => { t.then = e.target.value; } } })),
        h('div', { class: 'field end' }, h('button', { type: 'button', class: 'danger', on: { click: () => { terms.splice(i, 1); draw(); } } }, `Remove term ${i + 1}`)));
    }));
    addButton.disabled = terms.length >= 10;
  }
  addButton.addEventListener('click', () => {
    terms.push({ if: '', then: '' });
    draw();
    list.querySelector(`[data-term-if="${terms.length - 1}"]`)?.focus();
  });
  root.append(addButton);
  draw();
  return {
    el: root,
    value: () => terms.map((t) => ({ if: t.if.trim(), then: t.then.trim() })).filter((t) => t.if || t.then),
    problems: () => (terms.some((t) => (t.if.trim() === '') !== (t.then.trim() === '')) ? ['Each contingent term needs both an "if" and a "then".'] : []),
    clear: () => { terms.length = 0; draw(); },
  };
}

export function issueSelect(issue, { blank, onChange, key, labelText }) {
  const id = uid('sel');
  const options = optionsOf(issue);
  const select = h('select', { id, data: key, on: { change: onChange } },
    blank ? h('option', { value: '', text: blank }) : null,
    options.map((o, k) => h('option', { value: String(k), text: optionText(issue, o) })));
  return { el: h('div', { class: 'field' }, h('label', { for: id, text: labelText }), select), select, read: () => (select.value === '' ? undefined : options[Number(select.value)]) };
}

/** The builder: a new offer, or a conditional trade on a package on the table. */
export function mountOfferBuilder(root, ctx) {
  let view = null;
  let built = false;
  let builtFor = null;
  let offerSelects;
  let startSelect;
  let onSelect;
  let giveSelects;
  let getSelects;
  let offerTerms;
  let tradeTerms;
  let offerPreview;
  let tradePreview;
  // whether the person chose what the trade builds on: until then it follows the newest package
  let onChosen = false;

  function myUtilityText(pkg) {
    if (!view.interests) return 'Submit your interests to see your score for it.';
    const u = utilityOf(view.agenda, view.interests, pkg);
    const standing = myStanding(view, u);
    return `Your score: ${percent(u)}${standing.length ? ` (${standing.join('; ')})` : ''}.`;
  }

  /** A package of one's own outside one's own walk-away terms deserves a warning before it goes out. */
  function ownLimitWarning(pkg) {
    if (!view.interests || !pkg) return null;
    const breaches = limitBreaches(view.agenda, view.interests, pkg);
    const u = utilityOf(view.agenda, view.interests, pkg);
    if (u < (view.interests.floor ?? 0)) breaches.push('its score is below your walk-away point');
    return breaches.length
      ? h('p', { class: 'warning', data: { limitWarning: '' }, text: `Careful: you would not accept this yourself. ${breaches.join('; ')}.` })
      : null;
  }

  function offerPackage() {
    return Object.fromEntries(view.agenda.issues.map((issue) => [issue.id, offerSelects[issue.id].read()]));
  }

  function tradeParts() {
    const give = {};
    const get = {};
    for (const issue of view.agenda.issues) {
      const g = giveSelects[issue.id].read();
      const n = getSelects[issue.id].read();
      if (g !== undefined) give[issue.id] = g;
      if (n !== undefined) get[issue.id] = n;
    }
    const base = view.packages[onSelect.value];
    return { base, give, get, result: base ? { ...base.package, ...give, ...get } : null };
  }

  function refreshPreviews() {
    const offer = offerPackage();
    replace(offerPreview, h('p', { text: myUtilityText(offer) }), ownLimitWarning(offer));
    const { base, result, give, get } = tradeParts();
    if (!base) {
      replace(tradePreview, h('p', { text: 'Choose a package to build on.' }));
      return;
    }
    const overlap = Object.keys(give).filter((k) => k in get);
    // nothing given or asked for yet: the result is someone else's package, not a proposal of
    // this person's, so no warning about it
    const proposing = Object.keys(give).length > 0 || Object.keys(get).length > 0;
    replace(tradePreview, overlap.length
      ? h('p', { text: 'An issue cannot be both given and asked for.' })
      : [h('p', { text: `Result: ${packageLine(view.agenda, result)}. ${myUtilityText(result)}${Number.isInteger(base.utility) ? ` Before: ${percent(base.utility)}.` : ''}` }),
        proposing ? ownLimitWarning(result) : null]);
  }

  function fillOffer(pkg) {
    for (const issue of view.agenda.issues) {
      const k = optionsOf(issue).findIndex((o) => o === pkg?.[issue.id]);
      if (k >= 0) offerSelects[issue.id].select.value = String(k);
    }
    refreshPreviews();
  }

  function refOptions(select, keepBlank) {
    const previous = select.value;
    replace(select,
      keepBlank ? h('option', { value: '', text: keepBlank }) : null,
      refsOnTable(view).map((p) => h('option', { value: p.ref, text: `${p.ref} (${p.kind === 'proposal' ? `round ${p.round} proposal` : p.kind === 'trade' ? `trade by ${nameOf(view, p.party)}` : p.kind === 'offer' ? `offer by ${nameOf(view, p.party)}` : p.kind})` })));
    if ([...select.options].some((o) => o.value === previous)) select.value = previous;
  }

  async function sendOffer(e) {
    e.preventDefault();
    const problems = offerTerms.problems();
    if (problems.length) return ctx.say(problems.join(' '), 'error');
    const command = { type: 'offer', package: offerPackage() };
    const terms = offerTerms.value();
    if (terms.length) command.terms = terms;
    if (await ctx.send(command, 'Your offer is on the table.')) {
      offerTerms.clear();
      // done: the form folds away, the offer shows in the thread
      root.querySelector('[data-offer-builder]').open = false;
    }
  }

  async function sendTrade(e) {
    e.preventDefault();
    const { base, give, get } = tradeParts();
    const problems = [...tradeTerms.problems()];
    if (!base) problems.push('Choose the package the trade builds on.');
    if (!Object.keys(give).length || !Object.keys(get).length) problems.push('Say what you give and what you need in return.');
    if (Object.keys(give).some((k) => k in get)) problems.push('An issue cannot be both given and asked for.');
    if (problems.length) return ctx.say(problems.join(' '), 'error');
    const command = { type: 'trade', on: base.ref, give, get };
    const terms = tradeTerms.value();
    if (terms.length) command.terms = terms;
    if (await ctx.send(command, 'Your conditional trade is on the table.')) {
      tradeTerms.clear();
      root.querySelector('[data-trade-builder]').open = false;
      for (const s of [...Object.values(giveSelects), ...Object.values(getSelects)]) s.select.value = '';
      onChosen = false;
      const newest = newestToAnswer(view);
      if (newest) onSelect.value = newest.ref;
      refreshPreviews();
    }
  }

  function build() {
    const agenda = view.agenda;
    offerSelects = {};
    giveSelects = {};
    getSelects = {};
    offerTerms = termsEditor();
    tradeTerms = termsEditor();
    offerPreview = h('div', { class: 'preview', 'aria-live': 'polite', data: { offerPreview: '' } });
    tradePreview = h('div', { class: 'preview', 'aria-live': 'polite', data: { tradePreview: '' } });
    const startId = uid('start');
    startSelect = h('select', { id: startId, data: { offerStart: '' }, on: { change: () => fillOffer(view.packages[startSelect.value]?.package) } });
    const onId = uid('on');
    onSelect = h('select', { id: onId, data: { tradeOn: '' }, on: { change: () => { onChosen = true; refreshPreviews(); } } });
    for (const issue of agenda.issues) {
      offerSelects[issue.id] = issueSelect(issue, { labelText: issue.label, key: { offerIssue: issue.id }, onChange: refreshPreviews });
      giveSelects[issue.id] = issueSelect(issue, { labelText: issue.label, blank: 'no change', key: { give: issue.id }, onChange: refreshPreviews });
      getSelects[issue.id] = issueSelect(issue, { labelText: issue.label, blank: 'no change', key: { get: issue.id }, onChange: refreshPreviews });
    }
    replace(root,
      h('details', { class: 'builder', data: { offerBuilder: '' } },
        h('summary', { text: 'Make an offer' }),
        h('form', { on: { submit: sendOffer } },
          h('div', { class: 'field' }, h('label', { for: startId, text: 'Start from a package on the table (optional)' }), startSelect),
          h('fieldset', {}, h('legend', { text: 'Your package' }), h('div', { class: 'row wrap' }, Object.values(offerSelects).map((s) => s.el))),
          offerPreview,
          offerTerms.el,
          h('p', {}, h('button', { type: 'submit', class: 'primary', data: { sendOffer: '' } }, 'Put this offer on the table')))),
      h('details', { class: 'builder', data: { tradeBuilder: '' } },
        h('summary', { text: 'Propose a conditional trade' }),
        h('form', { on: { submit: sendTrade } },
          h('p', { text: '"If I give X, I need Y": a move on one issue in exchange for a move on another, on top of a package already on the table. You accept the result; it binds only if the others accept it too.' }),
          h('div', { class: 'field' }, h('label', { for: onId, text: 'Build on' }), onSelect),
          h('fieldset', {}, h('legend', { text: 'If I give (I move these issues to…)' }), h('div', { class: 'row wrap' }, Object.values(giveSelects).map((s) => s.el))),
          h('fieldset', {}, h('legend', { text: 'I need (you move these issues to…)' }), h('div', { class: 'row wrap' }, Object.values(getSelects).map((s) => s.el))),
          tradePreview,
          tradeTerms.el,
          h('p', {}, h('button', { type: 'submit', class: 'primary', data: { sendTrade: '' } }, 'Propose this trade')))));
    built = true;
    onChosen = false;
    builtFor = agenda;
  }

  return {
    /** Opens the offer form on another party's package, to change what you cannot live with. */
    counter(ref) {
      const details = root.querySelector('[data-offer-builder]');
      if (!details || !view.packages[ref]) return;
      details.open = true;
      startSelect.value = ref;
      fillOffer(view.packages[ref].package);
      details.scrollIntoView({ block: 'start' });
      details.querySelector('select')?.focus({ preventScroll: true });
    },
    /** Opens the trade form built on `ref`: "if I give X, I need Y" on top of that package. */
    tradeOn(ref) {
      const details = root.querySelector('[data-trade-builder]');
      if (!details || !view.packages[ref]) return;
      details.open = true;
      onSelect.value = ref;
      onChosen = true;
      refreshPreviews();
      details.scrollIntoView({ block: 'start' });
      details.querySelector('[data-give]')?.focus({ preventScroll: true });
    },
    update(next) {
      view = next;
      if (!view.agenda || view.role === 'mediator' || ctx.readOnly) return replace(root);
      // an amended agenda has new issues: the form must offer them
      if (!built || builtFor !== view.agenda) build();
      refOptions(startSelect, '— choose —');
      refOptions(onSelect, null);
      if (!onChosen) {
        const newest = newestToAnswer(view);
        if (newest) onSelect.value = newest.ref;
      }
      refreshPreviews();
    },
  };
}
