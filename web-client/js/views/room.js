// The room's public frame: title, who I am, the agenda, and the parties.
import { h, replace } from '../dom.js';
import { nameOf, optionsOf } from '../format.js';
import { narrowingPanel } from './privacy.js';

const CONNECTION_WORDS = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  live: 'Connected: live',
  offline: 'Connection lost',
  error: 'Connection problem',
};

export function renderConnection(el, connection) {
  el.dataset.state = connection.state;
  el.textContent = CONNECTION_WORDS[connection.state] + (connection.detail ? `. ${connection.detail}` : '');
}

export function renderAgenda(container, view) {
  const agenda = view.agenda;
  if (!agenda) return replace(container, h('p', { text: 'Loading the agenda…' }));
  replace(container,
    h('table', { class: 'agenda' },
      h('caption', { text: 'Agenda: the issues on the table (public)' }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Issue' }), h('th', { scope: 'col', text: 'Options' }))),
      h('tbody', {}, agenda.issues.map((issue) => h('tr', {},
        h('th', { scope: 'row', text: issue.label }),
        h('td', { text: issue.range
          ? `${issue.range.min} to ${issue.range.max}${issue.unit ? ' ' + issue.unit : ''}, in steps of ${issue.range.step} (${optionsOf(issue).length} values)`
          : issue.options.join(' · ') }))))));
}

export function renderParties(container, view, ctx) {
  const items = view.parties.map((p) => {
    const status = p.interestsVersion > 0 ? `interests submitted (version ${p.interestsVersion})` : 'no interests yet';
    const narrowed = view.narrowed?.[p.name];
    return h('li', { data: { party: p.name } },
      h('strong', { text: nameOf(view, p.name) }),
      p.name === view.role ? ' (you)' : '',
      `: ${status}`,
      p.erased ? '; private data erased' : '',
      p.unsealed ? '; unsealed for mediators' : '',
      Number.isInteger(narrowed) ? `; chose a finer privacy band (${narrowed === 0 ? 'exact' : `${narrowed / 100} points`})` : '');
  });
  const me = view.parties.find((p) => p.name === view.role);
  const unseal = me && !me.unsealed && !ctx.readOnly
    ? h('p', {},
        h('button', { type: 'button', data: { key: 'unseal', unseal: '' }, on: { click: () => {
          if (confirm('Let mediators see your interests and your scores, in every view including the past? Only erasing your private data withdraws this.')) {
            ctx.send({ type: 'unseal' }, 'Mediators can now see your interests.');
          }
        } } }, 'Unseal my interests for mediators'),
        h('small', { class: 'block', text: 'Mediators then see your interests and scores; the other parties never do.' }))
    : null;
  // after a round that showed this party nothing, the proposals step offers it instead
  const nothingShown = view.zopa === false && !view.roundSafeOffers?.length && !view.agreement;
  replace(container,
    h('ul', { class: 'parties' }, items),
    view.role === 'mediator' ? h('p', { class: 'muted', text: 'You are a mediator: you follow the room and can add notes, but you do not accept or offer.' }) : null,
    unseal,
    me && !nothingShown ? narrowingPanel(view, ctx, { prominent: false }) : null);
}
