// Creating a room: an agenda editor with templates, then the invite links, shown once.
import { h, replace, uid } from '../dom.js';
import { TEMPLATES, blankAgenda } from '../templates.js';
import { api } from '../api.js';
import { PRIVACY_LEVELS } from '../format.js';

const NAME = /^[a-z0-9_-]{1,32}$/;
const ISSUE_ID = /^[a-z0-9_-]{1,40}$/;

/** "Buyer Co" -> "buyer-co": an id the protocol takes, close to what was typed. */
function suggestedId(text) {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32) || 'party';
}

function clone(x) {
  return JSON.parse(JSON.stringify(x));
}

/** Turns the editor's draft (options as text lines) into an agenda, or a list of problems. */
export function agendaFromDraft(draft) {
  const problems = [];
  const title = draft.title.trim();
  if (!title) problems.push('Give the room a title.');
  const parties = draft.parties.map((p) => p.trim()).filter(Boolean);
  if (parties.length < 2 || parties.length > 8) problems.push('A room has 2 to 8 parties.');
  draft.parties.forEach((raw, i) => {
    const p = raw.trim();
    if (p && !NAME.test(p)) problems.push(`Party ${i + 1} id "${p}": an id goes into the invite link, so it takes only lowercase letters, digits, "-" or "_" (1 to 32), for example "${suggestedId(p)}". Put "${p}" as the display name beside it: everyone sees that instead.`);
    if (p === 'mediator') problems.push('"mediator" is a role of its own, not a party name.');
  });
  if (new Set(parties).size !== parties.length) problems.push('Party names must be distinct.');
  if (draft.issues.length < 1 || draft.issues.length > 50) problems.push('An agenda has 1 to 50 issues.');
  const issues = draft.issues.map((d, i) => {
    const n = i + 1;
    const id = d.id.trim();
    const label = d.label.trim() || id;
    if (!ISSUE_ID.test(id)) problems.push(`Issue ${n}: its id must be 1 to 40 lowercase letters, digits, "-" or "_".`);
    const issue = { id, label };
    if (d.unit.trim()) issue.unit = d.unit.trim();
    if (d.kind === 'range') {
      const min = Number(d.min);
      const max = Number(d.max);
      const step = Number(d.step);
      if (![min, max, step].every(Number.isInteger)) problems.push(`Issue ${n} (${label}): minimum, maximum and step must be whole numbers.`);
      else if (step <= 0 || max <= min) problems.push(`Issue ${n} (${label}): the maximum must be above the minimum and the step above 0.`);
      else if ((max - min) % step !== 0) problems.push(`Issue ${n} (${label}): maximum − minimum must be a multiple of the step.`);
      else if ((max - min) / step + 1 > 1001) problems.push(`Issue ${n} (${label}): at most 1001 values.`);
      issue.range = { min, max, step };
    } else {
      const options = d.options.split('\n').map((o) => o.trim()).filter(Boolean);
      if (options.length < 2 || options.length > 64) problems.push(`Issue ${n} (${label}): give 2 to 64 options, one per line.`);
      if (new Set(options).size !== options.length) problems.push(`Issue ${n} (${label}): options must be distinct.`);
      if (options.some((o) => o.length > 80)) problems.push(`Issue ${n} (${label}): an option has at most 80 characters.`);
      issue.options = options;
    }
    return issue;
  });
  if (new Set(issues.map((i) => i.id)).size !== issues.length) problems.push('Issue ids must be distinct.');
  const names = {};
  draft.parties.forEach((p, i) => {
    const id = p.trim();
    const name = (draft.names?.[i] ?? '').trim();
    if (!id || !name) return;
    if ([...name].length > 60 || /[\u0000-\u001f\u007f]/.test(name)) problems.push(`Display name of ${id}: use 1 to 60 characters, on one line.`);
    names[id] = name;
  });
  // people read "Lina" and "lina" alike: the server refuses names that differ only in case
  const shown = parties.map((id) => (names[id] ?? id).toLowerCase());
  if (new Set(parties).size === parties.length && new Set(shown).size !== shown.length) problems.push('Each party needs a display name of its own (a name may not repeat another party\'s name or id).');
  return { agenda: { title, parties, issues }, names, problems };
}

function draftFrom(agenda) {
  return {
    title: agenda.title,
    parties: [...agenda.parties],
    names: agenda.parties.map(() => ''),
    privacy: 2000,
    issues: agenda.issues.map((i) => ({
      id: i.id,
      label: i.label,
      unit: i.unit ?? '',
      kind: i.range ? 'range' : 'options',
      options: (i.options ?? []).join('\n'),
      min: i.range?.min ?? 0,
      max: i.range?.max ?? 10,
      step: i.range?.step ?? 1,
    })),
  };
}

export function inviteLink(roomId, token) {
  return `${location.origin}/#room=${encodeURIComponent(roomId)}&token=${encodeURIComponent(token)}`;
}

async function copy(text, button, label = 'Copy') {
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    // clipboard API refused (no permission, not a secure context): select and copy instead
    const input = button.closest('[data-invite]')?.querySelector('input');
    input?.select();
    document.execCommand?.('copy');
  }
  button.textContent = 'Copied';
  setTimeout(() => {
    button.textContent = label;
  }, 2000);
}

/** Mounts the create-room screen into `root`. */
export function mountCreate(root) {
  let draft = draftFrom(TEMPLATES[0].agenda);
  let created = null;
  let problems = [];
  let busy = false;
  // the links exist only on this screen: warn before the page goes while some were never copied
  const copied = new Set();
  const unsaved = () => created && copied.size < created.agenda.parties.length + 1;
  window.addEventListener('beforeunload', (e) => {
    if (!unsaved() || !root.isConnected || root.closest('[hidden]')) return;
    e.preventDefault();
    e.returnValue = '';
  });

  function field(labelText, input, hint) {
    const id = input.id || uid();
    input.id = id;
    const hintId = hint ? `${id}-hint` : undefined;
    if (hintId) input.setAttribute('aria-describedby', hintId);
    return h('div', { class: 'field' }, h('label', { for: id, text: labelText }), input, hint && h('small', { id: hintId, text: hint }));
  }

  function issueEditor(issue, i) {
    const key = `issue-${i}`;
    const onInput = (prop) => (e) => {
      issue[prop] = e.target.value;
    };
    const kindName = uid('kind');
    const kindChoice = (value, text) =>
      h('label', { class: 'inline' },
        h('input', {
          type: 'radio', name: kindName, value, checked: issue.kind === value, data: { key: `${key}-kind-${value}` },
          on: { change: () => { issue.kind = value; render(); } },
        }),
        ` ${text}`);
    return h('fieldset', { class: 'issue-editor', data: { issueEditor: i } },
      h('legend', { text: `Issue ${i + 1}` }),
      h('div', { class: 'row' },
        field('Label', h('input', { type: 'text', value: issue.label, maxlength: 200, data: { key: `${key}-label` }, on: { input: onInput('label') } })),
        field('Id', h('input', { type: 'text', value: issue.id, maxlength: 40, pattern: '[a-z0-9_\\-]{1,40}', data: { key: `${key}-id` }, on: { input: onInput('id') } }), 'lowercase, digits, - or _'),
        field('Unit (optional)', h('input', { type: 'text', value: issue.unit, maxlength: 20, data: { key: `${key}-unit` }, on: { input: onInput('unit') } }))),
      h('div', { class: 'kind', role: 'radiogroup', 'aria-label': `Kind of issue ${i + 1}` },
        kindChoice('options', 'A list of options'), kindChoice('range', 'A numeric range')),
      issue.kind === 'range'
        ? h('div', { class: 'row' },
            ['min', 'max', 'step'].map((prop) =>
              field({ min: 'Minimum', max: 'Maximum', step: 'Step' }[prop],
                h('input', { type: 'number', value: issue[prop], step: 1, data: { key: `${key}-${prop}` }, on: { input: onInput(prop) } }))))
        : field('Options, one per line', h('textarea', { rows: 3, value: issue.options, data: { key: `${key}-options` }, on: { input: onInput('options') } })),
      h('div', { class: 'row actions' },
        h('button', { type: 'button', disabled: i === 0, data: { key: `${key}-up` }, on: { click: () => { move(i, -1); } } }, 'Move up'),
        h('button', { type: 'button', disabled: i === draft.issues.length - 1, data: { key: `${key}-down` }, on: { click: () => { move(i, 1); } } }, 'Move down'),
        h('button', { type: 'button', class: 'danger', disabled: draft.issues.length <= 1, data: { key: `${key}-remove` }, on: { click: () => { draft.issues.splice(i, 1); render(); } } }, `Remove issue ${i + 1}`)));
  }

  function move(i, by) {
    const [issue] = draft.issues.splice(i, 1);
    draft.issues.splice(i + by, 0, issue);
    render();
  }

  async function create() {
    const { agenda, names, problems: found } = agendaFromDraft(draft);
    problems = found;
    if (problems.length) {
      render();
      root.querySelector('[data-problems]')?.focus();
      return;
    }
    busy = true;
    render();
    try {
      const body = { ...agenda, privacy: { band: draft.privacy } };
      if (Object.keys(names).length) body.names = names;
      const answer = await api.createRoom(body);
      created = { ...answer, agenda, names, privacy: draft.privacy };
    } catch (e) {
      problems = [e.message];
    }
    busy = false;
    render();
    root.querySelector(created ? '[data-invites] h1' : '[data-problems]')?.focus();
  }

  /** The room's privacy level: how finely the others can tell each party's walk-away point. */
  function privacyChoice() {
    const name = uid('privacy');
    return h('fieldset', { class: 'privacy-choice', data: { privacyChoice: '' } },
      h('legend', { text: 'Privacy of walk-away points' }),
      h('p', { class: 'muted', text: 'The room never shows anyone\'s walk-away point, but what it proposes says something about it. Choose how much. Every party sees the choice.' }),
      h('ul', { class: 'plain' }, PRIVACY_LEVELS.map((level) => {
        const id = uid('level');
        return h('li', { class: 'choice' },
          h('input', { id, type: 'radio', name, value: String(level.band), checked: draft.privacy === level.band, data: { key: `privacy-${level.band}`, privacyOption: level.band },
            on: { change: () => { draft.privacy = level.band; } } }),
          h('label', { for: id }, h('strong', { text: `${level.name}${level.band === 2000 ? ' (recommended)' : ''}: ` }), level.words));
      })));
  }

  function editor() {
    const templateSelect = h('select', { data: { key: 'template', template: '' } },
      TEMPLATES.map((t) => h('option', { value: t.id, text: t.name })),
      h('option', { value: 'blank', text: 'Blank agenda' }));
    // novalidate: the app's own list of problems explains a refused value in words, where the
    // browser would only say "match the requested format"
    return h('form', { class: 'card', novalidate: true, data: { agendaEditor: '' }, on: { submit: (e) => { e.preventDefault(); create(); } } },
      h('h1', { text: 'Create a negotiation room' }),
      h('p', { text: 'Set out what is being negotiated: the parties and the issues. Everything on this form is public to everyone in the room. Each party enters its private interests later, inside the room.' }),
      h('div', { class: 'row' },
        field('Start from a template', templateSelect),
        h('div', { class: 'field end' },
          h('button', { type: 'button', data: { key: 'use-template', useTemplate: '' }, on: { click: () => {
            const t = TEMPLATES.find((x) => x.id === templateSelect.value);
            draft = draftFrom(t ? clone(t.agenda) : blankAgenda());
            problems = [];
            render();
          } } }, 'Use this template'))),
      field('Title', h('input', { type: 'text', value: draft.title, maxlength: 200, required: true, data: { key: 'title', agendaTitle: '' }, on: { input: (e) => { draft.title = e.target.value; } } })),
      h('fieldset', {},
        h('legend', { text: 'Parties (2 to 8)' }),
        h('ul', { class: 'plain' }, draft.parties.map((p, i) =>
          h('li', { class: 'row wrap' },
            field(`Party ${i + 1} id`, h('input', { type: 'text', value: p, maxlength: 32, pattern: '[a-z0-9_\\-]{1,32}', data: { key: `party-${i}`, partyName: i }, on: { input: (e) => { draft.parties[i] = e.target.value; } } }), 'lowercase, in invite links'),
            field(`Party ${i + 1} display name (optional)`, h('input', { type: 'text', value: draft.names[i] ?? '', maxlength: 60, placeholder: p, data: { key: `party-${i}-display`, partyDisplayName: i }, on: { input: (e) => { draft.names[i] = e.target.value; } } }), 'shown to everyone instead of the id'),
            h('div', { class: 'field end' },
              h('button', { type: 'button', class: 'danger', disabled: draft.parties.length <= 2, data: { key: `party-${i}-remove` }, on: { click: () => { draft.parties.splice(i, 1); draft.names.splice(i, 1); render(); } } }, `Remove party ${i + 1}`))))),
        h('button', { type: 'button', disabled: draft.parties.length >= 8, data: { key: 'add-party' }, on: { click: () => { draft.parties.push(`party-${draft.parties.length + 1}`); draft.names.push(''); render(); } } }, 'Add a party')),
      privacyChoice(),
      h('h2', { text: 'Issues' }),
      draft.issues.map(issueEditor),
      h('button', { type: 'button', data: { key: 'add-issue' }, on: { click: () => {
        const n = draft.issues.length + 1;
        draft.issues.push({ id: `issue-${n}`, label: `Issue ${n}`, unit: '', kind: 'options', options: 'option 1\noption 2', min: 0, max: 10, step: 1 });
        render();
      } } }, 'Add an issue'),
      problems.length
        ? h('div', { class: 'problems', role: 'alert', tabindex: -1, data: { problems: '' } },
            h('p', { text: 'Please fix these first:' }), h('ul', {}, problems.map((p) => h('li', { text: p }))))
        : null,
      h('p', {}, h('button', { type: 'submit', class: 'primary', disabled: busy, data: { key: 'create', createRoom: '' } }, busy ? 'Creating…' : 'Create the room')));
  }

  function invites() {
    const roles = [...created.agenda.parties, 'mediator'];
    return h('section', { class: 'card', data: { invites: '' }, 'aria-labelledby': 'invites-title' },
      h('h1', { id: 'invites-title', tabindex: -1, text: `Room created: ${created.agenda.title}` }),
      h('p', { class: 'warning', role: 'note' },
        h('strong', { text: 'These links are shown only once. ' }),
        'Copy each one now and send it privately to its holder: whoever opens a party\'s link speaks for that party, and the server keeps no copy it could show again. The mediator link lets a mediator follow and replay the room without taking part.'),
      h('ul', { class: 'plain invites' }, roles.map((role) => {
        const link = inviteLink(created.roomId, created.invites[role]);
        const id = uid('invite');
        return h('li', { class: 'invite', data: { invite: role } },
          h('label', { for: id, text: role === 'mediator' ? 'Mediators' : `Party: ${created.names[role] ? `${created.names[role]} (${role})` : role}` }),
          h('div', { class: 'row' },
            h('input', { id, type: 'text', readonly: true, value: link, data: { inviteLink: role }, on: { focus: (e) => e.target.select() } }),
            h('button', { type: 'button', data: { copy: role }, on: { click: (e) => { copied.add(role); copy(link, e.currentTarget); } } }, 'Copy'),
            h('a', { href: link, target: '_blank', rel: 'noopener noreferrer', text: `Open as ${created.names[role] ?? role}` })));
      })),
      h('p', { class: 'row' },
        h('button', { type: 'button', class: 'primary', data: { copyAll: '' }, on: { click: (e) => {
          for (const role of roles) copied.add(role);
          const all = roles.map((role) => `${role === 'mediator' ? 'Mediators' : created.names[role] ?? role}: ${inviteLink(created.roomId, created.invites[role])}`).join('\n');
          copy(all, e.currentTarget, 'Copy all links');
        } } }, 'Copy all links'),
        h('button', { type: 'button', on: { click: () => {
          if (unsaved() && !confirm('Some links were never copied, and they cannot be shown again. Leave anyway?')) return;
          created = null;
          copied.clear();
          render();
        } } }, 'Create another room')));
  }

  function render() {
    replace(root, created ? invites() : editor());
  }
  render();
}
