// The HTTP half of the protocol. The token travels in the Authorization header, never in
// a URL the server could log.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function call(path, { token, method = 'GET', body, accept = 'application/json' } = {}) {
  const headers = { Accept: accept };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch (e) {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    let code = 'http_' + response.status;
    let message = `The server answered ${response.status}.`;
    try {
      const err = (await response.json()).error;
      if (err) {
        code = err.code ?? code;
        message = err.message ?? message;
      }
    } catch (e) {
      // not JSON: keep the status message
    }
    throw new ApiError(response.status, code, message);
  }
  return accept === 'application/json' ? response.json() : response.text();
}

const room = (id) => `/api/rooms/${encodeURIComponent(id)}`;

export const api = {
  createRoom: (agenda) => call('/api/rooms', { method: 'POST', body: agenda }),
  room: (id, token) => call(room(id), { token }),
  events: (id, token, after) => call(`${room(id)}/events?after=${after}`, { token }),
  stateAt: (id, token, seq) => call(`${room(id)}/state?at=${seq}`, { token }),
  agreementMarkdown: (id, token) => call(`${room(id)}/agreement?format=md`, { token, accept: 'text/markdown' }),
  analysis: (id, token) => call(`${room(id)}/analysis`, { token }),
  exportLog: (id, token) => call(`${room(id)}/export`, { token, accept: 'application/x-ndjson' }),
};
