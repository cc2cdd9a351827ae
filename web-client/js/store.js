// The one store: every event this viewer has seen (each once, by seq), the view folded
// from them, the connection state, the replay position and the messages to show.
// Views read it and render; they change it only through its methods.
import { apply, emptyView, indexView } from './reduce.js';

export class RoomStore extends EventTarget {
  constructor() {
    super();
    this.reset();
  }

  reset() {
    this.roomId = null;
    this.token = null;
    this.role = null;
    this.events = [];
    this.view = emptyView(null);
    this.waiting = new Map(); // events that arrived ahead of a gap, by seq
    this.connection = { state: 'idle', detail: '' };
    this.message = null;
    this.replay = null; // {seq, view, playing, loading}
    this.markdown = null;
    this.head = null;
    this.analysis = { data: null, error: null }; // a mediator's session analysis
    this.joinError = null;
    this.presence = null; // {parties: {name: bool}, mediators: n}, live only
  }

  setPresence(presence) {
    this.presence = presence;
    this.changed('presence');
  }

  changed(what = 'room') {
    this.dispatchEvent(new CustomEvent('change', { detail: what }));
  }

  joined(roomId, token, role) {
    this.roomId = roomId;
    this.token = token;
    this.role = role;
    this.view = emptyView(role);
    this.changed();
  }

  lastSeq() {
    return this.events.length ? this.events[this.events.length - 1].seq : 0;
  }

  /**
   * Takes an event frame. An event already held is ignored (a reconnect may replay it);
   * one that arrives ahead of a gap waits until the gap is filled; returns the seq the
   * store now needs from the server, if it has a gap.
   */
  receive(frame) {
    if (frame.seq <= this.lastSeq()) return null;
    this.waiting.set(frame.seq, frame);
    let appended = false;
    while (this.waiting.has(this.lastSeq() + 1)) {
      const next = this.waiting.get(this.lastSeq() + 1);
      this.waiting.delete(next.seq);
      const event = { seq: next.seq, at: next.at, kind: next.kind, data: next.data };
      this.events.push(event);
      apply(this.view, event);
      appended = true;
    }
    if (appended) this.changed();
    return this.waiting.size ? this.lastSeq() : null;
  }

  /** Replaces every event (a mediator's view of the past changes when a party unseals). */
  rebuild(events) {
    const sorted = [...events].sort((a, b) => a.seq - b.seq);
    const view = emptyView(this.role);
    const kept = [];
    for (const e of sorted) {
      if (kept.length && e.seq <= kept[kept.length - 1].seq) continue;
      const event = { seq: e.seq, at: e.at, kind: e.kind, data: e.data };
      kept.push(event);
      apply(view, event);
    }
    this.events = kept;
    this.view = view;
    this.waiting.clear();
    this.changed();
  }

  setConnection(state, detail = '') {
    this.connection = { state, detail };
    if (state === 'live' && this.message?.kind === 'offline') this.message = null;
    if (state !== 'live') this.presence = null; // who is here is unknown while we are not
    this.changed('connection');
  }

  say(text, kind = 'info') {
    this.message = { text, kind, at: Date.now() };
    this.changed('message');
  }

  setReplay(replay) {
    this.replay = replay ? { ...replay, view: replay.view ? indexView(replay.view) : replay.view } : null;
    this.changed('replay');
  }

  setAnalysis(analysis) {
    this.analysis = analysis;
    this.changed('analysis');
  }

  /** The room's log head as the server reports it to this role, for the agreement document. */
  setHead(head) {
    this.head = head;
    this.changed('head');
  }

  setMarkdown(text) {
    this.markdown = text;
    this.changed('markdown');
  }
}
