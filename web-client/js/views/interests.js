// The private interests editor, for someone who has no numbers yet: each issue's options put in
// order (their worths follow, adjustable), the weights found by answering trade-off questions
// or set with sliders and said in plain words, and the walk-away point set by choosing "the least
// you would still take". Limits and aspiration as before, with a live preview computed here by the
// same integer rules the server uses. Nothing here leaves the browser until "Submit", and then
// only the resulting interests (docs/web-client.md).
import { h, replace, uid } from '../dom.js';
import { optionText, optionsOf, percent, points } from '../format.js';
import { needsInterests } from '../reduce.js';
import { acceptableToMe, countAcceptable, rebalance, utilityOf, withinLimits } from '../utility.js';
import { rangeValues } from '../elicit/model.js';
import { evenlySpaced, orderList, orderOf, rangeChoice, rangeSpecOf, rangeSpecValues } from '../elicit/order-view.js';
import { questionsPanel } from '../elicit/questions-view.js';
import { complete, remember, remembered, statusWords, walkAwayPicker } from '../elicit/walkaway-view.js';
import { weightWords } from '../elicit/words.js';
import { hardLimits, numberField } from './interest-limits.js';

function defaults(agenda) {
  const ids = agenda.issues.map((i) => i.id);
  const weights = {};
  ids.forEach((id, k) => {
    weights[id] = Math.floor(100 / ids.length) + (k < 100 % ids.length ? 1 : 0);
  });
  const values = {};
  for (const issue of agenda.issues) {
    // the agenda's order, evenly spaced, until the person puts them in theirs
    if (issue.range) values[issue.id] = 'low';
    else values[issue.id] = evenlySpaced(issue.options);
  }
  return { weights, values, floor: 5000, limits: {}, aspiration: null, walkAway: {}, byHand: new Set() };
}

function fromInterests(agenda, interests) {
  const d = defaults(agenda);
  for (const issue of agenda.issues) {
    d.weights[issue.id] = interests.weights?.[issue.id] ?? 0;
    const v = interests.values?.[issue.id];
    if (v !== undefined) d.values[issue.id] = typeof v === 'string' ? v : { ...d.values[issue.id], ...v };
    if (interests.limits?.[issue.id]) d.limits[issue.id] = JSON.parse(JSON.stringify(interests.limits[issue.id]));
  }
  d.floor = interests.floor ?? 0;
  d.aspiration = interests.aspiration ?? null;
  return d;
}

/** The interests as the protocol wants them: values and limits only where they matter. */
export function interestsFromDraft(agenda, d) {
  const out = { weights: {}, values: {}, floor: d.floor };
  for (const issue of agenda.issues) {
    const w = d.weights[issue.id] ?? 0;
    out.weights[issue.id] = w;
    if (w > 0) out.values[issue.id] = d.values[issue.id];
    const limit = d.limits[issue.id];
    if (limit) {
      const clean = {};
      if (Number.isInteger(limit.min)) clean.min = limit.min;
      if (Number.isInteger(limit.max)) clean.max = limit.max;
      if (limit.exclude?.length) clean.exclude = limit.exclude;
      if (Object.keys(clean).length) {
        out.limits = out.limits ?? {};
        out.limits[issue.id] = clean;
      }
    }
  }
  if (Number.isInteger(d.aspiration)) out.aspiration = d.aspiration;
  return out;
}

/** "55.55" -> 5555; "" -> null. */
function basisPoints(text) {
  if (String(text).trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? Math.round(n * 100) : NaN;
}

function bpText(bp) {
  return bp === null || bp === undefined ? '' : (bp / 100).toFixed(2);
}

export function mountInterests(root, ctx) {
  let agenda = null;
  let draft = null;
  let touched = false;
  let auto = true;
  let loadedVersion = -1;
  let submittedVersion = 0;
  let stale = false; // submitted, but on an earlier agenda
  let tryPackage = {};
  const weightInputs = {};
  let previewEl;
  let sumEl;
  let wordsEl;
  let statusEl;
  let floorInput;
  let submitButton;
  let pending = 0;
  let party = null;
  let alternative = '';
  // the weights the person set, oldest first: auto-balance moves the others
  let setByHand = [];
  const liveEl = h('p', { class: 'visually-hidden', 'aria-live': 'polite', data: { orderNews: '' } });
  const questions = questionsPanel({
    agenda: () => agenda,
    shapes,
    base: questionBase,
    apply: (interests, refocus = true) => {
      Object.assign(draft.weights, interests.weights);
      for (const issue of agenda.issues) {
        if (!issue.range && !draft.byHand.has(issue.id)) draft.values[issue.id] = interests.values[issue.id];
      }
      setByHand = [];
      touched = true;
      build(refocus);
    },
  });

  // a reload would drop edits not yet submitted: the browser asks first
  window.addEventListener('beforeunload', (e) => {
    if (touched && !ctx.readOnly) {
      e.preventDefault();
      e.returnValue = '';
    }
  });

  const ids = () => agenda.issues.map((i) => i.id);
  const sum = () => ids().reduce((a, id) => a + (draft.weights[id] ?? 0), 0);

  /** What the questions may fit: an order's steps, unless the person typed the worths. */
  function shapes() {
    const out = {};
    for (const issue of agenda.issues) {
      const v = draft.values[issue.id];
      if (issue.range) out[issue.id] = { values: typeof v === 'string' ? rangeValues(issue, v) : v, spec: typeof v === 'string' ? v : undefined };
      else out[issue.id] = draft.byHand.has(issue.id) ? { values: v } : { order: orderOf(issue, v) };
    }
    return out;
  }

  /** The issues a question leaves alone stay at the walk-away package, else at a middle option. */
  function questionBase() {
    return Object.fromEntries(agenda.issues.map((issue) => {
      const options = optionsOf(issue);
      return [issue.id, draft.walkAway[issue.id] ?? options[Math.floor((options.length - 1) / 2)]];
    }));
  }

  function rememberWalkAway() {
    if (ctx.roomId && party) remember(ctx.roomId(), party, { alternative, pkg: draft.walkAway });
  }

  function problems() {
    const out = [];
    const total = sum();
    if (total !== 100) out.push(`The weights add up to ${total}; they must add up to exactly 100.`);
    if (!Number.isInteger(draft.floor) || draft.floor < 0 || draft.floor > 10000) out.push('The walk-away point must be a score between 0 and 100.');
    if (draft.aspiration !== null && (!Number.isInteger(draft.aspiration) || draft.aspiration < 0 || draft.aspiration > 10000)) out.push('The aspiration must be between 0 and 100 %, or empty.');
    for (const issue of agenda.issues) {
      const v = draft.values[issue.id];
      if (typeof v === 'object' && Object.values(v).some((x) => !Number.isInteger(x) || x < 0 || x > 100)) out.push(`${issue.label}: each worth is a whole number from 0 to 100.`);
    }
    return out;
  }

  function schedulePreview() {
    if (pending) return;
    pending = requestAnimationFrame(() => {
      pending = 0;
      preview();
    });
  }

  function touch() {
    touched = true;
    schedulePreview();
  }

  /** The walk-away package's score is the walk-away point, whatever the weights now are. */
  function followWalkAway() {
    const pkg = complete(agenda, draft.walkAway);
    if (!pkg) return;
    draft.floor = utilityOf(agenda, interestsFromDraft(agenda, draft), pkg);
    if (floorInput && document.activeElement !== floorInput) floorInput.value = bpText(draft.floor);
  }

  function preview() {
    followWalkAway();
    const total = sum();
    sumEl.textContent = total === 100 ? 'The weights add up to 100.' : `The weights add up to ${total}: they must add up to exactly 100.`;
    sumEl.dataset.ok = String(total === 100);
    wordsEl.textContent = weightWords(agenda, draft.weights);
    const walkAway = complete(agenda, draft.walkAway);
    statusEl.textContent = statusWords(walkAway, draft.floor);
    const found = problems();
    submitButton.disabled = found.length > 0 || ctx.readOnly;
    const interests = interestsFromDraft(agenda, draft);
    const u = utilityOf(agenda, interests, tryPackage);
    const outside = agenda.issues.filter((issue) => !withinLimits(issue, tryPackage[issue.id], interests)).map((i) => i.label);
    const ok = acceptableToMe(agenda, interests, tryPackage);
    const lines = [
      h('p', {}, 'Your score for this package: ', h('strong', { data: { previewUtility: '' }, text: percent(u) }),
        ` (${points(u - interests.floor).slice(1)} ${u >= interests.floor ? 'above' : 'below'} your walk-away point${Number.isInteger(interests.aspiration) ? `; ${u >= interests.aspiration ? 'meets' : 'short of'} your aspiration` : ''}).`),
      outside.length ? h('p', { text: `Outside your limits on: ${outside.join(', ')}.` }) : null,
      h('p', { text: ok ? 'You would accept this package.' : 'You would not accept this package.' }),
    ];
    if (total === 100) {
      const { acceptable, total: all, exact } = countAcceptable(agenda, interests);
      const share = all > 0 ? Math.round((100 * acceptable) / all) : 0;
      lines.push(h('p', { data: { acceptableCount: '' }, text: `${exact ? '' : 'About '}${acceptable.toLocaleString('en')} of ${all.toLocaleString('en')} possible packages clear your walk-away point and limits (${share} %).` }));
    }
    if (found.length) lines.push(h('ul', { class: 'problems' }, found.map((p) => h('li', { text: p }))));
    replace(previewEl, ...lines);
  }

  function setWeight(id, value) {
    const v = Math.max(0, Math.min(100, Math.round(Number(value) || 0)));
    setByHand = setByHand.filter((k) => k !== id);
    // once every other weight was set by hand, the oldest of them gives way
    if (setByHand.length >= ids().length - 1) setByHand.shift();
    if (auto) Object.assign(draft.weights, rebalance(draft.weights, ids(), id, v, setByHand));
    else draft.weights[id] = v;
    setByHand.push(id);
    for (const [k, inputs] of Object.entries(weightInputs)) {
      for (const input of inputs) if (document.activeElement !== input || k !== id) input.value = draft.weights[k];
    }
    touch();
  }

  function weightRow(issue) {
    const w = draft.weights[issue.id] ?? 0;
    const sliderId = uid('w');
    const slider = h('input', { id: sliderId, type: 'range', min: 0, max: 100, step: 1, value: w, data: { weightSlider: issue.id },
      on: { input: (e) => setWeight(issue.id, e.target.value) } });
    const numberId = uid('wn');
    const number = h('input', { id: numberId, type: 'number', min: 0, max: 100, step: 1, value: w, class: 'short', data: { weight: issue.id },
      on: { input: (e) => { if (e.target.value !== '') setWeight(issue.id, e.target.value); } } });
    weightInputs[issue.id] = [slider, number];
    return h('div', { class: 'weight' },
      h('label', { for: sliderId, text: issue.label }),
      slider,
      h('label', { for: numberId, class: 'visually-hidden', text: `Weight of ${issue.label}, as a number` }),
      number);
  }

  function issueFieldset(issue) {
    const values = issue.range
      ? rangeChoice(issue, {
        spec: () => rangeSpecOf(issue, draft.values[issue.id]),
        set: (spec) => { draft.values[issue.id] = rangeSpecValues(issue, spec); touch(); queueMicrotask(questions.reshape); },
      })
      : orderList(issue, {
        values: () => draft.values[issue.id],
        set: (values, byHand) => {
          draft.values[issue.id] = values;
          if (byHand) draft.byHand.add(issue.id);
          else draft.byHand.delete(issue.id);
          touch();
          // questions under way go on under the new order, once the move has been drawn
          if (!byHand) queueMicrotask(questions.reshape);
        },
      }, (news) => { liveEl.textContent = news; });

    const limit = draft.limits[issue.id] ?? {};
    const limits = hardLimits(issue, draft, touch);
    const hasLimit = Boolean(limit.min !== undefined || limit.max !== undefined || limit.exclude?.length);
    const headId = uid('issue');
    return h('div', { class: 'issue', role: 'group', 'aria-labelledby': headId },
      h('div', { class: 'issue-head' },
        h('h4', { id: headId, text: issue.label }),
        // hard limits are rare: folded away unless set, their summary beside the issue's name
        h('details', { class: 'limits', open: hasLimit, data: { limits: issue.id } },
          h('summary', {}, 'Hard limits', h('span', { class: 'visually-hidden', text: ` on ${issue.label} (optional)` })),
          limits)),
      values);
  }

  function tryPicker() {
    return h('fieldset', { class: 'try' },
      h('legend', { text: 'Try a package' }),
      h('div', { class: 'row wrap' }, agenda.issues.map((issue) => {
        const id = uid('try');
        return h('div', { class: 'field' },
          h('label', { for: id, text: issue.label }),
          h('select', { id, data: { try: issue.id }, on: { change: (e) => {
            const options = optionsOf(issue);
            tryPackage[issue.id] = options[Number(e.target.value)];
            schedulePreview();
          } } }, optionsOf(issue).map((o, k) => h('option', { value: k, selected: tryPackage[issue.id] === o, text: optionText(issue, o) }))));
      })));
  }

  function walkAwaySection() {
    const picker = walkAwayPicker(agenda, {
      pkg: () => draft.walkAway,
      choose: (id, option) => {
        if (option === undefined) delete draft.walkAway[id];
        else draft.walkAway[id] = option;
        rememberWalkAway();
        touch();
      },
      alternative: () => alternative,
      setAlternative: (text) => {
        alternative = text;
        rememberWalkAway();
      },
    });
    statusEl = picker.status;
    return picker.element;
  }

  async function submit(e) {
    e.preventDefault();
    if (problems().length) return;
    const interests = interestsFromDraft(agenda, draft);
    submitButton.disabled = true;
    const ok = await ctx.send({ type: 'submitInterests', interests }, 'Your interests were submitted. The room proposes a new round once every party has submitted.');
    if (ok) touched = false;
    submitButton.disabled = false;
  }

  function build(refocus = true) {
    for (const k of Object.keys(weightInputs)) delete weightInputs[k];
    sumEl = h('p', { class: 'sum', role: 'status', data: { weightSum: '' } });
    wordsEl = h('p', { class: 'weight-words', data: { weightWords: '' } });
    previewEl = h('div', { class: 'preview', 'aria-live': 'polite', data: { preview: '' } });
    submitButton = h('button', { type: 'submit', class: 'primary', data: { submitInterests: '', key: 'submit-interests' } }, 'Submit my interests privately');
    const autoId = uid('auto');
    const floorField = numberField('Walk-away point (score 0-100)', { class: 'short', min: 0, max: 100, step: 0.01, value: bpText(draft.floor), required: true, data: { floor: '' },
      on: { input: (e) => {
        // a typed number replaces the package: the package no longer sets it
        draft.floor = basisPoints(e.target.value) ?? NaN;
        draft.walkAway = {};
        for (const select of root.querySelectorAll('[data-walk-away]')) select.value = '';
        rememberWalkAway();
        touch();
      } } }, 'Or type it. Never shown to others.');
    floorInput = floorField.querySelector('input');
    replace(root,
      h('p', { class: 'private-note' }, h('strong', { text: 'Private. ' }),
        'Only you see this, and mediators if you unseal; others, only that you submitted.'),
      submittedVersion ? h('p', { data: { submittedVersion: '' }, text: `You have submitted version ${submittedVersion}. Changes below replace it once you submit again.` }) : null,
      h('details', { class: 'editor', open: !submittedVersion || stale, data: { interestsEditor: '' } },
      h('summary', { text: submittedVersion ? 'Review or change your interests' : 'Enter your interests' }),
      h('form', { class: 'interests-form', on: { submit } },
        h('div', { class: 'editor-main' },
        h('h3', { text: 'Your options, best first' }),
        h('p', { class: 'muted', text: 'Drag, or arrow keys on ⇅. Worths (0-100) follow; change any.' }),
        liveEl,
        agenda.issues.map(issueFieldset),
        h('h3', { text: 'How much each issue matters' }),
        wordsEl,
        questions.element,
        h('div', { class: 'weights' }, agenda.issues.map(weightRow)),
        h('div', { class: 'inline' },
          h('input', { id: autoId, type: 'checkbox', checked: auto, data: { autoBalance: '' }, on: { change: (e) => { auto = e.target.checked; } } }),
          h('label', { for: autoId, text: ' Keep the sum at 100 (the weights you have not set give way)' })),
        ),
        // beside the editor on a wide screen, and sticky: the preview stays in view while the sliders move
        h('aside', { class: 'editor-side', 'aria-label': 'Where you stand, and a live preview' },
        h('h3', { text: 'Where you stand' }),
        walkAwaySection(),
        h('div', { class: 'row' },
          floorField,
          numberField('Aspiration (score 0-100, optional)', { class: 'short', min: 0, max: 100, step: 0.01, value: bpText(draft.aspiration), data: { aspiration: '' },
            on: { input: (e) => { draft.aspiration = basisPoints(e.target.value); touch(); } } }, 'At or above it: a win.')),
          tryPicker(),
          previewEl),
        // the primary action stays in sight at the bottom of the window while the form is,
        // whatever the height of the preview beside it
        h('div', { class: 'submit-bar', data: { submitBar: '' } }, sumEl, submitButton))));
    preview();
    if (refocus) questions.refocus();
  }

  return {
    update(view) {
      if (!view.agenda) return;
      party = view.role;
      const own = view.parties.find((p) => p.name === view.role);
      submittedVersion = own?.interestsVersion ?? 0;
      stale = submittedVersion > 0 && needsInterests(view, own);
      // an amendment replaces the agenda: the editor starts again from what the server holds
      const first = agenda === null || agenda !== view.agenda;
      agenda = view.agenda;
      if (first) {
        for (const issue of agenda.issues) if (!(issue.id in tryPackage)) tryPackage[issue.id] = optionsOf(issue)[0];
        questions.reset();
      }
      // Load what the server holds unless the person is in the middle of editing.
      if (first || (!touched && view.interests && submittedVersion !== loadedVersion)) {
        draft = view.interests ? fromInterests(agenda, view.interests) : defaults(agenda);
        const kept = ctx.roomId ? remembered(ctx.roomId(), party) : {};
        alternative = kept.alternative ?? '';
        for (const issue of agenda.issues) {
          const option = kept.pkg?.[issue.id];
          if (optionsOf(issue).includes(option)) draft.walkAway[issue.id] = option;
        }
        loadedVersion = view.interests ? submittedVersion : -1;
        build();
      } else {
        const note = root.querySelector('[data-submitted-version]');
        if (note) note.textContent = `You have submitted version ${submittedVersion}. Changes below replace it once you submit again.`;
        else if (submittedVersion && !touched) build();
      }
    },
  };
}
