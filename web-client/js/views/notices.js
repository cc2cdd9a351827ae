// A mediator's notices: what arrived while the room is open and deserves a look (a private note
// to the mediators, an answer to a suggestion, an amendment waiting on the parties, an agreement).
// Each stays on the page until read; the tab title counts the unread ones.
import { h, replace } from '../dom.js';
import { nameOf } from '../format.js';
import { changeWords } from './amendments.js';

const MAX = 6;

/** The notice an event is worth to a mediator, or null. */
export function noticeOf(event, view) {
  const d = event.data ?? {};
  const who = nameOf(view, d.party);
  switch (event.kind) {
    case 'NoteAdded':
      if (d.to !== 'mediator' || d.party === 'mediator') return null;
      return { kind: 'note', text: `Private note from ${who} to the mediators: "${d.text ?? ''}"` };
    case 'Accepted':
    case 'Rejected': {
      if (!view.suggestions?.some((s) => s.ref === d.ref)) return null;
      const answer = event.kind === 'Accepted' ? 'accepted' : 'rejected';
      return { kind: 'suggestion', text: `${who} ${answer} your suggestion ${d.ref}${d.reason ? `: "${d.reason}"` : '.'}` };
    }
    case 'AmendmentProposed': {
      const waiting = view.parties.map((p) => p.name).filter((p) => p !== d.party).map((p) => nameOf(view, p));
      const what = (d.changes ?? []).map((c) => changeWords(view.agenda, c)).join('; ');
      return { kind: 'amendment', text: `${who} proposes to change the agenda (amendment ${d.ref}): ${what}. It waits on ${waiting.join(' and ')}.` };
    }
    case 'AgreementReached':
      return { kind: 'agreement', text: `Agreement reached on ${d.ref}. The session analysis has the figures.` };
    default:
      return null;
  }
}

/** Whether the event ends what the notice waits on. */
function settles(event, notice) {
  const ref = event.data?.ref;
  switch (event.kind) {
    case 'AgendaAmended':
    case 'Withdrawn':
    case 'Rejected':
      return notice.kind === 'amendment' && notice.ref === ref;
    case 'AgreementReached':
      return notice.kind === 'agreement';
    default:
      return false;
  }
}

export class DeskNotices {
  constructor() {
    this.items = [];
  }

  /**
   * Takes an event that arrived live; returns whether the notices changed. An event that settles
   * what a notice waits on takes that notice away, so none tells of something already over: an
   * amendment adopted, withdrawn or rejected, or an agreement replaced by a newer one.
   */
  add(event, view) {
    const before = this.items.length;
    this.items = this.items.filter((n) => !settles(event, n));
    const notice = noticeOf(event, view);
    if (notice) this.items = [{ ...notice, ref: event.data?.ref, seq: event.seq, at: event.at }, ...this.items].slice(0, MAX);
    return Boolean(notice) || this.items.length !== before;
  }

  get unread() {
    return this.items.length;
  }

  /**
   * The notices, newest first, each with "Show" (the event in the log, which can sit below the
   * fold) and "Mark as read".
   */
  render(el, { show, changed }) {
    el.hidden = !this.items.length;
    if (!this.items.length) return replace(el);
    const read = (seq) => {
      this.items = this.items.filter((n) => n.seq !== seq);
      changed();
    };
    replace(el,
      h('h2', { class: 'visually-hidden', text: 'New for you' }),
      h('ul', {}, this.items.map((n) => h('li', { class: `notice ${n.kind}`, data: { deskNotice: n.kind, seq: n.seq } },
        h('span', { text: n.text }), ' ',
        h('button', { type: 'button', class: 'small', data: { key: `notice-show-${n.seq}` }, on: { click: () => { read(n.seq); show(n); } } },
          n.kind === 'agreement' ? 'Open the analysis' : 'Show in the log'),
        h('button', { type: 'button', class: 'small link', data: { key: `notice-read-${n.seq}`, noticeRead: '' }, on: { click: () => read(n.seq) } }, 'Mark as read')))));
  }
}
