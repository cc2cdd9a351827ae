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

/**
 * Notes: to everyone, or in private (a caucus, protocol 1.1 `to`): a party writes only to the
 * mediator; a mediator writes to any one party.
 */
export function mountNoteForm(root, ctx, { role, parties, names }) {
  const id = uid('note');
  const toId = uid('to');
  const text = h('textarea', { id, rows: 2, maxlength: 4000, data: { noteText: '' } });
  const recipients = role === 'mediator' ? parties.map((p) => [p, `${names?.[p] ?? p} only (private)`]) : [['mediator', 'the mediator only (private)']];
  const to = h('select', { id: toId, data: { noteTo: '' } },
    h('option', { value: '', text: 'everyone in the room' }),
    recipients.map(([value, label]) => h('option', { value, text: label })));
  root.replaceChildren(h('form', { class: 'note-form', on: { submit: async (e) => {
    e.preventDefault();
    const value = text.value.trim();
    if (!value) return;
    const command = to.value ? { type: 'note', text: value, to: to.value } : { type: 'note', text: value };
    if (await ctx.send(command, to.value ? 'Private note sent.' : 'Note added.')) text.value = '';
  } } },
  h('label', { for: id, text: 'Write a note' }),
  text,
  h('div', { class: 'row' },
    h('div', { class: 'field' }, h('label', { for: toId, text: 'To' }), to),
    h('div', { class: 'field end' }, h('button', { type: 'submit', data: { addNote: '' } }, 'Send note')))));
}
