// Wires the app: the route in the URL fragment, the store, the socket, and render().
import { h, replace } from './dom.js';
import { api, ApiError } from './api.js';
import { RoomConnection } from './connection.js';
import { RoomStore } from './store.js';
import { mountCreate } from './views/create.js';
import { renderAgenda, renderConnection, renderParties } from './views/room.js';
import { mountInterests } from './views/interests.js';
import { renderProposals } from './views/proposals.js';
import { mountOfferBuilder, renderOffers } from './views/offers.js';
import { renderAgreement } from './views/agreement.js';
import { renderChart } from './views/chart.js';
import { mountNoteForm, renderLog } from './views/log.js';
import { mountReplay } from './views/replay.js';
import { replayControls } from './replay-controls.js';
import { renderUnsealed } from './views/unsealed.js';
import { renderAnalysis } from './views/analysis.js';
import { goToStep, renderNextAction, renderPresence, renderSteps } from './views/header.js';
import { mountAmendments } from './views/amendments.js';
import { mountSuggest } from './views/suggest.js';
import { renderAgreementBanner } from './views/agreement.js';
import { Attention } from './attention.js';
import { renderPrivacyLevel } from './views/privacy.js';
import { nameOf } from './format.js';
import { DeskNotices } from './views/notices.js';
import { mountDesk } from './desk.js';
import { refreshKeptRoom, renderKeepRoom, renderRoomList } from './views/rooms.js';

const $ = (hook) => document.querySelector(`[data-${hook}]`);
const store = new RoomStore();
const attention = new Attention();
let notices = new DeskNotices();
let connection = null;
let mounted = null;

/**
 * #room=ID&token=T: the fragment never reaches the server, nor any Referer. The token then
 * leaves the address bar (history.replaceState: no screen share, bookmark or history entry
 * shows it) and is kept per tab in sessionStorage, so a reload still finds it.
 */
function route() {
  const params = new URLSearchParams(location.hash.slice(1));
  const room = params.get('room');
  if (!room) return null;
  const key = `token:${room}`;
  let token = params.get('token');
  try {
    if (token) sessionStorage.setItem(key, token);
    else token = sessionStorage.getItem(key);
  } catch (e) {
    // storage refused (private mode settings): the token then stays in the address bar
    return token ? { room, token } : null;
  }
  if (params.has('token')) history.replaceState(history.state, '', `#room=${encodeURIComponent(room)}`);
  return token ? { room, token } : null;
}

function show(screen) {
  for (const el of document.querySelectorAll('[data-screen]')) el.hidden = el.dataset.screen !== screen;
}

async function send(command, successText) {
  if (!connection) return false;
  try {
    await connection.send(command);
    if (successText) store.say(successText);
    return true;
  } catch (e) {
    // "not connected" goes away by itself once the socket is live again
    store.say(e.message, e.code === 'offline' ? 'offline' : 'error');
    return false;
  }
}

async function exportMarkdown() {
  // the agreement it was asked for: an accepted improvement makes it stale, and the view asks again
  const agreementSeq = store.view.agreement?.seq;
  try {
    store.setMarkdown({ text: await api.agreementMarkdown(store.roomId, store.token), agreementSeq });
  } catch (e) {
    store.say(e.message, 'error');
  }
}

const replayActions = replayControls(store, {
  stopped: () => {
    if (store.role === 'mediator') setMode('live');
  },
});

const ctx = {
  readOnly: false,
  roomId: () => store.roomId,
  role: () => store.role,
  live: () => store.connection.state === 'live',
  send,
  say: (text, kind) => store.say(text, kind),
  exportMarkdown,
  jump: (seq) => {
    if (store.role === 'mediator') setMode('replay');
    replayActions.goTo(seq);
    $('replay-section')?.scrollIntoView({ block: 'start' });
    $('scrubber')?.focus();
  },
  counter: (ref) => mounted?.builder?.counter(ref),
  tradeOn: (ref) => mounted?.builder?.tradeOn(ref),
  // the agreement document tells a party to verify the log: the download sits beside it
  downloadLog: () => analysisActions.downloadLog(),
};

// A mediator's analysis: refetched after new events, one request at a time, the latest wins.
let analysisLoading = false;
let analysisStale = false;
async function refreshAnalysis() {
  if (store.role !== 'mediator') return;
  if (analysisLoading) {
    analysisStale = true;
    return;
  }
  analysisLoading = true;
  const room = store.roomId;
  try {
    const data = await api.analysis(room, store.token);
    if (room === store.roomId) store.setAnalysis({ data, error: null });
  } catch (e) {
    if (room === store.roomId) store.setAnalysis({ data: store.analysis.data, error: e.message });
  } finally {
    analysisLoading = false;
    if (analysisStale) {
      analysisStale = false;
      refreshAnalysis();
    }
  }
}

const analysisActions = {
  printReport: () => desk.printReport(),
  downloadLog: async () => {
    try {
      const text = await api.exportLog(store.roomId, store.token);
      const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
      const link = h('a', { href: url, download: `room-${store.roomId}-${store.role}.ndjson` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      store.say('The log is downloaded. Check it with: java -jar room-server.jar verify FILE');
    } catch (e) {
      store.say(e.message, 'error');
    }
  },
};

let refetching = null;
let refetchAgain = false;
async function refetchAll() {
  // A party unsealed (a mediator now sees its utilities in every past event too), or erased
  // (every role now sees its past submissions marked erased). A second such event while the
  // history is on its way asks again once it is in: the answer in flight may predate it (both
  // parties unsealing a moment apart left the second party's past scores out).
  if (refetching) {
    refetchAgain = true;
    return;
  }
  refetchAgain = false;
  refetching = api.events(store.roomId, store.token, 0)
    .then((events) => store.rebuild(events))
    .catch((e) => store.say(e.message, 'error'))
    .finally(() => {
      refetching = null;
      if (refetchAgain) refetchAll();
    });
}

async function fillGap(after) {
  try {
    const events = await api.events(store.roomId, store.token, after);
    for (const e of events) store.receive(e);
  } catch (e) {
    store.say(e.message, 'error');
  }
}

function onEvent(frame) {
  attention.event(frame, store);
  // a mediator's notices: only for what arrives live, not for the history read on joining
  const fresh = store.role === 'mediator' && store.connection.state === 'live' && frame.seq > store.lastSeq();
  const gap = store.receive(frame);
  if (fresh && notices.add(frame, store.view)) scheduleRender();
  if (gap !== null) fillGap(gap);
  refreshAnalysis();
  const pastChanged = frame.kind === 'PrivateDataErased' || (frame.kind === 'InterestsUnsealed' && store.role === 'mediator');
  if (pastChanged && store.connection.state === 'live') refetchAll();
}

async function joinRoom({ room, token }) {
  connection?.close();
  connection = null;
  replayActions.pause();
  store.reset();
  notices = new DeskNotices();
  show('room');
  replace($('room-title'), 'Joining the room…');
  let view;
  try {
    view = await api.room(room, token);
  } catch (e) {
    const text = e instanceof ApiError && e.status === 401
      ? 'This invite link is not valid: the room refused its token. Ask for the link again.'
      : e instanceof ApiError && e.status === 404
        ? 'There is no such room. Check the link.'
        : e.message;
    replace($('room-title'), 'Cannot join the room');
    store.say(text, 'error');
    $('room-body').hidden = true;
    return;
  }
  $('room-body').hidden = false;
  store.joined(room, token, view.role);
  mountViews(view.agenda?.parties ?? view.parties.map((p) => p.name), view.names);
  connection = new RoomConnection({
    roomId: room,
    token,
    lastSeq: () => store.lastSeq(),
    onEvent,
    onState: (state, detail) => store.setConnection(state, detail),
    onPresence: (presence) => store.setPresence(presence),
  });
  connection.open();
}

let mode = 'live';

/** Live room or replay, for a mediator: the replay is a mode of its own, not a copy above the room. */
function setMode(next) {
  mode = next;
  document.body.classList.remove('print-report');
  for (const el of document.querySelectorAll('[data-step-section], [data-unsealed-section], [data-chart], [data-parties]')) {
    const section = el.closest('section');
    if (section) section.classList.toggle('mode-hidden', mode === 'replay');
  }
  $('replay-section').classList.toggle('mode-hidden', mode === 'live');
  $('analysis-section').classList.toggle('mode-hidden', mode === 'live');
  for (const b of document.querySelectorAll('[data-mode]')) b.setAttribute('aria-pressed', String(b.dataset.mode === mode));
}

const desk = mountDesk(store, { get: () => mode, set: (next) => setMode(next) });

function mountModeSwitch() {
  const button = (value, text) => h('button', { type: 'button', data: { mode: value }, on: { click: () => setMode(value) } }, text);
  $('mode-switch').replaceChildren(
    h('span', { class: 'muted', text: 'Show: ' }),
    button('live', 'The live room'),
    button('replay', 'Replay and analysis'));
  setMode('live');
}

function mountViews(parties, names) {
  const party = store.role !== 'mediator';
  $('interests-section').hidden = !party;
  $('unsealed-section').hidden = party;
  $('builder').hidden = !party;
  $('analysis-section').hidden = party;
  document.getElementById('h-chart').textContent = party ? 'Your score across the session' : 'The parties\' scores across the session';
  // a mediator has two modes: the live room, and the replay with the session analysis
  if (!party) $('replay-section').parentElement.prepend($('replay-section'));
  if (!party) $('replay-section').after($('analysis-section'));
  $('mode-switch').hidden = party;
  $('room-body').dataset.viewer = party ? 'party' : 'mediator';
  $('desk-notices')?.remove();
  $('keep-room-box')?.remove();
  $('parties').after(h('div', { data: { keepRoomBox: '' } }));
  if (!party) $('next-action').after(h('div', { class: 'desk-notices', data: { deskNotices: '' }, role: 'status', 'aria-live': 'polite', hidden: true }));
  if (!party) mountModeSwitch();
  mounted = {
    interests: party ? mountInterests($('interests'), ctx) : null,
    builder: party ? mountOfferBuilder($('builder'), ctx) : null,
    replay: mountReplay($('replay'), store, replayActions),
    amendments: mountAmendments($('amendments'), ctx),
    suggest: party ? null : mountSuggest($('suggest'), ctx),
  };
  mountNoteForm($('notes'), ctx, { role: store.role, parties, names });
}

let scheduled = false;
function scheduleRender() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    render();
  });
}

let messageTimer = null;
let messageShown = null;
function renderMessage() {
  // a confirmation goes away by itself; an error stays until the next message
  if (store.message !== messageShown && store.message?.kind === 'info') {
    clearTimeout(messageTimer);
    const shown = store.message;
    messageTimer = setTimeout(() => {
      if (store.message === shown) {
        store.message = null;
        scheduleRender();
      }
    }, 8000);
  }
  messageShown = store.message;
  const el = $('message');
  const m = store.message;
  el.dataset.kind = m?.kind ?? '';
  el.textContent = m ? m.text : '';
}

// The log's head for the agreement document: asked once per event seen after the agreement.
let headLoading = false;
function refreshHead(view) {
  if (!view.agreement || headLoading || store.head?.seq === view.seq) return;
  headLoading = true;
  const room = store.roomId;
  const seq = view.seq;
  api.room(room, store.token)
    .then((v) => { if (room === store.roomId) store.setHead({ seq, hash: v.head }); })
    .catch(() => { /* the document shows "loading…" until the next event asks again */ })
    .finally(() => { headLoading = false; });
}

function render() {
  renderMessage();
  if (!mounted) return;
  const view = store.view;
  renderConnection($('connection'), store.connection);
  $('retry').hidden = store.connection.state !== 'offline';
  replace($('room-title'), view.title || 'Loading…');
  replace($('role'), store.role === 'mediator' ? 'a mediator' : `party "${nameOf(view, store.role)}"`);
  renderPrivacyLevel($('privacy-level'), view);
  attention.title(`${notices.unread ? `(${notices.unread} new) ` : ''}${view.title || 'Room'} (${store.role}) · Negotiation rooms`);
  if (store.role === 'mediator') notices.render($('desk-notices'), { show: (n) => desk.showNotice(n), changed: scheduleRender });
  renderPresence($('presence'), view, store.presence);
  renderSteps($('steps'), view, store.connection);
  renderNextAction($('next-action'), view, store.connection);
  renderAgreementBanner($('agreement-banner'), view, () => goToStep('agreement'));
  renderAgenda($('agenda'), view);
  mounted.amendments.update(view);
  mounted.suggest?.update(view);
  renderParties($('parties'), view, ctx);
  renderKeepRoom($('keep-room-box'), store, view);
  refreshKeptRoom(store, view);
  mounted.interests?.update(view);
  if (store.role === 'mediator') renderUnsealed($('unsealed'), view, ctx);
  if (store.role === 'mediator') renderAnalysis($('analysis'), store.analysis, view, analysisActions);
  renderProposals($('proposals'), view, ctx);
  renderOffers($('offers'), view, ctx);
  mounted.builder?.update(view);
  renderAgreement($('agreement-view'), view, ctx, store);
  refreshHead(view);
  renderChart($('chart'), view);
  renderLog($('log'), store.events, view, ctx);
  mounted.replay.update();
}

store.addEventListener('change', scheduleRender);

function start() {
  const r = route();
  if (r) {
    joinRoom(r);
  } else {
    connection?.close();
    connection = null;
    mounted = null;
    store.reset();
    show('create');
    // the rooms kept on this device, and why an address without its key opened no room
    if (!$('room-list')) $('create').before(h('div', { data: { roomList: '' } }));
    renderRoomList($('room-list'), { missingKeyFor: new URLSearchParams(location.hash.slice(1)).get('room') });
    mountCreate($('create'));
    scheduleRender();
  }
}

$('retry').addEventListener('click', () => connection?.retryNow());
window.addEventListener('hashchange', start);
start();
