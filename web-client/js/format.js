// Turning the room's numbers and packages into words a person reads.

/** 7375 -> "73.75 %" (utilities are basis points). */
export function percent(bp) {
  if (bp === undefined || bp === null) return '–';
  return `${(bp / 100).toFixed(2)} %`;
}

/** A signed difference in percentage points: 250 -> "+2.50 points". */
export function points(diff) {
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  return `${sign}${(Math.abs(diff) / 100).toFixed(2)} points`;
}

/** "5000 USD" for a range issue with a unit, the option itself otherwise. */
export function optionText(issue, option) {
  if (option === undefined || option === null) return '–';
  return issue.unit ? `${option} ${issue.unit}` : String(option);
}

/** One line: "Price 5000 USD · Support 1 year · ...". */
export function packageLine(agenda, pkg) {
  return agenda.issues
    .filter((issue) => pkg && issue.id in pkg)
    .map((issue) => `${issue.label}: ${optionText(issue, pkg[issue.id])}`)
    .join(' · ');
}

/** The options of an issue, as the protocol lists them (numbers for ranges). */
export function optionsOf(issue) {
  if (issue.options) return issue.options;
  const { min, max, step } = issue.range;
  const out = [];
  for (let x = min; x <= max; x += step) out.push(x);
  return out;
}

export const OUTCOME_WORDS = {
  win: 'a win: at or above your aspiration',
  'not-lose': 'acceptable: at or above your walk-away point, below your aspiration',
  lose: 'a loss: below your walk-away point',
};

export const RULE_WORDS = {
  balanced:
    'The balanced point: of all packages, this one gives every party a good score at once (the room multiplies the scores and takes the largest result), and no package is better for everyone. It clears every walk-away point and limit.',
  frontier:
    'Acceptable to every party (it clears every walk-away point and limit), and no acceptable package is better for every party. The room picks among such packages, favouring those that give every party a good score at once.',
  improvement:
    'The room\'s improvement on the agreement: every party prefers this package to it, judged on the interests of the last round.',
};

export function ruleWords(rule) {
  return RULE_WORDS[rule] ?? `Found by: ${rule}`;
}

/**
 * Letters for the room's proposals: Proposal A | Proposal B. "Offer" is kept for what a party
 * puts on the table, so a name says who made the package.
 */
export function mesoName(index) {
  return `Proposal ${String.fromCharCode(65 + index)}`;
}

/** A ref as the screen names it: a round's proposal by its letter ("Proposal A of round 1"), any other ref as it is. */
export function refWords(ref) {
  const proposal = /^p(\d+)-(\d+)$/.exec(ref ?? '');
  return proposal ? `${mesoName(Number(proposal[2]) - 1)} of round ${proposal[1]}` : ref;
}

export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString();
}

/** A party's display name, chosen when the room was created; the id itself in older rooms. Frames keep ids. */
export function nameOf(view, id) {
  if (id === 'mediator') return 'the mediator';
  return view?.names?.[id] ?? id;
}

/** What a band of `band` points lets the others tell of a walk-away point, in words. */
export function bandWords(band) {
  return band === 0
    ? 'they could work out your walk-away point exactly from what the room proposes'
    : `they could tell your walk-away point to within ${band / 100} points`;
}

/** The privacy levels a room can be created with, each in one plain sentence. */
export const PRIVACY_LEVELS = [
  { band: 3000, name: 'Strong', words: 'the others can tell your walk-away point only to within 30 points of 100. The room may miss a narrow deal in public; safe offers, shown to each party alone, can still find it.' },
  { band: 2000, name: 'Standard', words: 'the others can tell your walk-away point only to within 20 points of 100.' },
  { band: 1000, name: 'Light', words: 'the others can tell your walk-away point to within 10 points of 100. The room finds more deals in public.' },
  { band: 0, name: 'Exact', words: 'for parties who trust each other. Walk-away points are used as entered, so the room finds every deal, and the others may work yours out from what it proposes.' },
];

/** "Standard (within 20 points)" for a room's level. */
export function privacyName(band) {
  const level = PRIVACY_LEVELS.find((l) => l.band === band);
  return level ? level.name : `${band / 100}-point bands`;
}
