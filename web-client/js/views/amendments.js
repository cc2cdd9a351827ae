// Agenda amendments (protocol 1.1): the open and past amendments with their answers, and a
// form to widen the agenda from the tradeables library or with an issue of one's own.
import { h, replace, uid } from '../dom.js';
import { TRADEABLES } from '../tradeables.js';
import { nameOf } from '../format.js';

const STATUS_WORDS = { proposed: 'waiting for answers', agreed: 'on the agenda now', stale: 'overtaken by another amendment' };

/** One change of an amendment in words: 'add "Go-live date" (1 April · 1 March)'. */
export function changeWords(agenda, c) {
  if (c.addIssue) return `add "${c.addIssue.label}" (${c.addIssue.options ? c.addIssue.options.join(' · ') : `${c.addIssue.range.min} to ${c.addIssue.range.max}`})`;
  const issue = agenda.issues.find((i) => i.id === c.addOptions.issue);
  return `add ${c.addOptions.options.join(', ')} to "${issue?.label ?? c.addOptions.issue}"`;
}

/** What of an overtaken amendment is still missing from the agenda as it stands, or nothing. */
function stillMissing(agenda, changes) {
  return changes.flatMap((c) => {
    if (c.addIssue) return agenda.issues.some((i) => i.id === c.addIssue.id) ? [] : [c];
    const issue = agenda.issues.find((i) => i.id === c.addOptions.issue);
    const options = c.addOptions.options.filter((o) => !issue?.options?.includes(o));
    return issue && options.length ? [{ addOptions: { ...c.addOptions, options } }] : [];
  });
}

function amendmentCard(view, ctx, a) {
  const party = view.role !== 'mediator';
  const mine = view.answers[a.ref]?.[view.role];
  const waitingFor = view.parties.filter((p) => view.answers[a.ref]?.[p.name] !== 'accepted').map((p) => nameOf(view, p.name));
  const live = ctx.live?.();
  return h('li', { class: `amendment ${a.status}`, data: { amendment: a.ref } },
    h('p', {}, h('strong', { text: `${a.ref}: ${a.party === view.role ? 'you' : nameOf(view, a.party)} proposed to ` }), a.changes.map((c) => changeWords(view.agenda, c)).join('; '), '.'),
    a.reason ? h('p', { class: 'muted', text: `Why: ${a.reason}` }) : null,
    h('p', { class: 'status', text: a.status === 'proposed' ? `Waiting for: ${waitingFor.join(', ') || 'nobody'}` : STATUS_WORDS[a.status] }),
    a.status === 'proposed' && party && !ctx.readOnly && mine !== 'accepted'
      ? h('div', { class: 'answer-buttons' },
          h('button', { type: 'button', class: 'primary', disabled: !live, data: { key: `accept-${a.ref}`, acceptAmendment: a.ref },
            on: { click: () => ctx.send({ type: 'accept', ref: a.ref }, `You accepted ${a.ref}.`) } }, 'Accept: add it to the agenda'),
          h('small', { class: 'muted', text: 'Not for you? Leave it unanswered: it never applies without every party.' }))
      : null,
    a.status === 'stale' && a.party === view.role && !ctx.readOnly && stillMissing(view.agenda, a.changes).length
      ? h('p', {}, h('button', { type: 'button', disabled: !live, data: { key: `again-${a.ref}`, proposeAgain: a.ref }, on: { click: () => {
          const command = { type: 'amend', changes: stillMissing(view.agenda, a.changes) };
          if (a.reason) command.reason = a.reason;
          ctx.send(command, `You proposed ${a.ref}'s additions again, on the agenda as it stands.`);
        } } }, 'Propose it again on the current agenda'))
      : null);
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'issue';
}

/** The "widen the agenda" form, kept across renders (it holds what the person is typing). */
export function mountAmendmentForm(ctx) {
  const pickId = uid('trade');
  const labelId = uid('label');
  const optionsId = uid('opts');
  const reasonId = uid('reason');
  const pick = h('select', { id: pickId, data: { tradeable: '' } },
    h('option', { value: '', text: '— choose one, or write your own —' }),
    TRADEABLES.map((t) => h('option', { value: t.id, text: t.label })));
  const label = h('input', { id: labelId, type: 'text', maxlength: 200, data: { amendLabel: '' } });
  const options = h('textarea', { id: optionsId, rows: 3, data: { amendOptions: '' } });
  const reason = h('input', { id: reasonId, type: 'text', maxlength: 500, data: { amendReason: '' } });
  let agenda = null;
  pick.addEventListener('change', () => {
    const t = TRADEABLES.find((x) => x.id === pick.value);
    if (!t) return;
    label.value = t.label;
    options.value = t.options.join('\n');
    drawDrafted();
  });
  // Several issues travel in ONE amendment: proposed one by one, accepting the first would
  // leave the others stale (made on the earlier agenda), so they are gathered here first.
  const drafted = [];
  const draftList = h('ol', { class: 'drafted', data: { draftedChanges: '' } });
  const submit = h('button', { type: 'submit', data: { proposeAmendment: '' } }, 'Propose adding it');

  function issueId(text, taken) {
    const chosen = TRADEABLES.find((x) => x.id === pick.value && x.label === text);
    let id = chosen ? chosen.id : slug(text);
    while (agenda?.issues.some((i) => i.id === id) || taken.includes(id)) id = `${id.slice(0, 36)}-${Math.floor(Math.random() * 900 + 100)}`;
    return id;
  }

  /** The issue typed in the fields, or null when they are empty; a problem when half filled. */
  function typed() {
    const text = label.value.trim();
    const opts = options.value.split('\n').map((o) => o.trim()).filter(Boolean);
    if (!text && !opts.length) return { change: null };
    if (!text || opts.length < 2) return { problem: 'Give the new issue a name and at least two options, one per line.' };
    if (drafted.some((c) => c.addIssue.label === text)) return { problem: `"${text}" is already in this proposal.` };
    return { change: { addIssue: { id: issueId(text, drafted.map((c) => c.addIssue.id)), label: text, options: opts } } };
  }

  function clearFields() {
    pick.value = '';
    label.value = '';
    options.value = '';
  }

  function drawDrafted() {
    replace(draftList, drafted.map((c, i) => h('li', {},
      `${c.addIssue.label} (${c.addIssue.options.join(' · ')}) `,
      h('button', { type: 'button', class: 'link', data: { removeChange: i }, on: { click: () => { drafted.splice(i, 1); drawDrafted(); } } }, `Remove ${c.addIssue.label}`))));
    draftList.hidden = drafted.length === 0;
    submit.textContent = drafted.length ? `Propose these ${drafted.length + (label.value.trim() ? 1 : 0)} additions as one change` : 'Propose adding it';
  }

  const addAnother = h('button', { type: 'button', data: { addChange: '' }, on: { click: () => {
    const { change, problem } = typed();
    if (problem) return ctx.say(problem, 'error');
    if (!change) return ctx.say('Fill in the issue to add first.', 'error');
    drafted.push(change);
    clearFields();
    drawDrafted();
    label.focus();
  } } }, 'Add another issue to this proposal');
  label.addEventListener('input', drawDrafted);

  const form = h('form', { class: 'amend-form', data: { amendForm: '' }, on: { submit: async (e) => {
    e.preventDefault();
    const { change, problem } = typed();
    if (problem) return ctx.say(problem, 'error');
    const changes = change ? [...drafted, change] : [...drafted];
    if (!changes.length) return ctx.say('Give the new issue a name and at least two options, one per line.', 'error');
    const command = { type: 'amend', changes };
    if (reason.value.trim()) command.reason = reason.value.trim();
    const names = changes.map((c) => `"${c.addIssue.label}"`).join(', ');
    if (await ctx.send(command, `You proposed adding ${names} to the agenda. Every party must accept it.`)) {
      drafted.length = 0;
      clearFields();
      reason.value = '';
      drawDrafted();
    }
  } } },
  h('p', { class: 'muted', text: `Stuck on one issue? Expand the pie before dividing it: add a term that ${ctx.role?.() === 'mediator'
    ? 'costs one side little and may be worth a lot to another' : 'costs you little and may be worth a lot to the other side'}. Every party must accept the change. Several issues go in one proposal, accepted or not as a whole.` }),
  h('div', { class: 'field' }, h('label', { for: pickId, text: 'Tradeables library' }), pick),
  h('div', { class: 'row' },
    h('div', { class: 'field' }, h('label', { for: labelId, text: 'Issue to add' }), label),
    h('div', { class: 'field grow' }, h('label', { for: reasonId, text: 'Why (optional, everyone sees it)' }), reason)),
  h('div', { class: 'field' }, h('label', { for: optionsId, text: 'Its options, one per line' }), options),
  draftList,
  h('p', { class: 'row' }, addAnother, submit));
  drawDrafted();
  const root = h('details', { class: 'builder', data: { amendBuilder: '' } }, h('summary', { text: 'Add to the agenda' }), form);
  return { el: root, setAgenda: (a) => { agenda = a; } };
}

/** Mounts the amendments list and, for whoever may amend, the form below it. */
export function mountAmendments(container, ctx) {
  const list = h('div', { data: { amendmentList: '' } });
  const form = ctx.readOnly ? null : mountAmendmentForm(ctx);
  container.replaceChildren(list, form ? form.el : '');
  return {
    update(view) {
      if (!view.agenda) return replace(list);
      form?.setAgenda(view.agenda);
      replace(list,
        view.agendaVersion > 1 ? h('p', { class: 'muted', text: `Agenda version ${view.agendaVersion}: offers and proposals made on an earlier version can no longer be accepted.` }) : null,
        view.amendments.length ? h('ol', { class: 'amendments plain' }, [...view.amendments].reverse().map((a) => amendmentCard(view, ctx, a))) : null);
    },
  };
}
