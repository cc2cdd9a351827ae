// The WebSocket half of the protocol: one socket per room, reconnecting by itself with
// hello{after: last seq seen}, and commands that resolve on their ack.

const RETRY_MS = [500, 1000, 2000, 4000, 8000, 15000];
// The server selects this subprotocol; the token rides beside it as `token.<token>`, so it
// is in no URL (proxies log URLs) and never echoed back (docs/protocol.md, Authentication).
const PROTOCOL = 'negotiation.v1';

/**
 * A prefix that makes this page's command ids unique for the room's life: the server takes
 * a repeated id with the same content for a re-send and appends nothing, so ids restarting
 * at c1 after a reload would silently drop the new clicks. 96 random bits per page load,
 * from getRandomValues (crypto.randomUUID needs a secure context; plain http has none).
 */
function idPrefix() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class RoomConnection {
  /**
   * @param {object} o
   * @param {string} o.roomId
   * @param {string} o.token
   * @param {() => number} o.lastSeq the last seq the app holds, for hello{after}
   * @param {(frame: object) => void} o.onEvent
   * @param {(state: string, detail?: string) => void} o.onState
   * @param {(presence: object) => void} [o.onPresence] who is here (protocol 1.1)
   */
  constructor({ roomId, token, lastSeq, onEvent, onState, onPresence = () => {} }) {
    Object.assign(this, { roomId, token, lastSeq, onEvent, onState, onPresence });
    this.pending = new Map();
    this.idPrefix = idPrefix();
    this.nextId = 1;
    this.attempt = 0;
    this.closed = false;
    this.socket = null;
  }

  open() {
    if (this.closed) return;
    clearInterval(this.ticker);
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = `${scheme}//${location.host}/ws/rooms/${encodeURIComponent(this.roomId)}`;
    this.onState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const socket = new WebSocket(url, [PROTOCOL, `token.${this.token}`]);
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
      this.countDown(Date.now() + wait);
      this.timer = setTimeout(() => this.open(), wait);
    });
  }

  /** "Reconnecting in 8 s", then 7, 6...: the seconds left until the next try, once a second. */
  countDown(at) {
    clearInterval(this.ticker);
    const say = () => this.onState('offline', `Reconnecting in ${Math.max(1, Math.ceil((at - Date.now()) / 1000))} s`);
    say();
    this.ticker = setInterval(() => {
      if (Date.now() >= at) clearInterval(this.ticker);
      else say();
    }, 1000);
  }

  /** Reconnect now instead of waiting for the next retry. */
  retryNow() {
    if (this.socket) return;
    clearTimeout(this.timer);
    clearInterval(this.ticker);
    this.open();
  }

  close() {
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.ticker);
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
    } else if (frame.type === 'presence') {
      this.onPresence({ parties: frame.parties ?? {}, mediators: frame.mediators ?? 0 });
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
      return Promise.reject(Object.assign(new Error('Not connected to the room right now; the app is reconnecting. Try again once it says "Connected".'), { code: 'offline' }));
    }
    const id = `${this.idPrefix}-${this.nextId++}`;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ ...command, id }));
    });
  }
}
