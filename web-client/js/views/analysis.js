// For a mediator: the session's analysis (GET /analysis, built by the server only from what
// this role may see) and the verifiable log to download and check offline. Every figure follows
// one rule (docs/analysis.md): a package is valued under the interests and on the agenda in force
// when it was put on the table, and a move's change is the sum of its listed lines.
import { h, replace } from '../dom.js';
import { nameOf, optionText, packageLine, percent, points } from '../format.js';

export function duration(ms) {
  if (ms === null || ms === undefined) return 'no agreement yet';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${(ms / 1000).toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor(s / 60) % 60} min`;
}

function issueOf(agenda, id) {
  return agenda?.issues.find((i) => i.id === id) ?? { id, label: id };
}

/** "Buyer Co +2.50 points, Seller Ltd −1.00 points". */
function byParty(view, values) {
  return Object.entries(values ?? {}).map(([p, d]) => `${nameOf(view, p)} ${points(d)}`).join(', ');
}

/** What a figure was valued on: "agenda version 2; Buyer Co's interests version 2, ...". */
export function valuedOn(view, agendaVersion, versions) {
  const each = Object.entries(versions ?? {}).map(([p, v]) => `${nameOf(view, p)}'s interests version ${v}`);
  return [`agenda version ${agendaVersion}`, ...each].join(', ');
}

/** How the agreement in force came about: "i1 (it replaced o3, reached after 2.0 s)". */
function agreementsText(view, a) {
  if (!a.agreement) return 'no agreement yet';
  const replaced = a.agreements.filter((x) => x.replacedBy);
  return `${duration(a.timeToAgreementMillis)} (the agreement in force, on ${a.agreement.ref}${replaced.length
    ? `; ${replaced.map((x) => `the agreement on ${x.ref}, after ${duration(x.millisFromStart)}, was replaced by ${x.replacedBy}`).join('; ')}`
    : ''})`;
}

function figures(view, a) {
  const parties = Object.entries(a.moves);
  return [
    h('p', { data: { analysisTime: '' } }, 'Time to agreement: ', h('strong', { text: agreementsText(view, a) }),
      ` · rounds: ${a.rounds} (a round that found no package counts too)`),
    h('div', { class: 'scroll' }, h('table', { data: { analysisMoves: '' } },
      h('caption', { text: 'Moves per party' }),
      h('thead', {}, h('tr', {}, ['Party', 'Offers', 'Trades', 'Accepts', 'Rejects'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, parties.map(([party, n]) => h('tr', { data: { party } },
        h('th', { scope: 'row', text: nameOf(view, party) }), h('td', { text: n.offers }), h('td', { text: n.trades }),
        h('td', { text: n.accepts }), h('td', { text: n.rejects })))))),
  ];
}

function moveTitle(view, m) {
  const who = nameOf(view, m.party);
  if (m.kind === 'suggestion') return `#${m.seq} the mediator's suggestion ${m.ref}`;
  if (m.kind === 'trade') return `#${m.seq} ${who}'s trade ${m.ref} on ${m.on}`;
  return `#${m.seq} ${who}'s offer ${m.ref}`;
}

/** One line per changed issue, an agenda change and a change of interests each on its own line, then the total. */
function moveLines(view, agenda, m) {
  const lines = m.changes.map((c) => {
    const issue = issueOf(agenda, c.issue);
    const what = c.from === null || c.from === undefined
      ? `${issue.label}: added to the agenda since ${m.previous}, now ${optionText(issue, c.to)}`
      : `${issue.label}: ${optionText(issue, c.from)} → ${optionText(issue, c.to)}`;
    const worth = byParty(view, c.worths);
    return h('li', { data: { changeIssue: c.issue } }, what, worth ? h('span', { class: 'muted', text: ` (${worth})` }) : null);
  });
  if (m.revalued) {
    lines.push(h('li', { data: { revalued: '' } }, `New interests since ${m.previous}, the same package re-scored`,
      h('span', { class: 'muted', text: ` (${byParty(view, m.revalued)})` })));
  }
  if (m.deltas && Object.keys(m.deltas).length) {
    lines.push(h('li', { class: 'total', data: { moveTotal: '' } }, h('strong', { text: `In all: ${byParty(view, m.deltas)}` })));
  }
  return lines.length ? h('ul', { class: 'move-lines' }, lines) : null;
}

function tradeText(agenda, m) {
  const part = (partial) => agenda?.issues.filter((i) => partial && i.id in partial)
    .map((i) => `${i.label} → ${optionText(i, partial[i.id])}`).join(', ') || 'nothing';
  return `Gives ${part(m.declared?.give)}; needs ${part(m.declared?.get)}.`;
}

function moveEntry(view, agenda, m) {
  const parts = [h('strong', { text: moveTitle(view, m) }), ': '];
  if (m.kind === 'trade') parts.push(tradeText(agenda, m), ' ');
  if (m.previous === null) {
    parts.push(m.kind === 'suggestion' ? 'The first suggestion.' : `${nameOf(view, m.party)}'s first position.`);
  } else if (!m.changes.length && !m.revalued) {
    parts.push(`No change from ${m.previous}.`);
  } else {
    // a sentence of its own: for a trade it follows "Gives ...; needs ...", which is against the package it is on
    parts.push(`Against ${nameOf(view, m.party)}'s previous move, ${m.previous}.`);
    if (m.kind === 'offer' && m.give) {
      const labels = (ids) => (ids.length ? ids.map((id) => issueOf(agenda, id).label).join(', ') : 'nothing');
      parts.push(` Concedes on: ${labels(m.give)}; asks more on: ${labels(m.get)}.`);
    }
  }
  const valued = Object.keys(m.utilities ?? {}).length
    ? h('span', { class: 'muted small', text: ` Scores: ${Object.entries(m.utilities).map(([p, u]) => `${nameOf(view, p)} ${percent(u)}`).join(', ')}; valued on ${valuedOn(view, m.agendaVersion, m.interests)}.` })
    : null;
  return h('li', { data: { seq: m.seq, ref: m.ref } }, parts, valued, moveLines(view, agenda, m));
}

function concessionLog(view, a, agenda) {
  if (!a.concessions.length) return h('p', { class: 'muted', text: 'No offers, trades or suggestions yet.' });
  return [
    h('p', { class: 'muted', text: 'Each move against its author\'s previous one. Each line says what that change is worth to each party; the total is the sum of the lines.' }),
    h('ol', { class: 'concessions', data: { analysisConcessions: '' } }, a.concessions.map((m) => moveEntry(view, agenda, m))),
  ];
}

function pointLabel(view, point) {
  if (point.kind === 'agreement') {
    return `#${point.seq} agreement on ${point.ref}${point.replacedBy ? ` (replaced by ${point.replacedBy})` : ' (in force)'}`;
  }
  if (point.kind === 'suggestion') return `#${point.seq} the mediator's suggestion ${point.ref}`;
  return `#${point.seq} ${nameOf(view, point.party)}'s ${point.kind} ${point.ref}`;
}

function paths(view, a) {
  const parties = Object.keys(a.utilityPaths);
  if (!parties.length) {
    return h('p', { class: 'muted', text: 'Scores appear for parties who unsealed their interests.' });
  }
  const rows = a.utilityPaths[parties[0]].map((point, i) => h('tr', { data: { pathSeq: point.seq } },
    h('th', { scope: 'row', text: pointLabel(view, point) }),
    parties.map((p) => h('td', { class: 'num', text: percent(a.utilityPaths[p][i]?.utility) })),
    h('td', { class: 'small', text: `agenda v${point.agendaVersion}; ${parties.map((p) => `${nameOf(view, p)} v${a.utilityPaths[p][i]?.interestsVersion}`).join(', ')}` })));
  return h('div', { class: 'scroll' }, h('table', { data: { analysisPaths: '' } },
    h('caption', { text: 'Each side\'s score for every package on the table, valued when it was put there' }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Package' }), parties.map((p) => h('th', { scope: 'col', text: nameOf(view, p) })),
      h('th', { scope: 'col', text: 'Valued on (agenda, interests versions)' }))),
    h('tbody', {}, rows)));
}

function jointGain(view, a) {
  const g = a.jointGain;
  if (!g) return h('p', { class: 'muted', text: 'The comparison appears once there is an agreement and a party has unsealed.' });
  const agenda = view.agenda;
  const rows = [
    [`The agreement in force, ${g.agreement.ref}`, g.agreement],
    ...g.firstOffers.map((f) => [`${nameOf(view, f.party)}'s first position, ${f.ref} (scored when it was made)`, f]),
    [`The middle package: every issue at its middle option (${agenda ? packageLine(agenda, g.split.package) : ''})`, g.split],
  ];
  return [
    h('p', { text: g.complete
      ? '"Together" adds both parties\' scores. The last column says how much more the agreement gives the parties together than each other package: positive means the agreement left both better off in sum.'
      : 'Only the parties who unsealed are shown; "together" needs every party.' }),
    h('div', { class: 'scroll' }, h('table', { class: 'joint-gain', data: { analysisGain: '' } },
      h('caption', { text: `The agreement beside where the parties started (agreement and middle package valued on ${valuedOn(view, g.agendaVersion, g.interests)})` }),
      h('thead', {}, h('tr', {}, ['Package', ...g.parties.map((p) => nameOf(view, p)), 'Together', 'The agreement gives together'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, rows.map(([label, row]) => h('tr', {},
        h('th', { scope: 'row', text: label }),
        g.parties.map((p) => h('td', { class: 'num', text: percent(row.utilities[p]) })),
        h('td', { class: 'num', text: percent(row.joint) }),
        h('td', { class: 'num', text: row === g.agreement || row.gain === null || row.gain === undefined ? '–' : points(row.gain) })))))),
  ];
}

// The verifiable log's part of each container, built once: the analysis re-renders on every
// change of the room, and a button removed from the page between a press and its release (even
// if put back) loses the click.
const logParts = new WeakMap();

function logPart(container, actions) {
  if (!logParts.has(container)) {
    const head = h('code', { class: 'hash', data: { headHash: '' } });
    const body = h('div');
    const section = h('section', { class: 'replay-part' },
      h('h3', { text: 'Verifiable log' }),
      h('p', {}, 'Head hash: ', head),
      h('p', { class: 'muted', text: 'Download the log (NDJSON, as your role sees it), then check and replay it on your own machine: java -jar room-server.jar verify FILE, and replay FILE. The head printed by verify must match the one shown here.' }),
      h('div', { class: 'row wrap screen-only' },
        h('button', { type: 'button', data: { exportLog: '', key: 'export-log' }, on: { click: () => actions.downloadLog() } },
          'Download the verifiable log'),
        actions.printReport ? h('button', { type: 'button', class: 'primary', data: { printReport: '', key: 'print-report' }, on: { click: () => actions.printReport() } },
          'Print the session report') : null));
    container.replaceChildren(body, section);
    logParts.set(container, { head, body });
  }
  return logParts.get(container);
}

/** Renders the analysis (or where it stands) above the download of the verifiable log, which stays in place. */
export function renderAnalysis(container, analysis, view, actions) {
  const { head, body } = logPart(container, actions);
  head.textContent = analysis.data?.head ?? '…';
  if (analysis.error) return replace(body, h('p', { class: 'problems', text: analysis.error }));
  const a = analysis.data;
  if (!a) return replace(body, h('p', { class: 'muted', text: 'Loading the analysis…' }));
  replace(body, analysisBody(view, a));
}

/** The analysis's figures, as the analysis view and the printed session report show them. */
export function analysisBody(view, a) {
  const section = (title, ...children) => h('section', { class: 'replay-part' }, h('h3', { text: title }), children);
  return [
    h('p', { class: 'muted', text: 'How these figures are worked out: each package is scored under the interests and on the agenda in force when it was put on the table, so it has one score everywhere.' }),
    section('Figures', figures(view, a)),
    section('Concession log', concessionLog(view, a, view.agenda)),
    section('Scores over the session', paths(view, a)),
    section('What the agreement gained', jointGain(view, a)),
  ];
}
