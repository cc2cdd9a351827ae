// The room's event log, in words, each event once; and notes anyone can add.
import { h, replace, uid } from '../dom.js';
import { nameOf, packageLine, percent, privacyName, time } from '../format.js';
import { DEFAULT_BAND } from '../reduce.js';
import { tradeWords } from './offers.js';

/** One event in a sentence, as this viewer sees it; parties by their display names. */
export function describe(event, view) {
  const d = event.data ?? {};
  const agenda = view.agenda;
  const role = view.role;
  const mine = (u) => (role !== 'mediator' && Number.isInteger(u) ? ` Your score: ${percent(u)}.` : '');
  const who = (id) => (id === role ? 'You' : nameOf(view, id));
  switch (event.kind) {
    case 'RoomCreated': {
      const names = d.parties?.map((id) => d.names?.[id] ?? id).join(', ');
      const band = d.privacy?.band ?? DEFAULT_BAND;
      return `Room created: "${d.title}", parties ${names}. Privacy: ${privacyName(band)} (${band === 0 ? 'walk-away points used exactly' : `walk-away points hidden within ${band / 100} points`}).`;
    }
    case 'InterestsSubmitted':
      return `${who(d.party)} submitted interests (version ${d.version}).`;
    case 'ProposalsComputed':
      if (d.improves || d.packages?.some((p) => p.rule === 'improvement')) {
        return d.packages?.length
          ? `The room proposed ${d.packages.map((p) => p.ref).join(', ')}, better for every party than the agreement ${d.improves ?? ''}.`
          : `The room looked for an improvement on the agreement ${d.improves ?? ''}.`;
      }
      return d.zopa === false
        ? `Round ${d.round}: no package clears every party's walk-away point and limits.`
        : `Round ${d.round}: the room proposed ${d.packages.map((p) => p.ref).join(', ')}.`;
    case 'OfferMade':
      return `${who(d.party)} offered ${d.ref}: ${agenda ? packageLine(agenda, d.package) : ''}.${mine(d.utility)}`;
    case 'TradeProposed': {
      const w = agenda ? tradeWords(agenda, d) : { give: '', get: '' };
      return `${who(d.party)} proposed trade ${d.ref} on ${d.on}: gives ${w.give}; needs ${w.get}.${mine(d.utility)}`;
    }
    case 'Accepted':
      return `${who(d.party)} accepted ${d.ref}.`;
    case 'Rejected':
      return `${who(d.party)} rejected ${d.ref}${d.reason ? `: ${d.reason}` : ''}.`;
    case 'AgreementReached':
      return `Agreement reached on ${d.ref}.${mine(d.utility)}`;
    case 'NoteAdded':
      if (d.to === 'mediator' && d.party === 'mediator') {
        return d.text === undefined ? 'Note for the mediators only.' : `Note for the mediators only: ${d.text}`;
      }
      if (d.to) {
        const between = `${d.party === role ? 'you' : nameOf(view, d.party)} to ${d.to === role ? 'you' : nameOf(view, d.to)}`;
        return d.text === undefined ? `Private note (${between}).` : `Private note, ${between}: ${d.text}`;
      }
      return `Note from ${nameOf(view, d.party)}: ${d.text}`;
    case 'AmendmentProposed':
      return `${who(d.party)} proposed amendment ${d.ref} to the agenda${d.reason ? `: ${d.reason}` : ''}.`;
    case 'AgendaAmended':
      return `The agenda changed (version ${d.version}): ${d.agenda?.issues?.map((i) => i.label).join(', ')}.`;
    case 'Withdrawn':
      return `${who(d.party)} withdrew ${d.ref}.`;
    case 'MediatorSuggested':
      return `The mediator suggested ${d.ref}: ${agenda ? packageLine(agenda, d.package) : ''}.${mine(d.utility)}`;
    case 'InterestsUnsealed':
      return `${who(d.party)} unsealed ${d.party === role ? 'your' : 'its'} interests for mediators.`;
    case 'PrivateDataErased':
      return `${who(d.party)} erased ${d.party === role ? 'your' : 'its'} private data: ${d.party === role ? 'your' : 'its'} interests and scores are gone from every view.`;
    case 'PrivacyNarrowed':
      return `${who(d.party)} chose a finer privacy band for ${d.party === role ? 'your' : 'its'} walk-away point from the next round: ${d.band === 0 ? 'it is used exactly' : `it is hidden only within ${d.band / 100} points`}.`;
    default:
      return `${event.kind}`;
  }
}

export function renderLog(container, events, view, ctx) {
  // follow new events, unless the reader scrolled up to read older ones
  const following = container.scrollHeight - container.scrollTop - container.clientHeight < 40;
  replace(container,
    events.length
      ? h('ol', { class: 'log', data: { eventLog: '' } }, events.map((e) => h('li', { data: { seq: e.seq, kind: e.kind } },
          h('span', { class: 'seq', text: `#${e.seq}` }), ' ',
          h('time', { datetime: e.at, text: time(e.at) }), ' ',
          h('span', { class: 'what', text: describe(e, view) }), ' ',
          ctx.jump ? h('button', { type: 'button', class: 'link', data: { key: `jump-${e.seq}`, jump: e.seq }, on: { click: () => ctx.jump(e.seq) } }, `Replay to #${e.seq}`) : null)))
      : h('p', { class: 'muted', text: 'No events yet.' }));
  if (following) container.scrollTop = container.scrollHeight;
}

/** The recipient a person last chose in this room, kept for this tab so a reload keeps it. */
function remembered(key, value) {
  try {
    if (value === undefined) return sessionStorage.getItem(key);
    sessionStorage.setItem(key, value);
  } catch (e) {
    // storage refused: the choice lasts until the page reloads
  }
  return null;
}

/**
 * Notes: to everyone, or in private (a caucus, protocol 1.1 `to`): a party writes only to the
 * mediator; a mediator writes to any one party, or to the mediators only (a note to itself).
 * The recipient is kept across a reload; a note to everyone after a private one asks first, so a
 * private note does not reach the whole room by mistake.
 */
export function mountNoteForm(root, ctx, { role, parties, names }) {
  const id = uid('note');
  const toId = uid('to');
  const problemId = uid('note-problem');
  const room = new URLSearchParams(location.hash.slice(1)).get('room') ?? '';
  const key = `note-to:${room}`;
  const text = h('textarea', { id, rows: 2, maxlength: 4000, 'aria-describedby': problemId, data: { noteText: '' } });
  const problem = h('p', { id: problemId, class: 'problems', role: 'alert', data: { noteProblem: '' } });
  const recipients = role === 'mediator'
    ? [...parties.map((p) => [p, `${names?.[p] ?? p} only (private)`]), ['mediator', 'only me (mediators)']]
    : [['mediator', 'the mediator only (private)']];
  const to = h('select', { id: toId, data: { noteTo: '' }, on: { change: () => remembered(key, to.value || 'everyone') } },
    h('option', { value: '', text: 'everyone in the room' }),
    recipients.map(([value, label]) => h('option', { value, text: label })));
  const kept = remembered(key);
  if (kept && recipients.some(([value]) => value === kept)) to.value = kept;
  let lastSentPrivate = Boolean(kept && kept !== 'everyone');
  root.replaceChildren(h('form', { class: 'note-form', on: { submit: async (e) => {
    e.preventDefault();
    const value = text.value.trim();
    problem.textContent = value ? '' : 'Nothing was sent: the note is empty. Write something first.';
    if (!value) return;
    if (!to.value && lastSentPrivate
      && !confirm('Your last note was private. This one goes to everyone in the room, every party included. Send it to everyone?')) {
      problem.textContent = 'Not sent. Choose who it is for under "To".';
      return;
    }
    const command = to.value ? { type: 'note', text: value, to: to.value } : { type: 'note', text: value };
    const sent = to.value === 'mediator' && role === 'mediator' ? 'Note kept for the mediators only.'
      : to.value ? 'Private note sent.' : 'Note added.';
    if (await ctx.send(command, sent)) {
      text.value = '';
      lastSentPrivate = Boolean(to.value);
      remembered(key, to.value || 'everyone');
    }
  } } },
  h('label', { for: id, text: 'Write a note' }),
  text,
  problem,
  h('div', { class: 'row' },
    h('div', { class: 'field' }, h('label', { for: toId, text: 'To' }), to),
    h('div', { class: 'field end' }, h('button', { type: 'submit', data: { addNote: '' } }, 'Send note')))));
}
