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
      return `Note from ${d.party}: ${d.text}`;
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

export function mountNoteForm(root, ctx) {
  const id = uid('note');
  const text = h('textarea', { id, rows: 2, maxlength: 4000, data: { noteText: '' } });
  root.replaceChildren(h('form', { class: 'note-form', on: { submit: async (e) => {
    e.preventDefault();
    const value = text.value.trim();
    if (!value) return;
    if (await ctx.send({ type: 'note', text: value }, 'Note added.')) text.value = '';
  } } },
  h('label', { for: id, text: 'Add a note to the room (everyone sees it)' }),
  text,
  h('button', { type: 'submit', data: { addNote: '' } }, 'Add note')));
}
