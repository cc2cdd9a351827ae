// The mediator's desk wiring: where a notice leads, how the analysis opens, the printed session
// report, and the header's links in the replay mode (which hides the live sections they point to).
import { h } from './dom.js';
import { renderReport } from './views/report.js';

const $ = (hook) => document.querySelector(`[data-${hook}]`);

function focusHeading(section) {
  section.scrollIntoView({ block: 'start' });
  const heading = section.querySelector('h2');
  heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
}

/** `modes` gives the current mode and switches it ('live' or 'replay'). */
export function mountDesk(store, modes) {
  /** A mediator's analysis, in the replay mode: where a finished session is read. */
  function openAnalysis() {
    modes.set('replay');
    focusHeading($('analysis-section'));
  }

  // The header's links lead to live sections, hidden in the replay mode: they first go back to the
  // live room. A mediator's "Go there" once there is an agreement opens the analysis instead.
  document.addEventListener('click', (e) => {
    const link = store.role === 'mediator' ? e.target.closest?.('[data-next-go], [data-banner-read], [data-step-link]') : null;
    if (!link) return;
    if (link.matches('[data-next-go]') && store.view.agreement) {
      e.stopPropagation();
      openAnalysis();
    } else if (modes.get() === 'replay') {
      modes.set('live');
    }
  }, true);

  return {
    openAnalysis,
    /** A notice's event: the analysis for an agreement, else the event in the room's log (which may sit below the fold). */
    showNotice(notice) {
      if (notice.kind === 'agreement') return openAnalysis();
      const entry = document.querySelector(`[data-event-log] [data-seq="${notice.seq}"]`);
      if (!entry) return undefined;
      entry.setAttribute('tabindex', '-1');
      entry.scrollIntoView({ block: 'center' });
      entry.focus({ preventScroll: true });
      return undefined;
    },
    /** The session report is printed alone (app.css): the class says so until the next mode switch. */
    printReport() {
      let el = $('session-report');
      if (!el) {
        el = h('article', { class: 'session-report', data: { sessionReport: '' } });
        document.body.append(el);
      }
      renderReport(el, store.analysis, store.view, store.events);
      document.body.classList.add('print-report');
      window.print();
    },
  };
}
