// The room's event log, in words, each event once; and notes anyone can add.
import { h, replace, uid } from '../dom.js';
import { packageLine, percent, time } from '../format.js';
import { tradeWords } from './offers.js';

/** One event in a sentence, as this viewer sees it. */
export function describe(event, agenda, role) {
  const d = event.data ?? {};
  const mine = (u) => (role !== 'mediator' && Number.isInteger(u) ? ` Your utility: ${percent(u)}.` : '');
  switch (event.kind) {
    case 'RoomCreated':
      return `Room created: "${d.title}", parties ${d.parties?.join(', ')}.`;
    case 'InterestsSubmitted':
      return `${d.party === role ? 'You' : d.party} submitted interests (version ${d.version}).`;
    case 'ProposalsComputed':
      if (d.improves || d.packages?.some((p) => p.rule === 'improvement')) {
        return `The room proposed ${d.packages.map((p) => p.ref).join(', ')}, better for every party than the agreement ${d.improves ?? ''}.`;
      }
      return d.zopa === false
        ? `Round ${d.round}: no package clears every party's floor and limits.`
        : `Round ${d.round}: the room proposed ${d.packages.map((p) => p.ref).join(', ')}.`;
    case 'OfferMade':
      return `${d.party} offered ${d.ref}: ${agenda ? packageLine(agenda, d.package) : ''}.${mine(d.utility)}`;
    case 'TradeProposed': {
      const w = agenda ? tradeWords(agenda, d) : { give: '', get: '' };
      return `${d.party} proposed trade ${d.ref} on ${d.on}: gives ${w.give}; needs ${w.get}.${mine(d.utility)}`;
    }
    case 'Accepted':
      return `${d.party} accepted ${d.ref}.`;
    case 'Rejected':
      return `${d.party} rejected ${d.ref}${d.reason ? `: ${d.reason}` : ''}.`;
    case 'AgreementReached':
      return `Agreement reached on ${d.ref}.${mine(d.utility)}`;
    case 'NoteAdded':
      if (d.to) {
        const between = `${d.party === role ? 'you' : d.party} to ${d.to === role ? 'you' : d.to === 'mediator' ? 'the mediator' : d.to}`;
        return d.text === undefined ? `Private note (${between}).` : `Private note, ${between}: ${d.text}`;
      }
      return `Note from ${d.party}: ${d.text}`;
    case 'AmendmentProposed':
      return `${d.party} proposed amendment ${d.ref} to the agenda${d.reason ? `: ${d.reason}` : ''}.`;
    case 'AgendaAmended':
      return `The agenda changed (version ${d.version}): ${d.agenda?.issues?.map((i) => i.label).join(', ')}.`;
    case 'Withdrawn':
      return `${d.party} withdrew ${d.ref}.`;
    case 'MediatorSuggested':
      return `The mediator suggested ${d.ref}: ${agenda ? packageLine(agenda, d.package) : ''}.${mine(d.utility)}`;
    case 'InterestsUnsealed':
      return `${d.party} unsealed its interests for mediators.`;
    default:
      return `${event.kind}`;
  }
}

export function renderLog(container, events, view, ctx) {
  const agenda = view.agenda;
  // follow new events, unless the reader scrolled up to read older ones
  const following = container.scrollHeight - container.scrollTop - container.clientHeight < 40;
  replace(container,
    events.length
      ? h('ol', { class: 'log', data: { eventLog: '' } }, events.map((e) => h('li', { data: { seq: e.seq, kind: e.kind } },
          h('span', { class: 'seq', text: `#${e.seq}` }), ' ',
          h('time', { datetime: e.at, text: time(e.at) }), ' ',
          h('span', { class: 'what', text: describe(e, agenda, view.role) }), ' ',
          ctx.jump ? h('button', { type: 'button', class: 'link', data: { key: `jump-${e.seq}`, jump: e.seq }, on: { click: () => ctx.jump(e.seq) } }, `Replay to #${e.seq}`) : null)))
      : h('p', { class: 'muted', text: 'No events yet.' }));
  if (following) container.scrollTop = container.scrollHeight;
}

/**
 * Notes: to everyone, or in private (a caucus, protocol 1.1 `to`): a party writes only to the
 * mediator; a mediator writes to any one party.
 */
export function mountNoteForm(root, ctx, { role, parties }) {
  const id = uid('note');
  const toId = uid('to');
  const text = h('textarea', { id, rows: 2, maxlength: 4000, data: { noteText: '' } });
  const recipients = role === 'mediator' ? parties.map((p) => [p, `${p} only (private)`]) : [['mediator', 'the mediator only (private)']];
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
