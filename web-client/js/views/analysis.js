// For a mediator: the session's analysis (GET /analysis, built by the server only from what
// this role may see) and the verifiable log to download and check offline.
import { h, replace } from '../dom.js';
import { optionText, percent, points } from '../format.js';

function duration(ms) {
  if (ms === null || ms === undefined) return 'no agreement yet';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${(ms / 1000).toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor(s / 60) % 60} min`;
}

function issueOf(agenda, id) {
  return agenda?.issues.find((i) => i.id === id) ?? { id, label: id };
}

function changeText(agenda, c) {
  const issue = issueOf(agenda, c.issue);
  const worth = c.worth === null || c.worth === undefined ? '' : ` (${points(c.worth)})`;
  return `${issue.label} ${optionText(issue, c.from)} → ${optionText(issue, c.to)}${worth}`;
}

function figures(a) {
  const parties = Object.entries(a.moves);
  return [
    h('p', { data: { analysisTime: '' } }, 'Time to agreement: ', h('strong', { text: duration(a.timeToAgreementMillis) }),
      ` · rounds of proposals: ${a.rounds}`),
    h('div', { class: 'scroll' }, h('table', { data: { analysisMoves: '' } },
      h('caption', { text: 'Moves per party' }),
      h('thead', {}, h('tr', {}, ['Party', 'Offers', 'Trades', 'Accepts', 'Rejects'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, parties.map(([party, n]) => h('tr', { data: { party } },
        h('th', { scope: 'row', text: party }), h('td', { text: n.offers }), h('td', { text: n.trades }),
        h('td', { text: n.accepts }), h('td', { text: n.rejects })))))),
  ];
}

function concessionLog(a, agenda) {
  if (!a.concessions.length) return h('p', { class: 'muted', text: 'No offers or trades yet.' });
  return h('ol', { class: 'concessions', data: { analysisConcessions: '' } }, a.concessions.map((m) => {
    let text;
    if (m.previous === null) {
      text = `${m.party} opens with ${m.kind} ${m.ref}.`;
    } else if (!m.changes.length) {
      text = `${m.party}, ${m.kind} ${m.ref}: no change from its ${m.previous}.`;
    } else {
      const labels = (ids) => (ids.length ? ids.map((id) => issueOf(agenda, id).label).join(', ') : 'nothing');
      const gives = m.give ? ` Gives: ${labels(m.give)}; gets: ${labels(m.get)}.` : '';
      text = `${m.party}, ${m.kind} ${m.ref} against its ${m.previous}: ${m.changes.map((c) => changeText(agenda, c)).join('; ')}.${gives}`;
    }
    const deltas = m.deltas ? Object.entries(m.deltas).map(([p, d]) => `${p} ${points(d)}`).join(', ') : '';
    return h('li', { data: { seq: m.seq, ref: m.ref } }, text, deltas ? h('span', { class: 'muted', text: ` Utility change: ${deltas}.` }) : null);
  }));
}

function paths(a) {
  const parties = Object.keys(a.utilityPaths);
  if (!parties.length) {
    return h('p', { class: 'muted', text: 'Utility paths appear for parties who unsealed their interests.' });
  }
  const rows = a.utilityPaths[parties[0]].map((point, i) => h('tr', {},
    h('th', { scope: 'row', text: `#${point.seq} ${point.kind === 'agreement' ? 'agreement' : `${point.party}'s ${point.ref}`}` }),
    parties.map((p) => h('td', { class: 'num', text: percent(a.utilityPaths[p][i]?.utility) }))));
  return h('div', { class: 'scroll' }, h('table', { data: { analysisPaths: '' } },
    h('caption', { text: 'Each side\'s utility for every package on the table' }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Package' }), parties.map((p) => h('th', { scope: 'col', text: p })))),
    h('tbody', {}, rows)));
}

function jointGain(a) {
  const g = a.jointGain;
  if (!g) return h('p', { class: 'muted', text: 'Joint gain appears once there is an agreement and a party has unsealed.' });
  const rows = [
    ['Agreement ' + g.agreement.ref, g.agreement],
    ...g.firstOffers.map((f) => [`${f.party}'s first offer ${f.ref}`, f]),
    ['Every range issue split down the middle', g.split],
  ];
  return h('div', { class: 'scroll' }, h('table', { data: { analysisGain: '' } },
    h('caption', { text: g.complete ? 'Joint gain of the agreement' : 'Utilities of the parties who unsealed (the joint gain needs every party)' }),
    h('thead', {}, h('tr', {}, ['Package', ...g.parties, 'Joint', 'Agreement\'s gain'].map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, rows.map(([label, row]) => h('tr', {},
      h('th', { scope: 'row', text: label }),
      g.parties.map((p) => h('td', { class: 'num', text: percent(row.utilities[p]) })),
      h('td', { class: 'num', text: percent(row.joint) }),
      h('td', { class: 'num', text: row.gain === null || row.gain === undefined ? '–' : points(row.gain) }))))));
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
      h('button', { type: 'button', data: { exportLog: '', key: 'export-log' }, on: { click: () => actions.downloadLog() } },
        'Download the verifiable log'));
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
  const section = (title, ...children) => h('section', { class: 'replay-part' }, h('h3', { text: title }), children);
  replace(body,
    section('Figures', figures(a)),
    section('Concession log', concessionLog(a, view.agenda)),
    section('Utility paths', paths(a)),
    section('Joint gain', jointGain(a)));
}
