// A mediator's session report, to print or save as PDF and file: the timeline with its reasons,
// each party's moves, the agreement in force with its terms and what it replaced, the joint gain
// in plain words, and the log's head hash with how to check it. Built from the same figures as
// the analysis (docs/analysis.md); on screen it stays hidden, printing shows it alone.
import { h, replace } from '../dom.js';
import { nameOf, packageLine, percent, points, privacyName } from '../format.js';
import { describe } from './log.js';
import { analysisBody, duration } from './analysis.js';
import { termsList } from './common.js';

function stamp(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** The joint gain in one paragraph a reader without the table follows. */
function gainWords(view, a) {
  const g = a.jointGain;
  if (!g) return 'No comparison: there is no agreement, or no party unsealed its interests.';
  const scores = (row) => g.parties.map((p) => `${nameOf(view, p)} ${percent(row.utilities[p])}`).join(', ');
  const parts = [`The agreement in force (${g.agreement.ref}) scores ${scores(g.agreement)}.`];
  if (!g.complete) return `${parts[0]} The parties together cannot be compared: not every party unsealed.`;
  for (const f of g.firstOffers) {
    parts.push(`Against ${nameOf(view, f.party)}'s first position ${f.ref}, the agreement gives the parties together ${points(f.gain)}.`);
  }
  parts.push(`Against the middle package (every issue at its middle option), it gives them together ${points(g.split.gain)}.`);
  return parts.join(' ');
}

function agreementPart(view, a) {
  const agreed = a.agreement;
  if (!agreed) return h('p', { text: 'No agreement was reached.' });
  const replaced = a.agreements.filter((x) => x.replacedBy);
  return [
    h('p', { data: { reportAgreement: agreed.ref } }, h('strong', { text: `Agreement in force: ${agreed.ref}` }),
      `, reached at event ${agreed.seq} (${stamp(agreed.at)}), ${duration(agreed.millisFromStart)} after the room opened.`),
    h('p', { text: view.agenda ? packageLine(view.agenda, agreed.package) : '' }),
    h('h4', { text: 'Contingent terms' }),
    termsList(agreed.terms),
    replaced.map((x) => h('p', { data: { reportReplaced: x.ref }, text: `It replaced the agreement on ${x.ref} (event ${x.seq}, ${stamp(x.at)}): every party accepted the room's improvement, which keeps the replaced agreement's contingent terms.` })),
  ];
}

/** Fills the report element from the analysis, the room view and the events this mediator holds. */
export function renderReport(el, analysis, view, events) {
  const a = analysis.data;
  if (!a) return replace(el, h('p', { text: 'The analysis is still loading.' }));
  const names = view.parties.map((p) => nameOf(view, p.name)).join(' and ');
  replace(el,
    h('h1', { text: `Session report: ${view.title}` }),
    h('p', { text: `Parties: ${names}. Privacy level: ${privacyName(view.privacy?.band ?? 2000)}. ${events.length} events${events.length ? `, from ${stamp(events[0].at)} to ${stamp(events[events.length - 1].at)}` : ''}.` }),
    h('h2', { text: 'Timeline' }),
    h('ol', { class: 'report-timeline', data: { reportTimeline: '' } }, events.map((e) => h('li', { value: e.seq },
      h('span', { class: 'muted', text: `${stamp(e.at)} ` }), describe(e, { ...view, role: 'report' })))),
    h('h2', { text: 'The agreement' }),
    agreementPart(view, a),
    h('h2', { text: 'What the agreement gained' }),
    h('p', { data: { reportGain: '' }, text: gainWords(view, a) }),
    h('h2', { text: 'Moves and figures' }),
    analysisBody(view, a),
    h('h2', { text: 'Checking this report' }),
    h('p', {}, 'Room log head hash: ', h('code', { class: 'hash', data: { reportHead: '' }, text: a.head })),
    h('p', { text: 'Download the room\'s log and run: java -jar room-server.jar verify FILE. The head hash it prints must be the one above; replay FILE prints the same timeline and figures.' }));
}
