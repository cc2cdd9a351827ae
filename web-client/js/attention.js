// While the tab is hidden: a count of new events in the title ("(2) Room ...") and, if the
// person already allowed it, a system notification for what needs their answer. The app never
// asks for the permission by itself: only the "Notify me" button does.

const NEEDS_ANSWER = new Set(['OfferMade', 'TradeProposed', 'MediatorSuggested', 'AmendmentProposed', 'AgreementReached']);

export class Attention {
  constructor() {
    this.unseen = 0;
    this.base = document.title;
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) {
        this.unseen = 0;
        this.show();
      }
    });
  }

  title(base) {
    this.base = base;
    this.show();
  }

  show() {
    const title = this.unseen ? `(${this.unseen}) ${this.base}` : this.base;
    if (document.title !== title) document.title = title;
  }

  /** Counts an event that arrives while the tab is hidden (only new ones: the store drops repeats). */
  event(frame, store) {
    if (!document.hidden || frame.seq <= store.lastSeq() || store.connection.state !== 'live') return;
    this.unseen += 1;
    this.show();
    const author = frame.data?.party;
    if (!NEEDS_ANSWER.has(frame.kind) || author === store.role) return;
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const text = frame.kind === 'AgreementReached' ? `Agreement reached on ${frame.data.ref}`
      : `${author ?? 'The mediator'} put ${frame.data.ref} on the table: answer it`;
    try {
      new Notification(this.base, { body: text, tag: `room-${store.roomId}` });
    } catch (e) {
      // some browsers allow notifications only from a service worker: the title badge stays
    }
  }
}
