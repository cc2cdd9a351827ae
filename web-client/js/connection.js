// The WebSocket half of the protocol: one socket per room, reconnecting by itself with
// hello{after: last seq seen}, and commands that resolve on their ack.

const RETRY_MS = [500, 1000, 2000, 4000, 8000, 15000];

export class RoomConnection {
  /**
   * @param {object} o
   * @param {string} o.roomId
   * @param {string} o.token
   * @param {() => number} o.lastSeq the last seq the app holds, for hello{after}
   * @param {(frame: object) => void} o.onEvent
   * @param {(state: string, detail?: string) => void} o.onState
   */
  constructor({ roomId, token, lastSeq, onEvent, onState }) {
    Object.assign(this, { roomId, token, lastSeq, onEvent, onState });
    this.pending = new Map();
    this.nextId = 1;
    this.attempt = 0;
    this.closed = false;
    this.socket = null;
  }

  open() {
    if (this.closed) return;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = `${scheme}//${location.host}/ws/rooms/${encodeURIComponent(this.roomId)}?token=${encodeURIComponent(this.token)}`;
    this.onState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.attempt = 0;
      this.send({ type: 'hello', after: this.lastSeq() })
        .then(() => this.onState('live'))
        .catch((e) => this.onState('error', e.message));
    });
    socket.addEventListener('message', (m) => this.receive(m.data));
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      for (const { reject } of this.pending.values()) reject(new Error('The connection closed before the server answered. Nothing is lost: try again once reconnected.'));
      this.pending.clear();
      if (this.closed) return;
      const wait = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)];
      this.attempt += 1;
      this.onState('offline', `Reconnecting in ${Math.round(wait / 1000) || 1} s`);
      this.timer = setTimeout(() => this.open(), wait);
    });
  }

  /** Reconnect now instead of waiting for the next retry. */
  retryNow() {
    if (this.socket) return;
    clearTimeout(this.timer);
    this.open();
  }

  close() {
    this.closed = true;
    clearTimeout(this.timer);
    if (this.socket) this.socket.close();
  }

  receive(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch (e) {
      return;
    }
    if (frame.type === 'event') {
      this.onEvent(frame);
    } else if (frame.type === 'ack' || frame.type === 'error') {
      const waiting = this.pending.get(frame.id);
      if (!waiting) return;
      this.pending.delete(frame.id);
      if (frame.type === 'ack') waiting.resolve(frame);
      else waiting.reject(Object.assign(new Error(frame.message || frame.code), { code: frame.code }));
    }
  }

  /** Sends a command; resolves with its ack, rejects with the server's error. */
  send(command) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new Error('Not connected to the room right now; the app is reconnecting.'));
    }
    const id = `c${this.nextId++}`;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ ...command, id }));
    });
  }
}
