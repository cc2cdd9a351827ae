// The private interests editor, for someone who has no numbers yet: each issue's options put in
// order (their worths follow, adjustable), the weights found by answering trade-off questions
// or set with sliders and said in plain words, and the walk-away point set by choosing "the least
// you would still take". Limits and aspiration as before, with a live preview computed here by the
// same integer rules the server uses. Nothing here leaves the browser until "Submit", and then
// only the resulting interests (docs/web-client.md).
import { h, replace, uid } from '../dom.js';
import { optionText, optionsOf, percent, points } from '../format.js';
import { needsInterests } from '../reduce.js';
import { acceptableToMe, countAcceptable, utilityOf, withinLimits } from '../utility.js';
import { rangeValues } from '../elicit/model.js';
import { orderList, orderOf, rangeChoice, rangeSpecOf, rangeSpecValues } from '../elicit/order-view.js';
import { questionsPanel } from '../elicit/questions-view.js';
import { complete, remember, remembered, statusWords, walkAwayPicker } from '../elicit/walkaway-view.js';
import { weightWords } from '../elicit/words.js';
import { basisPoints, bpText, defaults, fromInterests, interestsFromDraft, problemsOf } from './interest-draft.js';
import { hardLimits, numberField } from './interest-limits.js';
import { weightSliders } from './interest-weights.js';

export function mountInterests(root, ctx) {
  let agenda = null;
  let draft = null;
  let touched = false;
  let loadedVersion = -1;
  let submittedVersion = 0;
  let stale = false; // submitted, but on an earlier agenda
  let tryPackage = {};
  let previewEl;
  let sumEl;
  let wordsEl;
  let statusEl;
  let floorInput;
  let submitButton;
  let pending = 0;
  let party = null;
  let alternative = '';
  const liveEl = h('p', { class: 'visually-hidden', 'aria-live': 'polite', data: { orderNews: '' } });
  const sliders = weightSliders({ agenda: () => agenda, draft: () => draft, touch: () => touch() });
  const questions = questionsPanel({
    agenda: () => agenda,
    shapes,
    base: questionBase,
    apply: (interests, refocus = true) => {
      Object.assign(draft.weights, interests.weights);
      for (const issue of agenda.issues) {
        if (!issue.range && !draft.byHand.has(issue.id)) draft.values[issue.id] = interests.values[issue.id];
      }
      sliders.forget();
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
    const found = problemsOf(agenda, draft);
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
    if (problemsOf(agenda, draft).length) return;
    const interests = interestsFromDraft(agenda, draft);
    submitButton.disabled = true;
    const ok = await ctx.send({ type: 'submitInterests', interests }, 'Your interests were submitted. The room proposes a new round once every party has submitted.');
    if (ok) touched = false;
    submitButton.disabled = false;
  }

  function build(refocus = true) {
    sumEl = h('p', { class: 'sum', role: 'status', data: { weightSum: '' } });
    wordsEl = h('p', { class: 'weight-words', data: { weightWords: '' } });
    previewEl = h('div', { class: 'preview', 'aria-live': 'polite', data: { preview: '' } });
    submitButton = h('button', { type: 'submit', class: 'primary', data: { submitInterests: '', key: 'submit-interests' } }, 'Submit my interests privately');
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
        h('p', { class: 'muted', text: 'Tap ⇅ to move an option up, or drag it (arrow keys work too). Worths (0-100) follow; change any.' }),
        liveEl,
        agenda.issues.map(issueFieldset),
        h('h3', { text: 'How much each issue matters' }),
        wordsEl,
        questions.element,
        sliders.element(),
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
