// A minimal protocol client for trying the server by hand (Node 20+, no packages):
//   node --experimental-websocket tools/ws-client.mjs "ws://localhost:8080/ws/rooms/ROOM?token=TOKEN" < messages.jsonl
// Sends each stdin line as one frame, prints every frame received, and exits once every
// message it sent has been answered (ack or error) and the server has been quiet for a moment.
import { createInterface } from 'node:readline';

const url = process.argv[2];
if (!url) {
  console.error('usage: node --experimental-websocket tools/ws-client.mjs WS_URL < messages.jsonl');
  process.exit(2);
}
const pending = new Set();
let inputDone = false;
let quietTimer;

const socket = new WebSocket(url);
socket.onerror = () => { console.error('could not connect (bad token or unknown room?)'); process.exit(1); };
socket.onmessage = (message) => {
  console.log(message.data);
  const frame = JSON.parse(message.data);
  if (frame.type === 'ack' || frame.type === 'error') pending.delete(String(frame.id));
  maybeExit();
};
socket.onopen = () => {
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    const id = JSON.parse(line).id;
    if (id !== undefined) pending.add(String(id));
    socket.send(line);
  });
  lines.on('close', () => { inputDone = true; maybeExit(); });
};

function maybeExit() {
  clearTimeout(quietTimer);
  if (inputDone && pending.size === 0) quietTimer = setTimeout(() => process.exit(0), 500);
}
