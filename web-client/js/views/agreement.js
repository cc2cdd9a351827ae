// The agreement: the package, my outcome, the Markdown export, and the concession log
// (per move, what each side gave and got, in the seeds' form).
import { h, replace } from '../dom.js';
import { OUTCOME_WORDS, nameOf, optionText, percent, points, privacyName, refWords } from '../format.js';
import { valueOf } from '../utility.js';
import { limitNote, packageList, termsList, utilityLines } from './common.js';

function changes(agenda, from, to) {
  return agenda.issues.filter((i) => from && to && i.id in to && from[i.id] !== to[i.id]);
}

function moveText(issue, pkg) {
  return `${issue.label} → ${optionText(issue, pkg[issue.id])}`;
}

function triggerText(terms) {
  return terms?.length ? terms.map((t) => `If ${t.if}, then ${t.then}`).join('; ') : '—';
}

/**
 * One row per move (offer or trade), seen from the viewer's side. A trade says itself what
 * its author gives and gets; for a plain offer, the issues it changed against its author's
 * previous move count as given or got by what they are worth to the viewer.
 */
export function concessionRows(view) {
  const agenda = view.agenda;
  const me = view.role;
  const mine = view.role !== 'mediator' ? view.interests : null;
  const previousBy = {};
  const rows = [];
  for (const o of view.offers) {
    let base;
    let give = [];
    let get = [];
    if (o.kind === 'trade') {
      base = view.packages[o.on];
      const g = agenda.issues.filter((i) => o.give && i.id in o.give).map((i) => moveText(i, o.give));
      const n = agenda.issues.filter((i) => o.get && i.id in o.get).map((i) => moveText(i, o.get));
      if (me === 'mediator') [give, get] = [g, n];
      else if (o.party === me) [give, get] = [g, n];
      else [give, get] = [n, g];
    } else {
      base = previousBy[o.party];
      for (const issue of changes(agenda, base?.package, o.package)) {
        const text = `${issue.label}: ${optionText(issue, base.package[issue.id])} → ${optionText(issue, o.package[issue.id])}`;
        if (!mine) give.push(text);
        else {
          const w = mine.weights?.[issue.id] ?? 0;
          const d = w * (valueOf(issue, o.package[issue.id], mine) - valueOf(issue, base.package[issue.id], mine));
          (d < 0 ? give : get).push(text);
        }
      }
    }
    previousBy[o.party] = o;
    let value;
    if (me === 'mediator') {
      const names = Object.keys(o.utilities ?? {});
      value = names.length
        ? names.map((n) => `${nameOf(view, n)}: ${percent(o.utilities[n])}${base?.utilities?.[n] !== undefined ? ` (${points(o.utilities[n] - base.utilities[n])})` : ''}`).join('; ')
        : 'hidden until a party unseals';
    } else {
      value = `${percent(o.utility)}${Number.isInteger(base?.utility) ? ` (${points(o.utility - base.utility)})` : ''}`;
    }
    const item = o.kind === 'trade'
      ? `${o.ref}: trade by ${nameOf(view, o.party)} on ${o.on}`
      : base ? `${o.ref}: offer by ${nameOf(view, o.party)}, revising ${base.ref}` : `${o.ref}: opening offer by ${nameOf(view, o.party)}`;
    rows.push({ ref: o.ref, party: o.party, item, give, get, value, trigger: triggerText(o.terms) });
  }
  return rows;
}

function concessionLog(view) {
  const rows = concessionRows(view);
  if (!rows.length) return h('p', { class: 'muted', text: 'No moves yet.' });
  const mediator = view.role === 'mediator';
  const cell = (list) => (list.length ? list.map((t) => h('span', { class: 'block', text: t })) : '—');
  return h('div', { class: 'scroll' },
    h('table', { class: 'concessions', data: { concessionLog: '' } },
      h('caption', { text: mediator ? 'Concession log: what each author gave and got' : 'Concession log: what you gave and got, move by move' }),
      h('thead', {}, h('tr', {},
        ['Item', mediator ? 'Author gives' : 'You give', mediator ? 'Author gets' : 'You get', mediator ? 'Value to unsealed parties' : 'Value to you', 'Trigger or contingency']
          .map((t) => h('th', { scope: 'col', text: t })))),
      // data-col names each cell: on a phone the rows stack and each cell says which column it is
      h('tbody', {}, rows.map((r) => h('tr', { data: { move: r.ref } },
        h('th', { scope: 'row', text: r.item }),
        h('td', { data: { col: mediator ? 'Author gives' : 'You give' } }, cell(r.give)),
        h('td', { data: { col: mediator ? 'Author gets' : 'You get' } }, cell(r.get)),
        h('td', { data: { col: 'Value' }, text: r.value }),
        h('td', { data: { col: 'Trigger' }, text: r.trigger }))))));
}

function outcomeBlock(view, a) {
  if (view.role === 'mediator') {
    const names = Object.keys(a.outcomes ?? a.utilities ?? {});
    if (!names.length) return h('p', { class: 'muted', text: 'Outcomes are hidden until the parties unseal their interests.' });
    return h('ul', {}, names.map((n) => h('li', { data: { outcomeOf: n }, text: `${nameOf(view, n)}: ${percent(a.utilities?.[n])}, ${a.outcomes?.[n] ?? ''}` })));
  }
  return h('p', { class: `outcome ${a.outcome}`, data: { outcome: a.outcome } },
    'Your outcome: ', h('strong', { text: OUTCOME_WORDS[a.outcome] ?? a.outcome }),
    `, with a score of ${percent(a.utility)}.`);
}

/** The agreement an accepted improvement replaced, or undefined. */
function replacedBy(view, a) {
  return view.improvements?.find((i) => i.ref === a.ref)?.improves;
}

function dateTime(iso) {
  if (!iso) return 'time not recorded';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' })} (${d.toISOString().replace('.000Z', 'Z')})`;
}

/**
 * The agreement as a document both sides can file: who, what, when each accepted, under which
 * privacy level, and how to check it against the room's log. It names no private figure (no
 * score, no outcome): those stay in the party's own copy on screen.
 */
function agreementDocument(view, a, head) {
  const parties = view.parties.map((p) => p.name);
  const names = parties.map((p) => nameOf(view, p));
  const accepted = view.acceptedAt?.[a.ref] ?? {};
  return h('article', { class: 'agreement-document', data: { agreementDocument: '' } },
    h('h3', { class: 'document-title', text: `Agreement: ${view.title}` }),
    h('p', { data: { documentParties: '' }, text: `Between ${names.join(' and ')}.` }),
    h('h4', { text: 'Terms' }),
    packageList(view.agenda, a.package, { data: { agreedPackage: '' } }),
    h('h4', { text: 'Contingent terms' }),
    termsList(a.terms),
    replacedBy(view, a) ? h('p', { data: { documentReplaces: '' }, text: `This agreement improves on the agreement on ${replacedBy(view, a)}, which it replaces: every party preferred its package, and its contingent terms are kept.` }) : null,
    h('h4', { text: 'Accepted' }),
    h('ul', { data: { acceptedTimes: '' } }, parties.map((p) => h('li', { data: { acceptedBy: p }, text: `${nameOf(view, p)}: ${dateTime(accepted[p] ?? a.at)}` }))),
    h('p', { text: `Agreement reached ${dateTime(a.at)}.` }),
    h('p', { data: { documentPrivacy: '' }, text: `Privacy level of the room: ${privacyName(view.privacy?.band ?? 2000)}. No walk-away point or other private figure of a party is part of this document.` }),
    h('p', {}, 'Room log head hash: ', h('code', { class: 'hash', data: { documentHead: '' }, text: head ?? 'loading…' })),
    h('p', { class: 'small', text: 'To check this agreement, download the room\'s log and run: java -jar room-server.jar verify FILE. The head hash it prints must be the one above.' }),
    h('div', { class: 'signatures' }, names.map((n) => h('p', { class: 'signature', text: `Signed for ${n}: ______________________   Date: ____________` }))));
}

let markdownUrl = null;
let markdownAskedFor = null;

/** What the agreed package was, in words, with parties by their display names. */
function agreedOn(view, a) {
  const entry = view.packages?.[a.ref];
  if (entry?.kind === 'trade') return `conditional trade by ${nameOf(view, entry.party)} on ${refWords(entry.on)}`;
  if (entry?.kind === 'offer') return `offer by ${nameOf(view, entry.party)}`;
  if (entry?.kind === 'suggestion') return 'suggested by the mediator';
  if (entry?.kind === 'improvement') return 'an improvement the room found on the earlier agreement';
  return 'a proposal of the room';
}

function markdownHref(md) {
  if (markdownUrl?.text !== md) {
    if (markdownUrl) URL.revokeObjectURL(markdownUrl.href);
    markdownUrl = { text: md, href: URL.createObjectURL(new Blob([md], { type: 'text/markdown' })) };
  }
  return markdownUrl.href;
}

export function renderAgreement(container, view, ctx, store) {
  if (!view.agenda) return replace(container);
  const a = view.agreement;
  const parts = [];
  if (!a) {
    parts.push(h('p', { class: 'muted', data: { noAgreement: '' }, text: 'No agreement yet. An agreement is reached when every party accepts the same package.' }));
  } else {
    parts.push(
      h('p', { class: 'agreed screen-only', data: { agreement: a.ref } }, h('strong', { text: `Agreement reached on ${a.ref}` }), ` (${agreedOn(view, a)})`,
        replacedBy(view, a) ? `. It replaced the agreement on ${replacedBy(view, a)}, keeping its contingent terms.` : ''),
      agreementDocument(view, a, store?.head?.hash),
      h('div', { class: 'screen-only', data: { privateCopy: '' } },
      h('h3', { text: 'Your own copy (private, not printed)' }),
      outcomeBlock(view, a),
      // "not-lose" speaks of the walk-away point only: a broken limit must be said beside it
      limitNote(view, a.package, a.ref),
      view.role === 'mediator' ? h('p', {}, 'Scores: ', utilityLines(view, a)) : null,
      a.improvable === true && view.improvements?.some((i) => i.improves === a.ref)
        ? h('p', { class: 'notice', text: 'An acceptable package exists that every party prefers to this one; the room proposes it under "Better for everyone than the agreement".' })
        : a.improvable === true
          ? null
          : a.improvable === false
          ? h('p', { text: 'No acceptable package is better for every party: nothing was left on the table.' })
          : null));
    if (!ctx.readOnly) {
      // a Markdown export of an agreement an improvement replaced is stale: ask again, show only the fresh one
      const fresh = store.markdown?.agreementSeq === a.seq;
      if (store.markdown && !fresh && markdownAskedFor !== a.seq) {
        markdownAskedFor = a.seq;
        ctx.exportMarkdown();
      }
      const md = fresh ? store.markdown.text : null;
      parts.push(h('div', { class: 'export screen-only' },
        h('button', { type: 'button', class: 'primary', data: { key: 'print', printAgreement: '' }, on: { click: () => { document.body.classList.remove('print-report'); window.print(); } } }, 'Print or save as PDF'),
        h('button', { type: 'button', data: { key: 'export-md', exportMarkdown: '' }, on: { click: () => ctx.exportMarkdown() } }, 'Export as Markdown'),
        ctx.downloadLog ? h('button', { type: 'button', data: { key: 'agreement-log', agreementLog: '' }, on: { click: () => ctx.downloadLog() } }, 'Download the log to verify') : null,
        md ? [
          h('a', { href: markdownHref(md), download: `agreement-${store.roomId}.md`, data: { downloadMarkdown: '' }, text: 'Download agreement.md' }),
          h('pre', { class: 'markdown', tabindex: 0, 'aria-label': 'The agreement in Markdown', data: { markdown: '' }, text: md }),
        ] : null));
    }
  }
  // a mediator reads the concession log in the session analysis: show it once. Folded: it is
  // read when looking back, and the step stays short enough to find the agreement in it
  const moves = view.role !== 'mediator' ? concessionRows(view).length : 0;
  if (moves) {
    parts.push(h('details', { class: 'screen-only concessions-fold', data: { concessionFold: '' } },
      h('summary', { text: `Concession log: what you gave and got (${moves === 1 ? '1 move' : `${moves} moves`})` }), concessionLog(view)));
  }
  replace(container, ...parts);
}

/** The banner over the room once there is an agreement: what was agreed, and where to read it. */
export function renderAgreementBanner(el, view, goToAgreement) {
  const a = view.agreement;
  el.hidden = !a;
  if (!a) return replace(el);
  el.dataset.bannerOutcome = view.role === 'mediator' ? '' : a.outcome ?? '';
  const outcome = view.role === 'mediator' ? null : OUTCOME_WORDS[a.outcome];
  replace(el,
    h('p', {}, h('strong', { text: `Agreement reached on ${a.ref}.` }),
      outcome ? ` For you: ${outcome}.` : ' Every party accepted the same package.'),
    // not primary: the Next box holds the one next action (an improvement, or the analysis)
    h('button', { type: 'button', class: 'small', data: { key: 'banner-read', bannerRead: '' }, on: { click: goToAgreement } }, 'Read the agreement'));
}
