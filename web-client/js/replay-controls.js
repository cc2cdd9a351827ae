// The replay's controls: go to an event, step, play and stop. Only the latest state?at=N
// request counts: an answer to an earlier one that arrives late is dropped.
import { api } from './api.js';

const PLAY_EVERY_MS = 1200;

/** The controls over `store`'s replay; `stopped` runs after the replay is closed. */
export function replayControls(store, { stopped }) {
  let timer = null;
  let latest = 0;

  async function goTo(seq, playing = store.replay?.playing ?? false) {
    const last = store.lastSeq();
    if (!last) return;
    const target = Math.max(1, Math.min(last, seq));
    const request = ++latest;
    store.setReplay({ ...(store.replay ?? {}), seq: target, playing, loading: true, view: store.replay?.view ?? null, error: null });
    try {
      const view = await api.stateAt(store.roomId, store.token, target);
      if (request !== latest || !store.replay) return;
      store.setReplay({ ...store.replay, view, loading: false });
    } catch (e) {
      if (request !== latest || !store.replay) return;
      store.setReplay({ ...store.replay, loading: false, error: e.message });
    }
  }

  function pause() {
    clearInterval(timer);
    timer = null;
    if (store.replay) store.setReplay({ ...store.replay, playing: false });
  }

  return {
    pause,
    goTo: (seq) => {
      pause();
      goTo(seq, false);
    },
    step: (by) => {
      pause();
      goTo((store.replay?.seq ?? store.lastSeq()) + by, false);
    },
    togglePlay: () => {
      if (store.replay?.playing) return pause();
      const start = !store.replay || store.replay.seq >= store.lastSeq() ? 1 : store.replay.seq;
      goTo(start, true);
      timer = setInterval(() => {
        if (!store.replay || store.replay.seq >= store.lastSeq()) return pause();
        goTo(store.replay.seq + 1, true);
      }, PLAY_EVERY_MS);
      return undefined;
    },
    stop: () => {
      pause();
      latest++;
      store.setReplay(null);
      stopped();
    },
  };
}
