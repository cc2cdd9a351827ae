// The rooms this browser keeps, by the person's explicit choice: each room's link (with its key),
// title, parties, last activity and state, listed on the start page. Nothing is kept unless the
// person ticks "Keep this room on this device" in the room.
import { h, replace, uid } from '../dom.js';
import { nameOf } from '../format.js';

const KEY = 'rooms-on-this-device';

function load() {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list : [];
  } catch (e) {
    return []; // storage refused or unreadable: no list
  }
}

function save(list) {
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
    return true;
  } catch (e) {
    return false;
  }
}

export function keptRoom(room) {
  return load().find((r) => r.room === room) ?? null;
}

function stateWords(view) {
  if (view.agreement) return `agreement on ${view.agreement.ref}`;
  if (view.round > 0) return `negotiating (round ${view.round})`;
  return 'getting started';
}

/** Keeps the entry of a kept room up to date (title, activity, state); a room not kept is left alone. */
export function refreshKeptRoom(store, view) {
  const list = load();
  const entry = list.find((r) => r.room === store.roomId);
  if (!entry || !view.agenda) return;
  const last = store.events[store.events.length - 1];
  const next = {
    ...entry,
    title: view.title,
    parties: view.parties.map((p) => nameOf(view, p.name)),
    lastActivity: last?.at ?? entry.lastActivity,
    state: stateWords(view),
  };
  if (JSON.stringify(next) !== JSON.stringify(entry)) save(list.map((r) => (r.room === store.roomId ? next : r)));
}

/** The room's own choice: keep it in this device's list, or not. */
export function renderKeepRoom(el, store, view) {
  if (el.dataset.room === store.roomId) return; // built once per room: a re-render would lose a click
  el.dataset.room = store.roomId;
  const id = uid('keep');
  const box = h('input', { type: 'checkbox', id, data: { keepRoom: '' }, checked: Boolean(keptRoom(store.roomId)),
    on: { change: () => {
      const others = load().filter((r) => r.room !== store.roomId);
      const kept = box.checked
        ? save([{ room: store.roomId, token: store.token, role: store.role, title: store.view.title, parties: [], state: '', lastActivity: null }, ...others])
        : save(others);
      if (!kept) {
        box.checked = false;
        store.say('This browser refuses to keep anything (private mode or storage settings).', 'error');
        return;
      }
      refreshKeptRoom(store, store.view);
      store.say(box.checked ? 'This room is in the list on this device.' : 'This room is no longer kept on this device.');
    } } });
  replace(el,
    h('div', { class: 'keep-room' }, box, ' ', h('label', { for: id, text: 'Keep this room in the list on this device' })),
    h('p', { class: 'small muted', text: 'The start page then lists it, with its link. The link includes your key to the room: anyone using this browser could open it. Untick to forget it.' }));
}

function dateText(iso) {
  if (!iso) return 'no activity yet';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The start page's part: why an address without a key does not open a room (and how to get the
 * link back), and the rooms kept on this device.
 */
export function renderRoomList(el, { missingKeyFor }) {
  const list = load();
  const kept = missingKeyFor ? list.find((r) => r.room === missingKeyFor) : null;
  const forget = (room) => {
    save(load().filter((r) => r.room !== room));
    renderRoomList(el, { missingKeyFor });
  };
  replace(el,
    missingKeyFor ? h('div', { class: 'notice', role: 'alert', data: { missingKey: '' } },
      h('p', {}, h('strong', { text: 'This address names a room but not your key to it, so the room cannot open.' })),
      h('p', { text: 'An invite link holds both, as #room=…&token=…. The app takes the key out of the address bar once the room opens (so a shared screen or a bookmark does not show it), which is why a bookmark of the room\'s address does not open it.' }),
      kept
        ? h('p', {}, 'This room is kept on this device: ', h('a', { href: `#room=${encodeURIComponent(kept.room)}&token=${encodeURIComponent(kept.token)}`, data: { keptLink: kept.room }, text: `open "${kept.title || kept.room}"` }), '.')
        : h('p', { text: 'To get the link back, ask the person who created the room: they received every invite link. Next time, tick "Keep this room in the list on this device" in the room.' })) : null,
    list.length ? h('section', { class: 'card', 'aria-labelledby': 'h-kept-rooms', data: { keptRooms: '' } },
      h('h2', { id: 'h-kept-rooms', text: 'Your rooms on this device' }),
      h('ul', { class: 'kept-rooms' }, list.map((r) => h('li', { data: { keptRoom: r.room } },
        h('a', { href: `#room=${encodeURIComponent(r.room)}&token=${encodeURIComponent(r.token)}`, text: r.title || r.room }),
        ` — ${r.parties?.length ? r.parties.join(', ') : 'parties not known yet'}; you are ${r.role === 'mediator' ? 'a mediator' : `"${r.role}"`}; ${r.state || 'state not known yet'}; last activity: ${dateText(r.lastActivity)}. `,
        h('button', { type: 'button', class: 'small link', data: { forgetRoom: r.room }, on: { click: () => forget(r.room) } }, 'Forget')))),
      h('p', { class: 'small muted', text: 'Kept in this browser only, because you chose to keep each room.' })) : null);
}
