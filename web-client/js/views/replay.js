// Replay: a scrubber over the event log that shows the room as it stood after each event
// (state?at=N), with play/pause and step buttons.
import { h, replace, uid } from '../dom.js';
import { describe } from './log.js';
import { renderParties } from './room.js';
import { renderProposals } from './proposals.js';
import { renderOffers } from './offers.js';
import { renderAgreement } from './agreement.js';
import { renderChart } from './chart.js';

/**
 * The server's view of a past moment, with what this client reads from the log up to that moment
 * and the view does not carry: rejection reasons, when each party accepted, and the seq of the
 * round's proposals (so the chart draws every package in the order it came to the table).
 */
function withLogDetails(view, events) {
  const out = { ...view, reasons: {}, acceptedAt: {}, packages: { ...view.packages } };
  for (const e of events) {
    if (e.seq > view.seq) break;
    const d = e.data ?? {};
    if (e.kind === 'Rejected') out.reasons[d.ref] = { ...(out.reasons[d.ref] ?? {}), [d.party]: d.reason };
    if (e.kind === 'Accepted') out.acceptedAt[d.ref] = { ...(out.acceptedAt[d.ref] ?? {}), [d.party]: e.at };
    if (e.kind === 'ProposalsComputed') {
      for (const p of d.packages ?? []) {
        if (out.packages[p.ref] && !Number.isInteger(out.packages[p.ref].seq)) out.packages[p.ref] = { ...out.packages[p.ref], seq: e.seq };
      }
    }
  }
  return out;
}

export function mountReplay(root, store, actions) {
  const sliderId = uid('scrub');
  const slider = h('input', { id: sliderId, type: 'range', min: 1, max: 1, step: 1, value: 1, data: { scrubber: '' },
    'aria-describedby': `${sliderId}-pos`,
    on: { input: () => actions.goTo(Number(slider.value)) } });
  const position = h('p', { id: `${sliderId}-pos`, class: 'position', 'aria-live': 'polite', data: { replayPosition: '' } });
  const play = h('button', { type: 'button', data: { replayPlay: '' }, on: { click: () => actions.togglePlay() } }, 'Play');
  const prev = h('button', { type: 'button', data: { replayPrev: '' }, on: { click: () => actions.step(-1) } }, 'Previous step');
  const next = h('button', { type: 'button', data: { replayNext: '' }, on: { click: () => actions.step(1) } }, 'Next step');
  const live = h('button', { type: 'button', data: { replayLive: '' }, on: { click: () => actions.stop() } }, 'Back to live');
  const body = h('div', { class: 'replay-body', data: { replayView: '' } });
  root.replaceChildren(
    h('p', { text: 'Step through the room\'s history: the room as it stood just after each event, as your role sees it. Use the slider (arrow keys step one event), the buttons, or "Replay to" in the log.' }),
    h('div', { class: 'field' }, h('label', { for: sliderId, text: 'Event' }), slider),
    h('div', { class: 'row wrap' }, prev, play, next, live),
    position,
    body);

  return {
    update() {
      const last = store.lastSeq();
      const replay = store.replay;
      slider.max = String(Math.max(1, last));
      slider.disabled = last === 0;
      if (!replay) {
        slider.value = String(last);
        position.textContent = last ? `Showing the live room (event ${last} of ${last}). Move the slider to go back in time.` : 'Nothing to replay yet.';
        play.textContent = 'Play from the start';
        live.disabled = true;
        replace(body);
        return;
      }
      slider.value = String(replay.seq);
      live.disabled = false;
      play.textContent = replay.playing ? 'Pause' : 'Play';
      play.setAttribute('aria-pressed', String(Boolean(replay.playing)));
      const event = store.events.find((e) => e.seq === replay.seq);
      position.textContent = `After event ${replay.seq} of ${last}${event ? `: ${describe(event, store.view)}` : ''}${replay.loading ? ' (loading…)' : ''}`;
      if (replay.error) return replace(body, h('p', { class: 'problems', text: replay.error }));
      const view = replay.view && withLogDetails(replay.view, store.events);
      if (!view) return;
      const ctx = { readOnly: true };
      const section = (title, render) => {
        const el = h('div');
        render(el);
        return h('section', { class: 'replay-part' }, h('h3', { text: title }), el);
      };
      replace(body,
        h('p', { class: 'notice', text: `The room as it stood just after event ${view.seq}. Read-only.` }),
        section('Parties', (el) => renderParties(el, view, ctx)),
        section('Proposals', (el) => renderProposals(el, view, ctx)),
        section('Offers and trades', (el) => renderOffers(el, view, ctx)),
        section('Agreement', (el) => renderAgreement(el, view, ctx, store)),
        section('Utility chart', (el) => renderChart(el, view)));
    },
  };
}
